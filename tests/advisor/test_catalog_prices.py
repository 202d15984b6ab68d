"""The candidates step's list prices and fact lists, for the whole catalog (issue 14, phase 2).

The list price per seat and month is the licence part of the team's cost: checked here by
hand (USD 100 a user-month, at least 10 seats billed, USD 1.0705 per EUR) and against the
cost the ranking computes for the same offering, so the list and the results never disagree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from selector.advisor import advise
from selector.advisor.facts import listed_values
from selector.advisor.prices import list_prices
from selector.advisor.wording import list_price, list_price_short, price_tier
from selector.catalog import open_project
from selector.domain.recommendation import Range
from selector.domain.vendors import PriceTier
from tests.advisor.test_team_cost import ACME, PROJECT, SCORES, USD


@pytest.fixture
def opened(tmp_path: Path):  # noqa: ANN201
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "acme.toml").write_text(ACME + "\n" + SCORES, "utf-8")
    path = tmp_path / "cost.toml"
    path.write_text(PROJECT, "utf-8")
    return open_project(path)


def test_the_list_price_is_the_licence_part_of_the_teams_cost(opened) -> None:  # noqa: ANN001
    prices = list_prices(opened.catalog, opened.project)
    acme = prices["acme_crm"]
    by_hand = 100 / USD * 10 / 5  # 10 seats billed for a team of 5, per seat
    assert acme.priced
    assert acme.per_user_month.low == pytest.approx(by_hand)
    assert acme.text == f"EUR {by_hand:.2f} a user-month"
    assert acme.short == f"{by_hand:.2f}"
    rec = advise(opened.catalog, opened.project, n_samples=0)
    assert rec.offering("acme_crm").cost.per_user_month.low == pytest.approx(by_hand)
    # every shipped offering has a price text, the unpublished ones "on quote"
    assert "dynamics_365_ce_onpremises" in prices
    assert prices["dynamics_365_ce_onpremises"].text == "on quote"
    assert prices["odoo_community_self_hosted"].text == "no licence fee"


def test_price_words() -> None:
    assert list_price(None, False) == "no price listed"
    assert list_price(Range(low=10, high=10), False) == "on quote"
    assert list_price(Range(low=0, high=0), True) == "no licence fee"
    assert list_price(Range(low=12.5, high=20), True) == "EUR 12.5–20 a user-month"
    assert list_price_short(Range(low=12.5, high=20), True) == "12.5–20"
    assert list_price_short(Range(low=10, high=10), False) == "quote"
    assert list_price_short(None, False) == "–"
    tier = PriceTier(name="Pro", amount=105, currency="USD", unit="user-month",
                     minimum_seats=10, source="https://x.example/p", observed=dt.date(2026, 11, 30))
    assert price_tier(tier) == "Pro: USD 105 a user-month, annual billing, at least 10 seats"
    quote = PriceTier(name="Enterprise", currency="EUR", unit="quote", billing="quote",
                      source="https://x.example/p", observed=dt.date(2026, 11, 30), optional=True)
    assert price_tier(quote) == ("Enterprise: price on request (optional add-on, not in the "
                                 "team's cost)")


def test_listed_values_derive_who_runs_it_and_where_data_lives(opened) -> None:  # noqa: ANN001
    acme = next(o for o in opened.catalog.offerings if o.id == "acme_crm")
    assert listed_values(acme, "deployment") == (["saas"], True, True)
    assert listed_values(acme, "run_by") == (["provider"], True, True)
    values, _, known = listed_values(acme, "languages")
    assert (values, known) == ([], False)
