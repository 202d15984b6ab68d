"""Vendor profiles and their offerings: what a buyer can actually sign for.

A vendor file describes one product and declares its **offerings**: the product in one edition
and one deployment ("Dynamics 365 Sales Enterprise, online"; "Odoo Community, self-hosted").
What is common is written once on the vendor; each offering overrides only the facts, scores,
prices and cost that differ. Must-haves, scores and cost are judged per offering, so no
offering passes a knock-out on another edition's facts. A vendor without `[[offerings]]` is one
offering, so a simple file stays as short as a single product needs.

Every score, fact and price carries its evidence (`selector.domain.evidence`).
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    HttpUrl,
    field_validator,
    model_validator,
)
from pydantic_core import core_schema

from selector.domain.base import Frozen, Name, Note, Number, ReadOnly, Strict, rebuilt
from selector.domain.criteria import Identifier
from selector.domain.evidence import Confidence, Evidence, SourceKind, Url

__all__ = [
    "Confidence",
    "CostEstimate",
    "CostItem",
    "CriterionScore",
    "Fact",
    "Facts",
    "Integration",
    "Offering",
    "OfferingProfile",
    "PriceTier",
    "Url",
    "VendorProfile",
]

VENDOR_FORMAT_VERSION = 2

Deployment = Literal["saas", "private_cloud", "hosted_by_partner", "self_hosted", "on_premises"]
"""Who runs it and where: the vendor's multi-tenant service (saas), a dedicated instance the
vendor runs (private_cloud), a partner's hosting (hosted_by_partner), software the customer runs
in a cloud of its choice (self_hosted), or on the customer's own servers (on_premises)."""

CUSTOMER_RUN: tuple[Deployment, ...] = ("self_hosted", "on_premises")
"""Deployments where the customer decides where the data lives."""

ApiStyle = Literal[
    "rest", "odata", "graphql", "soap", "json_rpc", "xml_rpc", "bulk", "events", "webhooks", "sdk"
]
IdentityStandard = Literal["oauth2", "oidc", "saml", "scim", "ldap"]
SolutionTypeRef = Literal["outsourced", "off_the_shelf", "custom", "bespoke"]
SystemKind = Literal[
    "erp",
    "accounting",
    "web_portal",
    "ecommerce",
    "email",
    "calendar",
    "telephony",
    "messaging",
    "marketing",
    "warehouse",
    "data_warehouse",
    "pos",
    "identity",
    "document",
    "other",
]
"""Kinds of system a CRM exchanges data with (the team's systems use the same words)."""

IntegrationVia = Literal["native", "vendor_connector", "marketplace", "partner", "api_only"]

Code = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
"""ISO 639-1 (or -3) code, optionally with a script or region: `sv`, `zh-Hans`, `pt-BR`."""
RegionCode = Annotated[str, Field(pattern=r"^([a-z]{2}|eu)$")]
"""Where data can be hosted: an ISO 3166-1 country code in lower case (`se`, `de`, `cn`), or
`eu` for "in the EU/EEA, country not stated"."""
ShortText = Annotated[str, Field(min_length=1, max_length=200)]

T = TypeVar("T")


class Fact(Evidence, ReadOnly, Generic[T]):
    """A listed fact about an offering (its deployment, identity standards, regions …).

    `complete` says whether the list is the whole truth: then a value missing from it means the
    offering does not have it ("SAML not listed; it lists OIDC"). When it is not complete (lists
    of connectors rarely are), a missing value is only *not evidenced*.
    """

    values: list[T]
    complete: bool = True


class Integration(Strict, ReadOnly):
    """A ready integration with another product, and how it is delivered."""

    name: ShortText
    kind: SystemKind = "other"
    via: IntegrationVia = "vendor_connector"


# Named classes for each kind of fact (rather than Fact[...] written inline), so a loaded
# catalog can be cached and sent to worker processes: generic parametrisations cannot be pickled.
class DeploymentFact(Fact[Deployment]):
    pass


class LicenceFact(Fact[ShortText]):
    pass


class ApiStylesFact(Fact[ApiStyle]):
    pass


class IdentityStandardsFact(Fact[IdentityStandard]):
    pass


class HostingRegionsFact(Fact[RegionCode]):
    pass


