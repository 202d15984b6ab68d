"""Step 9 · Export: the recommendation for the decision makers, written in a worker thread.

A .pdf name writes the report; a .json name writes the full Recommendation as data. A path that
cannot be written is reported and nothing is lost: the project is saved first and stays open.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Button, Input, ProgressBar, Static

from selector.catalog import FileError, write_atomic
from selector.catalog.problems import display_path
from selector.tui import advice
from selector.tui.messages import Exported, SaveNow
from selector.tui.steps.base import Step
from selector.tui.text import plural
from selector.tui.threads import back_to_ui
from selector.tui.typed_paths import path_problem, resolve


def export_problem(value: str, base: Path) -> str:
    return path_problem(value, _export_needs, base)


def _export_needs(path: Path) -> str:
    if path.suffix not in (".pdf", ".json"):
        return "the file name ends in .pdf (report) or .json (data)"
    if path.is_dir():
        return "is a folder; add a file name"
    return ""


class ExportStep(Step):
    number = 9
    initial_focus = "#export"  # Enter exports; Tab reaches the file name
    focus_names: ClassVar[dict[str, str]] = {"export-path": "the file name to export to"}

    def compose(self) -> ComposeResult:
        yield Static(Text("9 · Export the recommendation", style="bold"), classes="step-title")
        yield Static("", id="export-intro")
        yield Static(Text("File", style="bold"), id="export-label", classes="field-label")
        yield Input(id="export-path")
        yield Static("", id="export-error", classes="field-error")
        yield Button("Export", id="export", variant="primary")
        yield ProgressBar(total=3, show_eta=False, id="export-progress")
        yield Static("", id="export-status")

    def mounted(self) -> None:
        self.query_one("#export-progress").display = False

    def refresh_view(self) -> None:
        where = ("in the folder you started from" if self.session.tour
                 else "next to the project file")
        self.query_one("#export-label", Static).update(
            Text(f"File (relative names are {where})", style="bold"))
        path_input = self.query_one("#export-path", Input)
        if not path_input.value:
            path_input.value = f"{self.session.path.stem}-recommendation.pdf"
        rec = self.recommendation
        t = Text()
        t.append("Writes the PDF report for the decision makers: the recommendation, the "
                 "reasons, how sure it is, what could change it and what must be in place. "
                 "A .json name writes the full result as data.\n")
        if rec is not None:
            t.append("Headline: ", style="bold")
            t.append(rec.headline + "\n")
            if rec.missing:
                t.append(f"{plural(len(rec.missing), 'thing')} not answered yet; the export "
                         "says so.\n", style="yellow")
        self.query_one("#export-intro", Static).update(t)

    def _error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(Text(message))
        error.set_class(bool(message), "-shown")

    @on(Input.Changed, "#export-path")
    def _typing(self, event: Input.Changed) -> None:
        if self.session is not None:
            self._error(export_problem(event.value, self.session.export_folder))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def start_export(self) -> None:
        raw = self.query_one("#export-path", Input).value
        problem = export_problem(raw, self.session.export_folder)
        self._error(problem)
        if problem:
            return
        self.post_message(SaveNow())
        path = resolve(raw, self.session.export_folder)
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        bar.update(progress=0)
        self.query_one("#export", Button).disabled = True
        self.query_one("#export-status", Static).update(Text("Computing the full result…"))
        self._export(self.session.project.model_copy(deep=True), path)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, project, path: Path) -> None:  # noqa: ANN001 - a copy of the Project
        app = self.app
        try:
            rec = advice.advise(self.session.catalog, project, n_samples=self.session.n_samples,
                                today=self.session.today)
            back_to_ui(app, self._progress, 1, "Writing the file…")
            if path.suffix == ".pdf":
                advice.write_report(rec, path)
            else:
                write_atomic(path, rec.model_dump_json(indent=2) + "\n")
        except (FileError, OSError) as exc:
            back_to_ui(app, self._failed, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - the report must never take the app down
            back_to_ui(app, self._failed, f"{type(exc).__name__}: {exc}")
            return
        back_to_ui(app, self._done, path)

    def _progress(self, value: int, message: str) -> None:
        self.query_one("#export-progress", ProgressBar).update(progress=value)
        self.query_one("#export-status", Static).update(Text(message))

    def _failed(self, message: str) -> None:
        self.query_one("#export-progress").display = False
        self.query_one("#export", Button).disabled = False
        self.query_one("#export", Button).focus()
        self.query_one("#export-status", Static).update(
            Text("Not written: " + message + "\nThe project is saved; choose another path.",
                 style="red"))
        self.app.notify(message, title="Export failed", severity="error", markup=False,
                        timeout=8)

    def _done(self, path: Path) -> None:
        self.query_one("#export-progress", ProgressBar).update(progress=3)
        self.query_one("#export", Button).disabled = False
        self.query_one("#export", Button).focus()  # disabling it had moved focus to the field
        shown = display_path(path)
        self.query_one("#export-status", Static).update(
            Text.assemble(("Written: ", "bold green"), shown))
        self.app.notify(f"Written: {shown}", title="Exported", markup=False)
        self.post_message(Exported())
