"""An open project: the file, the team's answers, the catalog they are ranked with, and saving.

Saving follows the product rule that the user's files are sacred: every change first goes to a
recovery copy next to the project (PROJECT.toml.autosave, written atomically), then, debounced,
to the project itself with `save_project`. The recovery copy is removed once the project file
holds the same work, so a recovery copy newer than its project means a crash or failed save.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from selector.catalog import (
    Catalog,
    FileError,
    Problem,
    check_project,
    load_catalog,
    load_project,
    project_to_toml,
    save_project,
    write_atomic,
)
from selector.catalog.project_file import now
from selector.domain import Project


def recovery_path(path: Path) -> Path:
    return path.with_name(path.name + ".autosave")


def newer_recovery(path: Path) -> Path | None:
    """The recovery copy of `path` when it is newer than the project (work to restore)."""
    copy = recovery_path(path)
    try:
        if copy.stat().st_mtime > path.stat().st_mtime:
            return copy
    except OSError:
        return None
    return None


@dataclass
class Session:
    """Everything the screens share about the open project. Views read it; only steps edit it."""

    path: Path
    project: Project
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    dirty: bool = False
    tour: bool = False
    today: dt.date | None = None
    clock: object = None  # a callable returning the current UTC datetime (tests fix it)

    def now(self) -> dt.datetime:
        return self.clock() if callable(self.clock) else now()

    @property
    def export_folder(self) -> Path:
        """Where a relative export name lands: next to the project, except in the guided tour,
        whose copy lives in a temporary folder that is removed when the app closes."""
        return Path.cwd() if self.tour else self.path.parent

    def write_recovery(self) -> None:
        """Keep the newest work safe before the debounced save; raises FileError."""
        write_atomic(recovery_path(self.path), project_to_toml(self.project))

    def save(self) -> None:
        """Write the project atomically, then drop the recovery copy; raises FileError."""
        save_project(self.project, self.path)
        self.dirty = False
        recovery_path(self.path).unlink(missing_ok=True)

    def discard_recovery(self) -> None:
        recovery_path(self.path).unlink(missing_ok=True)

    def recheck(self) -> None:
        from selector.catalog import LoadedProject

        loaded = LoadedProject(self.path, self.project)
        self.problems = [*self.catalog.problems, *check_project(loaded, self.catalog)]


@dataclass
class Opened:
    """The result of opening a project file: a session, or the problems that prevent one."""

    session: Session | None
    problems: list[Problem]


def open_project(
    path: Path, *, from_recovery: bool = False, extra_folders: tuple[Path, ...] = (),
    include_shipped: bool = True,
) -> Opened:
    """Load a project (or its recovery copy) and the catalog it asks for. Blocking: use a worker."""
    source = recovery_path(path) if from_recovery else path
    loaded = load_project(source)
    if loaded.project is None:
        return Opened(None, loaded.problems)
    loaded.path = path
    folders = [*extra_folders, *loaded.catalog_folders()]
    catalog = load_catalog(folders, include_shipped=include_shipped)
    problems = [*catalog.problems, *check_project(loaded, catalog)]
    session = Session(path, loaded.project, catalog, problems, dirty=from_recovery)
    return Opened(session, problems)


def ensure_saved_or_raise(session: Session) -> None:
    """Save now if there is anything unsaved (used before export and quit)."""
    if session.dirty:
        session.save()


__all__ = ["FileError", "Opened", "Session", "newer_recovery", "open_project", "recovery_path"]
