"""Reading and writing the user's TOML files; every problem reported by file, line and field."""

from __future__ import annotations

from selector._exports import lazy_exports

_HOMES = {
    "FileError": "selector.catalog.files",
    "read_toml": "selector.catalog.files",
    "write_atomic": "selector.catalog.files",
    "write_bytes_atomic": "selector.catalog.files",
    "Catalog": "selector.catalog.loader",
    "CatalogFile": "selector.catalog.loader",
    "load_catalog": "selector.catalog.loader",
    "OpenedProject": "selector.catalog.opening",
    "open_project": "selector.catalog.opening",
    "Problem": "selector.catalog.problems",
    "LoadedProject": "selector.catalog.project_file",
    "check_project": "selector.catalog.project_file",
    "load_project": "selector.catalog.project_file",
    "project_to_toml": "selector.catalog.project_file",
    "save_project": "selector.catalog.project_file",
}

__getattr__, __dir__ = lazy_exports(__name__, _HOMES)
__all__ = sorted(_HOMES)  # noqa: PLE0605
