"""Reading hostile files never tracebacks or hangs, and says what is wrong, where.

The corpus runs the real command in a subprocess for each kind of bad file; the tests below
pin the exact messages (file, line, reason) a consultant reads.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from selector.catalog import load_catalog
from selector.catalog.files import read_toml
from selector.catalog.problems import Problem, display_path
from selector.catalog.shipped import example_project, shipped_root
from selector.cli import main

from .corpus.check import cases_of, check


def test_corpus_reading() -> None:
    check(cases_of("reading"))


def test_corpus_reading_unreadable_files_and_folders() -> None:
    check(cases_of("reading", other_user=True))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _vendor(vendor_id: str = "hostile_vendor") -> str:
    # a vendor sold as one offering, so renaming the vendor renames everything it adds
    text = (shipped_root() / "vendors" / "sap-sales-cloud.toml").read_text("utf-8")
    return text.replace('id = "sap_sales_cloud"', f'id = "{vendor_id}"', 1)


def _line_of(text: str, start: str) -> int:
    """The 1-based line of the first line of `text` starting with `start` (read by eye)."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def _validate(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, list[str]]:
    status = main(["validate", *paths])
    captured = capsys.readouterr()
    return status, (captured.out + captured.err).splitlines()


def test_deep_nesting_is_refused_with_file_and_line(here: Path, capsys) -> None:
    (here / "project.toml").write_text(
        'format_version = 1\nname = "x"\ndeep = ' + "[" * 10_000 + "]" * 10_000 + "\n",
        encoding="utf-8",
    )
    status, lines = _validate(capsys, "project.toml")
    assert status == 1
    assert lines[0] == (
        "project.toml:3: arrays or tables are nested more than 50 levels deep; a catalog or "
        "project file needs a few"
    )


def test_brackets_in_strings_and_comments_are_not_nesting(here: Path, capsys) -> None:
    text = (
        example_project()
        .read_text("utf-8")
        .replace(
            'name = "Nordlys CRM selection 2026"',
            'name = "Nordlys ' + "[{" * 60 + '"  # ' + "[" * 60,
            1,
        )
    )
    (here / "project.toml").write_text(text, encoding="utf-8")
    status, lines = _validate(capsys, "project.toml")
    assert status == 0, lines


def test_nesting_up_to_the_limit_is_read_and_then_checked(here: Path, capsys) -> None:
    text = example_project().read_text("utf-8")
    text = text.replace("seed = 0", "seed = " + "[" * 50 + "0" + "]" * 50, 1)
    (here / "project.toml").write_text(text, encoding="utf-8")
    status, lines = _validate(capsys, "project.toml")
    assert status == 1
    seed = _line_of(text, "seed =")
    assert lines[0] == f"project.toml:{seed}: seed: must be a whole number, got a list"


def test_a_symlink_loop_is_named_as_one(here: Path, capsys) -> None:
    os.symlink("b.toml", "a.toml")
    os.symlink("a.toml", "b.toml")
    os.symlink("loop", "loop")
    (here / "project.toml").write_bytes(example_project().read_bytes())
    assert main(["rank", "a.toml"]) == 2
    assert capsys.readouterr().err == (
        "crm-selector rank: a.toml: is a link that leads back to itself (a symlink loop)\n"
    )
    assert main(["rank", "project.toml", "--catalog", "loop"]) == 1
    err = capsys.readouterr().err
    assert "loop: catalog folder is a link that leads back to itself (a symlink loop)\n" in err
    assert display_path(Path("a.toml")) == "a.toml"


def test_display_path_survives_a_deleted_working_folder(monkeypatch) -> None:
    def gone() -> str:
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(os, "getcwd", gone)
    assert display_path(Path("/somewhere/vendor.toml")) == "/somewhere/vendor.toml"


