"""Step 4 · Weights per stakeholder: points with a live bar view, or pairwise comparisons.

Every weight shown comes from the advisor's `stakeholder_view`; pairwise mode asks the pair
`next_pair` proposes, so the team answers only as many questions as needed. Locking the weights
before anyone looks at scores records that the weights were not bent to fit a favourite.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import Button, DataTable, RadioButton, RadioSet, Select, Static

from selector.domain import Judgment, StakeholderWeights
from selector.tui import advice
from selector.tui.messages import Ranking
from selector.tui.session import Session
from selector.tui.steps.base import Step
from selector.tui.text import bar, distinct_names, lit, pct
from selector.tui.widgets.fit_table import FitTable
from selector.tui.widgets.form import FormField, FormScreen
from selector.tui.widgets.validation import InRange

SCALE = ((9.0, "◀9×"), (7.0, "◀7×"), (5.0, "◀5×"), (3.0, "◀3×"), (1.0, "equal"),
         (1 / 3, "3×▶"), (1 / 5, "5×▶"), (1 / 7, "7×▶"), (1 / 9, "9×▶"))
STEP_POINTS = 5.0
WHO_WIDTH = 32
"""Cells for a name in the stakeholder picker (longer ones end in "…", never wrap)."""


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class PointsTable(FitTable):
    """Groups with points; +/- (or →/←) change the highlighted group's points by 5."""

    BINDINGS = [
        Binding("plus,right,equals_sign", "nudge(1)", "+5"),
        Binding("minus,left", "nudge(-1)", "−5"),
        Binding("enter", "type_points", "Type points", show=False),
    ]

    @dataclass
    class Nudge(Message):
        row: int
        points: float

    @dataclass
    class TypePoints(Message):
        row: int

    def action_nudge(self, sign: int) -> None:
        self.post_message(self.Nudge(self.cursor_row, sign * STEP_POINTS))

    def action_type_points(self) -> None:
        self.post_message(self.TypePoints(self.cursor_row))


class JudgmentTable(FitTable):
    BINDINGS = [Binding("d,delete", "forget", "Delete judgment")]

    @dataclass
    class Forget(Message):
        row: int

    def action_forget(self) -> None:
        self.post_message(self.Forget(self.cursor_row))


class ScaleButtons(Horizontal):
    """The nine intensities of a pairwise answer; ←/→ move between them, Enter answers."""

    DEFAULT_CSS = """
    ScaleButtons { height: 1; margin: 1 0; }
    ScaleButtons Button { margin: 0 1 0 0; }
    """
    BINDINGS = [Binding("left", "move(-1)", "Left", show=False),
                Binding("right", "move(1)", "Right", show=False)]

    def action_move(self, step: int) -> None:
        buttons = list(self.query(Button))
        focused = self.screen.focused
        index = buttons.index(focused) if focused in buttons else 4
        buttons[max(0, min(len(buttons) - 1, index + step))].focus()


