"""Control and bidi-override characters made visible before text reaches the PDF.

Which characters are hidden or reorder text, and how each is shown, is decided once for the
whole product in `selector.domain.text.visible`: an escape sequence, a backspace or a
right-to-left override (U+202E) is printed as a visible sign, in the pages and in the metadata.

The report adds one thing: its embedded fonts have no glyphs for the Unicode Control Pictures
(`␛`, `␇`, `␈` …), which would print as blanks, so those are written as bracketed names
(`⟨ESC⟩`, `⟨BEL⟩`, `⟨BS⟩`) that every font can draw and that copy-and-paste keeps.
"""

from __future__ import annotations

from selector.domain.text import visible as made_visible

_C0_NAMES = [
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
    "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
    "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
]

_DRAWABLE = {0x2400 + code: f"⟨{name}⟩" for code, name in enumerate(_C0_NAMES)}
_DRAWABLE[0x2421] = "⟨DEL⟩"
"""Control Pictures (U+2400–U+241F, and U+2421 for DEL) as names the report's fonts can draw."""


def visible(text: str, *, newlines: bool = True) -> str:
    """`text` with control and bidi characters shown as signs; tabs become spaces.

    With `newlines`, line breaks stay line breaks (Windows CRLF included); without, they
    become spaces (for one-line places such as the PDF title).
    """
    if text.isascii() and text.isprintable():
        return text
    text = text.replace("\r\n", "\n").replace("\t", " ")
    if not newlines:
        text = text.replace("\n", " ")
    return made_visible(text, keep="\n").translate(_DRAWABLE)
