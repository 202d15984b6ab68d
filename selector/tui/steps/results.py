"""Step 7 · Results: the kind of solution, the vendor ranking, how sure we are, and a what-if.

Everything here renders the Recommendation as it is. The what-if mode nudges group weights and
asks the advisor's what-if in a worker thread, so the weights move at each key press and the
ranking beside them follows (marked "updating…" until it is for the weights shown); the saved
project stays exactly as it was.
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
from selector.tui.text import bar, pct, plural
from selector.tui.threads import back_to_ui
from selector.tui.widgets.fit_table import FitTable

PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295")
BAR_WIDTH = 28
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

    def result_text(self, rec: Recommendation | None) -> Text:
        if rec is None:
            if self.ranking.error:
                return Text(self.ranking.error, style="yellow")
            return Text("Ranking…" if self.ranking.updating else "No result yet.",
                        style="yellow")
        t = Text()
        if self.ranking.updating:
            t.append("Updating: the project changed; the result below is the one before the "
                     "change.\n", style="bold reverse yellow")
        t.append(rec.headline + "\n", style="bold")
        t.append(rec.confidence_text + "\n")
        for w in rec.warnings:
            t.append("⚠ " + w + "\n", style="yellow")
        if rec.missing:
            t.append(f"{plural(len(rec.missing), 'thing')} not answered yet (listed at the "
                     "end).\n", style="yellow")
        for reason in rec.top_reasons:
            t.append("• " + reason + "\n")

        colours = {g.group_id: PALETTE[i % len(PALETTE)] for i, g in enumerate(rec.groups)}
        t.append("\nKind of solution\n", style="bold underline")
        if rec.solution_type_headline:
            t.append(rec.solution_type_headline + "\n")
        shown: set[str] = set()
        for st in rec.solution_types:
            self._candidate_line(t, st, colours)
            shown.update(failure_reasons(st.failures))
        for reason in failure_reasons(rec.knocked_out_types):
            if reason not in shown:
                t.append(f"  ✗ {reason}\n", style="red")

        t.append("\nVendors", style="bold underline")
        sampled = rec.robustness.n_samples > 0
        pending = not sampled and self.ranking.sampling
        t.append("  (score, bar split by criteria group" +
                 (", chance of first place)" if sampled else
                  "; chance of first place is being computed…)" if pending else ")") + "\n",
                 style="dim")
        for v in rec.vendors:
            self._candidate_line(t, v, colours, with_probability=sampled)
        t.append("  Group weights after your context answers' rules: ", style="dim")
        for group in rec.groups:
            t.append("■ ", style=colours[group.group_id])
            t.append(f"{group.name} {pct(group.weight)}  ", style="dim")
        t.append("\n")

        excluded = [v for v in rec.vendors if v.excluded]
        if excluded:
            t.append("\nExcluded by a must-have\n", style="bold underline")
            for v in excluded:
                for reason in failure_reasons(v.failures):
                    t.append(f"✗ {v.name}: ", style="red")
                    t.append(reason + "\n")

        t.append("\nHow sure we are\n", style="bold underline")
        for statement in rec.robustness.statements:
            t.append("• " + statement + "\n")
        flip = rec.robustness.smallest_flip
        if flip is not None and flip.flips_at is not None:
            t.append(f"What would flip the winner: {flip.name} from {pct1(flip.weight)} to "
                     f"{pct1(flip.flips_at)} of the weight puts {flip.new_winner} first.\n",
                     style="cyan")

        gv = rec.group_view
        if gv.disagreements:
            t.append("\nWhere the stakeholders disagree\n", style="bold underline")
            for d in gv.disagreements[:5]:
                t.append(f"{d.name}: ", style="bold")
                t.append(f"lowest {d.lowest}, highest {d.highest}\n")
            if gv.aggregation:
                t.append(gv.aggregation + "\n", style="dim")
        if rec.missing:
            t.append("\nNot answered yet\n", style="bold underline")
            for item in rec.missing:
                t.append("• " + item + "\n", style="dim")
        t.append("\nw: what-if (nudge the weights and watch the ranking)\n", style="dim")
        return t

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
        team = {v.id: v.rank for v in (self.recommendation.vendors
                                        if self.recommendation else [])}
        t.append(rec.headline + "\n", style="bold")
        for v in rec.vendors:
            rank = "✗" if v.excluded or v.rank is None else f"{v.rank}."
            name = v.name if len(v.name) <= 20 else v.name[:19] + "…"
            t.append(f"{rank:>3} {name:<20} ", style="dim strike" if v.excluded else "")
            if not v.excluded:
                t.append(f"{v.score * 100:5.1f}")
                before = team.get(v.id)
                if before is not None and before != v.rank:
                    t.append(f" (team: {before}.)", style="cyan")
            t.append("\n")
        return t

    def _candidate_line(self, t: Text, c: CandidateResult, colours: dict[str, str],
                        with_probability: bool = False) -> None:
        rank = "✗" if c.excluded or c.rank is None else f"{c.rank}."
        name = c.name if len(c.name) <= 26 else c.name[:25] + "…"
        t.append(f"{rank:>3} ", style="red" if c.excluded else "bold")
        t.append(f"{name:<26} ", style="strike dim" if c.excluded else "")
        if c.excluded:
            if c.kind == "vendor":  # the reasons follow under "Excluded by a must-have"
                names = dict.fromkeys(
                    "its kind of solution is ruled out" if f.criterion_id == "solution_type"
                    else f.criterion_name for f in c.failures)
                t.append("excluded: " + "; ".join(names) + " (see below)\n", style="red")
            else:
                t.append("excluded: " + "; ".join(failure_reasons(c.failures)) + "\n",
                         style="red")
            return
        t.append(stacked_bar(c, colours, BAR_WIDTH))
        t.append(f" {c.score * 100:5.1f}")
        if with_probability:
            t.append(f"  {pct(c.probability_first):>4} first", style="cyan")
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
            table.add_row(Text(names.get(gid, gid)), bar(weight, 10, "yellow"), pct1(weight))
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
