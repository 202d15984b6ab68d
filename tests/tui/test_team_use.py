"""A procurement team uses the UI without a facilitator (issue 14): one test per finding, each
driven by the keys a person presses, asserting what the screen shows and what the file holds.
"""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Select, SelectionList, Static, Tree

from selector.catalog import load_project
from selector.catalog.shipped import example_project
from selector.tui import advice
from selector.tui.session import recovery_path
from selector.tui.steps import scores
from selector.tui.steps.candidates import OfferingTable
from selector.tui.widgets.focus_line import FocusLine
from selector.tui.widgets.form import ChoiceScreen, ConfirmScreen, FormScreen
from selector.tui.widgets.step_bar import StepBar

from .conftest import awkward_project
from .helpers import focus_until, settle, type_text, until, workspace


def plain(widget: Static) -> str:
    return str(widget.render())


def screen_text(app) -> str:  # noqa: ANN001
    """Every character on the screen, as the team sees it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    path = tmp_path / "nordlys.toml"
    shutil.copyfile(example_project(), path)
    return path


# ----------------------------------------------------------------- 1 stray keys, visible focus
@pytest.mark.asyncio
async def test_tab_never_leaves_the_step_and_the_focus_line_says_where_keys_go(
        make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("2")
        await settle(pilot)
        step = ws.step(2)
        line = ws.query_one(FocusLine)
        seen = set()
        await pilot.press("shift+tab")  # from the questions list back round to the last field
        last = app.focused
        assert step in last.ancestors
        for _ in range(6):  # past the last field: round to the first ones, never out
            await pilot.press("tab")
            await pilot.pause()
            assert step in app.focused.ancestors, app.focused
            seen.add(type(app.focused).__name__)
            words = plain(line)
            assert words.startswith(("Typing into:", "Choice:", "Choices:", "Keys act on"))
        assert "Input" in seen
        weeks = ws.query_one("#a-go_live_weeks", Input)
        await focus_until(pilot, lambda w: w is weeks)
        assert plain(line).startswith("Typing into: ")
        assert "Esc leaves the field" in plain(line)


@pytest.mark.asyncio
async def test_typing_outside_a_field_changes_nothing(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("2")
        await settle(pilot)
        before = ws.session.project.model_copy(deep=True)
        await pilot.press("escape")  # out of any field: the questions list
        await type_text(pilot, "we need about weeks of time")
        await settle(pilot)
        assert ws.current == 2
        assert ws.session.project == before


@pytest.mark.asyncio
async def test_passing_through_step_6_is_not_looking_at_the_scores(
        make_app, project_file, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scores, "SEEN_AFTER_SECONDS", 1.5)
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("5", "6", "7")  # straight through
        await settle(pilot)
        await pilot.pause(1.7)
        assert ws.session.project.history.scores_seen_at is None
        assert "after seeing" not in ws.step(7).result_text(ws.recommendation).plain.lower()
        await pilot.press("6")
        await settle(pilot)
        banner = plain(ws.query_one("#scores-banner", Static))
        assert "Not marked as seen yet" in banner
        await pilot.pause(1.7)  # the team stays and reads
        await settle(pilot)
        assert ws.session.project.history.scores_seen_at is not None
        assert "first saw these scores on 2026-03-02 09:30" in plain(
            ws.query_one("#scores-banner", Static))


@pytest.mark.asyncio
async def test_moving_in_the_scores_counts_as_looking(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("6")
        await settle(pilot)
        assert ws.session.project.history.scores_seen_at is None
        await pilot.press("down")
        await settle(pilot)
        assert ws.session.project.history.scores_seen_at is not None


# ----------------------------------------------------------------- 2 pairwise revisit
@pytest.mark.asyncio
async def test_revisiting_a_judgment_stores_the_answer_under_that_pair(
        make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("4")
        await settle(pilot)
        who = ws.query_one("#who", Select)
        await focus_until(pilot, lambda w: w is who, key="shift+tab")
        await pilot.press("enter", "down", "enter")  # Søren, who answers pairwise
        await settle(pilot)
        assert ws.step(4).stakeholder_id == "soren"
        question = plain(ws.query_one("#pair-question", Static))
        assert "Functional fit" not in question or "Cost" not in question  # the next pair
        judgments = ws.query_one("#judgments", DataTable)
        await focus_until(pilot, lambda w: w is judgments)
        await pilot.press("enter")  # answer "functional fit vs cost" again
        await settle(pilot)
        question = plain(ws.query_one("#pair-question", Static))
        assert question.startswith("Answer again:")
        assert app.focused is ws.query_one("#pair-4", Button)
        await pilot.press("left", "left", "enter")  # ◀5×: the left group 5 times as important
        await settle(pilot)
        stored = ws.session.project.weights["soren"].judgments
        assert len(stored) == 1
        assert (stored[0].a, stored[0].b, stored[0].value) == ("functional_fit", "cost", 5.0)


# ----------------------------------------------------------------- 5, 9 keys work on arrival
@pytest.mark.asyncio
async def test_points_keys_work_as_soon_as_step_4_opens(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("4")
        await settle(pilot)
        first = ws.session.catalog.library.groups[0].id
        before = ws.session.project.weights["asa"].points.get(first, 0.0)
        await pilot.press("plus")
        await settle(pilot)
        assert ws.session.project.weights["asa"].points[first] == before + 5


@pytest.mark.asyncio
async def test_step_3_who_asked_takes_space_at_once_and_esc_returns_to_the_tree(
        make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("3")
        await settle(pilot)
        tree = ws.query_one("#criteria-tree", Tree)
        assert app.focused is tree
        assert tree.cursor_node.data == ws.step(3).criterion_id  # where the detail is
        await pilot.press("down")
        await settle(pilot)
        cid = ws.step(3).criterion_id
        assert tree.cursor_node.data == cid
        people = ws.query_one("#requested-by", SelectionList)
        await focus_until(pilot, lambda w: w is people)
        await pilot.press("space")  # no arrow first
        await settle(pilot)
        assert ws.session.project.requirements[cid].requested_by == ["asa"]
        threshold = ws.query_one("#threshold", Input)
        await focus_until(pilot, lambda w: w is threshold, key="shift+tab")
        await pilot.press("escape")
        assert app.focused is tree


@pytest.mark.asyncio
async def test_search_results_are_reached_with_enter_or_down_and_space_takes_the_first(
        make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("5")
        await settle(pilot)
        offerings = ws.query_one(OfferingTable)
        await pilot.press("down", "down", "down")  # somewhere in the list
        await pilot.press("slash")
        await type_text(pilot, "espo")
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is offerings
        assert offerings.cursor == 0
        assert offerings.rows[0].cells[1].plain.startswith("EspoCRM")  # the vendor's heading
        await pilot.press("space")  # the whole vendor: every offering
        await settle(pilot)
        assert ws.session.project.shortlist[-1] == "espocrm"
        await pilot.press("slash", "ctrl+a", "ctrl+k")  # search again, with ↓ this time
        await type_text(pilot, "odoo")
        await pilot.press("down")
        await settle(pilot)
        assert app.focused is offerings
        assert offerings.cursor == 0  # the first result, which Space would shortlist
        assert "Odoo" in offerings.rows[0].cells[1].plain


@pytest.mark.asyncio
async def test_a_search_of_several_words_finds_offerings_with_all_of_them_in_any_order(
        make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("5")
        await settle(pilot)
        offerings = ws.query_one(OfferingTable)
        await pilot.press("slash")
        await type_text(pilot, "enterprise  hubspot")
        await pilot.press("enter")
        await settle(pilot)
        listed = [row.cells[1].plain.strip() for row in offerings.rows]
        # the vendor's heading, then its one Enterprise edition (not Professional)
        assert listed[0].startswith("HubSpot Sales Hub")
        assert listed[1:] == ["HubSpot Sales Hub Enterprise"]


# ----------------------------------------------------------------- 6 what-if shows its result
@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_what_if_keeps_every_group_and_the_ranking_on_screen(
        make_app, example_file, size: tuple[int, int]) -> None:
    app = make_app(example_file)
    async with app.run_test(size=size) as pilot:
        ws = await workspace(pilot)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        table = ws.query_one("#what-if-table", DataTable)
        groups = len(ws.session.catalog.library.groups)
        assert table.row_count == groups
        first = screen_text(app)
        await pilot.press("down", "right", "right", "right")
        await until(pilot, lambda: not ws.step(7).what_if_pending)
        text = screen_text(app)
        for group in ws.session.catalog.library.groups:  # every group's row is on screen
            assert group.name[:12] in text, group.name
        assert "WHAT-IF ranking" in text
        top = next(r.name for r in ws.step(7).what_if_rec.offerings if not r.excluded)
        assert top[:15] in text
        assert text != first


# ----------------------------------------------------------------- 7 scores keep their labels
@pytest.mark.asyncio
async def test_scrolling_the_scores_right_keeps_the_criterion_column(make_app,
                                                                     example_file) -> None:
    app = make_app(example_file)
    async with app.run_test(size=(80, 24)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("6")
        await settle(pilot)
        matrix = ws.query_one("#matrix", DataTable)
        first_criterion = ws.session.catalog.library.groups[0].criteria[0].name
        await pilot.press(*["right"] * (len(matrix.columns) - 1))
        await settle(pilot)
        assert matrix.scroll_x > 0
        assert first_criterion[:12] in screen_text(app)
        # Quantities say their unit.
        assert any("(EUR" in str(matrix.get_cell_at((r, 0))) for r in range(matrix.row_count))


# ----------------------------------------------------------------- 10 nothing cut silently
@pytest.mark.asyncio
async def test_at_80x24_every_step_name_shows_and_long_labels_end_in_an_ellipsis(
        make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(80, 24)) as pilot:
        ws = await workspace(pilot)
        bar = ws.query_one(StepBar)
        from selector.tui.steps.registry import STEPS

        shown = "\n".join(strip.text for strip in bar.render_lines(bar.region.reset_offset))
        for step in STEPS:
            assert f"{step.number} {step.tiny}" in shown or f"{step.number} {step.short}" in shown
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("m")  # a must-have without a threshold: a longer label
        await settle(pilot)
        tree = ws.query_one("#criteria-tree", Tree)
        lines = [strip.text.rstrip() for strip in tree.render_lines(tree.region.reset_offset)]
        labels = [line for line in lines if "[" in line]
        assert any(line.endswith("threshold") for line in labels)
        assert all(len(line) <= tree.size.width for line in lines)
        long_names = [c.name for g in ws.session.catalog.library.groups for c in g.criteria
                      if len(c.name) > tree.size.width - 8]
        if long_names:
            assert any("…" in line for line in labels)


@pytest.mark.asyncio
async def test_a_long_shortlist_says_how_many_are_not_named(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(80, 24)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("5")
        await settle(pilot)
        for _ in range(6):
            await pilot.press("down", "space")
        await settle(pilot)
        line = plain(ws.query_one("#shortlist-line", Static))
        count = len(ws.session.project.shortlist)
        assert f"Shortlist ({count})" in line
        names = {v.id: v.name for v in ws.session.catalog.vendors} | {
            o.id: o.name for o in ws.session.catalog.offerings}
        listed, counts = line.split(f"Shortlist ({count}): ", 1)[1].rsplit("  · ", 1)
        assert counts.endswith("offerings shown")
        more = re.search(r" \+ (\d+) more$", listed)
        hidden = int(more.group(1)) if more else 0
        listed = listed[:more.start()] if more else listed
        shown = [names[i] for i in ws.session.project.shortlist[:count - hidden]]
        assert shown, line  # the first, at least, even when its name is cut
        for name in shown[:-1]:
            assert name in listed
        last = shown[-1]  # the last one named may end in "…"
        assert listed.endswith(last) or (listed.endswith("…") and
                                         last.startswith(listed.rsplit(", ", 1)[-1][:-1]))


# ----------------------------------------------------------------- 11 names told apart
@pytest.mark.asyncio
async def test_people_with_the_same_name_are_told_apart(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("a")  # the stakeholders list has the focus
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await type_text(pilot, "Åsa Öberg [red]")
        await pilot.press("tab")
        await type_text(pilot, "Finance")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("d")  # delete the new one: the question says which
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "Åsa Öberg [red] (Finance)" in app.screen.message
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        labels = [str(prompt) for prompt, _ in ws.query_one("#who", Select)._options]
        assert "Åsa Öberg [red] (Sales ä ö)" in labels
        assert "Åsa Öberg [red] (Finance)" in labels


# ----------------------------------------------------------------- 12 comments, restore, shot
@pytest.mark.asyncio
async def test_the_commented_template_keeps_its_comments_when_the_ui_saves(
        make_app, tmp_path: Path) -> None:
    app = make_app()
    path = tmp_path / "acme.toml"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, str(path))
        await pilot.press("tab")
        await type_text(pilot, "Acme")
        await pilot.press("enter")
        ws = await workspace(pilot)
        template = path.read_text("utf-8")
        await pilot.press("8")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not ws.session.dirty
    saved = path.read_text("utf-8")
    assert load_project(path).project.readiness["executive_sponsor"] == "yes"
    comments = [line for line in template.splitlines() if line.startswith("# ")]
    kept = [line for line in saved.splitlines() if line.startswith("# ")]
    assert len(kept) >= len(comments) - 1
    assert len(saved) > 0.9 * len(template)


@pytest.mark.asyncio
async def test_the_restore_dialog_says_what_changed_and_has_its_own_keys(
        make_app, project_file) -> None:
    from selector.catalog import project_to_toml

    newer = awkward_project()
    newer.name = "Restored work ✓"
    newer.readiness = {"executive_sponsor": "no"}
    time.sleep(0.01)
    recovery_path(project_file, "otherhost-7").write_text(project_to_toml(newer), "utf-8")
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        details = " ".join(app.screen.details)
        assert "“Restored work ✓”" in details
        assert "executive sponsor: “yes” → “no”" in details
        keys = {b.binding.key for b in app.screen.active_bindings.values()}
        assert {"r", "d", "escape"} <= keys
        await pilot.press("n")  # the start screen's "new project" key does nothing here
        await settle(pilot)
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")  # not now: nothing opened, nothing deleted
        await settle(pilot)
        assert recovery_path(project_file, "otherhost-7").exists()


@pytest.mark.asyncio
async def test_a_screenshot_from_the_palette_works_without_a_downloads_folder(
        make_app, project_file, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await workspace(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "screenshot")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)
    shots = list(project_file.parent.glob("*.svg"))
    assert shots, [str(n.message) for n in app._notifications]
    assert not (home / "Downloads").exists()


# ----------------------------------------------------------------- 13 asked once
@pytest.mark.asyncio
async def test_scope_and_pilot_are_asked_in_one_place(make_app, project_file) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert not ws.query("#q-scope") and not ws.query("#q-pilot_planned")
        assert "Asked in another step" in screen_text(app)
        await pilot.press("8")
        await settle(pilot)
        items = [i.id for i in ws.session.catalog.questionnaire.readiness]
        await pilot.press(*["down"] * items.index("pilot_or_prototype"), "y")
        await settle(pilot)
        # the readiness item is the answer: no second copy in the answers to disagree with it
        assert ws.session.project.readiness["pilot_or_prototype"] == "yes"
        assert "pilot_planned" not in ws.session.project.answers
        await pilot.press("1")
        await settle(pilot)
        areas = ws.query_one("#areas DataTable", DataTable)
        await focus_until(pilot, lambda w: w is areas)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await type_text(pilot, "Marketing")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "scope" not in ws.session.project.answers  # the areas in scope answer it
        areas = {a.name: a.in_scope for a in ws.session.project.business_areas}
        assert areas.get("Marketing") is True


# ----------------------------------------------------------------- 14, 15 never waits
@pytest.mark.asyncio
async def test_a_slow_advisor_never_shows_an_old_result_as_current(
        make_app, project_file, monkeypatch: pytest.MonkeyPatch) -> None:
    real = advice.advise
    calls: list[float] = []

    def slow(catalog, project, **kwargs):  # noqa: ANN001, ANN003, ANN202
        calls.append(sum(project.weights["asa"].points.values()))
        time.sleep(1.0)
        return real(catalog, project, **kwargs)

    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("4")
        await settle(pilot)
        monkeypatch.setattr(advice, "advise", slow)
        started = time.perf_counter()
        await pilot.press("plus")
        await pilot.press("plus")
        keys_took = time.perf_counter() - started
        assert ws.ranking.updating  # the screen says a newer result is coming
        await until(pilot, lambda: not ws.ranking.updating)
        points = sum(ws.session.project.weights["asa"].points.values())
        assert calls[-1] == points  # the result shown is for the project as it is now
        assert keys_took < 1.0  # the keys did not wait for the advisor (2 × 1 s)


@pytest.mark.asyncio
async def test_an_advisor_failure_is_said_not_swallowed(
        make_app, project_file, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise ValueError("engine exploded")

    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("4")
        await settle(pilot)
        monkeypatch.setattr(advice, "advise", broken)
        await pilot.press("plus")
        await until(pilot, lambda: not ws.ranking.updating)
        assert any("engine exploded" in str(n.message) for n in app._notifications)
        await pilot.press("7")
        await settle(pilot)
        assert "engine exploded" in screen_text(app)


@pytest.mark.asyncio
async def test_a_choice_list_never_covers_the_footer_at_80x24(make_app, example_file) -> None:
    from textual.widgets import Footer

    app = make_app(example_file)
    async with app.run_test(size=(80, 24)) as pilot:
        ws = await workspace(pilot)
        await pilot.press("2")
        await settle(pilot)
        footer_top = ws.query_one(FocusLine).region.y
        opened = 0
        for _ in range(40):
            await pilot.press("tab")
            await pilot.pause()
            if not isinstance(app.focused, Select):
                continue
            await pilot.press("enter")  # open the list of choices
            await settle(pilot)
            overlay = app.focused
            assert overlay.region.bottom <= footer_top, (overlay.region, footer_top)
            assert ws.query_one(Footer).region.y >= overlay.region.bottom
            await pilot.press("escape")  # close it, answer unchanged
            await settle(pilot)
            opened += 1
            if opened == 3:
                break
        assert opened == 3
