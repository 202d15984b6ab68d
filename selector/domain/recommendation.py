"""The Recommendation: one immutable result that the screen, the PDF and JSON all render.

Everything a view shows is here already computed and already explained: every fact is a
structured field (a cost, a risk, a warning, the smallest flip, a revision to a pairwise
judgment), and the sentence that says it is worded once, by the advisor. A view chooses and
lays out; it never parses a sentence or recomputes a number, so the views can never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from selector.domain.base import Frozen


class Trace(Frozen):
    """Why a number is what it is: the answer, rule, requirement or stakeholder behind it."""

    kind: str  # "answer", "rule", "requirement", "stakeholder", "default", "context"
    ref: str  # the id of that answer, rule, criterion or stakeholder
    text: str  # one sentence in plain words
    source: str = ""  # the source document or URL the rule rests on, readable
    because: str = ""  # for a rule: the team's answers that made it fire


class Range(Frozen):
    """An amount known only within bounds (EUR). `low == high` when it is exact."""

    low: float
    high: float

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


class CriterionWeight(Frozen):
    """A criterion's final weight, its must-have line if any, and what set them."""

    criterion_id: str
    name: str
    group_id: str
    group_name: str
    tags: list[str]
    direction: str
    unit: str  # "level 0–5" for ordinal scales, else the quantity's unit
    weight: float  # share of the total, sums to 1 over the criteria
    agreed_weight: float  # before the rules: the stakeholders' aggregate and the priorities
    priority: str  # must / should / could / wont
    priority_text: str = ""  # "must", "should", "could", "won't"
    threshold: float | None = None
    threshold_text: str = ""  # e.g. "at least level 3", "at most 12 weeks"
    computed: bool = False  # the value comes from the cost model for this team
    set_by: list[Trace] = Field(default_factory=list)


class GroupWeight(Frozen):
    """A criteria group's weight as the stakeholders agreed it and as it ended after the rules."""

    group_id: str
    name: str
    weight: float  # final
    agreed_weight: float  # the stakeholders' aggregate, before the rules
    moved_by: list[Trace] = Field(default_factory=list)  # the rules that moved it
    moved_text: str = ""  # what moved it, for a table cell: "your answers: …", "" if it did not
    change_text: str = ""  # "agreed 10.9%, after the rules 5.7%: …"


FailureKind = Literal["threshold", "fact", "solution_type", "budget"]
FactStatus = Literal["fails", "not_evidenced"]


class MustHaveFailure(Frozen):
    """A must-have a candidate misses: the line, what it has, and the sentence that says so."""

    kind: FailureKind = "threshold"
    criterion_id: str  # the criterion, `fact:NAME`, `solution_type` or `budget:upfront|yearly`
    criterion_name: str
    required: str  # "at least level 3", "SAML listed"
    actual: str  # "level 1", "lists OIDC, OAuth 2.0", "not stated"
    status: FactStatus = "fails"  # a fact that is not evidenced is shown apart from one missing
    reason: str  # one sentence a decision maker understands
    set_by: list[Trace] = Field(default_factory=list)


class FactMustHaveView(Frozen):
    """A must-have on a vendor fact, as the screening checks it and as an RFP asks it."""

    key: str  # what a vendor's answer to it is recorded under: `fact:identity_standards=saml`
    fact: str
    name: str  # "Identity standards"
    required: str  # as the catalog is checked: "SAML listed"
    question: str  # as a vendor is asked: "Identity standards: SAML"
    excludes_unproven: bool  # an offering whose catalog entry does not say is excluded
    set_by: list[Trace] = Field(default_factory=list)


class Contribution(Frozen):
    """One criterion's share of a candidate's score, with the evidence for the value used."""

    criterion_id: str
    group_id: str
    raw_value: float  # on the criterion's own scale
    value_text: str  # raw_value in words: "level 3", "5,360 EUR per user-year"
    value: float  # 0..1 after the scale/value function, direction applied
    weight: float
    contribution: float  # weight × value
    overridden: bool = False
    computed: bool = False  # from the cost model for this team, not from the catalog
    evidence: str = ""
    source: str = ""
    source_title: str = ""
    source_kind: str = ""  # in words: "vendor documentation", "team judgement"
    observed: dt.date | None = None
    confidence: str = "medium"
    judgement: bool = False  # rests on judgement alone (no source, or marked so)
    vendor_claim: bool = False  # the value is the vendor's own claim (an accepted RFP answer)
    verified: bool = False  # a vendor's claim the team saw confirmed in a demo


