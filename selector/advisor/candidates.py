"""The candidates of one project: which offerings, with what values, at what cost, passing what.

Two kinds of candidate go through the same steps: the offerings on the shortlist (a vendor
named there stands for all its offerings) and the four kinds of solution with their typical
profiles. For each: the team's overrides and accepted vendor claims replace catalog values, the
cost model works out the team's cost (which gives the computed cost criteria their values), the
matrix is built, and must-haves are screened — facts included — before anything is scored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from selector.advisor import wording
from selector.advisor.cost import CostInputs, Team, team_cost
from selector.advisor.evaluate import Evaluation, evaluate, knock_out_failures, threshold_failures
from selector.advisor.facts import FactCheck, check, matches, resolve_country
from selector.advisor.matrix import CandidateMatrix, Known, Row, ScoreTable, build, score_table
from selector.advisor.weighting import Weighting
from selector.catalog.loader import Catalog
from selector.domain.criteria import Criterion
from selector.domain.evidence import SOURCE_KIND_NAMES
from selector.domain.project import Claim, Project, ScoreOverride
from selector.domain.questions import FactRequirement, claimed_fact
from selector.domain.recommendation import (
    ClaimView,
    MustHaveFailure,
    Override,
    SystemFit,
    TeamCost,
)
from selector.domain.solution_types import SolutionType
from selector.domain.vendors import Integration, OfferingProfile, PriceTier

LEVEL_CRITERIA = ("implementation_cost", "inhouse_skills_required")


@dataclass(frozen=True)
class Spec:
    """What a result needs to say about a candidate besides its numbers."""

    id: str
    name: str
    kind: str  # "offering" or "solution_type"
    vendor_id: str = ""
    company: str = ""
    product: str = ""
    edition: str = ""
    deployment: list[str] = field(default_factory=list)
    catalog: str = ""
    solution_types: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Assessed:
    """One kind of candidate, scored: everything the explanation step needs."""

    specs: list[Spec]
    matrix: CandidateMatrix
    evaluation: Evaluation
    costs: list[TeamCost | None]  # amounts and budget checks; lines only where detailed
    not_evidenced: list[list[MustHaveFailure]]
    overrides: list[list[Override]]
    claims: list[list[ClaimView]]
    cost_inputs: list[CostInputs | None]
    offerings: list[OfferingProfile | None]

    def detailed_cost(self, i: int, team: Team, catalog: Catalog) -> TeamCost | None:
        """Candidate i's cost with every line and assumption, for a result shown in full."""
        inputs = self.cost_inputs[i]
        if inputs is None or catalog.cost_model is None:
            return self.costs[i]
        return team_cost(inputs, team, catalog.cost_model)


def _catalog_scores(catalog: Catalog, offerings: list[OfferingProfile]) -> ScoreTable:
    """The catalog scores of `offerings`, from a table worked out once per catalog."""
    table = catalog.memo.get("offering_scores")
    if table is None:
        table = score_table(catalog.library.criteria(), [o.scores for o in catalog.offerings])
        catalog.memo["offering_scores"] = table
        catalog.memo["offering_rows"] = {o.id: i for i, o in enumerate(catalog.offerings)}
    rows = catalog.memo["offering_rows"]
    idx = np.array([rows[o.id] for o in offerings], dtype=int)
    return ScoreTable(table.raw[idx], table.code[idx])


def shortlisted(catalog: Catalog, project: Project) -> list[OfferingProfile]:
    """The shortlist's offerings in shortlist order, or every offering when there is none."""
    by_id = {o.id: o for o in catalog.offerings}
    chosen: list[str] = []
    for ref in project.shortlist:
        for oid in catalog.offering_ids(ref):
            if oid not in chosen:
                chosen.append(oid)
    return [by_id[o] for o in chosen] if chosen else list(catalog.offerings)


