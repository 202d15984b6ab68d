"""Files written for format 1 keep loading, and every change the migration makes is said."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from selector.catalog.shipped import shipped_root

OLD_PROJECT = shipped_root() / "examples" / "nordlys-project-format-1.toml"

OLD_VENDOR = """\
id = "old_crm"
name = "Old CRM"
vendor = "Old AB"
website = "https://old.example/"
summary = "A vendor file written for format 1."
solution_types = ["outsourced"]
deployment = ["saas"]
licence = "proprietary"
hosting_regions = ["europe", "us"]
integrations = ["Microsoft Outlook"]

[[price_tiers]]
name = "Standard"
amount = 30.0
currency = "EUR"
unit = "user-month"
as_of = 2025-03-01
source = "https://old.example/pricing"
"""


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "selector.cli", *args], capture_output=True,
                          text=True, timeout=120)


def test_the_shipped_format_1_example_still_ranks_and_says_what_changed() -> None:
    result = _run("validate", str(OLD_PROJECT))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "warning: format_version: format 1 file read as format 2" in out
    assert "answers.dev_capacity: 'some' became developers = 1" in out
    assert "answers.systems_to_integrate: became [[systems]] entries" in out
    ranked = _run("rank", str(OLD_PROJECT), "--json")
    assert ranked.returncode == 0, ranked.stderr
    data = json.loads(ranked.stdout)
    assert data["offerings"] and data["project_name"] == "Nordlys CRM selection 2026"


def test_a_format_1_vendor_file_loads_with_each_change_named(tmp_path: Path) -> None:
    scores = (shipped_root() / "vendors" / "upsales.toml").read_text("utf-8")
    scores = scores[scores.index("[scores."):]
    scores = scores[: scores.find("[[price_tiers]]")] if "[[price_tiers]]" in scores else scores
    (tmp_path / "old.toml").write_text(OLD_VENDOR + "\n" + scores.replace("observed =",
                                                                        "as_of ="), "utf-8")
    result = _run("validate", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "old.toml: warning: format_version: format 1 file read as format 2" in out
    assert ("facts: deployment, licence, integrations, hosting_regions moved under "
            "[facts.NAME]") in out
    assert "read as `observed`" in out
