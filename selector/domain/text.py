"""Text from files, made safe to show: control and bidi-override characters become visible.

Names, notes and file names come from files anyone can write. Printed raw, an ESC sequence can
clear the screen or retitle the window, a backspace or carriage return can hide what was
written, and a right-to-left override can make `gpj.exe` read as `exe.jpg`. Every layer that
shows such text (the command line, the terminal UI, the PDF's metadata) passes it through
`visible` first; `json_safe` does the same for JSON by escaping instead. Both are pure and
cheap (one `str.translate`), so they can be applied to a whole page of output at once.
"""

from __future__ import annotations

import functools
import re

_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
"""Embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069): they reorder text."""


def _marker(code: int) -> str:
    return f"⟨U+{code:04X}⟩"


def _table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}  # C0 → Control Pictures: ␛ ␇ ␈
    table[0x7F] = "␡"
    table.update({code: _marker(code) for code in range(0x80, 0xA0)})  # C1: no pictures exist
    table.update({code: _marker(code) for code in _BIDI})
    # Bytes that are not UTF-8 (in file names, or in arguments) reach Python as lone surrogates
    # (PEP 383); printed, they would raise. Show the byte instead, the way `ls -b` does.
    table.update({code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)})
    table.update({code: _marker(code) for code in range(0xD800, 0xE000) if code not in table})
    return table


_ALL = _table()


@functools.cache
def _keeping(keep: str) -> dict[int, str]:
    return {code: shown for code, shown in _ALL.items() if chr(code) not in keep}


def visible(text: str, *, keep: str = "\n\t") -> str:
    """`text` with every control, bidi-override and stray-surrogate character made visible.

    ESC becomes `␛` (U+241B) and the other C0 controls their Control Pictures (BEL `␇`,
    backspace `␈`, carriage return `␍`), DEL `␡`; C1 controls and bidi overrides become a
    marker such as `⟨U+202E⟩`. Characters in `keep` pass through: newline and tab by default,
    since they only lay text out. Pass `keep=""` for text that must stay on one line (a table
    cell, a window title, PDF metadata). Everything else, any script and any emoji, is kept.
    """
    return text.translate(_keeping(keep))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_safe(dumped: str) -> str:
    """Escape, in JSON text, the characters JSON allows raw but a terminal acts on.

    JSON already escapes C0 controls; DEL, the C1 controls (U+009B starts an escape sequence on
    some terminals), bidi overrides and the line/paragraph separators are legal raw. As `\\uXXXX`
    escapes they decode to exactly the same strings, so a program reading the JSON sees no
    difference and a person reading it on a terminal sees the codes.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
