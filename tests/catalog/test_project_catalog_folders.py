"""Catalog folders a project names stay inside its folder, or the ones the user passed."""

from __future__ import annotations

from pathlib import Path

from selector.catalog import open_project


def _project(folder: Path, paths: list[str]) -> Path:
    path = folder / "p.toml"
    quoted = ", ".join(f'"{p}"' for p in paths)
    path.write_text(f"format_version = 2\n\n[catalogs]\npaths = [{quoted}]\n", "utf-8")
    return path


def test_a_path_outside_the_project_folder_is_refused_with_the_reason(tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    path = _project(tmp_path / "team", ["../../", "/"])
    opened = open_project(path)
    messages = [str(p) for p in opened.errors]
    assert any("catalogs.paths[0]: '../../' points outside the project's folder" in m
               for m in messages), messages
    assert any("catalogs.paths[1]: '/' points outside" in m for m in messages)
    assert not opened.usable


def test_a_folder_inside_the_project_or_passed_by_the_user_is_read(tmp_path: Path) -> None:
    (tmp_path / "team" / "mine").mkdir(parents=True)
    (tmp_path / "shared").mkdir()
    path = _project(tmp_path / "team", ["mine", "../shared"])
    opened = open_project(path, extra_folders=[tmp_path / "shared"])
    assert not [p for p in opened.errors if "points outside" in p.message]
