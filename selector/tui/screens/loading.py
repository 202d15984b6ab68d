"""A modal 'working…' overlay for blocking work that runs in a worker thread."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, Static


class LoadingScreen(ModalScreen[None]):
    """Shown while a project and its catalog load; the screen keeps repainting meanwhile."""

    def __init__(self, message: str) -> None:
        super().__init__(classes="form-screen")
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog loading"):
            yield Static(Text(self.message))
            yield LoadingIndicator()
