"""Vendor profiles: one real product per file, every fact with its source and date.

Scores carry their evidence and a confidence, because a ranking is only as honest as the facts
behind it, and low-confidence scores widen the uncertainty the advisor reports.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, HttpUrl

from selector.domain.base import Name, Note, Number, Strict
from selector.domain.criteria import Identifier

Confidence = Literal["high", "medium", "low"]
Deployment = Literal["saas", "private_cloud", "on_premises", "self_hosted", "hosted_by_partner"]
ApiStyle = Literal[
    "rest", "odata", "graphql", "soap", "json_rpc", "xml_rpc", "bulk", "events", "webhooks", "sdk"
]
IdentityStandard = Literal["oauth2", "oidc", "saml", "scim", "ldap"]
SolutionTypeRef = Literal["outsourced", "off_the_shelf", "custom", "bespoke"]

Url = Annotated[str, Field(pattern=r"^(https?://\S+|seed:\S+)$", max_length=2000)]
"""A web address, or `seed:FILE` for a point resting on one of the source documents."""


class CriterionScore(Strict):
    """A value on a criterion's scale and the evidence for it."""

    value: Number
    note: Annotated[Note, Field(min_length=3)]
    source: Url | None = None
    as_of: dt.date | None = None
    confidence: Confidence = "medium"



class PriceTier(Strict):
    """A published list price, always dated: prices change and the report must say when seen."""

    name: Annotated[Name, Field(min_length=1)]
    amount: Number | None = Field(default=None, ge=0)
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    unit: Literal["user-month", "user-year", "month", "year", "one-off", "quote"]
    billing: Literal["monthly", "annual", "one-off", "quote"] = "annual"
    as_of: dt.date
    source: Url
    note: Note = ""



class VendorProfile(Strict):
    """A CRM product or delivery offering: the facts a buyer checks and a score per criterion."""

    id: Identifier
    name: Annotated[Name, Field(min_length=2)]
    vendor: Annotated[Name, Field(min_length=2)]
    website: HttpUrl
    summary: Annotated[Note, Field(min_length=10)]
    solution_types: list[SolutionTypeRef] = Field(min_length=1)
    deployment: list[Deployment] = Field(min_length=1)
    licence: Annotated[Name, Field(min_length=2)]
    """An SPDX identifier for open source (e.g. `AGPL-3.0-only`), else `proprietary`."""
    source_available: bool = False
    api_styles: list[ApiStyle] = Field(default_factory=list)
    identity_standards: list[IdentityStandard] = Field(default_factory=list)
    modules: list[Annotated[Name, Field(min_length=2)]] = Field(default_factory=list)
    integrations: list[Annotated[Name, Field(min_length=2)]] = Field(default_factory=list)
    languages: list[Annotated[Name, Field(min_length=2)]] = Field(default_factory=list)
    hosting_regions: list[Annotated[Name, Field(min_length=2)]] = Field(default_factory=list)
    price_tiers: list[PriceTier] = Field(default_factory=list)
    scores: dict[str, CriterionScore]

    def is_open_source(self) -> bool:
        return self.licence.lower() != "proprietary"
