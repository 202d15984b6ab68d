"""The renderer: a class whose hooks (fonts, styles, sections, page templates) can be overridden.

A consultancy that wants its own cover or an extra section subclasses `ReportRenderer` and
replaces one hook; the rest of the report, and its guarantees (escaping, fonts, determinism),
stay as they are.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib import pagesizes
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, NextPageTemplate, PageTemplate

from selector.domain.recommendation import Recommendation
from selector.report.document import ReportDocTemplate, draw_text, numbered_canvas, pdf_date
from selector.report.fonts import FontSet
from selector.report.sections import ReportSections
from selector.report.styles import MUTED, RULE, build_stylesheet

_FONTS: FontSet | None = None


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

    def sections(self) -> list[Callable[[], list[Flowable]]]:
        """The story, in order; override to add, drop or reorder sections."""
        return [
            self.section_cover,
            self.section_summary,
            self.section_solution_types,
            self.section_vendors,
            self.section_charts,
            self.section_sensitivity,
            self.section_readiness,
            self.section_rollout,
            self.section_appendix_weights,
            self.section_appendix_scores,
            self.section_appendix_method,
        ]

    def metadata(self) -> dict[str, str]:
        rec = self.rec
        return {
            "title": f"CRM recommendation: {rec.project_name}",
            "author": rec.prepared_by or rec.organisation or "CRM Selector",
            "subject": rec.headline,
            "creator": f"CRM Selector {rec.provenance.tool_version}",
            "keywords": "CRM, recommendation, vendor selection",
        }

    def page_templates(self, doc: ReportDocTemplate) -> list[PageTemplate]:
        frame = Frame(self.margin, self.bottom_margin, self.width,
                      self.pagesize[1] - self.top_margin - self.bottom_margin,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        return [
            PageTemplate(id="cover", frames=[frame], pagesize=self.pagesize),
            PageTemplate(id="body", frames=[frame], pagesize=self.pagesize,
                         onPage=self.draw_header),
        ]

    def draw_header(self, canvas: Canvas, doc: ReportDocTemplate) -> None:
        """Running header: what this document is and for which project, with a rule below."""
        width, height = self.pagesize
        y = height - 14 * mm
        left = f"CRM recommendation · {self.rec.project_name}"
        right = self.rec.organisation
        right_width = min(self.fonts.width(right, 7.5), self.width * 0.4)
        left = self.fonts.fit(left, self.width - right_width - 12, 7.5)
        right = self.fonts.fit(right, self.width * 0.4, 7.5)
        canvas.saveState()
        canvas.setFillColor(MUTED)
        draw_text(canvas, self.fonts, self.margin, y, left, 7.5)
        draw_text(canvas, self.fonts, width - self.margin, y, right, 7.5, align="right")
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(self.margin, y - 3, width - self.margin, y - 3)
        canvas.restoreState()

    def page_label(self, page: int, total: int) -> str:
        return f"Page {page} of {total}"

    def story(self) -> list[Flowable]:
        story: list[Flowable] = [NextPageTemplate("body")]
        for build in self.sections():
            story += build()
        return story

    # ---- output --------------------------------------------------------------------------

    def render(self) -> bytes:
        buffer = io.BytesIO()
        meta = self.metadata()
        doc = ReportDocTemplate(
            buffer, pagesize=self.pagesize, leftMargin=self.margin, rightMargin=self.margin,
            topMargin=self.top_margin, bottomMargin=self.bottom_margin,
            invariant=1 if self.invariant else 0, **meta,
        )
        doc.addPageTemplates(self.page_templates(doc))
        rec = self.rec
        footer = f"{rec.organisation} · {rec.date.isoformat()}"
        if rec.prepared_by:
            footer += f" · prepared by {rec.prepared_by}"
        canvas_class = numbered_canvas(self.fonts, footer, pdf_date(rec.provenance.generated_at),
                                       self.page_label)
        doc.build(self.story(), canvasmaker=canvas_class)
        return buffer.getvalue()
