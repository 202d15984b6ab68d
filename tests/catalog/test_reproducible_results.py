"""Same inputs, same bytes: from the command line, in separate processes, a second apart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from selector.catalog.shipped import shipped_root

EXAMPLE = shipped_root() / "examples" / "nordlys-project.toml"


def _rank(*args: str, env: dict | None = None) -> str:
    result = subprocess.run([sys.executable, "-m", "selector.cli", "rank", *args],
                            capture_output=True, text=True, timeout=180,
                            env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_two_rank_runs_give_identical_json_and_text() -> None:
    first = _rank(str(EXAMPLE), "--json")
    time.sleep(1.1)
    assert _rank(str(EXAMPLE), "--json") == first
    data = json.loads(first)
    assert data["provenance"]["as_of"] == "2026-11-30"
    assert data["provenance"]["date_from"] == "the project's date"
    assert data["provenance"]["generated_at"].startswith("2026-11-30T00:00:00")
    assert len(data["provenance"]["inputs_sha256"]) == 64
    assert _rank(str(EXAMPLE)) == _rank(str(EXAMPLE))


def test_the_date_follows_the_option_then_the_environment(tmp_path: Path) -> None:
    undated = tmp_path / "p.toml"
    undated.write_text(EXAMPLE.read_text("utf-8").replace("\ndate = 2026-11-30", "\n", 1),
                       "utf-8")
    by_option = json.loads(_rank(str(undated), "--json", "--date", "2027-02-01"))
    assert by_option["provenance"]["as_of"] == "2027-02-01"
    by_env = json.loads(_rank(str(undated), "--json", env={"SOURCE_DATE_EPOCH": "1800000000"}))
    assert by_env["provenance"]["as_of"] == "2027-01-15"
    assert by_env["provenance"]["date_from"] == "SOURCE_DATE_EPOCH"
    by_history = json.loads(_rank(str(undated), "--json", env={"SOURCE_DATE_EPOCH": ""}))
    assert by_history["provenance"]["as_of"] == "2026-10-14"  # the latest recorded event
    # the checksum changes with the inputs, not with the run
    assert by_option["provenance"]["inputs_sha256"] == json.loads(
        _rank(str(undated), "--json", "--date", "2027-02-01"))["provenance"]["inputs_sha256"]