class Override(Frozen):
    criterion_id: str
    criterion_name: str
    catalog_value: float | None
    team_value: float
    text: str  # "Languages and localisation: level 4 → level 3 (Demo on …, Li Wei)"
    rationale: str
    by: str = ""
    at: dt.datetime | None = None


class ClaimView(Frozen):
    """A vendor's claim (RFP answer or demo) beside the catalog's value, and the team's decision.

    `criterion_id` is a criterion, or a fact must-have's key (`fact:identity_standards=saml`)
    whose values are 1 (yes: met), 0.5 (partly) and 0 (no); `kind` says which.
    """

    criterion_id: str
    criterion_name: str
    catalog_value: float | None
    claimed_value: float
    status: str  # to_decide / accepted / challenged / verify_in_demo
    status_text: str  # "awaits the team's decision", "accepted by the team"
    differs: bool
    in_score: bool  # only accepted claims replace the catalog's value
    text: str
    source: str = ""
    observed: dt.date | None = None
    kind: Literal["criterion", "fact"] = "criterion"
    catalog_text: str = ""  # the catalog's value in words: "level 2", "SAML not listed"
    claimed_text: str = ""  # the claim in words: "level 4", "yes"
    source_kind: str = ""  # in words: "vendor RFP answer", "seen in a demo"
    by: str = ""  # who recorded it; for a demo, the stakeholder who scored it
    file: str = ""  # the workbook it came in
    unanswered: bool = False  # a must-have the vendor left blank: counts as not met


class CostLine(Frozen):
    """One part of what an offering costs this team, with how it was worked out."""

    item: Literal["licences", "implementation", "hosting", "support", "administration"]
    label: str  # "Licences", "Implementation"
    recurring: bool  # a yearly cost (True) or one-off (False)
    amount: Range  # EUR: per year when recurring, else once
    basis: str  # "85 seats × USD 105 a user-month × 12, at EUR 0.86 per USD (ECB, 2026-11-27)"
    default_used: bool = False  # from the catalog's cost model, not the offering's own estimate
    source: str = ""
    confidence: str = "medium"


class BudgetCheck(Frozen):
    """A cost set against one of the team's budgets."""

    kind: Literal["upfront", "yearly"]
    budget: float | None
    amount: Range
    verdict: Literal["within", "may_exceed", "over", "no_budget", "unknown"]
    text: str
    verdict_text: str = ""  # the verdict alone, for a table cell: "may exceed the budget"


class TeamCost(Frozen):
    """What an offering costs this team: its seats, over its horizon, against its budgets."""

    currency: str = "EUR"
    seats: int
    billed_seats: int  # at least the offering's minimum seats
    horizon_years: int
    priced: bool  # False when the vendor publishes no price (quote only)
    upfront: Range
    yearly: Range
    total: Range  # upfront + horizon × yearly
    per_user_month: Range  # licences only, per seat: the licence-cost criterion's value
    per_user_year: Range  # total ÷ seats ÷ horizon: the total-cost criterion's value
    lines: list[CostLine] = Field(default_factory=list)
    budgets: list[BudgetCheck] = Field(default_factory=list)
    over_budget: bool = False  # certainly over a budget (even the low estimate)
    may_exceed_budget: bool = False
    defaults_used: bool = False  # part of it rests on the catalog's default estimates
    assumptions: list[str] = Field(default_factory=list)
    summary: str = ""  # "EUR 0.9–1.1 million over 5 years for 85 users; within both budgets"


class EvidenceSummary(Frozen):
    """How much of a candidate's score rests on judgement, and how old its evidence is."""

    judgement_share: float  # share of the candidate's weighted score resting on judgement
    judged_scores: int
    sourced_scores: int
    oldest_observed: dt.date | None = None
    median_age_days: int | None = None
    stale_scores: int = 0  # older than the freshness limit for their kind of fact
    vendor_claims: int = 0  # scores resting on the vendor's own claim (accepted RFP answers)
    verified_claims: int = 0  # of those, the ones the team saw confirmed in a demo
    text: str = ""


class SystemFit(Frozen):
    """How an offering connects to one of the team's systems, from its integrations facts."""

    name: str  # the team's system
    kind: str
    status: Literal["connector", "not_listed", "not_evidenced"]
    via: str = ""  # "vendor connector", "marketplace app", "native"
    text: str


