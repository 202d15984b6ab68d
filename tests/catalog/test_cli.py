"""The command line as a user meets it: messages, exit codes, and never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from selector.catalog.schemas import SCHEMAS, schema_text
from selector.cli import main

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "selector.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_validate_shipped_catalog_is_clean(capsys) -> None:
    assert main(["validate"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("OK: ")


def test_validate_reports_every_problem_and_exits_1(tmp_path: Path, vendor_text: str) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "a.toml").write_text("id = [", encoding="utf-8")
    (folder / "b.toml").write_text(
        vendor_text.replace("\nwebsite = ", "\nwebsit = ", 1).replace(
            'id = "sap_sales_cloud"', 'id = "b"', 1
        ),
        encoding="utf-8",
    )
    result = run("validate", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{folder / 'a.toml'}:1: TOML syntax error") for line in lines)
    assert any(
        "b.toml:" in line and "unknown key 'websit' (did you mean 'website'?)" in line
        for line in lines
    )
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("in 2 files")


def test_validate_usage_errors_exit_2() -> None:
    result = run("validate", "/no/such/path")
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr
    assert run("frobnicate-nothing-here", "--bogus").returncode == 2


def test_validate_a_project_file(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('format_version = 2\nshortlist = ["nope"]\n', encoding="utf-8")
    result = run("validate", str(path))
    assert result.returncode == 1
    assert f"{path}:2: shortlist: unknown vendor or offering 'nope'" in result.stdout


def test_validate_says_what_a_project_with_its_own_catalog_was_checked_with(
    tmp_path: Path, vendor_text: str
) -> None:
    """A project naming its catalog folders is checked against them: the summary must not count
    only the shipped vendors, or a consultant wonders whether their files were read at all."""
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "extra.toml").write_text(
        vendor_text.replace('id = "sap_sales_cloud"', 'id = "extra_vendor"', 1), "utf-8")
    project = tmp_path / "p.toml"
    project.write_text('format_version = 2\n\n[catalogs]\npaths = ["mine"]\n', "utf-8")
    shipped_files = len(list((REPO / "vendors").glob("*.toml")))  # one vendor a file
    result = run("validate", str(project))
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stderr.strip()
    assert f"solution types, {shipped_files} vendors," in summary
    assert summary.endswith(f"; 1 project file ({project} with its catalog folders: "
                            f"{shipped_files + 1} vendors)")


def test_new_writes_a_valid_project_and_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "acme-crm.toml"
    assert run("new", str(path)).returncode == 0
    assert run("validate", str(path)).returncode == 0
    again = run("new", str(path))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_new_into_unwritable_place_is_a_message(tmp_path: Path) -> None:
    result = run("new", str(tmp_path / "missing-folder" / "p.toml"))
    assert result.returncode == 1
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_schema_writes_every_schema(tmp_path: Path) -> None:
    assert run("schema", "-o", str(tmp_path / "s")).returncode == 0
    written = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert written == sorted(SCHEMAS)
    vendor = json.loads((tmp_path / "s" / "vendor.schema.json").read_text("utf-8"))
    assert vendor["additionalProperties"] is False
    assert {"id", "name", "summary", "solution_types"} <= set(vendor["required"])
    assert "offerings" in vendor["properties"]


def test_committed_schemas_are_current() -> None:
    for name, model in SCHEMAS.items():
        committed = (REPO / "schemas" / name).read_text("utf-8")
        assert committed == schema_text(model), f"run `crm-selector schema` to refresh {name}"


def test_shipped_files_point_at_their_schema() -> None:
    expected = {
        "vendors": "vendor",
        "questions": "questionnaire",
        "rules": "questionnaire",
        "readiness": "questionnaire",
        "solution_types": "solution-types",
        "cost_model": "cost-model",
    }
    for path in sorted((REPO / "criteria").glob("*.toml")) + sorted(
        (REPO / "vendors").glob("*.toml")
    ):
        first = path.read_text("utf-8").splitlines()[0]
        kind = expected.get(path.parent.name) or expected.get(path.stem, "criteria-group")
        assert first == f"#:schema ../schemas/{kind}.schema.json", path


def test_rank_prints_tables_and_json() -> None:
    example = REPO / "examples" / "nordlys-project.toml"
    text = run("rank", str(example))
    assert text.returncode == 0, text.stdout + text.stderr
    assert "Offerings" in text.stdout and "Before signing" in text.stdout
    assert "Cost for 85 users over 5 years" in text.stdout
    as_json = run("rank", str(example), "--json")
    data = json.loads(as_json.stdout)
    assert data["project_name"] == "Nordlys CRM selection 2026"


def test_rank_of_a_market_lists_thirty_exclusions_and_counts_the_rest(
    tmp_path: Path, market
) -> None:
    """A whole market excludes hundreds of offerings: the terminal shows the first 30 with
    their reasons and says how many more `rank --json` holds."""
    example = (REPO / "examples" / "nordlys-project.toml").read_text("utf-8")
    project = tmp_path / "market-project.toml"
    project.write_text(re.sub(r"(?ms)^shortlist = \[.*?\]\n", "shortlist = []\n", example), "utf-8")
    folder = str(market(60))
    text = run("rank", str(project), "--catalog", folder)
    assert text.returncode == 0, text.stderr
    data = json.loads(run("rank", str(project), "--catalog", folder, "--json").stdout)
    excluded = [o["name"] for o in data["offerings"] if o["excluded"]]
    assert len(excluded) > 40
    block = text.stdout.split("\nExcluded by a must-have:\n")[1].split("\n\n")[0]
    listed = [line for line in block.splitlines() if line.startswith("  • ")]
    assert [line[4:].split(": ")[0] for line in listed] == excluded[:30]
    assert block.splitlines()[-1] == f"… and {len(excluded) - 30:,} more in `rank --json`."


def test_report_writes_a_pdf_and_explains_an_unwritable_path(tmp_path: Path) -> None:
    example = REPO / "examples" / "nordlys-project.toml"
    out = tmp_path / "nordlys.pdf"
    result = run("report", str(example), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    bad = run("report", str(example), "-o", str(tmp_path / "no-such-folder" / "x.pdf"))
    assert bad.returncode == 1
    assert "does not exist" in bad.stderr and "Traceback" not in bad.stderr


def test_a_missing_project_file_is_a_usage_error() -> None:
    result = run("rank", "no-such-project.toml")
    assert result.returncode == 2
    assert "no-such-project.toml: no such project file" in result.stderr
