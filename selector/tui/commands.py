"""The command palette (Ctrl+P): the project's own commands, next to Textual's."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from selector.tui.steps.registry import STEPS


class ProjectCommands(Provider):
    """Go to a step, save, export, what-if, theme and help."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = self.app
        commands: list[tuple[str, Callable[[], object], str]] = []
        workspace = app.workspace() if hasattr(app, "workspace") else None  # type: ignore[attr-defined]
        if workspace is not None:
            for step in STEPS:
                commands.append((f"Go to step {step.number}: {step.title}",
                                 partial(workspace.goto, step.number), step.help))
            commands += [
                ("Save project", workspace.action_save, "Write the project file now"),
                ("Export recommendation", workspace.action_export,
                 "Write the recommendation (PDF, or JSON)"),
                ("What-if: nudge weights", partial(app.what_if), "Results in what-if mode"),  # type: ignore[attr-defined]
            ]
        else:
            commands += [
                ("New project", app.action_new_project, "Start a new project file"),  # type: ignore[attr-defined]
                ("Open project file", app.action_open_file, "Open a PROJECT.toml"),  # type: ignore[attr-defined]
                ("Guided tour", app.action_tour, "Open a copy of the example project"),  # type: ignore[attr-defined]
            ]
        commands += [
            ("Toggle light/dark theme", app.action_toggle_dark_theme, "Switch the colours"),  # type: ignore[attr-defined]
            ("Help", app.action_help, "Keys, steps, saving and recovery"),  # type: ignore[attr-defined]
        ]
        return commands

    async def discover(self) -> Hits:
        for title, callback, help_text in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
