"""What an offering costs this team: seats × price × months, implementation, running costs.

Prices are per seat, in the vendor's currency; estimates are for some deployment size. The
team's cost multiplies by the team's own seats (minimum seats honoured), converts with the
catalog's dated rates, scales implementation to the team's size and adds what it costs to run,
over the team's horizon. Every amount is a range where its evidence is a range, and every line
says how it was worked out, so a CFO can check the sum by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

from selector.advisor import wording
from selector.domain.cost_model import Assumption, CostModel
from selector.domain.evidence import Evidence
from selector.domain.recommendation import BudgetCheck, CostLine, Range, TeamCost
from selector.domain.vendors import CostEstimate, CostItem, PriceTier

_PER_YEAR = {"user-month": 12, "user-year": 1, "month": 12, "year": 1}
ZERO = Range(low=0.0, high=0.0)


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


def _add(a: Range, b: Range) -> Range:
    return Range(low=a.low + b.low, high=a.high + b.high)


def _times(a: Range, factor: float) -> Range:
    return Range(low=a.low * factor, high=a.high * factor)


def _cite(evidence: Evidence) -> str:
    return evidence.source_title or evidence.source or ""


def team_cost(inputs: CostInputs, team: Team, model: CostModel) -> TeamCost:
    """The offering's cost for `team`, line by line, against the team's budgets."""
    licences, upfront_licences, lines, priced, billed = _licences(inputs, team, model)
    implementation = _implementation(inputs, team, model)
    running = [_hosting(inputs, model), _support(inputs), _administration(inputs, model)]
    lines = [*lines, implementation, *[r for r in running if r is not None]]
    upfront = _add(implementation.amount, upfront_licences)
    yearly = licences
    for line in running:
        if line is not None:
            yearly = _add(yearly, line.amount)
    total = _add(upfront, _times(yearly, team.horizon_years))
    seats = max(team.seats, 1)
    per_user_month = _times(licences, 1 / (12 * seats))
    per_user_year = _times(total, 1 / (team.horizon_years * seats))
    budgets = [
        _budget("upfront", team.budget_upfront, upfront, priced),
        _budget("yearly", team.budget_yearly, yearly, priced),
    ]
    over = priced and any(b.verdict == "over" for b in budgets)
    may = priced and any(b.verdict == "may_exceed" for b in budgets)
    assumptions = _assumptions(inputs, team, model, implementation, running)
    cost = TeamCost(
        seats=team.seats,
        billed_seats=billed,
        horizon_years=team.horizon_years,
        priced=priced,
        upfront=upfront,
        yearly=yearly,
        total=total,
        per_user_month=per_user_month,
        per_user_year=per_user_year,
        lines=lines,
        budgets=budgets,
        over_budget=over,
        may_exceed_budget=may,
        assumptions=assumptions,
    )
    return cost.model_copy(update={"summary": wording.cost_summary(cost)})


def _licences(
    inputs: CostInputs, team: Team, model: CostModel
) -> tuple[Range, Range, list[CostLine], bool, int]:
    """(licences per year, one-off licences, their lines, whether priced, seats billed)."""
    yearly, once = ZERO, ZERO
    lines: list[CostLine] = []
    priced = True
    billed = team.seats
    for tier in inputs.price_tiers:
        if tier.optional:
            continue
        if tier.unit == "quote" or tier.amount is None:
            priced = False
            lines.append(
                CostLine(
                    item="licences",
                    label=f"Licences ({tier.name})",
                    recurring=True,
                    amount=ZERO,
                    basis=wording.price_on_request(tier.name),
                    source=_cite(tier),
                    confidence=tier.confidence,
                )
            )
            continue
        rate = model.rate(tier.currency)
        per_eur = rate.per_eur if rate is not None else 1.0
        low = tier.amount / per_eur
        high = (tier.amount_high if tier.amount_high is not None else tier.amount) / per_eur
        per_seat = tier.unit.startswith("user")
        seats = max(team.seats, tier.minimum_seats) if per_seat else 1
        billed = max(billed, seats if per_seat else billed)
        months = _PER_YEAR.get(tier.unit)
        factor = seats * (months if months is not None else 1)
        amount = Range(low=low * factor, high=high * factor)
        recurring = months is not None
        if recurring:
            yearly = _add(yearly, amount)
        else:
            once = _add(once, amount)
        lines.append(
            CostLine(
                item="licences",
                label="Licences" if len(inputs.price_tiers) == 1 else f"Licences ({tier.name})",
                recurring=recurring,
                amount=amount,
                basis=wording.licence_basis(tier, seats, per_seat, months, rate, inputs.typical),
                source=_cite(tier),
                confidence=tier.confidence,
            )
        )
    if not inputs.price_tiers:
        priced = False
        lines.append(
            CostLine(
                item="licences",
                label="Licences",
                recurring=True,
                amount=ZERO,
                basis=wording.no_price_listed(),
                confidence="low",
            )
        )
    return yearly, once, lines, priced, billed


def _scale(estimate: Range, users: int, team: Team, share: Assumption) -> Range:
    """An estimate for `users` scaled to the team: only the user-driven share grows."""
    ratio = team.seats / users
    factors = [(1 - s) + s * ratio for s in share.value]
    return Range(low=estimate.low * min(factors), high=estimate.high * max(factors))


def _implementation(inputs: CostInputs, team: Team, model: CostModel) -> CostLine:
    item = inputs.estimate.implementation
    share = model.implementation_user_share
    if item is not None and item.eur is not None:
        users = item.users or model.reference_users
        amount = _scale(Range(low=item.eur[0], high=item.eur[1]), users, team, share)
        return CostLine(
            item="implementation",
            label="Implementation",
            recurring=False,
            amount=amount,
            basis=wording.implementation_basis(item.eur, users, team.seats, share.value),
            source=_cite(item),
            confidence=item.confidence,
        )
    level = int(round(min(5.0, max(0.0, inputs.implementation_level))))
    band = model.implementation_levels[str(level)]
    amount = _scale(Range(low=band[0], high=band[1]), model.reference_users, team, share)
    return CostLine(
        item="implementation",
        label="Implementation",
        recurring=False,
        amount=amount,
        basis=wording.implementation_from_level(level, band, model.reference_users, team.seats),
        default_used=True,
        confidence="low",
    )


def _hosting(inputs: CostInputs, model: CostModel) -> CostLine | None:
    item = inputs.estimate.hosting
    if item is not None and item.eur is not None:
        return _item_line("hosting", "Hosting", item, item.eur)
    defaults = [model.hosting_eur_per_year[d] for d in inputs.deployment
                if d in model.hosting_eur_per_year]
    if not defaults:
        return None
    low = min(d.value[0] for d in defaults)
    high = max(d.value[1] for d in defaults)
    if high == 0:
        return None
    return CostLine(
        item="hosting",
        label="Hosting",
        recurring=True,
        amount=Range(low=low, high=high),
        basis=wording.hosting_default(inputs.deployment),
        default_used=True,
        confidence="low",
    )


def _support(inputs: CostInputs) -> CostLine | None:
    item = inputs.estimate.support
    if item is None or item.eur is None:
        return None
    return _item_line("support", "Support beyond the licence", item, item.eur)


def _administration(inputs: CostInputs, model: CostModel) -> CostLine:
    item = inputs.estimate.administration
    fte_cost = model.fte_cost_eur.value
    if item is not None:
        if item.eur is not None:
            return _item_line("administration", "Administration", item, item.eur)
        fte = item.fte or [0.0, 0.0]
        return CostLine(
            item="administration",
            label="Administration",
            recurring=True,
            amount=Range(low=fte[0] * fte_cost[0], high=fte[1] * fte_cost[1]),
            basis=wording.administration_basis(fte, fte_cost, None),
            source=_cite(item),
            confidence=item.confidence,
        )
    level = int(round(min(5.0, max(0.0, inputs.skills_level))))
    fte = model.administration_fte[str(level)]
    return CostLine(
        item="administration",
        label="Administration",
        recurring=True,
        amount=Range(low=fte[0] * fte_cost[0], high=fte[1] * fte_cost[1]),
        basis=wording.administration_basis(fte, fte_cost, level),
        default_used=True,
        confidence="low",
    )


def _item_line(kind: str, label: str, item: CostItem, eur: list[float]) -> CostLine:
    return CostLine(
        item=kind,  # type: ignore[arg-type]
        label=label,
        recurring=True,
        amount=Range(low=eur[0], high=eur[1]),
        basis=wording.stated_estimate(item.note),
        source=_cite(item),
        confidence=item.confidence,
    )


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
    check = BudgetCheck(kind=kind, budget=budget, amount=amount, verdict=verdict, text="")  # type: ignore[arg-type]
    return check.model_copy(update={"text": wording.budget_text(check)})


def _assumptions(
    inputs: CostInputs,
    team: Team,
    model: CostModel,
    implementation: CostLine,
    running: list[CostLine | None],
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
    if any(line is not None and line.default_used for line in running):
        out.append(wording.running_default_assumption())
    if inputs.typical:
        out.append(wording.typical_assumption())
    return out
