"""CRM Selector's terminal UI: the start screen, the nine-step workspace, and app-wide actions.

The app opens projects (in worker threads, with a loading overlay), offers to restore a newer
recovery copy, and asks before quitting with unsaved work. Everything computed comes from the
advisor; everything read or written goes through selector.catalog.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.validation import Length

from selector.catalog import FileError, Problem, load_catalog, write_atomic
from selector.catalog.shipped import example_project
from selector.catalog.template import new_project_text
from selector.tui.commands import ProjectCommands
from selector.tui.recent import add_recent, load_recent
from selector.tui.screens.help import HelpScreen
from selector.tui.screens.loading import LoadingScreen
from selector.tui.screens.problems import ProblemsScreen
from selector.tui.screens.start import StartScreen
from selector.tui.screens.workspace import WorkspaceScreen
from selector.tui.session import Opened, Session, newer_recovery, open_project
from selector.tui.text import plural
from selector.tui.widgets.form import ConfirmScreen, FormField, FormScreen, QuitScreen
from selector.tui.widgets.validation import Check


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
        self._loading: LoadingScreen | None = None

    # ----------------------------------------------------------------- start
    def on_mount(self) -> None:
        self.push_screen(StartScreen(load_recent(self.recent_file)))
        if self.initial_project is not None:
            self.open_path(self.initial_project)

    def workspace(self) -> WorkspaceScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, WorkspaceScreen):
                return screen
        return None

    def now(self) -> dt.datetime:
        if self.clock is not None:
            return self.clock()
        from selector.catalog.project_file import now

        return now()

    # ----------------------------------------------------------------- opening
    def open_path(self, path: Path, *, tour: bool = False) -> None:
        """Open a project, offering the recovery copy first when it holds newer work."""
        path = Path(path).expanduser()
        if not path.exists():
            self.notify(f"{path}: no such file", title="Cannot open", severity="error",
                        markup=False)
            return
        if newer_recovery(path) is not None:
            def restore(answer: bool | None) -> None:
                self._start_loading(path, bool(answer), tour)

            self.push_screen(ConfirmScreen(
                "Restore unsaved work?",
                f"{path.name} has a recovery copy with newer changes (the app stopped before "
                "saving them). Restore keeps those changes; Discard the copy opens the file as "
                "it was last saved and deletes the copy.",
                yes="Restore", no="Discard the copy"), restore)
            return
        self._start_loading(path, False, tour)

    def _start_loading(self, path: Path, from_recovery: bool, tour: bool) -> None:
        self._loading = LoadingScreen(f"Opening {path.name} and loading the catalog…")
        self.push_screen(self._loading)
        self._load(path, from_recovery, tour)

    @work(thread=True, exclusive=True, group="open")
    def _load(self, path: Path, from_recovery: bool, tour: bool) -> None:
        opened = open_project(path, from_recovery=from_recovery,
                              extra_folders=self.extra_folders,
                              include_shipped=self.include_shipped)
        self.call_from_thread(self._opened, path, opened, from_recovery, tour)

    def _close_loading(self) -> None:
        if self._loading is not None and self._loading in self.screen_stack:
            self._loading.dismiss(None)
        self._loading = None

    def _opened(self, path: Path, opened: Opened, from_recovery: bool, tour: bool) -> None:
        self._close_loading()
        session = opened.session
        if session is None:
            self.push_screen(ProblemsScreen(
                f"{path.name} cannot be opened", opened.problems,
                "Fix these in an editor (the line numbers point at the mistake), then open it "
                "again."))
            return
        if not from_recovery:
            session.discard_recovery()
        session.tour = tour
        session.today = self.today
        session.clock = self.clock
        if not tour:
            add_recent(path, self.recent_file)
        existing = self.workspace()
        if existing is not None:
            self.pop_screen()
        self.push_screen(WorkspaceScreen(session, n_samples=self.n_samples,
                                         autosave_delay=self.autosave_delay))
        errors = [p for p in opened.problems if p.severity == "error"]
        if errors:
            self.notify(
                f"{plural(len(errors), 'problem')} in the catalog or project; the rest loaded. "
                "See step 5 → Catalog problems.", title="Catalog problems", severity="warning",
                markup=False, timeout=8)
        if tour:
            self.notify(
                "This is a copy of the example project, so change anything you like: the "
                "shipped example stays as it is. Press ] to walk through the nine steps one by "
                "one, [ to go back, a number to jump to a step, and ? or F1 for help.",
                title="Guided tour", markup=False, timeout=30)
        if from_recovery:
            session.dirty = True
            self.workspace().autosave()  # type: ignore[union-attr]
            self.notify("Unsaved work restored and saved.", markup=False)

    # ----------------------------------------------------------------- start actions
    def action_new_project(self) -> None:
        def valid_path(value: str) -> bool:
            return _path_problem(value, must_exist=False) == ""

        fields = [
            FormField("path", "Project file", "crm-project.toml", required=True,
                      placeholder="e.g. ~/crm/acme-project.toml",
                      help="A new .toml file; the folder must exist.",
                      validators=[Check(valid_path, "not a new .toml file in an existing "
                                        "folder")]),
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
        self._loading = LoadingScreen("Loading the catalog for the new project…")
        self.push_screen(self._loading)
        self._create_worker(path, name)

    @work(thread=True, exclusive=True, group="open")
    def _create_worker(self, path: Path, name: str) -> None:
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
        self.notify(message, title="Not created", severity="error", markup=False)

    def _created(self, path: Path) -> None:
        self._close_loading()
        self.open_path(path)

    def action_open_file(self) -> None:
        def valid(value: str) -> bool:
            return _path_problem(value, must_exist=True) == ""

        fields = [FormField("path", "Project file", "", required=True,
                            placeholder="path/to/PROJECT.toml",
                            validators=[Check(valid, "no such .toml file")])]

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
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_dark_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def what_if(self) -> None:
        workspace = self.workspace()
        if workspace is not None:
            workspace.goto(7)
            workspace.step(7).start_what_if()  # type: ignore[attr-defined]

    async def action_quit(self) -> None:
        workspace = self.workspace()
        if workspace is None or not workspace.session.dirty:
            self._leave()
            return

        def answer(choice: bool | None) -> None:
            if choice is None:
                return
            if choice:
                if workspace.autosave():
                    self._leave()
                return
            workspace.session.discard_recovery()
            self._leave()

        self.push_screen(QuitScreen(classes="form-screen"), answer)

    def _leave(self) -> None:
        for folder in self._tempdirs:
            shutil.rmtree(folder, ignore_errors=True)
        self.exit(0)


def _path_problem(value: str, *, must_exist: bool) -> str:
    """Why a typed path cannot be used, or '' when it can (shown next to the field)."""
    value = value.strip()
    if not value:
        return "required"
    if "\0" in value:
        return "a path cannot contain a NUL character"
    try:
        return _path_problem_of(Path(value).expanduser(), must_exist=must_exist)
    except (OSError, RuntimeError, ValueError) as exc:  # "~nobody/x", a NUL byte, no access
        return f"not a usable path ({exc})"


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


__all__ = ["CrmSelectorApp", "Problem", "Session", "run"]
