"""The four kinds of CRM solution (after Business Link, as summarised in 002_cdc28874619e9642.txt).

Each kind carries a typical profile on the same criteria as the vendors, with the reasoning and
source for every value, so the kind of solution is compared exactly like a product is.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from selector.domain.base import Name, Note, Strict
from selector.domain.vendors import CostEstimate, CriterionScore, Deployment

SolutionTypeId = Literal["outsourced", "off_the_shelf", "custom", "bespoke"]
SOLUTION_TYPE_IDS: tuple[SolutionTypeId, ...] = ("outsourced", "off_the_shelf", "custom", "bespoke")


class SolutionType(Strict):
    """A kind of solution, its definition, when it fits, and its typical profile."""

    id: SolutionTypeId
    name: Annotated[Name, Field(min_length=2)]
    short_name: Annotated[str, Field(min_length=2, max_length=40)] = ""
    """The name in a list or a table column ("Off-the-shelf"); defaults to the name."""
    definition: Annotated[Note, Field(min_length=10)]
    ideal_when: list[Note] = Field(min_length=1)
    watch_out: list[Note] = Field(default_factory=list)
    source: Annotated[Note, Field(min_length=3)]
    deployment: list[Deployment] = Field(default_factory=lambda: ["saas"])
    """How this kind is typically run, for its running costs (an outsourced CRM is SaaS)."""
    cost: CostEstimate = Field(default_factory=CostEstimate)
    """Typical costs besides the licence; omitted items come from the cost model."""
    profile: dict[str, CriterionScore]

    @property
    def label(self) -> str:
        return self.short_name or self.name


class SolutionTypesFile(Strict):
    """The shape of `criteria/solution_types.toml` (used for its JSON Schema)."""

    solution_types: list[SolutionType] = Field(min_length=1)