def test_linked_folders_are_read_once_and_never_above_the_catalog(here: Path, capsys) -> None:
    (here / "shared").mkdir()
    (here / "shared" / "vendor.toml").write_text(_vendor(), encoding="utf-8")
    (here / "mine").mkdir()
    os.symlink("../shared", here / "mine" / "partners")
    os.symlink("../shared", here / "mine" / "partners-again")
    os.symlink("..", here / "mine" / "up")
    (here / "stray.toml").write_text("id = [", encoding="utf-8")  # beside the catalog
    status, lines = _validate(capsys, "mine")
    assert status == 0, lines
    assert lines == [
        "mine/partners-again: warning: is a link to a folder that is already part of the "
        "catalog (a loop, or a second link); not read again",
        "mine/up: warning: is a link to a folder that is already part of the catalog (a loop, "
        "or a second link); not read again",
        lines[-1],
    ]
    shipped = len(load_catalog().vendors)
    assert lines[-1].startswith("OK: ") and f"{shipped + 1} vendors" in lines[-1]


def test_an_unlistable_sub_folder_is_reported(here: Path, capsys, monkeypatch) -> None:
    (here / "mine" / "secret").mkdir(parents=True)
    (here / "mine" / "vendor.toml").write_text(_vendor(), encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # root reads anything, so deny the way a user's folder would
        if str(path).endswith("secret"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    status, lines = _validate(capsys, "mine")
    assert status == 1
    assert lines[0] == (
        "mine/secret: folder cannot be read: Permission denied; the files in it are not in "
        "the catalog"
    )


def test_dangling_links_are_reported_and_editor_lock_files_ignored(here: Path, capsys) -> None:
    (here / "mine").mkdir()
    (here / "mine" / "vendor.toml").write_text(_vendor(), encoding="utf-8")
    os.symlink("renamed.toml", here / "mine" / "old.toml")
    os.symlink("jonas@laptop.4242:1700000000", here / "mine" / ".#vendor.toml")
    status, lines = _validate(capsys, "mine")
    assert status == 1
    assert lines[:-1] == ["mine/old.toml: is a link to something that does not exist"]


def test_a_project_named_as_catalog_is_an_error_one_inside_a_catalog_a_warning(
    here: Path, capsys
) -> None:
    (here / "project.toml").write_bytes(example_project().read_bytes())
    (here / "mine" / "examples").mkdir(parents=True)
    (here / "mine" / "vendor.toml").write_text(_vendor(), encoding="utf-8")
    (here / "mine" / "examples" / "demo.toml").write_bytes(example_project().read_bytes())

    assert main(["rank", "project.toml", "--catalog", "project.toml"]) == 1
    err = capsys.readouterr().err
    assert (
        "project.toml: is a project file, not a catalog: a catalog is a folder of criteria and "
        "vendor files (or one such file)\n"
    ) in err

    status, lines = _validate(capsys, "mine")
    assert status == 0
    assert lines[0] == (
        "mine/examples/demo.toml: warning: is a project file, so it is not part of the catalog"
    )


def test_a_byte_order_mark_is_accepted_and_lines_still_count(here: Path, capsys) -> None:
    text = example_project().read_text("utf-8").replace("seed = 0", "seed = -1", 1)
    (here / "project.toml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    status, lines = _validate(capsys, "project.toml")
    assert status == 1
    assert lines[0] == f"project.toml:{_line_of(text, 'seed =')}: seed: must be at least 0, got -1"


def test_reading_a_named_pipe_returns_at_once(here: Path) -> None:
    os.mkfifo("project.toml")
    result: list[object] = []
    reader = threading.Thread(target=lambda: result.append(read_toml(Path("project.toml"))))
    reader.daemon = True  # if this regresses, the test fails instead of hanging the suite
    reader.start()
    reader.join(timeout=10)
    assert result, "read_toml blocked on a named pipe"
    problem = result[0]
    assert isinstance(problem, Problem)
    assert str(problem) == (
        "project.toml: is not a regular file (a pipe or a device); expected a .toml file"
    )


def test_an_integer_of_thousands_of_digits_is_a_message(here: Path, capsys) -> None:
    (here / "project.toml").write_text("format_version = 1\nseed = " + "7" * 5000 + "\n")
    status, lines = _validate(capsys, "project.toml")
    assert status == 1
    assert lines[0] == (
        "project.toml: cannot be read as TOML: a whole number has thousands of digits"
    )
