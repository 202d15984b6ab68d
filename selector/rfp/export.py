"""The RFP workbook a vendor fills in without this tool: one per offering, made with openpyxl.

Sheets: a cover (who asks, by when, how answers are scored, what a must-have is, and the
vendor's details), the requirements with a validated dropdown of each criterion's level
descriptors (or a number for a quantity), the fact must-haves as yes/partly/no questions, the
offering and price, the scales in full, and a hidden sheet that identifies the workbook. Only
the yellow answer cells are unlocked; the team's weights appear nowhere.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from selector.domain.criteria import OrdinalScale
from selector.rfp import wording
from selector.rfp.layout import (
    BILLING,
    COVER,
    FACT_CHOICES,
    GROUP_FILL,
    HEADER_FILL,
    MUST_HAVES,
    PRICE,
    REQUIREMENTS,
    RFP_LAYOUT,
    SCALES,
    Metadata,
    SheetWriter,
    date_validation,
    finish_workbook,
    length_validation,
    list_validation,
    number_validation,
    save_workbook,
)
from selector.rfp.scope import RequirementRow, RfpScope


def level_choices(scale: OrdinalScale) -> list[str]:
    """The dropdown entries: each level's descriptor, starting with its number ("3 — …")."""
    return [text if text.startswith(f"{i} ") else f"{i} — {text}"
            for i, text in enumerate(scale.levels)]


def scale_range(row: int, levels: int, first: str = "C") -> str:
    """The Scales sheet's cells that hold one criterion's levels, for a dropdown's list."""
    return f"'{SCALES}'!${first}${row}:${chr(ord(first) + levels - 1)}${row}"


def rfp_workbook(scope: RfpScope) -> Workbook:
    """The whole workbook for one offering, its hidden sheet included."""
    wb = Workbook()
    meta = Metadata(layout=RFP_LAYOUT, values=_identity(scope))
    cover = SheetWriter(wb.active, [30, 95])
    cover.ws.title = COVER
    _cover(cover, scope, meta)
    scale_rows = _scales(SheetWriter(wb.create_sheet(SCALES), [7, 26, *[36] * 6]), scope, meta)
    _requirements(SheetWriter(wb.create_sheet(REQUIREMENTS, 1),
                              [7, 26, 55, 14, 18, 45, 50, 32]), scope, scale_rows, meta)
    if scope.facts:
        _facts(SheetWriter(wb.create_sheet(MUST_HAVES, 2), [7, 44, 55, 14, 50, 32]), scope, meta)
    _price(SheetWriter(wb.create_sheet(PRICE, 3 if scope.facts else 2), [44, 60]), scope, meta)
    return finish_workbook(wb, meta, f"{wording.TITLE}: {scope.buyer.project}", scope.buyer.issued)


def write_rfp(scope: RfpScope, path: Path) -> None:
    save_workbook(rfp_workbook(scope), path)


def _identity(scope: RfpScope) -> dict[str, str]:
    b, o = scope.buyer, scope.offering
    return {
        "kind": "rfp",
        "project": b.project,
        "project_key": b.project_key,
        "organisation": b.organisation,
        "offering": o.id,
        "offering_name": o.name,
        "vendor": o.vendor_id,
        "company": o.company,
        "issued": b.issued.isoformat(),
        "deadline": scope.deadline.isoformat() if scope.deadline else "",
        "seats": str(scope.seats),
        "horizon_years": str(scope.horizon_years),
    }


def _record(meta: Metadata, w: SheetWriter) -> None:
    meta.locked += [(w.ws.title, cell, text) for cell, text in w.locked]


