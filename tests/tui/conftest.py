"""Fixtures for the terminal UI: a deterministic app, and projects with awkward text.

Names mix Swedish, Danish, Chinese, emoji and characters that are markup elsewhere, so every
test doubles as a check that user text renders literally.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from selector.catalog import save_project
from selector.domain import (
    BusinessArea,
    Judgment,
    NeedItem,
    Objective,
    Organisation,
    Project,
    Requirement,
    Stakeholder,
    StakeholderWeights,
)
from selector.domain.project import History
from selector.tui.app import CrmSelectorApp

TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


def fixed_clock() -> dt.datetime:
    return NOW


@pytest.fixture(autouse=True)
def _isolated_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's real recent-projects list."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def awkward_project() -> Project:
    """A mid-way project whose every user string is awkward to render."""
    return Project(
        format_version=2,
        name="Nordlys [red]CRM[/red] & <b>2026</b>",
        prepared_by="Åsa Öberg",
        organisation=Organisation(name="Blåbær & Søn A/S", industry="Pumps 泵",
                                  country="Denmark", employees=120),
        stakeholders=[
            Stakeholder(id="asa", name="Åsa Öberg [red]", department="Sales ä ö",
                        role="Head of sales"),
            Stakeholder(id="soren", name="Søren Ærø <b>&</b>", department="Service æ ø å"),
            Stakeholder(id="li", name="李伟 😀", department="市场 Marketing"),
        ],
        business_areas=[
            BusinessArea(id="sales", name="Sales [bold]", objectives=[
                Objective(text="Kortare säljcykel", metric="Days lead → won",
                          target="-20 % [i]")]),
            BusinessArea(id="service", name="Kundeservice"),
        ],
        answers={"go_live_weeks": 26, "developers": 2},
        needs=[NeedItem(function="Pipeline forecasting 预测", business_area="sales",
                        requested_by=["asa"], criterion="sales_automation")],
        requirements={"open_apis": Requirement(priority="must", threshold=3,
                                               requested_by=["li"], note="[red] must & <b>")},
        weights={
            "asa": StakeholderWeights(points={"functional_fit": 40, "integration": 30,
                                              "cost": 30}),
            "soren": StakeholderWeights(method="pairwise", judgments=[
                Judgment(a="functional_fit", b="cost", value=3)]),
        },
        shortlist=["salesforce_sales_cloud", "suitecrm", "odoo_crm"],
        readiness={"executive_sponsor": "yes"},
        history=History(created_at=NOW),
        seed=7,
    )


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    path = tmp_path / "project.toml"
    save_project(awkward_project(), path)
    return path


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., CrmSelectorApp]:
    def make(project: Path | None = None, **kwargs: object) -> CrmSelectorApp:
        options: dict = {
            "recent_file": tmp_path / "recent.json", "today": TODAY, "clock": fixed_clock,
            "n_samples": 0, "autosave_delay": 0.05,
        }
        options.update(kwargs)
        return CrmSelectorApp(project, **options)

    return make
