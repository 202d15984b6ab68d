"""The four kinds of solution, each leading in the situation its definition describes.

Definitions from 002_cdc28874619e9642.txt (after Business Link): outsourced is ideal when the
company must implement quickly and cannot develop the system from scratch; off-the-shelf is the
most affordable and integrates with existing packages; custom takes the company's specific
needs into account but is expensive; bespoke rents a tailored chain of CRM applications, a
cross between custom and outsourced. No stakeholder weights are given: the answers alone must
move the result, through the shipped rules.
"""

from __future__ import annotations

import datetime as dt

import pytest

from selector.advisor import advise
from selector.domain import Project
from selector.domain.project import SystemToIntegrate

TODAY = dt.date(2026, 11, 22)

SCENARIOS = {
    # Must go live in 8 weeks and has no developers.
    "outsourced": dict(
        go_live_weeks=8,
        developers=0,
        budget_upfront_eur=50000,
        budget_yearly_eur=60000,
        process_uniqueness="some",
    ),
    # Standard processes, tight budget, must integrate with the ERP and accounting packages.
    "off_the_shelf": dict(
        go_live_weeks=20,
        developers=1,
        budget_upfront_eur=35000,
        budget_yearly_eur=25000,
        process_uniqueness="standard",
    ),  # and it integrates an ERP and an accounting package: see SYSTEMS
    # Unique processes, a strong in-house team, a large budget, and (as a firm that builds its
    # own system) the wish to own its data and be able to leave any supplier.
    "custom": dict(
        go_live_weeks=60,
        developers=8,
        budget_upfront_eur=900000,
        budget_yearly_eur=300000,
        process_uniqueness="unique",
        exit_importance="high",
    ),
    # Tailored needs, no developers, a mid-size budget.
    "bespoke": dict(
        go_live_weeks=30,
        developers=0,
        budget_upfront_eur=150000,
        budget_yearly_eur=100000,
        process_uniqueness="unique",
    ),
}


SYSTEMS = {
    "off_the_shelf": [
        SystemToIntegrate(name="Microsoft Dynamics 365 Business Central", kind="erp"),
        SystemToIntegrate(name="Fortnox", kind="accounting"),
    ]
}


def _project(name: str) -> Project:
    return Project(answers=SCENARIOS[name], systems=SYSTEMS.get(name, []))


@pytest.mark.parametrize("expected", list(SCENARIOS))
def test_each_kind_leads_where_its_definition_says(shipped, expected: str) -> None:
    project = _project(expected)
    rec = advise(shipped, project, n_samples=0, today=TODAY)
    assert rec.solution_types[0].id == expected, [
        (t.id, round(t.score, 3), t.reasons[:1]) for t in rec.solution_types
    ]
    assert rec.solution_type_headline.startswith(rec.solution_types[0].name)


def test_outsourced_reasons_name_the_deadline_and_the_missing_developers(shipped) -> None:
    rec = advise(
        shipped,
        _project("outsourced"),
        n_samples=0,
        today=TODAY,
    )
    custom = next(t for t in rec.solution_types if t.id == "custom")
    assert custom.excluded and custom.rank is None
    text = " ".join(f.reason for f in custom.failures)
    assert "8 weeks" in text  # the deadline the team gave
    assert "Developers you can assign: 0 developers" in text  # the capacity the team gave
    assert "Custom" in rec.solution_type_headline and "ruled out" in rec.solution_type_headline


def test_types_that_typically_miss_a_must_have_rank_below_and_say_why(shipped) -> None:
    rec = advise(
        shipped, _project("bespoke"), n_samples=0, today=TODAY
    )
    outsourced = next(t for t in rec.solution_types if t.id == "outsourced")
    bespoke = rec.solution_types[0]
    assert not outsourced.excluded
    assert outsourced.rank > bespoke.rank
    assert any(
        r.startswith("Typically falls short of a must-have") and "Customisation depth" in r
        for r in outsourced.reasons
    )
