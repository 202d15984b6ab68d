"""An open project: the file, the team's answers, the catalog they are ranked with, and saving.

Saving follows the product rule that the user's files are sacred:
- every change first goes to this window's own recovery copy next to the project
  (PROJECT.toml.HOST-PID.autosave), so two windows on one project never delete each other's;
- then, debounced, to the project itself, keeping its comments (`save_project`), but only when
  nobody else changed the file since this window read or wrote it: otherwise the team is asked;
- the file as it was at the last explicit save (Ctrl+S, or when it was opened) is kept, so
  "quit without saving" can put it back although the autosave already wrote the changes.
A recovery copy newer than its project, from a window that is no longer running, means a crash.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path

from selector.catalog import (
    Catalog,
    FileError,
    Problem,
    check_project,
    project_to_toml,
    save_project,
    write_atomic,
)
from selector.catalog import open_project as open_with_catalog
from selector.catalog.files import (
    ReadOnlyFileError,
    content_digest,
    is_read_only,
    remove_stale_temporaries,
    write_bytes_atomic,
    write_target,
)
from selector.catalog.project_file import now
from selector.domain import Project

HOST = socket.gethostname().replace(".", "_") or "host"
INSTANCE = f"{HOST}-{os.getpid()}"
"""This window: recovery copies are named after it, so each window keeps and deletes its own."""

RECOVERY_SUFFIX = ".autosave"


class ChangedOnDiskError(FileError):
    """Someone (another window, an editor, git) changed the project file since it was read."""


def recovery_path(path: Path, instance: str = INSTANCE) -> Path:
    return path.with_name(f"{path.name}.{instance}{RECOVERY_SUFFIX}")


def recovery_copies(path: Path) -> list[Path]:
    """Every recovery copy of `path`: each window's, and the single one of older versions."""
    try:
        copies = sorted(path.parent.glob(f"{path.name}.*{RECOVERY_SUFFIX}"))
    except OSError:
        return []
    legacy = path.with_name(path.name + RECOVERY_SUFFIX)
    return [c for c in copies if c.is_file()] + ([legacy] if legacy.is_file() else [])


def _running(copy: Path, project: Path) -> bool:
    """Whether the window that owns `copy` is still running here (its work is its own)."""
    instance = copy.name.removeprefix(project.name + ".").removesuffix(RECOVERY_SUFFIX)
    host, _, pid = instance.rpartition("-")
    if host != HOST or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists but belongs to someone else
        return True
    return True


def newer_recovery(path: Path) -> Path | None:
    """The newest recovery copy of `path` holding work newer than the project, left by a window
    that stopped without saving (a running window's copy is its own business)."""
    try:
        saved = path.stat().st_mtime
    except OSError:
        return None
    newer: list[tuple[float, Path]] = []
    for copy in recovery_copies(path):
        try:
            stamp = copy.stat().st_mtime
        except OSError:
            continue
        if stamp > saved and not _running(copy, path):
            newer.append((stamp, copy))
    return max(newer)[1] if newer else None


def stale_recovery(path: Path) -> list[Path]:
    """Copies left by stopped windows (offered or discarded when the project opens)."""
    return [c for c in recovery_copies(path) if not _running(c, path)
            and c != recovery_path(path)]


