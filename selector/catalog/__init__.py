"""Reading and writing the user's TOML files; every problem reported by file, line and field."""

from selector.catalog.files import FileError, read_toml, write_atomic, write_bytes_atomic
from selector.catalog.loader import Catalog, CatalogFile, load_catalog
from selector.catalog.opening import OpenedProject, open_project
from selector.catalog.problems import Problem
from selector.catalog.project_file import (
    LoadedProject,
    check_project,
    load_project,
    project_to_toml,
    save_project,
)

__all__ = [
    "Catalog",
    "CatalogFile",
    "FileError",
    "LoadedProject",
    "OpenedProject",
    "Problem",
    "check_project",
    "load_catalog",
    "load_project",
    "open_project",
    "project_to_toml",
    "read_toml",
    "save_project",
    "write_atomic",
    "write_bytes_atomic",
]
