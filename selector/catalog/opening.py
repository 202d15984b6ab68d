"""Open a project with the catalog it is ranked against, and cross-check the two.

Every entry point (the commands, the terminal UI, the RFP import) opens a project the same way,
so they all report the same problems in the same order: the project file's own, then the
catalog's, then what does not fit between them. Catalog folders a project names are read
relative to the project's folder and must stay inside it (or inside a folder the user named
on the command line), so a project mailed around cannot make the tool read the whole disk or
quietly replace a shipped vendor with a file from elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selector.catalog.loader import Catalog, load_catalog
from selector.catalog.problems import Problem, display_path
from selector.catalog.project_file import LoadedProject, check_project, load_project
from selector.domain.project import Project


@dataclass
class OpenedProject:
    """A project and its catalog, or the problems that stop them from being used."""

    path: Path
    project: Project | None
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)
    lines: object = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def usable(self) -> bool:
        """The project loaded and its catalog and cross-checks show no error."""
        return self.project is not None and self.catalog is not None and not self.errors


def _inside(path: Path, folders: Sequence[Path]) -> bool:
    try:
        target = path.resolve()
    except (OSError, RuntimeError):
        return False
    for folder in folders:
        try:
            base = folder.resolve()
        except (OSError, RuntimeError):
            continue
        if target == base or base in target.parents:
            return True
    return False


def project_catalog_folders(
    loaded: LoadedProject, allowed: Sequence[Path]
) -> tuple[list[Path], list[Problem]]:
    """The catalog folders a project names, and a problem for each that points elsewhere."""
    if loaded.project is None:
        return [], []
    base = loaded.path.parent
    folders: list[Path] = []
    problems: list[Problem] = []
    for i, name in enumerate(loaded.project.catalogs.paths):
        folder = base / name
        if _inside(folder, [base, *allowed]):
            folders.append(folder)
        else:
            problems.append(
                Problem(
                    display_path(loaded.path),
                    f"catalogs.paths[{i}]",
                    f"{name!r} points outside the project's folder; catalog folders named in a "
                    "project must lie inside it (or pass the folder with --catalog)",
                )
            )
    return folders, problems


def open_project(
    path: Path,
    *,
    extra_folders: Sequence[Path] = (),
    include_shipped: bool = True,
    read_from: Path | None = None,
    busy_after: bool = False,
) -> OpenedProject:
    """Load `path` (or its contents from `read_from`, e.g. a recovery copy), the catalog it
    asks for layered over the shipped one and `extra_folders`, and every problem found.
    `busy_after` as for `load_catalog`."""
    loaded = load_project(read_from or path)
    loaded.path = path
    if loaded.project is None:
        return OpenedProject(path, None, None, list(loaded.problems), loaded.lines)
    own, refused = project_catalog_folders(loaded, extra_folders)
    catalog = load_catalog([*extra_folders, *own], include_shipped=include_shipped,
                           busy_after=busy_after)
    problems = [
        *loaded.problems,
        *refused,
        *catalog.problems,
        *check_project(loaded, catalog),
    ]
    return OpenedProject(path, loaded.project, catalog, problems, loaded.lines)
