"""Project files: validation against the catalog, lossless round trip, atomic saves."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path

import pytest

from selector.catalog import FileError, check_project, load_project, save_project
from selector.catalog.shipped import example_project
from selector.catalog.template import new_project_text
from selector.domain.project import Project


def test_example_project_is_valid(shipped) -> None:
    loaded = load_project(example_project())
    assert loaded.problems == []
    assert check_project(loaded, shipped) == []


def test_round_trip_loses_nothing(tmp_path: Path) -> None:
    original = load_project(example_project()).project
    assert original is not None
    path = tmp_path / "copy.toml"
    save_project(original, path)
    again = load_project(path).project
    assert again == original
    # a second save is byte-identical: nothing drifts between saves
    first = path.read_bytes()
    save_project(again, path)
    assert path.read_bytes() == first


def test_unicode_and_markup_survive_a_round_trip(tmp_path: Path) -> None:
    project = Project(format_version=2, name="Nordlys [red]<b>&</b> 中文 🚀 Åsa Ærø")
    path = tmp_path / "p.toml"
    save_project(project, path)
    assert load_project(path).project.name == "Nordlys [red]<b>&</b> 中文 🚀 Åsa Ærø"


def test_failed_save_keeps_the_previous_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "p.toml"
    save_project(Project(format_version=2, name="good"), path)
    before = path.read_bytes()

    def broken_replace(src, dst):  # the disk fills up at the worst moment
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(FileError, match="cannot be saved: No space left on device"):
        save_project(Project(format_version=2, name="new"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.toml"]  # no temp file left behind


def test_save_into_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="does not exist"):
        save_project(Project(format_version=2), tmp_path / "no" / "p.toml")


def test_cross_checks_name_the_field_and_suggest(tmp_path: Path, shipped) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        """format_version = 2
shortlist = ["salesforce_sales_clod"]

[[stakeholders]]
id = "anna"
name = "Anna"

[requirements.open_api]
priority = "must"
threshold = 3.0

[requirements.usability]
priority = "must"
threshold = 9.0

[weights.ana]
method = "points"
points = { integration = 10.0, integraton = 5.0 }

[answers]
hosting = "cloud"
go_live_weeks = "soon"
""",
        encoding="utf-8",
    )
    loaded = load_project(path)
    assert loaded.project is not None
    messages = "\n".join(str(p) for p in check_project(loaded, shipped))
    assert (
        "p.toml:8: requirements.open_api: unknown criterion 'open_api' (did you mean 'open_apis'?)"
    ) in messages
    assert "p.toml:14: requirements.usability.threshold: threshold 9 is outside" in messages
    assert (
        "p.toml:2: shortlist: unknown vendor or offering 'salesforce_sales_clod' (did you mean "
        "'salesforce_sales_cloud'?)" in messages
    )
    assert "weights.ana: unknown stakeholder 'ana' (did you mean 'anna'?)" in messages
    assert (
        "weights.ana.points.integraton: unknown criteria group 'integraton' "
        "(did you mean 'integration'?)" in messages
    )
    assert ("answers.hosting: 'cloud' is not one of on_premises, own_cloud, saas_only"
            in messages)
    assert "answers.go_live_weeks: must be a number" in messages


def test_wrong_version_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text("format_version = 7\n", encoding="utf-8")
    (problem,) = load_project(path).problems
    assert "format_version 7 is not supported" in str(problem)


def test_new_project_template_is_valid_and_commented(shipped) -> None:
    text = new_project_text(shipped, "Test", "2026-11-22T10:00:00Z")
    data = tomllib.loads(text)
    project = Project.model_validate(data)
    assert project.history.created_at == dt.datetime(2026, 11, 22, 10, tzinfo=dt.UTC)
    # every question the team answers here appears, explained, ready to uncomment; the ones
    # answered elsewhere (business areas, readiness) are not asked twice
    for q in shipped.questionnaire.questions:
        assert (f"# {q.id} = " in text) is not bool(q.answered_by), q.id
    for item in shipped.questionnaire.readiness:
        assert f'# {item.id} = "unknown"' in text


def test_a_new_file_is_readable_by_colleagues_and_a_replaced_one_keeps_its_mode(
        tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "shared.toml"
        save_project(Project(format_version=2), path)
        assert path.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600
        path.chmod(0o640)
        save_project(Project(format_version=2, name="again"), path)
        assert path.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_shipped_catalog_files_are_named_the_same_on_every_machine(shipped) -> None:
    names = {f.path for f in shipped.files if f.catalog == "shipped"}
    assert "criteria/cost.toml" in names and "vendors/zoho-crm.toml" in names
    assert not any(n.startswith("/") for n in names)