def told_apart(offerings: list[OfferingProfile]) -> dict[str, str]:
    """Each offering's name as the team reads it, unique among those compared.

    Two catalogs (or two vendors) can sell offerings under one name; a ranking that lists
    the same name twice cannot be acted on. A shared name gets the company, else the product,
    that tells it apart, and only when neither does, the catalog id.
    """
    by_name: dict[str, list[OfferingProfile]] = {}
    for o in offerings:
        by_name.setdefault(o.name, []).append(o)
    out: dict[str, str] = {}
    for name, same in by_name.items():
        if len(same) == 1:
            out[same[0].id] = name
            continue
        companies = Counter(o.company for o in same)
        products = Counter(o.product for o in same)
        for o in same:
            if companies[o.company] == 1:
                out[o.id] = f"{name} — {o.company}"
            elif products[o.product] == 1:
                out[o.id] = f"{name} — {o.product}"
            else:
                out[o.id] = f"{name} ({o.id})"
    return out


def _applies(ref: str, offering: OfferingProfile) -> bool:
    return ref in (offering.id, offering.vendor_id)


def _team_values(
    names: dict[str, Criterion], offering: OfferingProfile, overrides: list[ScoreOverride],
    claims: list[Claim],
) -> tuple[dict[str, Known], list[Override], list[Claim], dict[str, Claim]]:
    """Values the team supplies: overrides first, then claims the team has accepted. Also
    the offering's claims on criteria, and which of them the score takes."""
    known: dict[str, Known] = {}
    views: list[Override] = []
    for o in overrides:
        if not _applies(o.vendor, offering) or o.criterion not in names:
            continue
        criterion = names[o.criterion]
        score = offering.scores.get(o.criterion)
        known[o.criterion] = Known(
            o.value, wording.team_score(o.rationale), "high",
            source_kind=SOURCE_KIND_NAMES["team_judgement"], overridden=True,
        )
        views.append(
            Override(
                criterion_id=o.criterion,
                criterion_name=criterion.name,
                catalog_value=score.value if score else None,
                team_value=o.value,
                text=wording.override(criterion, score.value if score else None, o),
                rationale=o.rationale,
                by=o.by,
                at=o.at,
            )
        )
    mine = [c for c in claims if _applies(c.vendor, offering) and c.criterion in names]
    in_score = _claims_in_score(mine, known)
    seen_in_demo = {(c.criterion, c.value) for c in mine
                    if c.source_kind == "demo" and c.status != "challenged"}
    for c in mine:
        demo = c.source_kind == "demo"
        if in_score.get(c.criterion) is c and not _confirms(c, offering):
            verified = not demo and (c.criterion, c.value) in seen_in_demo
            known[c.criterion] = Known(
                c.value,
                wording.accepted_claim(c.note, (c.by or "the team") if demo else "", verified),
                c.confidence, c.source or c.file,
                SOURCE_KIND_NAMES.get(c.source_kind or "vendor_rfp_answer", ""), c.observed,
                vendor_claim=not demo, verified=verified,
            )
    return known, views, mine, in_score


def _claim_views(
    names: dict[str, Criterion], offering: OfferingProfile, mine: list[Claim],
    in_score: dict[str, Claim], computed: dict[str, Known],
) -> list[ClaimView]:
    """Each claim on a criterion beside the catalog's value; for a cost criterion the cost
    model works out, beside the value it works out for this team."""
    out = []
    for c in mine:
        criterion = names[c.criterion]
        score = offering.scores.get(c.criterion)
        catalog_value = score.value if score else None
        if c.criterion in computed:
            catalog_value = round(computed[c.criterion].value, 2)
        out.append(
            ClaimView(
                criterion_id=c.criterion,
                criterion_name=criterion.name,
                catalog_value=catalog_value,
                claimed_value=c.value,
                status=c.status,
                status_text=wording.CLAIM_STATUS[c.status],
                differs=catalog_value is None or catalog_value != c.value,
                in_score=in_score.get(c.criterion) is c,
                text=wording.claim(criterion, catalog_value, c),
                source=c.source or c.file,
                observed=c.observed,
                catalog_text="none" if catalog_value is None else criterion.describe(catalog_value),
                claimed_text=wording.claimed_text(criterion, c),
                source_kind=SOURCE_KIND_NAMES.get(c.source_kind or "vendor_rfp_answer", ""),
                by=c.by,
                file=c.file,
                unanswered=c.unanswered,
            )
        )
    return out


