"""Fonts for the report, and per-character fallback so any name prints with real glyphs.

A report may carry Swedish, Danish, Chinese and emoji in one line ("Åsa Ærø, 中文团队 🚀"). No
single free TrueType font covers all of that, and reportlab sets a run of text in one font, so
`FontSet.markup` splits text into runs and puts each run in the first font that has its glyphs.
It also escapes the text for reportlab's paragraph markup: a user's `<b>` or `&` is text, never
markup. The font files ship in `fonts/` (see fonts/README.md for where they come from).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from selector.report.safe_text import visible

FONT_DIR = Path(__file__).parent / "fonts"

_INVISIBLE = {0x200D, 0xFE0E, 0xFE0F}
"""Joiners and variation selectors: they belong with the emoji they modify, not in a font switch."""

_NARROWEST = 0.099
"""No character with any width in the report's fonts is narrower than this share of the size
(the hair space, U+200A, is 0.0996). Zero-width marks only make `fit` cut a little early."""


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with code points above U+FFFF written as UTF-16 pairs.

    reportlab writes `<1F680>` for 🚀, which PDF readers reject, so copying text or extracting it
    loses every emoji; the PDF spec wants the UTF-16BE form `<D83DDE80>`. Same output otherwise.
    """

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(code)}>" for i, code in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def _install_to_unicode_fix() -> None:
    """Replace reportlab's CMap writer (looked up as a module global when a font is embedded)."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@dataclass(frozen=True)
class FontSpec:
    """A registered font name and the file it comes from."""

    name: str
    file: str


@dataclass
class FontSet:
    """The report's fonts: a body face (regular and bold) and fallbacks tried in order."""

    regular: FontSpec = FontSpec("CrmSans", "DejaVuSans.ttf")
    bold: FontSpec = FontSpec("CrmSans-Bold", "DejaVuSans-Bold.ttf")
    fallbacks: tuple[FontSpec, ...] = (
        FontSpec("CrmCJK", "DroidSansFallback.ttf"),
        FontSpec("CrmEmoji", "NotoEmoji-Regular.ttf"),
    )
    folder: Path = FONT_DIR
    _coverage: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)
    _choice: dict[str, str] = field(default_factory=dict, repr=False)

    def register(self) -> FontSet:
        """Register every font with reportlab once per process (parsing the files takes ~0.1 s)."""
        _install_to_unicode_fix()
        registered = set(pdfmetrics.getRegisteredFontNames())
        for spec in (self.regular, self.bold, *self.fallbacks):
            if spec.name not in registered:
                pdfmetrics.registerFont(TTFont(spec.name, str(self.folder / spec.file)))
            face = pdfmetrics.getFont(spec.name).face
            self._coverage[spec.name] = frozenset(face.charToGlyph)
        pdfmetrics.registerFontFamily(
            self.regular.name,
            normal=self.regular.name,
            bold=self.bold.name,
            italic=self.regular.name,
            boldItalic=self.bold.name,
        )
        for spec in self.fallbacks:  # no bold cut: bold text falls back to the regular glyphs
            pdfmetrics.registerFontFamily(
                spec.name, normal=spec.name, bold=spec.name, italic=spec.name, boldItalic=spec.name
            )
        return self

    def font_for(self, char: str, base: str) -> str:
        """The first font, starting with `base`, that has a glyph for `char`."""
        key = base + char
        found = self._choice.get(key)
        if found is None:
            code = ord(char)
            found = base
            if code not in self._coverage.get(base, frozenset()):
                for spec in self.fallbacks:
                    if code in self._coverage[spec.name]:
                        found = spec.name
                        break
            self._choice[key] = found
        return found

    def runs(self, text: str, base: str | None = None) -> list[tuple[str, str]]:
        """Split text into (font name, text) runs; joiners stay with the run before them.

        Linear in the length of `text`: a megabyte-long name costs a megabyte of work.
        """
        base = base or self.regular.name
        runs: list[tuple[str, str]] = []
        current: str | None = None
        chars: list[str] = []
        for char in text:
            joins = current is not None and ord(char) in _INVISIBLE
            font = current if joins else self.font_for(char, base)
            if font != current and chars:
                runs.append((current, "".join(chars)))  # type: ignore[arg-type]
                chars = []
            chars.append(char)
            current = font
        if chars:
            runs.append((current, "".join(chars)))  # type: ignore[arg-type]
        return runs

    def markup(self, text: object, base: str | None = None) -> str:
        """Paragraph markup that shows `text` literally, each character in a font that has it.

        Control and bidi-override characters are shown as visible tokens (safe_text.visible).
        """
        base = base or self.regular.name
        value = visible(str(text))
        if value.isascii():
            return escape(value).replace("\n", "<br/>")
        parts = []
        for font, run in self.runs(value, base):
            chunk = escape(run).replace("\n", "<br/>")
            parts.append(chunk if font == base else f'<font face="{font}">{chunk}</font>')
        return "".join(parts)

    def strong(self, text: object) -> str:
        """Markup for `text` in the bold face (fallback glyphs stay regular: they have no bold)."""
        return f'<font face="{self.bold.name}">{self.markup(text, self.bold.name)}</font>'

    def width(self, text: str, size: float, base: str | None = None) -> float:
        """Printed width of `text` at `size` points, with fallback fonts measured as set."""
        return sum(pdfmetrics.stringWidth(run, font, size) for font, run in self.runs(text, base))

    def fit(self, text: str, width: float, size: float, base: str | None = None) -> str:
        """`text` shortened with an ellipsis so that it fits on one line of `width` points.

        Only the characters that could possibly fit are measured (no glyph is narrower than
        `_NARROWEST` of the size), one by one, so the cost does not grow with the text.
        """
        base = base or self.regular.name
        limit = int(width / (size * _NARROWEST)) + 2
        if len(text) <= limit and self.width(text, size, base) <= width:
            return text
        budget = width - self.width("…", size, base)
        used, cut = 0.0, 0
        for font, run in self.runs(text[:limit], base):
            for char in run:
                advance = pdfmetrics.stringWidth(char, font, size)
                if used + advance > budget:
                    return text[:cut].rstrip() + "…"
                used += advance
                cut += 1
        return text[:cut].rstrip() + "…"
