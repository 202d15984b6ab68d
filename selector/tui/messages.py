"""Messages that widgets and steps send up ("attributes down, messages up"), and the ranking
the workspace hands down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from selector.domain.recommendation import Recommendation


@dataclass
class ProjectChanged(Message):
    """A step edited the project: save it (debounced), re-rank, refresh the step indicator."""

    what: str = ""
    weights: bool = False


@dataclass
class GoToStep(Message):
    """Ask the workspace to show step `number` (1..9)."""

    number: int


@dataclass
class SaveNow(Message):
    """Save now, before something that reads the file (export)."""


@dataclass
class Exported(Message):
    """The recommendation was written: step 9 is complete."""


@dataclass(frozen=True)
class Ranking:
    """The latest result, and whether a newer one is on its way, so no view shows an old
    result as if it were current."""

    recommendation: Recommendation | None = None
    error: str = ""
    updating: bool = False
    """The project changed and the new ranking is being computed."""
    sampling: bool = False
    """The chance of first place (10,000 samples) is being computed."""
