"""The report's sections, each a method returning flowables, so a subclass can replace one.

Every number shown comes from the Recommendation as it is; these methods only choose, order and
format. Every piece of user text goes through `FontSet.markup` (via `p`, `cell`, `m`), which
escapes it and picks fonts with the glyphs, so names and notes print exactly as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.lib import colors
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from selector.domain.recommendation import (
    CandidateResult,
    MustHaveFailure,
    Recommendation,
    StabilityRange,
)
from selector.report import charts
from selector.report.document import Heading
from selector.report.fonts import FontSet
from selector.report.styles import ACCENT, BOX_FILL, table_style

Cell = str | Flowable


def pct(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:.{digits}%}"


def score(value: float) -> str:
    """Scores are shown as points of 100, as in the terminal and the advisor's sentences."""
    return f"{value * 100:.1f}"


def _cap(items: Sequence[str], limit: int) -> list[str]:
    """At most `limit` items, with a last line saying how many more there are."""
    if len(items) <= limit:
        return list(items)
    return [*items[: limit - 1], f"… and {len(items) - limit + 1} more (see the sections below)"]


class ReportSections:
    """Section builders. `ReportRenderer` supplies fonts, styles, width and the recommendation."""

    rec: Recommendation
    fonts: FontSet
    styles: StyleSheet1
    width: float
    chart_vendors: int = 12
    probability_vendors: int = 8
    profile_vendors: int = 3
    matrix_vendors: int = 5
    evidence_vendors: int = 3

    # ---- small helpers -------------------------------------------------------------------

    def m(self, text: object) -> str:
        """Escaped markup for user text (never interpreted as markup)."""
        return self.fonts.markup(text)

    def b(self, text: object) -> str:
        return self.fonts.strong(text)

    def p(self, text: object, style: str = "Body") -> Paragraph:
        base = self.styles[style].fontName
        return Paragraph(self.fonts.markup(text, base), self.styles[style])

    def rich(self, markup: str, style: str = "Body") -> Paragraph:
        """A paragraph from markup whose user parts were already escaped with `m` or `b`."""
        return Paragraph(markup, self.styles[style])

    def sub(self, title: str) -> list[Flowable]:
        """A level-2 heading that starts a new page when little room is left below it."""
        return [CondPageBreak(35 * mm), self.heading(title, 1)]

    def heading(self, title: str, level: int = 0) -> Heading:
        style = "H1" if level == 0 else "H2"
        return Heading(self.fonts.markup(title, self.styles[style].fontName), self.styles[style],
                       title, level)

    def bullets(self, items: Iterable[str], style: str = "Bullet",
                numbered: bool = False) -> list[Flowable]:
        out: list[Flowable] = []
        for index, item in enumerate(items, start=1):
            mark = f"{index}." if numbered else "•"
            out.append(Paragraph(self.m(item), self.styles[style], bulletText=mark))
        return out

    def cell(self, value: Cell, style: str = "Cell") -> Flowable:
        return value if isinstance(value, Flowable) else self.p(value, style)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[Cell]],
              widths: Sequence[float], *, right: Sequence[int] = (),
              extra: Sequence[tuple] = (), zebra: bool = True) -> Table:
        """A table that splits across pages, repeats its header row, and wraps every cell.

        `widths` are fractions of the text width, so nothing runs past the margin whatever the
        names are; `right` lists numeric columns to right-align.
        """
        head = [self.p(h, "CellHeadRight" if i in right else "CellHead")
                for i, h in enumerate(header)]
        body = [[self.cell(v, "CellRight" if i in right else "Cell") for i, v in enumerate(row)]
                for row in rows]
        table = LongTable([head, *body], colWidths=[w * self.width for w in widths],
                          repeatRows=1, hAlign="LEFT")
        style = table_style(rows=len(body) + 1, zebra=zebra)
        for command in extra:
            style.add(*command)
        table.setStyle(style)
        return table

    def name_of(self, candidate_id: str) -> str:
        for candidate in (*self.rec.vendors, *self.rec.solution_types):
            if candidate.id == candidate_id:
                return candidate.name
        return candidate_id

    def criterion_name(self, criterion_id: str) -> str:
        for criterion in self.rec.criteria:
            if criterion.criterion_id == criterion_id:
                return criterion.name
        return criterion_id

    def value_text(self, criterion_id: str, raw: float | None) -> str:
        if raw is None:
            return "–"
        unit = next((c.unit for c in self.rec.criteria if c.criterion_id == criterion_id), "")
        if not unit or unit.startswith("level"):
            return f"{raw:g}"
        return f"{raw:g} {unit}"

    def ranked_vendors(self) -> list[CandidateResult]:
        return [v for v in self.rec.vendors if not v.excluded]

    def excluded_vendors(self) -> list[CandidateResult]:
        return [v for v in self.rec.vendors if v.excluded]

    def box(self, flowables: list[Flowable], fill: object = BOX_FILL) -> Table:
        """Flowables in a shaded box with a dark rule on the left (visible in greyscale too)."""
        box = Table([[flowables]], colWidths=[self.width])
        box.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), fill),
            ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))
        return box

    # ---- sections ------------------------------------------------------------------------

    def section_cover(self) -> list[Flowable]:
        rec = self.rec
        meta = [
            ("Organisation", rec.organisation or "–"),
            ("Date", f"{rec.date.day} {rec.date:%B %Y}"),
            ("Prepared by", rec.prepared_by or "–"),
            ("Produced with", f"CRM Selector {rec.provenance.tool_version}"),
        ]
        rows = [[self.p(label, "Label"), self.p(value, "CoverMeta")] for label, value in meta]
        facts = Table(rows, colWidths=[35 * mm, self.width - 35 * mm], hAlign="LEFT")
        facts.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]))
        return [
            Spacer(1, 45 * mm),
            Heading(self.m("CRM recommendation"), self.styles["CoverTitle"], "Cover"),
            self.p(rec.project_name, "CoverProject"),
            facts,
            Spacer(1, 20 * mm),
            self.box([self.p("In one sentence", "Label"), self.p(rec.headline, "Headline")]),
            Spacer(1, 6 * mm),
            self.p("This report is for the people who decide. It gives one recommendation, the "
                   "reasons, how sure the analysis is, what could change the answer, and what "
                   "must be in place before signing. Every number in it can be traced to the "
                   "team's weights and the evidence in the appendix.", "Muted"),
            PageBreak(),
        ]

    def section_summary(self) -> list[Flowable]:
        rec, rob = self.rec, self.rec.robustness
        winner = rec.winner()
        out: list[Flowable] = [self.heading("1  Executive summary"),
                               self.box([self.p(rec.headline, "Headline")]), Spacer(1, 4)]
        top_type = next((t for t in rec.solution_types if not t.excluded), None)
        type_text = rec.solution_type_headline or (top_type.name if top_type else "–")
        if rob.clear_winner and winner is not None:
            vendor_markup = (f"{self.b(winner.name)} — {score(winner.score)} points of 100, ahead "
                             f"of the runner-up by {rob.margin * 100:.1f}")
        elif winner is not None:
            names = [self.name_of(c) for c in rob.contenders] or [winner.name]
            vendor_markup = (self.b("No clear winner.") + " The contenders are "
                             + self.m(", ".join(names)) + ".")
        else:
            vendor_markup = self.b("No vendor meets every must-have.")
        facts = [
            ("Kind of solution", self.m(type_text)),
            ("Vendor", vendor_markup),
            ("How sure we are", self.m(rec.confidence_text)),
        ]
        if winner is not None and rob.n_samples:
            ids = list(rob.contenders) if not rob.clear_winner and rob.contenders else [winner.id]
            shares = [f"{self.m(self.name_of(i))} {self.b(pct(rob.probability_first.get(i, 0.0)))}"
                      for i in ids]
            facts.append(("Ranked first in", "; ".join(shares) + self.m(
                f" of {rob.n_samples:,} plausible weightings and scores")))
        table = Table([[self.p(k, "Label"), self.rich(v, "Body")] for k, v in facts],
                      colWidths=[38 * mm, self.width - 38 * mm], hAlign="LEFT")
        table.setStyle(table_style(header_rows=0, zebra=False))
        out.append(table)
        if not rob.clear_winner and winner is not None:
            names = [self.name_of(c) for c in rob.contenders] or [winner.name]
            out.append(Spacer(1, 4))
            out.append(self.box([self.rich(
                self.b("There is no clear winner.") + " " + self.m(
                    f"{', '.join(names)} are less than {rob.margin_threshold * 100:.1f} points "
                    "(of 100) apart, which is less than the uncertainty in the weights and "
                    "scores. Choose between them on the risks and actions below, or firm up the "
                    "evidence on the criteria in section 5 before deciding."))]))
        out.append(self.p("The three strongest reasons", "H3"))
        out += self.bullets(rec.top_reasons[:3] or ["No reasons yet: the analysis is incomplete."],
                            numbered=True)
        risks: list[str] = []
        if winner is not None and winner.balance_warning:
            risks.append(winner.balance_warning)
        risks += rec.readiness.risks
        if rec.provenance.weights_after_scores:
            risks.append("The weights were changed after the team had seen the scores.")
        out.append(self.p("Main risks", "H3"))
        out += self.bullets(_cap(risks, 4) or ["No major risk was identified."])
        actions = [a.action for a in rec.readiness.actions if a.action]
        out.append(self.p("Before signing", "H3"))
        out += self.bullets(_cap(actions, 4) or ["Nothing is outstanding."], numbered=True)
        if rec.missing:
            out.append(self.p("Not answered yet", "H3"))
            out += self.bullets(_cap(rec.missing, 3), style="Small")
        if rec.warnings:
            out.append(self.p("Warnings", "H3"))
            out += self.bullets(_cap(rec.warnings, 3), style="Small")
        out.append(PageBreak())
        return out

    def section_solution_types(self) -> list[Flowable]:
        rec = self.rec
        out: list[Flowable] = [self.heading("2  Which kind of solution")]
        if rec.solution_type_headline:
            out.append(self.p(rec.solution_type_headline))
        rows = []
        for t in rec.solution_types:
            why = list(t.reasons)
            if t.excluded:
                why = [f"Ruled out: {f.reason}" for f in t.failures] or ["Ruled out: a must-have."]
            why += [f"+ {s}" for s in t.strengths[:2]] + [f"− {w}" for w in t.weaknesses[:2]]
            rows.append([str(t.rank) if t.rank else "out", t.name,
                         "–" if t.excluded else score(t.score),
                         pct(t.probability_first), "\n".join(why) or "–"])
        if any(t.probability_first for t in rec.solution_types):
            out.append(self.table(["#", "Kind of solution", "Score", "First in", "Why"], rows,
                                  [0.05, 0.2, 0.09, 0.09, 0.57], right=(2, 3)))
        else:  # the kinds were not sampled: a column of 0% would mislead
            rows = [[r[0], r[1], r[2], r[4]] for r in rows]
            out.append(self.table(["#", "Kind of solution", "Score", "Why"], rows,
                                  [0.05, 0.22, 0.09, 0.64], right=(2,)))
        if rec.knocked_out_types:
            out.append(self.p("Must-haves that rule out a kind of solution", "H3"))
            out += self.bullets(self._failure_line(f) for f in rec.knocked_out_types)
        return out

    def _failure_line(self, failure: MustHaveFailure) -> str:
        return (f"{failure.criterion_name}: needs {failure.required}, has {failure.actual}. "
                f"{failure.reason}")

    def section_vendors(self) -> list[Flowable]:
        rec = self.rec
        ranked, excluded = self.ranked_vendors(), self.excluded_vendors()
        out: list[Flowable] = [
            PageBreak(), self.heading("3  Vendor ranking"),
            self.p(f"{len(rec.vendors)} vendors assessed: {len(ranked)} ranked, {len(excluded)} "
                   "ruled out because they miss a must-have. Score is the weighted value in points "
                   "of 100; “First in” is the share of plausible weightings that rank the vendor "
                   "first."),
        ]
        rows = []
        for v in ranked:
            notes = [f"+ {s}" for s in v.strengths[:2]] + [f"− {w}" for w in v.weaknesses[:1]]
            if v.balance_warning:
                notes.append(f"! {v.balance_warning}")
            if v.overrides:
                notes.append(f"{len(v.overrides)} value(s) set by the team (see below)")
            label = v.name + (f"\n{v.catalog}" if v.catalog and v.catalog != "shipped" else "")
            rows.append([str(v.rank), label, ", ".join(v.solution_types) or "–", score(v.score),
                         pct(v.probability_first), "\n".join(notes) or "–"])
        if rows:
            out.append(self.table(["#", "Vendor", "Delivered as", "Score", "First in", "Notes"],
                                  rows, [0.05, 0.22, 0.15, 0.08, 0.08, 0.42], right=(3, 4)))
        out += self.sub("Ruled out by must-haves")
        if excluded:
            rows = []
            for v in excluded:
                failures = v.failures or []
                for index, f in enumerate(failures):
                    rows.append([v.name if index == 0 else "", f.criterion_name, f.required,
                                 f.actual, f.reason])
                if not failures:
                    rows.append([v.name, "–", "–", "–", "Excluded by a must-have."])
            out.append(self.table(["Vendor", "Must-have", "Needs", "Has", "Reason"], rows,
                                  [0.2, 0.2, 0.14, 0.12, 0.34]))
        else:
            out.append(self.p("Every vendor meets every must-have."))
        out += self.sub("The team's overrides")
        overrides = [(v, o) for v in rec.vendors for o in v.overrides]
        if overrides:
            rows = []
            for v, o in overrides:
                by = ", ".join(x for x in (o.by, o.at.date().isoformat() if o.at else "") if x)
                rows.append([v.name, self.criterion_name(o.criterion_id),
                             self.value_text(o.criterion_id, o.catalog_value),
                             self.value_text(o.criterion_id, o.team_value), o.rationale,
                             by or "–"])
            out.append(self.p("Where the team replaced a catalog value with its own, and why."))
            out.append(self.table(["Vendor", "Criterion", "Catalog", "Team", "Why", "By"], rows,
                                  [0.18, 0.18, 0.1, 0.1, 0.29, 0.15]))
        else:
            out.append(self.p("The team kept every catalog value."))
        return out

    def section_charts(self) -> list[Flowable]:
        rec = self.rec
        ranked = self.ranked_vendors()
        out: list[Flowable] = [PageBreak(), self.heading("4  The scores at a glance")]
        if not ranked:
            return [*out, self.p("No vendor is ranked, so there is nothing to chart.")]
        top = ranked[: self.chart_vendors]
        groups = rec.groups
        bars = [charts.Bar(v.name, [v.group_contributions.get(g.group_id, 0.0) for g in groups],
                           score(v.score)) for v in top]
        out += self.sub("Total score, by criteria group")
        out.append(charts.stacked_bars(self.fonts, bars, [g.name for g in groups], self.width,
                                       tick_format=lambda x: f"{x * 100:.0f}"))
        shown = f"the top {len(top)} of {len(ranked)} ranked vendors" if len(ranked) > len(
            top) else "every ranked vendor"
        out.append(self.p(f"Each bar is a vendor's total score in points of 100, split into what "
                          f"each criteria group contributes (weight × value); {shown}.", "Caption"))
        out.append(CondPageBreak(70 * mm))
        out += self.sub("How likely each rank is")
        if rec.robustness.n_samples:
            top_p = ranked[: self.probability_vendors]
            bars = [charts.Bar(v.name, [*v.rank_probabilities[:3],
                                        sum(v.rank_probabilities[3:])]) for v in top_p]
            out.append(charts.stacked_bars(self.fonts, bars, ["1st", "2nd", "3rd", "4th or lower"],
                                           self.width, percent=True, label_inside=True,
                                           legend_columns=4))
            out.append(self.p(f"Share of {rec.robustness.n_samples:,} plausible weightings and "
                              "scores (within their uncertainty) in which each vendor takes each "
                              "rank.", "Caption"))
        else:
            out.append(self.p("Rank probabilities were not sampled for this report."))
        out.append(CondPageBreak(60 * mm))
        out += self.sub("Openness, modularity and integration")
        profile = ranked[: self.profile_vendors]
        needs = [("openness", "Openness"), ("modularity", "Modularity"),
                 ("integration", "Integration")]
        weights = {g.group_id: g.weight for g in groups}
        groups_chart = [
            charts.ProfileGroup(
                label + (f" ({pct(weights[need])})" if need in weights else ""),
                [v.need_profile.get(need, 0.0) for v in profile])
            for need, label in needs
        ]
        out.append(charts.grouped_bars(self.fonts, groups_chart, [v.name for v in profile],
                                       self.width))
        out.append(self.p("How well the leading vendors meet the three needs the team named "
                          "first: 1.00 meets every criterion tagged with that need at the best "
                          "level. The percentage is the weight the team gave that criteria group.",
                          "Caption"))
        return out

    def _flip_text(self, flip: StabilityRange) -> str:
        direction = "rising" if (flip.flips_at or 0) > flip.weight else "falling"
        change = f" ({flip.relative_change:+.0%})" if flip.relative_change is not None else ""
        return (f"The smallest change that changes the winner: the weight of {flip.name} "
                f"{direction} from {pct(flip.weight, 1)} to {pct(flip.flips_at, 1)}{change} "
                f"puts {flip.new_winner or 'another vendor'} first.")

    def section_sensitivity(self) -> list[Flowable]:
        rob = self.rec.robustness
        out: list[Flowable] = [PageBreak(), self.heading("5  What could change the decision")]
        out += self.bullets(rob.statements)
        if rob.smallest_flip is not None:
            out.append(self.box([self.p(self._flip_text(rob.smallest_flip))]))
        else:
            out.append(self.p("No single weight change within 0–100% changes the winner."))
        out += self.sub("How far each weight can move")
        flipping = [s for s in rob.stability if s.flips_at is not None]
        steady = [s for s in rob.stability if s.flips_at is None]
        if flipping:
            rows = [[s.name, pct(s.weight, 1), f"{pct(s.low, 1)} – {pct(s.high, 1)}",
                     pct(s.flips_at, 1), s.new_winner or "–"] for s in flipping]
            out.append(self.p("The criteria whose weight can change the winner: the range each "
                              "weight can take (the others scaled to match) while the winner stays "
                              "the same, and who comes first beyond it."))
            out.append(self.table(["Criterion", "Weight", "Same winner within", "Winner changes at",
                                   "New winner"], rows, [0.3, 0.1, 0.2, 0.15, 0.25],
                                  right=(1, 2, 3)))
        if steady:
            out.append(Spacer(1, 4))
            out.append(self.p(f"No weight from 0% to 100% on these {len(steady)} criteria changes "
                              "the winner: " + "; ".join(s.name for s in steady) + ".", "Small"))
        if not rob.stability:
            out.append(self.p("No stability ranges were computed."))
        out += self.sub("Do other methods agree?")
        out.append(self.p("Yes: the other decision methods rank the same way in substance."
                          if rob.methods_agree else
                          "Not fully: other decision methods rank the leading vendors differently. "
                          "Treat the order of close candidates as uncertain."))
        if rob.methods:
            rows = [[m.method, ", ".join(self.name_of(c) for c in m.ranking[:3]),
                     f"{m.tau_vs_primary:.2f}"] for m in rob.methods]
            out.append(self.table(["Method", "Top three", "Agreement (Kendall τ)"], rows,
                                  [0.25, 0.55, 0.2], right=(2,)))
        out += self.sub("Where the stakeholders disagree")
        disagreements = self.rec.group_view.disagreements
        if disagreements:
            rows = [[d.name, f"{d.spread:.2f}", d.lowest, d.highest] for d in disagreements]
            out.append(self.p("Criteria groups the stakeholders weighted most differently, largest "
                              "spread (coefficient of variation) first."))
            out.append(self.table(["Criteria group", "Spread", "Lowest", "Highest"], rows,
                                  [0.3, 0.1, 0.3, 0.3], right=(1,)))
        else:
            out.append(self.p("The stakeholders weighted the criteria groups alike."))
        return out

    def section_readiness(self) -> list[Flowable]:
        ready = self.rec.readiness
        out: list[Flowable] = [PageBreak(), self.heading("6  Readiness, risks and actions")]
        out.append(self.box([self.rich(
            self.b(f"Readiness {ready.score:.0f} / 100: {ready.level}.") + " " +
            self.m("Most CRM projects that fail do so for organisational reasons (management "
                   "backing, user involvement, training, data quality), not because of the "
                   "software. These checks come from that experience."))]))
        if ready.checks:
            rows = [[c.text, c.answer, c.risk or "–", c.action or "–",
                     self.p(c.source or "–", "Tiny")] for c in ready.checks]
            out += self.sub("Checks")
            out.append(self.table(["Check", "Answer", "Risk if not in place", "Action", "Source"],
                                  rows, [0.27, 0.09, 0.23, 0.25, 0.16]))
        out += self.sub("Risks")
        out += self.bullets(ready.risks or ["No open risk."])
        out += self.sub("Actions, most important first")
        actions = [a.action for a in ready.actions if a.action]
        out += self.bullets(actions or ["Nothing is outstanding."], numbered=True)
        return out

    def section_rollout(self) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(80 * mm), self.heading("7  Phased rollout plan")]
        if not self.rec.rollout:
            return [*out, self.p("No rollout plan: the business areas are not answered yet.")]
        out.append(self.p("Roll out piecemeal, in right-sized steps: each phase has to meet its "
                          "exit criteria before the next one starts."))
        for phase in sorted(self.rec.rollout, key=lambda x: x.order):
            rows = [
                ["Business areas", ", ".join(phase.business_areas) or "–"],
                ["Modules", ", ".join(phase.modules) or "–"],
                ["Why now", phase.rationale or "–"],
                ["Done when", "\n".join(f"• {c}" for c in phase.exit_criteria) or "–"],
            ]
            table = Table([[self.p(k, "Label"), self.p(v, "Cell")] for k, v in rows],
                          colWidths=[32 * mm, self.width - 32 * mm], hAlign="LEFT")
            table.setStyle(table_style(header_rows=0, zebra=False))
            out.append(KeepTogether([
                Heading(self.fonts.markup(f"Phase {phase.order}: {phase.name}",
                                          self.fonts.bold.name),
                        self.styles["H3"], f"Phase {phase.order}: {phase.name}", 1),
                table]))
        return out

    def section_appendix_weights(self) -> list[Flowable]:
        rec, view = self.rec, self.rec.group_view
        out: list[Flowable] = [PageBreak(), self.heading("Appendix A  Criteria and weights")]
        out += self.sub("Weights of the criteria groups")
        if view.aggregation:
            out.append(self.p(view.aggregation))
        people = view.stakeholders
        chunk = 5
        for start in range(0, max(len(people), 1), chunk):
            part = people[start:start + chunk]
            header = ["Criteria group", "Agreed", *(s.name for s in part)]
            rows = [[g.name, pct(view.aggregate.get(g.group_id, g.weight), 1),
                     *(pct(s.group_weights.get(g.group_id), 1) if s.group_weights else "–"
                       for s in part)] for g in rec.groups]
            share = 0.66 / max(len(part), 1) if part else 0
            widths = [0.22, 0.12, *([share] * len(part))]
            out.append(self.table(header, rows, widths,
                                  right=tuple(range(1, 2 + len(part)))))
            out.append(Spacer(1, 6))
        if people:
            out += self.sub("Stakeholders and the consistency of their judgments")
            rows = []
            for s in people:
                if s.consistency_ratio is None:
                    cr = "–"
                else:
                    verdict = "consistent" if s.consistency_ratio <= 0.1 else "reconsider"
                    basis = f"; {s.consistency_basis}" if s.consistency_basis else ""
                    cr = f"{s.consistency_ratio:.2f} ({verdict}{basis})"
                rows.append([s.name, s.department or "–", s.method, cr,
                             "\n".join(s.revisit) or "–"])
            out.append(self.p("Consistency ratio of pairwise judgments: up to 0.10 is the usual "
                              "limit (Saaty)."))
            out.append(self.table(["Stakeholder", "Department", "Method", "Consistency",
                                   "Judgments to revisit"], rows, [0.2, 0.16, 0.11, 0.15, 0.38]))
        out += self.sub("Criteria")
        out.append(self.p("Each criterion's final weight and must-have line; the line below it "
                          "says what set them."))
        rows: list[list[Cell]] = []
        spans: list[tuple] = []
        for c in rec.criteria:
            rows.append([c.name, c.group_name, pct(c.weight, 1), c.priority,
                         c.threshold_text or "–"])
            if c.set_by:
                traces = " · ".join(t.text for t in c.set_by)
                rows.append([self.p(traces, "Muted"), "", "", "", ""])
                row = len(rows)  # the header is row 0
                spans += [("SPAN", (0, row), (-1, row)),
                          ("LINEABOVE", (0, row), (-1, row), 0, colors.white),
                          ("BACKGROUND", (0, row), (-1, row), colors.white),
                          ("LEFTPADDING", (0, row), (-1, row), 12)]
        out.append(self.table(["Criterion", "Group", "Weight", "Priority", "Must-have"], rows,
                              [0.36, 0.26, 0.1, 0.1, 0.18], right=(2,), extra=spans,
                              zebra=False))
        return out

    def section_appendix_scores(self) -> list[Flowable]:
        rec = self.rec
        ranked = self.ranked_vendors()
        out: list[Flowable] = [PageBreak(), self.heading("Appendix B  Scores and evidence")]
        top = ranked[: self.matrix_vendors]
        if top:
            lookup = {(v.id, c.criterion_id): c for v in top for c in v.contributions}
            rows = []
            for crit in rec.criteria:
                row: list[Cell] = [crit.name, pct(crit.weight, 1)]
                for v in top:
                    contrib = lookup.get((v.id, crit.criterion_id))
                    if contrib is None:
                        row.append("–")
                    else:
                        mark = " *" if contrib.overridden else ""
                        row.append(self.value_text(crit.criterion_id, contrib.raw_value) + mark)
                rows.append(row)
            share = 0.62 / len(top)
            out.append(self.p(f"Values on each criterion's own scale for the {len(top)} leading "
                              "vendors; * marks a value set by the team."))
            out.append(self.table(["Criterion", "Weight", *(v.name for v in top)], rows,
                                  [0.26, 0.12, *([share] * len(top))],
                                  right=tuple(range(1, 2 + len(top)))))
        for v in ranked[: self.evidence_vendors]:
            out += self.sub(f"Evidence: {v.name}")
            rows = []
            for c in v.contributions:
                value = self.value_text(c.criterion_id, c.raw_value)
                if c.overridden:
                    value += " (team)"
                rows.append([self.criterion_name(c.criterion_id), value, score(c.contribution),
                             c.evidence or "–", self.p(c.source or "–", "Tiny"), c.confidence])
            out.append(self.table(["Criterion", "Value", "Adds", "Evidence", "Source",
                                   "Confidence"], rows, [0.18, 0.1, 0.07, 0.33, 0.2, 0.12],
                                  right=(2,)))
        if len(ranked) > self.evidence_vendors:
            out.append(Spacer(1, 4))
            out.append(self.p("The evidence for every other vendor is in the JSON export "
                              "(crm-selector rank PROJECT.toml --json).", "Muted"))
        return out

    def section_appendix_method(self) -> list[Flowable]:
        prov, rob = self.rec.provenance, self.rec.robustness
        out: list[Flowable] = [CondPageBreak(90 * mm),
                               self.heading("Appendix C  Method and parameters")]
        rows: list[list[Cell]] = [
            ["Method", prov.method], ["Normalisation", prov.normalization],
            ["Clear-winner margin", f"{rob.margin_threshold:.3f}"],
            ["Samples", f"{prov.n_samples:,}"], ["Random seed", str(prov.seed)],
            *([k, str(v)] for k, v in sorted(prov.parameters.items())),
            ["Tool version", prov.tool_version],
            ["Generated", prov.generated_at.isoformat(timespec="seconds")],
        ]
        for label, moment in (("Weights last changed", prov.weights_changed_at),
                              ("Scores first seen", prov.scores_seen_at),
                              ("Weights locked", prov.weights_locked_at)):
            if moment is not None:
                rows.append([label, moment.isoformat(timespec="seconds")])
        if prov.weights_after_scores:
            rows.append(["Note", "The weights were changed after the scores had been seen."])
        if prov.note:
            rows.append(["Note", prov.note])
        out.append(self.table(["Setting", "Value"], rows, [0.3, 0.7]))
        out.append(self.heading("Appendix D  Catalog checksums", 0))
        out.append(self.p("SHA-256 of every catalog file used, so anyone can check they reproduce "
                          "this result from the same files."))
        if prov.catalog_files:
            rows = [[f.path, f.catalog, self.p(f.sha256, "Tiny")] for f in prov.catalog_files]
            table = self.table(["File", "Catalog", "SHA-256"], rows, [0.32, 0.12, 0.56])
            out.append(KeepTogether([table]) if len(rows) <= 20 else table)
        else:
            out.append(self.p("No catalog files were recorded."))
        return out