@dataclass
class Session:
    """Everything the screens share about the open project. Views read it; only steps edit it."""

    path: Path
    project: Project
    catalog: Catalog
    problems: list[Problem] = field(default_factory=list)
    dirty: bool = False
    """Changes not in the project file yet (the debounced save is pending or failed)."""
    tour: bool = False
    today: dt.date | None = None
    clock: object = None  # a callable returning the current UTC datetime (tests fix it)
    n_samples: int = 10_000
    """Samples for the chance of first place (0: none, for tests and screenshots)."""
    stamp: str | None = None
    """The digest of the file as this window last read or wrote it."""
    baseline: bytes | None = None
    """The file's bytes at the last explicit save (or when opened): what "quit without saving"
    puts back."""
    changed_since_save: bool = False
    """Changes since the last explicit save, autosaved or not."""
    recovery_ok: bool = True
    """Whether the newest work is in the recovery copy (False after a failed write)."""
    allow_read_only: bool = False
    """The team agreed to overwrite the read-only project file."""
    lines: object = None
    """Where each key of the file is (for problems found after an edit to name their line)."""

    def now(self) -> dt.datetime:
        return self.clock() if callable(self.clock) else now()

    @property
    def export_folder(self) -> Path:
        """Where a relative export name lands: next to the project, except in the guided tour,
        whose copy lives in a temporary folder that is removed when the app closes."""
        return Path.cwd() if self.tour else self.path.parent

    @property
    def recovery(self) -> Path:
        return recovery_path(self.path)

    def edited(self) -> None:
        self.dirty = True
        self.changed_since_save = True

    def write_recovery(self) -> None:
        """Keep the newest work safe before the debounced save; raises FileError."""
        try:
            write_atomic(self.recovery, project_to_toml(self.project))
        except FileError:
            self.recovery_ok = False
            raise
        self.recovery_ok = True

    def changed_on_disk(self) -> bool:
        """Whether someone else changed the file since this window read or wrote it."""
        current = content_digest(self.path)
        return current is not None and self.stamp is not None and current != self.stamp

    def read_only(self) -> bool:
        return not self.allow_read_only and is_read_only(write_target(self.path))

    def save(self, *, explicit: bool = False, overwrite: bool = False) -> None:
        """Write the project, then drop this window's recovery copy.

        Raises ChangedOnDiskError when someone else changed the file (unless `overwrite`),
        ReadOnlyFileError for a read-only file the team has not agreed to overwrite, and
        FileError when it cannot be written; the file is then untouched.
        """
        if not overwrite and self.changed_on_disk():
            raise ChangedOnDiskError(f"{self.path.name} was changed by someone else")
        save_project(self.project, self.path, overwrite_read_only=self.allow_read_only)
        self.stamp = content_digest(self.path)
        self.dirty = False
        self.discard_recovery()
        if explicit:
            self.mark_saved()

    def mark_saved(self) -> None:
        """The file as it is now is what the team chose to keep."""
        try:
            self.baseline = write_target(self.path).read_bytes()
        except (OSError, FileError):
            self.baseline = None
        self.changed_since_save = False

    def revert(self) -> bool:
        """Put the file back as it was at the last explicit save ("quit without saving").

        Only when the file still holds this window's own autosave: a colleague's later save is
        never undone. Returns whether the file holds the last explicit save now.
        """
        if self.baseline is None or self.changed_on_disk():
            return False
        if content_digest(self.path) is not None and not self.changed_since_save:
            return True
        write_bytes_atomic(self.path, self.baseline, overwrite_read_only=self.allow_read_only)
        self.stamp = content_digest(self.path)
        self.dirty = False
        self.changed_since_save = False
        self.discard_recovery()
        return True

    def save_copy(self) -> Path:
        """Write the team's work to a new file next to the project and continue there
        ("keep mine as a copy" when someone else changed the project)."""
        folder, stem = self.path.parent, self.path.stem
        n = 1
        while True:
            copy = folder / f"{stem}-mine{'' if n == 1 else f'-{n}'}.toml"
            if not copy.exists():
                break
            n += 1
        old_recovery = self.recovery
        write_atomic(copy, write_target(self.path).read_text("utf-8")
                     if self.path.exists() else "")
        self.path = copy
        self.stamp = content_digest(copy)
        self.allow_read_only = False
        self.save(explicit=True, overwrite=True)
        old_recovery.unlink(missing_ok=True)
        return copy

    def discard_recovery(self) -> None:
        self.recovery.unlink(missing_ok=True)

    def recheck(self) -> None:
        from selector.catalog import LoadedProject

        loaded = LoadedProject(self.path, self.project, lines=self.lines or {})
        self.problems = [*self.catalog.problems, *check_project(loaded, self.catalog)]


@dataclass
class Opened:
    """The result of opening a project file: a session, or the problems that prevent one."""

    session: Session | None
    problems: list[Problem]


def open_project(
    path: Path, *, recovery: Path | None = None, extra_folders: tuple[Path, ...] = (),
    include_shipped: bool = True,
) -> Opened:
    """Load a project (or the recovery copy `recovery`) and the catalog it asks for, the way
    every entry point opens one (`selector.catalog.open_project`): the same problems, in the
    same order, as `crm-selector validate` reports.

    Blocking: use a worker. Temporary files that killed saves left next to it are removed.
    """
    remove_stale_temporaries(path)
    stamp = content_digest(path)
    try:
        baseline = write_target(path).read_bytes()
    except (OSError, FileError):
        baseline = None
    opened = open_with_catalog(path, extra_folders=extra_folders,
                               include_shipped=include_shipped, read_from=recovery)
    if opened.project is None or opened.catalog is None:
        return Opened(None, opened.problems)
    session = Session(path, opened.project, opened.catalog, opened.problems,
                      dirty=recovery is not None, changed_since_save=recovery is not None,
                      stamp=stamp, baseline=baseline, lines=opened.lines)
    return Opened(session, opened.problems)


__all__ = ["ChangedOnDiskError", "FileError", "Opened", "ReadOnlyFileError", "Session",
           "newer_recovery", "open_project", "recovery_path"]
