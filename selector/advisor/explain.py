"""Explain a scored project: results with reasons, the headline, what would settle a tie.

Everything here turns the numbers of the earlier steps into the structured facts of the
Recommendation (and the sentences saying them, from `wording`): each candidate's strengths and
weaknesses against the average, its cost and evidence quality, the value-for-money frontier,
how sure the advisor is, the risks and the actions to take before signing.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from selector.advisor import wording
from selector.advisor.candidates import Assessed, systems_fit
from selector.advisor.cost import Team
from selector.advisor.evaluate import Evaluation, contribution_rows
from selector.advisor.facts import resolve_country
from selector.advisor.matrix import CandidateMatrix
from selector.advisor.robustness import MARGIN, RobustnessResult
from selector.advisor.sources import cite
from selector.advisor.weighting import Weighting
from selector.catalog.loader import Catalog
from selector.domain.criteria import CriteriaLibrary
from selector.domain.project import Project
from selector.domain.recommendation import (
    Action,
    CandidateResult,
    CriterionWeight,
    EvidenceSummary,
    FactMustHaveView,
    GroupWeight,
    Readiness,
    Risk,
    Robustness,
    Settle,
    WarningNote,
)

STALE_DAYS = {"price": 183, "fact": 365}
JUDGEMENT_LIMIT = 0.30  # more of a score than this resting on judgement is a risk
REASON_POINTS = 0.005  # a reason worth less than half a point of 100 is not a reason


DETAIL_ALL = 60  # with this many candidates or fewer, every one is shown in full
DETAIL_TOP = 30  # beyond that, the best-ranked this many are; the rest are summarised


@dataclass(frozen=True)
class Detailing:
    """What a result in full needs beyond the scores: the team (for its cost lines), the
    catalog (cost model) and the project (its systems, for the connector fit)."""

    team: Team
    catalog: Catalog
    project: Project

    @cached_property
    def type_names(self) -> dict[str, str]:
        return {st.id: st.label for st in self.catalog.solution_types}


def _detailed(assessed: Assessed) -> set[int]:
    n = len(assessed.specs)
    if n <= DETAIL_ALL:
        return set(range(n))
    ranks = assessed.evaluation.ranks
    ranked = sorted((r, i) for i, r in enumerate(ranks) if r is not None)
    return {i for _, i in ranked[:DETAIL_TOP]}


def results(
    library: CriteriaLibrary,
    assessed: Assessed,
    as_of: dt.date,
    detailing: Detailing,
    chances: RobustnessResult | None = None,
) -> list[CandidateResult]:
    """Every candidate, ranked; the best ones in full (contributions with their evidence,
    cost lines, connector fit), the others with their score, rank, cost and reasons."""
    ev, matrix = assessed.evaluation, assessed.matrix
    criteria = library.criteria()
    n = len(assessed.specs)
    average = ev.contributions.mean(axis=0) if n else np.zeros(len(criteria))
    mean_score = float(ev.scores.mean()) if n else 0.0
    detailed = _detailed(assessed)
    probabilities = chances.robustness.probability_first if chances else {}
    rank_probs = chances.rank_probabilities if chances else {}
    shares = chances.rank_shares if chances else {}
    out = []
    for i, spec in enumerate(assessed.specs):
        full = i in detailed
        edge = ev.contributions[i] - average
        strong = [j for j in np.lexsort((np.arange(len(criteria)), -edge))[:3] if edge[j] > 1e-9]
        weak = sorted(
            (j for j in np.flatnonzero((ev.weights > 0) & (matrix.values[i] < 0.5))),
            key=lambda j: (matrix.values[i, j], -ev.weights[j], criteria[j].id),
        )[:3]
        reasons = [wording.typical_shortfall(f.reason) for f in ev.shortfalls[i]]
        if ev.failures[i]:
            reasons = [wording.excluded(f.reason) for f in ev.failures[i]] + reasons
        elif ev.ranks[i] is not None:
            reasons = [wording.ranked(ev.ranks[i], ev.scores[i], mean_score)] + reasons
        contribs = contribution_rows(library, matrix, ev, i) if full else []
        offering = assessed.offerings[i]
        out.append(
            # built from this module's own values, of the declared types: validating them again
            # would copy every list and dict of thousands of rows
            CandidateResult.model_construct(
                id=spec.id,
                name=spec.name,
                kind=spec.kind,
                vendor_id=spec.vendor_id,
                company=spec.company,
                product=spec.product,
                edition=spec.edition,
                deployment=spec.deployment,
                catalog=spec.catalog,
                solution_types=spec.solution_types,
                solution_type_names=[detailing.type_names.get(t, t) for t in spec.solution_types],
                score=float(ev.scores[i]),
                rank=ev.ranks[i],
                excluded=bool(ev.failures[i]),
                detailed=full,
                failures=ev.failures[i],
                not_evidenced=assessed.not_evidenced[i],
                shortfalls=ev.shortfalls[i],
                contributions=contribs,
                group_contributions=ev.group_contributions[i],
                need_profile=ev.need_profiles[i],
                overrides=assessed.overrides[i],
                claims=assessed.claims[i],
                systems=systems_fit(detailing.project, offering) if full and offering else [],
                balance_warning=ev.balance[i],
                strengths=[wording.criterion_value(criteria[j].name,
                                                   criteria[j].describe(float(matrix.raw[i, j])))
                           for j in strong],
                weaknesses=[wording.criterion_value(criteria[j].name,
                                                    criteria[j].describe(float(matrix.raw[i, j])))
                            for j in weak],
                probability_first=probabilities.get(spec.id, 0.0),
                rank_probabilities=rank_probs.get(spec.id, []),
                rank_shares=shares.get(spec.id, []),
                cost=assessed.detailed_cost(i, detailing.team, detailing.catalog) if full
                else assessed.costs[i],
                evidence=_evidence(contribs, matrix, ev, i, as_of) if spec.kind == "offering"
                else None,
                reasons=reasons,
            )
        )
    out = _mark_efficient(out)
    out.sort(key=lambda r: (r.excluded, r.rank or 0, -r.score, r.name.lower(), r.id))
    return out


def _evidence(
    contribs: list, matrix: CandidateMatrix, ev: Evaluation, i: int, as_of: dt.date
) -> EvidenceSummary:
    """How much of candidate i's score rests on judgement; with its contributions at hand,
    also how old its evidence is."""
    own = ~np.array([c.computed or c.overridden for c in contribs], dtype=bool) if contribs \
        else np.ones(matrix.values.shape[1], dtype=bool)
    judged_mask = matrix.judgement[i] & own
    score = float(ev.scores[i])
    share = float(ev.contributions[i][judged_mask].sum()) / score if score > 0 else 0.0
    dates = [c.observed for c in contribs if c.observed is not None]
    ages = [max(0, (as_of - d).days) for d in dates]
    fields = dict(
        judgement_share=share,
        judged_scores=int(judged_mask.sum()),
        sourced_scores=int((own & ~matrix.judgement[i]).sum()),
        oldest_observed=min(dates) if dates else None,
        median_age_days=int(statistics.median(ages)) if ages else None,
        stale_scores=sum(1 for a in ages if a > STALE_DAYS["fact"]),
        vendor_claims=sum(1 for c in contribs if c.vendor_claim),
        verified_claims=sum(1 for c in contribs if c.vendor_claim and c.verified),
    )
    return EvidenceSummary(**fields, text=wording.evidence_summary(**fields))


def _mark_efficient(items: list[CandidateResult]) -> list[CandidateResult]:
    """Offerings no other offering beats on both score and cost (lower total, higher score).

    Sorted by cost (then best score first), an offering is efficient when it scores more than
    every cheaper one: n log n, whatever the size of the catalog.
    """
    priced = [r for r in items if not r.excluded and r.cost is not None and r.cost.priced]
    order = sorted(priced, key=lambda r: (r.cost.total.mid, -r.score))  # type: ignore[union-attr]
    efficient: set[str] = set()
    best = -1.0
    for r in order:
        if r.score > best:
            efficient.add(r.id)
            best = r.score
    return [r.model_copy(update={"efficient": True}) if r.id in efficient else r for r in items]


def with_type_reasons(
    library: CriteriaLibrary, items: list[CandidateResult]
) -> list[CandidateResult]:
    """Each kind of solution against the leader (or, for the leader, the runner-up)."""
    ranked = [r for r in items if not r.excluded]
    out = []
    for r in items:
        reasons = list(r.reasons)
        if not r.excluded and len(ranked) > 1:
            if r is ranked[0]:
                other, lead, behind, ahead = ranked[1], r, ranked[1], True
            else:
                other, lead, behind, ahead = ranked[0], ranked[0], r, False
            gaps = [
                wording.gap(library.criteria()[j].name, lead.contributions[j].value_text,
                            behind.contributions[j].value_text)
                for _, j in largest_gains(lead, behind, 3)
            ]
            if gaps:
                reasons.append(wording.type_comparison(ahead, other.name, gaps))
        if r.cost is not None:
            reasons.append(wording.typical_cost(r.cost))
        out.append(r.model_copy(update={"reasons": reasons}))
    return out


def largest_gains(
    lead: CandidateResult, behind: CandidateResult, limit: int
) -> list[tuple[float, int]]:
    """(gain, criterion index) where `lead` out-scores `behind` most, weighted; ties by id."""
    gains = sorted(
        (
            (a.contribution - b.contribution, j, a.criterion_id)
            for j, (a, b) in enumerate(zip(lead.contributions, behind.contributions, strict=True))
        ),
        key=lambda t: (-t[0], t[2]),
    )
    return [(gain, j) for gain, j, _ in gains[:limit] if gain > 1e-9]


def type_headline(items: list[CandidateResult]) -> str:
    ranked = [r for r in items if not r.excluded]
    if not ranked:
        return wording.every_kind_ruled_out()
    lead = ranked[0]
    other = ranked[1] if len(ranked) > 1 else None
    ruled = []
    for r in items:
        if r.excluded:
            answers = dict.fromkeys(
                part for f in r.failures for t in f.set_by for part in t.because.split("; ")
                if part
            )
            ruled.append((r.name, list(answers)))
    return wording.type_headline(lead, other, MARGIN, ruled)


def top_reasons(
    library: CriteriaLibrary, winner: CandidateResult | None, runner: CandidateResult | None
) -> list[str]:
    """Where the leader gains most over the runner-up, by criteria group, in points of 100."""
    if winner is None:
        return []
    if runner is None:
        return [wording.only_candidate(winner.name)]
    out = []
    gains = sorted(
        ((winner.group_contributions[g.id] - runner.group_contributions[g.id], g) for g in
         library.groups),
        key=lambda t: (-t[0], t[1].id),
    )
    for gain, group in gains[:3]:
        if gain < REASON_POINTS:
            break
        cols = [j for j, c in enumerate(winner.contributions) if c.group_id == group.id]
        best = max(cols, key=lambda j: (winner.contributions[j].contribution
                                        - runner.contributions[j].contribution))
        c = library.criteria()[best]
        out.append(
            wording.group_reason(group.name, gain, c.name, winner.contributions[best].value_text,
                                 runner.contributions[best].value_text, runner.name)
        )
    if not out:
        out.append(wording.no_strong_reason(winner.name, runner.name))
    return out


def settle(
    library: CriteriaLibrary, items: list[CandidateResult], robustness: Robustness
) -> list[Settle]:
    """For a near tie: the criteria where the contenders differ most, and how sure each value is."""
    if robustness.certainty == "clear":
        return []
    ids = robustness.contenders if len(robustness.contenders) >= 2 else [
        r.id for r in items if not r.excluded
    ][:2]
    contenders = [r for r in items if r.id in ids and r.detailed]
    if len(contenders) < 2:
        return []
    criteria = library.criteria()
    rank = {"high": 0, "medium": 1, "low": 2}
    spans = []
    for j, c in enumerate(criteria):
        parts = [r.contributions[j] for r in contenders]
        span = max(p.contribution for p in parts) - min(p.contribution for p in parts)
        if span > 1e-9:
            spans.append((span, j, c, parts))
    spans.sort(key=lambda t: (-t[0], t[2].id))
    out = []
    for span, _j, c, parts in spans[:3]:
        weakest = max(parts, key=lambda p: (p.judgement, rank.get(p.confidence, 2)))
        evidence = "team judgement" if weakest.judgement else f"{weakest.confidence} confidence"
        values = {r.id: p.value_text for r, p in zip(contenders, parts, strict=True)}
        out.append(
            Settle(
                criterion_id=c.id,
                name=c.name,
                points=span * 100,
                values=values,
                weakest_evidence=evidence,
                text=wording.settle(c.name, span, [(r.name, p.value_text) for r, p in
                                                   zip(contenders, parts, strict=True)], evidence),
            )
        )
    return out


def tie_breaker(items: list[CandidateResult], robustness: Robustness) -> str:
    if robustness.certainty == "clear" or len(robustness.contenders) < 2:
        return ""
    contenders = [r for r in items if r.id in robustness.contenders and r.cost is not None]
    priced = [r for r in contenders if r.cost.priced]  # type: ignore[union-attr]
    if len(priced) < 2:
        return ""
    cheapest = min(priced, key=lambda r: r.cost.total.mid)  # type: ignore[union-attr]
    dearest = max(priced, key=lambda r: r.cost.total.mid)  # type: ignore[union-attr]
    if cheapest is dearest:
        return ""
    return wording.tie_by_cost(cheapest, dearest)


def value_for_money(items: list[CandidateResult]) -> tuple[list[str], str]:
    efficient = sorted(
        (r for r in items if r.efficient), key=lambda r: r.cost.total.mid  # type: ignore[union-attr]
    )
    return [r.id for r in efficient], wording.value_for_money(efficient)


def fact_must_haves(weighting: Weighting, country: str | None) -> list[FactMustHaveView]:
    """The fact must-haves in force, once each (two rules asking the same are one line)."""
    out: dict[str, FactMustHaveView] = {}
    for must in weighting.fact_musts:
        req = must.requirement
        key = req.claim_key
        if key in out:
            seen = out[key]
            out[key] = seen.model_copy(update={
                "set_by": [*seen.set_by, must.trace],
                "excludes_unproven": seen.excludes_unproven or req.not_evidenced == "exclude",
            })
            continue
        includes = [resolve_country(v, country) for v in req.includes]
        any_of = [resolve_country(v, country) for v in req.any_of]
        out[key] = FactMustHaveView(
            key=key,
            fact=req.fact,
            name=wording.FACT_NAMES[req.fact],
            required=wording.fact_required(req.fact, includes, any_of),
            question=wording.fact_question(req.fact, includes, any_of),
            excludes_unproven=req.not_evidenced == "exclude",
            set_by=[must.trace],
        )
    return list(out.values())


def criterion_weights(
    library: CriteriaLibrary, project: Project, weighting: Weighting
) -> list[CriterionWeight]:
    out = []
    for g in library.groups:
        for c in g.criteria:
            req = project.requirements.get(c.id)
            must = weighting.must_haves.get(c.id)
            out.append(
                CriterionWeight(
                    criterion_id=c.id,
                    name=c.name,
                    group_id=g.id,
                    group_name=g.name,
                    tags=list(c.tags),
                    direction=c.direction,
                    unit=c.scale.unit_text(),
                    weight=weighting.criterion_weights[c.id],
                    agreed_weight=weighting.agreed_weights[c.id],
                    priority="must" if must else (req.priority if req else "should"),
                    priority_text=wording.PRIORITY_WORDS[
                        "must" if must else (req.priority if req else "should")
                    ],
                    threshold=must.threshold if must else None,
                    threshold_text=c.threshold_text(must.threshold) if must else "",
                    computed=c.computed is not None,
                    set_by=weighting.traces[c.id],
                )
            )
    return out


def group_weights(library: CriteriaLibrary, weighting: Weighting) -> list[GroupWeight]:
    out = []
    for g in library.groups:
        final = sum(weighting.criterion_weights[c.id] for c in g.criteria)
        agreed = sum(weighting.agreed_weights[c.id] for c in g.criteria)
        moves = list(dict.fromkeys(weighting.group_moves[g.id]))
        out.append(
            GroupWeight(
                group_id=g.id,
                name=g.name,
                weight=final,
                agreed_weight=agreed,
                moved_by=moves,
                moved_text=wording.group_moved(agreed, final, moves),
                change_text=wording.group_change(g.name, agreed, final, moves),
            )
        )
    return out


@dataclass(frozen=True)
class Owners:
    """Who owns an action: a stakeholder whose role names it, or the role itself."""

    project: Project

    def __call__(self, role: str) -> str:
        if not role:
            return wording.default_owner()
        words = role.lower()
        for s in self.project.stakeholders:
            if words in s.role.lower():
                return wording.person(s.name, s.role)
        return role[:1].upper() + role[1:]


def risks(
    readiness: Readiness,
    winner: CandidateResult | None,
    items: list[CandidateResult],
    robustness: Robustness,
    provenance_note: str,
) -> list[Risk]:
    out = []
    for check in readiness.actions:
        out.append(
            Risk(
                kind="readiness",
                text=check.risk,
                from_answers=[wording.readiness_answer(check.text, check.answer)],
                source=check.source,
            )
        )
    if winner is not None and winner.cost is not None:
        if not winner.cost.priced:
            out.insert(0, Risk(kind="cost", text=wording.unpriced_risk(winner.name),
                               applies_to=[winner.id]))
        elif winner.cost.over_budget or winner.cost.may_exceed_budget:
            out.insert(0, Risk(kind="cost", text=wording.budget_risk(winner.name, winner.cost),
                               applies_to=[winner.id],
                               from_answers=[b.text for b in winner.cost.budgets
                                             if b.verdict in ("over", "may_exceed")]))
    contenders = [r for r in items if r.id in (robustness.contenders or
                                               ([winner.id] if winner else []))]
    for r in contenders:
        if r.evidence is not None and r.evidence.judgement_share > JUDGEMENT_LIMIT:
            out.append(Risk(kind="evidence", text=wording.judgement_risk(r.name, r.evidence),
                            applies_to=[r.id]))
        pending = [c for c in r.claims if c.status != "accepted" and c.differs]
        if pending:
            out.append(Risk(kind="evidence", text=wording.claims_risk(r.name, len(pending)),
                            applies_to=[r.id]))
        if r.not_evidenced:
            out.append(Risk(kind="fit", text=wording.unproven_risk(r.name, r.not_evidenced),
                            applies_to=[r.id]))
    if robustness.certainty in ("close", "likely") and winner is not None:
        out.insert(0, Risk(kind="decision", text=wording.close_risk(robustness.certainty),
                           applies_to=list(robustness.contenders)))
    if provenance_note:
        out.append(Risk(kind="decision", text=provenance_note))
    return out


def actions(
    readiness: Readiness,
    settles: list[Settle],
    items: list[CandidateResult],
    robustness: Robustness,
    owners: Owners,
    limit: int = 3,
) -> list[Action]:
    out = []
    if settles:
        names = [r.name for r in items if r.id in robustness.contenders]
        out.append(
            Action(
                text=wording.proof_of_concept(names, [s.name for s in settles]),
                owner=owners("project lead"),
                why=wording.proof_of_concept_why(),
            )
        )
    winner = next((r for r in items if not r.excluded), None)
    if winner is not None and winner.cost is not None and (
        not winner.cost.priced or winner.cost.defaults_used
    ):
        out.append(Action(text=wording.quote_action(winner.name), owner=owners("procurement lead"),
                          why=wording.quote_why()))
    for check in readiness.actions:
        if len(out) >= limit:
            break
        out.append(Action(text=check.action, owner=owners(check.owner), why=check.risk,
                          source=check.source))
    return out[:limit]


def warnings(
    catalog: Catalog,
    project: Project,
    n_compared: int,
    winner: CandidateResult | None,
    lead_type: CandidateResult | None,
    weighting: Weighting,
    history_note: str,
    items: list[CandidateResult],
) -> list[WarningNote]:
    out = []
    if history_note:
        out.append(WarningNote(kind="weights_after_scores", text=history_note))
    skipped = {p.file for p in catalog.errors}
    if skipped:
        out.append(
            WarningNote(kind="catalog_problems", text=wording.catalog_problems(len(skipped)))
        )
    if not project.shortlist:
        out.append(WarningNote(kind="no_shortlist", text=wording.no_shortlist(n_compared)))
    if winner and lead_type and lead_type.id not in winner.solution_types:
        out.append(WarningNote(kind="type_mismatch",
                               text=wording.type_mismatch(lead_type.name, winner)))
    for view in weighting.group_view.stakeholders:
        if not view.consistent and view.consistency_ratio is not None:
            out.append(WarningNote(kind="inconsistent_judgments", text=wording.inconsistent(view)))
    over = [r for r in items if not r.excluded and r.cost is not None and r.cost.over_budget]
    if over:
        out.append(
            WarningNote(kind="over_budget", text=wording.over_budget([r.name for r in over]))
        )
    unpriced = [r for r in items if not r.excluded and r.cost is not None and not r.cost.priced]
    if unpriced:
        out.append(WarningNote(kind="unpriced", text=wording.unpriced([r.name for r in unpriced])))
    pending = sum(1 for r in items for c in r.claims if c.status == "to_decide")
    if pending:
        out.append(WarningNote(kind="claims_to_decide", text=wording.claims_to_decide(pending)))
    return out


def missing(
    catalog: Catalog, project: Project, weighting: Weighting, unanswered: list
) -> list[str]:
    out = []
    if not project.stakeholders:
        out.append(wording.no_stakeholders())
    if weighting.defaults_used:
        out.append(wording.no_weights())
    elif weighting.group_view.left_out:
        out.append(wording.left_out(weighting.group_view.left_out))
    if not any(a.in_scope for a in project.business_areas):
        out.append(wording.no_business_area())
    for a in project.business_areas:
        if a.in_scope and not any(o.metric for o in a.objectives):
            out.append(wording.no_metric(a.name))
    for q in unanswered:
        out.append(wording.not_answered(q.text))
    open_items = [r for r in catalog.questionnaire.readiness if r.id not in project.readiness]
    if open_items:
        out.append(wording.readiness_unanswered(len(open_items),
                                                len(catalog.questionnaire.readiness)))
    return [cite(m) for m in out]
