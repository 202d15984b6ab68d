"""Page 1, the contents, and the body: what a decision maker reads, about eight pages.

Every number shown comes from the Recommendation as it is; these methods only choose, order and
format. Sentences are the advisor's; the only words written here say how to read a table or a
chart.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table

from selector.domain.recommendation import CandidateResult
from selector.report import charts
from selector.report.blocks import CELL_LINES, ReportBlocks
from selector.report.contents import Contents
from selector.report.numbers import DASH, count, day, pct, plural, points
from selector.report.styles import table_style

MEMO_ITEMS = 3
"""Reasons, risks and actions on page 1: the three that matter most, the rest in the body."""


class BodySections(ReportBlocks):
    """Section builders for page 1, the contents and the body."""

    READINESS = "Readiness, risks and actions"
    chart_vendors: int = 12
    probability_vendors: int = 8
    profile_vendors: int = 3
    points_vendors: int = 5

    # ---- page 1 ---------------------------------------------------------------------------

    def section_memo(self) -> list[Flowable]:
        """Page 1: the recommendation, how sure, the reasons, the risks, what to do first.

        This is the decision memo's place; it holds what the Recommendation carries today.
        """
        rec, rob = self.rec, self.rec.robustness
        meta = " · ".join(x for x in (rec.organisation, day(rec.date),
                                      f"prepared by {rec.prepared_by}" if rec.prepared_by
                                      else "") if x)
        out: list[Flowable] = [
            self.heading("CRM recommendation", style="MemoTitle", in_contents=False),
            self.p(rec.project_name, "CoverProject", 3),
            self.p(meta, "MemoMeta", 3),
            self.box([self.p("Recommendation", "Label"), self.p(rec.headline, "Headline", 6)]),
            Spacer(1, 6),
        ]
        facts: list[tuple[str, Flowable]] = [("How sure we are",
                                              self.p(rec.confidence_text, "Body", 8))]
        winner = rec.winner()
        if winner is not None and rob.n_samples:
            shares = [f"{self.name_of(c)}: {pct(rob.probability_first.get(c, 0.0))}"
                      for c in self.contender_ids()]
            facts.append((f"First place in {count(rob.n_samples)} plausible cases",
                          self.p("; ".join(shares), "Body", 6)))
        if rec.solution_type_headline:
            facts.append(("Kind of solution", self.p(rec.solution_type_headline, "Body", 6)))
        out.append(self.facts(facts))
        out += self._memo_list("The strongest reasons", rec.top_reasons,
                               empty="No reasons yet: the analysis is incomplete.")
        risks = ([winner.balance_warning] if winner is not None and winner.balance_warning
                 else []) + list(rec.readiness.risks)
        out += self._memo_list("Main risks", risks, empty="No major risk was identified.",
                               rest_in=self.READINESS)
        actions = [a.action for a in rec.readiness.actions if a.action]
        out += self._memo_list("Before signing", actions, numbered=True,
                               empty="Nothing is outstanding.", rest_in=self.READINESS)
        if rec.missing or rec.warnings:
            out.append(self.p("Open points", "H3"))
            out += self.bullets([*rec.missing, *rec.warnings][:MEMO_ITEMS], style="Small")
        out += self.sign_off()
        out.append(PageBreak())
        return out

    def _memo_list(self, title: str, items: list[str], *, empty: str, numbered: bool = False,
                   rest_in: str = "") -> list[Flowable]:
        """The first MEMO_ITEMS items, and where to find the rest (a line, not an item)."""
        out = [self.p(title, "H3"),
               *self.bullets(items[:MEMO_ITEMS] or [empty], numbered=numbered)]
        if len(items) > MEMO_ITEMS and rest_in:
            out.append(self.p(f"… and {len(items) - MEMO_ITEMS} more in “{rest_in}”.", "More"))
        return out

    def sign_off(self) -> list[Flowable]:
        """Where the decision is recorded on paper: decision, name and role, date, signature."""
        labels = ["Decision", "Name and role", "Date", "Signature"]
        row = [self.p(label, "Label") for label in labels]
        table = Table([row, ["", "", "", ""]], colWidths=[self.width / 4] * 4,
                      rowHeights=[None, 12 * mm], hAlign="LEFT")
        table.setStyle(table_style(header_rows=0, zebra=False))
        table.setStyle([("LINEBELOW", (0, 1), (-1, 1), 0.8, "black"),
                        ("BOX", (0, 0), (-1, -1), 0.4, "grey")])
        return [Spacer(1, 6), KeepTogether([self.p("Sign-off", "H3"), table])]

    # ---- contents ------------------------------------------------------------------------

    def section_contents(self) -> list[Flowable]:
        return [
            self.heading("Contents", in_contents=False),
            self.p("The body (sections 1 onwards) is what a decision needs; the appendices hold "
                   "the criteria, the evidence and the method behind every number. The words "
                   "of the method (TOPSIS, consistency ratio, …) are explained in the last "
                   "appendix.", "Muted"),
            Spacer(1, 4),
            Contents(self.styles),
            PageBreak(),
        ]

    # ---- body ----------------------------------------------------------------------------

    def section_solution_types(self) -> list[Flowable]:
        rec = self.rec
        intro: list[Flowable] = [self.section("Which kind of solution")]
        if rec.solution_type_headline:
            intro.append(self.p(rec.solution_type_headline))
        out: list[Flowable] = []
        sampled = any(t.probability_first for t in rec.solution_types)
        rows = []
        for t in rec.solution_types:
            why = list(t.reasons)
            if t.excluded:
                why = [f"Ruled out: {f.reason}" for f in t.failures] or ["Ruled out: a must-have."]
            why += [f"+ {s}" for s in t.strengths[:1]] + [f"− {w}" for w in t.weaknesses[:1]]
            row = [str(t.rank) if t.rank else "out", t.name,
                   DASH if t.excluded else points(t.score)]
            if sampled:  # the kinds were not sampled: a column of 0% would mislead
                row.append(pct(t.probability_first))
            rows.append([*row, "\n".join(why) or DASH])
        if sampled:
            out += self.table(["#", "Kind of solution", "Score", "First in", "Why"], rows,
                              [0.05, 0.2, 0.09, 0.09, 0.57], right=(2, 3), intro=intro)
        else:
            out += self.table(["#", "Kind of solution", "Score", "Why"], rows,
                              [0.05, 0.22, 0.09, 0.64], right=(2,), intro=intro)
        if rec.knocked_out_types:
            out.append(KeepTogether([
                self.p("Must-haves that rule out a kind of solution", "H3"),
                *self.bullets(f"{f.criterion_name}: needs {f.required}, has {f.actual}. "
                              f"{f.reason}" for f in rec.knocked_out_types)]))
        return out

    def section_ranking(self) -> list[Flowable]:
        rec = self.rec
        ranked, excluded = self.ranked_vendors(), self.excluded_vendors()
        intro: list[Flowable] = [
            self.section("The ranking"),
            self.p(f"{plural(len(rec.vendors), 'vendor')} assessed: {count(len(ranked))} "
                   f"ranked, {count(len(excluded))} ruled out because they miss a must-have. "
                   "Score is the weighted sum in points of 100; “First in” is the share of "
                   "plausible weightings and scores that rank the vendor first."),
        ]
        out: list[Flowable] = [CondPageBreak(90 * mm)]
        if not ranked:
            return [*out, *intro, self.p("No vendor is ranked, so there is nothing to chart."),
                    *self.ruled_out(excluded), *self.overrides()]
        out.append(KeepTogether([*intro, *self.chart_scores(ranked)]))
        rows = []
        for v in ranked:
            notes = [f"+ {s}" for s in v.strengths[:2]] + [f"− {w}" for w in v.weaknesses[:1]]
            if v.balance_warning:
                notes.append(f"! {v.balance_warning}")
            if v.overrides:
                notes.append(f"{plural(len(v.overrides), 'value')} set by the team "
                             "(see “The team's overrides”)")
            label = v.name + (f"\n{v.catalog}" if v.catalog and v.catalog != "shipped" else "")
            rows.append([str(v.rank), label, self.type_names(v.solution_types) or DASH,
                         points(v.score), pct(v.probability_first), "\n".join(notes) or DASH])
        out += self.table(["#", "Vendor", "Delivered as", "Score", "First in", "Notes"],
                          rows, [0.04, 0.2, 0.22, 0.07, 0.08, 0.39], right=(3, 4),
                          intro=[Spacer(1, 6)])
        out += self.ranking_value_for_money()
        out += self.table_points(ranked)
        out += self.chart_rank_probabilities(ranked)
        out += self.chart_needs(ranked)
        out += self.ruled_out(excluded)
        out += self.overrides()
        return out

    def ranking_value_for_money(self) -> list[Flowable]:
        """The place for cost and value for money next to the ranking (none in this version)."""
        return []

    def chart_scores(self, ranked: list[CandidateResult]) -> list[Flowable]:
        top = ranked[: self.chart_vendors]
        highlight = set(self.contender_ids())
        bars = [charts.ScoreBar(v.name, v.score, points(v.score), v.id in highlight) for v in top]
        drawing = charts.score_bars(self.fonts, bars, self.width)
        alt = "Bar chart of the total scores, in points of 100: " + "; ".join(
            f"{b.label} {b.value_text}" + (" (contender)" if b.highlight else "") for b in bars)
        shown = (f"the top {count(len(top))} of {count(len(ranked))} ranked vendors"
                 if len(ranked) > len(top) else "every ranked vendor")
        what = ("the contenders (solid bars)" if self.rec.robustness.contenders
                else "the leader (solid bar)")
        return [self.heading("Total scores", 1), charts.Chart(drawing, alt, self.fonts),
                self.caption(f"What to see: how far {what} is ahead of the rest, in points of "
                             f"100; {shown}. A lead smaller than the uncertainty is no lead: see "
                             "“What could change the answer”.")]

    def table_points(self, ranked: list[CandidateResult]) -> list[Flowable]:
        """Where each leading vendor's points come from, criteria group by criteria group."""
        top = ranked[: self.points_vendors]
        rows = [[g.name, pct(g.weight, 1),
                 *(points(v.group_contributions.get(g.group_id, 0.0)) for v in top)]
                for g in self.rec.groups]
        rows.append(["Total", "", *(points(v.score) for v in top)])
        share = 0.6 / max(len(top), 1)
        bold = ("FONTNAME", (0, len(rows)), (-1, len(rows)), self.fonts.bold.name)
        return self.table(
            ["Criteria group", "Final weight", *(v.name for v in top)], rows,
            [0.28, 0.12, *([share] * len(top))], right=tuple(range(1, 2 + len(top))),
            extra=[bold, ("LINEABOVE", (0, len(rows)), (-1, len(rows)), 0.8, "black")],
            intro=[*self.sub("Where the points come from"),
                   self.p("Points each criteria group adds to the total (weight × value); a "
                          "group's points can be at most its weight. Read across a row to see "
                          "where the leaders differ.")])

    def chart_rank_probabilities(self, ranked: list[CandidateResult]) -> list[Flowable]:
        rob = self.rec.robustness
        if not rob.n_samples:
            return [*self.sub("How likely each rank is"),
                    self.p("Rank probabilities were not sampled for this report.")]
        top = ranked[: self.probability_vendors]
        stacks = [charts.Stack(v.name, [*v.rank_probabilities[:3],
                                        sum(v.rank_probabilities[3:])]) for v in top]
        series = ["1st", "2nd", "3rd", "4th or lower"]
        drawing = charts.stacked_shares(self.fonts, stacks, series, self.width)
        alt = "Stacked bar chart of how often each vendor takes each rank: " + "; ".join(
            f"{s.label}: " + ", ".join(f"{name} {pct(share)}" for name, share
                                       in zip(series, s.shares, strict=False))
            for s in stacks)
        return [KeepTogether([
            self.heading("How likely each rank is", 1), charts.Chart(drawing, alt, self.fonts),
            self.caption(f"Share of {count(rob.n_samples)} plausible weightings and scores "
                         "(within their uncertainty) in which each vendor takes each rank. What "
                         "to see: a long solid segment is a vendor that comes first whatever the "
                         "details; two vendors with long solid and hatched segments share the "
                         "top two places.")])]

    def chart_needs(self, ranked: list[CandidateResult]) -> list[Flowable]:
        profile = ranked[: self.profile_vendors]
        weights = {g.group_id: g.weight for g in self.rec.groups}
        names = {g.group_id: g.name for g in self.rec.groups}
        groups = [charts.NeedGroup(names.get(need, need.title())
                                   + (f" ({pct(weights[need])})" if need in weights else ""),
                                   [v.need_profile.get(need, 0.0) for v in profile])
                  for need in ("openness", "modularity", "integration")]
        drawing = charts.grouped_bars(self.fonts, groups, [v.name for v in profile], self.width)
        alt = "Bar chart of how well the leading vendors meet the three named needs: " + "; ".join(
            f"{g.label}: " + ", ".join(f"{v.name} {value:.2f}" for v, value
                                       in zip(profile, g.values, strict=True)) for g in groups)
        return [KeepTogether([
            self.heading("Openness, modularity and integration", 1),
            charts.Chart(drawing, alt, self.fonts),
            self.caption("How well the leading vendors meet the three needs the team named "
                         "first, from 0 to 1 (1 meets every criterion of that need at the best "
                         "level); in brackets, the weight of that criteria group. What to see: "
                         "a short bar is a need a vendor meets poorly, whatever its total.")])]

    def ruled_out(self, excluded: list[CandidateResult]) -> list[Flowable]:
        if not excluded:
            return [*self.sub("Ruled out by must-haves"),
                    self.p("Every vendor meets every must-have.")]
        rows = []
        for v in excluded:
            for index, f in enumerate(v.failures):
                rows.append([v.name if index == 0 else "", f.criterion_name, f.required,
                             f.actual, f.reason])
            if not v.failures:
                rows.append([v.name, DASH, DASH, DASH, "Excluded by a must-have."])
        return self.table(["Vendor", "Must-have", "Needs", "Has", "Reason"], rows,
                          [0.2, 0.2, 0.14, 0.12, 0.34], intro=self.sub("Ruled out by must-haves"))

    def overrides(self) -> list[Flowable]:
        changes = [(v, o) for v in self.rec.vendors for o in v.overrides]
        if not changes:
            return [*self.sub("The team's overrides"), self.p("The team kept every catalog value.")]
        rows = []
        for v, o in changes:
            by = ", ".join(x for x in (o.by, day(o.at) if o.at else "") if x)
            rows.append([v.name, self.criterion_name(o.criterion_id),
                         self.value(o.catalog_value, o.criterion_id),
                         self.value(o.team_value, o.criterion_id),
                         o.rationale, by or DASH])
        return self.table(
            ["Vendor", "Criterion", "Catalog", "Team", "Why", "By"], rows,
            [0.17, 0.17, 0.11, 0.11, 0.29, 0.15],
            intro=[*self.sub("The team's overrides"),
                   self.p("Where the team replaced a catalog value with its own, and why.")])

    def section_sensitivity(self) -> list[Flowable]:
        rob = self.rec.robustness
        out: list[Flowable] = [CondPageBreak(90 * mm), self.section("What could change the answer")]
        out += self.bullets(rob.statements)
        if rob.smallest_flip is None and not rob.stability:
            out.append(self.p("No stability ranges were computed."))
        flipping = [s for s in rob.stability if s.flips_at is not None]
        steady = [s for s in rob.stability if s.flips_at is None]
        if flipping:
            rows = [[s.name, pct(s.weight, 1), f"{pct(s.low, 1)} – {pct(s.high, 1)}",
                     pct(s.flips_at, 1), s.new_winner or DASH] for s in flipping]
            out += self.table(
                ["Criterion", "Weight", "Same winner within", "Winner changes at",
                 "New winner"], rows, [0.3, 0.1, 0.2, 0.15, 0.25], right=(1, 2, 3),
                intro=[*self.sub("How far each weight can move"),
                       self.p("The criteria whose weight can change the winner: the range each "
                              "weight can take (the others scaled to match) while the winner "
                              "stays the same — its stability interval — and who comes first "
                              "beyond it.")])
        if steady:
            out.append(Spacer(1, 4))
            these = plural(len(steady), "criterion", "criteria")
            out.append(self.p(f"No weight from 0% to 100% on these {these} changes the winner: "
                              + "; ".join(s.name for s in steady) + ".", "Small"))
        out += self.methods()
        return out

    def methods(self) -> list[Flowable]:
        rob = self.rec.robustness
        verdict = self.p("Yes: the other decision methods rank the same way in substance."
                         if rob.methods_agree else
                         "Not fully: other decision methods rank the leading vendors "
                         "differently. Treat the order of close candidates as uncertain.")
        if not rob.methods:
            return [*self.sub("Do other methods agree?"), verdict]
        rows = [[m.method, ", ".join(self.name_of(c) for c in m.ranking[:3]),
                 f"{m.tau_vs_primary:.2f}".replace("-", "−")] for m in rob.methods]
        return self.table(["Method", "Top three", "Agreement (Kendall τ)"], rows,
                          [0.2, 0.56, 0.24], right=(2,),
                          intro=[*self.sub("Do other methods agree?"), verdict])

    def section_disagreement(self) -> list[Flowable]:
        view = self.rec.group_view
        out: list[Flowable] = [CondPageBreak(90 * mm)]
        heading = self.section("Where the stakeholders disagree")
        if view.disagreements:
            rows = [[d.name, f"{d.spread:.2f}", d.lowest, d.highest] for d in view.disagreements]
            out += self.table(
                ["Criteria group", "Spread", "Lowest", "Highest"], rows,
                [0.3, 0.1, 0.3, 0.3], right=(1,),
                intro=[heading,
                       self.p("The criteria groups the stakeholders weighted most differently, "
                              "largest spread first (spread: how far their weights lie apart, "
                              "relative to the average; 0 is full agreement).")])
        else:
            out += [heading, self.p("The stakeholders weighted the criteria groups alike.")]
        out += self.stakeholder_weights()
        out += self.consistency()
        return out

    def stakeholder_weights(self) -> list[Flowable]:
        rec, view = self.rec, self.rec.group_view
        people = view.stakeholders
        if not people:
            return []
        out: list[Flowable] = []
        chunk = 5
        for start in range(0, len(people), chunk):
            part = people[start:start + chunk]
            header = ["Criteria group", "Agreed", *(s.name for s in part)]
            rows = [[g.name, pct(view.aggregate.get(g.group_id, g.weight), 1),
                     *(pct(s.group_weights.get(g.group_id), 1) if s.group_weights else DASH
                       for s in part)] for g in rec.groups]
            share = 0.64 / len(part)
            intro = [*self.sub("Each stakeholder's weights"),
                     self.p(view.aggregation or "The agreed weights combine the stakeholders'.")
                     ] if start == 0 else []
            out += self.table(header, rows, [0.24, 0.12, *([share] * len(part))],
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
                verdict = "consistent" if s.consistency_ratio <= 0.1 else "reconsider"
                basis = f"; {s.consistency_basis}" if s.consistency_basis else ""
                ratio = f"{s.consistency_ratio:.2f} ({verdict}{basis})"
            rows.append([s.name, s.department or DASH, ratio, "\n".join(s.revisit) or DASH])
        return self.table(
            ["Stakeholder", "Department", "Consistency ratio", "Judgments to revisit"], rows,
            [0.2, 0.18, 0.22, 0.4],
            intro=[*self.sub("How consistent the pairwise judgments are"),
                   self.p("For stakeholders who compared the groups two at a time: up to 0.10 "
                          "is the usual limit (Saaty); above it, some judgments contradict "
                          "others.")])

    def section_weights(self) -> list[Flowable]:
        rec, view = self.rec, self.rec.group_view
        out: list[Flowable] = [CondPageBreak(90 * mm)]
        heading = self.section("Agreed and final weights")
        if not rec.groups:
            return [*out, heading, self.p("No criteria are weighted yet.")]
        rows = []
        for g in rec.groups:
            moved = [c.name for c in rec.criteria
                     if c.group_id == g.group_id and any(t.kind == "rule" for t in c.set_by)]
            rows.append([g.name, pct(view.aggregate.get(g.group_id), 1), pct(g.weight, 1),
                         ", ".join(moved) or DASH])
        out += self.table(
            ["Criteria group", "Agreed", "Final", "Criteria the team's answers raised or lowered"],
            rows, [0.26, 0.1, 0.1, 0.54], right=(1, 2),
            intro=[heading,
                   self.p("“Agreed” is the stakeholders' combined weight for each group; "
                          "“Final” is what the scores use, after the rules that the team's "
                          "answers set off. Each rule is listed, in its own words, with the "
                          "criterion it changed in Appendix A.")])
        return out

    def section_readiness(self) -> list[Flowable]:
        ready = self.rec.readiness
        out: list[Flowable] = [CondPageBreak(90 * mm), self.section(self.READINESS)]
        out.append(self.box([self.p(
            "Most CRM projects that fail do so for organisational reasons (management backing, "
            "user involvement, training, data quality), not because of the software. These "
            "checks come from that experience; all of them are listed, with their sources, in "
            "the appendix.", "Body", prefix=self.b(f"Readiness {ready.score:.0f} / 100: "
                                                   f"{ready.level}.") + " ")]))
        if ready.actions:
            rows = [[c.text, c.answer, c.risk or DASH, c.action or DASH] for c in ready.actions]
            out += self.table(["What is not in place yet", "Answer", "Risk if it stays open",
                               "Action, most important first"], rows, [0.29, 0.1, 0.27, 0.34],
                              intro=self.sub("What to put in place, and the risk until then"))
        else:
            out += [*self.sub("What to put in place"), self.p("Nothing is outstanding.")]
        return out

    def section_rollout(self) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(90 * mm), self.section("Phased rollout plan")]
        if not self.rec.rollout:
            return [*out, self.p("No rollout plan: the business areas are not answered yet.")]
        out.append(self.p("Roll out piecemeal, in right-sized steps: each phase has to meet its "
                          "exit criteria before the next one starts."))
        for phase in sorted(self.rec.rollout, key=lambda x: x.order):
            rows = [
                ("Business areas", ", ".join(phase.business_areas)),
                ("Modules", ", ".join(phase.modules)),
                ("Why now", phase.rationale),
                ("Done when", "\n".join(f"• {c}" for c in phase.exit_criteria)),
            ]
            out.append(KeepTogether([
                self.heading(f"Phase {phase.order}: {phase.name}", 1, style="H3"),
                self.facts([(k, self.p(v, "Cell", CELL_LINES)) for k, v in rows if v],
                           32 * mm)]))
        return out
