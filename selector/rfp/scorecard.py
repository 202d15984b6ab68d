"""The demo scorecard: per stakeholder, what to check in each vendor's demo, scored back in.

A demo is where a vendor's claim meets the team's own eyes. Each stakeholder gets the
criteria that matter most to them (their own group weights), the ones they asked for, the ones
whose catalog score rests on judgement, and every vendor claim the team marked "verify in a
demo" — with the level descriptors, a column per demo, and the date of each demo. Returned,
each score becomes a claim seen in a demo, by that stakeholder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from selector.catalog.loader import Catalog
from selector.domain.criteria import Criterion, OrdinalScale
from selector.domain.project import Claim, Project, Stakeholder
from selector.domain.recommendation import CandidateResult, Recommendation
from selector.rfp import wording
from selector.rfp.export import level_choices, scale_range
from selector.rfp.layout import (
    COVER,
    FACT_CHOICES,
    HEADER_FILL,
    SCALES,
    SCORECARD_LAYOUT,
    Metadata,
    SheetWriter,
    date_validation,
    finish_workbook,
    length_validation,
    list_validation,
    number_validation,
    save_workbook,
)
from selector.rfp.reading import CellReader, Context, ReturnedWorkbook, fact_value, level_or_number
from selector.rfp.scope import Buyer, ScopeError, buyer

TOP_CRITERIA = 6
"""Criteria per stakeholder from their own weights: enough to steer a demo, few enough to
watch for while it runs."""
TOP_GROUPS = 3
MAX_ROWS = 12
"""Room for criteria resting on judgement or a vendor's word, after the ones that must be
there: a demo is an hour, not a day."""


@dataclass(frozen=True)
class DemoRow:
    ref: str  # "D04"
    key: str  # a criterion id, or a fact must-have's key
    name: str
    what: str  # what to look for
    why: str  # why this stakeholder checks it
    criterion: Criterion | None  # None for a fact must-have (answered yes/partly/no)


@dataclass(frozen=True)
class StakeholderCard:
    stakeholder: Stakeholder
    rows: list[DemoRow]


@dataclass(frozen=True)
class ScorecardScope:
    buyer: Buyer
    offerings: list[CandidateResult]
    cards: list[StakeholderCard]


def scorecard_scope(
    catalog: Catalog, project: Project, rec: Recommendation, stakeholders: list[str],
    offerings: list[str],
) -> ScorecardScope:
    """What each stakeholder checks in which demos (every stakeholder and the ranked offerings,
    with those holding a claim to verify, unless narrowed)."""
    people = {s.id: s for s in project.stakeholders}
    for sid in stakeholders:
        if sid not in people:
            raise ScopeError(f"{sid!r} is not a stakeholder of this project; its stakeholders "
                             f"are: {', '.join(people) or 'none'}")
    if not people:
        raise ScopeError("the project has no stakeholders: add who takes part in the demos")
    chosen = [people[s] for s in dict.fromkeys(stakeholders)] or list(people.values())
    demos = _demos(rec, offerings)
    cards = [StakeholderCard(s, _rows(catalog, project, rec, s, demos)) for s in chosen]
    return ScorecardScope(buyer(project, rec), demos, cards)


def _demos(rec: Recommendation, wanted: list[str]) -> list[CandidateResult]:
    results = [r for r in rec.offerings if r.kind == "offering"]
    if wanted:
        out = []
        for ref in wanted:
            matching = [r for r in results if ref in (r.id, r.vendor_id)]
            if not matching:
                raise ScopeError(f"{ref!r} is not an offering of this project; its offerings "
                                 "are: " + ", ".join(r.id for r in results))
            out += [r for r in matching if r not in out]
        return out
    return [r for r in results
            if not r.excluded or any(c.status == "verify_in_demo" for c in r.claims)]


def _rows(catalog: Catalog, project: Project, rec: Recommendation, person: Stakeholder,
          demos: list[CandidateResult]) -> list[DemoRow]:
    """What this stakeholder checks: every claim to verify in a demo, what they asked for and
    what matters most to them by their own weights; then, while there is room, the criteria in
    their most weighted groups whose score rests on judgement or on a vendor's own word."""
    in_scope = {c.criterion_id: c for c in rec.criteria if c.weight > 0 and not c.computed}
    view = next((v for v in rec.group_view.stakeholders if v.stakeholder_id == person.id), None)
    shares = view.group_weights if view else {}
    top_groups = sorted(shares, key=lambda g: -shares[g])[:TOP_GROUPS]
    group_total = {g.group_id: g.weight for g in rec.groups}

    def importance(cid: str) -> float:
        c = in_scope.get(cid)
        if c is None or not group_total.get(c.group_id):
            return 0.0
        return shares.get(c.group_id, 0.0) * c.weight / group_total[c.group_id]

    why: dict[str, list[str]] = {}

    def add(key: str, reason: str) -> None:
        reasons = why.setdefault(key, [])
        if reason not in reasons:
            reasons.append(reason)

    for r in demos:
        for claim in r.claims:
            if claim.status == "verify_in_demo":
                add(claim.criterion_id, wording.WHY_VERIFY)
    asked = [cid for cid, r in project.requirements.items() if person.id in r.requested_by]
    asked += [n.criterion for n in project.needs if n.criterion and person.id in n.requested_by]
    for cid in asked:
        if cid in in_scope:
            add(cid, wording.WHY_REQUESTED)
    mine = sorted((cid for cid, c in in_scope.items() if c.group_id in top_groups),
                  key=lambda cid: -importance(cid))
    for cid in mine[:TOP_CRITERIA]:
        add(cid, wording.WHY_MATTERS)
    doubtful: dict[str, str] = {}
    for r in demos:
        for contribution in r.contributions:
            cid = contribution.criterion_id
            if cid not in mine:
                continue
            if contribution.vendor_claim and not contribution.verified:
                doubtful[cid] = wording.WHY_CLAIM
            elif contribution.judgement:
                doubtful.setdefault(cid, wording.WHY_JUDGEMENT)
    for cid in sorted(doubtful, key=lambda cid: -importance(cid)):
        if cid in why or len(why) < MAX_ROWS:
            add(cid, doubtful[cid])
    criteria = {c.id: c for c in catalog.library.criteria()}
    facts = {f.key: f for f in rec.fact_must_haves}
    order = [c.id for c in catalog.library.criteria()] + list(facts)
    rows = []
    for key in sorted(why, key=lambda k: order.index(k) if k in order else len(order)):
        criterion = criteria.get(key)
        if criterion is not None:
            name, what = criterion.name, criterion.description
        elif key in facts:
            name, what = facts[key].question, wording.answer_as("fact")
        else:
            continue
        rows.append(DemoRow(f"D{len(rows) + 1:02d}", key, name, what, "; ".join(why[key]),
                            criterion))
    return rows


