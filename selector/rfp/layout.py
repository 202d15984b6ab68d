"""How a workbook is laid out, and the hidden sheet that lets the import recognise it.

Every cell the tool writes outside the answer cells is recorded, with its text, on a hidden,
protected sheet, with what identifies the workbook (the layout version, the project, the
offering, the criteria) and where each answer lives. On import, those cells are read back and
compared: an inserted row, a moved column or an edited protected cell is found and named by its
cell, instead of answers being read from the wrong rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from selector.catalog.files import write_bytes_atomic
from selector.rfp.wording import cell_text

RFP_LAYOUT = "crm-selector-rfp/1"
SCORECARD_LAYOUT = "crm-selector-demo/1"
LAYOUTS = (RFP_LAYOUT, SCORECARD_LAYOUT)
META_SHEET = "crm-selector"

COVER = "Cover"
REQUIREMENTS = "Requirements"
MUST_HAVES = "Must-haves"
PRICE = "Offering and price"
SCALES = "Scales"

FACT_CHOICES = '"yes,partly,no"'
BILLING = ("monthly", "annual", "one-off")

EVIDENCE_LIMIT = 4000
"""Characters of evidence per answer: room for a paragraph and a reference, not a brochure."""

ANSWER_FILL = PatternFill("solid", fgColor="FFF6CC")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
GROUP_FILL = PatternFill("solid", fgColor="EEF2F6")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
STYLES = {
    "title": Font(bold=True, size=16),
    "heading": Font(bold=True, size=12),
    "header": Font(bold=True),
    "group": Font(bold=True),
    "label": Font(bold=True),
    "body": Font(),
    "small": Font(italic=True, color="595959"),
}


def shown(value: object) -> str:
    """A cell's value as the layout check compares it: text as written, numbers without a
    needless `.0`, dates as ISO dates, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n")


class SheetWriter:
    """Writes one sheet: protected text, unlocked answer cells, column widths, row heights."""

    def __init__(self, ws: Worksheet, widths: list[float]):
        self.ws = ws
        self.widths = widths
        self.locked: list[tuple[str, str]] = []
        self._lines: dict[int, int] = {}
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w

    def text(self, row: int, col: int, text: str | int | float, style: str = "body",
             fill: PatternFill | None = None, border: bool = False) -> Cell:
        """A protected cell. Text is always written as text, so a name that starts with `=`
        is shown as typed, never run as a formula."""
        cell = self.ws.cell(row=row, column=col)
        if isinstance(text, str):
            cell.value = cell_text(text)
            cell.data_type = "s"
        else:
            cell.value = text
        cell.font = STYLES[style]
        cell.alignment = WRAP
        if fill is not None:
            cell.fill = fill
        if border:
            cell.border = BOX
        self.locked.append((cell.coordinate, shown(cell.value)))
        self._measure(row, col, shown(cell.value), style)
        return cell

    def answer(self, row: int, col: int, value: str | None = None,
               number_format: str | None = None, lines: int = 1) -> Cell:
        """A yellow cell the vendor types in (unlocked, boxed); `value` pre-fills it."""
        cell = self.ws.cell(row=row, column=col)
        if value is not None:
            cell.value = cell_text(value)
            cell.data_type = "s"
        cell.protection = Protection(locked=False)
        cell.fill = ANSWER_FILL
        cell.border = BOX
        cell.alignment = WRAP
        if number_format:
            cell.number_format = number_format
        self._lines[row] = max(self._lines.get(row, 1), lines)
        return cell

    def _measure(self, row: int, col: int, text: str, style: str) -> None:
        width = self.widths[col - 1] if col <= len(self.widths) else 10
        self._lines[row] = max(self._lines.get(row, 1), _lines(text, width, style))

    def merge(self, row: int, first: int, last: int) -> None:
        self.ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)

    def merged_text(self, row: int, first: int, last: int, text: str, style: str = "body",
                    fill: PatternFill | None = None) -> Cell:
        """Text across columns `first`..`last`, with its row high enough for it."""
        cell = self.text(row, first, text, style, fill)
        self.merge(row, first, last)
        self._lines[row] = _lines(text, sum(self.widths[first - 1:last]), style)
        return cell

    def finish(self, header_row: int | None = None) -> None:
        """Row heights from the text they hold, protection on, print across one page width."""
        line = 15.0
        for row, lines in self._lines.items():
            size = 21.0 if self.ws.cell(row=row, column=1).font.sz == 16 else line
            self.ws.row_dimensions[row].height = min(409.0, max(size, lines * line))
        protection = self.ws.protection
        protection.sheet = True
        protection.formatColumns = False  # the vendor may widen columns and rows to read
        protection.formatRows = False
        setup = self.ws.page_setup
        setup.orientation = "landscape"
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        if header_row is not None:
            self.ws.print_title_rows = f"{header_row}:{header_row}"
            self.ws.freeze_panes = f"A{header_row + 1}"


_CHARS_PER_WIDTH = {"title": 0.6, "heading": 0.8, "header": 0.85, "group": 0.85, "label": 0.85}


