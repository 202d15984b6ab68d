"""The workspace: the step indicator, the steps, and the bookkeeping behind every edit.

Steps are built when the team first opens them, with the session. Steps edit the project and
post `ProjectChanged`; the workspace then (1) writes this window's recovery copy, (2) re-ranks
in a worker thread (the views say "updating" until the new result is there, and a result for
an older state of the project is dropped), (3) schedules the debounced save and (4) schedules
the full robustness run, also in a worker thread. The UI thread never waits on the advisor.
"""

from __future__ import annotations

import contextlib
import dataclasses
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Header

from selector.catalog import FileError
from selector.tui import advice
from selector.tui.messages import Exported, GoToStep, ProjectChanged, Ranking, SaveNow
from selector.tui.session import ChangedOnDiskError, ReadOnlyFileError, Session
from selector.tui.steps.base import Step, _shown
from selector.tui.steps.registry import STEPS, step_info
from selector.tui.text import said
from selector.tui.threads import back_to_ui
from selector.tui.widgets.focus_line import FocusLine
from selector.tui.widgets.form import Choice, ChoiceScreen
from selector.tui.widgets.step_bar import StepBar

if TYPE_CHECKING:
    from selector.domain.recommendation import Recommendation


PREBUILD_AFTER = 1.0
"""Seconds on a step before the next step is built in the background."""