def _cover(w: SheetWriter, scope: RfpScope, meta: Metadata) -> None:
    b, o = scope.buyer, scope.offering
    w.merged_text(1, 1, 2, f"{wording.TITLE}: {b.project}", "title")
    deadline = wording.deadline_text(scope.deadline.isoformat() if scope.deadline else "")
    row = 3
    for label, value in (
        ("Buyer", b.organisation),
        ("Project", b.project),
        ("Offering asked about", o.name),
        ("Vendor", o.company),
        ("Issued", b.issued.isoformat()),
        ("Answer by", deadline),
        ("Contact", b.contact),
    ):
        w.text(row, 1, label, "label")
        w.text(row, 2, value)
        row += 1
    row += 1
    w.text(row, 1, "How to answer", "heading")
    row += 1
    for label, text in (
        ("Filling it in", wording.HOW_TO_FILL),
        ("How answers are scored", wording.SCORING),
        ("Must-haves", wording.MUST_HAVES),
        ("Not in this request", wording.WEIGHTS_NOT_SHARED),
    ):
        w.text(row, 1, label, "label")
        w.text(row, 2, text)
        row += 1
    row += 1
    w.text(row, 1, "Your details", "heading")
    row += 1
    for name, label, kind in (
        ("respondent", "Answered by (your name) *", "text"),
        ("role", "Your role", "text"),
        ("email", "E-mail", "text"),
        ("answer_date", "Date of these answers", "date"),
    ):
        w.text(row, 1, label, "label")
        cell = w.answer(row, 2, number_format="yyyy-mm-dd" if kind == "date" else None)
        if kind == "date":
            date_validation(w.ws, cell.coordinate)
        meta.records.append(["field", name, COVER, cell.coordinate, kind])
        row += 1
    w.text(row, 1, "* required", "small")
    w.finish()
    _record(meta, w)


def _scales(w: SheetWriter, scope: RfpScope, meta: Metadata) -> dict[str, int]:
    """The level descriptors in full, one row per requirement: what the dropdowns list."""
    w.merged_text(1, 1, 8, "Scales: what each answer means", "title")
    w.merged_text(2, 1, 8, "The answer lists on the 'Requirements' sheet are these levels. "
                  "Choose the level your offering reaches today.", "small")
    headers = ["Ref", "Requirement", *[f"Level {i}" for i in range(6)]]
    for col, text in enumerate(headers, start=1):
        w.text(4, col, text, "header", HEADER_FILL, border=True)
    rows: dict[str, int] = {}
    row = 5
    for req in scope.requirements:
        w.text(row, 1, req.ref, border=True)
        w.text(row, 2, req.criterion.name, border=True)
        scale = req.criterion.scale
        if isinstance(scale, OrdinalScale):
            for i, text in enumerate(level_choices(scale)):
                w.text(row, 3 + i, text, border=True)
            rows[req.criterion.id] = row
        else:
            better = "less is better" if req.criterion.direction == "cost" else "more is better"
            w.merged_text(row, 3, 8, f"A number of {scale.unit} ({better}).")
        row += 1
    w.finish(header_row=4)
    _record(meta, w)
    return rows


def _requirements(w: SheetWriter, scope: RfpScope, scale_rows: dict[str, int],
                  meta: Metadata) -> None:
    w.merged_text(1, 1, 8, f"Requirements: {scope.offering.name}", "title")
    w.merged_text(2, 1, 8, "Answer for the offering named above. " + wording.MUST_HAVES, "small")
    headers = ["Ref", "Requirement", "What we mean", "Answer as", "Must-have", "Your answer",
               "Evidence: how you meet it", "Link to evidence"]
    for col, text in enumerate(headers, start=1):
        w.text(4, col, text, "header", HEADER_FILL, border=True)
    row, group = 5, None
    evidence_cells: list[str] = []
    for req in scope.requirements:
        if req.group != group:
            group = req.group
            w.merged_text(row, 1, 8, group, "group", GROUP_FILL)
            row += 1
        answer = _requirement_row(w, row, req, scale_rows)
        evidence, link = w.answer(row, 7, lines=3), w.answer(row, 8)
        evidence_cells += [evidence.coordinate, link.coordinate]
        meta.records.append(["criterion", req.criterion.id, REQUIREMENTS, answer,
                             evidence.coordinate, link.coordinate,
                             "number" if req.quantity else "level", req.ref])
        row += 1
    length_validation(w.ws, evidence_cells)
    w.finish(header_row=4)
    _record(meta, w)