def sheet_name(person: Stakeholder, taken: set[str]) -> str:
    """A sheet name from the stakeholder's name: at most 31 characters, none of []:*?/\\."""
    base = re.sub(r"[\[\]:*?/\\']", "_", person.name).strip() or person.id
    base = base[:31]
    name, n = base, 2
    while name.lower() in taken or name in (COVER, SCALES):
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def scorecard_workbook(scope: ScorecardScope) -> Workbook:
    wb = Workbook()
    meta = Metadata(layout=SCORECARD_LAYOUT, values={
        "kind": "scorecard",
        "project": scope.buyer.project,
        "project_key": scope.buyer.project_key,
        "organisation": scope.buyer.organisation,
        "issued": scope.buyer.issued.isoformat(),
    })
    cover = SheetWriter(wb.active, [30, 95])
    cover.ws.title = COVER
    cover.merged_text(1, 1, 2, f"{wording.SCORECARD_TITLE}: {scope.buyer.project}", "title")
    row = 3
    for label, value in (("Buyer", scope.buyer.organisation), ("Project", scope.buyer.project),
                         ("Issued", scope.buyer.issued.isoformat()),
                         ("How to score", wording.SCORECARD_HOW)):
        cover.text(row, 1, label, "label")
        cover.text(row, 2, value)
        row += 1
    row += 1
    cover.text(row, 1, "Demos", "heading")
    for r in scope.offerings:
        row += 1
        cover.text(row, 1, r.company or r.name, "label")
        cover.text(row, 2, r.name)
    row += 2
    cover.text(row, 1, "Scorecards", "heading")
    for card in scope.cards:
        row += 1
        cover.text(row, 1, card.stakeholder.name, "label")
        cover.text(row, 2, wording.plural(len(card.rows), "criterion", "criteria") + " to check"
                   + (f" ({card.stakeholder.department})" if card.stakeholder.department else ""))
    cover.finish()
    meta.locked += [(COVER, c, t) for c, t in cover.locked]
    criteria = {row.key: row.criterion for card in scope.cards for row in card.rows
                if row.criterion is not None}
    scales = SheetWriter(wb.create_sheet(SCALES), [26, *[36] * 6])
    scale_rows = _scales(scales, list(criteria.values()))
    meta.locked += [(SCALES, c, t) for c, t in scales.locked]
    taken: set[str] = set()
    for i, card in enumerate(scope.cards, start=1):
        title = sheet_name(card.stakeholder, taken)
        w = SheetWriter(wb.create_sheet(title, i),
                        [6, 24, 40, 22, *[26, 30] * len(scope.offerings)])
        _card(w, card, scope.offerings, scale_rows, meta)
        meta.locked += [(title, c, t) for c, t in w.locked]
    return finish_workbook(wb, meta, f"{wording.SCORECARD_TITLE}: {scope.buyer.project}",
                           scope.buyer.issued)


def write_scorecard(scope: ScorecardScope, path: Path) -> None:
    save_workbook(scorecard_workbook(scope), path)


