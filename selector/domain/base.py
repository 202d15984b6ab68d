"""Shared model configuration.

Catalogs are written by hand, so the models are strict: an unknown key is a typo the consultant
must hear about, and a quoted number is a mistake rather than something to coerce silently.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict


def _int_as_float(value: object) -> object:
    # TOML writes 3 and 3.0 differently; for a score, threshold or price both mean the same.
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


Number = Annotated[float, BeforeValidator(_int_as_float)]
"""A float field that also takes a TOML integer (but not a quoted number or a boolean)."""


class Strict(BaseModel):
    """Base for every file-backed model: unknown keys and wrong types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)


class Frozen(BaseModel):
    """Base for results: computed once, never edited by a view."""

    model_config = ConfigDict(extra="forbid", frozen=True)
