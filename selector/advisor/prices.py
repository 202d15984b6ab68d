"""Each catalog offering's list price per seat and month, in EUR, for this team.

The candidates step lists and filters the whole catalog, not only the offerings a project
ranks, and a price in the vendor's own currency cannot be compared with another's. The amount
is the licence part of the team's cost (`cost.team_cost`): the same tiers, the same minimum
seats, the same dated exchange rates, so the list and the results never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from selector.advisor import wording
from selector.advisor.cost import CostInputs, _licences
from selector.advisor.recommend import read
from selector.catalog.loader import Catalog
from selector.domain.project import Project
from selector.domain.recommendation import Range


@dataclass(frozen=True)
class ListPrice:
    """Licences per seat and month for the team's seats (None: the catalog lists no price)."""

    per_user_month: Range | None
    priced: bool  # every needed price line is published
    text: str  # "EUR 98 a user-month", "on quote", "no licence fee", "no price listed"
    short: str  # for a column headed "EUR/user/month": "98.09", "quote", "no fee", "–"


def list_prices(catalog: Catalog, project: Project) -> dict[str, ListPrice]:
    """The list price of every offering in the catalog (by offering id), for the team's seats."""
    model = catalog.cost_model
    if model is None:
        return {o.id: _price(None, False) for o in catalog.offerings}
    team = read(catalog, project, None).team
    seats = max(team.seats, 1)
    out: dict[str, ListPrice] = {}
    for o in catalog.offerings:
        needed = [t for t in o.price_tiers if not t.optional]
        if not needed:
            out[o.id] = _price(None, False)
            continue
        inputs = CostInputs(o.price_tiers, o.cost, o.deployment, 0.0, 0.0)
        parts, priced, _ = _licences(inputs, team, model)
        low = sum(p.low for p in parts if p.recurring) / (12 * seats)
        high = sum(p.high for p in parts if p.recurring) / (12 * seats)
        amount = Range(low=low, high=high)
        out[o.id] = _price(amount, priced)
    return out


def _price(amount: Range | None, priced: bool) -> ListPrice:
    return ListPrice(amount, priced, wording.list_price(amount, priced),
                     wording.list_price_short(amount, priced))
