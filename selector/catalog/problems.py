"""Problems found in a user's files, reported the way compilers do: FILE:LINE: field: message.

Every problem is collected rather than raised, so a consultant sees all of them at once and the
app can load the good files and show what it skipped.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file; `line` is only set when it is really known."""

    file: str
    field: str
    message: str
    line: int | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        tag = " warning:" if self.severity == "warning" else ""
        return f"{where}:{tag}{field} {self.message}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix when a close match exists, else an empty string."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {matches[0]!r}?)" if matches else ""


def display_path(path: Path) -> str:
    """Paths relative to the working folder when possible: shorter, and clickable in editors.

    Worked out from the names alone, without following links: a link is shown under the name
    the user gave it (not its target's, which may not exist), and a symlink loop or a deleted
    working folder cannot make showing a path fail.
    """
    try:
        full, here = os.path.abspath(path), os.getcwd()
    except OSError:  # the working folder is gone
        return str(path)
    if os.path.normcase(full) == os.path.normcase(here):
        return "."
    inside = here if here.endswith(os.sep) else here + os.sep
    if os.path.normcase(full).startswith(os.path.normcase(inside)):
        return full[len(inside) :]  # string work: a catalog shows thousands of paths
    return str(path)


def dotted(loc: Iterable[str | int]) -> str:
    """('criteria', 3, 'scale') → 'criteria[3].scale' — the path a reader can follow in the file."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