def _claims_in_score(claims: list[Claim], overridden: dict[str, Known]) -> dict[str, Claim]:
    """Per criterion, the accepted claim whose value the score takes.

    The team's own override comes first; then what the team saw in a demo, before what the
    vendor says; among equals, the first recorded.
    """
    out: dict[str, Claim] = {}
    for c in sorted(claims, key=lambda c: c.source_kind != "demo"):
        if c.status == "accepted" and c.criterion not in overridden and c.criterion not in out:
            out[c.criterion] = c
    return out


def _confirms(c: Claim, offering: OfferingProfile) -> bool:
    """A vendor's answer that agrees with a sourced catalog score: it leaves the catalog's
    evidence in place (the answer confirms it; the vendor's own word is not better)."""
    score = offering.scores.get(c.criterion)
    return (c.source_kind != "demo" and score is not None and not score.is_judgement
            and score.value == c.value)


def _level(offering_scores: dict, known: dict[str, Known], cid: str, default: float) -> float:
    if cid in known:
        return known[cid].value
    score = offering_scores.get(cid)
    return score.value if score is not None else default


def _computed(computed: list[Criterion], cost: TeamCost) -> dict[str, Known]:
    """The cost criteria's values for this team, from its cost."""
    out: dict[str, Known] = {}
    if not cost.priced:
        return out
    confidence = "low" if cost.defaults_used else "medium"
    for c in computed:
        if c.computed == "licence_per_user_month":
            value, text = cost.per_user_month.mid, wording.computed_licence(cost)
        elif c.computed == "total_per_user_year":
            value, text = cost.per_user_year.mid, wording.computed_total(cost)
        else:
            continue
        out[c.id] = Known(value, text, confidence, computed=True)
    return out


def systems_fit(project: Project, offering: OfferingProfile) -> list[SystemFit]:
    """How the offering connects to each of the team's systems, from its integrations."""
    fact = offering.facts.integrations
    out = []
    for system in project.systems:
        found: Integration | None = None
        if fact is not None:
            found = next((i for i in fact.values if matches("integrations", system.name, i.name)),
                         None)
        if found is not None:
            status, via = "connector", wording.VIA_NAMES.get(found.via, found.via)
        elif fact is not None and fact.complete:
            status, via = "not_listed", ""
        else:
            status, via = "not_evidenced", ""
        out.append(
            SystemFit(name=system.name, kind=system.kind, status=status, via=via,  # type: ignore[arg-type]
                      text=wording.system_fit(system.name, status, via))
        )
    return out


def _costed(
    catalog: Catalog, offering_id: str, inputs: CostInputs, team: Team, computed: list[Criterion]
) -> tuple[TeamCost, dict[str, Known]]:
    """The offering's cost for the team and the cost criteria's values from it.

    Neither depends on the weights, so a what-if (new weights, same team) reuses them: the
    catalog remembers them for the last team it was costed for. The price lines and estimates
    come from the catalog, which never changes; the two levels may be the team's own.
    """
    memo = catalog.memo.get("team_costs")
    if memo is None or memo[0] != team:
        memo = catalog.memo["team_costs"] = (team, {})
    key = (offering_id, inputs.implementation_level, inputs.skills_level)
    found = memo[1].get(key)
    if found is None:
        assert catalog.cost_model is not None
        cost = team_cost(inputs, team, catalog.cost_model, detail=False)
        found = memo[1][key] = (cost, _computed(computed, cost))
    return found


