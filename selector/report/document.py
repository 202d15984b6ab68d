"""The page machinery: headings that are bookmarks, the contents, "Page X of Y", page labels.

The document is laid out in passes (reportlab's multiBuild): the first pass learns on which page
each heading lands and how many pages there are, the next one prints those numbers in the
contents and the footers. Every page is written as soon as it is full, so a bookmark made while
a heading is drawn points at the page the heading is on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable
from reportlab.platypus.doctemplate import IndexingFlowable

from selector.report.clip import Clipped
from selector.report.fonts import FontSet
from selector.report.safe_text import visible

OUTLINE_CHARACTERS = 120
"""A bookmark title longer than this is cut with "…": the outline panel is narrow."""


def outline_text(title: str) -> str:
    """A bookmark's title: one line of visible characters, at most OUTLINE_CHARACTERS long."""
    text = " ".join(visible(title[: 4 * OUTLINE_CHARACTERS], newlines=False).split())
    if len(text) <= OUTLINE_CHARACTERS and len(title) <= 4 * OUTLINE_CHARACTERS:
        return text
    return text[: OUTLINE_CHARACTERS - 1] + "…"


class Heading(Clipped):
    """A section heading that is also a bookmark, an outline entry and a line in the contents.

    The bookmark is made while the heading is drawn, at its top edge, so it opens the page the
    heading is on, scrolled to the heading.
    """

    def __init__(self, title: str, style: ParagraphStyle, fonts: FontSet, *, level: int,
                 key: str, in_contents: bool = True) -> None:
        super().__init__(title, style, fonts, max_lines=3)
        self.outline_title = outline_text(title)
        self.contents_markup = fonts.markup(self.outline_title, style.fontName)
        self.outline_level = level
        self.key = key
        self.in_contents = in_contents

    def draw(self) -> None:
        _x, top = self.canv.absolutePosition(0, self.height)
        self.canv.bookmarkHorizontalAbsolute(self.key, top + 4, left=0)
        super().draw()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        return []  # a heading moves to the next page whole, with its bookmark


class PageCount(IndexingFlowable):
    """Invisible: how many pages the previous pass made, for the "of Y" in "Page X of Y".

    The layout is settled only when two passes agree on the count.
    """

    def __init__(self) -> None:
        super().__init__()
        self.total = 0
        self._pages = 0
        self._settled = False

    def beforeBuild(self) -> None:  # noqa: N802 (reportlab's hook names)
        self._pages = 0

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == "pageEnd":
            self._pages = stuff

    def afterBuild(self) -> None:  # noqa: N802
        self._settled = self._pages == self.total
        self.total = self._pages

    def isSatisfied(self) -> bool:  # noqa: N802
        return self._settled

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return 0, 0

    def draw(self) -> None:
        pass


class ReportDocTemplate(BaseDocTemplate):
    """Outline entries and contents lines for every `Heading`; the outline opens with the file.

    `catalog` is called with the canvas at the start of every pass, to set what reportlab
    keeps in the PDF's catalog (metadata stream, page labels).
    """

    contents_levels = 2  # headings of level 0 and 1 are listed in the contents

    def __init__(self, *args: Any, catalog: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page_count = PageCount()
        self._catalog_setup = catalog

    def beforeDocument(self) -> None:  # noqa: N802 (reportlab's hook names)
        self.canv.showOutline()
        if self._catalog_setup is not None:
            self._catalog_setup(self.canv)

    def afterPage(self) -> None:  # noqa: N802
        self.notify("pageEnd", self.page)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802
        if isinstance(flowable, Heading):
            self.canv.addOutlineEntry(flowable.outline_title, flowable.key,
                                      flowable.outline_level, closed=flowable.outline_level > 0)
            if flowable.in_contents and flowable.outline_level < self.contents_levels:
                self.notify("TOCEntry", (flowable.outline_level, flowable.contents_markup,
                                         self.page, flowable.key))

    def build_report(self, story: list[Flowable]) -> int:
        """Lay the story out until page numbers settle; returns the number of passes."""
        return self.multiBuild([self.page_count, *story])


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
    return utc(moment).strftime("D:%Y%m%d%H%M%S+00'00'")


def utc(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC; a naive moment is taken as UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)
