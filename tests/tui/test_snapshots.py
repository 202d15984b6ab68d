"""Snapshots of every step at a fixed size, on a project full of awkward text.

Deterministic by construction: fixed date and clock, no sampling (n_samples=0), the project's
own seed, no temporary paths on screen. After a deliberate UI or catalog change, regenerate with
`pytest --snapshot-update tests/tui` and review the SVGs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from .helpers import settle, until, workspace

SIZE = (100, 30)


async def steady_cursors(pilot) -> None:  # noqa: ANN001
    """A focused field's cursor blinks on a timer, so a snapshot taken on a busy machine could
    catch it either way; a steady cursor draws the same every time."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def at_step(number: int, then=None):  # noqa: ANN001, ANN201
    async def run_before(pilot) -> None:  # noqa: ANN001
        ws = await workspace(pilot)
        ws.goto(number)
        await settle(pilot)
        if then is not None:
            await then(pilot, ws)
            await settle(pilot)
        await pilot.pause(0.1)
        await steady_cursors(pilot)

    return run_before


@pytest.mark.parametrize("number", range(1, 10))
def test_step(number: int, snap_compare, make_app, project_file) -> None:
    assert snap_compare(make_app(project_file), terminal_size=SIZE, run_before=at_step(number))


@pytest.mark.parametrize("number", [1, 4, 7])
def test_step_at_80x24(number: int, snap_compare, make_app, project_file) -> None:
    assert snap_compare(make_app(project_file), terminal_size=(80, 24),
                        run_before=at_step(number))


def test_start_screen(snap_compare, make_app, tmp_path: Path) -> None:
    (tmp_path / "recent.json").write_text(json.dumps(
        {"recent": ["/home/team/acme-crm.toml", "/home/team/nordlys [red].toml"]}))
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steady_cursors)


def test_what_if(snap_compare, make_app, project_file) -> None:
    async def nudge(pilot, ws) -> None:  # noqa: ANN001
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("right", "right", "right", "right")

    assert snap_compare(make_app(project_file), terminal_size=SIZE,
                        run_before=at_step(7, nudge))


def test_pairwise_weights(snap_compare, make_app, project_file) -> None:
    async def soren(pilot, ws) -> None:  # noqa: ANN001
        while pilot.app.focused is not ws.query_one("#who"):
            await pilot.press("shift+tab")
        await pilot.press("enter", "down", "enter")  # Søren answers pairwise
        await settle(pilot)

    assert snap_compare(make_app(project_file), terminal_size=SIZE,
                        run_before=at_step(4, soren))


def test_form_with_errors(snap_compare, make_app, project_file) -> None:
    async def bad_override(pilot, ws) -> None:  # noqa: ANN001
        from selector.tui.widgets.form import FormScreen

        ws.query_one("#matrix", DataTable).focus()
        await pilot.press("down", "e")  # the first value, under "resting on judgement"
        await until(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
        pilot.app.screen.query_one("#field-value", Input).value = "8"
        pilot.app.screen.query_one("#field-rationale", Input).value = "no"
        await settle(pilot)
        await pilot.press("ctrl+s")

    assert snap_compare(make_app(project_file), terminal_size=SIZE,
                        run_before=at_step(6, bad_override))


def test_help(snap_compare, make_app, project_file) -> None:
    async def help_screen(pilot, ws) -> None:  # noqa: ANN001
        await pilot.press("f1")

    assert snap_compare(make_app(project_file), terminal_size=SIZE,
                        run_before=at_step(1, help_screen))


def test_what_if_at_80x24(snap_compare, make_app, project_file) -> None:
    async def nudge(pilot, ws) -> None:  # noqa: ANN001
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("down", "right", "right")
        await until(pilot, lambda: not ws.step(7).what_if_pending)

    assert snap_compare(make_app(project_file), terminal_size=(80, 24),
                        run_before=at_step(7, nudge))


def test_restore_dialog(snap_compare, make_app, project_file) -> None:
    from selector.catalog import project_to_toml
    from selector.tui.session import recovery_path
    from selector.tui.widgets.form import ChoiceScreen

    from .conftest import awkward_project

    newer = awkward_project()
    newer.name = "Restored work ✓"
    newer.readiness = {"executive_sponsor": "no"}
    copy = recovery_path(project_file, "otherhost-7")
    copy.write_text(project_to_toml(newer), "utf-8")
    from .conftest import NOW

    stamp = NOW.timestamp()  # a fixed "when" on screen
    os.utime(project_file, (stamp - 3600, stamp - 3600))
    os.utime(copy, (stamp, stamp))

    async def wait(pilot) -> None:  # noqa: ANN001
        await until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.pause(0.1)
        await steady_cursors(pilot)

    assert snap_compare(make_app(project_file), terminal_size=SIZE, run_before=wait)


def test_changed_on_disk_dialog(snap_compare, make_app, project_file) -> None:
    from selector.catalog import save_project
    from selector.tui.widgets.form import ChoiceScreen

    from .conftest import awkward_project

    async def second_writer(pilot, ws) -> None:  # noqa: ANN001
        theirs = awkward_project()
        theirs.name = "Saved by a colleague"
        save_project(theirs, project_file)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await pilot.pause(0.1)

    assert snap_compare(make_app(project_file), terminal_size=SIZE,
                        run_before=at_step(8, second_writer))