def assess_offerings(
    catalog: Catalog, project: Project, weighting: Weighting, team: Team, country: str | None,
    budget_is_limit: bool,
) -> Assessed:
    offerings = shortlisted(catalog, project)
    model = catalog.cost_model
    names = {c.id: c for c in catalog.library.criteria()}
    computed = [c for c in names.values() if c.computed]
    touched = {o.vendor for o in project.overrides} | {c.vendor for c in project.claims}
    specs, rows, costs, overrides, claims, inputs_used = [], [], [], [], [], []
    shown = told_apart(offerings)
    for offering in offerings:
        known: dict[str, Known] = {}
        views: list[Override] = []
        mine: list[Claim] = []
        in_score: dict[str, Claim] = {}
        if offering.id in touched or offering.vendor_id in touched:
            known, views, mine, in_score = _team_values(names, offering, project.overrides,
                                                        project.claims)
        worked_out: dict[str, Known] = {}
        cost = None
        inputs = CostInputs(
            offering.price_tiers,
            offering.cost,
            offering.deployment,
            _level(offering.scores, known, "implementation_cost", 2.5),
            _level(offering.scores, known, "inhouse_skills_required", 2.5),
        )
        if model is not None:
            cost, worked_out = _costed(catalog, offering.id, inputs, team, computed)
            known = {**worked_out, **known}
        claim_views = _claim_views(names, offering, mine, in_score, worked_out) if mine else []
        specs.append(
            Spec(
                id=offering.id,
                name=shown[offering.id],
                kind="offering",
                vendor_id=offering.vendor_id,
                company=offering.company,
                product=offering.product,
                edition=offering.edition,
                deployment=[wording.DEPLOYMENT_NAMES.get(d, d) for d in offering.deployment],
                catalog=catalog.vendor_catalog.get(offering.vendor_id, ""),
                solution_types=list(offering.solution_types),
            )
        )
        rows.append(Row(offering.id, offering.scores, known))
        costs.append(cost)
        overrides.append(views)
        claims.append(claim_views)
        inputs_used.append(inputs)
    matrix = build(catalog.library, rows, _catalog_scores(catalog, offerings))
    failures = threshold_failures(catalog.library, matrix, weighting)
    type_names = {st.id: st.name for st in catalog.solution_types}
    not_evidenced: list[list[MustHaveFailure]] = []
    listed = catalog.memo.setdefault("listed_facts", {})
    said: dict[tuple, MustHaveFailure] = {}
    for i, offering in enumerate(offerings):
        failures[i] = knock_out_failures(offering.solution_types, weighting.knocked_out,
                                         type_names) + failures[i]
        unproven: list[MustHaveFailure] = []
        answered = (_fact_claims(project.claims, offering)
                    if offering.id in touched or offering.vendor_id in touched else {})
        shown: set[str] = set()
        for must in weighting.fact_musts:
            result = check(offering, must.requirement, country, listed)
            claim_key = must.requirement.claim_key
            if claim_key in answered:
                result = _with_claims(result, must.requirement, answered[claim_key],
                                      claims[i], claim_key not in shown, country)
                shown.add(claim_key)
            if result.status == "passes":
                continue
            # many offerings fail a must-have in the same words: one (immutable) record each
            key = (id(must), result.status, result.reason)
            failure = said.get(key)
            if failure is None:
                failure = said[key] = MustHaveFailure(
                    kind="fact",
                    criterion_id=f"fact:{must.requirement.fact}",
                    criterion_name=wording.FACT_NAMES[must.requirement.fact],
                    required=result.required,
                    actual=result.actual,
                    status=result.status,
                    reason=result.reason,
                    set_by=[must.trace],
                )
            if result.status == "fails" or must.requirement.not_evidenced == "exclude":
                failures[i].append(failure)
            else:
                unproven.append(failure)
        not_evidenced.append(unproven)
        cost = costs[i]
        if budget_is_limit and cost is not None and cost.over_budget:
            failures[i] += [
                MustHaveFailure(
                    kind="budget",
                    criterion_id=f"budget:{b.kind}",
                    criterion_name=wording.BUDGET_WORDS[b.kind].capitalize(),
                    required=wording.budget_required(b),
                    actual=wording.euro_range(b.amount),
                    reason=b.text,
                )
                for b in cost.budgets
                if b.verdict == "over"
            ]
    shortfalls: list[list[MustHaveFailure]] = [[] for _ in offerings]
    evaluation = evaluate(catalog.library, matrix, weighting, failures, shortfalls)
    return Assessed(specs, matrix, evaluation, costs, not_evidenced, overrides, claims,
                    inputs_used, list(offerings))


def _fact_claims(claims: list[Claim], offering: OfferingProfile) -> dict[str, list[Claim]]:
    """The offering's answers to fact must-haves, by must-have key."""
    out: dict[str, list[Claim]] = {}
    for c in claims:
        if claimed_fact(c.criterion) and _applies(c.vendor, offering):
            out.setdefault(c.criterion, []).append(c)
    return out


