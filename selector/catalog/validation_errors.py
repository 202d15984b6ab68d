"""Turn pydantic's validation errors into problems a consultant can act on.

Pydantic knows the field path; the TOML scanner knows the line; the model knows which keys
exist, which is what a "did you mean …?" needs.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from selector.catalog.problems import Problem, did_you_mean, dotted
from selector.catalog.toml_lines import line_of

_MESSAGES = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown key",
    "string_type": "must be text (in quotes)",
    "float_type": "must be a number",
    "int_type": "must be a whole number",
    "bool_type": "must be true or false",
    "list_type": "must be a list [ … ]",
    "dict_type": "must be a table",
    "model_type": "must be a table",
    "date_type": "must be a date like 2026-11-22 (no quotes)",
    "datetime_type": "must be a date and time like 2026-11-22T10:30:00Z (no quotes)",
}


def problems_from(
    error: ValidationError,
    model: type[BaseModel],
    file: str,
    lines: dict[tuple[str | int, ...], int],
    prefix: tuple[str | int, ...] = (),
) -> list[Problem]:
    """One problem per pydantic error, with the line of the key and suggestions for typos."""
    out: list[Problem] = []
    for err in error.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if not _is_union_tag(p))
        full = (*prefix, *loc)
        kind = err["type"]
        message = _MESSAGES.get(kind, err["msg"])
        if kind == "extra_forbidden" and loc:
            allowed = _allowed_keys(model, loc[:-1])
            message = f"unknown key {str(loc[-1])!r}{did_you_mean(str(loc[-1]), allowed)}"
            if allowed:
                message += f"; allowed here: {', '.join(sorted(allowed))}"
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            got = err.get("input")
            choices = [c.strip().strip("'") for c in str(expected).replace(" or ", ",").split(",")]
            message = f"{got!r} is not one of {expected}{did_you_mean(str(got), choices)}"
        elif kind in ("value_error", "assertion_error"):
            message = str(err["msg"]).removeprefix("Value error, ")
        elif kind == "string_pattern_mismatch":
            message = (
                f"{err.get('input')!r} {_pattern_hint(str(err.get('ctx', {}).get('pattern')))}"
            )
        elif kind == "union_tag_invalid":
            ctx = err.get("ctx", {})
            tags = [t.strip().strip("'") for t in str(ctx.get("expected_tags", "")).split(",")]
            message = (
                f"{str(ctx.get('discriminator', 'kind')).strip(chr(39))} "
                f"{ctx.get('tag')!r} is not one of "
                f"{', '.join(tags)}{did_you_mean(str(ctx.get('tag')), tags)}"
            )
        elif kind.endswith("_type") and "input" in err:
            message = f"{message}, got {_describe(err['input'])}"
        elif kind.startswith("url_"):
            message = f"{err.get('input')!r} is not a web address: use https://…"
        elif kind in ("string_too_short", "string_too_long"):
            ctx = err.get("ctx", {})
            if kind == "string_too_short":
                message = f"must be at least {ctx.get('min_length')} characters long"
            else:
                message = (
                    f"must be at most {ctx.get('max_length'):,} characters long (this is "
                    f"{len(err.get('input', '')):,})"
                )
        elif kind in ("too_short", "too_long"):
            ctx = err.get("ctx", {})
            bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
            word = "at least" if kind == "too_short" else "at most"
            message = f"needs {word} {bound} items, got {ctx.get('actual_length')}"
        elif kind in _BOUNDS:
            bound = next(iter(err.get("ctx", {}).values()), "?")
            message = (
                f"must be {_BOUNDS[kind]} {bound:g}, got {err.get('input')!r}"
                if isinstance(bound, int | float)
                else f"{err['msg']}, got {err.get('input')!r}"
            )
        line = line_of(lines, full) if kind != "missing" else line_of(lines, full[:-1])
        out.append(Problem(file, dotted(full), message, line))
    return out


_BOUNDS = {
    "greater_than": "more than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
}


def _pattern_hint(pattern: str) -> str:
    """What a regular expression asks for, in words."""
    if "https?" in pattern:
        return "is not a web address: use https://… (or seed:FILE for a source document)"
    if pattern.startswith("^[a-z][a-z0-9_]*$"):
        return "is not a valid id: use lowercase letters, digits and _, starting with a letter"
    if "[A-Z]{3}" in pattern:
        return "is not a currency code: use three capital letters such as EUR, USD or SEK"
    if "|eu)$" in pattern:
        return ("is not a hosting region: use a country code in lower case (\"se\", \"de\", "
                "\"cn\") or \"eu\" when a source says only the EU")
    if pattern.startswith("^[a-z]{2,3}(-"):
        return "is not a language code: use an ISO 639 code such as \"sv\", \"da\" or \"zh-Hans\""
    if "business_areas|readiness" in pattern:
        return ("is not a place an answer can come from: use \"business_areas\" or "
                "\"readiness:ITEM\"")
    return f"does not have the expected form ({pattern})"


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"text {value!r}"
    if isinstance(value, bool):
        return f"boolean {value}"
    if isinstance(value, int | float):
        return f"number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _is_union_tag(part: str | int) -> bool:
    # pydantic inserts the chosen union member ("ordinal", "str", "list[str]"…) into the path.
    return isinstance(part, str) and (
        part in {"ordinal", "quantitative", "str", "int", "float", "bool"}
        or part.startswith(("list[", "function-", "constrained-"))
    )


def _allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> set[str]:
    """Field names of the model found at `loc` (all members' fields for a union)."""
    candidates: list[Any] = [model]
    for part in loc:
        next_candidates: list[Any] = []
        for cand in candidates:
            for t in _expand(cand):
                if isinstance(part, int):
                    if typing.get_origin(t) is list:
                        next_candidates.extend(typing.get_args(t)[:1])
                elif typing.get_origin(t) is dict:
                    next_candidates.extend(typing.get_args(t)[1:2])
                elif isinstance(t, type) and issubclass(t, BaseModel) and part in t.model_fields:
                    next_candidates.append(t.model_fields[part].annotation)
        candidates = next_candidates
    keys: set[str] = set()
    for cand in candidates:
        for t in _expand(cand):
            if isinstance(t, type) and issubclass(t, BaseModel):
                keys.update(t.model_fields)
    return keys


def _expand(annotation: Any) -> list[Any]:
    """Unwrap Annotated / Optional / unions down to concrete types."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _expand(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            out.extend(_expand(arg))
        return out
    # a class kept apart from the model that checks it (a catalog score) names that model
    return [getattr(annotation, "__validated_as__", annotation)]
