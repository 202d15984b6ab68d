"""`crm-selector audit`: the shipped catalog is defensible, and a contradiction fails it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from selector.catalog.shipped import shipped_root


def _audit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "selector.cli", "audit", "--date", "2026-12-01",
                           *args], capture_output=True, text=True, timeout=180)


def test_the_shipped_catalog_has_no_contradiction_and_little_judgement() -> None:
    result = _audit("--json")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    data = json.loads(result.stdout)
    assert not [f for f in data["findings"] if f["fails"]]
    products = [v for v in data["vendors"] if v["kind"] == "product"]
    assert len(products) >= 25
    assert all(v["judgement_share"] <= 0.30 for v in products)
    for v in data["vendors"]:
        for o in v["offerings"]:
            assert o["scores"] == o["sourced"] + o["judged"]
            assert o["undated"] == 0, (v["vendor"], o["offering"])
    text = _audit().stdout
    assert "No contradictions; every product is within the judgement limit." in text
    assert "Exchange rates older than six months" in text  # reported, not failed


def test_a_self_hosted_offering_scored_as_vendor_hosted_is_a_contradiction(tmp_path: Path) -> None:
    text = (shipped_root() / "vendors" / "suitecrm.toml").read_text("utf-8")
    text = text.replace('id = "suitecrm', 'id = "mysuite')
    # the common residency score (which the self-hosted offering keeps) set to "a single region
    # the buyer cannot choose"
    residency = "[scores.data_residency]\nvalue = "
    text = text.replace(residency + "5.0", residency + "1.0", 1)
    (tmp_path / "suite.toml").write_text(text, "utf-8")
    result = _audit(str(tmp_path))
    assert result.returncode == 1
    assert ("mysuite_self_hosted: scores.data_residency: level 1, but the offering is only "
            "deployed where the customer chooses") in result.stdout
