"""Nobody's work is lost on a shared project file (issue 16, "Lost work").

Each test changes the project with the keys a team would press (step 8's checklist: `n` answers
"no" to the highlighted item) and then looks at the files on disk: the project, its link, its
read-only mode, the recovery copies of this window and of another one, and what the UI said.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

import pytest

from selector.catalog import load_project, project_to_toml, save_project
from selector.catalog.files import remove_stale_temporaries
from selector.tui.session import INSTANCE, newer_recovery, recovery_path
from selector.tui.widgets.form import ChoiceScreen

from .conftest import awkward_project
from .helpers import settle, until, workspace


async def answer_no_in_step_8(pilot) -> None:  # noqa: ANN001
    """A change made by keys: go to step 8 and answer the first checklist item "no"."""
    ws = await workspace(pilot)
    await pilot.press("8")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    assert ws.session.project.readiness["executive_sponsor"] == "no"


def messages(app) -> list[str]:  # noqa: ANN001
    return [str(n.message) for n in app._notifications]


@pytest.mark.asyncio
async def test_a_read_only_project_is_never_overwritten_without_asking(
        make_app, project_file: Path) -> None:
    project_file.chmod(0o444)
    before = project_file.read_bytes()
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer_no_in_step_8(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert "read-only" in app.screen.title_text
        assert project_file.read_bytes() == before  # asked, not written
        assert recovery_path(project_file).exists()  # the work is safe meanwhile
        await pilot.press("o")  # overwrite it anyway
        await settle(pilot)
        await pilot.pause(0.2)
    assert load_project(project_file).project.readiness["executive_sponsor"] == "no"
    assert stat.S_IMODE(project_file.stat().st_mode) == 0o444  # still read-only
    assert not recovery_path(project_file).exists()


@pytest.mark.asyncio
async def test_a_read_only_project_can_be_kept_and_the_work_saved_as_a_copy(
        make_app, project_file: Path) -> None:
    project_file.chmod(0o444)
    before = project_file.read_bytes()
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer_no_in_step_8(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("c")
        await settle(pilot)
    copy = project_file.with_name("project-mine.toml")
    assert project_file.read_bytes() == before
    assert load_project(copy).project.readiness["executive_sponsor"] == "no"


@pytest.mark.asyncio
async def test_saving_through_a_symlink_updates_the_target(make_app, project_file: Path) -> None:
    link = project_file.with_name("link.toml")
    link.symlink_to(project_file)
    app = make_app(link)
    async with app.run_test(size=(100, 30)) as pilot:
        await answer_no_in_step_8(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
    assert link.is_symlink() and link.resolve() == project_file.resolve()
    assert load_project(project_file).project.readiness["executive_sponsor"] == "no"


@pytest.mark.asyncio
async def test_a_second_writer_is_detected_and_mine_kept_as_a_copy(
        make_app, project_file: Path) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await workspace(pilot)
        theirs = awkward_project()
        theirs.name = "Saved by a colleague"
        save_project(theirs, project_file)  # the other window saves meanwhile
        await answer_no_in_step_8(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        assert "Someone else changed" in app.screen.title_text
        assert load_project(project_file).project.name == "Saved by a colleague"
        await pilot.press("c")  # keep mine as a copy
        await settle(pilot)
        ws = await workspace(pilot)
        assert ws.session.path.name == "project-mine.toml"
        assert any("project-mine.toml" in m for m in messages(app))
    assert load_project(project_file).project.name == "Saved by a colleague"
    mine = load_project(project_file.with_name("project-mine.toml")).project
    assert mine.readiness["executive_sponsor"] == "no"
    assert mine.name == awkward_project().name


@pytest.mark.asyncio
async def test_a_second_writer_can_be_loaded_or_overwritten(make_app, project_file: Path) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await workspace(pilot)
        theirs = awkward_project()
        theirs.name = "Theirs"
        save_project(theirs, project_file)
        await answer_no_in_step_8(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("l")  # load theirs
        await until(pilot, lambda: getattr(app.screen, "session", None) is not None
                    and app.screen.session.project.name == "Theirs")
        ws = await workspace(pilot)
        assert "executive_sponsor" not in ws.session.project.readiness or \
            ws.session.project.readiness["executive_sponsor"] != "no"
        # now they change it again, and this time mine wins
        theirs.name = "Theirs again"
        save_project(theirs, project_file)
        await answer_no_in_step_8(pilot)
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("o")
        await settle(pilot)
    saved = load_project(project_file).project
    assert saved.name == "Theirs" and saved.readiness["executive_sponsor"] == "no"


@pytest.mark.asyncio
async def test_each_window_keeps_its_own_recovery_copy(make_app, project_file: Path) -> None:
    # Another window, still running on this machine (our parent process stands in for it),
    # has unsaved work in its own recovery copy.
    other = recovery_path(project_file, f"{INSTANCE.rsplit('-', 1)[0]}-{os.getppid()}")
    other_work = awkward_project()
    other_work.name = "The other window's unsaved work"
    time.sleep(0.01)
    other.write_text(project_to_toml(other_work), "utf-8")
    assert newer_recovery(project_file) is None  # a running window's copy is not a crash
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        assert not isinstance(app.screen, ChoiceScreen)
        await answer_no_in_step_8(pilot)
        assert ws.session.recovery != other
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not ws.session.recovery.exists()  # ours is gone once saved
    assert other.read_text("utf-8") == project_to_toml(other_work)  # theirs is untouched


@pytest.mark.asyncio
async def test_stale_temporary_files_from_a_killed_save_are_removed(
        make_app, project_file: Path) -> None:
    stale = project_file.with_name(f".{project_file.name}.k1ll3d.tmp")
    stale.write_text("half a save", "utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = project_file.with_name(f".{project_file.name}.n0w.tmp")
    fresh.write_text("a save in progress", "utf-8")
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await workspace(pilot)
    assert not stale.exists()
    assert fresh.exists()  # someone may be writing it right now
    assert remove_stale_temporaries(project_file, older_than=0.0) == [fresh]


@pytest.mark.asyncio
async def test_a_full_disk_is_reported_truthfully(make_app, project_file: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    before = project_file.read_bytes()
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await workspace(pilot)

        def full(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", full)
        await answer_no_in_step_8(pilot)
        await pilot.pause(0.3)
        await settle(pilot)
        said = messages(app)
        assert any("Recovery copy" in n.title for n in app._notifications if n.title)
        assert any("No space left on device" in m and "only in this window" in m
                   for m in said)
        assert not any("kept in the recovery copy" in m for m in said)
        monkeypatch.undo()
        await pilot.press("ctrl+s")  # space freed: the work is still there and saves
        await settle(pilot)
    assert project_file.read_bytes() != before
    assert load_project(project_file).project.readiness["executive_sponsor"] == "no"


@pytest.mark.asyncio
async def test_quit_without_saving_puts_back_the_last_save(make_app, project_file: Path) -> None:
    before = project_file.read_bytes()
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await answer_no_in_step_8(pilot)
        await until(pilot, lambda: not ws.session.dirty)  # the autosave wrote it
        assert project_file.read_bytes() != before
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("d")  # quit without saving
        await settle(pilot)
    assert project_file.read_bytes() == before
    assert not any(project_file.parent.glob("*.autosave"))


@pytest.mark.asyncio
async def test_quit_without_saving_keeps_an_explicit_save(make_app, project_file: Path) -> None:
    app = make_app(project_file)
    async with app.run_test(size=(100, 30)) as pilot:
        ws = await workspace(pilot)
        await answer_no_in_step_8(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = project_file.read_bytes()
        await pilot.press("y")  # the next item: yes, after the save
        await until(pilot, lambda: not ws.session.dirty)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        await pilot.press("d")
        await settle(pilot)
    assert project_file.read_bytes() == saved
