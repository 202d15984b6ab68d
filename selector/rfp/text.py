"""The RFP round trip as plain text for the command line: what each import recorded, the claims
side by side with the catalog, what awaits the team, and what a decision changed.

Plain text, not a rich console: vendor text is printed as typed (brackets and all), with
control characters escaped, and columns line up whatever the script.
"""

from __future__ import annotations

from selector.advisor.wording import plural
from selector.catalog.plain_table import table
from selector.domain.recommendation import CandidateResult, ClaimView, Recommendation
from selector.rfp import Imported, Refusal
from selector.rfp.claims import Answered, Awaiting, Recorded
from selector.rfp.wording import printable

WIDTHS = [34, 24, 24, 26]
HEADERS = ["Requirement", "Catalog", "Claim", "Status"]


def claim_rows(views: list[ClaimView]) -> list[list[str]]:
    return [[printable(v.criterion_name), printable(v.catalog_text), printable(v.claimed_text),
             v.status_text] for v in views]


def standing(result: CandidateResult) -> str:
    """Where an offering stands in a ranking, in a few words."""
    if result.excluded:
        return "excluded by a must-have"
    return f"rank {result.rank}"


def refusal_lines(refusal: Refusal) -> list[str]:
    return [f"{printable(refusal.file)}: refused, nothing imported from it:",
            *(f"  {p}" for p in refusal.problems)]


def _views_of(recorded: Recorded, after: Recommendation) -> tuple[CandidateResult | None,
                                                                   list[ClaimView]]:
    """The offering an RFP answer is for, and its claims from that workbook."""
    wb = recorded.returned
    offering = next((r for r in after.offerings if r.id == wb.offering_id), None)
    if offering is None:
        return None, []
    return offering, [v for v in offering.claims
                      if v.file == wb.file and v.source_kind == "vendor RFP answer"]


def import_lines(result: Imported, project_arg: str) -> list[str]:
    """What each readable workbook recorded, the differing claims side by side, and whether
    the ranking moved (it does not, until the team accepts a claim)."""
    lines: list[str] = []
    for recorded in result.recorded:
        lines += _workbook_lines(recorded, result)
    if result.recorded:
        lines += _ranking_lines(result)
        pending = sum(1 for r in result.after.offerings for v in r.claims
                      if v.status == "to_decide")
        if pending:
            lines += ["", f"{plural(pending, 'claim')} await the team's decision. See them with: "
                          f"crm-selector rfp claims {project_arg}",
                      f"Decide with: crm-selector rfp decide {project_arg} OFFERING CRITERION "
                      "accepted|challenged|verify_in_demo"]
    return lines


def _workbook_lines(recorded: Recorded, result: Imported) -> list[str]:
    wb = recorded.returned
    offering, views = _views_of(recorded, result.after)
    if wb.kind == "rfp":
        who = f", answered by {printable(wb.respondent)}" if wb.respondent else ""
        name = printable(offering.name) if offering else wb.offering_id
        head = f"{printable(wb.file)}: RFP answer for {name}{who} ({wb.observed.isoformat()})"
    else:
        people = sorted({printable(c.by) for c in wb.claims})
        head = (f"{printable(wb.file)}: demo scores by {', '.join(people) or 'nobody yet'}")
    counts = [f"{len(recorded.new)} new", f"{len(recorded.changed)} changed",
              f"{len(recorded.updated)} with newer evidence",
              f"{len(recorded.unchanged)} already recorded"]
    lines = ["", head, f"  {plural(len(wb.claims), 'answer')}: " + ", ".join(counts)]
    if not recorded.touched:
        lines.append("  Nothing new: this workbook was imported before.")
    if wb.kind == "rfp" and wb.edition and offering and wb.edition != offering.edition:
        lines.append(f"  The vendor answered for the edition {printable(wb.edition)!r} "
                     f"(the catalog's offering: {printable(offering.edition or '—')!r}).")
    if wb.kind == "scorecard":
        lines += _scorecard_views(recorded, result.after)
        return lines
    agree = [v for v in views if not v.differs]
    differ = [v for v in views if v.differs and not v.unanswered]
    blank = [v for v in views if v.unanswered]
    if agree:
        lines.append(f"  {plural(len(agree), 'answer')} agree with the catalog: recorded as "
                     "accepted, nothing to decide.")
    if differ:
        lines.append("  Differ from the catalog (not in the score until the team accepts them):")
        lines += ["    " + line for line in table(HEADERS, claim_rows(differ), WIDTHS)]
    if blank:
        lines.append("  Must-haves left unanswered (they count as not met):")
        lines += ["    " + line for line in table(HEADERS, claim_rows(blank), WIDTHS)]
    return lines


