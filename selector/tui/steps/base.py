"""What every step shares: the session it edits and the latest ranking it renders."""

from __future__ import annotations

import contextlib
from typing import ClassVar

from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import DataTable, Input, SelectionList, Tree

from selector.domain.recommendation import Recommendation
from selector.tui.messages import ProjectChanged, Ranking
from selector.tui.session import Session
from selector.tui.steps.registry import StepInfo, step_info


class Step(Vertical, can_focus=True):
    """A step of the walk-through, built when the team first opens it, with the session it
    edits. The step edits the project in place and posts `ProjectChanged`, never saving itself;
    the workspace hands it each new `Ranking`.

    The step itself can hold focus: Esc in a field moves focus back to the step's main list (or
    the step), so typing stops and the footer shows the step's keys.
    """

    number: ClassVar[int] = 0
    initial_focus: ClassVar[str] = ""  # a selector; else the first list, table or the step
    focus_names: ClassVar[dict[str, str]] = {}
    """What the focus line calls a widget of this step, by id (e.g. "the criteria tree")."""

    def __init__(self, session: Session, ranking: Ranking | None = None) -> None:
        super().__init__(id=self.info().widget_id, classes="step")
        self.session = session
        self.ranking = ranking or Ranking()

    @classmethod
    def info(cls) -> StepInfo:
        return step_info(cls.number)

    @property
    def recommendation(self) -> Recommendation | None:
        return self.ranking.recommendation

    def on_mount(self) -> None:
        try:
            self.mounted()
            self.refresh_view()
        except NoMatches:
            if self._torn_down():
                return  # the app closed while the step was being built (in the background)
            raise
        if self.display:  # built to be shown now, not ahead of time in the background
            self.entered()
            self.call_after_refresh(self.focus_default)

    def _torn_down(self) -> bool:
        # Closing a screen (or the app, which need not go through `exit`) marks each of its
        # widgets as pruned, then removes them: a step built in the background can mount while
        # its own children are already gone.
        return self.app._exit or not self.is_attached or self._pruning or self._closing

    def mounted(self) -> None:
        """The step's widgets exist: set up what compose cannot (table columns …)."""

    def set_ranking(self, ranking: Ranking) -> None:
        """A new ranking arrived; steps that show results redraw, editors keep their focus."""
        self.ranking = ranking

    def entered(self) -> None:
        """The team moved to this step (also right after it is built)."""

    def left(self) -> None:
        """The team moved to another step."""

    def refresh_view(self) -> None:
        """Redraw from the session; called when built, entered and after outside changes."""

    def changed(self, what: str = "", *, weights: bool = False) -> None:
        self.post_message(ProjectChanged(what, weights))

    # ----------------------------------------------------------------- focus
    def main_widget(self):  # noqa: ANN201 - a widget of the step, or the step
        """Where focus goes on entering the step and on Esc from a field: the step's own
        choice, else its first shown list, table or scrolling text (their keys are the step's
        keys; digits still change step there), else the step itself. Never a text field, and
        never the tab strip of a TabbedContent (←/→ there switch tabs)."""
        if self.initial_focus:
            return self.query_one(self.initial_focus)
        for widget in self.query("*"):
            if widget.focusable and _shown(widget, self) and \
                    isinstance(widget, DataTable | Tree | VerticalScroll | SelectionList):
                return widget
        return self

    def focus_default(self) -> None:
        if not self.is_mounted or not self.display:
            return
        with contextlib.suppress(NoMatches):  # not composed yet: on_mount focuses it
            self.main_widget().focus()

    def leave_field(self) -> None:
        """Esc: from a field back to the step's main list (from the list to the step)."""
        main = self.main_widget()
        focused = self.screen.focused
        if isinstance(focused, Input) or focused is not main:
            main.focus()
        else:
            self.focus()


def _shown(widget, step: Step) -> bool:  # noqa: ANN001
    """Whether `widget` is displayed inside `step` (not in a hidden tab or panel)."""
    node = widget
    while node is not None and node is not step:
        if not node.display:
            return False
        node = node.parent
    return True
