"""Facts the views lay out as they are: the budget verdict alone, what the costs are for, what
moved a group's weight, and the scale of how sure the advisor is.

Expected values come from the example project file (its answers) and the shipped catalog's
rules, read here independently of the advisor.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from selector.advisor import advise, wording
from selector.catalog import open_project
from selector.domain.recommendation import Recommendation

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nordlys-project.toml"


@pytest.fixture(scope="module")
def example() -> Recommendation:
    opened = open_project(EXAMPLE)
    assert opened.project is not None and opened.catalog is not None
    return advise(opened.catalog, opened.project, n_samples=0, today=dt.date(2026, 11, 30))


@pytest.fixture(scope="module")
def answers() -> dict:
    return tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))["answers"]


def test_each_budget_check_has_its_verdict_in_words(example: Recommendation) -> None:
    words = {"within": "within budget", "may_exceed": "may exceed the budget",
             "over": "over budget", "no_budget": "no budget given",
             "unknown": "price not published"}
    seen = set()
    for offering in example.offerings:
        assert offering.cost is not None
        for check in offering.cost.budgets:
            assert check.verdict_text == words[check.verdict]
            seen.add(check.verdict)
    assert {"within", "may_exceed", "over", "unknown"} <= seen


def test_cost_basis_says_seats_horizon_and_budgets(example: Recommendation,
                                                   answers: dict) -> None:
    upfront = f"{answers['budget_upfront_eur']:,.0f}"
    yearly = f"{answers['budget_yearly_eur']:,.0f}"
    assert example.cost_basis == (
        f"For {answers['crm_users']} users over {answers['horizon_years']} years, against the "
        f"team's budgets of EUR {upfront} upfront and EUR {yearly} a year.")


def test_cost_basis_without_budgets_or_seats() -> None:
    from selector.advisor.cost import Team

    team = Team(seats=50, seats_answered=False, horizon_years=1, budget_upfront=None,
                budget_yearly=None)
    assert wording.cost_basis(team) == (
        "For 50 users (the catalog's reference size: the team has not said how many) over "
        "1 year; the team has given no budget.")
    one = Team(seats=1, seats_answered=True, horizon_years=3, budget_upfront=None,
               budget_yearly=12_000)
    assert wording.cost_basis(one) == (
        "For 1 user over 3 years, against the team's budget of EUR 12,000 a year.")


def test_a_group_no_rule_touched_says_why_its_share_moved(example: Recommendation) -> None:
    """Cost: no rule raises or lowers a cost criterion, yet its share halves because rules
    double other groups; that is what the report must say, not "moved by your answers"."""
    cost = next(g for g in example.groups if g.group_id == "cost")
    assert not cost.moved_by
    assert cost.weight < cost.agreed_weight
    assert cost.moved_text == ("No rule changed it: its share fell because rules raised other "
                               "groups")
    assert cost.change_text == ("Cost: agreed 10.9%, after the rules 5.5% (no rule changed it: "
                                "its share fell because rules raised other groups)")
    assert "the rules)" not in " ".join(g.change_text for g in example.groups)


def test_a_group_rules_moved_names_the_answers_once(example: Recommendation) -> None:
    integration = next(g for g in example.groups if g.group_id == "integration")
    answers = {t.because for t in integration.moved_by}
    assert len(answers) >= 5
    assert integration.moved_text.startswith("Your answers: ")
    for because in answers:
        assert integration.moved_text.count(because) == 1, because
    unchanged = [g for g in example.groups if abs(g.weight - g.agreed_weight) < 0.0005]
    assert all(g.moved_text == "" for g in unchanged)


def test_certainty_scale_names_every_step() -> None:
    assert list(wording.CERTAINTY_NAMES) == ["clear", "likely", "close", "none"]
    assert wording.CERTAINTY_NAMES["close"] == "Too close to call"


def test_a_lead_short_of_a_clear_one_never_reads_as_reaching_it() -> None:
    """A new user saw "lead 3.0 points; a clear lead needs 3": the lead was 2.97 points."""
    from selector.advisor import wording

    text = wording.no_clear_lead(["A", "B"], 0.029675, 0.03, 0.5)
    assert "(lead 2.97 points; a clear lead needs 3 " in text
    assert "lead 0.8 points" in wording.no_clear_lead(["A", "B"], 0.008, 0.03, 0.5)
    assert "just under 3 points" in wording.favourite_lead("A", ["B"], 0.029999, 0.03)
    assert wording.favourite_lead("A", ["B"], 0.029675, 0.03) == (
        "A is the favourite but not yet a safe pick: its lead over B is 2.97 points, and a clear "
        "lead needs 3.")


def test_a_sentence_set_inside_another_loses_its_full_stop(example: Recommendation) -> None:
    """The example's override note ends in a full stop; inside its brackets it does not."""
    text = example.model_dump_json()
    assert "half in English, Li Wei" in text
    assert ".," not in text and ".;" not in text
    assert wording.clause(" Done. ") == "Done" and wording.clause("and so on...") == "and so on..."