class CandidateResult(Frozen):
    """A ranked candidate: an offering (a product in one edition and deployment) or a kind of
    solution."""

    id: str
    name: str
    kind: Literal["offering", "solution_type"]
    vendor_id: str = ""
    company: str = ""
    product: str = ""
    edition: str = ""
    deployment: list[str] = Field(default_factory=list)  # in words: "SaaS", "on premises"
    catalog: str = ""  # which catalog it came from ("shipped" or a folder)
    solution_types: list[str] = Field(default_factory=list)  # ids
    solution_type_names: list[str] = Field(default_factory=list)  # "outsourced", "off-the-shelf"
    score: float  # weighted value in 0..1 (0 when excluded)
    rank: int | None  # 1 = best; None when excluded by a must-have
    excluded: bool = False
    detailed: bool = True  # False: a summary row of a large catalog (no contributions, lines)
    failures: list[MustHaveFailure] = Field(default_factory=list)
    not_evidenced: list[MustHaveFailure] = Field(default_factory=list)  # kept, but unproven
    shortfalls: list[MustHaveFailure] = Field(default_factory=list)  # a kind typically misses
    contributions: list[Contribution] = Field(default_factory=list)
    group_contributions: dict[str, float] = Field(default_factory=dict)
    need_profile: dict[str, float] = Field(default_factory=dict)  # first-class needs, 0..1
    overrides: list[Override] = Field(default_factory=list)
    claims: list[ClaimView] = Field(default_factory=list)
    systems: list[SystemFit] = Field(default_factory=list)
    balance_warning: str = ""  # set when it wins on average but fails badly somewhere
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    probability_first: float = 0.0
    rank_probabilities: list[float] = Field(default_factory=list)  # index 0 = rank 1; ≤ 100 ranks
    rank_shares: list[float] = Field(default_factory=list)  # 1st, 2nd, 3rd, 4th or lower
    cost: TeamCost | None = None
    efficient: bool = False  # no other offering is both better and cheaper
    evidence: EvidenceSummary | None = None
    reasons: list[str] = Field(default_factory=list)


class StabilityRange(Frozen):
    """How far one criterion's weight can move before the winner changes."""

    criterion_id: str
    name: str
    weight: float
    low: float  # lowest weight with the same winner
    high: float
    flips_at: float | None  # nearest weight at which first place changes, None if never
    new_winner_id: str = ""
    new_winner: str = ""  # name of who takes first place there
    relative_change: float | None = None  # (flips_at - weight) / weight


class MethodRanking(Frozen):
    method: str
    ranking: list[str]  # candidate ids, best first: the leading 100 by weighted sum at most
    tau_vs_primary: float


Certainty = Literal["clear", "likely", "close", "none"]


class Robustness(Frozen):
    """How sure we are, phrased for a decision maker."""

    clear_winner: bool
    certainty: Certainty = "none"
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
    methods_scope: str = ""  # when the methods ranked only the leaders, which ones; else empty
    statements: list[str] = Field(default_factory=list)  # plain-words summary, each fact once


class Revision(Frozen):
    """A pairwise judgment to reconsider: what was said and what the other answers imply."""

    a: str
    b: str
    a_name: str
    b_name: str
    current: float
    suggested: float
    text: str


class StakeholderView(Frozen):
    stakeholder_id: str
    name: str
    department: str = ""
    method: str  # points / pairwise / none
    group_weights: dict[str, float]
    consistency_ratio: float | None = None
    consistency_threshold: float = 0.10
    consistent: bool = True
    consistency_basis: str = ""  # "all comparisons" or "estimated from 14 of 66 comparisons"
    revisions: list[Revision] = Field(default_factory=list)


class Disagreement(Frozen):
    """A criteria group on which the stakeholders' weights lie furthest apart."""

    group_id: str
    name: str
    spread: float  # highest minus lowest share of the weight (0.28 = 28 points)
    lowest_name: str
    lowest: float
    highest_name: str
    highest: float
    text: str  # "Cost: Søren Ærø Madsen (Customer service) 5% to Karin Holm (Finance) 25%"


class GroupView(Frozen):
    stakeholders: list[StakeholderView] = Field(default_factory=list)
    aggregate: dict[str, float] = Field(default_factory=dict)
    aggregation: str = ""  # how the aggregate was formed, and who is not in it
    left_out: list[str] = Field(default_factory=list)  # names of stakeholders without weights
    disagreements: list[Disagreement] = Field(default_factory=list)  # largest first


class ReadinessCheck(Frozen):
    item_id: str
    text: str
    answer: str  # yes / partly / no / unknown
    weight: float
    risk: str
    action: str
    owner: str = ""
    source: str


class Readiness(Frozen):
    score: float  # 0..100
    level: str  # "ready", "needs work", "not ready"
    checks: list[ReadinessCheck] = Field(default_factory=list)
    actions: list[ReadinessCheck] = Field(
        default_factory=list
    )  # the open items, most important first


RiskKind = Literal["readiness", "cost", "evidence", "fit", "data", "decision"]


