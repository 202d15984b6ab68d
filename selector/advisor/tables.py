"""The Recommendation as plain-text tables for `crm-selector rank` (terminals, CI logs, e-mail).

Plain text rather than a rich console: names are printed exactly as typed, whatever brackets
or angle brackets they contain.
"""

from __future__ import annotations

import textwrap

from selector.advisor.wording import euro_range
from selector.catalog.plain_table import table, width
from selector.domain.recommendation import CandidateResult, Recommendation

WIDTH = 100
LISTED = 30
"""Offerings listed with their reasons (excluded, not evidenced): a whole market excludes
hundreds, and the terminal would bury the ranking under them; `rank --json` gives every one."""


def _table(headers: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    return table(headers, rows, widths)


def _section(title: str) -> list[str]:
    return ["", title, "═" * min(WIDTH, width(title))]


def _wrap(text: str, indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _more(count: int, where: str, shown: int = LISTED) -> list[str]:
    """The line that says how many of `count` were left out, and `where` they all are."""
    if count <= shown:
        return []
    return _wrap(f"… and {count - shown:,} more in {where}.", "")


def _bar(value: float, width: int = 20) -> str:
    filled = round(max(0.0, min(1.0, value)) * width)
    return "█" * filled + "·" * (width - filled)


def render_tables(rec: Recommendation) -> str:
    lines = [rec.project_name, f"{rec.organisation} · {rec.date.isoformat()}".strip(" ·")]
    lines += _section("Recommendation")
    lines += _wrap(rec.headline, "")
    lines += _wrap(rec.confidence_text, "")
    for reason in rec.top_reasons:
        lines += _wrap(f"• {reason}")
    if rec.tie_breaker:
        lines += _wrap(rec.tie_breaker, "")
    if rec.settle:
        lines += ["", "What would settle it:"]
        for s in rec.settle:
            lines += _wrap(f"• {s.text}")

    lines += _section("Kind of solution")
    lines += _wrap(rec.solution_type_headline, "")
    lines += _candidates(rec.solution_types)
    if any(t.shortfalls for t in rec.solution_types):
        lines += _wrap("“short of N”: the kind typically misses N must-haves, so it ranks below "
                       "those that miss fewer, whatever its points; check each vendor.", "")

    lines += _section("Offerings")
    lines += _candidates(rec.offerings, with_probability=bool(rec.robustness.n_samples))
    excluded = [v for v in rec.offerings if v.excluded]
    if excluded:
        lines += ["", "Excluded by a must-have:"]
        for v in excluded[:LISTED]:
            lines += _wrap(f"• {v.name}: " + "; ".join(f.reason for f in v.failures))
        lines += _more(len(excluded), "`rank --json`")
    unproven = [v for v in rec.offerings if v.not_evidenced and not v.excluded]
    if unproven:
        lines += ["", "Must-haves not evidenced (kept; ask the vendor):"]
        for v in unproven[:LISTED]:
            lines += _wrap(f"• {v.name}: " + "; ".join(f.reason for f in v.not_evidenced))
        lines += _more(len(unproven), "`rank --json`")
    overridden = [v for v in rec.offerings if v.overrides]
    if overridden:
        lines += ["", "The team's own scores (replacing the catalog's):"]
        for v in overridden:
            for o in v.overrides:
                lines += _wrap(f"• {v.name}, {o.text}")
    for v in rec.offerings:
        if v.balance_warning:
            lines += _wrap(f"⚠ {v.name}: {v.balance_warning}", "")

    lines += _section(f"Cost for {rec.seats} users over {rec.horizon_years} years")
    lines += _costs(rec)
    if rec.value_for_money:
        lines += [""] + _wrap(rec.value_for_money, "")

    lines += _section("How sure")
    for s in rec.robustness.statements:
        lines += _wrap(f"• {s}")

    if rec.group_view.disagreements:
        lines += _section("Where the stakeholders disagree")
        for d in rec.group_view.disagreements[:3]:
            lines += _wrap(f"• {d.text}")

    if rec.risks:
        lines += _section("Main risks")
        for risk in rec.risks[:6]:
            lines += _wrap(f"• {risk.text}")
        lines += _more(len(rec.risks), "`rank --json` and the report", shown=6)

    lines += _section("Before signing")
    lines += _wrap(f"Readiness {rec.readiness.score:.0f} of 100 ({rec.readiness.level}).", "")
    for action in rec.actions:
        lines += _wrap(f"• {action.text} Owner: {action.owner}.")

    if rec.rollout:
        lines += _section("Rollout")
        if rec.rollout_note:
            lines += _wrap(rec.rollout_note, "")
        for phase in rec.rollout:
            # a phase named after its areas ("Pilot: Sales") need not list them again
            detail = ([m for m in phase.modules if m not in phase.name] if phase.modules
                      else [c.rstrip(".") for c in phase.exit_criteria])
            lines += _wrap(f"{phase.order}. {phase.name}"
                           + (": " + "; ".join(detail) if detail else "") + ".", "")

    if rec.missing:
        lines += _section("Still missing")
        for m in rec.missing:
            lines += _wrap(f"• {m}")
    if rec.warnings:
        lines += _section("Warnings")
        for w in rec.warnings:
            lines += _wrap(f"• {w.text}")
    lines += ["", f"Inputs checksum {rec.provenance.inputs_sha256[:16]} · "
              f"as of {rec.provenance.as_of.isoformat()} ({rec.provenance.date_from})"]
    return "\n".join(lines) + "\n"


def _candidates(items: list[CandidateResult], with_probability: bool = False) -> list[str]:
    headers = ["#", "Candidate", "Score", "", "P(first)" if with_probability else ""]
    rows = []
    for c in items:
        rank = str(c.rank) if c.rank is not None else "–"
        score = f"{c.score * 100:5.1f}"
        status = (
            "excluded" if c.excluded else (f"{c.probability_first:.0%}" if with_probability else "")
        )
        if c.shortfalls and not c.excluded:
            status = f"short of {len(c.shortfalls)}"
        rows.append([rank, c.name, score, _bar(c.score), status])
    return _table(headers, rows, [2, 44, 5, 20, 10])


def _costs(rec: Recommendation) -> list[str]:
    headers = ["Offering", "Upfront", "Yearly", "Total", "Budget"]
    rows = []
    for c in rec.offerings:
        if c.cost is None:
            continue
        cost = c.cost
        verdicts = {b.verdict for b in cost.budgets}
        budget = ("no price" if not cost.priced else
                  "over" if cost.over_budget else "may exceed" if cost.may_exceed_budget else
                  "within" if "within" in verdicts else "–")
        rows.append([
            ("◆ " if c.efficient else "") + c.name,
            euro_range(cost.upfront),
            euro_range(cost.yearly),
            euro_range(cost.total),
            budget,
        ])
    out = _table(headers, rows, [25, 19, 19, 19, 10])
    if any(c.efficient for c in rec.offerings):
        out.append("◆ value for money: no other offering is both better and cheaper")
    return out
