"""Form checks shared by the steps: ids, numbers on a scale, and pydantic's own verdict."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, ValidationError
from textual.validation import Function, Number, Regex, ValidationResult, Validator

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


def id_validators() -> list[Validator]:
    return [Regex(ID_PATTERN, failure_description="lowercase letters, digits and _, "
                  "starting with a letter"),
            Function(lambda v: 2 <= len(v) <= 64, "2–64 characters")]


def slug(name: str, taken: set[str], fallback: str) -> str:
    """An id from a name ('Åsa Öberg' → 'asa_oberg'); names in other scripts get `fallback`N."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    if not base or not base[0].isalpha():
        base = f"{fallback}_{base}" if base else fallback
    base = base[:60]
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
        if self.low is not None and number < self.low:
            return self.failure(f"must be at least {self.low:g}{self.what}")
        if self.high is not None and number > self.high:
            return self.failure(f"must be at most {self.high:g}{self.what}")
        return self.success()


__all__ = ["InRange", "Number", "id_validators", "model_errors", "slug"]
