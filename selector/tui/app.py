"""CRM Selector's terminal UI: the start screen, the nine-step workspace, and app-wide actions.

The app opens projects (in worker threads, with a loading overlay), offers to restore work a
window left unsaved when it stopped, and asks before quitting with unsaved work. Everything
computed comes from the advisor; everything read or written goes through selector.catalog.

Only Textual and the start screen are imported before the first frame; the catalog, the
workspace and the advisor are imported in a worker right after it, while the team reads the
start screen.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding

from selector.tui.commands import ProjectCommands
from selector.tui.recent import add_recent, load_recent
from selector.tui.screens.start import StartScreen
from selector.tui.threads import back_to_ui
from selector.tui.typed_paths import path_problem

if TYPE_CHECKING:
    from selector.tui.screens.workspace import WorkspaceScreen
    from selector.tui.session import Opened


class CrmSelectorApp(App[int]):
    """The app. Constructor options exist so tests and screenshots can be deterministic."""

    CSS_PATH = "app.tcss"
    TITLE = "CRM Selector"
    COMMANDS = App.COMMANDS | {ProjectCommands}
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+t", "toggle_dark_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self, project: Path | None = None, *, recent_file: Path | None = None,
        extra_folders: tuple[Path, ...] = (), include_shipped: bool = True,
        today: dt.date | None = None, clock: Callable[[], dt.datetime] | None = None,
        n_samples: int = 10_000, autosave_delay: float = 1.0,
    ) -> None:
        super().__init__()
        self.initial_project = project
        self.recent_file = recent_file
        self.extra_folders = extra_folders
        self.include_shipped = include_shipped
        self.today = today
        self.clock = clock
        self.n_samples = n_samples
        self.autosave_delay = autosave_delay
        self._tempdirs: list[Path] = []
        self._loading = None

    def notify(self, message: str, *, title: str = "", **kwargs) -> None:  # noqa: ANN003
        """Every notification, with the control characters of names and paths from files made
        visible (a vendor name with an ESC in it never reaches the terminal raw)."""
        super().notify(self._said(str(message)), title=self._said(title), **kwargs)

    # ----------------------------------------------------------------- start
    def on_mount(self) -> None:
        self.push_screen(StartScreen(load_recent(self.recent_file)))
        if self.initial_project is not None:
            self.open_path(self.initial_project)
        else:
            self.call_after_refresh(self._warm_up)

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """Import what opening a project needs while the team reads the start screen."""
        import selector.advisor  # noqa: F401
        import selector.tui.screens.workspace  # noqa: F401

    def workspace(self) -> WorkspaceScreen | None:
        from selector.tui.screens.workspace import WorkspaceScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, WorkspaceScreen):
                return screen
        return None

    def now(self) -> dt.datetime:
        if self.clock is not None:
            return self.clock()
        return dt.datetime.now(dt.UTC).replace(microsecond=0)

    # ----------------------------------------------------------------- opening
    def open_path(self, path: Path, *, tour: bool = False) -> None:
        """Open a project, offering first any work a stopped window left unsaved."""
        from selector.tui.session import newer_recovery

        path = Path(path).expanduser()
        if not path.exists():
            self.notify(self._said(f"{path}: no such file"), title="Cannot open",
                        severity="error", markup=False)
            return
        copy = newer_recovery(path)
        if copy is None:
            self._start_loading(path, None, tour)
            return
        self._offer_recovery(path, copy, tour)

    def _offer_recovery(self, path: Path, copy: Path, tour: bool) -> None:
        from selector.tui.changes import recovery_differences
        from selector.tui.widgets.form import Choice, ChoiceScreen

        when = dt.datetime.fromtimestamp(copy.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        details = recovery_differences(path, copy)

        def answer(choice: str | None) -> None:
            if choice == "restore":
                self._start_loading(path, copy, tour)
            elif choice == "discard":
                copy.unlink(missing_ok=True)
                self._start_loading(path, None, tour)

        self.push_screen(ChoiceScreen(
            "Unsaved work found",
            self._said(f"{path.name} has changes from {when} that were never saved (the app "
                       "stopped before saving them). What they change:"),
            [Choice("r", "Restore them", "restore", variant="primary",
                    detail="and save them to the file"),
             Choice("d", "Discard them", "discard", variant="error",
                    detail="open the file as saved; the copy is deleted")],
            cancel="Not now", details=[self._said(d) for d in details]
            or ["(no difference in the project's data)"]),
            answer)

    def reopen(self, path: Path) -> None:
        """Open `path` again as it is on disk (after someone else changed it)."""
        self._start_loading(path, None, False)

    def _start_loading(self, path: Path, recovery: Path | None, tour: bool) -> None:
        from selector.tui.screens.loading import LoadingScreen

        self._loading = LoadingScreen(f"Opening {path.name} and loading the catalog…")
        self.push_screen(self._loading)
        self._load(path, recovery, tour)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _load(self, path: Path, recovery: Path | None, tour: bool) -> None:
        from selector._collector import settle_long_lived
        from selector.tui.session import open_project

        try:  # the first ranking comes from the workspace, so step 1 takes keys sooner
            opened = open_project(path, recovery=recovery, extra_folders=self.extra_folders,
                                  include_shipped=self.include_shipped)
            settle_long_lived()  # the catalog stays for the session: out of every collection
            rec = None
        except Exception as exc:  # noqa: BLE001 - a bug must not leave the overlay up
            back_to_ui(self, self._open_failed, path, exc)
            return
        try:
            self.call_from_thread(self._opened, path, opened, recovery, tour, rec)
        except Exception as exc:  # noqa: BLE001 - said, never swallowed by the worker
            back_to_ui(self, self._open_failed, path, exc)

    def _close_loading(self) -> None:
        """Take the loading overlay down now (not later, when it would pop another screen)."""
        loading = self._loading
        self._loading = None
        if loading is None or loading not in self.screen_stack:
            return
        while self.screen is not loading:
            self.pop_screen()
        self.pop_screen()

    def _open_failed(self, path: Path, exc: Exception) -> None:
        self._close_loading()
        self.notify(self._said(f"{path.name} could not be opened: {type(exc).__name__}: {exc}"),
                    title="Cannot open", severity="error", markup=False, timeout=10)

    def _opened(self, path: Path, opened: Opened, recovery: Path | None, tour: bool,
                rec: object) -> None:
        from selector.tui.screens.problems import ProblemsScreen
        from selector.tui.screens.workspace import WorkspaceScreen
        from selector.tui.text import plural, said

        self._close_loading()
        session = opened.session
        if session is None:
            self.push_screen(ProblemsScreen(
                said(f"{path.name} cannot be opened"), opened.problems,
                "Fix these in an editor (the line numbers point at the mistake), then open it "
                "again."))
            return
        session.tour = tour
        session.today = self.today
        session.clock = self.clock
        session.n_samples = self.n_samples
        if not tour:
            add_recent(path, self.recent_file)
        old = self.workspace()
        if old is not None:
            while self.screen is not old:
                self.pop_screen()
            self.pop_screen()
        workspace = WorkspaceScreen(session, recommendation=rec,  # type: ignore[arg-type]
                                    autosave_delay=self.autosave_delay)
        self.push_screen(workspace)
        errors = [p for p in opened.problems if p.severity == "error"]
        notes = [p for p in opened.problems if p.severity != "error"]
        if errors:
            self.notify(
                f"{plural(len(errors), 'problem')} in the catalog or project; the rest loaded. "
                "See step 5 → Problems.", title="Catalog problems", severity="warning",
                markup=False, timeout=8)
        elif notes:
            self.notify(said(f"{plural(len(notes), 'note')} on the project or catalog, e.g. "
                             f"{notes[0]}. See step 5 → Problems."),
                        title="Read with notes", markup=False, timeout=8)
        if tour:
            self.notify(
                "This is a copy of the example project, so change anything you like: the "
                "shipped example stays as it is. Press ] to walk through the nine steps one by "
                "one, [ to go back, a number to jump to a step, and ? or F1 for help.",
                title="Guided tour", markup=False, timeout=30)
        if recovery is not None and workspace.autosave():
            recovery.unlink(missing_ok=True)
            self.notify("Unsaved work restored and saved.", markup=False)

    # ----------------------------------------------------------------- start actions
    def action_new_project(self) -> None:
        from textual.validation import Length

        from selector.tui.widgets.form import FormField, FormScreen
        from selector.tui.widgets.validation import Explained

        fields = [
            FormField("path", "Project file", "crm-project.toml", required=True,
                      placeholder="e.g. ~/crm/acme-project.toml",
                      help="A new .toml file; the folder must exist.",
                      validators=[Explained(lambda v: _path_problem(v, must_exist=False))]),
            FormField("name", "Project name", "", required=True,
                      placeholder="e.g. Acme CRM 2026",
                      validators=[Length(1, 120, "1–120 characters")]),
        ]

        def check(values: dict[str, object]) -> dict[str, str]:
            message = _path_problem(str(values["path"]), must_exist=False)
            return {"path": message} if message else {}

        def done(values: dict[str, object] | None) -> None:
            if values:
                self._create(Path(str(values["path"])).expanduser(), str(values["name"]))

        self.push_screen(FormScreen("New project", fields, check=check, submit_label="Create"),
                         done)

    def _create(self, path: Path, name: str) -> None:
        from selector.tui.screens.loading import LoadingScreen

        self._loading = LoadingScreen("Loading the catalog for the new project…")
        self.push_screen(self._loading)
        self._create_worker(path, name)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _create_worker(self, path: Path, name: str) -> None:
        from selector.catalog import FileError, load_catalog, write_atomic
        from selector.catalog.template import new_project_text

        catalog = load_catalog(self.extra_folders, include_shipped=self.include_shipped)
        created = self.now().isoformat().replace("+00:00", "Z")
        try:
            write_atomic(path, new_project_text(catalog, name, created))
        except FileError as exc:
            self.call_from_thread(self._create_failed, str(exc))
            return
        self.call_from_thread(self._created, path)

    def _create_failed(self, message: str) -> None:
        self._close_loading()
        self.notify(self._said(message), title="Not created", severity="error", markup=False)

    def _created(self, path: Path) -> None:
        self._close_loading()
        self.open_path(path)

    def action_open_file(self) -> None:
        from selector.tui.widgets.form import FormField, FormScreen
        from selector.tui.widgets.validation import Explained

        fields = [FormField("path", "Project file", "", required=True,
                            placeholder="path/to/PROJECT.toml",
                            validators=[Explained(lambda v: _path_problem(v, must_exist=True))])]

        def check(values: dict[str, object]) -> dict[str, str]:
            message = _path_problem(str(values["path"]), must_exist=True)
            return {"path": message} if message else {}

        def done(values: dict[str, object] | None) -> None:
            if values:
                self.open_path(Path(str(values["path"])).expanduser())

        self.push_screen(FormScreen("Open a project", fields, check=check, submit_label="Open"),
                         done)

    def action_tour(self) -> None:
        """Open a copy of the example project so the shipped file is never modified."""
        from selector.catalog.shipped import example_project

        source = example_project()
        if not source.exists():
            self.notify("The example project is not installed.", severity="error", markup=False)
            return
        folder = Path(tempfile.mkdtemp(prefix="crm-selector-tour-"))
        self._tempdirs.append(folder)
        copy = folder / source.name
        shutil.copyfile(source, copy)
        self.open_path(copy, tour=True)

    # ----------------------------------------------------------------- app-wide actions
    def action_help(self) -> None:
        from selector.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_dark_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Save an SVG of the screen next to the project (or in the folder the app was started
        from), never into a Downloads folder that may not exist; in a browser it downloads."""
        folder = Path(path) if path else self._screenshot_folder()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.notify(f"{folder}: {exc.strerror or exc}", title="Screenshot not saved",
                        severity="error", markup=False)
            return None
        return super().deliver_screenshot(filename, str(folder), time_format)

    def _screenshot_folder(self) -> Path:
        workspace = self.workspace()
        if workspace is not None:
            return workspace.session.export_folder
        return Path.cwd()

    def what_if(self) -> None:
        workspace = self.workspace()
        if workspace is not None:
            workspace.goto(7)
            workspace.call_after_refresh(
                lambda: workspace.step(7).start_what_if())  # type: ignore[attr-defined]

    async def action_quit(self) -> None:
        from selector.tui.widgets.form import Choice, ChoiceScreen

        workspace = self.workspace()
        if workspace is None or workspace.session.tour or not (
                workspace.session.dirty or workspace.session.changed_since_save):
            self._leave()
            return
        session = workspace.session

        def answer(choice: str | None) -> None:
            if choice == "save":
                if workspace.autosave(explicit=True):
                    self._leave()
            elif choice == "discard":
                self._discard_and_leave(workspace)

        self.push_screen(ChoiceScreen(
            "Unsaved changes",
            self._said(f"{session.path.name} has changes since it was last saved (Ctrl+S) or "
            "opened. "
            "They are already written to the file by the autosave; quitting without saving "
            "puts the file back as it was."),
            [Choice("s", "Save and quit", "save", variant="primary"),
             Choice("d", "Quit without saving", "discard", variant="error",
                    detail="the file goes back to its last save")],
            cancel="Stay"), answer)

    def _discard_and_leave(self, workspace: WorkspaceScreen) -> None:
        from selector.catalog import FileError

        session = workspace.session
        try:
            reverted = session.revert()
        except FileError as exc:
            self.notify(self._said(f"{exc}\nThe file still holds the changes; nothing was lost."),
                        title="Not put back", severity="error", markup=False, timeout=10)
            return
        session.discard_recovery()
        if not reverted:
            self.notify(self._said(f"{session.path.name} was saved by someone else since; their "
                                   "version stays as it is."), markup=False)
        self._leave()

    @staticmethod
    def _said(text: str) -> str:
        """File names and messages with their control characters made visible."""
        from selector.domain.text import visible

        return visible(text, keep="\n")

    def _leave(self) -> None:
        for folder in self._tempdirs:
            shutil.rmtree(folder, ignore_errors=True)
        self.exit(0)


def _path_problem(value: str, *, must_exist: bool) -> str:
    """Why a typed path cannot be used, or '' when it can (shown next to the field)."""
    return path_problem(value, lambda path: _path_problem_of(path, must_exist=must_exist))


def _path_problem_of(path: Path, *, must_exist: bool) -> str:
    if path.suffix != ".toml":
        return "a project file name ends in .toml"
    if must_exist:
        if not path.exists():
            return "no such file"
        if path.is_dir():
            return "is a folder, expected a .toml file"
        return ""
    if path.exists():
        return "already exists; choose another name or open it instead"
    if not path.parent.expanduser().is_dir():
        return f"folder {path.parent} does not exist"
    return ""


def run(project: Path | None = None) -> int:
    """Entry point used by `crm-selector` (with or without a project path)."""
    app = CrmSelectorApp(project)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)


__all__ = ["CrmSelectorApp", "run"]