class Risk(Frozen):
    """A way this project could fail or this choice could disappoint, and what it rests on."""

    kind: RiskKind
    text: str
    applies_to: list[str] = Field(default_factory=list)  # candidate ids; empty: the project
    from_answers: list[str] = Field(default_factory=list)  # the answers it comes from, in words
    source: str = ""


class Action(Frozen):
    """Something to do before signing, and who owns it."""

    text: str
    owner: str
    why: str = ""
    source: str = ""


class Settle(Frozen):
    """A criterion on which the contenders of a near tie differ most: where to look next."""

    criterion_id: str
    name: str
    points: float  # how far apart the contenders are on it, in points of 100
    values: dict[str, str]  # candidate id -> value in words
    weakest_evidence: str  # the confidence of the least sure value: "low", "team judgement"
    text: str


WarningKind = Literal[
    "weights_after_scores",
    "catalog_problems",
    "no_shortlist",
    "type_mismatch",
    "inconsistent_judgments",
    "over_budget",
    "unpriced",
    "stale_evidence",
    "claims_to_decide",
    "not_evidenced",
]


class WarningNote(Frozen):
    kind: WarningKind
    text: str


class RolloutPhase(Frozen):
    order: int
    name: str
    business_areas: list[str]
    modules: list[str]
    rationale: str
    exit_criteria: list[str] = Field(default_factory=list)


class FiredRuleView(Frozen):
    """A rule the answers fired: what it says in a line, and the answers that fired it."""

    rule_id: str
    title: str
    because: str
    source: str = ""


class CatalogFile(Frozen):
    path: str
    sha256: str
    catalog: str


class Provenance(Frozen):
    tool_version: str
    as_of: dt.date  # the date every date in the result follows
    date_from: str  # "project date", "--date", "SOURCE_DATE_EPOCH", "latest project event"
    generated_at: dt.datetime  # as_of at midnight UTC: never the wall clock
    inputs_sha256: str  # catalog files + project + seed + tool version
    catalog_sha256: str = ""  # the catalog files alone
    method: str
    normalization: str
    parameters: dict[str, str | int | float | bool] = Field(default_factory=dict)
    seed: int
    n_samples: int
    catalog_files: list[CatalogFile] = Field(default_factory=list)
    rules_fired: list[FiredRuleView] = Field(default_factory=list)
    weights_changed_at: dt.datetime | None = None
    scores_seen_at: dt.datetime | None = None
    weights_locked_at: dt.datetime | None = None
    weights_after_scores: bool = False
    note: str = ""  # what came first, when weights moved after the scores were seen


class Recommendation(Frozen):
    """Everything the advisor concluded for one project, with its reasons."""

    project_name: str
    organisation: str
    prepared_by: str
    date: dt.date
    headline: str  # one sentence: the recommendation, or "no clear winner between …"
    confidence_text: str  # how sure, consistent with the numbers
    top_reasons: list[str] = Field(default_factory=list)
    tie_breaker: str = ""  # a near tie broken in words by cost, where cost differs
    settle: list[Settle] = Field(default_factory=list)  # what would settle a near tie
    solution_type_headline: str = ""
    solution_types: list[CandidateResult] = Field(default_factory=list)  # ranked
    offerings: list[CandidateResult] = Field(default_factory=list)  # ranked, excluded last
    efficient: list[str] = Field(default_factory=list)  # value-for-money frontier, cheapest first
    value_for_money: str = ""
    criteria: list[CriterionWeight] = Field(default_factory=list)
    fact_must_haves: list[FactMustHaveView] = Field(default_factory=list)  # once each
    groups: list[GroupWeight] = Field(default_factory=list)
    knocked_out_types: list[MustHaveFailure] = Field(default_factory=list)
    robustness: Robustness
    group_view: GroupView
    readiness: Readiness
    risks: list[Risk] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)  # before signing, most important first
    rollout: list[RolloutPhase] = Field(default_factory=list)
    rollout_note: str = ""  # e.g. why the plan does not assume one vendor's modules yet
    horizon_years: int = 5
    seats: int | None = None
    cost_basis: str = ""  # what the costs are for: seats, horizon and the team's budgets
    provenance: Provenance
    missing: list[str] = Field(default_factory=list)  # what the team has not answered yet
    warnings: list[WarningNote] = Field(default_factory=list)

    def winner(self) -> CandidateResult | None:
        ranked = [v for v in self.offerings if not v.excluded]
        return ranked[0] if ranked else None

    def offering(self, offering_id: str) -> CandidateResult:
        for o in self.offerings:
            if o.id == offering_id:
                return o
        raise KeyError(offering_id)
