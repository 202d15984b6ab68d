"""A list of file problems (FILE:LINE: field: message), for a project that cannot be opened."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from selector.catalog import Problem


class ProblemsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter", "close", "Close")]

    def __init__(self, title: str, problems: list[Problem], advice: str = "") -> None:
        super().__init__(classes="form-screen")
        self.title_text = title
        # errors first: they are what stopped the file opening; warnings are notes
        self.problems = sorted(problems, key=lambda p: p.severity != "error")
        self.advice = advice

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            with VerticalScroll(classes="problem-list"):
                for problem in self.problems:
                    style = "red" if problem.severity == "error" else "yellow"
                    yield Static(Text(str(problem), style=style), classes="problem")
            if self.advice:
                yield Static(Text(self.advice), classes="dialog-intro")
            yield Static(Text("Esc closes."), classes="muted")

    def action_close(self) -> None:
        self.dismiss(None)
