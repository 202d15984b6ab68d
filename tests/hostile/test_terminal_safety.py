"""Text from files reaches the terminal with control and bidi-override characters made visible.

Names with ESC sequences, OSC window titles, BEL, backspace, CR, C1 controls and U+202E go
through the real CLI in a subprocess; what comes out must show them, not act on them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from selector.catalog.shipped import example_project, shipped_root
from selector.domain.text import json_safe, visible

from .corpus.check import cases_of, check

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

ESCAPES = "\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b[31mred\x1b[0m"
SHOWN = "␛[2J␛[H␛]0;pwned␇␛[31mred␛[0m"


def test_corpus_terminal() -> None:
    check(cases_of("terminal"))


def test_each_kind_of_control_has_a_visible_form() -> None:
    assert visible("\x1b") == "␛"
    assert visible("\x07\x08\r\x00\x0b\x0c") == "␇␈␍␀␋␌"
    assert visible("\x7f") == "␡"
    assert visible("\x9b31m") == "⟨U+009B⟩31m"
    assert visible("abc\u202edef\u202c") == "abc⟨U+202E⟩def⟨U+202C⟩"
    assert visible("\u2066x\u2069") == "⟨U+2066⟩x⟨U+2069⟩"
    assert visible("bad\udcff.toml") == "bad\\xff.toml"  # a non-UTF-8 byte in a file name
    assert visible(ESCAPES) == SHOWN


def test_layout_characters_are_kept_unless_the_text_must_stay_on_one_line() -> None:
    assert visible("a\nb\tc") == "a\nb\tc"
    assert visible("a\nb\tc", keep="") == "a␊b␉c"
    assert visible("a\nb\tc", keep="\t") == "a␊b\tc"


def test_text_is_otherwise_left_alone() -> None:
    text = "Åsa Lindqvist, Søren Ærø, 李伟 😀 [red]x[/red] <b>&amp;</b> \\x1b ␛ ‏ﷺ"
    assert visible(text) == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_nothing_raw_survives_and_showing_twice_changes_nothing(text: str) -> None:
    shown = visible(text)
    assert not RAW.search(shown.replace("\n", "").replace("\t", ""))
    assert visible(shown) == shown


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_json_safe_output_decodes_to_the_same_text(text: str) -> None:
    dumped = json_safe(json.dumps({"name": text}, ensure_ascii=False))
    assert json.loads(dumped) == {"name": text}
    assert not RAW.search(dumped.replace("\n", ""))


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "selector.cli", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def _hostile_catalog(tmp_path: Path, name: str) -> None:
    vendor = tomllib.loads((shipped_root() / "vendors" / "sap-sales-cloud.toml").read_text("utf-8"))
    vendor["id"] = "hostile_vendor"
    vendor["name"] = name
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "hostile.toml").write_text(tomli_w.dumps(vendor), encoding="utf-8")
    project = tomllib.loads(example_project().read_text("utf-8"))
    project["shortlist"].append("hostile_vendor")
    project["name"] = f"Nordlys {ESCAPES} bell\x07 back\x08space cr\rX \u202eevil\u202c \x9b1m"
    (tmp_path / "project.toml").write_text(tomli_w.dumps(project), encoding="utf-8")


def test_vendors_and_rank_show_escape_sequences_instead_of_obeying_them(tmp_path: Path) -> None:
    _hostile_catalog(tmp_path, f"Hostile {ESCAPES} CRM")
    vendors = _run("vendors", "--catalog", "mine", cwd=tmp_path)
    assert vendors.returncode == 0
    assert f"hostile_vendor                Hostile {SHOWN} CRM  [" in vendors.stdout
    assert not RAW.search(vendors.stdout + vendors.stderr)

    rank = _run("rank", "project.toml", "--catalog", "mine", cwd=tmp_path)
    assert rank.returncode == 0, rank.stderr
    assert rank.stdout.startswith(
        f"Nordlys {SHOWN} bell␇ back␈space cr␍X ⟨U+202E⟩evil⟨U+202C⟩ ⟨U+009B⟩1m\n"
    )
    assert f"Hostile {SHOWN} CRM"[:30] in rank.stdout  # table cells are clipped
    assert not RAW.search(rank.stdout + rank.stderr)


def test_rank_json_escapes_and_keeps_the_exact_text(tmp_path: Path) -> None:
    _hostile_catalog(tmp_path, f"Hostile {ESCAPES} \u202eCRM\u202c \x9b")
    rank = _run("rank", "project.toml", "--catalog", "mine", "--json", cwd=tmp_path)
    assert rank.returncode == 0, rank.stderr
    assert not RAW.search(rank.stdout.replace("\n", ""))
    result = json.loads(rank.stdout)
    names = [v["name"] for v in result["offerings"]]
    assert f"Hostile {ESCAPES} \u202eCRM\u202c \x9b" in names  # the data itself is unchanged


def test_validate_messages_show_controls_in_file_names_and_keys(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "\x1b]0;pwned\x07.toml").write_text("id = [", encoding="utf-8")
    project = tomllib.loads(example_project().read_text("utf-8"))
    project["requirements"]["\x1b[2Jevil"] = {"priority": "should"}
    (tmp_path / "project.toml").write_text(tomli_w.dumps(project), encoding="utf-8")
    result = _run("validate", "mine", "project.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert not RAW.search(result.stdout + result.stderr)
    assert "mine/␛]0;pwned␇.toml:1: TOML syntax error" in result.stdout
    assert "requirements.␛[2Jevil: unknown criterion '\\x1b[2Jevil'" in result.stdout


def test_arguments_echoed_by_usage_errors_are_shown(tmp_path: Path) -> None:
    result = _run("rank", "project.toml", "--\x1b]0;pwned\x07", cwd=tmp_path)
    assert result.returncode == 2
    assert "unrecognized arguments: --␛]0;pwned␇" in result.stderr
    assert not RAW.search(result.stdout + result.stderr)
