"""Messages that steps send up to the workspace ("attributes down, messages up")."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class ProjectChanged(Message):
    """A step edited the project: save it (debounced), re-rank, refresh the step indicator."""

    what: str = ""
    weights: bool = False


@dataclass
class GoToStep(Message):
    """Ask the workspace to show step `number` (1..9)."""

    number: int
