"""The renderer: a class whose hooks (fonts, styles, sections, page templates) can be overridden.

A consultancy that wants its own first page or an extra section subclasses `ReportRenderer` and
replaces one hook; the rest of the report, and its guarantees (escaping, fonts, bookmarks,
determinism), stay as they are.
"""

from __future__ import annotations

import io

from reportlab.lib import pagesizes
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import XMP, PDFPageLabel
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, NextPageTemplate, PageTemplate

from selector.domain.recommendation import Recommendation
from selector.report.document import ReportDocTemplate, draw_text, pdf_date
from selector.report.fonts import FontSet
from selector.report.metadata import LANGUAGE, Metadata, one_line, report_metadata
from selector.report.numbers import day
from selector.report.sections import ReportSections
from selector.report.styles import MUTED, RULE, build_stylesheet

_FONTS: FontSet | None = None

RUNNING_SIZE = 7.5  # header and footer type


def shared_fonts() -> FontSet:
    """Fonts are registered with reportlab process-wide, so parse the files only once."""
    global _FONTS
    if _FONTS is None:
        _FONTS = FontSet().register()
    return _FONTS


class ReportRenderer(ReportSections):
    """Turns one Recommendation into PDF bytes."""

    pagesize = pagesizes.A4
    margin = 20 * mm
    top_margin = 24 * mm
    first_top_margin = 14 * mm  # page 1 has no running header
    bottom_margin = 20 * mm

    def __init__(self, recommendation: Recommendation, *, invariant: bool = True) -> None:
        self.rec = recommendation
        self.invariant = invariant
        self.fonts = self.load_fonts()
        self.styles = self.stylesheet()
        self.width = self.pagesize[0] - 2 * self.margin

    # ---- hooks ---------------------------------------------------------------------------

    def load_fonts(self) -> FontSet:
        return shared_fonts()

    def stylesheet(self) -> StyleSheet1:
        return build_stylesheet(self.fonts)

    def metadata(self) -> Metadata:
        return report_metadata(self.rec)

    def page_templates(self, doc: ReportDocTemplate) -> list[PageTemplate]:
        frame = Frame(self.margin, self.bottom_margin, self.width,
                      self.pagesize[1] - self.top_margin - self.bottom_margin,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        first = Frame(self.margin, self.bottom_margin, self.width,
                      self.pagesize[1] - self.first_top_margin - self.bottom_margin,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="memo")
        return [
            PageTemplate(id="first", frames=[first], pagesize=self.pagesize,
                         onPage=self.draw_footer),
            PageTemplate(id="body", frames=[frame], pagesize=self.pagesize,
                         onPage=self.draw_running),
        ]

    def draw_running(self, canvas: Canvas, doc: ReportDocTemplate) -> None:
        self.draw_header(canvas, doc)
        self.draw_footer(canvas, doc)

    def draw_header(self, canvas: Canvas, doc: ReportDocTemplate) -> None:
        """Running header: what this document is and for which project, with a rule below."""
        width, height = self.pagesize
        y = height - 14 * mm
        size = RUNNING_SIZE
        right = self.fonts.fit(one_line(self.rec.organisation), self.width * 0.4, size)
        left_room = self.width - self.fonts.width(right, size) - 12
        left = self.fonts.fit(one_line(f"CRM recommendation · {self.rec.project_name}"),
                              left_room, size)
        canvas.saveState()
        canvas.setFillColor(MUTED)
        draw_text(canvas, self.fonts, self.margin, y, left, size)
        draw_text(canvas, self.fonts, width - self.margin, y, right, size, align="right")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.margin, y - 3, width - self.margin, y - 3)
        canvas.restoreState()

    def draw_footer(self, canvas: Canvas, doc: ReportDocTemplate) -> None:
        """Who and when on the left; "Page X of Y" on the right (Y from the previous pass)."""
        width = self.pagesize[0]
        y = 12 * mm
        size = RUNNING_SIZE
        label = self.page_label(doc.page, doc.page_count.total)
        rec = self.rec
        footer = f"{rec.organisation} · {day(rec.date)}"
        if rec.prepared_by:
            footer += f" · prepared by {rec.prepared_by}"
        left = self.fonts.fit(one_line(footer), self.width - self.fonts.width(label, size) - 12,
                              size)
        canvas.saveState()
        canvas.setFillColor(MUTED)
        draw_text(canvas, self.fonts, self.margin, y, left, size)
        draw_text(canvas, self.fonts, width - self.margin, y, label, size, align="right")
        canvas.restoreState()

    def page_label(self, page: int, total: int) -> str:
        return f"Page {page} of {total}"

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [NextPageTemplate("body")]
        for build in self.sections():
            story += build()
        return story

    def catalog(self, meta: Metadata, canvas: Canvas) -> None:
        """What goes in the PDF's catalog: XMP metadata, page labels, the creation date."""
        canvas.setCatalogEntry("Metadata", XMP(creator=lambda _doc: meta.xmp().encode("utf-8")))
        canvas.addPageLabel(0, PDFPageLabel.ARABIC, 1)
        created = pdf_date(meta.created)
        # The creation date is the Recommendation's, so the same input gives the same bytes.
        canvas._doc.setDateFormatter(lambda *_parts: created)

    # ---- output --------------------------------------------------------------------------

    def render(self) -> bytes:
        buffer = io.BytesIO()
        meta = self.metadata()
        doc = ReportDocTemplate(
            buffer, pagesize=self.pagesize, leftMargin=self.margin, rightMargin=self.margin,
            topMargin=self.top_margin, bottomMargin=self.bottom_margin,
            invariant=1 if self.invariant else 0, lang=LANGUAGE, displayDocTitle=1,
            catalog=lambda canvas: self.catalog(meta, canvas), **meta.info(),
        )
        doc.addPageTemplates(self.page_templates(doc))
        doc.build_report(self.story())
        return buffer.getvalue()