_FACT_STATUS_VALUE = {"passes": 1.0, "fails": 0.0}


def _with_claims(
    result: FactCheck, requirement: FactRequirement, answers: list[Claim],
    views: list[ClaimView], show: bool, country: str | None,
) -> FactCheck:
    """A fact must-have's check once the vendor's answers are in: shown beside the catalog's
    (in `views`), and an accepted answer decides it (yes: met; partly or no: not met)."""
    name = wording.fact_question(requirement.fact,
                                 [resolve_country(v, country) for v in requirement.includes],
                                 [resolve_country(v, country) for v in requirement.any_of])
    chosen = next((c for c in sorted(answers, key=lambda c: c.source_kind != "demo")
                   if c.status == "accepted"), None)
    catalog_value = _FACT_STATUS_VALUE.get(result.status)
    catalog_text = wording.fact_catalog_text(result.status, result.actual)
    for c in answers if show else []:
        views.append(
            ClaimView(
                criterion_id=c.criterion,
                criterion_name=name,
                catalog_value=catalog_value,
                claimed_value=c.value,
                status=c.status,
                status_text=wording.CLAIM_STATUS[c.status],
                differs=catalog_value is None or catalog_value != c.value,
                in_score=c is chosen,
                text=wording.fact_claim(name, catalog_text, c),
                source=c.source or c.file,
                observed=c.observed,
                kind="fact",
                catalog_text=catalog_text,
                claimed_text=wording.fact_claimed_text(c),
                source_kind=SOURCE_KIND_NAMES.get(c.source_kind or "vendor_rfp_answer", ""),
                by=c.by,
                file=c.file,
                unanswered=c.unanswered,
            )
        )
    if chosen is None:
        return result
    if chosen.value >= 1:
        return FactCheck("passes", result.required, result.actual, "")
    return FactCheck("fails", result.required, wording.fact_claimed_text(chosen),
                     wording.fact_claim_failure(name, chosen))


def _typical_tier(solution_type: SolutionType) -> list[PriceTier]:
    score = solution_type.profile.get("licence_cost")
    if score is None:
        return []
    return [
        PriceTier.model_construct(
            name="Typical price",
            amount=score.value,
            amount_high=None,
            currency="EUR",
            unit="user-month",
            billing="annual",
            minimum_seats=1,
            included="",
            optional=False,
            note=score.note,
            source=score.source,
            source_title=score.source_title,
            source_kind=score.source_kind,
            observed=score.observed,
            confidence=score.confidence,
        )
    ]


def assess_types(catalog: Catalog, weighting: Weighting, team: Team) -> Assessed:
    """The four kinds of solution on their typical profiles. A must-have a kind typically
    misses does not exclude it (its vendors may meet it): it ranks below those that meet it."""
    types = catalog.solution_types
    model = catalog.cost_model
    computed = [c for c in catalog.library.criteria() if c.computed]
    specs, rows, costs, inputs_used = [], [], [], []
    for st in types:
        known: dict[str, Known] = {}
        cost = None
        inputs = CostInputs(
            _typical_tier(st),
            st.cost,
            list(st.deployment),
            _level(st.profile, {}, "implementation_cost", 2.5),
            _level(st.profile, {}, "inhouse_skills_required", 2.5),
            typical=True,
        )
        if model is not None:
            cost = team_cost(inputs, team, model, detail=False)
            known = _computed(computed, cost)
        inputs_used.append(inputs)
        specs.append(Spec(id=st.id, name=st.name, kind="solution_type", solution_types=[st.id]))
        rows.append(Row(st.id, st.profile, known))
        costs.append(cost)
    matrix = build(catalog.library, rows)
    shortfalls = threshold_failures(catalog.library, matrix, weighting)
    names = {st.id: st.name for st in types}
    failures = [knock_out_failures([st.id], weighting.knocked_out, names) for st in types]
    evaluation = evaluate(catalog.library, matrix, weighting, failures, shortfalls)
    empty: list[list] = [[] for _ in types]
    return Assessed(specs, matrix, evaluation, costs, empty, empty, empty, inputs_used,
                    [None] * len(types))