class WorkspaceScreen(Screen[None]):
    """One open project. Holds the latest ranking and hands it down to the steps."""

    BINDINGS = [
        Binding("left_square_bracket", "previous_step", "Prev", key_display="["),
        Binding("right_square_bracket", "next_step", "Next", key_display="]"),
        *[Binding(str(n), f"goto({n})", f"Step {n}", show=False) for n in range(1, 10)],
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+e", "export", "Export", show=False),
        Binding("escape", "leave_field", "Leave field", show=False),
        Binding("tab", "focus_step(1)", "Next field", show=False),
        Binding("shift+tab", "focus_step(-1)", "Previous field", show=False),
    ]

    def __init__(self, session: Session, *, recommendation: Recommendation | None = None,
                 autosave_delay: float = 1.0, sample_delay: float = 1.5) -> None:
        super().__init__(classes="workspace")
        self.session = session
        self.autosave_delay = autosave_delay
        self.sample_delay = sample_delay
        self.ranking = Ranking(recommendation, sampling=session.n_samples > 0)
        self.exported = False
        self.current = 1
        self._steps: dict[int, Step] = {}
        self._generation = 0
        self._save_timer: Timer | None = None
        self._sample_timer: Timer | None = None
        self._asking = False
        self._prebuild_timer: Timer | None = None

    @property
    def recommendation(self) -> Recommendation | None:
        return self.ranking.recommendation

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield StepBar([(s.short, s.tiny) for s in STEPS], id="step-bar")
        yield ContentSwitcher(id="steps")
        yield FocusLine(id="focus-line")
        # Compact, without the palette key (Ctrl+P still opens it): every key fits at 80.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = "CRM Selector"
        self.sub_title = self._subtitle()
        self.goto(1)
        if self.recommendation is None:
            self.rerank()
        self._schedule_sampling(0.2)

    def _subtitle(self) -> str:
        name = self.session.project.name or self.session.path.stem
        tour = " (guided tour: a copy of the example)" if self.session.tour else ""
        return said(f"{name} · {self.session.path.name}{tour}").replace("\n", " ")

    # ----------------------------------------------------------------- steps
    def step(self, number: int) -> Step:
        """Step `number`, built now if the team has not opened it yet."""
        step = self._steps.get(number)
        if step is None:
            step = step_info(number).load()(self.session, self.ranking)
            self._steps[number] = step
            step.display = False
            self.query_one(ContentSwitcher).mount(step)
        return step

    def built_steps(self) -> list[Step]:
        return list(self._steps.values())

    def goto(self, number: int) -> None:
        number = max(1, min(len(STEPS), number))
        previous = self._steps.get(self.current)
        if previous is not None and number != self.current:
            previous.left()
        fresh = number not in self._steps
        step = self.step(number)
        self.current = number
        self.query_one(ContentSwitcher).current = step.id
        self.query_one(StepBar).current = number
        self._refresh_progress()
        if not fresh:  # a new step draws itself and calls entered() when it mounts
            step.set_ranking(self.ranking)
            step.refresh_view()
            step.entered()
        self.call_after_refresh(step.focus_default)
        self.call_after_refresh(self.show_focus)
        if self._prebuild_timer is not None:
            self._prebuild_timer.stop()
        self._prebuild_timer = self.set_timer(PREBUILD_AFTER, self._prebuild_next)

    def _prebuild_next(self) -> None:
        """While the team reads a step, build the next one out of sight, so ] is instant."""
        following = self.current + 1
        if following <= len(STEPS) and following not in self._steps and not self.app._exit:
            self.step(following)

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

    def action_leave_field(self) -> None:
        """Esc leaves a text field or other input for the step's main list: the step keys
        (1–9, [, ], …) work again."""
        step = self._steps.get(self.current)
        if step is not None:
            step.leave_field()

    def action_focus_step(self, direction: int) -> None:
        """Tab and Shift+Tab go round the current step's fields and lists, never out of the
        step (where typed text would become step keys)."""
        step = self._steps.get(self.current)
        if step is None:
            return
        # the step's own widgets in document order (the screen's whole focus chain would walk
        # every step built so far on each key)
        chain = [w for w in step.query("*") if w.focusable and _shown(w, step)]
        if not chain:
            step.focus()
            return
        focused = self.focused
        index = chain.index(focused) if focused in chain else (-1 if direction > 0 else 0)
        chain[(index + direction) % len(chain)].focus()

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        self.show_focus()

    def watch_focused(self) -> None:
        self.show_focus()

    def show_focus(self) -> None:
        """Say on the focus line where the keys go now."""
        for line in self.query(FocusLine):  # none while the screen closes
            line.show(self.focused, self._steps.get(self.current))

    def _refresh_progress(self) -> None:
        rec = self.recommendation
        done = {s.number for s in STEPS if s.complete(self.session, rec, self.exported)}
        self.query_one(StepBar).complete = frozenset(done)

    # ----------------------------------------------------------------- ranking
    def best_recommendation(self) -> Recommendation | None:
        return self.recommendation

    def _publish(self, ranking: Ranking) -> None:
        self.ranking = ranking
        # a result may arrive while the app closes and the steps' widgets are going
        with contextlib.suppress(NoMatches):
            for step in self._steps.values():
                step.set_ranking(ranking)
            self._refresh_progress()

    def rerank(self) -> None:
        """Re-rank in a worker; until it is back, the views say the result is updating."""
        self._generation += 1
        self._publish(dataclasses.replace(self.ranking, updating=True))
        self._rank(self._generation, self.session.project.model_copy(deep=True))

    @work(thread=True, exclusive=True, group="rank", exit_on_error=False)
    def _rank(self, generation: int, project) -> None:  # noqa: ANN001 - a copy of the Project
        try:
            rec = advice.advise(self.session.catalog, project, n_samples=0,
                                today=self.session.today)
        except Exception as exc:  # noqa: BLE001 - shown on screen and as a notification
            back_to_ui(self.app, self._rank_failed, generation, exc)
            return
        back_to_ui(self.app, self._ranked, generation, rec)

    def _ranked(self, generation: int, rec: Recommendation) -> None:
        if generation != self._generation:
            return  # the project changed meanwhile; a newer ranking is on its way
        self._publish(Ranking(rec, sampling=self.session.n_samples > 0))

    def _rank_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        message = f"The advisor failed: {type(exc).__name__}: {exc}"
        self._publish(Ranking(None, error=message))
        self.app.notify(message, title="No result", severity="error", markup=False, timeout=10)

    def _schedule_sampling(self, delay: float | None = None) -> None:
        if self.session.n_samples <= 0:
            return
        if self._sample_timer is not None:
            self._sample_timer.stop()
        self._sample_timer = self.set_timer(
            self.sample_delay if delay is None else delay, self._start_sampling)

    def _start_sampling(self) -> None:
        self._sample(self._generation, self.session.project.model_copy(deep=True))

    @work(thread=True, exclusive=True, group="sampling", exit_on_error=False)
    def _sample(self, generation: int, project) -> None:  # noqa: ANN001 - a copy
        """The full robustness run (probabilities of first place) on a copy of the project."""
        try:
            rec = advice.advise(self.session.catalog, project,
                                n_samples=self.session.n_samples, today=self.session.today)
        except Exception as exc:  # noqa: BLE001 - the fast result stays; the team is told
            back_to_ui(self.app, self._sample_failed, exc)
            return
        back_to_ui(self.app, self._sampled, generation, rec)

    def _sampled(self, generation: int, rec: Recommendation) -> None:
        if generation != self._generation or self.ranking.updating:
            return  # the team changed something meanwhile; a newer run is scheduled
        self._publish(Ranking(rec))
        step = self._steps.get(self.current)
        if step is not None:
            with contextlib.suppress(NoMatches):
                step.refresh_view()

    def _sample_failed(self, exc: Exception) -> None:
        self._publish(dataclasses.replace(self.ranking, sampling=False))
        self.app.notify(
            f"The chance of first place could not be computed ({type(exc).__name__}: {exc}); "
            "the ranking shown is without it.", title="Robustness run failed",
            severity="error", markup=False, timeout=10)

    # ----------------------------------------------------------------- editing and saving
    @on(ProjectChanged)
    def _changed(self, event: ProjectChanged) -> None:
        event.stop()
        session = self.session
        if event.weights:
            session.project.history.weights_changed_at = session.now()
        session.edited()
        try:
            session.write_recovery()
        except FileError as exc:
            self.app.notify(
                f"{exc}\nThe recovery copy could not be written; the change is only in this "
                "window until the project file is saved.", title="Recovery copy not written",
                severity="warning", markup=False, timeout=8)
        self.rerank()
        self.sub_title = self._subtitle()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.autosave_delay, self.autosave)
        self._schedule_sampling()

    def autosave(self, *, explicit: bool = False) -> bool:
        """Save now if anything is unsaved; ask when someone else changed the file or it is
        read-only; say truthfully where the work is when it cannot be saved."""
        session = self.session
        if self._asking:
            return False
        if not session.dirty:
            if explicit:
                session.mark_saved()
            return True
        try:
            session.save(explicit=explicit)
        except ChangedOnDiskError:
            self._ask_changed_on_disk()
            return False
        except ReadOnlyFileError:
            self._ask_read_only()
            return False
        except FileError as exc:
            self.app.notify(f"{exc}\n{self._where_the_work_is()}", title="Not saved",
                            severity="error", markup=False, timeout=10)
            return False
        return True

    def _where_the_work_is(self) -> str:
        session = self.session
        if session.recovery_ok and session.recovery.exists():
            return (f"Your changes are kept in the recovery copy {session.recovery.name}; "
                    "opening the project again offers them.")
        return ("The recovery copy could not be written either: your changes are only in "
                "this window. Keep it open, free some space or fix the folder, and press "
                "Ctrl+S.")

    def action_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        session = self.session
        if not session.dirty and not session.changed_since_save:
            self.app.notify("Nothing to save: every change is saved already.", markup=False)
            return
        if self.autosave(explicit=True):
            self.app.notify(f"Saved {session.path.name}", markup=False)

    @on(SaveNow)
    def _save_now(self, event: SaveNow) -> None:
        event.stop()
        self.autosave()

    @on(Exported)
    def _exported(self, event: Exported) -> None:
        event.stop()
        self.exported = True
        self._refresh_progress()

    def action_export(self) -> None:
        self.goto(9)
        self.call_after_refresh(self._start_export)

    def _start_export(self) -> None:
        export = self.step(9)
        if export.is_mounted:
            export.start_export()  # type: ignore[attr-defined]

    # ----------------------------------------------------------------- asking
    def _ask(self, screen: ChoiceScreen, answer) -> None:  # noqa: ANN001
        self._asking = True

        def done(choice: str | None) -> None:
            self._asking = False
            answer(choice)

        self.app.push_screen(screen, done)

    def _ask_changed_on_disk(self) -> None:
        name = self.session.path.name
        kept = (" Until you choose, your changes are kept in this window's recovery copy next "
                "to the project." if self.session.recovery_ok else
                " The recovery copy could not be written either: your changes are only in this "
                "window until you choose.")
        self._ask(ChoiceScreen(
            "Someone else changed the project",
            f"{name} was changed on disk since this window read it (another window, an editor "
            f"or git), so it was not saved.{kept}",
            [Choice("l", "Load theirs", "reload", detail="drop my changes"),
             Choice("c", "Keep mine as a copy", "copy", detail="theirs stays as it is"),
             Choice("o", "Overwrite theirs", "overwrite", variant="error")],
            cancel="Decide later"), self._changed_on_disk_answer)

    def _changed_on_disk_answer(self, choice: str | None) -> None:
        session = self.session
        if choice == "reload":
            session.discard_recovery()
            self.app.reopen(session.path)  # type: ignore[attr-defined]
        elif choice == "copy":
            try:
                copy = session.save_copy()
            except FileError as exc:
                self.app.notify(f"{exc}\n{self._where_the_work_is()}", title="Not saved",
                                severity="error", markup=False, timeout=10)
                return
            self.sub_title = self._subtitle()
            self.app.notify(f"Your work is saved as {copy.name}, and this window now works on "
                            "it; the original stays as your colleague saved it.",
                            title="Saved as a copy", markup=False, timeout=10)
        elif choice == "overwrite":
            try:
                session.save(overwrite=True)
            except ReadOnlyFileError:
                self._ask_read_only()
            except FileError as exc:
                self.app.notify(f"{exc}\n{self._where_the_work_is()}", title="Not saved",
                                severity="error", markup=False, timeout=10)
            else:
                self.app.notify(f"Saved {session.path.name} over the other version.",
                                markup=False)

    def _ask_read_only(self) -> None:
        name = self.session.path.name
        kept = (" Until you choose, your changes are kept in this window's recovery copy next "
                "to the project." if self.session.recovery_ok else
                " The recovery copy could not be written either: your changes are only in this "
                "window until you choose.")
        self._ask(ChoiceScreen(
            "The project file is read-only",
            f"{name} is read-only: someone set it so it would not change, so it was not "
            f"saved.{kept}",
            [Choice("c", "Save my work as a copy", "copy"),
             Choice("o", "Overwrite it anyway", "overwrite", variant="error",
                    detail="it stays read-only")],
            cancel="Not now"), self._read_only_answer)

    def _read_only_answer(self, choice: str | None) -> None:
        if choice == "overwrite":
            self.session.allow_read_only = True
            if self.autosave():
                self.app.notify(f"Saved {self.session.path.name}", markup=False)
        elif choice == "copy":
            self._changed_on_disk_answer("copy")
