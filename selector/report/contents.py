"""The table of contents: every section and subsection with its page number, each a link.

It lists what the previous layout pass found (the document is laid out until the contents and
the page count agree with the pages), so the numbers are the pages the headings are really on.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import StyleSheet1
from reportlab.platypus import Flowable, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.paragraph import Paragraph

from selector.report.styles import RULE

Entry = tuple[int, str, int, str]  # level, title markup (escaped), page, bookmark key


class Contents(IndexingFlowable):
    """Contents lines for the headings the document notifies (`TOCEntry`), with page links."""

    def __init__(self, styles: StyleSheet1) -> None:
        super().__init__()
        self.styles = styles
        self._entries: list[Entry] = []
        self._shown: list[Entry] = []
        self._table: Flowable = Spacer(0, 0)

    def beforeBuild(self) -> None:  # noqa: N802 (reportlab's hook names)
        self._shown = self._entries
        self._entries = []

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == "TOCEntry":
            level, markup, page, key = stuff
            self._entries.append((level, markup, page, key))

    def isSatisfied(self) -> bool:  # noqa: N802
        return self._entries == self._shown

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._table = self._build(availWidth) if self._shown else Spacer(availWidth, 0)
        return self._table.wrapOn(self.canv, availWidth, availHeight)

    def _build(self, width: float) -> Table:
        rows = []
        commands: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
        for index, (level, markup, page, key) in enumerate(self._shown):
            style = self.styles["Contents0" if level == 0 else "Contents1"]
            number = self.styles["Contents0Page" if level == 0 else "Contents1Page"]
            rows.append([Paragraph(f'<a href="#{key}">{markup}</a>', style),
                         Paragraph(f'<a href="#{key}">{page}</a>', number)])
            if level == 0:
                commands.append(("LINEBELOW", (0, index), (-1, index), 0.4, RULE))
                if index:
                    commands.append(("TOPPADDING", (0, index), (-1, index), 7))
        table = Table(rows, colWidths=[width - 40, 40], hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        return table

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        return self._table.splitOn(self.canv, availWidth, availHeight)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self._table.drawOn(canvas, x, y, _sW)
