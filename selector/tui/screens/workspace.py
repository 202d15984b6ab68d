"""The workspace: the step indicator, the nine steps, and the bookkeeping behind every edit.

Steps edit the project and post `ProjectChanged`; the workspace then (1) writes the recovery
copy, (2) re-ranks at once with `n_samples=0` so the views update within a frame, (3) schedules
the debounced save and (4) schedules the full robustness run in a worker thread.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import ContentSwitcher, DataTable, Footer, Header, Tree

from selector.catalog import FileError
from selector.domain.recommendation import Recommendation
from selector.tui import advice
from selector.tui.messages import GoToStep, ProjectChanged
from selector.tui.progress import step_complete
from selector.tui.session import Session
from selector.tui.steps.base import Step
from selector.tui.steps.candidates import CandidatesStep
from selector.tui.steps.context import ContextStep
from selector.tui.steps.export import ExportStep
from selector.tui.steps.needs import NeedsStep
from selector.tui.steps.readiness import ReadinessStep
from selector.tui.steps.results import ResultsStep
from selector.tui.steps.scores import ScoresStep
from selector.tui.steps.team import TeamStep
from selector.tui.steps.weights import WeightsStep
from selector.tui.widgets.step_bar import StepBar

STEPS: tuple[type[Step], ...] = (
    TeamStep, ContextStep, NeedsStep, WeightsStep, CandidatesStep, ScoresStep, ResultsStep,
    ReadinessStep, ExportStep,
)


class WorkspaceScreen(Screen[None]):
    """One open project. Holds the latest recommendation and hands it down to the steps."""

    BINDINGS = [
        Binding("left_square_bracket", "previous_step", "Prev", key_display="["),
        Binding("right_square_bracket", "next_step", "Next", key_display="]"),
        *[Binding(str(n), f"goto({n})", f"Step {n}", show=False) for n in range(1, 10)],
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+e", "export", "Export", show=False),
        Binding("escape", "leave_field", "Leave field", show=False),
    ]

    def __init__(self, session: Session, *, n_samples: int = 10_000,
                 autosave_delay: float = 1.0, sample_delay: float = 1.5) -> None:
        super().__init__(id="workspace")
        self.session = session
        self.n_samples = n_samples
        self.autosave_delay = autosave_delay
        self.sample_delay = sample_delay
        self.recommendation: Recommendation | None = None
        self.sampled: Recommendation | None = None
        self.advisor_error = ""
        self.exported = False
        self._save_timer: Timer | None = None
        self._sample_timer: Timer | None = None
        self.current = 1

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield StepBar([s.short for s in STEPS], id="step-bar")
        with ContentSwitcher(initial="step-1", id="steps"):
            for step in STEPS:
                yield step()
        # Compact, without the palette key (Ctrl+P still opens it): every key fits at 80.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "CRM Selector"
        self.sub_title = self._subtitle()
        self.rerank()
        for step in self.query(Step):
            step.bind_session(self.session, self.recommendation)
        self.goto(1)
        self._schedule_sampling(0.2)

    def _subtitle(self) -> str:
        name = self.session.project.name or self.session.path.stem
        tour = " (guided tour: a copy of the example)" if self.session.tour else ""
        return f"{name} · {self.session.path.name}{tour}"

    # ----------------------------------------------------------------- steps
    def step(self, number: int) -> Step:
        return self.query_one(f"#step-{number}", Step)

    def goto(self, number: int) -> None:
        number = max(1, min(len(STEPS), number))
        self.current = number
        self.query_one(ContentSwitcher).current = f"step-{number}"
        bar = self.query_one(StepBar)
        bar.current = number
        self._refresh_progress()
        step = self.step(number)
        step.set_recommendation(self.best_recommendation())
        step.entered()
        self.call_after_refresh(self._focus_step, step)

    def _focus_step(self, step: Step) -> None:
        def shown(widget) -> bool:  # noqa: ANN001
            node = widget
            while node is not None and node is not step:
                if not node.display:
                    return False
                node = node.parent
            return True

        # The step's own choice, else its first list, table or scrolling text: their keys are the
        # step's keys, and digits still change step there (in a text field they would be typed;
        # Tab reaches the fields). Never the tab strip of a TabbedContent: ←/→ there switch
        # tabs, which surprises anyone who expected them to act on the list below.
        if step.initial_focus:
            step.query_one(step.initial_focus).focus()
            return
        lists = [w for w in step.query("*") if w.focusable and shown(w)
                 and isinstance(w, DataTable | Tree | VerticalScroll)]
        if lists:
            lists[0].focus()
        else:
            step.focus()

    def action_leave_field(self) -> None:
        """Esc leaves a text field or other input: the step keys (1–9, [, ], …) work again.

        Lists and tables keep their focus: their keys are the step keys already.
        """
        focused = self.focused
        if focused is None or isinstance(focused, Step | DataTable | Tree):
            return
        step = self.step(self.current)
        if isinstance(focused, Widget) and step in focused.ancestors:
            step.focus()

    def action_goto(self, number: int) -> None:
        self.goto(number)

    def action_next_step(self) -> None:
        self.goto(self.current + 1)

    def action_previous_step(self) -> None:
        self.goto(self.current - 1)

    @on(StepBar.Selected)
    def _bar(self, event: StepBar.Selected) -> None:
        self.goto(event.number)

    @on(GoToStep)
    def _go(self, event: GoToStep) -> None:
        self.goto(event.number)

    def _refresh_progress(self) -> None:
        rec = self.recommendation
        done = {
            n for n in range(1, len(STEPS) + 1)
            if step_complete(n, self.session, rec, self.exported)
        }
        self.query_one(StepBar).complete = frozenset(done)

    # ----------------------------------------------------------------- ranking
    def best_recommendation(self) -> Recommendation | None:
        """The sampled result when it is for the current project, else the fast one."""
        return self.sampled or self.recommendation

    def rerank(self) -> None:
        """Re-rank at once without sampling: this is what keeps views live after each edit."""
        try:
            self.recommendation = advice.advise(
                self.session.catalog, self.session.project, n_samples=0, today=self.session.today)
            self.advisor_error = ""
        except ImportError:
            self.recommendation = None
            self.advisor_error = "The advisor is not installed yet; results will show once it is."
        except Exception as exc:  # noqa: BLE001 - a bug in ranking must not take the UI down
            self.recommendation = None
            self.advisor_error = f"The advisor failed: {exc}"
        self.sampled = None

    def _schedule_sampling(self, delay: float | None = None) -> None:
        if self.n_samples <= 0:
            return
        if self._sample_timer is not None:
            self._sample_timer.stop()
        self._sample_timer = self.set_timer(
            self.sample_delay if delay is None else delay, self._start_sampling)

    def _start_sampling(self) -> None:
        self._sample(self.session.project.model_copy(deep=True))

    @work(thread=True, exclusive=True, group="sampling")
    def _sample(self, project) -> None:  # noqa: ANN001 - a private copy of the Project
        """The full robustness run (probabilities of first place) on a copy of the project."""
        try:
            rec = advice.advise(self.session.catalog, project, n_samples=self.n_samples,
                                today=self.session.today)
        except Exception:  # noqa: BLE001 - the fast result stays on screen
            return
        self.app.call_from_thread(self._sampled, project, rec)

    def _sampled(self, project, rec: Recommendation) -> None:  # noqa: ANN001
        if project != self.session.project:
            return  # the team changed something meanwhile; a newer run is scheduled
        self.sampled = rec
        step = self.step(self.current)
        step.set_recommendation(rec)
        if self.current in (7,):
            step.refresh_view()

    # ----------------------------------------------------------------- editing and saving
    @on(ProjectChanged)
    def _changed(self, event: ProjectChanged) -> None:
        event.stop()
        session = self.session
        if event.weights:
            session.project.history.weights_changed_at = session.now()
        session.dirty = True
        try:
            session.write_recovery()
        except FileError as exc:
            self.app.notify(str(exc), title="Recovery copy not written", severity="warning",
                            markup=False)
        self.rerank()
        step = self.step(self.current)
        step.set_recommendation(self.recommendation)
        self._refresh_progress()
        self.sub_title = self._subtitle()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.autosave_delay, self.autosave)
        self._schedule_sampling()

    def autosave(self) -> bool:
        """Save now if anything is unsaved; say why when it cannot (nothing is lost)."""
        if not self.session.dirty:
            return True
        try:
            self.session.save()
        except FileError as exc:
            self.app.notify(
                Text(f"{exc}\nYour work is kept in the recovery copy.").plain,
                title="Not saved", severity="error", markup=False, timeout=8)
            return False
        return True

    def action_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        if self.session.dirty:
            if self.autosave():
                self.app.notify(f"Saved {self.session.path.name}", markup=False)
        else:
            self.app.notify("Nothing to save: every change is saved already.", markup=False)

    def action_export(self) -> None:
        self.goto(9)
        export = self.step(9)
        export.start_export()  # type: ignore[attr-defined]

    def mark_exported(self) -> None:
        self.exported = True
        self._refresh_progress()