def _scales(w: SheetWriter, criteria: list[Criterion]) -> dict[str, int]:
    w.merged_text(1, 1, 7, "Scales: what each level means", "title")
    for col, text in enumerate(["Criterion", *[f"Level {i}" for i in range(6)]], start=1):
        w.text(3, col, text, "header", HEADER_FILL, border=True)
    rows = {}
    for row, c in enumerate(criteria, start=4):
        w.text(row, 1, c.name, "label", border=True)
        if isinstance(c.scale, OrdinalScale):
            for i, text in enumerate(level_choices(c.scale)):
                w.text(row, 2 + i, text, border=True)
            rows[c.id] = row
        else:
            w.merged_text(row, 2, 7, f"A number of {c.scale.unit}.")
    w.finish(header_row=3)
    return rows


def _card(w: SheetWriter, card: StakeholderCard, demos: list[CandidateResult],
          scale_rows: dict[str, int], meta: Metadata) -> None:
    person = card.stakeholder
    last = 4 + 2 * len(demos)
    who = person.name + (f" ({person.department})" if person.department else "")
    w.merged_text(1, 1, last, f"{wording.SCORECARD_TITLE}: {who}", "title")
    w.merged_text(2, 1, last, wording.SCORECARD_HOW, "small")
    headers = ["Ref", "Criterion", "What to look for", "Why you check it"]
    for r in demos:
        headers += [f"{r.name}: what you saw", f"{r.name}: notes"]
    for col, text in enumerate(headers, start=1):
        w.text(4, col, text, "header", HEADER_FILL, border=True)
    w.text(5, 2, "Date of the demo", "label")
    for j, r in enumerate(demos):
        cell = w.answer(5, 5 + 2 * j, number_format="yyyy-mm-dd")
        date_validation(w.ws, cell.coordinate)
        meta.records.append(["demo_date", person.id, r.id, w.ws.title, cell.coordinate])
    notes: list[str] = []
    for row, item in enumerate(card.rows, start=6):
        w.text(row, 1, item.ref, border=True)
        w.text(row, 2, item.name, "label", border=True)
        w.text(row, 3, item.what, border=True)
        w.text(row, 4, item.why, border=True)
        for j, r in enumerate(demos):
            level = w.answer(row, 5 + 2 * j, lines=2)
            note = w.answer(row, 6 + 2 * j, lines=2)
            notes.append(note.coordinate)
            kind = _validate(w, item, level.coordinate, scale_rows)
            meta.records.append(["demo", person.id, r.id, item.key, w.ws.title,
                                 level.coordinate, note.coordinate, kind, item.ref])
    length_validation(w.ws, notes)
    w.finish(header_row=4)


def _validate(w: SheetWriter, item: DemoRow, cell: str, scale_rows: dict[str, int]) -> str:
    c = item.criterion
    if c is None:
        list_validation(w.ws, FACT_CHOICES, "yes, partly or no.", [cell])
        return "fact"
    if isinstance(c.scale, OrdinalScale):
        list_validation(w.ws, scale_range(scale_rows[c.id], len(c.scale.levels), first="B"),
                        "The level you saw (levels: 'Scales').", [cell])
        return "level"
    number_validation(w.ws, cell, c.scale.unit)
    return "number"


def read_scorecard(reader: CellReader, meta: Metadata, ctx: Context, name: str,
                   observed_default: dt.date) -> ReturnedWorkbook:
    """A returned scorecard's scores as claims seen in a demo, by each stakeholder."""
    people = {s.id: s for s in ctx.project.stakeholders}
    criteria = {c.id: c for c in ctx.catalog.library.criteria()}
    names = {o.id: o.name for o in ctx.catalog.offerings}
    dates = {}
    for sid, oid, sheet, ref in (r[:4] for r in meta.of("demo_date")):
        dates[(sid, oid)] = reader.date(sheet, ref, "Date of the demo")
    claims: list[Claim] = []
    refused: set[str] = set()
    for record in meta.of("demo"):
        sid, oid, key, sheet, level_ref, note_ref, kind, ref = (record + [""] * 8)[:8]
        if sid not in people:
            if sid not in refused:
                refused.add(sid)
                reader.problems.append(wording.wrong_stakeholder(sid))
            continue
        if oid not in ctx.candidates:
            if oid not in refused:
                refused.add(oid)
                reader.problems.append(wording.wrong_offering(names.get(oid, oid)))
            continue
        what = f"{ref}, {names.get(oid, oid)}"
        if kind == "fact":
            value = fact_value(reader, sheet, level_ref, what)
        elif key in criteria:
            value = level_or_number(reader, sheet, level_ref, what, criteria[key], kind)
        else:
            reader.refuse(sheet, level_ref, what, wording.unknown_criterion(key))
            continue
        note = reader.text(sheet, note_ref, what)
        if value is None:
            if note:
                reader.refuse(sheet, level_ref, what, wording.evidence_without_answer())
            continue
        person = people[sid]
        claims.append(Claim(
            vendor=oid, criterion=key, value=value, note=note, source_kind="demo",
            source_title=wording.demo_title(names.get(oid, oid), person.name),
            observed=dates.get((sid, oid)) or observed_default, confidence="medium",
            file=name, by=person.name,
        ))
    return ReturnedWorkbook(name, "scorecard", claims, observed_default)
