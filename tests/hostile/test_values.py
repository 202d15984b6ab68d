"""Every value that reaches the engine is finite and in range, and text has a length limit,
checked where the file is read: so `validate` saying OK means `rank` and `report` work.

The corpus runs each hostile value through validate, rank and report in a subprocess; the tests
below pin the messages (FILE:LINE: field: message) and the limits themselves.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from selector.catalog.shipped import example_project, shipped_root
from selector.cli import main
from selector.domain.base import NAME_LIMIT, NOTE_LIMIT
from selector.domain.project import Project

from .corpus.check import cases_of, check


def test_corpus_values() -> None:
    check(cases_of("values"))


def test_corpus_length() -> None:
    check(cases_of("length"))


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _project() -> dict:
    return tomllib.loads(example_project().read_text("utf-8"))


def _line(text: str, start: str) -> int:
    """The 1-based line of the first line of `text` that starts with `start`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith(start))


def _problems(capsys, *paths: str) -> list[str]:
    assert main(["validate", *paths]) == 1
    captured = capsys.readouterr()
    return captured.out.splitlines()


def test_nan_inf_and_huge_numbers_in_a_project_are_named_where_they_are(here, capsys) -> None:
    project = _project()
    project["weights"]["li"]["points"]["integration"] = float("nan")
    project["weights"]["asa"]["points"]["cost"] = float("inf")
    project["answers"]["crm_users"] = 10**400
    project["requirements"]["open_apis"]["threshold"] = float("-inf")
    project["seed"] = -3
    text = tomli_w.dumps(project)
    (here / "project.toml").write_text(text, encoding="utf-8")
    problems = set(_problems(capsys, "project.toml"))
    not_a_number = "must be an ordinary number, got {} (nan and inf cannot be compared or ranked)"
    assert problems == {
        f"project.toml:{_line(text, 'seed =')}: seed: must be at least 0, got -3",
        f"project.toml:{_line(text, 'crm_users =')}: answers.crm_users: a 401-digit number is "
        "out of range: numbers here lie between -1,000,000,000,000 and 1,000,000,000,000",
        f"project.toml:{_line(text, 'threshold = -inf')}: requirements.open_apis.threshold: "
        + not_a_number.format("-inf"),
        f"project.toml:{_line(text, 'integration = nan')}: weights.li.points.integration: "
        + not_a_number.format("nan"),
        f"project.toml:{_line(text, 'cost = inf')}: weights.asa.points.cost: "
        + not_a_number.format("inf"),
    }


def test_nan_and_overflowing_scores_in_a_catalog_are_named(here, capsys) -> None:
    vendor = tomllib.loads(
        (shipped_root() / "vendors" / "sap-sales-cloud.toml").read_text("utf-8")
    )
    vendor["id"] = "hostile_vendor"
    vendor["scores"]["time_to_live"]["value"] = float("inf")
    vendor["scores"]["licence_cost"] = {"value": 10**30, "note": "An estimate.",
                                        "source_kind": "team_judgement"}
    text = tomli_w.dumps(vendor)
    (here / "mine").mkdir()
    (here / "mine" / "v.toml").write_text(text, encoding="utf-8")
    problems = _problems(capsys, "mine")
    lines = text.splitlines()
    # the value lines follow their [scores.<criterion>] headers
    ttl = lines.index("[scores.time_to_live]") + 2
    cost = lines.index("[scores.licence_cost]") + 2
    assert lines[ttl - 1] == "value = inf" and lines[cost - 1] == f"value = {10**30}"
    assert set(problems) == {
        f"mine/v.toml:{cost}: scores.licence_cost.value: a 31-digit number is out of range: "
        "numbers here lie between -1,000,000,000,000 and 1,000,000,000,000",
        f"mine/v.toml:{ttl}: scores.time_to_live.value: must be an ordinary number, got inf "
        "(nan and inf cannot be compared or ranked)",
    }


def test_names_and_notes_have_limits_the_message_states(here, capsys) -> None:
    project = _project()
    project["name"] = "N" * (NAME_LIMIT + 1)
    project["stakeholders"][0]["name"] = "Å" * 10_000
    project["requirements"]["open_apis"]["note"] = "x" * (NOTE_LIMIT + 1)
    text = tomli_w.dumps(project)
    (here / "project.toml").write_text(text, encoding="utf-8")
    problems = set(_problems(capsys, "project.toml"))
    assert problems == {
        f"project.toml:{_line(text, 'name = ' + chr(34) + 'NNN')}: name: must be at most 200 "
        "characters long (this is 201)",
        f"project.toml:{_line(text, 'name = ' + chr(34) + 'ÅÅÅ')}: stakeholders[0].name: must "
        "be at most 200 characters long (this is 10,000)",
        f"project.toml:{_line(text, 'note = ' + chr(34) + 'xxx')}: requirements.open_apis.note: "
        "must be at most 5,000 characters long (this is 5,001)",
    }


def test_the_limits_themselves_are_accepted() -> None:
    project = _project()
    project["name"] = "N" * NAME_LIMIT
    project["requirements"]["open_apis"]["note"] = "x" * NOTE_LIMIT
    project["seed"] = 2**63 - 1
    project["weights"]["asa"]["points"]["cost"] = 10**12
    project["answers"]["crm_users"] = 10**12
    assert Project.model_validate(project).seed == 2**63 - 1


def test_validate_ok_means_rank_and_report_work_at_the_number_limits(here, capsys) -> None:
    project = _project()
    project["weights"]["asa"]["points"]["cost"] = 10**12
    project["weights"]["soren"]["points"]["cost"] = 1e-300
    project["answers"]["crm_users"] = 100_000  # the question's own maximum
    project["answers"]["budget_upfront_eur"] = 10**12
    project["seed"] = 2**63 - 1
    (here / "project.toml").write_text(tomli_w.dumps(project), encoding="utf-8")
    assert main(["validate", "project.toml"]) == 0
    assert main(["rank", "project.toml", "--json"]) == 0
    assert main(["report", "project.toml", "-o", "out.pdf"]) == 0
    assert (here / "out.pdf").read_bytes().startswith(b"%PDF-")
