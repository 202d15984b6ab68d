"""Step 8 · Readiness: the checklist of what must be in place, and the risks and actions.

The items come from the catalog (each rests on a source document); the advisor turns the answers
into a readiness level, the risks of the open items and the actions, which this step shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Static

from selector.tui import advice
from selector.tui.linked import follow
from selector.tui.messages import Ranking
from selector.tui.steps.base import Step
from selector.tui.text import lit
from selector.tui.widgets.fit_table import FitTable

ANSWERS = (("yes", "Yes", "green"), ("partly", "Partly", "yellow"), ("no", "No", "red"),
           ("unknown", "Unknown", "dim"))
STYLE = {a: s for a, _, s in ANSWERS}


class ChecklistTable(FitTable):
    BINDINGS = [
        Binding("y", "answer('yes')", "Yes"),
        Binding("p", "answer('partly')", "Partly"),
        Binding("n", "answer('no')", "No"),
        Binding("u", "answer('unknown')", "Unknown"),
    ]

    @dataclass
    class Answer(Message):
        row: int
        answer: str

    def action_answer(self, answer: str) -> None:
        self.post_message(self.Answer(self.cursor_row, answer))


class ReadinessStep(Step):
    number = 8
    focus_names: ClassVar[dict[str, str]] = {"checklist": "the readiness checklist"}

    def compose(self) -> ComposeResult:
        yield Static(Text("8 · Readiness: what must be in place for the project not to fail",
                          style="bold"), classes="step-title")
        yield ChecklistTable(cursor_type="row", id="checklist", fit=(7, 1.0))
        with Horizontal(id="answer-buttons"):
            for value, label, _ in ANSWERS:
                yield Button(label, id=f"ans-{value}", classes="mini", compact=True)
        with VerticalScroll(id="readiness-detail"):
            yield Static("", id="item-detail")
            yield Static("", id="readiness-summary")

    def mounted(self) -> None:
        self.query_one("#checklist", DataTable).add_columns("Answer", "Item")

    def refresh_view(self) -> None:
        answers = self.session.project.readiness
        table = self.query_one("#checklist", DataTable)
        row = table.cursor_row
        table.clear()
        for item in self.session.catalog.questionnaire.readiness:
            answer = answers.get(item.id, "unknown")
            table.add_row(Text(answer, style=STYLE[answer]), lit(item.text))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._detail(table.cursor_row)
        self._summary()

    def _detail(self, row: int) -> None:
        items = self.session.catalog.questionnaire.readiness
        widget = self.query_one("#item-detail", Static)
        if not 0 <= row < len(items):
            widget.update(Text("The catalog has no readiness checklist.", style="dim"))
            return
        item = items[row]
        t = Text()
        t.append_text(lit(item.text, "bold"))
        t.append("\nWhy: ", style="bold")
        t.append_text(lit(item.why))
        t.append("\nRisk if not: ", style="bold red")
        t.append_text(lit(item.risk))
        t.append("\nAction: ", style="bold green")
        t.append_text(lit(item.action))
        if item.owner:
            t.append("  (usually: ")
            t.append_text(lit(item.owner))
            t.append(")")
        t.append("\n")
        t.append(f"Source: {advice.cite(item.source)}   y/p/n/u answers\n", style="dim")
        widget.update(t)

    def _summary(self) -> None:
        rec = self.recommendation
        widget = self.query_one("#readiness-summary", Static)
        if rec is None:
            widget.update("")
            return
        r = rec.readiness
        style = {"ready": "bold green", "needs work": "bold yellow"}.get(r.level, "bold red")
        t = Text()
        t.append("\nReadiness: ", style="bold")
        t.append(f"{r.level} ({r.score:.0f}/100)\n", style=style)
        if r.actions:
            t.append("Open items, most important first: the risk, and what to do (who)\n",
                     style="bold underline")
            for check in r.actions[:8]:
                t.append("• ")
                t.append_text(lit(check.text, "bold"))
                t.append("\n  Risk: ", style="red")
                t.append_text(lit(check.risk))
                t.append("\n  Action: ", style="green")
                t.append_text(lit(check.action))
                if check.owner:
                    t.append("  (")
                    t.append_text(lit(check.owner, "bold"))
                    t.append(")")
                t.append("\n")
            if len(r.actions) > 8:
                t.append(f"… and {len(r.actions) - 8} more open items in the report.\n",
                         style="dim")
        widget.update(t)

    def set_ranking(self, ranking: Ranking) -> None:
        super().set_ranking(ranking)
        if self.is_mounted:
            self._summary()

    @on(ChecklistTable.Answer)
    def _answer_key(self, event: ChecklistTable.Answer) -> None:
        self.answer(event.row, event.answer)

    @on(DataTable.RowHighlighted, "#checklist")
    def _highlight(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        table = self.query_one("#checklist", DataTable)
        self.answer(table.cursor_row, (event.button.id or "ans-unknown").removeprefix("ans-"))

    def answer(self, row: int, answer: str) -> None:
        items = self.session.catalog.questionnaire.readiness
        if not 0 <= row < len(items):
            return
        p = self.session.project
        item_id = items[row].id
        if p.readiness.get(item_id) == answer:
            return
        p.readiness = {**p.readiness, item_id: answer}  # type: ignore[dict-item]
        follow(p, self.session.catalog, f"readiness:{item_id}")
        self.changed(f"readiness {item_id}")
        self.refresh_view()
        table = self.query_one("#checklist", DataTable)
        if row + 1 < table.row_count:
            table.move_cursor(row=row + 1)
