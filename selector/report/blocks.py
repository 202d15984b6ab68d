"""The building blocks the sections are made of: paragraphs, headings, tables, boxes, sources.

Every piece of user text goes through `Clipped` (via `p`, `cell`, `bullets`), which escapes it,
picks fonts with the glyphs, shows control characters, and cuts it with "…" where it would
outgrow a table cell; so names and notes print exactly as typed and never break the layout.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    Paragraph,
    Table,
    TableStyle,
)

from selector.domain.recommendation import CandidateResult, Recommendation
from selector.report.clip import Clipped
from selector.report.document import Heading
from selector.report.fonts import FontSet
from selector.report.numbers import DASH, with_unit
from selector.report.styles import ACCENT, BOX_FILL, table_style

Cell = str | Flowable | list[Flowable]

SHORT_TABLE_ROWS = 8
"""A table with at most this many rows is kept on one page, with the text that introduces it."""

CELL_LINES = 24
"""A table cell shows at most this many lines (a row can never be taller than a third of a page)."""

HEADER_LINES = 4
TEXT_LINES = 60


class ReportBlocks:
    """Helpers shared by the sections. `ReportRenderer` supplies fonts, styles, width and rec."""

    rec: Recommendation
    fonts: FontSet
    styles: StyleSheet1
    width: float
    _headings: int = 0
    _sections: int = 0
    _appendices: int = 0

    # ---- text ----------------------------------------------------------------------------

    def m(self, text: object) -> str:
        """Escaped markup for user text (never interpreted as markup)."""
        return self.fonts.markup(text)

    def b(self, text: object) -> str:
        return self.fonts.strong(text)

    def p(self, text: object, style: str = "Body", max_lines: int = TEXT_LINES, *,
          prefix: str = "") -> Paragraph:
        """A paragraph of user text; `prefix` is markup set before it (e.g. a bold label)."""
        return Clipped(str(text), self.styles[style], self.fonts, max_lines, prefix=prefix)

    def bullets(self, items: Iterable[str], style: str = "Bullet",
                numbered: bool = False) -> list[Flowable]:
        return [Clipped(item, self.styles[style], self.fonts, CELL_LINES,
                        bullet=f"{index}." if numbered else "•")
                for index, item in enumerate(items, start=1)]

    def caption(self, text: str) -> Paragraph:
        return self.p(text, "Caption")

    # ---- headings ------------------------------------------------------------------------

    def heading(self, title: str, level: int = 0, *, style: str | None = None,
                in_contents: bool = True) -> Heading:
        """A heading that is a bookmark and a contents line; keys follow the story's order."""
        self._headings += 1
        style = style or ("H1" if level == 0 else "H2")
        return Heading(title, self.styles[style], self.fonts, level=level,
                       key=f"h{self._headings}", in_contents=in_contents)

    def section(self, title: str) -> Heading:
        """A numbered body section: 1, 2, 3 … in the order the sections are built."""
        self._sections += 1
        return self.heading(f"{self._sections}  {title}")

    def appendix(self, title: str) -> Heading:
        """A lettered appendix: A, B, C …"""
        letter = string.ascii_uppercase[self._appendices % 26]
        self._appendices += 1
        return self.heading(f"Appendix {letter}  {title}")

    def sub(self, title: str, *, listed: bool = True) -> list[Flowable]:
        """A level-2 heading that starts a new page when little room is left below it.

        `listed=False` keeps it out of the contents (it is still a bookmark): the contents
        list the body's subsections, and the appendices by their titles only.
        """
        return [CondPageBreak(40 * mm), self.heading(title, 1, in_contents=listed)]

    # ---- tables and boxes ----------------------------------------------------------------

    def cell(self, value: Cell, style: str = "Cell") -> Flowable | list[Flowable]:
        """A table cell: user text wrapped and clipped, or flowables laid out as given."""
        if isinstance(value, Flowable | list):
            return value
        return self.p(value, style, CELL_LINES)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Cell]],
              widths: Sequence[float], *, right: Sequence[int] = (),
              extra: Sequence[tuple] = (), zebra: bool = True,
              intro: Sequence[Flowable] = ()) -> list[Flowable]:
        """A table that wraps every cell, repeats its header row, and splits only if long.

        `widths` are fractions of the text width, so nothing runs past the margin whatever the
        names are; `right` lists numeric columns to right-align. A short table is kept on one
        page together with its `intro`; a long one starts where at least a few rows fit.
        """
        table = self.data_table(header, rows, widths, right=right, extra=extra, zebra=zebra)
        if len(rows) <= SHORT_TABLE_ROWS:
            return [KeepTogether([*intro, table])]
        return [CondPageBreak(45 * mm), *intro, table]

    def data_table(self, header: Sequence[str], rows: Sequence[Sequence[Cell]],
                   widths: Sequence[float], *, right: Sequence[int] = (),
                   extra: Sequence[tuple] = (), zebra: bool = True) -> LongTable:
        """The table itself, for a caller that keeps it together with more than an intro."""
        head = [self.p(h, "CellHeadRight" if i in right else "CellHead", HEADER_LINES)
                for i, h in enumerate(header)]
        body = [[self.cell(v, "CellRight" if i in right else "Cell") for i, v in enumerate(row)]
                for row in rows]
        table = LongTable([head, *body], colWidths=[w * self.width for w in widths],
                          repeatRows=1, hAlign="LEFT")
        style = table_style(rows=len(body) + 1, zebra=zebra)
        for command in extra:
            style.add(*command)
        table.setStyle(style)
        return table

    def facts(self, rows: Sequence[tuple[str, Flowable | list[Flowable]]],
              label_width: float = 38 * mm) -> Table:
        """Label / value pairs, as on the first page and in the rollout phases."""
        table = Table([[self.p(label, "Label", HEADER_LINES), value] for label, value in rows],
                      colWidths=[label_width, self.width - label_width], hAlign="LEFT")
        table.setStyle(table_style(header_rows=0, zebra=False))
        return table

    def box(self, flowables: list[Flowable], fill: object = BOX_FILL) -> Table:
        """Flowables in a shaded box with a dark rule on the left (visible in greyscale too)."""
        box = Table([[flowables]], colWidths=[self.width])
        box.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), fill),
            ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))
        return box

    def source(self, source: str, max_lines: int = 8) -> Flowable:
        """A source as a reader can use it: a web address prints as its site, linked in full;
        a document's name prints as it is."""
        if not source:
            return self.p(DASH, "CellSmall")
        parts = urlsplit(source) if source.startswith(("http://", "https://")) else None
        if parts is None or not parts.hostname:
            return self.p(source, "CellSmall", max_lines)
        return self.link(parts.hostname.removeprefix("www."), source, 3)

    def link(self, text: str, address: str, max_lines: int = 4,
             style: str = "CellSmall") -> Flowable:
        """`text` linked to a web address; text alone when `address` is not one."""
        parts = urlsplit(address) if address.startswith(("http://", "https://")) else None
        if parts is None or not parts.hostname:
            return self.p(text, style, max_lines)
        link = f'<a href={quoteattr(address)} color="#{ACCENT.hexval()[2:]}">'
        return Clipped(text, self.styles[style], self.fonts, max_lines, prefix=link,
                       suffix="</a>")

    # ---- names ---------------------------------------------------------------------------

    def name_of(self, candidate_id: str) -> str:
        """An offering or a kind of solution by its name (an id never reaches the reader)."""
        for candidate in (*self.rec.offerings, *self.rec.solution_types):
            if candidate.id == candidate_id:
                return candidate.name
        return candidate_id

    def criterion_name(self, criterion_id: str) -> str:
        for criterion in self.rec.criteria:
            if criterion.criterion_id == criterion_id:
                return criterion.name
        return criterion_id

    def unit_of(self, criterion_id: str) -> str:
        return next((c.unit for c in self.rec.criteria if c.criterion_id == criterion_id), "")

    def value(self, raw: float | None, criterion_id: str) -> str:
        """A value on its criterion's own scale: "level 3", "8 weeks", "13,000 EUR per user"."""
        return DASH if raw is None else with_unit(raw, self.unit_of(criterion_id))

    def ranked_offerings(self) -> list[CandidateResult]:
        return [o for o in self.rec.offerings if not o.excluded]

    def excluded_offerings(self) -> list[CandidateResult]:
        return [o for o in self.rec.offerings if o.excluded]

    def contender_ids(self) -> list[str]:
        """The contenders when there is no clear winner; otherwise the winner alone."""
        rob = self.rec.robustness
        if rob.contenders:
            return list(rob.contenders)
        winner = self.rec.winner()
        return [winner.id] if winner else []

    def leading_offerings(self, at_least: int = 3) -> list[CandidateResult]:
        """The offerings a decision is between: the contenders, or the first `at_least` ranked
        when the winner is clear (a CFO still wants to see what the alternatives cost)."""
        ranked = self.ranked_offerings()
        contenders = set(self.rec.robustness.contenders)
        chosen = [o for o in ranked if o.id in contenders]
        return chosen if len(chosen) >= 2 else ranked[:at_least]
