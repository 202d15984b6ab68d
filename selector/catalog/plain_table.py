"""Plain-text tables for terminals, CI logs and e-mail: columns that line up whatever the names.

Plain text rather than a rich console: names are printed exactly as typed, whatever brackets or
angle brackets they contain, and East Asian wide characters count as the two columns they take.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

_FIRST_WIDE = "\u1100"  # no assigned character before Hangul Jamo is wide or fullwidth


def _narrow(text: str) -> bool:
    """One column a character, known without looking up each one (most names, and any in a
    Latin, Greek or Cyrillic script, with dashes and accents)."""
    return text.isascii() or max(text) < _FIRST_WIDE


def width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return len(text) if _narrow(text) else _measured(text)


@functools.lru_cache(maxsize=4096)
def _measured(text: str) -> int:
    # a table repeats its bars, rules and names row after row: each is measured once
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, right: bool = False) -> str:
    gap = " " * max(0, columns - width(text))
    return gap + text if right else text + gap


def clip(text: str, columns: int) -> str:
    """`text` cut to `columns` with an ellipsis, never inside a wide character."""
    if width(text) <= columns:
        return text
    if _narrow(text):
        return text[: max(0, columns - 1)] + "…"
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w + 1 > columns:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    right: Sequence[int] = (),
) -> list[str]:
    """Header, rule and rows; cells are clipped to their column, `right` columns aligned right."""

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            pad(clip(c, w), w, i in right)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(headers), "  ".join("─" * w for w in widths), *(line(r) for r in rows)]
