"""Regression tests for what a new user's trial of the terminal UI ran into.

One test (or more) per finding: a crash while typing, misleading bars and labels, the screen
scrolling away, Esc not leaving a field, keyboard gaps in step 3, lists acting on the wrong row,
repeated or badly joined text, ids from non-ASCII names, cut-off columns, and dialogs that said
something other than their buttons.
"""

from __future__ import annotations

import shutil
from itertools import takewhile
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Static, TabbedContent

from selector.catalog import load_project, project_to_toml, save_project
from selector.catalog.shipped import example_project
from selector.domain.recommendation import CandidateResult, MustHaveFailure
from selector.tui.session import recovery_path
from selector.tui.steps.candidates import CandidatesStep
from selector.tui.steps.needs import CriteriaTree
from selector.tui.steps.results import (
    EXCLUDED_SHOWN,
    ResultsStep,
    failure_reasons,
    stacked_bar,
)
from selector.tui.steps.scores import ScoresStep
from selector.tui.widgets.checklist import CheckList
from selector.tui.widgets.fit_table import FitTable, column_widths
from selector.tui.widgets.form import ChoiceScreen, ConfirmScreen, FormScreen
from selector.tui.widgets.validation import Check, slug

from .conftest import awkward_project
from .helpers import open_step, settle, until, workspace


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    """A copy of the shipped example, where custom builds are ruled out by the answers."""
    path = tmp_path / "example.toml"
    shutil.copyfile(example_project(), path)
    project = load_project(path).project
    project.answers = {**project.answers, "dev_capacity": "none", "go_live_weeks": 4}
    save_project(project, path)
    return path


def plain(widget: Static) -> str:
    return str(widget.render())


# ----------------------------------------------------------------- 1 validators never raise
@pytest.mark.asyncio
@pytest.mark.parametrize("typed", ["-", "abc", "1.5", "0", " "])
async def test_employees_field_explains_instead_of_crashing(make_app, project_file,
                                                            typed: str) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        ws.query_one("#stakeholders DataTable").focus()
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        field = app.screen.query_one("#field-employees", Input)
        field.focus()
        field.value = ""
        field.insert_text_at_cursor(typed)  # as typed: the integer field may refuse some keys
        await settle(pilot)
        field.value = typed  # as pasted or set: every validator sees the raw text
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Still the form, with the problem next to the field; the app did not crash.
        if typed.strip() != "":
            assert isinstance(app.screen, FormScreen)
            assert "whole number" in plain(app.screen.query_one("#error-employees", Static))


def test_check_validator_turns_exceptions_into_failures() -> None:
    check = Check(lambda v: int(v) >= 1, "a whole number")
    assert not check.validate("-").is_valid
    assert not check.validate("abc").is_valid
    assert check.validate("3").is_valid


# ----------------------------------------------------------------- 2 stacked bars
def test_stacked_bar_length_is_monotone_in_the_score() -> None:
    colours = {g: "red" for g in "abcdef"}

    def candidate(parts: dict[str, float]) -> CandidateResult:
        return CandidateResult(id="x", name="x", kind="offering", score=sum(parts.values()),
                               rank=1, group_contributions=parts)

    # 63.0 split in six groups that each round down; 61.6 in two that round up: rounding each
    # segment drew 12 cells for the higher score and 13 for the lower one.
    higher = candidate({g: 0.105 for g in "abcdef"})
    lower = candidate({"a": 0.275, "b": 0.341})
    width = 20

    def length(c: CandidateResult) -> int:
        return len(stacked_bar(c, colours, width).plain.rstrip("·"))

    assert higher.score > lower.score
    assert length(higher) > length(lower)
    assert length(higher) == round(higher.score * width)


