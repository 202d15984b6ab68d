"""Invalid input in every form is explained next to the field and never saved or crashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from selector.tui.app import _path_problem
from selector.tui.steps.export import export_problem
from selector.tui.widgets.form import FormScreen

from .helpers import open_step, settle, until, workspace


def error_text(screen, key: str) -> str:  # noqa: ANN001
    return str(screen.query_one(f"#error-{key}", Static).render())


async def open_form(pilot, key: str = "a") -> FormScreen:  # noqa: ANN001
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
    return pilot.app.screen


@pytest.mark.asyncio
async def test_stakeholder_form_rejects_bad_id_and_empty_name(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        ws.query_one("#stakeholders DataTable").focus()
        form = await open_form(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error_text(form, "name") == "required"
        form.query_one("#field-name", Input).value = "Karin"
        form.query_one("#field-id", Input).value = "Bad Id!"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "lowercase" in error_text(form, "id")
        form.query_one("#field-id", Input).value = "asa"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "taken" in error_text(form, "id")
        assert app.screen is form
        await pilot.press("escape")
        await settle(pilot)
        assert len(ws.session.project.stakeholders) == 3


@pytest.mark.asyncio
async def test_objective_and_organisation_forms(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        ws.query_one("#objectives DataTable").focus()
        form = await open_form(pilot)
        form.query_one("#field-text", Input).value = "ab"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "at least 3" in error_text(form, "text")
        await pilot.press("escape")
        await settle(pilot)
        ws.query_one("#stakeholders DataTable").focus()
        form = await open_form(pilot, "o")
        form.query_one("#field-employees", Input).value = "0"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "at least 1" in error_text(form, "employees")
        assert ws.session.project.organisation.employees == 120


@pytest.mark.asyncio
async def test_threshold_and_override_out_of_scale(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, _ = await open_step(pilot, 3)
        needs = ws.step(3)
        needs.criterion_id = "open_apis"
        needs._show_detail()
        await settle(pilot)
        threshold = ws.query_one("#threshold", Input)
        threshold.focus()
        threshold.value = "7"
        await pilot.press("enter")
        await settle(pilot)
        assert "at most 5" in str(ws.query_one("#threshold-error", Static).render())
        assert ws.session.project.requirements["open_apis"].threshold == 3.0

        ws.goto(6)
        await settle(pilot)
        ws.query_one("#matrix", DataTable).focus()
        await pilot.press("down")  # the first value, under the "resting on judgement" row
        form = await open_form(pilot, "e")
        form.query_one("#field-value", Input).value = "9"
        form.query_one("#field-rationale", Input).value = "x"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "at most 5" in error_text(form, "value")
        assert "at least 3" in error_text(form, "rationale")
        await pilot.press("escape")
        await settle(pilot)
        assert ws.session.project.overrides == []


@pytest.mark.asyncio
async def test_context_number_and_points_forms(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, _ = await open_step(pilot, 2)
        field = ws.query_one("#a-go_live_weeks", Input)
        field.focus()
        field.value = "soon"
        await pilot.press("enter")
        await settle(pilot)
        assert "must be a number" in str(ws.query_one("#err-go_live_weeks", Static).render())
        assert ws.session.project.answers["go_live_weeks"] == 26

        ws.goto(4)
        await settle(pilot)
        ws.query_one("#points", DataTable).focus()
        form = await open_form(pilot, "enter")
        form.query_one("#field-points", Input).value = "-4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "at least 0" in error_text(form, "points")


def test_path_and_export_checks(tmp_path: Path) -> None:
    assert _path_problem("", must_exist=False) == "required"
    assert "ends in .toml" in _path_problem(str(tmp_path / "x.txt"), must_exist=False)
    assert "does not exist" in _path_problem(str(tmp_path / "no" / "x.toml"), must_exist=False)
    (tmp_path / "there.toml").write_text("format_version = 1\n")
    assert "already exists" in _path_problem(str(tmp_path / "there.toml"), must_exist=False)
    assert _path_problem(str(tmp_path / "there.toml"), must_exist=True) == ""
    assert "no such file" in _path_problem(str(tmp_path / "gone.toml"), must_exist=True)
    assert ".pdf" in export_problem("result.txt", tmp_path)
    assert export_problem("result.json", tmp_path) == ""


@pytest.mark.asyncio
async def test_new_project_form_explains_bad_path(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot, "n")
        form.query_one("#field-path", Input).value = str(tmp_path / "missing" / "p.toml")
        form.query_one("#field-name", Input).value = "P"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "folder" in error_text(form, "path")
        assert app.screen is form


@pytest.mark.asyncio
async def test_export_to_unwritable_path_keeps_everything(make_app, project_file,
                                                          tmp_path: Path) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, _ = await open_step(pilot, 9)
        ws.query_one("#export-path", Input).value = str(tmp_path / "no-such-dir" / "r.json")
        ws.step(9).start_export()
        await settle(pilot, 5)
        status = str(ws.query_one("#export-status", Static).render())
        assert "Not written" in status
        assert not ws.exported
        assert isinstance(app.screen, type(ws))