def _scorecard_views(recorded: Recorded, after: Recommendation) -> list[str]:
    rows = []
    for r in after.offerings:
        for v in r.claims:
            if v.file == recorded.returned.file:
                rows.append([printable(r.name), printable(v.by), *claim_rows([v])[0]])
    if not rows:
        return []
    headers = ["Offering", "Seen by", *HEADERS]
    return ["    " + line for line in table(headers, rows, [28, 18, *WIDTHS])]


def _ranking_lines(result: Imported) -> list[str]:
    before = {r.id: r for r in result.before.offerings}
    moved = [(before[r.id], r) for r in result.after.offerings
             if r.id in before and standing(before[r.id]) != standing(r)]
    if not moved:
        return ["", "The ranking is unchanged: a claim counts only once the team accepts it."]
    lines = ["", "The ranking moved:"]
    for old, new in moved:
        lines.append(f"  {printable(new.name)}: {standing(old)} → {standing(new)}")
    return lines


def awaiting_lines(items: list[Awaiting], answered_list: list[Answered],
                   names: dict[str, str]) -> list[str]:
    lines = ["Answers received"]
    if not answered_list:
        lines.append("  none yet")
    for a in answered_list:
        what = "RFP answer" if a.kind == "rfp" else "demo scores"
        lines.append(f"  {printable(names.get(a.offering_id, a.offering_id))}: {what} "
                     f"{printable(a.file) or '(no file)'}, {a.observed or 'undated'}: "
                     f"{plural(a.claims, 'claim')}, {a.to_decide} awaiting")
    lines.append("")
    if not items:
        lines.append("No claims await the team's decision.")
        return lines
    lines.append("Claims awaiting the team's decision")
    by_offering: dict[str, list[Awaiting]] = {}
    for item in items:
        by_offering.setdefault(item.offering.id, []).append(item)
    for oid, group in by_offering.items():
        result = group[0].offering
        lines += ["", f"{printable(result.name)} ({oid}): {standing(result)}"]
        rows = [[*claim_rows([a.claim])[0], printable(a.claim.source_kind),
                 printable(a.claim.criterion_id)] for a in group]
        lines += ["  " + line for line in table(
            [*HEADERS, "Source", "Decide on (CRITERION)"], rows, [*WIDTHS, 18, 30])]
    return lines


def decision_lines(before: Recommendation, after: Recommendation, offering_id: str,
                   criterion: str) -> list[str]:
    try:
        old, new = before.offering(offering_id), after.offering(offering_id)
    except KeyError:  # a claim on an offering the project no longer ranks
        return []
    view = next((v for v in new.claims if v.criterion_id == criterion), None)
    lines = [printable(view.text)] if view else []
    if standing(old) == standing(new):
        lines.append(f"{printable(new.name)}: {standing(new)}, as before.")
    else:
        lines.append(f"{printable(new.name)}: {standing(old)} → {standing(new)}.")
    moved = [r for r in after.offerings if r.id != offering_id
             and standing(before.offering(r.id)) != standing(r)]
    for r in moved:
        lines.append(f"  {printable(r.name)}: {standing(before.offering(r.id))} → "
                     f"{standing(r)}")
    return lines
