"""The start screen: new project, a recent one, a file, or the guided tour on the example."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

INTRO = (
    "Choose a CRM in under an hour: the team names its needs and weights, the advisor ranks the "
    "kinds of solution and the vendors, and says how sure it is and why."
)


class StartScreen(Screen[None]):
    """Where every session begins. Recent projects are listed; missing ones are shown greyed."""

    BINDINGS = [
        Binding("n", "new", "New project"),
        Binding("o", "open", "Open file"),
        Binding("t", "tour", "Guided tour"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, recent: list[Path]) -> None:
        super().__init__(id="start")
        self.recent = recent

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start-body"):
            yield Static(Text("CRM Selector", style="bold"), id="start-title")
            yield Static(Text(INTRO), id="start-intro")
            with Horizontal(id="start-buttons"):
                yield Button("New project", id="new", variant="primary")
                yield Button("Open file…", id="open")
                yield Button("Guided tour", id="tour", variant="success")
            yield Static(Text("Recent projects", style="bold"), id="recent-title")
            options = [
                Option(Text(str(p), style="" if p.exists() else "dim strike"), id=str(i))
                for i, p in enumerate(self.recent)
            ]
            recent = OptionList(*options, id="recent")
            if not options:
                recent.display = False
            yield recent
            if not options:
                yield Static(Text("None yet: projects you open are listed here."),
                             id="recent-empty", classes="muted")
        yield Footer()

    @on(Button.Pressed, "#new")
    def action_new(self) -> None:
        self.app.action_new_project()  # type: ignore[attr-defined]

    @on(Button.Pressed, "#open")
    def action_open(self) -> None:
        self.app.action_open_file()  # type: ignore[attr-defined]

    @on(Button.Pressed, "#tour")
    def action_tour(self) -> None:
        self.app.action_tour()  # type: ignore[attr-defined]

    @on(OptionList.OptionSelected, "#recent")
    def _recent(self, event: OptionList.OptionSelected) -> None:
        path = self.recent[int(event.option.id or 0)]
        self.app.open_path(path)  # type: ignore[attr-defined]
