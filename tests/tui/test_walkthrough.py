"""A new team walks through all nine steps with the keyboard, from the start screen to export.

Asserts on what matters to the team: the saved project file (reloaded with load_project) and the
exported result.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from selector.catalog import load_project
from selector.tui.steps.candidates import OfferingTable
from selector.tui.widgets.form import FormScreen

from .helpers import settle, until, workspace


@pytest.mark.asyncio
async def test_new_project_from_start_to_export(make_app, tmp_path: Path) -> None:
    app = make_app()
    path = tmp_path / "acme.toml"
    async with app.run_test(size=(100, 30)) as pilot:
        # Start screen → new project form.
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        form.query_one("#field-path", Input).value = str(path)
        form.query_one("#field-name", Input).value = "Acme 中文 [red]x"
        await pilot.press("ctrl+s")
        ws = await workspace(pilot)
        assert path.exists()
        assert ws.current == 1

        # 1 · Team: add a stakeholder through the form.
        ws.query_one("#stakeholders DataTable").focus()
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-name", Input).value = "Åsa Öberg [red]"
        app.screen.query_one("#field-department", Input).value = "Sales"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # … and an objective for the first area.
        ws.query_one("#objectives DataTable").focus()
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-text", Input).value = "Shorter sales cycle"
        app.screen.query_one("#field-metric", Input).value = "Median days"
        await pilot.press("ctrl+s")
        await settle(pilot)

        # 2 · Context: a wrong answer is explained and not saved; a right one is.
        ws.focus()
        await pilot.press("escape")
        ws.goto(2)
        await settle(pilot)
        weeks = ws.query_one("#a-go_live_weeks", Input)
        weeks.focus()
        weeks.value = "0"
        await pilot.press("enter")
        await settle(pilot)
        assert "at least 1" in str(ws.query_one("#err-go_live_weeks", Static).render())
        assert "go_live_weeks" not in ws.session.project.answers
        weeks.value = "20"
        await pilot.press("enter")
        await settle(pilot)
        assert ws.session.project.answers["go_live_weeks"] == 20

        # 3 · Needs: open_apis becomes a must-have at level 3.
        ws.goto(3)
        await settle(pilot)
        needs = ws.step(3)
        needs.criterion_id = "open_apis"
        needs._show_detail()
        await settle(pilot)
        ws.query_one("#prio-must").value = True
        await settle(pilot)
        threshold = ws.query_one("#threshold", Input)
        threshold.focus()
        threshold.value = "3"
        await pilot.press("enter")
        await settle(pilot)
        assert ws.session.project.requirements["open_apis"].priority == "must"
        assert ws.session.project.requirements["open_apis"].threshold == 3.0

        # 4 · Weights: points with the keyboard, then lock.
        ws.goto(4)
        await settle(pilot)
        table = ws.query_one("#points", DataTable)
        table.focus()
        await pilot.press("right", "right", "down", "right")
        await pilot.press("l")
        await settle(pilot)
        weights = ws.session.project.weights[ws.session.project.stakeholders[0].id]
        assert weights.points["functional_fit"] == 10.0
        assert ws.session.project.history.weights_locked_at is not None

        # 5 · Candidates: shortlist a vendor (its heading: every offering) and, three rows
        # down past its two offerings, a single offering, with Space.
        ws.goto(5)
        await settle(pilot)
        offerings = ws.query_one(OfferingTable)
        assert app.focused is offerings
        await pilot.press("space", "down", "down", "down", "space")
        await settle(pilot)
        assert len(ws.session.project.shortlist) == 2

        # 6 · Scores: arriving is not looking; moving through the scores is, and is recorded.
        ws.goto(6)
        await settle(pilot)
        assert ws.session.project.history.scores_seen_at is None
        matrix = ws.query_one("#matrix", DataTable)
        assert app.focused is matrix
        await pilot.press("down")  # from "resting on judgement" to the first value
        await settle(pilot)
        assert ws.session.project.history.scores_seen_at is not None
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-value", Input).value = "2"
        app.screen.query_one("#field-rationale", Input).value = "Demo showed gaps"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(ws.session.project.overrides) == 1
        assert "✎" in str(matrix.get_cell_at(matrix.cursor_coordinate))

        # 7 · Results: the what-if moves the ranking but never the saved project.
        ws.goto(7)
        await settle(pilot)
        before = ws.session.project.model_copy(deep=True)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("right", "right", "right")
        await settle(pilot)
        results = ws.step(7)
        assert results.what_if_rec is not None
        assert ws.session.project == before
        await pilot.press("escape")
        await settle(pilot)

        # 8 · Readiness: y answers the highlighted item and moves on.
        ws.goto(8)
        await settle(pilot)
        ws.query_one("#checklist", DataTable).focus()
        await pilot.press("y", "n")
        await settle(pilot)
        answers = ws.session.project.readiness
        assert list(answers.values()) == ["yes", "no"]

        # 9 · Export the JSON result.
        ws.goto(9)
        await settle(pilot)
        ws.query_one("#export-path", Input).value = "acme-result.json"
        ws.step(9).start_export()
        await until(pilot, lambda: ws.exported)
        await pilot.pause(0.2)

    saved = load_project(path)
    assert saved.problems == []
    project = saved.project
    assert project is not None
    assert project.name == "Acme 中文 [red]x"
    assert [s.name for s in project.stakeholders] == ["Åsa Öberg [red]"]
    assert project.business_areas[0].objectives[0].metric == "Median days"
    assert project.answers["go_live_weeks"] == 20
    assert project.requirements["open_apis"].threshold == 3.0
    assert project.history.weights_locked_at is not None
    assert project.history.scores_seen_at is not None
    assert project.overrides[0].rationale == "Demo showed gaps"
    assert project.overrides[0].at is not None
    assert len(project.shortlist) == 2
    assert not (tmp_path / "acme.toml.autosave").exists()
    result = json.loads((tmp_path / "acme-result.json").read_text("utf-8"))
    assert result["project_name"] == "Acme 中文 [red]x"
    assert result["headline"]
