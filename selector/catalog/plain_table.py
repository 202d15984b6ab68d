"""Plain-text tables for terminals, CI logs and e-mail: columns that line up whatever the names.

Plain text rather than a rich console: names are printed exactly as typed, whatever brackets or
angle brackets they contain, and East Asian wide characters count as the two columns they take.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

# Below U+2E80 (CJK radicals) wide characters are few and scattered (Hangul Jamo, a few dozen
# symbols and emoji); from there on most scripts are wide. Dashes, the euro sign, box drawing
# and block elements, which every table here draws, lie between and are narrow.
_SCATTERED_UNTIL = 0x2E80
_FROM_HERE_WIDE = chr(_SCATTERED_UNTIL)


def _is_wide(ch: str) -> bool:
    # Python's tables call every unassigned code point fullwidth; terminals draw most as one
    # column
    return unicodedata.east_asian_width(ch) in "WF" and unicodedata.category(ch) != "Cn"


@functools.cache
def _scattered_wide() -> re.Pattern[str]:
    """The characters below U+2E80 that this Python's Unicode tables call wide or fullwidth."""
    ranges: list[list[int]] = []
    for code in range(0x1100, _SCATTERED_UNTIL):
        if _is_wide(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]")


def _narrow(text: str) -> bool:
    """One column a character, known without looking up each one (most names, and any in a
    Latin, Greek or Cyrillic script, with dashes, accents, currency signs and box drawing)."""
    if text.isascii():
        return True
    return max(text) < _FROM_HERE_WIDE and _scattered_wide().search(text) is None


def width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return len(text) if _narrow(text) else _measured(text)


@functools.lru_cache(maxsize=4096)
def _measured(text: str) -> int:
    # a table repeats its bars, rules and names row after row: each is measured once
    return len(text) + sum(1 for ch in text if _is_wide(ch))


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
