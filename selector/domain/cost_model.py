"""The catalog's cost model: the assumptions that turn price lists into this team's cost.

Prices are published per seat, in the vendor's currency, for one edition; implementation
estimates are for some reference size. To say what an offering costs *this* team, the advisor
needs a dated exchange-rate table and a few assumptions (how implementation grows with users,
what a year of an administrator costs, what hosting costs when the buyer runs the software).
They live in the catalog (`criteria/cost_model.toml`), each with its evidence or its reasoning,
so a consultant can change them and the report can print them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from selector.domain.base import Number, Strict
from selector.domain.evidence import Evidence
from selector.domain.vendors import CostItem, Deployment

Pair = Annotated[list[Number], Field(min_length=2, max_length=2)]


class CurrencyRate(Evidence):
    """How many units of a currency one euro bought on a date, as the ECB publishes it.

    `date` is the rate's own date; `observed` when it was read.
    """

    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    per_eur: Number = Field(gt=0, le=1_000_000_000)
    date: dt.date

    @model_validator(mode="after")
    def _dated_and_sourced(self) -> CurrencyRate:
        if self.observed is None or self.source is None:
            raise ValueError("an exchange rate needs `observed` (its date) and `source`")
        return self


class Assumption(Evidence):
    """A number the cost model assumes, with its evidence or reasoning."""

    value: Pair
    """[low, high]: an assumption is a range unless the evidence pins it down."""

    @field_validator("value")
    @classmethod
    def _ordered(cls, value: list[float]) -> list[float]:
        if value[0] < 0 or value[1] < value[0]:
            raise ValueError("a range is [low, high] with 0 <= low <= high")
        return value


class CostModel(Strict):
    """Everything besides the offerings' own prices that the team's cost rests on."""

    default_horizon_years: int = Field(default=5, ge=1, le=20)
    reference_users: int = Field(default=50, ge=1)
    """The deployment size the implementation-cost levels are priced for."""
    implementation_user_share: Assumption
    """Share of an implementation that grows with the number of users (training, data,
    roll-out); the rest (configuration, integrations) does not."""
    implementation_levels: dict[str, Pair]
    """EUR range of each implementation-cost level (0–5) at the reference size."""
    fte_cost_eur: Assumption
    """Loaded yearly cost of one full-time administrator or developer."""
    administration_fte: dict[str, Pair]
    """FTE per year to administer the system, by in-house-skills level (0–5), when the
    offering states no estimate."""
    hosting_eur_per_year: dict[Deployment, Assumption]
    """Yearly hosting the buyer pays, by deployment, when the offering states no estimate."""
    rates: list[CurrencyRate] = Field(min_length=1)

    @field_validator("implementation_user_share")
    @classmethod
    def _a_share(cls, share: Assumption) -> Assumption:
        if share.value[1] > 1:
            raise ValueError("a share lies between 0 and 1")
        return share

    @field_validator("implementation_levels", "administration_fte")
    @classmethod
    def _levels(cls, table: dict[str, list[float]]) -> dict[str, list[float]]:
        missing = [str(level) for level in range(6) if str(level) not in table]
        if missing or len(table) != 6:
            raise ValueError("give a range for each level 0 to 5 (keys \"0\" … \"5\")")
        for key, pair in table.items():
            if pair[0] < 0 or pair[1] < pair[0]:
                raise ValueError(f"level {key}: a range is [low, high] with 0 <= low <= high")
        return table

    def rate(self, currency: str) -> CurrencyRate | None:
        if currency == "EUR":
            return None
        return next((r for r in self.rates if r.currency == currency), None)

    def currencies(self) -> set[str]:
        return {"EUR", *(r.currency for r in self.rates)}


__all__ = ["Assumption", "CostItem", "CostModel", "CurrencyRate"]
