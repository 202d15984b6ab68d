"""Paragraphs of user text that wrap, and are cut with "…" where they would outgrow their place.

A table row or a shaded box cannot break across pages, so one 1.5 kB vendor name in a cell
used to make reportlab give up (LayoutError). A `Clipped` paragraph wraps like any other and,
past `max_lines` lines, ends with an ellipsis instead: the report always renders, and the full
text stays in the JSON export. The text is cut before it is parsed, to what `max_lines` lines
of the available width could ever show, so a megabyte of text costs no more than a page of it.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from selector.report.fonts import _NARROWEST, FontSet

WIDEST_LINE = 600.0
"""Wider than any frame in the report (A4 is 595 points wide)."""


class Clipped(Paragraph):
    """A paragraph of plain user text that never grows past `max_lines` lines."""

    def __init__(self, text: str, style: ParagraphStyle, fonts: FontSet, max_lines: int = 30,
                 *, prefix: str = "", suffix: str = "", bullet: str | None = None) -> None:
        self._fonts = fonts
        self._font = style.fontName
        self._max_lines = max_lines
        self._prefix = prefix  # markup set around the text (already escaped): a bold label,
        self._suffix = suffix  # or a link's opening and closing tags
        self._text = text[: self._most(WIDEST_LINE, style) + 1]
        self._fitted_for: float | None = None
        self._shown = self._markup(len(self._text))
        super().__init__(self._shown, style, bulletText=bullet)

    def _most(self, width: float, style: ParagraphStyle) -> int:
        """More characters than `max_lines` lines of `width` can hold."""
        return int(self._max_lines * max(width, 1.0) / (style.fontSize * _NARROWEST)) + 1

    def _markup(self, length: int) -> str:
        """Markup for the first `length` characters, with "…" if that is not all of them."""
        cut = length < len(self._text)
        body = self._text[:length].rstrip() + "…" if cut else self._text
        return self._prefix + self._fonts.markup(body, self._font) + self._suffix

    def _show(self, length: int) -> None:
        self._shown = self._markup(length)
        Paragraph.__init__(self, self._shown, self.style, bulletText=self.bulletText)

    def _height(self, length: int, width: float, height: float) -> float:
        probe = Paragraph(self._markup(length), self.style, bulletText=self.bulletText)
        return probe.wrap(width, height)[1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._fitted_for == availWidth:
            return super().wrap(availWidth, availHeight)
        self._fitted_for = availWidth
        length = min(len(self._text), self._most(availWidth, self.style))
        if self._shown != self._markup(length):  # parse again only if the text changes
            self._show(length)
        width, height = super().wrap(availWidth, availHeight)
        limit = self._max_lines * self.style.leading + 0.5
        if height <= limit:
            return width, height
        # Binary search for the longest start that fits with "…", from a first guess of
        # how much fits (the share of lines that fit) to keep the probes few and short.
        guess = int(length * limit / height)
        low, high = 0, min(length, int(guess * 1.25) + 16)
        if self._height(high, availWidth, availHeight) <= limit:
            low, high = high, length
        while low < high:
            mid = (low + high + 1) // 2
            if self._height(mid, availWidth, availHeight) <= limit:
                low = mid
            else:
                high = mid - 1
        self._show(low)
        return super().wrap(availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Split as a plain paragraph of what is shown (reportlab rebuilds parts by class)."""
        plain = Paragraph(self._shown, self.style, bulletText=self.bulletText)
        plain.wrap(availWidth, availHeight)
        return plain.split(availWidth, availHeight)
