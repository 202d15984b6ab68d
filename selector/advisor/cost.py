"""What an offering costs this team: seats × price × months, implementation, running costs.

Prices are per seat, in the vendor's currency; estimates are for some deployment size. The
team's cost multiplies by the team's own seats (minimum seats honoured), converts with the
catalog's dated rates, scales implementation to the team's size and adds what it costs to run,
over the team's horizon. Every amount is a range where its evidence is a range, and every line
says how it was worked out, so a CFO can check the sum by hand.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from selector.advisor import wording
from selector.domain.cost_model import Assumption, CostModel
from selector.domain.evidence import Evidence
from selector.domain.recommendation import BudgetCheck, CostLine, Range, TeamCost
from selector.domain.vendors import CostEstimate, CostItem, PriceTier

_PER_YEAR = {"user-month": 12, "user-year": 1, "month": 12, "year": 1}


@dataclass(frozen=True)
class Team:
    """What the cost depends on in the team's answers."""

    seats: int
    seats_answered: bool
    horizon_years: int
    budget_upfront: float | None
    budget_yearly: float | None


@dataclass(frozen=True)
class CostInputs:
    """One candidate's side: its price lines, own estimates, deployment and levels."""

    price_tiers: list[PriceTier]
    estimate: CostEstimate
    deployment: list[str]
    implementation_level: float
    skills_level: float
    typical: bool = False  # a kind of solution: a typical price, not a quote


@dataclass(frozen=True)
class _Part:
    """One cost line as numbers, with its wording deferred: a large catalog is costed for
    every offering, but only the offerings a result shows in detail need their lines."""

    item: str
    label: str
    recurring: bool
    low: float
    high: float
    basis: Callable[[], str]
    default_used: bool = False
    source: str = ""
    confidence: str = "medium"

    def line(self) -> CostLine:
        return CostLine(
            item=self.item,  # type: ignore[arg-type]
            label=self.label,
            recurring=self.recurring,
            amount=Range(low=self.low, high=self.high),
            basis=self.basis(),
            default_used=self.default_used,
            source=self.source,
            confidence=self.confidence,
        )


def _cite(evidence: Evidence) -> str:
    return evidence.source_title or evidence.source or ""


def team_cost(inputs: CostInputs, team: Team, model: CostModel, detail: bool = True) -> TeamCost:
    """The offering's cost for `team`, line by line, against the team's budgets.

    Without `detail` the amounts and budget checks are the same, but the lines, assumptions
    and summary sentence are left out.
    """
    licences, priced, billed = _licences(inputs, team, model)
    implementation = _implementation(inputs, team, model)
    running = [p for p in (_hosting(inputs, model), _support(inputs),
                           _administration(inputs, model)) if p is not None]
    parts = [*licences, implementation, *running]
    up_low = sum(p.low for p in parts if not p.recurring)
    up_high = sum(p.high for p in parts if not p.recurring)
    year_low = sum(p.low for p in parts if p.recurring)
    year_high = sum(p.high for p in parts if p.recurring)
    lic_low = sum(p.low for p in licences if p.recurring)
    lic_high = sum(p.high for p in licences if p.recurring)
    years = team.horizon_years
    seats = max(team.seats, 1)
    upfront = Range(low=up_low, high=up_high)
    yearly = Range(low=year_low, high=year_high)
    total = Range(low=up_low + years * year_low, high=up_high + years * year_high)
    budgets = [
        _budget("upfront", team.budget_upfront, upfront, priced),
        _budget("yearly", team.budget_yearly, yearly, priced),
    ]
    cost = TeamCost(
        seats=team.seats,
        billed_seats=billed,
        horizon_years=years,
        priced=priced,
        upfront=upfront,
        yearly=yearly,
        total=total,
        per_user_month=Range(low=lic_low / (12 * seats), high=lic_high / (12 * seats)),
        per_user_year=Range(low=total.low / (years * seats), high=total.high / (years * seats)),
        lines=[p.line() for p in parts] if detail else [],
        budgets=budgets,
        over_budget=priced and any(b.verdict == "over" for b in budgets),
        may_exceed_budget=priced and any(b.verdict == "may_exceed" for b in budgets),
        defaults_used=any(p.default_used for p in parts),
        assumptions=_assumptions(inputs, team, model, implementation, running) if detail else [],
    )
    return cost.model_copy(update={"summary": wording.cost_summary(cost)}) if detail else cost


def _licences(inputs: CostInputs, team: Team, model: CostModel) -> tuple[list[_Part], bool, int]:
    """(the licence lines, whether every needed line has a price, seats billed)."""
    parts: list[_Part] = []
    priced = True
    billed = team.seats
    needed = [t for t in inputs.price_tiers if not t.optional]
    for tier in needed:
        if tier.unit == "quote" or tier.amount is None:
            priced = False
            parts.append(
                _Part("licences", f"Licences ({tier.name})", True, 0.0, 0.0,
                      partial(wording.price_on_request, tier.name), False, _cite(tier),
                      tier.confidence)
            )
            continue
        rate = model.rate(tier.currency)
        per_eur = rate.per_eur if rate is not None else 1.0
        low = tier.amount / per_eur
        high = (tier.amount_high if tier.amount_high is not None else tier.amount) / per_eur
        per_seat = tier.unit.startswith("user")
        seats = max(team.seats, tier.minimum_seats) if per_seat else 1
        if per_seat:
            billed = max(billed, seats)
        months = _PER_YEAR.get(tier.unit)
        factor = seats * (months if months is not None else 1)
        parts.append(
            _Part(
                "licences",
                "Licences" if len(needed) == 1 else f"Licences ({tier.name})",
                months is not None,
                low * factor,
                high * factor,
                partial(wording.licence_basis, tier, seats, per_seat, months, rate,
                        inputs.typical),
                False,
                _cite(tier),
                tier.confidence,
            )
        )
    if not needed:
        priced = False
        parts.append(_Part("licences", "Licences", True, 0.0, 0.0, wording.no_price_listed,
                           confidence="low"))
    return parts, priced, billed


