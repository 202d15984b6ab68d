"""The contents and the body: what a decision needs, about eight pages after the memo.

Every number shown comes from the Recommendation as it is; these methods only choose, order and
format. Sentences are the advisor's; the only words written here say how to read a table or a
chart. Each fact is shown once: a risk in the risks, an action on page 1 or beside its risk,
the smallest flip among the robustness statements.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from selector.domain.recommendation import Risk
from selector.report.blocks import CELL_LINES, Cell
from selector.report.contents import Contents
from selector.report.memo import MemoSections
from selector.report.numbers import DASH, pct, points, share_points
from selector.report.ranking import RankingSections


class BodySections(MemoSections, RankingSections):
    """Section builders for the contents and the body."""

    RISKS = "Risks and readiness"
    stability_rows: int = 8

    # ---- contents ------------------------------------------------------------------------

    def section_contents(self) -> list[Flowable]:
        return [
            self.heading("Contents", in_contents=False),
            self.p("Page 1 is the decision memo. The body (sections 1 onwards) is what a decision "
                   "needs; the appendices hold the criteria, the costs, the evidence and the "
                   "method behind every number. The words of the method (TOPSIS, consistency "
                   "ratio, …) are explained in the last appendix.", "Muted"),
            Spacer(1, 4),
            Contents(self.styles),
            PageBreak(),
        ]

    # ---- 1 which kind of solution --------------------------------------------------------

    def section_solution_types(self) -> list[Flowable]:
        rec = self.rec
        intro: list[Flowable] = [self.section("Which kind of solution")]
        if rec.solution_type_headline:
            intro.append(self.p(rec.solution_type_headline))
        intro.append(self.p("The four kinds of CRM solution, scored on the same criteria as the "
                            "offerings with the typical values of each kind.", "Small"))
        rows = []
        for t in rec.solution_types:
            why = [f"Ruled out: {f.reason}" for f in t.failures] if t.excluded else list(t.reasons)
            if t.excluded and not why:
                why = ["Ruled out by a must-have."]
            why += [f"+ {s}" for s in t.strengths[:1]] + [f"− {w}" for w in t.weaknesses[:1]]
            rows.append([str(t.rank) if t.rank else "out", self.p(t.name, "CellStrong", 4),
                         DASH if t.excluded else points(t.score), "\n".join(why) or DASH])
        ruled = {f.reason for t in rec.solution_types for f in t.failures}
        out = self.table(["#", "Kind of solution", "Score", "Why"], rows,
                         [0.05, 0.2, 0.08, 0.67], right=(2,), intro=intro)
        others = [f for f in rec.knocked_out_types if f.reason not in ruled]
        if others:
            out.append(KeepTogether([
                self.p("Must-haves that rule out a kind of solution", "H3"),
                *self.bullets(f.reason for f in others)]))
        return out

    # ---- 3 what could change the answer --------------------------------------------------

    def section_sensitivity(self) -> list[Flowable]:
        rec, rob = self.rec, self.rec.robustness
        out: list[Flowable] = [CondPageBreak(90 * mm), self.section("What could change the answer")]
        out += self.bullets(rob.statements)
        if rob.smallest_flip is None and not rob.stability:
            out.append(self.p("No stability ranges were computed."))
        flipping = sorted((s for s in rob.stability if s.flips_at is not None),
                          key=lambda s: abs(s.relative_change or 0.0))
        steady = [s for s in rob.stability if s.flips_at is None]
        if flipping:
            shown = flipping[: self.stability_rows]
            rows = [[s.name, pct(s.weight, 1), f"{pct(s.low, 1)} – {pct(s.high, 1)}",
                     pct(s.flips_at, 1), s.new_winner or DASH] for s in shown]
            note = ("The criteria whose weight can change the winner, the nearest change "
                    "first: the range each weight can take (the others scaled to match) while "
                    "the winner stays the same — its stability interval — and who comes first "
                    "beyond it.")
            if len(flipping) > len(shown):
                note += " The others are in the JSON export."
            out += self.table(
                ["Criterion", "Weight", "Same winner within", "Winner changes at",
                 "New winner"], rows, [0.3, 0.1, 0.2, 0.15, 0.25], right=(1, 2, 3),
                intro=[*self.sub("How far each weight can move"), self.p(note)])
        if steady:
            out.append(Spacer(1, 4))
            out.append(self.p("No weight from 0% to 100% on these criteria changes the winner: "
                              + "; ".join(s.name for s in steady) + ".", "Small"))
        out += self.methods()
        if rec.missing:
            out.append(KeepTogether([*self.sub("Still to answer"),
                                     *self.bullets(rec.missing, style="BulletSmall")]))
        return out

    def methods(self) -> list[Flowable]:
        rob = self.rec.robustness
        if not rob.methods:
            return []
        rows = [[m.method, "\n".join(self.name_of(c) for c in m.ranking[:3]),
                 f"{m.tau_vs_primary:.2f}".replace("-", "−")] for m in rob.methods]
        return self.table(["Method", "Top three", "Agreement with the weighted sum (Kendall τ)"],
                          rows, [0.2, 0.52, 0.28], right=(2,),
                          intro=[*self.sub("Do other methods agree?"),
                                 self.p("The same scores ranked by two other decision methods, "
                                        "as a cross-check; 1 is the same order.", "Small")])

    # ---- 4 where the stakeholders disagree -----------------------------------------------

    def section_disagreement(self) -> list[Flowable]:
        view = self.rec.group_view
        out: list[Flowable] = [CondPageBreak(90 * mm)]
        heading = self.section("Where the stakeholders disagree")
        if view.disagreements:
            rows = [[d.name, share_points(d.spread), d.lowest_name, pct(d.lowest),
                     d.highest_name, pct(d.highest)] for d in view.disagreements]
            out += self.table(
                ["Criteria group", "Points apart", "Gives it least", "", "Gives it most", ""],
                rows, [0.26, 0.1, 0.25, 0.07, 0.25, 0.07], right=(1, 3, 5),
                intro=[heading,
                       self.p("The criteria groups the stakeholders weighted most differently, "
                              "the largest split first: how many points of the 100 the one who "
                              "gives a group least and the one who gives it most lie apart.")])
        else:
            out += [heading, self.p("The stakeholders weighted the criteria groups alike.")]
        out += self.stakeholder_weights()
        out += self.consistency()
        return out

    def stakeholder_weights(self) -> list[Flowable]:
        rec, view = self.rec, self.rec.group_view
        people = [s for s in view.stakeholders if s.group_weights]
        if not people:
            return []
        out: list[Flowable] = []
        chunk = 5
        for start in range(0, len(people), chunk):
            part = people[start:start + chunk]
            header = ["Criteria group", "Agreed", *(s.name for s in part)]
            rows = [[g.name, pct(g.agreed_weight, 1),
                     *(pct(s.group_weights.get(g.group_id), 1) for s in part)]
                    for g in rec.groups]
            share = 0.62 / len(part)
            intro = [*self.sub("Each stakeholder's weights"),
                     self.p(view.aggregation or "The agreed weights combine the stakeholders'.")
                     ] if start == 0 else []
            out += self.table(header, rows, [0.26, 0.12, *([share] * len(part))],
                              right=tuple(range(1, 2 + len(part))), intro=intro)
            out.append(Spacer(1, 6))
        return out

    def consistency(self) -> list[Flowable]:
        people = [s for s in self.rec.group_view.stakeholders if s.method == "pairwise"]
        if not people:
            return []
        rows = []
        for s in people:
            if s.consistency_ratio is None:
                ratio = DASH
            else:
                verdict = "consistent" if s.consistent else "reconsider"
                basis = f"; {s.consistency_basis}" if s.consistency_basis else ""
                ratio = f"{s.consistency_ratio:.2f} ({verdict}{basis})"
            rows.append([s.name, s.department or DASH, ratio,
                         "\n".join(r.text for r in s.revisions) or DASH])
        return self.table(
            ["Stakeholder", "Department", "Consistency ratio", "Judgments to revisit"], rows,
            [0.2, 0.16, 0.24, 0.4],
            intro=[*self.sub("How consistent the pairwise judgments are"),
                   self.p("For stakeholders who compared the groups two at a time: up to 0.10 "
                          "is the usual limit (Saaty); above it, some judgments contradict "
                          "others.")])

    # ---- 5 agreed and final weights ------------------------------------------------------

    def section_weights(self) -> list[Flowable]:
        rec = self.rec
        out: list[Flowable] = [CondPageBreak(90 * mm)]
        heading = self.section("Agreed and final weights")
        if not rec.groups:
            return [*out, heading, self.p("No criteria are weighted yet.")]
        rows = [[g.name, pct(g.agreed_weight, 1), self.p(pct(g.weight, 1), "CellStrongRight"),
                 g.moved_text or DASH] for g in rec.groups]
        out += self.table(
            ["Criteria group", "Agreed", "Final", "What moved it"], rows,
            [0.26, 0.09, 0.09, 0.56], right=(1, 2),
            intro=[heading,
                   self.p("“Agreed” is the stakeholders' combined weight for each group; "
                          "“Final” is what the scores use, after the rules that the team's "
                          "answers set off. The rules, in their own words, and the criterion "
                          "each changed, are in Appendix A.")])
        return out

    # ---- 6 risks and readiness -----------------------------------------------------------

    def section_readiness(self) -> list[Flowable]:
        ready = self.rec.readiness
        out: list[Flowable] = [CondPageBreak(90 * mm), self.section(self.RISKS)]
        out.append(self.box([self.p(
            "Most CRM projects that fail do so for organisational reasons (management backing, "
            "user involvement, training, data quality), not because of the software. The "
            "readiness checks come from that experience; all of them are listed, with their "
            "sources, in the appendix.", "Body", prefix=self.b(f"Readiness {ready.score:.0f} / "
                                                             f"100: {ready.level}.") + " ")]))
        out += self.offering_risks()
        out += self.project_risks()
        return out

    def offering_risks(self) -> list[Flowable]:
        """Risks that come with a particular offering (or the choice between contenders)."""
        risks = [r for r in self.rec.risks if r.applies_to and r.text not in self.memo_notes()]
        if not risks:
            return [*self.sub("Risks that depend on the offering"),
                    self.p("None: the risks below apply whichever offering is chosen.")]
        rows: list[list[Cell]] = [["\n".join(self.name_of(i) for i in r.applies_to), r.text]
                                  for r in risks]
        return self.table(["Applies to", "Risk"], rows, [0.32, 0.68],
                          intro=[*self.sub("Risks that depend on the offering"),
                                 self.p("What could disappoint with one offering and not with "
                                        "another: weigh these when choosing between them.")])

    def project_risks(self) -> list[Flowable]:
        """Risks for the project whichever offering is chosen, each with what it comes from
        and the action that removes it (an action on page 1 is pointed to, not repeated)."""
        risks = [r for r in self.rec.risks
                 if not r.applies_to and r.text not in self.memo_notes()]
        title = self.sub("Risks for the project, whichever offering is chosen")
        if not risks:
            return [*title, self.p("No project-wide risk was identified.")]
        memo = {a.text: index for index, a in enumerate(self.rec.actions, start=1)}
        rows: list[list[Cell]] = []
        for risk in risks:
            action, owner = self._action_for(risk, memo)
            rows.append([risk.text, "\n".join(risk.from_answers) or DASH, action, owner,
                         self.source(risk.source)])
        return self.table(["Risk", "Comes from the answer", "Action", "Owner", "Source"], rows,
                          [0.2, 0.26, 0.25, 0.11, 0.18],
                          intro=[*title,
                                 self.p("Most important first. “Action n on page 1” points to "
                                        "the actions before signing.")])

    def _action_for(self, risk: Risk, memo: dict[str, int]) -> tuple[Cell, str]:
        check = next((c for c in self.rec.readiness.actions
                      if risk.kind == "readiness" and c.risk == risk.text), None)
        if check is None or not check.action:
            return DASH, DASH
        if check.action in memo:
            return self.p(f"Action {memo[check.action]} on page 1", "CellStrong"), ""
        return check.action, check.owner or DASH

    # ---- 7 rollout -----------------------------------------------------------------------

    def section_rollout(self) -> list[Flowable]:
        rec = self.rec
        out: list[Flowable] = [CondPageBreak(90 * mm), self.section("Phased rollout plan")]
        if not rec.rollout:
            return [*out, self.p("No rollout plan: the business areas are not answered yet.")]
        if rec.rollout_note:
            out.append(self.box([self.p(rec.rollout_note)]))
            out.append(Spacer(1, 4))
        out.append(self.p("Roll out piecemeal, in right-sized steps: each phase has to meet its "
                          "exit criteria before the next one starts."))
        for phase in sorted(rec.rollout, key=lambda x: x.order):
            rows = [
                ("Business areas", ", ".join(phase.business_areas)),
                ("Modules", ", ".join(phase.modules)),
                ("Why now", phase.rationale),
                ("Done when", "\n".join(f"• {c}" for c in phase.exit_criteria)),
            ]
            title = f"Phase {phase.order}: {phase.name}" if phase.order else phase.name
            out.append(KeepTogether([
                self.heading(title, 1, style="H3"),
                self.facts([(k, self.p(v, "Cell", CELL_LINES)) for k, v in rows if v],
                           32 * mm)]))
        return out
