"""The team's cost: seats × price × months, scaled implementation, running costs, budgets.

Every expected figure below is worked out by hand from the numbers in the test catalog and the
shipped cost model (criteria/cost_model.toml): USD 1.0705 per EUR; 30–40% of an
implementation grows with users; an administrator costs EUR 75,000–105,000 a year.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ACME = """\
format_version = 2
id = "acme_crm"
name = "Acme CRM"
vendor = "Acme Oy"
website = "https://acme.example/"
summary = "A test product whose numbers are easy to check by hand."
solution_types = ["outsourced"]

[facts.deployment]
values = ["saas"]
note = "Run by Acme."
source = "https://acme.example/docs/hosting"
source_title = "Hosting"
source_kind = "vendor_documentation"
observed = 2026-11-30

[[price_tiers]]
name = "Pro, per user"
amount = 100.0
currency = "USD"
unit = "user-month"
billing = "annual"
minimum_seats = 10
source = "https://acme.example/pricing"
source_title = "Pricing"
source_kind = "vendor_pricing_page"
observed = 2026-11-30

[cost.implementation]
eur = [20000.0, 40000.0]
users = 50
note = "A partner's estimate for 50 users."
source_kind = "team_judgement"

[cost.administration]
fte = [0.1, 0.2]
note = "A tenth to a fifth of an administrator."
source_kind = "team_judgement"
"""

SCORES = "\n".join(
    f'[scores.{cid}]\nvalue = {value}\nnote = "Test score."\nsource_kind = "team_judgement"\n'
    for cid, value in [
        ("sales_automation", 3.0), ("marketing_automation", 3.0), ("customer_service", 3.0),
        ("analytics_reporting", 3.0), ("mobile_access", 3.0), ("open_apis", 3.0),
        ("identity_standards", 3.0), ("data_export", 3.0), ("licence_openness", 0.0),
        ("modular_purchase", 3.0), ("phased_rollout", 3.0), ("low_code_config", 3.0),
        ("erp_integration", 3.0), ("accounting_integration", 3.0), ("portal_integration", 3.0),
        ("email_calendar_integration", 3.0), ("telephony_integration", 3.0),
        ("bi_integration", 3.0), ("prebuilt_connectors", 3.0), ("multi_region_sync", 3.0),
        ("implementation_cost", 1.0), ("time_to_live", 8.0), ("inhouse_skills_required", 2.0),
        ("customisation_depth", 3.0), ("data_residency", 3.0), ("lock_in", 2.0),
        ("sso_audit", 3.0), ("security_certifications", 3.0), ("usability", 3.0),
        ("training_support", 3.0), ("localisation", 3.0), ("migration_tools", 3.0),
        ("deduplication", 3.0), ("vendor_viability", 3.0), ("partner_ecosystem", 3.0),
    ]
)

PROJECT = """\
format_version = 2
name = "Cost check"
date = 2026-12-01
shortlist = ["acme_crm"]

[answers]
crm_users = 5
horizon_years = 3
budget_upfront_eur = 20000
budget_yearly_eur = 15000

