"""The command line as a script or a hurried person meets it: mistyped commands, missing
projects and no terminal are usage errors (exit 2, at once), our bugs exit 70 with one line,
and ranking refuses a broken catalog unless told otherwise.
"""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

import selector.cli as cli
from selector.catalog.shipped import example_project, shipped_root
from selector.cli import EXIT_BUG, main

from .corpus.check import cases_of, check


def test_corpus_cli() -> None:
    check(cases_of("cli"))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path


def _broken_catalog(folder: Path) -> None:
    text = (shipped_root() / "vendors" / "pipedrive.toml").read_text("utf-8")
    text = text.replace('id = "pipedrive"', 'id = "broken_vendor"', 1)
    (folder / "mine").mkdir()
    (folder / "mine" / "broken.toml").write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("website")),
        encoding="utf-8",
    )


def test_an_unknown_command_is_named_with_the_closest_one(here, capsys) -> None:
    assert main(["valdiate"]) == 2
    assert capsys.readouterr().err == (
        "crm-selector: unknown command 'valdiate' (did you mean 'validate'?); the commands are "
        "validate, audit, schema, new, rank, report, vendors, tui, serve, rfp "
        "(see crm-selector --help)\n"
    )
    assert main(["frobnicate"]) == 2
    assert capsys.readouterr().err.startswith("crm-selector: unknown command 'frobnicate'; the ")


def test_a_project_that_does_not_exist_is_a_usage_error_not_an_empty_ui(here, capsys) -> None:
    assert main(["nosuch.toml"]) == 2
    assert capsys.readouterr().err == "crm-selector tui: nosuch.toml: no such project file\n"
    (here / "folder.toml").mkdir()
    assert main(["report", "folder.toml", "-o", "x.pdf"]) == 2
    assert capsys.readouterr().err == (
        "crm-selector report: folder.toml: is a folder, expected a project file (.toml)\n"
    )


def test_without_a_terminal_the_ui_refuses_at_once(here) -> None:
    (here / "project.toml").write_bytes(example_project().read_bytes())
    for args in ([], ["tui"], ["project.toml"]):
        start = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "selector.cli", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert time.monotonic() - start < 30
        assert result.returncode == 2
        assert result.stdout == ""
        assert result.stderr == (
            "crm-selector: the terminal UI needs a terminal, and input or output is not one; in "
            "scripts use a command such as crm-selector rank PROJECT.toml (see --help)\n"
        )


def test_a_bug_exits_70_with_one_line_and_a_crash_file(here, capsys, monkeypatch) -> None:
    def broken(args) -> int:  # stands for any bug of ours
        raise KeyError("simulated")

    monkeypatch.setattr(cli, "_vendors", broken)
    assert main(["vendors"]) == EXIT_BUG == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    crash_files = list((here / "state" / "crm-selector").glob("crash-*.txt"))
    assert len(crash_files) == 1
    assert err == (
        "crm-selector: internal error (KeyError: 'simulated'). This is a bug in CRM Selector, "
        f"not a problem with your files; details are in {crash_files[0]}. Please include that "
        "file in a bug report.\n"
    )
    details = crash_files[0].read_text("utf-8")
    assert "command: crm-selector vendors" in details
    assert "Traceback (most recent call last)" in details and "KeyError: 'simulated'" in details
    assert crash_files[0].stat().st_mode & 0o077 == 0  # tracebacks name the user's files


def test_a_crash_file_falls_back_to_the_temporary_folder(here, capsys, monkeypatch) -> None:
    (here / "state").write_text("a file where the state folder should be")
    monkeypatch.setattr("tempfile.tempdir", str(here / "tmp"))
    (here / "tmp").mkdir()
    monkeypatch.setattr(cli, "_vendors", lambda args: 1 / 0)
    assert main(["vendors"]) == 70
    err = capsys.readouterr().err
    crash = next((here / "tmp").glob("crm-selector-*/crash-*.txt"))
    assert f"details are in {crash}." in err


def test_a_bug_in_a_subprocess_shows_no_traceback(here) -> None:
    code = (
        "import selector.cli as cli\n"
        "cli._rank = lambda args: [][1]\n"
        "raise SystemExit(cli.main(['rank', 'p.toml']))\n"
    )
    (here / "p.toml").write_bytes(example_project().read_bytes())
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 70
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("crm-selector: internal error (IndexError: list index out")


def test_rank_and_report_refuse_a_catalog_with_errors_unless_allowed(here, capsys) -> None:
    (here / "project.toml").write_bytes(example_project().read_bytes())
    _broken_catalog(here)
    refusal = (
        "crm-selector: the catalog has 1 error (listed above), so the ranking would leave "
        "things out; fix them, or pass --allow-catalog-errors to go ahead without the files "
        "or entries that have them\n"
    )
    for command in (["rank", "project.toml"], ["report", "project.toml", "-o", "out.pdf"]):
        assert main([*command, "--catalog", "mine"]) == 1
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == ("mine/broken.toml: website: required field is missing\n" + refusal)
    assert not (here / "out.pdf").exists()
    assert main(["rank", "project.toml", "--catalog", "mine", "--allow-catalog-errors"]) == 0
    captured = capsys.readouterr()
    assert "mine/broken.toml: website: required field is missing" in captured.err
    assert captured.out.startswith("Nordlys CRM selection 2026\n")


def test_vendors_exits_1_when_the_catalog_has_errors(here, capsys) -> None:
    _broken_catalog(here)
    assert main(["vendors", "--catalog", "mine"]) == 1
    captured = capsys.readouterr()
    assert "pipedrive " in captured.out  # what did load is still listed
    assert captured.err == "mine/broken.toml: website: required field is missing\n"


def test_new_refuses_a_name_its_file_could_not_hold(here, capsys) -> None:
    assert main(["new", "p.toml", "--name", "N" * 201]) == 2
    assert capsys.readouterr().err == (
        "crm-selector new: the project name is 201 characters long; a name is at most 200 (use "
        "--name to give a shorter one)\n"
    )
    assert not (here / "p.toml").exists()
    assert main(["new", "p.toml", "--name", 'Ö"\\\n' + "N" * 196]) == 0
    assert main(["validate", "p.toml"]) == 0


def test_a_report_never_replaces_a_file_that_is_not_a_pdf(here, capsys) -> None:
    project = here / "project.toml"
    project.write_bytes(example_project().read_bytes())
    before = project.read_bytes()
    assert main(["report", "project.toml", "-o", "project.toml"]) == 2
    assert capsys.readouterr().err == (
        "crm-selector report: project.toml: exists and is not a PDF; refusing to replace it "
        "(nothing was written)\n"
    )
    assert project.read_bytes() == before
    assert tomllib.loads(before.decode())["format_version"] == 2
    assert main(["report", "project.toml", "-o", "out.pdf"]) == 0
    assert main(["report", "project.toml", "-o", "out.pdf"]) == 0  # a report replaces a report
