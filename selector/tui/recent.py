"""The list of recently opened projects, kept in a small JSON file in the user's config folder.

It is a convenience, never a source of truth: a missing, unreadable or hand-broken file simply
means an empty list, and it is written atomically so two app instances cannot corrupt it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

MAX_RECENT = 10


def config_dir() -> Path:
    """$XDG_CONFIG_HOME/crm-selector, or ~/.config/crm-selector."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "crm-selector"


def recent_file() -> Path:
    return config_dir() / "recent.json"


def load_recent(path: Path | None = None) -> list[Path]:
    """Recent project paths, newest first; anything unreadable is silently an empty list."""
    path = path or recent_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    items = data.get("recent", []) if isinstance(data, dict) else []
    return [Path(p) for p in items if isinstance(p, str) and p][:MAX_RECENT]


def add_recent(project: Path, path: Path | None = None) -> None:
    """Put `project` first in the list; failing to remember it is never worth an error."""
    from selector.catalog import FileError, write_atomic

    path = path or recent_file()
    project = project.resolve()
    items = [project, *(p for p in load_recent(path) if p != project)][:MAX_RECENT]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps({"recent": [str(p) for p in items]}, indent=2) + "\n")
    except (OSError, FileError):
        pass