class LanguagesFact(Fact[LanguageCode]):
    pass


class CertificationsFact(Fact[Code]):
    pass


class IntegrationsFact(Fact[Integration]):
    pass


class ModulesFact(Fact[ShortText]):
    pass


class Facts(Strict, ReadOnly):
    """The facts a buyer checks, each with its evidence. Any of them may be unknown."""

    deployment: DeploymentFact | None = None
    licence: LicenceFact | None = None
    """SPDX identifiers for open source (`AGPL-3.0-or-later`), else `proprietary`."""
    api_styles: ApiStylesFact | None = None
    identity_standards: IdentityStandardsFact | None = None
    hosting_regions: HostingRegionsFact | None = None
    languages: LanguagesFact | None = None
    certifications: CertificationsFact | None = None
    """`iso27001`, `iso27017`, `iso27018`, `iso27701`, `soc1`, `soc2`, `c5`, `pci_dss`,
    `hipaa`, `hds`, `tisax`, `csa_star`, `mlps` (China's classified protection) …"""
    integrations: IntegrationsFact | None = None
    modules: ModulesFact | None = None

    def merged(self, override: Facts) -> Facts:
        """These facts with every fact that `override` states replacing ours (not merged)."""
        if not override.model_fields_set:
            return self
        return self.model_copy(
            update={name: getattr(override, name) for name in override.model_fields_set}
        )


FACT_NAMES: tuple[str, ...] = tuple(Facts.model_fields)


# What checks a score in a file (and gives its JSON Schema); the catalog keeps the
# `CriterionScore` made from it.
class ScoreInFile(Evidence):
    """A value on a criterion's scale and the evidence for it."""

    model_config = ConfigDict(title="CriterionScore")

    value: Number
    note: Annotated[Note, Field(min_length=3)]


