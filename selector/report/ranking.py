"""Body section 2, the ranking with value for money: scores, chance of first place, what each
leading offering costs this team against what it gives, and who is ruled out and why.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from selector.advisor.wording import euro_range
from selector.domain.recommendation import CandidateResult
from selector.report import charts
from selector.report.blocks import ReportBlocks
from selector.report.memo import EFFICIENT_MARK, SHOWN_WITH_THE_COSTS
from selector.report.numbers import DASH, count, day, pct, plural, points


class RankingSections(ReportBlocks):
    """The ranking, value for money, rank chances, the three named needs, who is ruled out."""

    chart_offerings: int = 12
    probability_offerings: int = 8
    profile_offerings: int = 3
    points_offerings: int = 5
    value_offerings: int = 12
    table_offerings: int = 30
    ruled_out_offerings: int = 40

    def section_ranking(self) -> list[Flowable]:
        ranked, excluded = self.ranked_offerings(), self.excluded_offerings()
        intro: list[Flowable] = [
            self.section("The ranking and value for money"),
            self.p("Every offering that passes the must-haves, best first. Score is the weighted "
                   "sum in points of 100; first place is the share of plausible weightings and "
                   "scores in which the offering comes first; the total cost is what this team "
                   f"would pay over the horizon ({EFFICIENT_MARK}: best value for money)."),
        ]
        out: list[Flowable] = [CondPageBreak(90 * mm)]
        if not ranked:
            return [*out, *intro, self.p("No offering is ranked, so there is nothing to chart."),
                    *self.where_the_rest_is(excluded)]
        out.append(KeepTogether([*intro, *self.chart_scores(ranked)]))
        out += self.ranking_table(ranked)
        out += self.where_the_rest_is(excluded)
        out += self.ranking_value_for_money(ranked)
        out += self.table_points(ranked)
        out += self.chart_rank_shares(ranked)
        out += self.chart_needs(ranked)
        out += self.not_evidenced(ranked)
        return out

    def where_the_rest_is(self, excluded: list[CandidateResult]) -> list[Flowable]:
        """Where the offerings ruled out by must-haves and the team's own values are listed."""
        parts = []
        if excluded:
            parts.append("the offerings ruled out by must-haves, with every must-have each "
                         "misses")
        if any(o.overrides for o in self.rec.offerings):
            parts.append("the values the team set itself, and why")
        if not parts:
            return [self.p("Every offering meets every must-have.", "Muted")]
        return [self.p("In the evidence appendix: " + "; ".join(parts) + ".", "Muted")]

    def ranking_table(self, ranked: list[CandidateResult]) -> list[Flowable]:
        horizon = plural(self.rec.horizon_years, "year")
        sampled = bool(self.rec.robustness.n_samples)
        rows = []
        for o in ranked[: self.table_offerings]:
            notes = [f"+ {s}" for s in o.strengths[:2]] + [f"− {w}" for w in o.weaknesses[:1]]
            if o.balance_warning:
                notes.append(f"! {o.balance_warning}")
            name = (f"{EFFICIENT_MARK} " if o.efficient else "") + o.name
            if o.catalog and o.catalog != "shipped":
                name += f"\n{o.catalog}"
            rows.append([str(o.rank), self.p(name, "CellStrong" if o.efficient else "Cell", 6),
                         "\n".join(o.solution_type_names) or DASH, points(o.score),
                         pct(o.probability_first) if sampled else DASH,
                         euro_range(o.cost.total) if o.cost is not None else DASH,
                         "\n".join(notes) or DASH])
        out = self.table(["#", "Offering", "Kind of solution", "Score", "First place",
                          f"Total cost, {horizon}", "Strengths (+) and weaknesses (−)"],
                         rows, [0.04, 0.2, 0.13, 0.07, 0.07, 0.2, 0.29], right=(3, 4, 5),
                         intro=[Spacer(1, 6)])
        if len(ranked) > len(rows):
            out.append(self.p(f"The first {count(len(rows))} of {count(len(ranked))} ranked "
                              "offerings; every one is in the JSON export (crm-selector rank "
                              "PROJECT.toml --json).", "Muted"))
        return out

    def ranking_value_for_money(self, ranked: list[CandidateResult]) -> list[Flowable]:
        """Benefit against total cost, the efficient offerings marked, and the advisor's
        reading of it (override to show value for money another way)."""
        rec = self.rec
        priced = [o for o in ranked if o.cost is not None][: self.value_offerings]
        title = self.sub("Value for money")
        if not priced:
            return [*title, self.p(rec.value_for_money or "No ranked offering has a cost.")]
        points_ = [charts.ValuePoint(str(o.rank), o.score, o.cost.total.low, o.cost.total.high,
                                     o.efficient, o.cost.priced)
                   for o in priced if o.cost is not None]
        drawing = charts.value_for_money(self.fonts, points_, self.width)
        alt = ("Scatter chart of score (points of 100) against total cost over "
               f"{plural(rec.horizon_years, 'year')}, each offering marked by its rank: "
               + "; ".join(f"{o.rank} {o.name}: {points(o.score)} points, "
                           f"{euro_range(o.cost.total)}"
                           + (" (best value)" if o.efficient else "")
                           + ("" if o.cost.priced else " (not fully priced)")
                           for o in priced if o.cost is not None))
        shown = ("" if len(priced) == len(ranked) else
                 f" The first {count(len(priced))} of {count(len(ranked))} ranked offerings.")
        out: list[Flowable] = [KeepTogether([
            *title, charts.Chart(drawing, alt, self.fonts),
            self.caption("What to see: higher is better, further left is cheaper; each point "
                         "is labelled with the offering's rank in the table above, and its "
                         "line spans the low to high cost estimate. The solid diamonds, joined "
                         "by the dashed line, are the best value for money: no other offering is "
                         "both better and cheaper. A point to the right of and below a diamond "
                         "costs more for less." + shown)])]
        if rec.value_for_money:
            out.append(self.p(rec.value_for_money))
        out += self.bullets(w.text for w in rec.warnings if w.kind in SHOWN_WITH_THE_COSTS)
        out.append(self.p("What each leading offering's cost is made of, and the assumptions, "
                          "are in the appendix “Cost for this team”.", "Muted"))
        return out

    def chart_scores(self, ranked: list[CandidateResult]) -> list[Flowable]:
        top = ranked[: self.chart_offerings]
        highlight = set(self.contender_ids())
        bars = [charts.ScoreBar(o.name, o.score, points(o.score), o.id in highlight)
                for o in top]
        drawing = charts.score_bars(self.fonts, bars, self.width)
        alt = "Bar chart of the total scores, in points of 100: " + "; ".join(
            f"{b.label} {b.value_text}" + (" (contender)" if b.highlight else "") for b in bars)
        shown = (f"the top {count(len(top))} of {count(len(ranked))} ranked offerings"
                 if len(ranked) > len(top) else "every ranked offering")
        what = ("the contenders (solid bars) are" if len(highlight) > 1
                else "the leader (solid bar) is")
        return [self.heading("Total scores", 1), charts.Chart(drawing, alt, self.fonts),
                self.caption(f"What to see: how far {what} ahead of the rest, in points of "
                             f"100; {shown}. A lead smaller than the uncertainty is no lead: see "
                             "“What could change the answer”.")]

    def table_points(self, ranked: list[CandidateResult]) -> list[Flowable]:
        """Where each leading offering's points come from, criteria group by criteria group."""
        top = ranked[: self.points_offerings]
        rows = [[g.name, pct(g.weight, 1),
                 *(points(o.group_contributions.get(g.group_id, 0.0)) for o in top)]
                for g in self.rec.groups]
        rows.append(["Total", "", *(points(o.score) for o in top)])
        share = 0.66 / max(len(top), 1)
        last = len(rows)
        return self.table(
            ["Criteria group", "Final weight", *(o.name for o in top)], rows,
            [0.24, 0.1, *([share] * len(top))], right=tuple(range(1, 2 + len(top))),
            extra=[("FONTNAME", (0, last), (-1, last), self.fonts.bold.name),
                   ("LINEABOVE", (0, last), (-1, last), 0.8, "black")],
            intro=[*self.sub("Where the points come from"),
                   self.p("Points each criteria group adds to the total (weight × value); a "
                          "group's points can be at most its weight. Read across a row to see "
                          "where the leaders differ.")])

    def chart_rank_shares(self, ranked: list[CandidateResult]) -> list[Flowable]:
        rob = self.rec.robustness
        if not rob.n_samples:
            return [*self.sub("How likely each rank is"),
                    self.p("Rank probabilities were not sampled for this report.")]
        top = [o for o in ranked if o.rank_shares][: self.probability_offerings]
        series = ["1st", "2nd", "3rd", "4th or lower"]
        stacks = [charts.Stack(o.name, o.rank_shares[: len(series)]) for o in top]
        drawing = charts.stacked_shares(self.fonts, stacks, series, self.width)
        alt = "Stacked bar chart of how often each offering takes each rank: " + "; ".join(
            f"{s.label}: " + ", ".join(f"{name} {pct(share)}" for name, share
                                       in zip(series, s.shares, strict=False))
            for s in stacks)
        return [KeepTogether([
            self.heading("How likely each rank is", 1), charts.Chart(drawing, alt, self.fonts),
            self.caption(f"Share of {count(rob.n_samples)} plausible weightings and scores "
                         "(within their uncertainty) in which each offering takes each rank. "
                         "What to see: a long solid segment is an offering that comes first "
                         "whatever the details; two offerings with long solid and hatched "
                         "segments share the top two places.")])]

    def chart_needs(self, ranked: list[CandidateResult]) -> list[Flowable]:
        profile = ranked[: self.profile_offerings]
        weights = {g.group_id: g.weight for g in self.rec.groups}
        names = {g.group_id: g.name for g in self.rec.groups}
        needs = [n for n in ("openness", "modularity", "integration")
                 if any(n in o.need_profile for o in profile)]
        if not profile or not needs:
            return []
        groups = [charts.NeedGroup(names.get(need, need.title())
                                   + (f" ({pct(weights[need])})" if need in weights else ""),
                                   [o.need_profile.get(need, 0.0) for o in profile])
                  for need in needs]
        drawing = charts.grouped_bars(self.fonts, groups, [o.name for o in profile], self.width)
        alt = ("Bar chart of how well the leading offerings meet the three named needs: "
               + "; ".join(f"{g.label}: " + ", ".join(
                   f"{o.name} {value:.2f}" for o, value in zip(profile, g.values, strict=True))
                   for g in groups))
        return [KeepTogether([
            self.heading("Openness, modularity and integration", 1),
            charts.Chart(drawing, alt, self.fonts),
            self.caption("How well the leading offerings meet the three needs the team named "
                         "first, from 0 to 1 (1 meets every criterion of that need at the best "
                         "level); in brackets, the weight of that criteria group. What to see: "
                         "a short bar is a need an offering meets poorly, whatever its total.")])]

    def not_evidenced(self, ranked: list[CandidateResult]) -> list[Flowable]:
        """Must-haves a ranked offering may meet but the catalog does not show: kept in the
        ranking, to be asked of the vendor."""
        with_risks = {i for r in self.rec.risks if r.kind == "fit" for i in r.applies_to}
        rows = [[o.name if index == 0 else "", f.reason]
                for o in ranked if o.id not in with_risks
                for index, f in enumerate(o.not_evidenced)]
        if not rows:
            return []
        note = ("These offerings stay in the ranking: the catalog does not show that they meet "
                "these must-haves, nor that they miss them. Ask the vendor before signing.")
        if any(o.not_evidenced for o in ranked if o.id in with_risks):
            note += " The contenders' are listed with the risks."
        return self.table(["Offering", "Must-have the catalog does not show"], rows, [0.3, 0.7],
                          intro=[*self.sub("Kept, but not evidenced"), self.p(note)])

    def ruled_out(self, excluded: list[CandidateResult]) -> list[Flowable]:
        if not excluded:
            return []
        rows = []
        for o in excluded[: self.ruled_out_offerings]:
            reasons = [f.reason for f in o.failures] or ["Excluded by a must-have."]
            rows.append([o.name, "\n".join(o.solution_type_names) or DASH,
                         "\n".join(f"• {r}" for r in reasons)])
        note = ("Offerings that miss at least one must-have, whatever their other scores, with "
                "every must-have they miss.")
        if len(excluded) > len(rows):
            note += (f" The first {count(len(rows))} of {count(len(excluded))}; every one is in "
                     "the JSON export.")
        return self.table(["Offering", "Kind of solution", "Why it is ruled out"], rows,
                          [0.24, 0.12, 0.64],
                          intro=[*self.sub("Ruled out by must-haves", listed=False),
                                 self.p(note)])

    def overrides(self) -> list[Flowable]:
        changes = [(o, v) for o in self.rec.offerings for v in o.overrides]
        if not changes:
            return []
        rows = []
        for o, v in changes:
            by = ", ".join(x for x in (v.by, day(v.at) if v.at else "") if x)
            rows.append([o.name, v.criterion_name or self.criterion_name(v.criterion_id),
                         self.value(v.catalog_value, v.criterion_id),
                         self.value(v.team_value, v.criterion_id), v.rationale, by or DASH])
        return self.table(
            ["Offering", "Criterion", "Catalog", "Team", "Why", "By"], rows,
            [0.17, 0.17, 0.11, 0.11, 0.29, 0.15],
            intro=[*self.sub("The team's overrides", listed=False),
                   self.p("Where the team replaced a catalog value with its own, and why.")])