def _requirement_row(w: SheetWriter, row: int, req: RequirementRow,
                     scale_rows: dict[str, int]) -> str:
    criterion = req.criterion
    meaning = criterion.description + (f"\n{wording.our_note(req.note)}" if req.note else "")
    w.text(row, 1, req.ref, border=True)
    w.text(row, 2, criterion.name, "label", border=True)
    w.text(row, 3, meaning, border=True)
    unit = criterion.scale.unit_text() if req.quantity else ""
    w.text(row, 4, wording.answer_as("number" if req.quantity else "level", unit), border=True)
    w.text(row, 5, wording.must_line(req.must), "label", border=True)
    cell = w.answer(row, 6, lines=2).coordinate
    if req.quantity:
        number_validation(w.ws, cell, unit)
    else:
        levels = len(criterion.scale.levels)  # type: ignore[union-attr]
        list_validation(w.ws, scale_range(scale_rows[criterion.id], levels),
                        "Choose the level your offering reaches (levels: 'Scales' sheet).",
                        [cell])
    return cell


def _facts(w: SheetWriter, scope: RfpScope, meta: Metadata) -> None:
    w.merged_text(1, 1, 6, "Must-haves: yes, partly or no", "title")
    w.merged_text(2, 1, 6, "Does the offering named on the cover meet each of these, as it is "
                  "sold today? " + wording.MUST_HAVES, "small")
    headers = ["Ref", "Must-have", "Why we ask", "Your answer", "Evidence: how you meet it",
               "Link to evidence"]
    for col, text in enumerate(headers, start=1):
        w.text(4, col, text, "header", HEADER_FILL, border=True)
    answers, evidence_cells = [], []
    for row, q in enumerate(scope.facts, start=5):
        w.text(row, 1, q.ref, border=True)
        w.text(row, 2, q.question, "label", border=True)
        w.text(row, 3, q.why, border=True)
        answer = w.answer(row, 4)
        evidence, link = w.answer(row, 5, lines=3), w.answer(row, 6)
        answers.append(answer.coordinate)
        evidence_cells += [evidence.coordinate, link.coordinate]
        meta.records.append(["fact", q.key, MUST_HAVES, answer.coordinate, evidence.coordinate,
                             link.coordinate, q.ref])
    list_validation(w.ws, FACT_CHOICES, "yes, partly or no.", answers)
    length_validation(w.ws, evidence_cells)
    w.finish(header_row=4)
    _record(meta, w)


def _price(w: SheetWriter, scope: RfpScope, meta: Metadata) -> None:
    o = scope.offering
    w.merged_text(1, 1, 2, "Offering and price", "title")
    w.merged_text(2, 1, 2, wording.PRICE_INTRO, "small")
    row = 4
    for label, value in (
        ("Offering", o.name),
        ("Vendor", o.company),
        ("Edition in our catalog", o.edition or "—"),
        ("Seats to quote for (the people who will use the CRM)", scope.seats),
        ("Contract years we plan for", scope.horizon_years),
    ):
        w.text(row, 1, label, "label")
        w.text(row, 2, value)
        row += 1
    row += 1
    currencies = ",".join(scope.currencies)
    fields = (
        ("edition", "Edition you offer", "text"),
        ("currency", "Currency of the amounts", "currency"),
        ("billing", "Billing of the licences", "billing"),
        ("licences_per_year", "Licences per year, for these seats", "amount"),
        ("one_off", "One-off costs (implementation, migration, training)", "amount"),
        ("yearly_other", "Other yearly costs (support, hosting, add-ons)", "amount"),
        ("valid_until", "Price valid until", "date"),
        ("includes", "What the price includes, and conditions", "text"),
    )
    for name, label, kind in fields:
        w.text(row, 1, label, "label")
        prefill = o.edition if name == "edition" and o.edition else None
        cell = w.answer(row, 2, prefill, number_format={"amount": "#,##0.00",
                                                        "date": "yyyy-mm-dd"}.get(kind),
                        lines=3 if name == "includes" else 1)
        if kind == "currency":
            list_validation(w.ws, f'"{currencies}"', "The currency of every amount below.",
                            [cell.coordinate])
        elif kind == "billing":
            list_validation(w.ws, f'"{",".join(BILLING)}"', "How the licences are billed.",
                            [cell.coordinate])
        elif kind == "amount":
            number_validation(w.ws, cell.coordinate, "the currency above")
        elif kind == "date":
            date_validation(w.ws, cell.coordinate)
        else:
            length_validation(w.ws, [cell.coordinate])
        meta.records.append(["field", name, PRICE, cell.coordinate, kind])
        row += 1
    w.finish()
    _record(meta, w)
