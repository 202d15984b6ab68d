"""Opening projects: broken catalogs, recovery after a crash, recent list, quitting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from selector.catalog import load_project, project_to_toml, save_project
from selector.tui.recent import add_recent, load_recent
from selector.tui.screens.start import StartScreen
from selector.tui.session import recovery_path
from selector.tui.widgets.form import ChoiceScreen

from .conftest import awkward_project
from .helpers import open_step, settle, until, workspace


@pytest.mark.asyncio
async def test_broken_catalog_files_are_listed_and_the_rest_loads(
        make_app, tmp_path: Path, vendor_text: str) -> None:
    extra = tmp_path / "consultant"
    extra.mkdir()
    (extra / "broken.toml").write_text("id = \"x\"\nname = [unclosed\n", "utf-8")
    (extra / "bad-vendor.toml").write_text(
        vendor_text.replace('id = "sap_sales_cloud"', 'id = "Bad Id"'), "utf-8")
    project = awkward_project()
    project.catalogs.paths = ["consultant"]
    path = tmp_path / "p.toml"
    save_project(project, path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        messages = [n.message for n in app._notifications]
        assert any("problem" in m for m in messages)
        ws.goto(5)
        await settle(pilot)
        text = str(ws.query_one("#problems-text", Static).render())
        assert "broken.toml:2" in text
        assert "TOML syntax error" in text
        assert "bad-vendor.toml" in text
        assert ws.query_one("#offerings").row_count >= 30


CRASHED = "otherhost-4242"
"""A window on another machine that stopped without saving."""


@pytest.mark.asyncio
async def test_newer_recovery_copy_is_offered_and_restored(make_app, project_file) -> None:
    newer = awkward_project()
    newer.name = "Restored work ✓"
    copy = recovery_path(project_file, CRASHED)
    copy.write_text(project_to_toml(newer), "utf-8")
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("r")
        ws = await workspace(pilot)
        assert ws.session.project.name == "Restored work ✓"
    assert load_project(project_file).project.name == "Restored work ✓"
    assert not copy.exists()


@pytest.mark.asyncio
async def test_declining_recovery_keeps_the_saved_file(make_app, project_file) -> None:
    newer = awkward_project()
    newer.name = "Crashed work"
    copy = recovery_path(project_file, CRASHED)
    copy.write_text(project_to_toml(newer), "utf-8")
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("d")
        ws = await workspace(pilot)
        assert ws.session.project.name == awkward_project().name
    assert not copy.exists()


@pytest.mark.asyncio
async def test_every_change_writes_a_recovery_copy_then_saves(make_app, project_file) -> None:
    app = make_app(project_file, autosave_delay=30)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, _ = await open_step(pilot, 8)
        ws.query_one("#checklist", DataTable).focus()
        await pilot.press("n")
        await settle(pilot)
        assert recovery_path(project_file).exists()
        assert ws.session.dirty
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("s")
        await settle(pilot)
    assert load_project(project_file).project.readiness["executive_sponsor"] == "no"
    assert not recovery_path(project_file).exists()


@pytest.mark.asyncio
async def test_quit_without_unsaved_changes_does_not_ask(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await workspace(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceScreen)
    assert app.return_code == 0


def test_recent_list_tolerates_a_broken_file(tmp_path: Path) -> None:
    recent = tmp_path / "recent.json"
    recent.write_text("{not json", "utf-8")
    assert load_recent(recent) == []
    recent.write_text(json.dumps({"recent": [1, None, "/a.toml"]}), "utf-8")
    assert load_recent(recent) == [Path("/a.toml")]
    add_recent(tmp_path / "b.toml", recent)
    add_recent(tmp_path / "b.toml", recent)
    assert load_recent(recent)[0] == (tmp_path / "b.toml").resolve()
    assert len(load_recent(recent)) == 2


@pytest.mark.asyncio
async def test_opening_adds_to_recent_and_broken_project_shows_problems(
        make_app, project_file, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format_version = 1\nname = 3\n', "utf-8")
    app = make_app(bad)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        from selector.tui.screens.problems import ProblemsScreen

        await until(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        assert "bad.toml:2" in str(app.screen.query_one(".problem", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await workspace(pilot)
    assert load_recent(tmp_path / "recent.json") == [project_file.resolve()]


@pytest.mark.asyncio
async def test_guided_tour_opens_a_copy(make_app) -> None:
    from selector.catalog.shipped import example_project

    before = example_project().read_bytes()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        ws = await workspace(pilot)
        assert ws.session.tour
        assert ws.session.path != example_project()
        # the tour's copy sits in a temporary folder removed on exit: exports must not go there
        assert ws.session.export_folder == Path.cwd()
        assert ws.session.export_folder != ws.session.path.parent
        ws.goto(8)
        await settle(pilot)
        ws.query_one("#checklist", DataTable).focus()
        await pilot.press("n")
        await pilot.pause(0.3)
        await settle(pilot)
    assert example_project().read_bytes() == before


@pytest.mark.asyncio
async def test_theme_toggle_palette_and_help(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark != dark
        await pilot.press("f1")
        await settle(pilot)
        from selector.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"step 7")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert ws.current == 7


@pytest.mark.asyncio
async def test_user_text_renders_literally(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(120, 40)) as pilot:
        ws = await workspace(pilot)
        table = ws.query_one("#stakeholders DataTable", DataTable)
        cells = [str(table.get_cell_at((r, 0))) for r in range(table.row_count)]
        assert cells == ["Åsa Öberg [red]", "Søren Ærø <b>&</b>", "李伟 😀"]
        summary = str(ws.query_one("#team-summary", Static).render())
        assert "[red]CRM[/red] & <b>2026</b>" in summary
        assert "Blåbær & Søn A/S" in summary


@pytest.mark.asyncio
async def test_a_new_project_over_an_existing_file_says_it_exists(make_app, tmp_path) -> None:
    """The field said "not a new .toml file in an existing folder" for a file that exists: it
    now says what is wrong, as the user types."""
    from textual.widgets import Input

    from selector.tui.widgets.form import FormScreen

    taken = tmp_path / "taken.toml"
    taken.write_text("# mine\n", "utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        field = app.screen.query_one("#field-path", Input)
        field.focus()
        await pilot.press("ctrl+u")  # clear the suggested name, then type as a person would
        for key in str(taken):
            await pilot.press(key if key != " " else "space")
        await settle(pilot)
        shown = str(app.screen.query_one("#error-path", Static).render())
        assert shown == "already exists; choose another name or open it instead"
    assert taken.read_text("utf-8") == "# mine\n"