[catalogs]
paths = ["catalog"]
"""

USD = 1.0705
LICENCES = 100 / USD * 10 * 12  # 5 users, but at least 10 seats are billed
IMPLEMENTATION = (20000 * (0.6 + 0.4 * 5 / 50), 40000 * (0.7 + 0.3 * 5 / 50))
ADMINISTRATION = (0.1 * 75000, 0.2 * 105000)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "acme.toml").write_text(ACME + "\n" + SCORES, "utf-8")
    path = tmp_path / "cost.toml"
    path.write_text(PROJECT, "utf-8")
    return path


def _rank_json(project: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "selector.cli", "rank", str(project), "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def test_the_cost_for_the_team_follows_the_hand_computation(project: Path) -> None:
    data = _rank_json(project)
    cost = data["offerings"][0]["cost"]
    assert cost["seats"] == 5 and cost["billed_seats"] == 10 and cost["horizon_years"] == 3
    yearly = (LICENCES + ADMINISTRATION[0], LICENCES + ADMINISTRATION[1])
    assert cost["upfront"] == pytest.approx({"low": IMPLEMENTATION[0], "high": IMPLEMENTATION[1]})
    assert cost["yearly"] == pytest.approx({"low": yearly[0], "high": yearly[1]})
    assert cost["total"] == pytest.approx(
        {"low": IMPLEMENTATION[0] + 3 * yearly[0], "high": IMPLEMENTATION[1] + 3 * yearly[1]}
    )
    assert cost["per_user_month"]["low"] == pytest.approx(LICENCES / 12 / 5)
    lines = {line["item"]: line for line in cost["lines"]}
    assert lines["licences"]["basis"].startswith("10 seats × USD 100 a user-month × 12")
    assert "(minimum 10 seats)" in lines["licences"]["basis"]
    assert "1.0705 USD per EUR (2024-06-28)" in lines["licences"]["basis"]
    assert "scaled from 50 users to 5 users" in lines["implementation"]["basis"]


def test_budgets_are_checked_with_the_amounts(project: Path) -> None:
    cost = _rank_json(project)["offerings"][0]["cost"]
    verdicts = {b["kind"]: b for b in cost["budgets"]}
    # upfront 12,800–29,200 against 20,000: may exceed; yearly from 18,710 against 15,000: over
    assert verdicts["upfront"]["verdict"] == "may_exceed"
    assert verdicts["upfront"]["text"] == (
        "EUR 12,800–29,200, may exceed the upfront budget of EUR 20,000")
    assert verdicts["yearly"]["verdict"] == "over"
    assert cost["over_budget"] and "over the yearly budget" in cost["summary"]


def test_a_hard_budget_excludes_an_offering_certainly_over_it(project: Path) -> None:
    text = project.read_text("utf-8").replace("[answers]", '[answers]\nbudget_limit = "hard"')
    project.write_text(text, "utf-8")
    data = _rank_json(project)
    acme = data["offerings"][0]
    assert acme["excluded"]
    (failure,) = [f for f in acme["failures"] if f["kind"] == "budget"]
    assert failure["required"] == "within the yearly budget of EUR 15,000"
    assert failure["reason"].startswith("EUR 18,700–32,200 a year, over the yearly budget")


def test_the_total_cost_criterion_is_the_teams_cost_per_user_and_year(project: Path) -> None:
    data = _rank_json(project)
    acme = data["offerings"][0]
    total = next(c for c in acme["contributions"] if c["criterion_id"] == "total_cost")
    per_user_year = acme["cost"]["per_user_year"]
    assert total["computed"] and total["raw_value"] == pytest.approx(
        (per_user_year["low"] + per_user_year["high"]) / 2)
    assert total["value_text"].startswith("EUR ") and total["value_text"].endswith(
        "per user-year")


def test_a_what_if_and_a_new_team_size_cost_exactly_as_a_fresh_run() -> None:
    """The advisor remembers each offering's cost for the team between what-ifs (new
    weights, same team); a team that grows is costed anew, never from the smaller team's."""
    from selector.advisor import advise
    from selector.advisor.recommend import what_if
    from selector.catalog import load_catalog, load_project
    from selector.catalog.shipped import shipped_root

    project = load_project(shipped_root() / "examples" / "nordlys-project.toml").project
    bigger = project.model_copy(update={"answers": {**project.answers, "crm_users": 170}})
    catalog = load_catalog()

    def totals(rec) -> dict[str, tuple[float, float]]:
        return {o.id: (o.cost.total.low, o.cost.total.high) for o in rec.offerings if o.cost}

    small = totals(advise(catalog, project, n_samples=0))
    groups = {g.id: 10.0 for g in catalog.library.groups}
    assert totals(what_if(catalog, project, groups)) == small
    large = totals(advise(catalog, bigger, n_samples=0))
    assert large == totals(advise(load_catalog(), bigger, n_samples=0))
    assert all(large[k][1] > small[k][1] for k in small if small[k][1] > 0)
