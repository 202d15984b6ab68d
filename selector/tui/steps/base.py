"""What every step shares: the session it edits and the latest recommendation it renders."""

from __future__ import annotations

from typing import ClassVar

from textual.containers import Vertical

from selector.domain.recommendation import Recommendation
from selector.tui.messages import ProjectChanged
from selector.tui.session import Session


class Step(Vertical, can_focus=True):
    """A step of the walk-through. The workspace hands it the session and the recommendation;
    the step edits the project in place and posts `ProjectChanged`, never saving itself.

    The step itself can hold focus: Esc in a field moves focus here, so typing stops and the
    footer shows the step's keys.
    """

    number: ClassVar[int] = 0
    title: ClassVar[str] = ""
    short: ClassVar[str] = ""
    help_text: ClassVar[str] = ""
    initial_focus: ClassVar[str] = ""  # a selector; else the first list, table or the step

    def __init__(self) -> None:
        super().__init__(id=f"step-{self.number}", classes="step")
        self.session: Session | None = None
        self.recommendation: Recommendation | None = None

    def bind_session(self, session: Session, recommendation: Recommendation | None) -> None:
        self.session = session
        self.recommendation = recommendation
        if self.is_mounted:
            self.refresh_view()

    def set_recommendation(self, recommendation: Recommendation | None) -> None:
        """A new ranking arrived; steps that show results redraw, editors keep their focus."""
        self.recommendation = recommendation

    def entered(self) -> None:
        """The team moved to this step."""
        self.refresh_view()

    def refresh_view(self) -> None:
        """Redraw from the session; called when entered and after outside changes."""

    def changed(self, what: str = "", *, weights: bool = False) -> None:
        self.post_message(ProjectChanged(what, weights))
