"""Step 7 · Results: the answer and how sure it is, the kinds of solution, the offerings ranked,
what each costs the team against its budgets, value for money, near ties, exclusions, risks and
actions, the team's weights, and a what-if.

Everything here lays out the Recommendation as it is, each fact once: the sentences are the
advisor's (`selector.advisor.wording`), the view only chooses and arranges them. The what-if
mode nudges group weights and asks the advisor's what-if in a worker thread, so the weights
move at each key press and the ranking beside them follows (marked "updating…" until it is for
the weights shown); the saved project stays exactly as it was.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.coordinate import Coordinate
from textual.css.query import NoMatches
from textual.message import Message
from textual.widgets import DataTable, Static

from selector.domain.recommendation import CandidateResult, MustHaveFailure, Recommendation
from selector.tui import advice
from selector.tui.messages import Ranking
from selector.tui.session import Session
from selector.tui.steps.base import Step
from selector.tui.text import bar, lit, pct, plural
from selector.tui.threads import back_to_ui
from selector.tui.widgets.fit_table import FitTable

RANKED_SHOWN = 12
READINESS_SHOWN = 3
EXCLUDED_SHOWN = 10
CERTAINTY_STYLE = {"clear": "bold green", "likely": "bold", "close": "bold yellow",
                   "none": "bold red"}
WARNING_STEPS = {
    "weights_after_scores": "steps 4 and 6", "catalog_problems": "step 5, Problems",
    "no_shortlist": "step 5", "type_mismatch": "steps 2 and 5",
    "inconsistent_judgments": "step 4", "over_budget": "steps 2 and 5",
    "unpriced": "step 5 (send the RFP)", "stale_evidence": "step 6",
    "claims_to_decide": "step 6, Claims", "not_evidenced": "steps 3 and 5",
}
"""Where each kind of warning is put right (the steps' numbers, for the keys 1–9)."""
VERDICT_MARKS = {"within": ("✓", "green"), "may_exceed": ("?", "bold yellow"),
                 "over": ("✗", "bold red")}
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295")
RISK_LABELS = {"readiness": "Readiness", "cost": "Cost", "evidence": "Evidence", "fit": "Fit",
               "data": "Data", "decision": "Decision"}
"""What each kind of risk is called on screen (the kinds are the advisor's ids)."""
BAR_WIDTH = 28
NAME_WIDTH = 26
NUDGE = 0.02


def stacked_bar(candidate: CandidateResult, colours: dict[str, str], width: int) -> Text:
    """The score as a bar split by criteria group: where the candidate earns its points.

    The running total is rounded, not each segment, so the bar's length is round(score × width)
    whatever the split: a higher score never draws a shorter bar.
    """
    text = Text()
    used = 0
    total = 0.0
    for gid, colour in colours.items():
        total += max(0.0, candidate.group_contributions.get(gid, 0.0))
        end = min(width, round(total * width))
        cells = max(0, end - used)
        text.append("█" * cells, style=colour)
        used += cells
    text.append("·" * (width - used), style="dim")
    return text


def _distinct(failures: list[MustHaveFailure]) -> list[MustHaveFailure]:
    """Each failure once by its sentence (several rules may give the same reason)."""
    return list({f.reason: f for f in failures}.values())


def failure_reasons(failures: list[MustHaveFailure]) -> list[str]:
    """Each failure's own sentence, once (several rules may give the same reason)."""
    return list(dict.fromkeys(f.reason or f"{f.criterion_name}: needs {f.required}, has "
                              f"{f.actual}" for f in failures))


def pct1(value: float) -> str:
    """A percentage with one decimal, as the advisor's own statements print it."""
    return f"{value * 100:.1f}%"


class WhatIfTable(FitTable):
    BINDINGS = [
        Binding("right,plus", "nudge(1)", "More"),
        Binding("left,minus", "nudge(-1)", "Less"),
        Binding("r", "reset", "Reset"),
        Binding("escape,w", "leave", "Leave"),
    ]

    @dataclass
    class Nudge(Message):
        row: int
        delta: float

    @dataclass
    class Reset(Message):
        pass

    @dataclass
    class Leave(Message):
        pass

    def action_nudge(self, sign: int) -> None:
        self.post_message(self.Nudge(self.cursor_row, sign * NUDGE))

    def action_reset(self) -> None:
        self.post_message(self.Reset())

    def action_leave(self) -> None:
        self.post_message(self.Leave())


class ResultsStep(Step):
    number = 7
    focus_names: ClassVar[dict[str, str]] = {
        "what-if-table": "the what-if weights", "results-scroll": "the results"}

    BINDINGS = [Binding("w", "what_if", "What-if")]

    def __init__(self, session: Session, ranking: Ranking | None = None) -> None:
        super().__init__(session, ranking)
        self.what_if: dict[str, float] | None = None
        self.what_if_rec: Recommendation | None = None
        self.what_if_pending = False
        self._what_if_generation = 0
        self._groups: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("7 · Results", style="bold"), classes="step-title")
        with Vertical(id="what-if"):
            yield Static(Text("What-if, not saved: ↑/↓ group · ←/→ weight · r reset · "
                              "Esc leave", style="bold yellow", no_wrap=True,
                              overflow="ellipsis"), id="what-if-keys")
            with Horizontal(id="what-if-body"):
                yield WhatIfTable(cursor_type="row", id="what-if-table", fit=(1.0, 10, 6))
                with VerticalScroll(id="what-if-ranking"):
                    yield Static("", id="what-if-text")
                    yield Static(Text(
                        "The weights start from the team's group weights, before the rules "
                        "of your context answers; the ranking applies those rules again.",
                        style="dim"), id="what-if-help")
        with VerticalScroll(id="results-scroll"):
            yield Static("", id="results-text")

    def mounted(self) -> None:
        self.query_one("#what-if").display = False
        self.query_one("#what-if-table", DataTable).add_columns("Group", "Weight", "")

    def set_ranking(self, ranking: Ranking) -> None:
        super().set_ranking(ranking)
        if self.is_mounted and self.display and self.what_if is None:
            self.refresh_view()

    def main_widget(self):  # noqa: ANN201
        return self.query_one("#what-if-table" if self.what_if is not None
                              else "#results-scroll")

    # ----------------------------------------------------------------- view
    def refresh_view(self) -> None:
        if self.what_if is not None:
            self.query_one("#what-if-text", Static).update(self.what_if_text())
            return
        self.query_one("#results-text", Static).update(self.result_text(self.recommendation))

    def on_resize(self) -> None:
        if self.is_mounted and self.what_if is None:
            self.refresh_view()

    def result_text(self, rec: Recommendation | None) -> Text:
        """The whole result, each fact once, in the order a team reads it: the answer and how
        sure it is; what to fix first; the kinds of solution; the ranking; what each costs;
        near ties; exclusions; must-haves on facts; risks and actions; the group."""
        if rec is None:
            if self.ranking.error:
                return lit(self.ranking.error, "yellow")
            return Text("Ranking…" if self.ranking.updating else "No result yet.",
                        style="yellow")
        width = max(60, (self.size.width or 100) - 3)
        t = Text()
        if self.ranking.updating:
            t.append("Updating: the project changed; the result below is the one before the "
                     "change.\n", style="bold reverse yellow")
        t.append_text(lit(rec.headline, CERTAINTY_STYLE.get(rec.robustness.certainty, "bold")))
        t.append("\n")
        self._section(t, "How sure we are")
        for statement in rec.robustness.statements:
            self._bullet(t, statement)
        if not rec.robustness.n_samples and self.ranking.sampling:
            t.append("  The chance of first place is being computed…\n", style="dim")
        if rec.warnings:
            self._section(t, "To look at first")
            for w in rec.warnings:
                t.append("⚠ ", style="yellow")
                t.append_text(lit(w.text))
                where = WARNING_STEPS.get(w.kind)
                if where:
                    t.append(f"  → {where}", style="bold cyan")
                t.append("\n")
        if rec.missing:
            t.append(f"{plural(len(rec.missing), 'thing')} not answered yet (listed at the "
                     "end).\n", style="yellow")
        if rec.top_reasons:
            self._section(t, "Why it leads")
            for reason in rec.top_reasons:
                self._bullet(t, reason)
        self._types(t, rec)
        self._ranking(t, rec, width)
        self._costs(t, rec, width)
        if rec.tie_breaker or rec.settle:
            self._section(t, "What would settle the near tie")
            if rec.tie_breaker:
                self._bullet(t, rec.tie_breaker)
            for s in rec.settle:
                self._bullet(t, s.text)
        self._excluded(t, rec)
        self._fact_must_haves(t, rec)
        risks = [r for r in rec.risks if r.kind not in ("cost", "readiness")]
        readiness = [r for r in rec.risks if r.kind == "readiness"]
        if risks or readiness:  # costs are in the cost table; readiness in full in step 8
            self._section(t, "Risks")
            for risk in risks:
                t.append(f"{RISK_LABELS.get(risk.kind, risk.kind.title())}: ", style="bold red")
                t.append_text(lit(risk.text))
                t.append("\n")
            for risk in readiness[:READINESS_SHOWN]:
                t.append(f"{RISK_LABELS['readiness']}: ", style="bold red")
                t.append_text(lit(risk.text))
                t.append("\n")
            if len(readiness) > READINESS_SHOWN:
                t.append(f"… and {len(readiness) - READINESS_SHOWN} more readiness risks",
                         style="dim")
                t.append("  → step 8\n", style="bold cyan")
        said_risks = {r.text for r in rec.risks}
        if rec.actions:
            self._section(t, "Before signing: actions and their owners")
            for action in rec.actions:
                t.append("• ")
                t.append_text(lit(action.text))
                t.append("  — ")
                t.append_text(lit(action.owner, "bold"))
                t.append("\n")
                if action.why and action.why not in said_risks:
                    t.append("  ")
                    t.append_text(lit(action.why, "dim"))
                    t.append("\n")
        self._group(t, rec)
        if rec.missing:
            self._section(t, "Not answered yet")
            for item in rec.missing:
                self._bullet(t, item, "dim")
        t.append("\nw: what-if (nudge the weights and watch the ranking)\n", style="dim")
        return t

    @staticmethod
    def _section(t: Text, title: str) -> None:
        t.append(f"\n{title}\n", style="bold underline")

    @staticmethod
    def _bullet(t: Text, text: str, style: str = "") -> None:
        t.append("• ", style=style)
        t.append_text(lit(text, style))
        t.append("\n")

    def _colours(self, rec: Recommendation) -> dict[str, str]:
        return {g.group_id: PALETTE[i % len(PALETTE)] for i, g in enumerate(rec.groups)}

    def _types(self, t: Text, rec: Recommendation) -> None:
        colours = self._colours(rec)
        self._section(t, "Kind of solution")
        if rec.solution_type_headline:
            t.append_text(lit(rec.solution_type_headline))
            t.append("\n")
        shown: set[str] = set()
        for st in rec.solution_types:
            self._candidate_line(t, st, colours, BAR_WIDTH)
            shown.update(failure_reasons(st.failures))
            for reason in failure_reasons(st.shortfalls):
                t.append("     typically short: ", style="yellow")
                t.append_text(lit(reason))
                t.append("\n")
        if any(st.shortfalls for st in rec.solution_types):
            t.append("A kind that typically misses more must-haves ranks below those that miss "
                     "fewer, whatever its points: check each vendor.\n", style="dim")
        for reason in failure_reasons(rec.knocked_out_types):
            if reason not in shown:
                t.append("  ✗ ", style="red")
                t.append_text(lit(reason))
                t.append("\n")

    def _ranking(self, t: Text, rec: Recommendation, width: int) -> None:
        colours = self._colours(rec)
        ranked = [r for r in rec.offerings if not r.excluded]
        sampled = rec.robustness.n_samples > 0
        self._section(t, "Offerings, ranked")
        t.append("score of 100, the bar split by criteria group" +
                 (", chance of first place" if sampled else "") +
                 "; ★ best value for money (no other is both better and cheaper), ✎ the team's "
                 "own values\n", style="dim")
        bar_width = max(8, min(BAR_WIDTH, width - 52))
        for r in ranked[:RANKED_SHOWN]:
            self._candidate_line(t, r, colours, bar_width, with_probability=sampled)
        if len(ranked) > RANKED_SHOWN:
            t.append(f"  … and {len(ranked) - RANKED_SHOWN} more ranked (every one is in the "
                     "export)\n", style="dim")
        if not ranked:
            t.append("  No offering passes the must-haves.\n", style="yellow")
        t.append("  Group weights after your context answers' rules: ", style="dim")
        for group in rec.groups:
            t.append("■ ", style=colours[group.group_id])
            t.append_text(lit(f"{group.name} {pct(group.weight)}  ", "dim"))
        t.append("\n")

    def _costs(self, t: Text, rec: Recommendation, width: int) -> None:
        ranked = [r for r in rec.offerings if not r.excluded and r.cost is not None]
        if not ranked:
            return
        euro_range = advice.wording().euro_range
        years = rec.horizon_years
        self._section(t, f"What each costs your team ({plural(rec.seats or 0, 'user')}, "
                         f"{plural(years, 'year')})")
        if rec.cost_basis:  # whose numbers: the team's answers, or the catalog's defaults
            t.append_text(lit(rec.cost_basis, "dim"))
            t.append("\n")
        column = 22
        name_width = width - 3 * column - 2
        two_lines = name_width < 18
        head = Text(" " * (4 if two_lines else name_width + 4))
        for label in ("upfront", "a year", f"over {plural(years, 'year')}"):
            head.append(label.ljust(column), style="dim")
        t.append_text(head)
        t.append("\n")
        for r in ranked[:RANKED_SHOWN]:
            cost = r.cost
            assert cost is not None
            verdicts = {b.kind: b for b in cost.budgets}
            t.append("★ " if r.efficient else "  ", style="bold green")
            name = lit(r.name, "bold" if r.rank == 1 else "")
            if two_lines:
                t.append_text(name)
                t.append("\n    ")
            else:
                name.truncate(name_width, overflow="ellipsis", pad=True)
                t.append_text(name)
                t.append("  ")
            for amount, kind in ((cost.upfront, "upfront"), (cost.yearly, "yearly"),
                                 (cost.total, "")):
                check = verdicts.get(kind)
                symbol, style = VERDICT_MARKS.get(check.verdict if check else "", ("", ""))
                cell = Text(euro_range(amount))
                if symbol:
                    cell.append(" " + symbol, style=style)
                if not cost.priced and not kind:
                    cell.append(" +quote", style="yellow")
                cell.truncate(column, overflow="ellipsis", pad=True)
                t.append_text(cell)
            t.append("\n")
        t.append("  budget: ✓ within  ? may exceed  ✗ over, even at the low estimate · +quote: "
                 "part of the price is not published\n", style="dim")
        if rec.value_for_money:
            t.append("★ ", style="bold green")
            t.append_text(lit(rec.value_for_money))
            t.append("\n")

    def _excluded(self, t: Text, rec: Recommendation) -> None:
        excluded = [r for r in rec.offerings if r.excluded]
        unproven = [r for r in rec.offerings if not r.excluded and r.not_evidenced]
        if excluded:
            self._section(t, f"Excluded by a must-have ({len(excluded)})")
            t.append("✗ does not have it · ? not evidenced in the catalog, and the team "
                     "excludes what is not evidenced\n", style="dim")
            for r in excluded[:EXCLUDED_SHOWN]:
                t.append_text(lit(r.name, "bold"))
                t.append("\n")
                for f in _distinct(r.failures):
                    unseen = f.status == "not_evidenced"
                    t.append("   ? " if unseen else "   ✗ ", style="yellow" if unseen else "red")
                    t.append_text(lit(f.reason))
                    t.append("\n")
            if len(excluded) > EXCLUDED_SHOWN:
                t.append(f"… and {len(excluded) - EXCLUDED_SHOWN} more excluded (every one, "
                         "with its reasons, is in the export)\n", style="dim")
        if unproven:
            self._section(t, "Ranked, but a must-have is not evidenced")
            for r in unproven[:EXCLUDED_SHOWN]:
                t.append_text(lit(r.name, "bold"))
                t.append("\n")
                for f in _distinct(r.not_evidenced):
                    t.append("   ? ", style="yellow")
                    t.append_text(lit(f.reason))
                    t.append("\n")

    def _fact_must_haves(self, t: Text, rec: Recommendation) -> None:
        if not rec.fact_must_haves:
            return
        self._section(t, "Must-haves on vendor facts, and what set them")
        for f in rec.fact_must_haves:
            t.append_text(lit(f.question, "bold"))
            t.append(" — not evidenced excludes\n" if f.excludes_unproven
                     else " — not evidenced is flagged, not excluded\n", style="dim")
            for trace in f.set_by:
                t.append("   ")
                t.append_text(lit(trace.text, "dim"))
                t.append("\n")

    def _group(self, t: Text, rec: Recommendation) -> None:
        gv = rec.group_view
        moved = [g for g in rec.groups if g.change_text]
        if not (gv.disagreements or gv.left_out or gv.aggregation or moved):
            return
        self._section(t, "The team's weights")
        if gv.aggregation:
            t.append_text(lit(gv.aggregation, "dim"))
            t.append("\n")
        if moved:
            t.append("Agreed by the team, and after the rules of your answers:\n", style="bold")
            for group in moved:
                self._bullet(t, group.change_text)
        if gv.left_out:
            t.append("Not weighted yet, so left out: ", style="bold yellow")
            t.append_text(lit(", ".join(gv.left_out)))
            t.append("  → step 4\n", style="bold cyan")
        if gv.disagreements:
            t.append("Where they disagree most (points apart):\n", style="bold")
            for d in gv.disagreements[:5]:
                self._bullet(t, d.text)

    def what_if_text(self) -> Text:
        """The what-if ranking, short enough to stay beside the weights at 80 columns."""
        rec = self.what_if_rec
        t = Text()
        title = "WHAT-IF ranking (not saved)"
        t.append(title + ("  updating…" if self.what_if_pending else "") + "\n",
                 style="bold reverse yellow")
        if rec is None:
            t.append("Ranking…\n" if self.what_if_pending else "No result.\n", style="dim")
            return t
        team = {v.id: v.rank for v in (self.recommendation.offerings
                                        if self.recommendation else [])}
        t.append_text(lit(rec.headline, "bold"))
        t.append("\n")
        # names as wide as the panel allows: two editions of one product differ at the end
        room = max(20, min(40, (self.query_one("#what-if-ranking").size.width or 36) - 22))
        for v in [r for r in rec.offerings if not r.excluded][:RANKED_SHOWN]:
            rank = f"{v.rank}."
            name = v.name if len(v.name) <= room else v.name[:room - 1] + "…"
            t.append(f"{rank:>3} ")
            t.append_text(lit(f"{name:<{room}} "))
            t.append(f"{v.score * 100:5.1f}")
            before = team.get(v.id)
            if before is not None and before != v.rank:
                t.append(f" (was {before}.)", style="cyan")
            t.append("\n")
        return t

    def _name_width(self, bar_width: int) -> int:
        """Names take what the bar and the numbers leave, at least 26 cells, at most 44: at
        120 columns two editions of one product show in full."""
        width = max(60, (self.size.width or 100) - 3)
        return max(NAME_WIDTH, min(44, width - bar_width - 28))

    def _candidate_line(self, t: Text, c: CandidateResult, colours: dict[str, str],
                        bar_width: int, with_probability: bool = False) -> None:
        rank = "✗" if c.excluded or c.rank is None else f"{c.rank}."
        room = self._name_width(bar_width)
        name = c.name if len(c.name) <= room else c.name[:room - 1] + "…"
        t.append(f"{rank:>3} ", style="red" if c.excluded else "bold")
        t.append_text(lit(f"{name:<{room}} ", "strike dim" if c.excluded else ""))
        if c.excluded:
            t.append_text(lit("excluded: " + "; ".join(failure_reasons(c.failures)), "red"))
            t.append("\n")
            return
        t.append(stacked_bar(c, colours, bar_width))
        t.append(f" {c.score * 100:5.1f}")
        if with_probability:
            t.append(f"  {pct(c.probability_first):>4} first", style="cyan")
        if c.efficient and c.kind == "offering":
            t.append(" ★", style="bold green")
        if c.overrides:
            t.append(" ✎", style="magenta")
        t.append("\n")

    # ----------------------------------------------------------------- what-if
    def action_what_if(self) -> None:
        if self.what_if is None:
            self.start_what_if()
        else:
            self.stop_what_if()

    def start_what_if(self) -> None:
        rec = self.recommendation
        if rec is None:
            self.app.notify("No result to explore yet.", markup=False)
            return
        base = dict(rec.group_view.aggregate) or {
            gid: 1.0 for gid in self.session.catalog.library.group_ids()}
        total = sum(base.values()) or 1.0
        self.what_if = {gid: w / total for gid, w in base.items()}
        self.what_if_rec = None
        self.query_one("#what-if").display = True
        self.query_one("#results-scroll").display = False
        self._fill_what_if()
        self._rank_what_if()
        self.query_one("#what-if-table").focus()

    def stop_what_if(self) -> None:
        self.what_if = None
        self.what_if_rec = None
        self._what_if_generation += 1
        self.query_one("#what-if").display = False
        self.query_one("#results-scroll").display = True
        self.refresh_view()
        self.query_one("#results-scroll").focus()

    @on(WhatIfTable.Nudge)
    def _nudge(self, event: WhatIfTable.Nudge) -> None:
        self.nudge(event.row, event.delta)

    @on(WhatIfTable.Reset)
    def _reset(self) -> None:
        self.start_what_if()

    @on(WhatIfTable.Leave)
    def _leave(self) -> None:
        self.stop_what_if()

    def nudge(self, row: int, delta: float) -> None:
        if self.what_if is None or not 0 <= row < len(self._groups):
            return
        gid = self._groups[row]
        weights = dict(self.what_if)
        weights[gid] = max(0.0, min(1.0, weights.get(gid, 0.0) + delta))
        total = sum(weights.values())
        if total <= 0:
            return
        self.what_if = {k: v / total for k, v in weights.items()}
        self._fill_what_if()
        self._rank_what_if()

    def _fill_what_if(self) -> None:
        assert self.what_if is not None
        names = {g.id: g.name for g in self.session.catalog.library.groups}
        table = self.query_one("#what-if-table", DataTable)
        if self._groups == list(self.what_if) and table.row_count == len(self._groups):
            for r, gid in enumerate(self._groups):  # only the cells that changed
                weight = self.what_if[gid]
                for c, cell in ((1, bar(weight, 10, "yellow")), (2, Text(pct1(weight)))):
                    if str(table.get_cell_at(Coordinate(r, c))) != str(cell):
                        table.update_cell_at(Coordinate(r, c), cell)
            return
        row = table.cursor_row
        table.clear()
        self._groups = list(self.what_if)
        for gid in self._groups:
            weight = self.what_if[gid]
            table.add_row(lit(names.get(gid, gid)), bar(weight, 10, "yellow"), pct1(weight))
        table.move_cursor(row=row, animate=False)

    def _rank_what_if(self) -> None:
        """Ask the advisor in a worker; the weights on screen move at once, the ranking
        follows, marked "updating…" until the answer for these weights is there."""
        assert self.what_if is not None
        self._what_if_generation += 1
        self.what_if_pending = True
        self.refresh_view()
        self._what_if_worker(self._what_if_generation, dict(self.what_if))

    @work(thread=True, exclusive=True, group="what-if", exit_on_error=False)
    def _what_if_worker(self, generation: int, weights: dict[str, float]) -> None:
        try:
            rec = advice.what_if(self.session.catalog, self.session.project, weights,
                                 today=self.session.today)
        except Exception as exc:  # noqa: BLE001 - told, never swallowed
            back_to_ui(self.app, self._what_if_failed, generation, exc)
            return
        back_to_ui(self.app, self._what_if_ranked, generation, rec)

    def _what_if_ranked(self, generation: int, rec: Recommendation) -> None:
        if generation != self._what_if_generation or self.what_if is None:
            return  # weights moved again meanwhile: only the newest answer is shown
        self.what_if_rec = rec
        self.what_if_pending = False
        with contextlib.suppress(NoMatches):  # closing meanwhile
            self.refresh_view()

    def _what_if_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._what_if_generation:
            return
        self.what_if_pending = False
        self.what_if_rec = None
        self.refresh_view()
        self.app.notify(f"The what-if ranking failed: {type(exc).__name__}: {exc}",
                        title="What-if", severity="error", markup=False, timeout=10)
