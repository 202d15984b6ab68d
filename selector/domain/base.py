"""Shared model configuration, and the value types every file-backed field is built from.

Catalogs are written by hand, so the models are strict: an unknown key is a typo the consultant
must hear about, and a quoted number is a mistake rather than something to coerce silently.

Values are checked where they are read, so that `validate` saying OK means ranking and the
report work: numbers are finite and of a size no real score, price or weight reaches (nan, inf
or 10^400 would otherwise pass the file checks and break the engine later), and text has a
length no real name or note reaches (a 2 MB name is a mistake, and would stall the report).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

NUMBER_LIMIT = 1e12
"""The largest magnitude of any number in a file: a million million (of euros, weeks, points)."""

NAME_LIMIT = 200
"""The longest name or label, in characters: a long company name is 80."""

NOTE_LIMIT = 5000
"""The longest note, description or explanation: a page of text (the shipped ones stay under
1,000)."""


def _int_as_float(value: object) -> object:
    # TOML writes 3 and 3.0 differently; for a score, threshold or price both mean the same.
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > NUMBER_LIMIT:  # before float(): 10**400 would overflow
            raise ValueError(_out_of_range(value))
        return float(value)
    return value


def _out_of_range(value: float | int) -> str:
    shown = f"{value:g}" if isinstance(value, float) else f"a {len(str(abs(value)))}-digit number"
    return (
        f"{shown} is out of range: numbers here lie between -{NUMBER_LIMIT:,.0f} and "
        f"{NUMBER_LIMIT:,.0f}"
    )


def _finite(value: float) -> float:
    if math.isnan(value) or math.isinf(value):
        raise ValueError(
            f"must be an ordinary number, got {value} (nan and inf cannot be compared or ranked)"
        )
    if abs(value) > NUMBER_LIMIT:
        raise ValueError(_out_of_range(value))
    return value


Number = Annotated[float, BeforeValidator(_int_as_float), AfterValidator(_finite)]
"""A finite float field that also takes a TOML integer (but not a quoted number or a boolean)."""


def _reasonable(value: object) -> object:
    """Any number finite and in range, any text within the note limit, lists item by item."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > NUMBER_LIMIT:
            raise ValueError(_out_of_range(value))
    elif isinstance(value, float):
        _finite(value)
    elif isinstance(value, str):
        if len(value) > NOTE_LIMIT:
            raise ValueError(f"must be at most {NOTE_LIMIT:,} characters long "
                             f"(this is {len(value):,})")
    elif isinstance(value, list):
        for item in value:
            _reasonable(item)
    return value


Reasonable = AfterValidator(_reasonable)
"""For fields that take several types (an answer: text, number, yes/no or a list): numbers
finite and in range, text within the note limit."""

Name = Annotated[str, Field(max_length=NAME_LIMIT)]
"""A name, label or short phrase: at most NAME_LIMIT characters."""

Note = Annotated[str, Field(max_length=NOTE_LIMIT)]
"""A note, description, explanation or rationale: at most NOTE_LIMIT characters."""

Seed = Annotated[int, Field(ge=0, le=2**63 - 1)]
"""A random seed: a whole number TOML can hold (at most 2**63 - 1), not negative (numpy
refuses negative seeds)."""


class Strict(BaseModel):
    """Base for every file-backed model: unknown keys and wrong types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)


_FIELD_NAME_SETS: dict[frozenset[str], frozenset[str]] = {}


def _shared(names: Iterable[str]) -> frozenset[str]:
    key = frozenset(names)
    return _FIELD_NAME_SETS.setdefault(key, key)


class ReadOnly(BaseModel):
    """Base for models that are never changed once made: catalog entries and results.

    Pydantic keeps, on every instance, the set of field names the input gave: a set of 216 to
    728 bytes, often larger than the values themselves. A market of 5,000 vendor files holds
    400,000 of these models, with a few dozen distinct sets among them (200 MB of sets), so
    read-only models share one frozen set per distinct combination, whether validated, copied
    or read back from the cache. Frozen, so no assignment could try to add to a shared set;
    `model_copy(update=...)` makes its own.
    """

    model_config = ConfigDict(frozen=True)

    def model_post_init(self, context: Any, /) -> None:
        object.__setattr__(self, "__pydantic_fields_set__", _shared(self.__pydantic_fields_set__))

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt by one call (pydantic's own way is four Python calls a model), for the cache
        # of checked catalog files: a 1,000-file catalog is 35,000 models
        return rebuilt, (type(self), self.__dict__, self.__pydantic_fields_set__,
                         self.__pydantic_extra__, self.__pydantic_private__)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Any:
        copied = super().model_copy(deep=deep)
        if update:  # as pydantic does for extra="forbid", with a new shared set of names
            copied.__dict__.update(update)
            names = _shared(copied.__pydantic_fields_set__ | update.keys())
            object.__setattr__(copied, "__pydantic_fields_set__", names)
        return copied


def rebuilt(
    cls: type[ReadOnly], fields: dict[str, Any], names: Iterable[str], extra: Any, private: Any
) -> Any:
    """A read-only model from its pickled parts (it was checked before it was pickled)."""
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", fields)
    object.__setattr__(model, "__pydantic_fields_set__", _shared(names))
    object.__setattr__(model, "__pydantic_extra__", extra)
    object.__setattr__(model, "__pydantic_private__", private)
    return model


class Frozen(ReadOnly):
    """Base for results: computed once, never edited by a view."""

    model_config = ConfigDict(extra="forbid", frozen=True)