# ----------------------------------------------------------------- 3, 8, 10 results text
@pytest.mark.asyncio
async def test_results_label_both_weights_and_state_each_reason_once(make_app,
                                                                     example_file) -> None:
    app = make_app(example_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, step = await open_step(pilot, 7)
        assert isinstance(step, ResultsStep)
        text = step.result_text(ws.best_recommendation()).plain
        assert "after your context answers' rules" in text
        # Every exclusion reason once, never a criterion name standing in for it.
        rec = ws.best_recommendation()
        assert rec is not None
        reasons = failure_reasons(rec.knocked_out_types)
        assert reasons
        kinds = text.split("\nKind of solution\n")[1].split("\nOfferings, ranked\n")[0]
        for reason in reasons:
            # Once for the kinds of solution (offerings of a ruled-out kind cite it too,
            # under their own name in the exclusions).
            assert kinds.count(reason) == 1, reason
        assert "excluded: Kind of solution" not in text
        excluded = [r for r in rec.offerings if r.excluded]
        assert excluded
        block = text.split("\nExcluded by a must-have")[1]
        for offering in excluded[:EXCLUDED_SHOWN]:
            after = block.split(f"\n{offering.name}\n", 1)[1].splitlines()
            shown = [line.strip()[2:] for line in takewhile(
                lambda line: line.startswith("   "), after)]
            assert shown == list(dict.fromkeys(f.reason for f in offering.failures)), shown
        # Percentages of the flip point carry one decimal, like the advisor's statements.
        flip = rec.robustness.smallest_flip
        if flip is not None and flip.flips_at is not None:
            assert f"from {flip.weight * 100:.1f}% to {flip.flips_at * 100:.1f}%" in text
        # The what-if panel says its weights are the team's, before the rules.
        await pilot.press("w")
        await settle(pilot)
        help_text = plain(step.query_one("#what-if-help", Static))
        assert "before the rules" in help_text


def test_failure_reasons_are_deduplicated() -> None:
    failure = MustHaveFailure(criterion_id="x", criterion_name="Kind of solution",
                              required="", actual="", reason="Custom is ruled out.")
    assert failure_reasons([failure, failure]) == ["Custom is ruled out."]


# ----------------------------------------------------------------- 4 only the step scrolls
@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
async def test_tabbing_through_step_2_keeps_the_step_bar(make_app, project_file,
                                                         size: tuple[int, int]) -> None:
    app = make_app(project_file)
    async with app.run_test(size=size) as pilot:
        ws, _ = await open_step(pilot, 2)
        for _ in range(12):
            await pilot.press("tab")
        await settle(pilot)
        assert ws.scroll_offset.y == 0
        assert ws.query_one("#step-bar").region.y == 1
        assert ws.query_one("#steps").scroll_offset.y == 0
        # Tables fit their width: no horizontal scrollbar under them.
        for number in (1, 4, 8):
            ws.goto(number)
            await settle(pilot)
            for table in ws.step(number).query(FitTable):
                if table.display and table.size.width:
                    assert not table.show_horizontal_scrollbar, table


# ----------------------------------------------------------------- 5 Esc leaves a field
@pytest.mark.asyncio
async def test_escape_leaves_a_text_field_so_step_keys_work(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, _ = await open_step(pilot, 2)
        weeks = ws.query_one("#a-go_live_weeks", Input)
        weeks.focus()
        await settle(pilot)
        before = weeks.value
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is ws.step(2).main_widget()
        assert not isinstance(app.focused, Input)
        await pilot.press("3")
        await settle(pilot)
        assert weeks.value == before
        assert ws.current == 3
        # The footer shows the step keys again (the workspace's at least).
        keys = {b.binding.key for b in app.active_bindings.values()}
        assert "right_square_bracket" in keys


@pytest.mark.asyncio
async def test_escape_in_step_1_shows_the_steps_own_keys(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("escape")  # closes the dialog
        await settle(pilot)
        assert app.focused is ws.query_one("#stakeholders DataTable")
        assert "o" in {b.binding.key for b in app.active_bindings.values()}
        await pilot.press("escape")  # leaves the list for the step: its keys stay
        await settle(pilot)
        assert app.focused is ws.step(1)
        assert "o" in {b.binding.key for b in app.active_bindings.values()}


# ----------------------------------------------------------------- 6 step 3 by keyboard
@pytest.mark.asyncio
async def test_priority_keys_in_the_criteria_tree(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, _ = await open_step(pilot, 3)
        tree = ws.query_one(CriteriaTree)
        assert app.focused is tree  # not the tab strip, where ←/→ switch tabs
        await pilot.press("down", "down")
        await settle(pilot)
        node = tree.cursor_node
        assert node is not None and node.data
        cid = str(node.data)
        await pilot.press("m")
        await settle(pilot)
        assert ws.session.project.requirements[cid].priority == "must"
        assert ws.query_one("#prio-must").value
        await pilot.press("c")
        await settle(pilot)
        assert ws.session.project.requirements[cid].priority == "could"
        await pilot.press("left", "space")
        await settle(pilot)
        assert ws.query_one("#needs-tabs", TabbedContent).active == "tab-criteria"
        keys = {b.binding.key: b.binding.description for b in app.active_bindings.values()}
        assert keys.get("m") == "Must" and keys.get("w") == "Won't"


@pytest.mark.asyncio
async def test_focused_input_is_visibly_highlighted(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, _ = await open_step(pilot, 2)
        weeks = ws.query_one("#a-go_live_weeks", Input)
        idle = weeks.styles.background
        weeks.focus()
        await settle(pilot)
        assert weeks.styles.background != idle


# ----------------------------------------------------------------- 7 new rows get the cursor
@pytest.mark.asyncio
async def test_added_stakeholder_gets_the_cursor_and_duplicates_warn(make_app,
                                                                     project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        table = ws.query_one("#stakeholders DataTable", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        app.screen.query_one("#field-name", Input).value = "Åsa Öberg [red]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        people = ws.session.project.stakeholders
        assert len(people) == 4
        assert table.cursor_row == 3
        assert any("same name" in str(n.message) for n in app._notifications)
        # Delete now removes the new row, not the one the cursor was on before.
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot)
        assert [s.id for s in ws.session.project.stakeholders] == ["asa", "soren", "li"]


# ----------------------------------------------------------------- 9 joining and plurals
@pytest.mark.asyncio
async def test_solution_type_lists_are_bulleted_and_counts_pluralised(make_app,
                                                                      example_file) -> None:
    app = make_app(example_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, step = await open_step(pilot, 5)
        assert isinstance(step, CandidatesStep)
        text = plain(step.query_one("#types-text", Static))
        assert ".;" not in text
        assert "  • " in text
        assert not any(f"{n:03d}_" in text for n in range(1, 10))  # cited, not file names
        ws.goto(7)
        await settle(pilot)
        results = ws.step(7).result_text(ws.best_recommendation()).plain
        assert "(s)" not in results


# ----------------------------------------------------------------- 11 ids from any name
def test_slug_transliterates_and_keeps_other_scripts_unique() -> None:
    assert slug("Åsa Ærø", set(), "person") == "asa_aero"
    assert slug("Łukasz Weiß", set(), "person") == "lukasz_weiss"
    assert slug("Þóra Œdipe", set(), "person") == "thora_oedipe"
    assert slug("Ðorđe", set(), "person") == "dorde"
    assert slug("李伟", set(), "person") == "person"
    assert slug("王芳", {"person"}, "person") == "person_2"
    assert slug("😀", {"person", "person_2"}, "person") == "person_3"


@pytest.mark.asyncio
async def test_editing_a_stakeholder_says_the_id_is_read_only(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        ws.query_one("#stakeholders DataTable").focus()
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        form = app.screen
        assert form.query_one("#field-id", Input).disabled
        words = " ".join(str(w.render()) for w in form.query(Static))
        assert "cannot change once created" in words
        assert "read-only" in words


# ----------------------------------------------------------------- 12 columns fit
def test_column_widths_fill_the_room_without_overflow() -> None:
    widths = column_widths((7, 1.0), 78, 1)
    assert widths == [7, 78 - 7 - 4]
    widths = column_widths((3.0, 2.0, 3.0), 40, 1)
    assert sum(widths) + 6 == 40


@pytest.mark.asyncio
async def test_long_cells_end_with_an_ellipsis_at_80x24(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(80, 24)) as pilot:
        ws, _ = await open_step(pilot, 8)
        table = ws.query_one("#checklist", DataTable)
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert sum(widths) <= table.size.width
        lines = [strip.text for strip in table.render_lines(table.region.reset_offset)]
        assert any(line.rstrip().endswith("…") for line in lines)


# ----------------------------------------------------------------- 13 recovery wording
@pytest.mark.asyncio
async def test_recovery_dialog_names_its_buttons(make_app, project_file) -> None:
    newer = awkward_project()
    newer.name = "Newer"
    recovery_path(project_file, "otherhost-1").write_text(project_to_toml(newer), "utf-8")
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert any(label.startswith("Restore them (r)") for label in labels)
        assert any(label.startswith("Discard them (d)") for label in labels)


# ----------------------------------------------------------------- 14 the tour explains itself
@pytest.mark.asyncio
async def test_tour_starts_with_an_explanation(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        ws = await workspace(pilot)
        assert ws.session.tour
        messages = [str(n.message) for n in app._notifications]
        assert any("copy of the example project" in m and "]" in m for m in messages)


# ----------------------------------------------------------------- 15 unanswered multi-choice
@pytest.mark.asyncio
async def test_unanswered_multi_choice_shows_nothing_ticked(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        assert "languages" not in ws.session.project.answers
        ws.goto(2)
        await settle(pilot)
        scope = ws.query_one("#a-languages", CheckList)
        assert scope.selected == []
        lines = [strip.text for strip in scope.render_lines(scope.region.reset_offset)]
        assert lines and not any("X" in line for line in lines)
        hint = ws.query_one("#q-languages .q-unanswered", Static)
        assert hint.display
        scope.focus()
        await pilot.press("space")
        await settle(pilot)
        assert ws.session.project.answers["languages"] == [scope.get_option_at_index(0).value]
        assert not hint.display
        lines = [strip.text for strip in scope.render_lines(scope.region.reset_offset)]
        assert sum("X" in line for line in lines) == 1


# ----------------------------------------------------------------- 16 override dialog
@pytest.mark.asyncio
async def test_override_dialog_labels_catalog_value_and_evidence(make_app,
                                                                 project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, step = await open_step(pilot, 6)
        assert isinstance(step, ScoresStep)
        ws.query_one("#matrix", DataTable).focus()
        await pilot.press("down")  # past the "resting on judgement" row, to the first value
        await settle(pilot)
        evidence = plain(step.query_one("#evidence-text", Static))
        assert "Value used:" in evidence
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await settle(pilot)
        intro = app.screen.intro
        assert "Catalog value" in intro and "evidence:" in intro
        # The level descriptor in the dialog is the one the detail pane shows.
        value = intro.split("Catalog value ", 1)[1].split("; evidence:", 1)[0]
        assert value in evidence


# ----------------------------------------------------------------- sources are cited
@pytest.mark.asyncio
async def test_readiness_cites_sources_not_file_names(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws, _ = await open_step(pilot, 8)
        detail = plain(ws.query_one("#item-detail", Static))
        assert "Source:" in detail
        assert ".txt" not in detail


def test_path_checks_explain_unusable_paths_instead_of_raising(tmp_path: Path) -> None:
    from selector.tui.app import _path_problem
    from selector.tui.steps.export import export_problem

    for value in ("~no_such_user_here/x.toml", "a\0b.toml"):
        assert _path_problem(value, must_exist=False)
        assert _path_problem(value, must_exist=True)
    assert export_problem("~no_such_user_here/x.json", tmp_path)
    assert export_problem("a\0b.json", tmp_path)


@pytest.mark.asyncio
async def test_entering_a_step_never_focuses_a_text_field(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(80, 24)) as pilot:
        ws = await workspace(pilot)
        for number in range(1, 10):
            ws.goto(number)
            await settle(pilot)
            assert not isinstance(app.focused, Input), number
        # So digits always move between steps.
        for key in "5293":
            await pilot.press(key)
            await settle(pilot)
            assert ws.current == int(key)
