"""The Recommendation: one immutable result that the screen, the PDF and JSON all render.

Everything a view shows is here already computed and already explained: reasons are data, not
strings assembled by a view, so the terminal and the report can never disagree.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from selector.domain.base import Frozen


class Trace(Frozen):
    """Why a number is what it is: the answer, rule, requirement or stakeholder behind it."""

    kind: str  # "answer", "rule", "requirement", "stakeholder", "default", "context"
    ref: str  # the id of that answer, rule, criterion or stakeholder
    text: str  # one sentence in plain words
    source: str = ""  # seed file or URL the rule rests on
    because: str = ""  # for a rule: the team's answers that made it fire


class CriterionWeight(Frozen):
    """A criterion's final weight, its must-have line if any, and what set them."""

    criterion_id: str
    name: str
    group_id: str
    group_name: str
    tags: list[str]
    direction: str
    unit: str  # "level 0–5" for ordinal scales
    weight: float  # share of the total, sums to 1 over the criteria
    priority: str  # must / should / could / wont
    threshold: float | None = None
    threshold_text: str = ""  # e.g. "at least level 3", "at most 12 weeks"
    set_by: list[Trace] = Field(default_factory=list)


class GroupWeight(Frozen):
    group_id: str
    name: str
    weight: float


class MustHaveFailure(Frozen):
    criterion_id: str
    criterion_name: str
    required: str  # "at least level 3"
    actual: str  # "level 1"
    reason: str  # one sentence a decision maker understands
    set_by: list[Trace] = Field(default_factory=list)


class Contribution(Frozen):
    """One criterion's share of a candidate's score, with the evidence for the value used."""

    criterion_id: str
    group_id: str
    raw_value: float  # on the criterion's own scale
    value: float  # 0..1 after the scale/value function, direction applied
    weight: float
    contribution: float  # weight × value
    overridden: bool = False
    evidence: str = ""
    source: str = ""
    confidence: str = "medium"


class Override(Frozen):
    criterion_id: str
    catalog_value: float | None
    team_value: float
    rationale: str
    by: str = ""
    at: dt.datetime | None = None


class CandidateResult(Frozen):
    """A ranked candidate: a vendor profile or one of the four kinds of solution."""

    id: str
    name: str
    kind: str  # "vendor" or "solution_type"
    catalog: str = ""  # which catalog it came from ("shipped" or a folder)
    solution_types: list[str] = Field(default_factory=list)
    score: float  # weighted value in 0..1 (0 when excluded)
    rank: int | None  # 1 = best; None when excluded by a must-have
    excluded: bool = False
    failures: list[MustHaveFailure] = Field(default_factory=list)
    contributions: list[Contribution] = Field(default_factory=list)
    group_contributions: dict[str, float] = Field(default_factory=dict)
    need_profile: dict[str, float] = Field(
        default_factory=dict
    )  # openness/modularity/integration 0..1
    overrides: list[Override] = Field(default_factory=list)
    balance_warning: str = ""  # set when it wins on average but fails badly somewhere
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    probability_first: float = 0.0
    rank_probabilities: list[float] = Field(default_factory=list)  # index 0 = rank 1
    reasons: list[str] = Field(default_factory=list)


class StabilityRange(Frozen):
    """How far one criterion's weight can move before the winner changes."""

    criterion_id: str
    name: str
    weight: float
    low: float  # lowest weight with the same winner
    high: float
    flips_at: float | None  # nearest weight at which first place changes, None if never
    new_winner: str = ""  # name of who takes first place there
    relative_change: float | None = None  # (flips_at - weight) / weight


class MethodRanking(Frozen):
    method: str
    ranking: list[str]  # candidate ids, best first
    tau_vs_primary: float


