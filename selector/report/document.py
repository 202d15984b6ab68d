"""The page machinery: bookmarks for every heading, "Page X of Y", header and footer.

"Page X of Y" needs the page count before any page is written, so the canvas keeps each page's
state and draws the numbers when the document is saved (one layout pass instead of two).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph

from selector.report.fonts import FontSet
from selector.report.styles import MUTED


class Heading(Paragraph):
    """A section heading that also becomes an entry in the PDF's bookmarks (outline)."""

    def __init__(self, markup: str, style: ParagraphStyle, outline_title: str,
                 level: int = 0) -> None:
        super().__init__(markup, style)
        self.outline_title = outline_title
        self.outline_level = level


class ReportDocTemplate(BaseDocTemplate):
    """Adds a bookmark and an outline entry for every `Heading` as it is placed on a page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bookmarks = 0

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's hook name)
        if isinstance(flowable, Heading):
            self._bookmarks += 1
            key = f"section-{self._bookmarks}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_title, key, flowable.outline_level,
                                      closed=flowable.outline_level > 0)


def draw_text(canvas: Canvas, fonts: FontSet, x: float, y: float, text: str, size: float, *,
              align: str = "left") -> None:
    """One line of user text straight on the canvas, each run in a font that has its glyphs."""
    if align == "right":
        x -= fonts.width(text, size)
    for font, run in fonts.runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += fonts.width(run, size, font)


def pdf_date(moment: dt.datetime) -> str:
    """A PDF date string (D:YYYYMMDDHHmmSS+00'00') for `moment`, naive taken as UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def numbered_canvas(fonts: FontSet, footer_left: str, created: str,
                    page_label: Callable[[int, int], str]) -> type[Canvas]:
    """A canvas class that writes "Page X of Y" and a footer line on every page at save time."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []
            # The creation date is the Recommendation's, so the same input gives the same bytes.
            self._doc.setDateFormatter(lambda *_parts: created)

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_footer(self, total: int) -> None:
            width, _height = self._pagesize
            margin = 20 * 72 / 25.4
            self.saveState()
            self.setFillColor(MUTED)
            self.setFont(fonts.regular.name, 7.5)
            label = page_label(self._pageNumber, total)
            self.drawRightString(width - margin, 12 * 72 / 25.4, label)
            left = fonts.fit(footer_left, width - 2 * margin - 80, 7.5)
            draw_text(self, fonts, margin, 12 * 72 / 25.4, left, 7.5)
            self.restoreState()

    return NumberedCanvas
