"""Step 7 · Results: the kind of solution, the vendor ranking, how sure we are, and a what-if.

Everything here renders the Recommendation as it is. The what-if mode nudges group weights on a
private copy of the project and asks the advisor again (n_samples=0, a few milliseconds), so the
ranking moves with each key press while the saved project stays exactly as it was.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from selector.domain import Stakeholder, StakeholderWeights
from selector.domain.recommendation import CandidateResult, MustHaveFailure, Recommendation
from selector.tui import advice
from selector.tui.steps.base import Step
from selector.tui.text import bar, pct, plural
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

    def _step(self) -> ResultsStep:
        return next(a for a in self.ancestors if isinstance(a, ResultsStep))

    def action_nudge(self, sign: int) -> None:
        self._step().nudge(self.cursor_row, sign * NUDGE)

    def action_reset(self) -> None:
        self._step().start_what_if()

    def action_leave(self) -> None:
        self._step().stop_what_if()


class ResultsStep(Step):
    number = 7
    title = "Results"
    short = "Results"

    BINDINGS = [Binding("w", "what_if", "What-if")]

    def __init__(self) -> None:
        super().__init__()
        self.what_if: dict[str, float] | None = None
        self.what_if_rec: Recommendation | None = None
        self._groups: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("7 · Results", style="bold"), classes="step-title")
        with Vertical(id="what-if"):
            yield Static(Text.assemble(
                ("What-if: ←/→ move weight between groups; the ranking below updates at once. "
                 "Nothing is saved. r resets, Esc leaves. ", "bold yellow"),
                ("Starts from the team's group weights (before the rules of your context "
                 "answers); the ranking applies those rules again.", "dim")), id="what-if-help")
            yield WhatIfTable(cursor_type="row", id="what-if-table", fit=(38, 16, 7))
        with VerticalScroll(id="results-scroll"):
            yield Static("", id="results-text")

    def on_mount(self) -> None:
        self.query_one("#what-if").display = False
        self.query_one("#what-if-table", DataTable).add_columns("Group", "Weight", "")

    def set_recommendation(self, recommendation: Recommendation | None) -> None:
        super().set_recommendation(recommendation)
        if self.is_mounted and self.display and self.what_if is None:
            self.refresh_view()

    # ----------------------------------------------------------------- view
    def refresh_view(self) -> None:
        if self.session is None:
            return
        rec = self.what_if_rec if self.what_if is not None else self.recommendation
        self.query_one("#results-text", Static).update(self.result_text(rec))

    def result_text(self, rec: Recommendation | None) -> Text:
        if rec is None:
            workspace = self.screen
            return Text(getattr(workspace, "advisor_error", "") or "No result yet.",
                        style="yellow")
        t = Text()
        if self.what_if is not None:
            t.append("WHAT-IF (not saved)\n", style="bold reverse yellow")
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
        pending = not sampled and getattr(self.screen, "n_samples", 0) > 0 \
            and self.what_if is None
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
        if self.session is None or rec is None:
            self.app.notify("No result to explore yet.", markup=False)
            return
        base = dict(rec.group_view.aggregate) or {
            gid: 1.0 for gid in self.session.catalog.library.group_ids()}
        total = sum(base.values()) or 1.0
        self.what_if = {gid: w / total for gid, w in base.items()}
        self.query_one("#what-if").display = True
        self._rank_what_if()
        self.query_one("#what-if-table").focus()

    def stop_what_if(self) -> None:
        self.what_if = None
        self.what_if_rec = None
        self.query_one("#what-if").display = False
        self.refresh_view()
        self.query_one("#results-scroll").focus()

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
        self._rank_what_if()

    def _rank_what_if(self) -> None:
        assert self.session is not None and self.what_if is not None
        copy = self.session.project.model_copy(deep=True)
        copy.stakeholders = [Stakeholder(id="what_if", name="What-if")]
        copy.weights = {"what_if": StakeholderWeights(
            method="points", points={k: v * 100 for k, v in self.what_if.items()})}
        self.what_if_rec = advice.advise(self.session.catalog, copy, n_samples=0,
                                         today=self.session.today)
        names = {g.id: g.name for g in self.session.catalog.library.groups}
        table = self.query_one("#what-if-table", DataTable)
        row = table.cursor_row
        table.clear()
        self._groups = list(self.what_if)
        for gid in self._groups:
            weight = self.what_if[gid]
            table.add_row(Text(names.get(gid, gid)), bar(weight, 16, "yellow"), pct1(weight))
        table.move_cursor(row=row)
        self.refresh_view()

    @on(DataTable.RowHighlighted, "#what-if-table")
    def _noop(self) -> None:
        pass