def _nearest_level(value: float) -> int:
    """The level band a score falls in, halves rounded up (2.5 is level 3)."""
    return int(math.floor(min(5.0, max(0.0, value)) + 0.5))


def _scale(low: float, high: float, users: int, team: Team, share: Assumption
           ) -> tuple[float, float]:
    """An estimate for `users` scaled to the team: only the user-driven share grows."""
    ratio = team.seats / users
    factors = [(1 - s) + s * ratio for s in share.value]
    return low * min(factors), high * max(factors)


def _implementation(inputs: CostInputs, team: Team, model: CostModel) -> _Part:
    item = inputs.estimate.implementation
    share = model.implementation_user_share
    if item is not None and item.eur is not None:
        users = item.users or model.reference_users
        low, high = _scale(item.eur[0], item.eur[1], users, team, share)
        return _Part("implementation", "Implementation", False, low, high,
                     partial(wording.implementation_basis, item.eur, users, team.seats,
                             share.value),
                     False, _cite(item), item.confidence)
    level = _nearest_level(inputs.implementation_level)
    band = model.implementation_levels[str(level)]
    low, high = _scale(band[0], band[1], model.reference_users, team, share)
    return _Part("implementation", "Implementation", False, low, high,
                 partial(wording.implementation_from_level, level, band, model.reference_users,
                         team.seats),
                 True, "", "low")


def _hosting(inputs: CostInputs, model: CostModel) -> _Part | None:
    item = inputs.estimate.hosting
    if item is not None and item.eur is not None:
        return _item_part("hosting", "Hosting", item, item.eur)
    defaults = [model.hosting_eur_per_year[d] for d in inputs.deployment
                if d in model.hosting_eur_per_year]
    if not defaults:
        return None
    low = min(d.value[0] for d in defaults)
    high = max(d.value[1] for d in defaults)
    if high == 0:
        return None
    return _Part("hosting", "Hosting", True, low, high,
                 partial(wording.hosting_default, list(inputs.deployment)), True, "", "low")


def _support(inputs: CostInputs) -> _Part | None:
    item = inputs.estimate.support
    if item is None or item.eur is None:
        return None
    return _item_part("support", "Support beyond the licence", item, item.eur)


def _administration(inputs: CostInputs, model: CostModel) -> _Part:
    item = inputs.estimate.administration
    fte_cost = model.fte_cost_eur.value
    if item is not None:
        if item.eur is not None:
            return _item_part("administration", "Administration", item, item.eur)
        fte = item.fte or [0.0, 0.0]
        return _Part("administration", "Administration", True, fte[0] * fte_cost[0],
                     fte[1] * fte_cost[1],
                     partial(wording.administration_basis, fte, fte_cost, None), False,
                     _cite(item), item.confidence)
    level = _nearest_level(inputs.skills_level)
    fte = model.administration_fte[str(level)]
    return _Part("administration", "Administration", True, fte[0] * fte_cost[0],
                 fte[1] * fte_cost[1], partial(wording.administration_basis, fte, fte_cost, level),
                 True, "", "low")


def _item_part(kind: str, label: str, item: CostItem, eur: list[float]) -> _Part:
    return _Part(kind, label, True, eur[0], eur[1], partial(wording.stated_estimate, item.note),
                 False, _cite(item), item.confidence)


def _budget(kind: str, budget: float | None, amount: Range, priced: bool) -> BudgetCheck:
    if not priced:
        verdict = "unknown"
    elif budget is None:
        verdict = "no_budget"
    elif amount.high <= budget:
        verdict = "within"
    elif amount.low > budget:
        verdict = "over"
    else:
        verdict = "may_exceed"
    return BudgetCheck(kind=kind, budget=budget, amount=amount, verdict=verdict,  # type: ignore[arg-type]
                       text=wording.budget_text(kind, budget, amount, verdict),
                       verdict_text=wording.budget_verdict(verdict))


def _assumptions(
    inputs: CostInputs,
    team: Team,
    model: CostModel,
    implementation: _Part,
    running: list[_Part],
) -> list[str]:
    out = [wording.seats_assumption(team.seats, team.seats_answered, model.reference_users),
           wording.horizon_assumption(team.horizon_years)]
    currencies = sorted({t.currency for t in inputs.price_tiers if t.currency != "EUR"})
    for code in currencies:
        rate = model.rate(code)
        if rate is not None:
            out.append(wording.rate_assumption(rate))
    if implementation.default_used:
        out.append(wording.implementation_default_assumption())
    if any(p.default_used for p in running):
        out.append(wording.running_default_assumption())
    if inputs.typical:
        out.append(wording.typical_assumption())
    return out
