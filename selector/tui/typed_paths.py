"""Paths a person types into a form: where they point, and why one cannot be used.

Every form that takes a path (a new or opened project, the export, the RFP workbooks) refuses
the same things first, in the same words: nothing typed, a NUL character, and a path the
system cannot look at ("~nobody/x", no access). What each form needs of the path comes after.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def resolve(value: str, base: Path | None = None) -> Path:
    """The typed path with `~` expanded; a relative one is taken from `base` when given."""
    path = Path(value.strip()).expanduser()
    return path if base is None or path.is_absolute() else base / path


def path_problem(value: str, needs: Callable[[Path], str], base: Path | None = None) -> str:
    """Why the typed `value` cannot be used, or '': the shared refusals, then `needs(path)`."""
    value = value.strip()
    if not value:
        return "required"
    if "\0" in value:
        return "a path cannot contain a NUL character"
    try:
        return needs(resolve(value, base))
    except (OSError, RuntimeError, ValueError) as exc:  # "~nobody/x", a NUL byte, no access
        return f"not a usable path ({exc})"
