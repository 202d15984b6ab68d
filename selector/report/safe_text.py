"""Control and bidi-override characters made visible before text reaches the PDF.

A name in a catalog can hold an escape sequence, a backspace or a right-to-left override
(U+202E) that reorders what a reader sees after copy-and-paste, in a PDF viewer's title bar or
in a document manager that shows the metadata. The report prints such characters as a visible
token (`⟨ESC⟩`, `⟨U+202E⟩`) instead, so the text is shown for what it is.

This is the report's own minimal helper; the project-wide one (selector/domain/text.py) can
replace it once it is on main.
"""

from __future__ import annotations

import re

_C0_NAMES = [
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
    "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
    "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
]

_HIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""C0 and C1 controls (not the line feed), DEL, bidi marks, embeddings, overrides and isolates
(invisible, and they reorder the text around them), and lone surrogates."""


def _token(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return f"⟨{_C0_NAMES[code]}⟩"
    if code == 0x7F:
        return "⟨DEL⟩"
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"  # a lone surrogate cannot be written to the PDF at all
    return f"⟨U+{code:04X}⟩"


def visible(text: str, *, newlines: bool = True) -> str:
    """`text` with control and bidi characters shown as tokens; tabs become spaces.

    With `newlines`, line breaks stay line breaks (Windows CRLF included); without, they
    become spaces (for one-line places such as the PDF title).
    """
    if text.isascii() and text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\t", " ")
    if not newlines:
        text = text.replace("\n", " ")
    return _HIDDEN.sub(_token, text)
