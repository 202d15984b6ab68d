"""Reading cells of a returned workbook: values, dates, numbers, levels and evidence, with
every problem collected by sheet and cell so the vendor (or the team) gets them all at once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell
from openpyxl.workbook import Workbook

from selector.catalog.loader import Catalog
from selector.domain.criteria import Criterion, OrdinalScale
from selector.domain.project import Claim, Project
from selector.domain.questions import FACT_ANSWER_VALUES
from selector.rfp import wording
from selector.rfp.layout import EVIDENCE_LIMIT, shown

URL = re.compile(r"^https?://\S+$")
LEVEL = re.compile(r"^\s*(\d+(?:[.,]\d+)?)(?:\s|—|–|-|:|$)")
LINK_LIMIT = 900
MAX_LISTED = 12
"""Changed protected cells listed one by one; past that, a count (one edit can move many)."""


@dataclass(frozen=True)
class Refusal:
    """A workbook that cannot be imported, and everything to fix in it."""

    file: str
    problems: list[str]


@dataclass(frozen=True)
class Quote:
    """The vendor's price, as typed (in its currency)."""

    currency: str = ""
    billing: str = ""
    licences_per_year: float | None = None
    one_off: float | None = None
    yearly_other: float | None = None
    valid_until: dt.date | None = None
    includes: str = ""

    @property
    def given(self) -> bool:
        return any(v is not None for v in (self.licences_per_year, self.one_off,
                                           self.yearly_other))


@dataclass(frozen=True)
class ReturnedWorkbook:
    """What one returned workbook says, ready to become the project's claims."""

    file: str
    kind: str  # "rfp" or "scorecard"
    claims: list[Claim]
    observed: dt.date
    respondent: str = ""  # who answered, for an RFP
    company: str = ""
    offering_id: str = ""  # for an RFP
    edition: str = ""  # the edition the vendor says it offers
    quote: Quote | None = None
    seats: int = 0


@dataclass(frozen=True)
class Context:
    """What a workbook is checked against: the project as it is now."""

    catalog: Catalog
    project: Project
    candidates: set[str]  # offering ids the project ranks
    musts: dict[str, str]  # criterion id -> must-have line, for criteria that are must-haves
    facts: set[str]  # keys of the fact must-haves in force
    by: str = ""  # who imports (for an RFP answer); a demo's `by` is its stakeholder


@dataclass
class CellReader:
    """Collects problems while reading, so a vendor gets every one of them at once."""

    wb: Workbook
    problems: list[str] = field(default_factory=list)

    def cell(self, sheet: str, ref: str) -> Cell | None:
        if sheet not in self.wb.sheetnames:
            self.problems.append(f"sheet '{wording.printable(sheet)}' is missing: sheets were "
                                 "renamed or deleted; answers must come back in the workbook "
                                 "as it was sent")
            return None
        return self.wb[sheet][ref]

    def refuse(self, sheet: str, ref: str, what: str, message: str) -> None:
        self.problems.append(f"{wording.where(sheet, ref, what)}: {message}")

    def value(self, sheet: str, ref: str, what: str) -> object:
        """A cell's value; None when empty; a formula is a problem, never a value."""
        cell = self.cell(sheet, ref)
        if cell is None:
            return None
        if cell.data_type == "f":
            self.refuse(sheet, ref, what, wording.formula(str(cell.value)))
            return None
        value = cell.value
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def text(self, sheet: str, ref: str, what: str, limit: int = EVIDENCE_LIMIT) -> str:
        value = self.value(sheet, ref, what)
        if value is None:
            return ""
        text = shown(value).strip()
        if len(text) > limit:
            self.refuse(sheet, ref, what, wording.too_long(limit, len(text)))
            return ""
        return text

    def date(self, sheet: str, ref: str, what: str) -> dt.date | None:
        value = self.value(sheet, ref, what)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            self.refuse(sheet, ref, what, wording.not_a_date(shown(value)))
            return None

    def number(self, sheet: str, ref: str, what: str, unit: str) -> float | None:
        value = self.value(sheet, ref, what)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.refuse(sheet, ref, what, wording.not_a_number(shown(value), unit))
            return None
        try:
            number = float(str(value).strip().replace(",", ".")) if isinstance(value, str) \
                else float(value)
        except ValueError:
            self.refuse(sheet, ref, what, wording.not_a_number(shown(value), unit))
            return None
        if number != number or number in (float("inf"), float("-inf")):
            self.refuse(sheet, ref, what, wording.not_a_number(shown(value), unit))
            return None
        if number < 0:
            self.refuse(sheet, ref, what, wording.negative(unit))
            return None
        return number


def level_or_number(reader: CellReader, sheet: str, ref: str, what: str, criterion: Criterion,
                     kind: str) -> float | None:
    scale = criterion.scale
    if kind == "number" or not isinstance(scale, OrdinalScale):
        unit = scale.unit_text()
        return reader.number(sheet, ref, what, unit)
    value = reader.value(sheet, ref, what)
    if value is None:
        return None
    high = int(scale.high)
    if isinstance(value, bool):
        level = None
    elif isinstance(value, int | float):
        level = float(value)
    else:
        match = LEVEL.match(str(value))
        level = float(match.group(1).replace(",", ".")) if match else None
    if level is None or not level.is_integer() or not 0 <= level <= high:
        reader.refuse(sheet, ref, what, wording.not_a_level(shown(value), high))
        return None
    return level


def not_met(criterion: Criterion) -> float:
    """The value an unanswered must-have counts as: the worst on its scale."""
    scale = criterion.scale
    if isinstance(scale, OrdinalScale):
        return scale.low if criterion.direction == "benefit" else scale.high
    return scale.worst


def evidence(reader: CellReader, sheet: str, evidence_ref: str, link_ref: str,
              what: str) -> tuple[str, str | None]:
    """The vendor's evidence: its words, and the link when it is a web address (any other
    reference, "brochure p. 4", is kept with the words)."""
    note = reader.text(sheet, evidence_ref, what)
    link = reader.text(sheet, link_ref, what, limit=LINK_LIMIT)
    if link and URL.match(link):
        return note, link
    if link:
        note = (note + "\n" if note else "") + wording.reference(link)
    return note, None


def fact_value(reader: CellReader, sheet: str, ref: str, what: str) -> float | None:
    """A yes / partly / no answer as a claim's value (1, 0.5, 0)."""
    value = reader.value(sheet, ref, what)
    if value is None:
        return None
    answer = shown(value).strip().lower()
    if answer not in FACT_ANSWER_VALUES:
        reader.refuse(sheet, ref, what, wording.not_yes_no(shown(value)))
        return None
    return FACT_ANSWER_VALUES[answer]