class CriterionScore:
    """A value on a criterion's scale and the evidence for it, as the catalog keeps it.

    Checked as a `ScoreInFile` (so a file's mistakes read as every other model's), then kept
    in slots: a market of 5,000 vendor files holds 210,000 scores, and a model's own dictionary
    would take 55 MB more for them. Read-only, like everything in a loaded catalog.
    """

    __slots__ = ("value", "note", "source", "source_title", "source_kind", "observed",
                 "confidence")
    __validated_as__ = ScoreInFile

    value: float
    note: str
    source: str | None
    source_title: str
    source_kind: SourceKind | None
    observed: dt.date | None
    confidence: Confidence

    def __init__(self, **fields: Any) -> None:
        _fill(self, *_in_order(ScoreInFile(**fields)))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            _kept,
            handler.generate_schema(ScoreInFile),
            serialization=core_schema.plain_serializer_function_ser_schema(
                CriterionScore.as_dict
            ),
        )

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    @property
    def is_judgement(self) -> bool:
        """True when nothing but someone's judgement supports the claim."""
        return self.source is None or self.source_kind == "team_judgement"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a catalog score is read-only (setting {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a catalog score is read-only (deleting {name!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return _score_from, _in_order(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CriterionScore):
            return NotImplemented
        return _in_order(self) == _in_order(other)

    def __hash__(self) -> int:
        return hash(_in_order(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"CriterionScore({shown})"


def _in_order(score: CriterionScore | ScoreInFile) -> tuple[Any, ...]:
    return (score.value, score.note, score.source, score.source_title, score.source_kind,
            score.observed, score.confidence)


def _score_from(*values: Any) -> CriterionScore:
    """A score read back from the cache of checked files (checked before it was cached)."""
    score = _new(CriterionScore)
    _fill(score, *values)
    return score


def _kept(checked: ScoreInFile) -> CriterionScore:
    """What the catalog keeps of a score it has just checked (one call a score: a 1,000-file
    catalog has 44,000)."""
    score = _new(CriterionScore)
    _fill(score, *_in_order(checked))
    return score


_new = object.__new__
_SETTERS = tuple(getattr(CriterionScore, name).__set__ for name in CriterionScore.__slots__)


def _fill(score: CriterionScore, *values: Any) -> None:
    """Set a new score's slots in their declared order (its own `__setattr__` refuses)."""
    value, note, source, title, kind, observed, confidence = _SETTERS
    v, n, s, t, k, o, c = values
    value(score, v)
    note(score, n)
    source(score, s)
    title(score, t)
    kind(score, k)
    observed(score, o)
    confidence(score, c)


CriterionKey = Annotated[str, AfterValidator(sys.intern)]
"""A criterion id as the key of a score: one copy of each id for a whole market (5,000 vendor
files hold 200,000 scores under a few dozen ids)."""


def _rebuilt_with_one_copy_of_ids(cls: type[ReadOnly], fields: dict[str, Any], *rest: Any) -> Any:
    """A vendor or offering read back from the cache of checked files, its score ids interned
    as validation does: each file would otherwise bring its own copy of every id."""
    fields["scores"] = {sys.intern(k): v for k, v in fields["scores"].items()}
    return rebuilt(cls, fields, *rest)


PriceUnit = Literal[
    "user-month", "user-year", "user-one-off", "month", "year", "one-off", "quote"
]


class PriceTier(Evidence, ReadOnly):
    """One line of an offering's price, always dated and sourced: prices change.

    All non-optional tiers of an offering add up to what it costs (a per-user licence plus a
    platform fee, say). `amount_high` makes the price a range where the evidence is a range;
    `unit = "quote"` means the price is not published.
    """

    name: ShortText
    amount: Number | None = Field(default=None, ge=0)
    amount_high: Number | None = Field(default=None, ge=0)
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    unit: PriceUnit
    billing: Literal["monthly", "annual", "one-off", "quote"] = "annual"
    minimum_seats: int = Field(default=1, ge=1, le=1_000_000)
    included: Annotated[str, Field(max_length=1000)] = ""
    optional: bool = False
    """An add-on the offering does not need: listed, not counted in the team's cost."""

    @model_validator(mode="after")
    def _priced_and_dated(self) -> PriceTier:
        if self.observed is None:
            raise ValueError("a price needs `observed`, the date the price was seen")
        if self.source is None:
            raise ValueError("a price needs `source`, the page that states it")
        if self.unit == "quote":
            if self.amount is not None:
                raise ValueError("a 'quote' price has no amount")
        elif self.amount is None:
            raise ValueError(f"a {self.unit!r} price needs an amount (or unit = \"quote\")")
        if self.amount_high is not None and (
            self.amount is None or self.amount_high < self.amount
        ):
            raise ValueError("amount_high must be at least amount")
        return self


EuroRange = Annotated[list[Number], Field(min_length=2, max_length=2)]


class CostItem(Evidence, ReadOnly):
    """A cost the buyer carries besides licences: a range in EUR, or staff time in FTE."""

    eur: EuroRange | None = None
    fte: EuroRange | None = None
    """For administration: full-time equivalents per year (0.2 = a day a week)."""
    users: int | None = Field(default=None, ge=1, le=1_000_000)
    """For implementation: the size of deployment the estimate is for."""

    @model_validator(mode="after")
    def _one_range(self) -> CostItem:
        ranges = [r for r in (self.eur, self.fte) if r is not None]
        if len(ranges) != 1:
            raise ValueError("give exactly one of `eur` = [low, high] or `fte` = [low, high]")
        low, high = ranges[0]
        if not (math.isfinite(low) and math.isfinite(high)) or low < 0 or high < low:
            raise ValueError("a range is [low, high] with 0 <= low <= high")
        return self


class CostEstimate(Strict, ReadOnly):
    """What an offering costs besides its licences, for the cost model to scale to a team."""

    implementation: CostItem | None = None
    """One-off: configuration, integration build, migration, project management, training."""
    hosting: CostItem | None = None
    """Per year: infrastructure the buyer pays for (0 for SaaS)."""
    support: CostItem | None = None
    """Per year: a support contract or partner retainer beyond the licence."""
    administration: CostItem | None = None
    """Per year: the buyer's own staff time to run it, usually in FTE."""

    @model_validator(mode="after")
    def _euros_where_euros(self) -> CostEstimate:
        for name in ("implementation", "hosting", "support"):
            item = getattr(self, name)
            if item is not None and item.eur is None:
                raise ValueError(f"`{name}` is an amount: give `eur` = [low, high] (only "
                                 "`administration` may be given in `fte`)")
        return self

    def merged(self, override: CostEstimate) -> CostEstimate:
        if not override.model_fields_set:
            return self
        return self.model_copy(
            update={name: getattr(override, name) for name in override.model_fields_set}
        )


class Offering(Strict, ReadOnly):
    """The product in one edition and one deployment, overriding what differs from the vendor."""

    id: Identifier
    name: Annotated[str, Field(min_length=2, max_length=200)]
    """Full display name, e.g. "Dynamics 365 Sales Enterprise, online"."""
    edition: Annotated[str, Field(max_length=200)] = ""
    summary: Annotated[str, Field(max_length=5000)] = ""
    solution_types: list[SolutionTypeRef] | None = Field(default=None, min_length=1)
    facts: Facts = Field(default_factory=Facts)
    scores: dict[CriterionKey, CriterionScore] = Field(default_factory=dict)
    price_tiers: list[PriceTier] | None = None
    cost: CostEstimate | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt_with_one_copy_of_ids, super().__reduce__()[1]


class VendorProfile(Strict, ReadOnly):
    """A CRM product (or a delivery model such as an agency's custom build) and its offerings."""

    format_version: Literal[2] = 2
    kind: Literal["product", "delivery_model"] = "product"
    """`delivery_model` for a way of getting a CRM rather than a product (an agency's custom
    build, a rented tailored chain): its scores are typical estimates, not a vendor's facts."""
    id: Identifier
    name: Annotated[Name, Field(min_length=2)]
    vendor: Annotated[Name, Field(min_length=2)]
    website: HttpUrl
    summary: Annotated[Note, Field(min_length=10)]
    solution_types: list[SolutionTypeRef] = Field(min_length=1)
    facts: Facts = Field(default_factory=Facts)
    scores: dict[CriterionKey, CriterionScore] = Field(default_factory=dict)
    price_tiers: list[PriceTier] = Field(default_factory=list)
    cost: CostEstimate = Field(default_factory=CostEstimate)
    offerings: list[Offering] = Field(default_factory=list)

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt_with_one_copy_of_ids, super().__reduce__()[1]

    @field_validator("offerings")
    @classmethod
    def _unique_offerings(cls, offerings: list[Offering]) -> list[Offering]:
        seen: set[str] = set()
        for o in offerings:
            if o.id in seen:
                raise ValueError(f"two offerings have the id {o.id!r}")
            seen.add(o.id)
        return offerings

    def resolved(self) -> list[OfferingProfile]:
        """Every offering with the vendor's common facts, scores, prices and cost filled in."""
        # a vendor that lists no offerings is sold as one: itself, with nothing overridden
        offerings = self.offerings or [Offering.model_construct(id=self.id, name=self.name)]
        # every part is already validated (this profile and its offerings): building without
        # validating again saves re-running each score's evidence check once per offering
        return [
            OfferingProfile.model_construct(
                id=o.id,
                vendor_id=self.id,
                name=o.name,
                product=self.name,
                company=self.vendor,
                edition=o.edition,
                website=str(self.website),
                summary=o.summary or self.summary,
                # what an offering does not override is the vendor's own (read-only) object
                solution_types=o.solution_types or self.solution_types,
                facts=self.facts.merged(o.facts),
                scores={**self.scores, **o.scores} if o.scores else self.scores,
                price_tiers=self.price_tiers if o.price_tiers is None else o.price_tiers,
                cost=self.cost.merged(o.cost) if o.cost is not None else self.cost,
            )
            for o in offerings
        ]


class OfferingProfile(Frozen):
    """One offering with everything resolved: what is screened, scored, costed and ranked."""

    id: str
    vendor_id: str
    name: str
    product: str
    company: str
    edition: str
    website: str
    summary: str
    solution_types: list[str]
    facts: Facts
    scores: dict[str, CriterionScore]
    price_tiers: list[PriceTier]
    cost: CostEstimate

    @property
    def deployment(self) -> list[str]:
        return list(self.facts.deployment.values) if self.facts.deployment else []

    def is_open_source(self) -> bool:
        licence = self.facts.licence
        return bool(licence) and any(v.lower() != "proprietary" for v in licence.values)