def _lines(text: str, width: float, style: str) -> int:
    """How many lines wrapped text takes in a column `width` characters wide (bold and large
    text take more room), so rows can be made high enough: neither Excel nor LibreOffice
    grows a row for wrapped text written by a program."""
    per_line = max(8.0, width * _CHARS_PER_WIDTH.get(style, 1.0))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def list_validation(ws: Worksheet, source: str, prompt: str, cells: list[str]) -> None:
    """A dropdown over `source` (a range, or a quoted comma list) that refuses other values."""
    if not cells:
        return
    dv = DataValidation(type="list", formula1=source, allow_blank=True)
    _messages(dv, prompt, "Choose one of the values in the list.")
    ws.add_data_validation(dv)
    for cell in cells:
        dv.add(cell)


def number_validation(ws: Worksheet, cell: str, unit: str) -> None:
    dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                        allow_blank=True)
    _messages(dv, f"A number of {unit}, 0 or more."[:250],
              f"Type a number of {unit} (0 or more), without the unit."[:220])
    ws.add_data_validation(dv)
    dv.add(cell)


def date_validation(ws: Worksheet, cell: str) -> None:
    dv = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                        formula2="DATE(2199,12,31)", allow_blank=True)
    _messages(dv, "A date, like 2026-12-15.", "Type a date, like 2026-12-15.")
    ws.add_data_validation(dv)
    dv.add(cell)


def length_validation(ws: Worksheet, cells: list[str], limit: int = EVIDENCE_LIMIT) -> None:
    if not cells:
        return
    dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit),
                        allow_blank=True)
    _messages(dv, "", f"At most {limit:,} characters.")
    ws.add_data_validation(dv)
    for cell in cells:
        dv.add(cell)


def _messages(dv: DataValidation, prompt: str, error: str) -> None:
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    dv.error = error
    dv.errorTitle = "Not an answer here"
    if prompt:
        dv.showInputMessage = True
        dv.prompt = prompt
        dv.promptTitle = "Your answer"


# ---- the hidden sheet that identifies the workbook ------------------------------------------

@dataclass
class Metadata:
    """What a workbook is and where its answers are, as written on its hidden sheet."""

    layout: str
    values: dict[str, str] = field(default_factory=dict)
    records: list[list[str]] = field(default_factory=list)  # ("criterion", id, sheet, cell …)
    locked: list[tuple[str, str, str]] = field(default_factory=list)  # sheet, cell, text

    def of(self, kind: str) -> list[list[str]]:
        return [r[1:] for r in self.records if r[0] == kind]


def _rows(meta: Metadata) -> list[list[str]]:
    rows = [["layout", meta.layout]]
    rows += [["meta", k, v] for k, v in meta.values.items()]
    rows += [list(r) for r in meta.records]
    rows += [["locked", s, c, t] for s, c, t in meta.locked]
    return [_trimmed([cell_text(v) for v in r]) for r in rows]


def _checksum(rows: list[list[str]]) -> str:
    text = "\x1e".join("\x1f".join(r) for r in rows)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_metadata(wb: Workbook, meta: Metadata) -> None:
    """The hidden (`veryHidden`: not listed under Unhide) and protected sheet, with a checksum
    of its own rows, and the workbook's structure locked."""
    ws = wb.create_sheet(META_SHEET)
    rows = _rows(meta)
    for r, values in enumerate([*rows, ["checksum", _checksum(rows)]], start=1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = value
            cell.data_type = "s"
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)


def finish_workbook(wb: Workbook, meta: Metadata, title: str, issued: dt.date) -> Workbook:
    """The hidden sheet, and properties dated by the issue date rather than the clock, so the
    same project gives the same workbook on every run; the first sheet opens first."""
    write_metadata(wb, meta)
    when = dt.datetime.combine(issued, dt.time())
    wb.properties.creator = "crm-selector"
    wb.properties.lastModifiedBy = "crm-selector"
    wb.properties.title = cell_text(title)
    wb.properties.created = when
    wb.properties.modified = when
    wb.active = 0
    return wb


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save atomically: a failed write leaves any earlier file in place."""
    buffer = io.BytesIO()
    wb.save(buffer)
    write_bytes_atomic(path, buffer.getvalue())


def read_metadata(wb: Workbook) -> Metadata | None:
    """The hidden sheet's content, or None when it was changed (its checksum does not match)."""
    ws = wb[META_SHEET]
    rows = [[shown(v) for v in row] for row in ws.iter_rows(values_only=True)]
    rows = [_trimmed(r) for r in rows if any(r)]
    if not rows or rows[-1][:1] != ["checksum"] or len(rows[-1]) < 2:
        return None
    body, checksum = rows[:-1], rows[-1][1]
    if _checksum(body) != checksum or not body or body[0][:1] != ["layout"]:
        return None
    meta = Metadata(layout=body[0][1] if len(body[0]) > 1 else "")
    for r in body[1:]:
        if r[0] == "meta" and len(r) >= 3:
            meta.values[r[1]] = r[2]
        elif r[0] == "meta" and len(r) == 2:
            meta.values[r[1]] = ""
        elif r[0] == "locked":
            meta.locked.append((r[1], r[2], r[3] if len(r) > 3 else ""))
        else:
            meta.records.append(r)
    return meta


def _trimmed(row: list[str]) -> list[str]:
    while row and row[-1] == "":
        row = row[:-1]
    return row
