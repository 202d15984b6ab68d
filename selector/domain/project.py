"""The team's evaluation: everything they answered, weighted, shortlisted and overrode.

The project file is the procurement team's work product. It is plain TOML so it can be mailed,
versioned and read without the tool, and every part of it is optional except its version, so a
half-finished project still opens and still gets an (incomplete, clearly labelled) result.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from selector.domain.base import Name, Note, Number, Reasonable, Seed, Strict
from selector.domain.criteria import Identifier
from selector.domain.evidence import Evidence
from selector.domain.questions import FactRequirement
from selector.domain.vendors import SystemKind

FORMAT_VERSION = 2
"""Version 2 added offerings in the shortlist, the team's systems, fact must-haves, a project
date and numbers where version 1 had buckets; version 1 files are migrated when read."""

Priority = Literal["must", "should", "could", "wont"]
"""MoSCoW: `must` makes the threshold a knock-out; `wont` takes the criterion out of the score."""

ReadinessAnswer = Literal["yes", "partly", "no", "unknown"]
AnswerValue = Annotated[str | int | float | bool | dt.date | list[str], Reasonable]


class Organisation(Strict):
    name: Name = ""
    industry: Name = ""
    country: Name = ""
    employees: int | None = Field(default=None, ge=1, le=100_000_000)
    description: Note = ""


class Stakeholder(Strict):
    """Someone whose needs and weights count: the group view shows where they disagree."""

    id: Identifier
    name: Annotated[Name, Field(min_length=1)]
    department: Name = ""
    role: Name = ""


class Objective(Strict):
    """What the business area wants from the CRM, with the metric that will show it happened."""

    text: Annotated[Note, Field(min_length=3)]
    metric: Note = ""
    target: Note = ""


class BusinessArea(Strict):
    id: Identifier
    name: Annotated[Name, Field(min_length=1)]
    in_scope: bool = True
    objectives: list[Objective] = Field(default_factory=list)


class NeedItem(Strict):
    """One function to automate, and who asked for it (001_dbc09ece01b76cda.txt, factor 2)."""

    function: Annotated[Note, Field(min_length=2)]
    business_area: str = ""
    requested_by: list[str] = Field(default_factory=list)
    criterion: str | None = None


class Requirement(Strict):
    """How much a criterion matters, and for a must-have the line a candidate may not cross.

    The threshold is on the criterion's own scale: a minimum for a benefit criterion (level 3 of
    "open APIs"), a maximum for a cost criterion (at most 12 weeks to go live).
    """

    priority: Priority = "should"
    threshold: Number | None = None
    requested_by: list[str] = Field(default_factory=list)
    note: Note = ""



class Judgment(Strict):
    """`a` is `value` times as important as `b` (Saaty's 1/9..9 scale)."""

    a: str
    b: str
    value: Number = Field(ge=1 / 9 - 1e-9, le=9 + 1e-9)



class StakeholderWeights(Strict):
    """A stakeholder's weights over the criteria groups, as points or pairwise judgments."""

    method: Literal["points", "pairwise"] = "points"
    points: dict[str, Number] = Field(default_factory=dict)
    judgments: list[Judgment] = Field(default_factory=list)


    @field_validator("points")
    @classmethod
    def _non_negative(cls, points: dict[str, float]) -> dict[str, float]:
        for key, v in points.items():
            if v < 0:
                raise ValueError(
                    f"points for {key!r} are negative ({v}); use 0 for 'does not matter'"
                )
        return points


class ScoreOverride(Strict):
    """The team's own score for a candidate, replacing the catalog's, with who and why.

    `vendor` names a vendor (every offering of it) or one offering.
    """

    vendor: str
    criterion: str
    value: Number
    rationale: Annotated[Note, Field(min_length=3)]
    by: Name = ""
    at: dt.datetime | None = None


class SystemToIntegrate(Strict):
    """One of the team's systems the CRM must exchange data with, in the team's own words."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    """The product as the team names it: "IFS Cloud", "Visma Net", "our POS"."""
    kind: SystemKind = "other"
    direction: Literal["to_crm", "from_crm", "both"] = "both"
    timing: Literal["realtime", "batch", "unknown"] = "unknown"
    note: Annotated[str, Field(max_length=2000)] = ""
    connector_required: bool = False
    """A ready connector for this product is a must-have (else: weighed, not required)."""


class FactMustHave(FactRequirement):
    """A must-have the team set on a vendor fact, with who asked and why."""

    requested_by: list[str] = Field(default_factory=list)
    note: Annotated[str, Field(max_length=2000)] = ""


ClaimStatus = Literal["to_decide", "accepted", "challenged", "verify_in_demo"]


class Claim(Evidence):
    """A vendor's own answer (RFP) or what the team saw in a demo, awaiting the team's decision.

    A claim is evidence, not yet a score: it replaces the catalog's value only once accepted.
    `criterion` names a criterion, or a fact must-have by its key (`fact:identity_standards=saml`,
    see `FactRequirement.claim_key`) with `value` 1 (yes), 0.5 (partly) or 0 (no).
    """

    vendor: str
    criterion: str
    value: Number
    status: ClaimStatus = "to_decide"
    file: Annotated[str, Field(max_length=500)] = ""
    by: str = ""
    unanswered: bool = False
    """The vendor left this must-have blank: it counts as not met (the RFP's cover says so)."""

    @model_validator(mode="after")
    def _judgement_or_source(self) -> Claim:
        # Overrides Evidence's check: a vendor's answer is seen in the file it came in, so a
        # claim with its `file` needs no web address.
        if self.source_kind not in (None, "team_judgement", "demo") and not (
            self.source or self.file
        ):
            raise ValueError(
                f"source_kind {self.source_kind!r} needs a source (the page that says it) or "
                "the file the answer came in"
            )
        return self



class CatalogSources(Strict):
    """Extra catalog folders (relative to the project file) that extend or replace shipped ones."""

    paths: list[str] = Field(default_factory=list)


class History(Strict):
    """When things happened, so weights bent after seeing scores can be flagged."""

    created_at: dt.datetime | None = None
    weights_changed_at: dt.datetime | None = None
    weights_locked_at: dt.datetime | None = None
    scores_seen_at: dt.datetime | None = None


class Project(Strict):
    """A team's CRM evaluation, as saved in PROJECT.toml."""

    format_version: int = FORMAT_VERSION
    name: Name = ""
    prepared_by: Name = ""
    date: dt.date | None = None
    """The evaluation's date: fixes every date in the result, so a rerun reproduces it."""
    organisation: Organisation = Field(default_factory=Organisation)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    business_areas: list[BusinessArea] = Field(default_factory=list)
    answers: dict[str, AnswerValue] = Field(default_factory=dict)
    needs: list[NeedItem] = Field(default_factory=list)
    systems: list[SystemToIntegrate] = Field(default_factory=list)
    requirements: dict[str, Requirement] = Field(default_factory=dict)
    must_haves: list[FactMustHave] = Field(default_factory=list)
    weights: dict[str, StakeholderWeights] = Field(default_factory=dict)
    shortlist: list[str] = Field(default_factory=list)
    """Vendor ids (every offering of the vendor) or offering ids."""
    overrides: list[ScoreOverride] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    readiness: dict[str, ReadinessAnswer] = Field(default_factory=dict)
    catalogs: CatalogSources = Field(default_factory=CatalogSources)
    history: History = Field(default_factory=History)
    seed: Seed = 0

    @model_validator(mode="after")
    def _known_version(self) -> Project:
        if self.format_version != FORMAT_VERSION:
            raise ValueError(
                f"format_version {self.format_version} is not supported; this version of "
                f"CRM Selector reads format_version = {FORMAT_VERSION}"
            )
        return self

    def stakeholder_ids(self) -> list[str]:
        return [s.id for s in self.stakeholders]