class Robustness(Frozen):
    """How sure we are, phrased for a decision maker."""

    clear_winner: bool
    winner_id: str | None
    margin: float  # score lead of the winner over the runner-up
    margin_threshold: float
    contenders: list[str] = Field(default_factory=list)  # ids tied within the margin
    probability_first: dict[str, float] = Field(default_factory=dict)
    n_samples: int = 0
    stability: list[StabilityRange] = Field(default_factory=list)
    smallest_flip: StabilityRange | None = None
    methods: list[MethodRanking] = Field(default_factory=list)
    methods_agree: bool = True
    statements: list[str] = Field(default_factory=list)  # plain-words summary lines


class StakeholderView(Frozen):
    stakeholder_id: str
    name: str
    department: str = ""
    method: str  # points / pairwise / none
    group_weights: dict[str, float]
    consistency_ratio: float | None = None
    consistency_basis: str = ""  # "all comparisons" or "estimated from 14 of 66 comparisons"
    revisit: list[str] = Field(default_factory=list)  # judgments to reconsider, in words


class Disagreement(Frozen):
    group_id: str
    name: str
    spread: float  # coefficient of variation of the stakeholders' weights
    lowest: str  # "Anna (Sales): 5%"
    highest: str


class GroupView(Frozen):
    stakeholders: list[StakeholderView] = Field(default_factory=list)
    aggregate: dict[str, float] = Field(default_factory=dict)
    aggregation: str = ""  # how the aggregate was formed
    disagreements: list[Disagreement] = Field(default_factory=list)  # largest first


class ReadinessCheck(Frozen):
    item_id: str
    text: str
    answer: str  # yes / partly / no / unknown
    weight: float
    risk: str
    action: str
    source: str


class Readiness(Frozen):
    score: float  # 0..100
    level: str  # "ready", "needs work", "not ready"
    checks: list[ReadinessCheck] = Field(default_factory=list)
    risks: list[str] = Field(default_factory=list)
    actions: list[ReadinessCheck] = Field(
        default_factory=list
    )  # the open items, most important first


class RolloutPhase(Frozen):
    order: int
    name: str
    business_areas: list[str]
    modules: list[str]
    rationale: str
    exit_criteria: list[str] = Field(default_factory=list)


class CatalogFile(Frozen):
    path: str
    sha256: str
    catalog: str


class Provenance(Frozen):
    tool_version: str
    generated_at: dt.datetime
    method: str
    normalization: str
    parameters: dict[str, str | int | float | bool] = Field(default_factory=dict)
    seed: int
    n_samples: int
    catalog_files: list[CatalogFile] = Field(default_factory=list)
    weights_changed_at: dt.datetime | None = None
    scores_seen_at: dt.datetime | None = None
    weights_locked_at: dt.datetime | None = None
    weights_after_scores: bool = False
    note: str = ""


class Recommendation(Frozen):
    """Everything the advisor concluded for one project, with its reasons."""

    project_name: str
    organisation: str
    prepared_by: str
    date: dt.date
    headline: str  # one sentence: the recommendation, or "no clear winner between …"
    confidence_text: str  # "Fairly sure (68% of plausible weightings put X first)"
    top_reasons: list[str] = Field(default_factory=list)
    solution_type_headline: str = ""
    solution_types: list[CandidateResult] = Field(default_factory=list)  # ranked
    vendors: list[CandidateResult] = Field(default_factory=list)  # ranked, excluded last
    criteria: list[CriterionWeight] = Field(default_factory=list)
    groups: list[GroupWeight] = Field(default_factory=list)
    knocked_out_types: list[MustHaveFailure] = Field(default_factory=list)
    robustness: Robustness
    group_view: GroupView
    readiness: Readiness
    rollout: list[RolloutPhase] = Field(default_factory=list)
    provenance: Provenance
    missing: list[str] = Field(default_factory=list)  # what the team has not answered yet
    warnings: list[str] = Field(default_factory=list)

    def winner(self) -> CandidateResult | None:
        ranked = [v for v in self.vendors if not v.excluded]
        return ranked[0] if ranked else None
