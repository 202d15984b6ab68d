"""Page 1, the decision memo: what to buy, how sure, what it costs us, what we must do first.

A CFO who reads only this page can approve, or send the team back with the right question. It
lays out the Recommendation's own sentences (headline, confidence, cost basis, tie-breaker) and
its structured facts (costs, budget verdicts, what would settle a near tie, the actions and
their owners); nothing here is worded from numbers.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from selector.advisor.wording import CERTAINTY_NAMES, euro_range
from selector.domain.recommendation import BudgetCheck, CandidateResult, Range, TeamCost
from selector.report.blocks import ReportBlocks
from selector.report.numbers import DASH, day, number, pct, plural, points
from selector.report.styles import ACCENT, MUTED, RULE, table_style

EFFICIENT_MARK = "◆"
"""Marks an offering on the value-for-money frontier, on page 1 and in the ranking."""

SHOWN_WITH_THE_COSTS = {"over_budget", "unpriced"}
"""Warnings the cost table already shows offering by offering (its budget verdicts); their
sentences are printed once, with the value for money in the body."""


class MemoSections(ReportBlocks):
    """Page 1: the decision memo and its sign-off block."""

    def section_memo(self) -> list[Flowable]:
        rec = self.rec
        meta = " · ".join(x for x in (rec.organisation, day(rec.date),
                                      f"prepared by {rec.prepared_by}" if rec.prepared_by
                                      else "") if x)
        out: list[Flowable] = [
            self.heading("CRM recommendation", style="MemoTitle", in_contents=False),
            self.p(rec.project_name, "MemoProject", 3),
            self.p(meta, "MemoMeta", 3),
            self.box([self.p("Recommendation", "Label"), self.p(rec.headline, "Headline", 6)]),
            Spacer(1, 5),
        ]
        sure: list[Flowable] = [self.certainty_scale(), Spacer(1, 3),
                                self.p(rec.confidence_text, "Body", 8)]
        out.append(self.facts([("How sure we are", sure)], 30 * mm))
        out += self.memo_costs()
        out += self.memo_settle() or self.memo_reasons()
        out += self.memo_actions()
        notes = self.memo_notes()
        if notes:
            out += [self.p("Also note", "H3"), *self.bullets(notes, style="BulletSmall")]
        out += self.sign_off()
        out.append(PageBreak())
        return out

    def memo_notes(self) -> list[str]:
        """The warnings page 1 gives (three at most): not those the cost table shows per
        offering. A risk with the same sentence (weights changed after the scores were seen)
        is then not repeated with the risks."""
        return [w.text for w in self.rec.warnings if w.kind not in SHOWN_WITH_THE_COSTS][:3]

    def certainty_scale(self) -> Table:
        """The four steps from "clear winner" to "no recommendation", this result's marked:
        a dark cell with white bold type, readable in greyscale."""
        current = self.rec.robustness.certainty
        cells = [self.p(name, "ScaleOn" if key == current else "ScaleOff", 2)
                 for key, name in CERTAINTY_NAMES.items()]
        scale = Table([cells], colWidths=[(self.width - 30 * mm - 8) / 4] * 4, hAlign="LEFT")
        commands: list[tuple] = [
            ("BOX", (0, 0), (-1, -1), 0.4, RULE),
            ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for index, key in enumerate(CERTAINTY_NAMES):
            if key == current:
                commands.append(("BACKGROUND", (index, 0), (index, 0), ACCENT))
        scale.setStyle(TableStyle(commands))
        return scale

    # ---- what it costs us ----------------------------------------------------------------

    def memo_costs(self) -> list[Flowable]:
        rec = self.rec
        leading = [o for o in self.leading_offerings() if o.cost is not None]
        title = self.p("What it costs us", "H3")
        if not leading:
            return [title, self.p("No offering passes every must-have, so there is no cost to "
                                  "show.")]
        intro: list[Flowable] = [title]
        if rec.cost_basis:
            intro.append(self.p(rec.cost_basis, "Small"))
        horizon = plural(rec.horizon_years, "year")
        header = ["Offering", "Score", "First place", "Upfront", "Yearly", f"Total, {horizon}"]
        rows = [self._cost_row(o, o.cost) for o in leading if o.cost is not None]
        table = self.data_table(header, rows, [0.25, 0.07, 0.07, 0.2, 0.2, 0.21],
                                right=(1, 2, 3, 4, 5))
        after: list[Flowable] = []
        if any(o.efficient for o in leading):
            after.append(self.p(f"{EFFICIENT_MARK} best value for money: no other offering "
                                "is both better and cheaper. Score in points of 100.", "Muted"))
        if rec.tie_breaker:
            after.append(self.p(rec.tie_breaker, "Small"))
        return [KeepTogether([*intro, table, Spacer(1, 2), *after])]

    def _cost_row(self, offering: CandidateResult, cost: TeamCost) -> list:
        name = (f"{EFFICIENT_MARK} " if offering.efficient else "") + offering.name
        checks = {b.kind: b for b in cost.budgets}
        return [
            self.p(name, "CellStrong" if offering.efficient else "Cell", 4),
            points(offering.score),
            pct(offering.probability_first) if self.rec.robustness.n_samples else DASH,
            self._amount(cost.upfront, checks.get("upfront")),
            self._amount(cost.yearly, checks.get("yearly")),
            self._amount(cost.total, None),
        ]

    def _amount(self, amount: Range, check: BudgetCheck | None) -> list[Flowable]:
        """An amount with, below it, its budget verdict (in bold when it is over budget)."""
        shown = [self.p(euro_range(amount), "CellRight", 2)]
        if check is not None and check.verdict_text:
            style = "VerdictOver" if check.verdict == "over" else "Verdict"
            shown.append(self.p(check.verdict_text, style, 2))
        return shown

    # ---- what would settle it ------------------------------------------------------------

    def memo_settle(self) -> list[Flowable]:
        settles = self.rec.settle
        if not settles:
            return []
        ids = [c for c in self.contender_ids() if any(c in s.values for s in settles)]
        share = 0.54 / max(len(ids), 1)
        header = ["Criterion", "Points apart", *(self.name_of(c) for c in ids), "Least sure"]
        rows = [[s.name, number(s.points, 1), *(s.values.get(c, DASH) for c in ids),
                 s.weakest_evidence] for s in settles]
        table = self.data_table(header, rows, [0.2, 0.1, *([share] * len(ids)), 0.16],
                                right=(1,))
        return [KeepTogether([
            self.p("What would settle it", "H3"),
            self.p("Where the contenders differ most, in points of the total score: where a "
                   "proof of concept should look.", "Small"),
            table])]

    def memo_reasons(self) -> list[Flowable]:
        """With nothing to settle (a clear winner or a favourite), why it leads."""
        reasons = self.rec.top_reasons[:3]
        if not reasons:
            return []
        return [KeepTogether([self.p("Why it leads", "H3"),
                              *self.bullets(reasons, style="BulletSmall")])]

    # ---- what we must do first -----------------------------------------------------------

    def memo_actions(self) -> list[Flowable]:
        actions = self.rec.actions
        if not actions:
            return [self.p("Before signing", "H3"), self.p("Nothing is outstanding.")]
        rows = [[str(index), a.text, a.owner or DASH]
                for index, a in enumerate(actions, start=1)]
        table = self.data_table(["", "Action", "Owner"], rows, [0.04, 0.72, 0.24])
        return [KeepTogether([self.p("Before signing", "H3"), table])]

    def sign_off(self) -> list[Flowable]:
        """Where the decision is recorded on paper: decision, name and role, date, signature."""
        labels = ["Decision", "Name and role", "Date", "Signature"]
        row = [self.p(label, "Label") for label in labels]
        table = Table([row, ["", "", "", ""]], colWidths=[self.width / 4] * 4,
                      rowHeights=[None, 10 * mm], hAlign="LEFT")
        table.setStyle(table_style(header_rows=0, zebra=False))
        table.setStyle([("LINEBELOW", (0, 1), (-1, 1), 0.8, colors.black),
                        ("BOX", (0, 0), (-1, -1), 0.4, MUTED)])
        return [Spacer(1, 8), KeepTogether([self.p("Sign-off", "H3"), table])]