class WeightsStep(Step):
    number = 4
    focus_names: ClassVar[dict[str, str]] = {
        "points": "the points per criteria group", "who": "whose weights",
        "method": "points or pairwise", "pair-buttons": "the answer to the comparison",
        "judgments": "the comparisons made so far", "lock": "the lock button"}

    BINDINGS = [Binding("l", "lock", "Lock"), Binding("m", "method", "Points/pairwise")]

    def __init__(self, session: Session, ranking: Ranking | None = None) -> None:
        super().__init__(session, ranking)
        self.stakeholder_id: str | None = None
        self._loading = False
        self._rows: list[str] = []
        self._who_options: list = []
        self._revisit_pair: tuple[str, str] | None = None
        """A judgment the team chose to answer again (Enter in the list of judgments)."""
        self._asked_pair: tuple[str, str] | None = None
        """The pair the question shows: the revisited one, else the advisor's next pair."""

    def compose(self) -> ComposeResult:
        yield Static(Text("4 · Weights per stakeholder", style="bold"), classes="step-title")
        with Horizontal(id="weights-head"):
            yield Select([], prompt="stakeholder", id="who", allow_blank=True, compact=True)
            with RadioSet(id="method"):
                yield RadioButton("Points", id="method-points")
                yield RadioButton("Pairwise", id="method-pairwise")
            yield Button("Lock weights", id="lock", classes="mini", compact=True)
        yield Static("", id="lock-status", classes="muted")
        yield Static("", id="weights-empty", classes="muted")
        with Vertical(id="points-view"):
            yield PointsTable(cursor_type="row", id="points", fit=(1.0, 6, 20, 4))
            yield Static(Text("+/→ add 5 points · −/← remove 5 · Enter type a number. Weights "
                              "are each group's share of the points."), classes="muted")
        with Vertical(id="pairwise-view"):
            yield Static("", id="pair-question")
            with ScaleButtons(id="pair-buttons"):
                for i, (_, label) in enumerate(SCALE):
                    yield Button(label, id=f"pair-{i}", classes="mini pair", compact=True)
            yield Static("", id="pair-cr")
            yield Static("", id="pair-revisit", classes="warning-text")
            with Horizontal(classes="columns"):
                yield JudgmentTable(cursor_type="row", id="judgments", fit=(1.0, 10))
                yield Static("", id="pair-weights")

    def mounted(self) -> None:
        self.query_one("#points", DataTable).add_columns("Group", "Points", "Weight", "")
        self.query_one("#judgments", DataTable).add_columns("Judgment", "")

    # ----------------------------------------------------------------- helpers
    def _weights(self) -> StakeholderWeights:
        assert self.stakeholder_id is not None
        return self.session.project.weights.get(self.stakeholder_id) or StakeholderWeights()

    def _store(self, weights: StakeholderWeights) -> None:
        assert self.stakeholder_id is not None
        p = self.session.project
        p.weights = {**p.weights, self.stakeholder_id: weights}
        self.changed("weights", weights=True)
        self.refresh_view()

    def _group_names(self) -> dict[str, str]:
        return {g.id: g.name for g in self.session.catalog.library.groups}

    # ----------------------------------------------------------------- view
    def refresh_view(self) -> None:
        p = self.session.project
        self._loading = True
        who = self.query_one("#who", Select)
        labels = distinct_names(p.stakeholders)
        options = [(lit(_fit(labels[s.id] if labels[s.id] != s.name or not s.department
                             else f"{s.name} ({s.department})", WHO_WIDTH)), s.id)
                   for s in p.stakeholders]
        if options != self._who_options:  # rebuilding the picker on every key costs a frame
            who.set_options(options)
            self._who_options = options
        ids = [s.id for s in p.stakeholders]
        if self.stakeholder_id not in ids:
            self.stakeholder_id = ids[0] if ids else None
        if self.stakeholder_id is not None and who.value != self.stakeholder_id:
            who.value = self.stakeholder_id
        has = self.stakeholder_id is not None
        for wid in ("#who", "#method", "#points-view", "#pairwise-view"):
            self.query_one(wid).display = has
        self.query_one("#weights-empty", Static).update(
            "" if has else Text("Add stakeholders in step 1 first: each one weights the "
                                "criteria groups."))
        self._lock_status()
        if has:
            method = self._weights().method
            self.query_one(f"#method-{method}", RadioButton).value = True
            self.query_one("#points-view").display = method == "points"
            self.query_one("#pairwise-view").display = method == "pairwise"
            if method == "points":
                self._fill_points()
            else:
                self._fill_pairwise()
        self.call_after_refresh(self._loaded)

    def _loaded(self) -> None:
        self._loading = False

    def _lock_status(self) -> None:
        h = self.session.project.history
        button = self.query_one("#lock", Button)
        if h.weights_locked_at is None:
            button.label = "Lock weights"
            text = Text("Not locked. Lock the weights (l) before looking at scores in step 6: "
                        "it shows the weights were not bent to fit a favourite.")
        else:
            button.label = "Unlock"
            text = Text(f"Locked on {h.weights_locked_at:%Y-%m-%d %H:%M} UTC.", style="green")
            if h.weights_changed_at and h.weights_changed_at > h.weights_locked_at:
                text.append("  Weights changed after locking; the report will say so.",
                            style="bold yellow")
        rec = self.recommendation
        if rec is not None and rec.group_view.left_out:
            text.append("\nNot weighted yet, so left out of the result: ", style="bold yellow")
            text.append_text(lit(", ".join(rec.group_view.left_out)))
        self.query_one("#lock-status", Static).update(text)

    def _fill_points(self) -> None:
        assert self.stakeholder_id is not None
        view = advice.stakeholder_view(self.session.catalog, self.session.project,
                                       self.stakeholder_id)
        points = self._weights().points
        table = self.query_one("#points", DataTable)
        groups = self.session.catalog.library.groups
        rows = [(lit(g.name), f"{points.get(g.id, 0.0):g}",
                 bar(view.group_weights.get(g.id, 0.0), 20, "green"),
                 pct(view.group_weights.get(g.id, 0.0))) for g in groups]
        if self._rows == [g.id for g in groups] and table.row_count == len(rows):
            # same groups: change only the cells that changed (a redraw of the whole table
            # costs more than the key press is worth)
            for r, cells in enumerate(rows):
                for c, cell in enumerate(cells[1:], start=1):
                    if str(table.get_cell_at(Coordinate(r, c))) != str(cell):
                        table.update_cell_at(Coordinate(r, c), cell)
            return
        row = table.cursor_row
        table.clear()
        for cells in rows:
            table.add_row(*cells)
        self._rows = [g.id for g in groups]
        table.move_cursor(row=row)

    def _fill_pairwise(self) -> None:
        assert self.stakeholder_id is not None
        names = self._group_names()
        catalog, project = self.session.catalog, self.session.project
        view = advice.stakeholder_view(catalog, project, self.stakeholder_id)
        pair = advice.next_pair(catalog, project, self.stakeholder_id)
        question = self.query_one("#pair-question", Static)
        buttons = self.query_one("#pair-buttons")
        self._asked_pair = self._revisit_pair or pair
        buttons.display = self._asked_pair is not None
        if self._asked_pair is None:
            question.update(Text("Enough comparisons: every group's weight is determined. "
                                 "Select a judgment below (Enter) to answer it again.",
                                 style="green"))
        else:
            a, b = self._asked_pair
            again = "Answer again: " if self._revisit_pair else ""
            question.update(Text.assemble(
                (again, "bold yellow"), "How much more important is ", (names[a], "bold cyan"),
                " (left) than ", (names[b], "bold magenta"), " (right)? ",
                ("←/→ choose, Enter answers: left more important · equal · right more "
                 "important", "dim")))
        cr = view.consistency_ratio
        limit = view.consistency_threshold
        if cr is None:
            cr_text = Text("Consistency ratio: shown once an answer can be checked against the "
                           "others (one comparison more than it takes to connect the groups).",
                           style="dim")
        else:
            style = "green" if view.consistent else "bold yellow"
            cr_text = Text.assemble("Consistency ratio: ", (f"{cr:.2f}", style),
                                    (f" (≤ {limit:.2f} is consistent; "
                                     f"{view.consistency_basis})", "dim"))
        self.query_one("#pair-cr", Static).update(cr_text)
        revisit = Text()
        if view.revisions:
            revisit.append("To reconsider (Enter on a judgment below answers it again): ",
                           style="bold")
            revisit.append_text(lit(" · ".join(r.text for r in view.revisions)))
        self.query_one("#pair-revisit", Static).update(revisit)
        flagged = {frozenset((r.a, r.b)) for r in view.revisions}
        table = self.query_one("#judgments", DataTable)
        table.clear()
        for j in self._weights().judgments:
            a, b = names.get(j.a, j.a), names.get(j.b, j.b)
            words = f"{a} {j.value:g}× {b}" if j.value >= 1 else f"{b} {1 / j.value:.0f}× {a}"
            mark = frozenset((j.a, j.b)) in flagged
            table.add_row(lit(words, "bold yellow" if mark else ""),
                          Text("reconsider" if mark else "", style="bold yellow"))
        lines = Text()
        for gid, weight in sorted(view.group_weights.items(), key=lambda kv: -kv[1]):
            lines.append(bar(weight, 10, "green"))
            lines.append(f" {pct(weight):>4} ")
            lines.append_text(lit(names.get(gid, gid)))
            lines.append("\n")
        if not view.group_weights:
            lines = Text("Weights appear once the answers connect every group.", style="dim")
        self.query_one("#pair-weights", Static).update(lines)

    # ----------------------------------------------------------------- edits
    @on(Select.Changed, "#who")
    def _who(self, event: Select.Changed) -> None:
        if self._loading or event.select.is_blank():
            return
        self.stakeholder_id = str(event.value)
        self._revisit_pair = None
        self.refresh_view()
        self.call_after_refresh(self.focus_default)  # their points or comparison, at once

    @on(RadioSet.Changed, "#method")
    def _method(self, event: RadioSet.Changed) -> None:
        if self._loading or self.stakeholder_id is None:
            return
        method = (event.pressed.id or "").removeprefix("method-")
        current = self._weights()
        if current.method != method:
            self._revisit_pair = None
            self._store(current.model_copy(update={"method": method}))

    def action_method(self) -> None:
        if self.stakeholder_id is None:
            return
        current = self._weights()
        method = "pairwise" if current.method == "points" else "points"
        self._revisit_pair = None
        self._store(current.model_copy(update={"method": method}))

    def set_ranking(self, ranking: Ranking) -> None:
        super().set_ranking(ranking)
        if self.is_mounted:
            self._lock_status()  # "changed after locking" appears once the change is recorded

    @on(PointsTable.Nudge)
    def _nudge(self, event: PointsTable.Nudge) -> None:
        self.nudge(event.row, event.points)

    @on(PointsTable.TypePoints)
    def _type(self, event: PointsTable.TypePoints) -> None:
        self.type_points(event.row)

    @on(JudgmentTable.Forget)
    def _forget(self, event: JudgmentTable.Forget) -> None:
        self.forget(event.row)

    def main_widget(self):  # noqa: ANN201 - the widget the team works with
        """Points: the points table, so +/- work at once; pairwise: the answer buttons."""
        if self.stakeholder_id is None:
            return self
        if self._weights().method == "points":
            return self.query_one("#points")
        if self._asked_pair is not None:
            return self.query_one("#pair-4")
        return self.query_one("#judgments")

    def nudge(self, row: int, delta: float) -> None:
        if self.stakeholder_id is None or not 0 <= row < len(self._rows):
            return
        weights = self._weights()
        gid = self._rows[row]
        points = dict(weights.points)
        points[gid] = max(0.0, points.get(gid, 0.0) + delta)
        self._store(StakeholderWeights(method="points", points=points,
                                       judgments=weights.judgments))

    def type_points(self, row: int) -> None:
        if self.stakeholder_id is None or not 0 <= row < len(self._rows):
            return
        gid = self._rows[row]
        weights = self._weights()
        name = self._group_names()[gid]

        def done(values: dict[str, object] | None) -> None:
            if values:
                points = {**weights.points, gid: float(str(values["points"]))}
                self._store(StakeholderWeights(method="points", points=points,
                                               judgments=weights.judgments))

        self.app.push_screen(FormScreen(
            f"Points for {name}", [FormField(
                "points", "Points (0 = does not matter)",
                f"{weights.points.get(gid, 0.0):g}", required=True, input_type="number",
                validators=[InRange(0, 1000)])]), done)

    @on(Button.Pressed, ".pair")
    def _answer(self, event: Button.Pressed) -> None:
        event.stop()
        if self.stakeholder_id is None or self._asked_pair is None:
            return
        value = SCALE[int((event.button.id or "pair-4").removeprefix("pair-"))][0]
        a, b = self._asked_pair
        weights = self._weights()
        judgments = [j for j in weights.judgments if {j.a, j.b} != {a, b}]
        judgments.append(Judgment(a=a, b=b, value=value))
        self._revisit_pair = None
        self._store(StakeholderWeights(method="pairwise", points=weights.points,
                                       judgments=judgments))
        self.call_after_refresh(self.focus_default)

    @on(DataTable.RowSelected, "#judgments")
    def _revisit(self, event: DataTable.RowSelected) -> None:
        judgments = self._weights().judgments
        if 0 <= event.cursor_row < len(judgments):
            j = judgments[event.cursor_row]
            self._revisit_pair = (j.a, j.b)
            self._fill_pairwise()
            self.query_one("#pair-4", Button).focus()

    def forget(self, row: int) -> None:
        weights = self._weights()
        if 0 <= row < len(weights.judgments):
            judgments = [j for i, j in enumerate(weights.judgments) if i != row]
            self._store(weights.model_copy(update={"judgments": judgments}))

    @on(Button.Pressed, "#lock")
    def action_lock(self) -> None:
        h = self.session.project.history
        h.weights_locked_at = None if h.weights_locked_at else self.session.now()
        self.session.project.history = h
        self.changed("weights locked")
        self._lock_status()
