"""Form checks shared by the steps: ids, numbers on a scale, and pydantic's own verdict."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable

from pydantic import BaseModel, ValidationError
from textual.validation import Number, Regex, ValidationResult, Validator

ID_PATTERN = r"^[a-z][a-z0-9_]*$"

# Letters NFKD does not take apart into an ASCII letter plus accents.
TRANSLITERATE = str.maketrans({
    "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ß": "ss", "ẞ": "SS",
    "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L", "œ": "oe", "Œ": "Oe",
    "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H", "ı": "i", "ŋ": "ng", "Ŋ": "Ng",
})


class Check(Validator):
    """`Function` that never raises: a check that fails with an exception is a failed check.

    Validators run on every key press, on whatever half-typed text is in the field ("-", "1.",
    "abc"), so a check like `int(v) >= 1` must answer "invalid" rather than crash the app.
    """

    def __init__(self, function: Callable[[str], bool], failure_description: str) -> None:
        super().__init__(failure_description=failure_description)
        self.function = function

    def validate(self, value: str) -> ValidationResult:
        try:
            ok = bool(self.function(value))
        except Exception:  # noqa: BLE001 - any error in a check means "not valid"
            ok = False
        return self.success() if ok else self.failure(value=value)


class Explained(Validator):
    """A check that says what is wrong: `problem` returns '' for a good value, else the reason
    ("already exists; choose another name or open it instead"), shown as the failure."""

    def __init__(self, problem: Callable[[str], str]) -> None:
        super().__init__()
        self.problem = problem

    def validate(self, value: str) -> ValidationResult:
        try:
            message = self.problem(value)
        except Exception:  # noqa: BLE001 - like Check: an error in a check means "not valid"
            message = "not valid"
        return self.success() if not message else self.failure(message, value)


def whole_number(value: str, minimum: int | None = None) -> bool:
    """Whether `value` is a whole number (at least `minimum`); never raises."""
    try:
        number = int(value.strip())
    except ValueError:
        return False
    return minimum is None or number >= minimum


def id_validators() -> list[Validator]:
    return [Regex(ID_PATTERN, failure_description="lowercase letters, digits and _, "
                  "starting with a letter"),
            Check(lambda v: 2 <= len(v) <= 64, "2–64 characters")]


def slug(name: str, taken: set[str], fallback: str) -> str:
    """An id from a name ('Åsa Ærø' → 'asa_aero'); other scripts get `fallback`, `fallback_2` …

    Common Latin letters are transliterated (æ→ae, ø→o, ß→ss, þ→th, ł→l …) and accents dropped;
    what is left that is not ASCII (Chinese, Arabic, emoji) is dropped, and a name with nothing
    left becomes `person`, then `person_2`, `person_3` … so every id stays unique and readable.
    """
    latin = unicodedata.normalize("NFKD", name.translate(TRANSLITERATE))
    ascii_name = latin.encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    if not base:
        base = fallback
    elif not base[0].isalpha():
        base = f"{fallback}_{base}"
    base = base[:60].rstrip("_")
    if len(base) < 2:
        base = f"{base}_1"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def model_errors(model: type[BaseModel], data: dict[str, object]) -> dict[str, str]:
    """Pydantic's complaints, keyed by the form field they belong to."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors():
            key = str(error["loc"][0]) if error["loc"] else ""
            errors.setdefault(key, error["msg"])
        return errors
    return {}


class InRange(Validator):
    """A number between `low` and `high` (either may be None)."""

    def __init__(self, low: float | None, high: float | None, what: str = "") -> None:
        super().__init__()
        self.low, self.high, self.what = low, high, what

    def validate(self, value: str) -> ValidationResult:
        try:
            number = float(value)
        except ValueError:
            return self.failure("must be a number")
        if not math.isfinite(number):
            return self.failure("must be a number")
        if self.low is not None and number < self.low:
            return self.failure(f"must be at least {self.low:g}{self.what}")
        if self.high is not None and number > self.high:
            return self.failure(f"must be at most {self.high:g}{self.what}")
        return self.success()


__all__ = ["Check", "InRange", "Number", "id_validators", "model_errors", "slug", "whole_number"]
