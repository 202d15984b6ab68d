"""Reading a returned workbook: every answer as a claim, or every reason it is refused.

A workbook is read whole or not at all: it is recognised by its hidden sheet, checked against
the project (the right project, an offering or stakeholder the project has), its protected
cells compared with what was sent, and each answer checked against its criterion's scale. Any
problem refuses the whole workbook, with the sheet, the cell and what to fix, so a half-read
answer never enters the project.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from selector.domain.project import Claim
from selector.domain.questions import FACT_ANSWER_VALUES
from selector.rfp import wording
from selector.rfp.layout import (
    BILLING,
    LAYOUTS,
    META_SHEET,
    RFP_LAYOUT,
    Metadata,
    read_metadata,
    shown,
)
from selector.rfp.reading import (
    MAX_LISTED,
    CellReader,
    Context,
    Quote,
    Refusal,
    ReturnedWorkbook,
    evidence,
    level_or_number,
    not_met,
)
from selector.rfp.scope import project_key
from selector.rfp.scorecard import read_scorecard


def read_returned(path: Path, ctx: Context) -> ReturnedWorkbook | Refusal:
    """One returned workbook (an RFP answer or a demo scorecard), read whole or refused."""
    name = path.name
    wb = _open(path)
    if isinstance(wb, str):
        return Refusal(name, [wb])
    if META_SHEET not in wb.sheetnames:
        return Refusal(name, [wording.not_ours(META_SHEET)])
    meta = read_metadata(wb)
    if meta is None:
        return Refusal(name, [wording.metadata_edited(META_SHEET)])
    if meta.layout not in LAYOUTS:
        return Refusal(name, [wording.unknown_layout(meta.layout, ", ".join(LAYOUTS))])
    if meta.values.get("project_key") != project_key(ctx.project):
        return Refusal(name, [wording.wrong_project(meta.values.get("project", ""),
                                                    ctx.project.name)])
    reader = CellReader(wb)
    _check_locked(reader, meta)
    if reader.problems:
        return Refusal(name, reader.problems)
    observed_default = dt.datetime.fromtimestamp(path.stat().st_mtime).date()
    if meta.layout == RFP_LAYOUT:
        result = _rfp(reader, meta, ctx, name, observed_default)
    else:
        result = read_scorecard(reader, meta, ctx, name, observed_default)
    if reader.problems:
        return Refusal(name, reader.problems)
    return result


def _open(path: Path) -> Workbook | str:
    if not path.is_file():
        return "no such file"
    try:
        return load_workbook(path, data_only=False)
    except zipfile.BadZipFile:
        return wording.not_xlsx("it is not a zip-packed Office file")
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return wording.not_xlsx(wording.clip(reason, 120))


def _check_locked(reader: CellReader, meta: Metadata) -> None:
    """Every protected cell as it was sent: the layout was not edited."""
    missing: set[str] = set()
    changed = 0
    for sheet, ref, expected in meta.locked:
        if sheet not in reader.wb.sheetnames:
            if sheet not in missing:
                missing.add(sheet)
                reader.cell(sheet, ref)
            continue
        found = shown(reader.wb[sheet][ref].value)
        if found != expected:
            changed += 1
            if changed <= MAX_LISTED:
                reader.refuse(sheet, ref, "", wording.locked_changed(expected, found))
    if changed > MAX_LISTED:
        reader.problems.append(wording.more_changed(changed - MAX_LISTED))


def _rfp(reader: CellReader, meta: Metadata, ctx: Context, name: str,
         observed_default: dt.date) -> ReturnedWorkbook:
    offering_id = meta.values.get("offering", "")
    if offering_id not in ctx.candidates:
        reader.problems.append(wording.wrong_offering(meta.values.get("offering_name",
                                                                      offering_id)))
        return ReturnedWorkbook(name, "rfp", [], observed_default)
    fields = {r[0]: r for r in meta.of("field")}
    details = {key: _field(reader, fields[key]) for key in fields}
    respondent = details.get("respondent") or ""
    if not respondent and "respondent" in fields:
        reader.refuse(fields["respondent"][1], fields["respondent"][2], "",
                      wording.required("your name (Answered by)"))
    answer_date = details.get("answer_date")
    observed = answer_date if isinstance(answer_date, dt.date) else observed_default
    company = meta.values.get("company", "")
    edition = str(details.get("edition") or "")
    title = _title(company, str(respondent), str(details.get("role") or ""))
    base = dict(source_kind="vendor_rfp_answer", observed=observed, file=name, by=ctx.by,
                source_title=title, vendor=offering_id)
    claims = _criterion_answers(reader, meta, ctx, base)
    claims += _fact_answers(reader, meta, ctx, base)
    quote = _quote(reader, fields, details, ctx)
    seats = int(meta.values.get("seats", "0") or 0)
    licence = _licence_claim(ctx, quote, seats, edition, base)
    if licence is not None:
        claims.append(licence)
    return ReturnedWorkbook(name, "rfp", claims, observed, str(respondent), company,
                            offering_id, edition, quote if quote.given else None, seats)


def _title(company: str, respondent: str, role: str) -> str:
    who = respondent + (f", {role}" if role else "")
    return wording.clip(f"RFP answer from {company}" + (f" ({who})" if who else ""), 300)


def _field(reader: CellReader, record: list[str]) -> object:
    _, sheet, ref, kind = (record + ["", "", "", ""])[:4]
    if kind == "date":
        return reader.date(sheet, ref, "")
    if kind == "amount":
        return reader.number(sheet, ref, "", "the quote's currency")
    return reader.text(sheet, ref, "")


def _criterion_answers(reader: CellReader, meta: Metadata, ctx: Context, base: dict) -> list[Claim]:
    criteria = {c.id: c for c in ctx.catalog.library.criteria()}
    out = []
    for record in meta.of("criterion"):
        cid, sheet, answer_ref, evidence_ref, link_ref, kind, ref = (record + [""] * 7)[:7]
        criterion = criteria.get(cid)
        if criterion is None:
            reader.refuse(sheet, answer_ref, ref, wording.unknown_criterion(cid))
            continue
        what = f"{ref} {criterion.name}"
        value = level_or_number(reader, sheet, answer_ref, what, criterion, kind)
        note, source = evidence(reader, sheet, evidence_ref, link_ref, what)
        if value is None:
            if note or source:
                reader.refuse(sheet, answer_ref, what, wording.evidence_without_answer())
            elif cid in ctx.musts:
                out.append(Claim(**base, criterion=cid, value=not_met(criterion),
                                 unanswered=True, note=wording.UNANSWERED_NOTE,
                                 confidence="low"))
            continue
        out.append(Claim(**base, criterion=cid, value=value, note=note, source=source,
                         confidence="medium" if note or source else "low"))
    return out


def _fact_answers(reader: CellReader, meta: Metadata, ctx: Context, base: dict) -> list[Claim]:
    out = []
    for record in meta.of("fact"):
        key, sheet, answer_ref, evidence_ref, link_ref, ref = (record + [""] * 6)[:6]
        value = reader.value(sheet, answer_ref, ref)
        note, source = evidence(reader, sheet, evidence_ref, link_ref, ref)
        if value is None:
            if note or source:
                reader.refuse(sheet, answer_ref, ref, wording.evidence_without_answer())
            elif key in ctx.facts:
                out.append(Claim(**base, criterion=key, value=0.0, unanswered=True,
                                 note=wording.UNANSWERED_NOTE, confidence="low"))
            continue
        answer = shown(value).strip().lower()
        if answer not in FACT_ANSWER_VALUES:
            reader.refuse(sheet, answer_ref, ref, wording.not_yes_no(shown(value)))
            continue
        out.append(Claim(**base, criterion=key, value=FACT_ANSWER_VALUES[answer], note=note,
                         source=source, confidence="medium" if note or source else "low"))
    return out


def _quote(reader: CellReader, fields: dict[str, list[str]], details: dict[str, object],
           ctx: Context) -> Quote:
    model = ctx.catalog.cost_model
    currencies = sorted(model.currencies()) if model else ["EUR"]
    currency = str(details.get("currency") or "").upper()
    billing = str(details.get("billing") or "").lower()
    if currency and currency not in currencies and "currency" in fields:
        _, sheet, ref, _kind = fields["currency"][:4]
        reader.refuse(sheet, ref, "", wording.not_a_choice(currency, currencies))
    if billing and billing not in BILLING and "billing" in fields:
        _, sheet, ref, _kind = fields["billing"][:4]
        reader.refuse(sheet, ref, "", wording.not_a_choice(billing, list(BILLING)))

    def amount(key: str) -> float | None:
        value = details.get(key)
        return float(value) if isinstance(value, int | float) else None

    valid = details.get("valid_until")
    quote = Quote(
        currency=currency, billing=billing, licences_per_year=amount("licences_per_year"),
        one_off=amount("one_off"), yearly_other=amount("yearly_other"),
        valid_until=valid if isinstance(valid, dt.date) else None,
        includes=str(details.get("includes") or ""),
    )
    if quote.given and not currency and "currency" in fields:
        _, sheet, ref, _kind = fields["currency"][:4]
        reader.refuse(sheet, ref, "", wording.no_currency())
    return quote


def _licence_claim(ctx: Context, quote: Quote, seats: int, edition: str,
                   base: dict) -> Claim | None:
    """The quote's licences as a claim on the licence-cost criterion (EUR per user-month, at
    the catalog's exchange rate), with the whole quote in its note."""
    model = ctx.catalog.cost_model
    criterion = next((c for c in ctx.catalog.library.criteria()
                      if c.computed == "licence_per_user_month"), None)
    if (quote.licences_per_year is None or criterion is None or model is None or seats < 1
            or not quote.currency):
        return None
    rate = 1.0 if quote.currency == "EUR" else None
    found = model.rate(quote.currency)
    if found is not None:
        rate = found.per_eur
    if rate is None:
        return None
    per_user_month = round(quote.licences_per_year / rate / seats / 12, 2)
    return Claim(**base, criterion=criterion.id, value=per_user_month,
                 note=wording.quote_note(quote, seats, edition, rate), confidence="medium")
