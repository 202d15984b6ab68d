"""What a recovery copy would change in the project file, in a few lines the team can judge.

Shown in the "Unsaved work found" dialog, so nobody restores or discards work blind. It compares
the two files' data (not their text): a reworded comment is no change, a new answer is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selector.catalog import load_project
from selector.domain import Project

LIMIT = 12
LABELS = {"business_areas": "business areas", "prepared_by": "prepared by",
          "scores_seen_at": "scores first seen", "weights_locked_at": "weights locked",
          "weights_changed_at": "weights changed", "created_at": "created"}


def recovery_differences(path: Path, copy: Path) -> list[str]:
    """One line per difference between the saved project and its recovery copy."""
    saved, recovered = load_project(path).project, load_project(copy).project
    if recovered is None:
        return ["The recovery copy cannot be read; restoring it would fail."]
    if saved is None:
        return ["The project file itself cannot be read now; the copy holds the last work."]
    return differences(saved, recovered)


def differences(old: Project, new: Project, limit: int = LIMIT) -> list[str]:
    lines: list[str] = []
    _compare((), old.model_dump(mode="json"), new.model_dump(mode="json"), lines)
    if len(lines) > limit:
        lines = [*lines[: limit - 1], f"… and {len(lines) - limit + 1} more changes"]
    return lines


def _where(path: tuple[str, ...]) -> str:
    return " › ".join(LABELS.get(p, p.replace("_", " ")) for p in path) or "project"


def _name(item: Any) -> str:
    if isinstance(item, dict):
        for key in ("name", "function", "text", "id", "vendor"):
            if item.get(key):
                return str(item[key])
    return _show(item)


def _show(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "(empty)"
    if isinstance(value, str):
        return f"“{value}”" if len(value) <= 40 else f"“{value[:39]}…”"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return ", ".join(_show(v) for v in value)
    return str(value)


def _compare(path: tuple[str, ...], old: Any, new: Any, lines: list[str]) -> None:
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            _compare((*path, key), old.get(key), new.get(key), lines)
        return
    if isinstance(old, list) and isinstance(new, list) and \
            any(isinstance(v, dict) for v in [*old, *new]):
        names_old = [_name(v) for v in old]
        names_new = [_name(v) for v in new]
        added = [n for n in names_new if n not in names_old]
        removed = [n for n in names_old if n not in names_new]
        if added:
            lines.append(f"{_where(path)}: added {', '.join(added)}")
        if removed:
            lines.append(f"{_where(path)}: removed {', '.join(removed)}")
        for a, b in zip(old, new, strict=False):
            if _name(a) == _name(b):
                _compare((*path, _name(a)), a, b, lines)
        return
    lines.append(f"{_where(path)}: {_show(old)} → {_show(new)}")
