"""Shared model configuration.

Catalogs are written by hand, so the models are strict: an unknown key is a typo the consultant
must hear about, and a quoted number is a mistake rather than something to coerce silently.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base for every file-backed model: unknown keys and wrong types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_assignment=True)


class Frozen(BaseModel):
    """Base for results: computed once, never edited by a view."""

    model_config = ConfigDict(extra="forbid", frozen=True)
