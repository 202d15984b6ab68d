"""From stakeholders' group weights, requirements and rules to one weight per criterion.

Stakeholders weight the criteria groups (a dozen questions, not forty); requirements share a
group's weight among its criteria (must 3 : should 2 : could 1 : won't 0); rules fired by the
context answers multiply a criterion or a group. Every step leaves a Trace, so each final
weight can be explained back to the answer, rule or stakeholder that set it, and the weights
as the stakeholders agreed them are kept beside the final ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from selector import mcda
from selector.advisor import wording
from selector.advisor.answers import Answer, FiredRule, derive_threshold
from selector.advisor.sources import cite
from selector.domain.criteria import CriteriaLibrary, Criterion
from selector.domain.project import Project, StakeholderWeights
from selector.domain.questions import FactRequirement, Question
from selector.domain.recommendation import (
    Disagreement,
    GroupView,
    Revision,
    StakeholderView,
    Trace,
)
from selector.mcda.ahp import CONSISTENCY_THRESHOLD

PRIORITY_FACTOR = {"must": 3.0, "should": 2.0, "could": 1.0, "wont": 0.0}
DEFAULT_PRIORITY = "should"


@dataclass
class MustHave:
    criterion_id: str
    threshold: float
    traces: list[Trace] = field(default_factory=list)


@dataclass(frozen=True)
class FactMust:
    """A fact must-have with what set it (a rule, the team, a system to integrate)."""

    requirement: FactRequirement
    trace: Trace


@dataclass
class Weighting:
    group_weights: dict[str, float]  # the stakeholders' aggregate
    criterion_weights: dict[str, float]  # final, after priorities and rules
    agreed_weights: dict[str, float]  # after priorities, before the rules
    traces: dict[str, list[Trace]]
    group_moves: dict[str, list[Trace]]  # rules that moved a group's weight
    must_haves: dict[str, MustHave]
    fact_musts: list[FactMust]
    knocked_out: dict[str, list[Trace]]  # solution type id -> why
    group_view: GroupView
    defaults_used: bool


@dataclass(frozen=True)
class StakeholderWeighting:
    weights: dict[str, float]  # group weights summing to 1; empty when not enough answers
    consistency_ratio: float | None
    revisions: list[Revision]
    basis: str  # what the consistency ratio rests on


def stakeholder_weights(
    library: CriteriaLibrary, weights: StakeholderWeights
) -> StakeholderWeighting:
    """A stakeholder's group weights, consistency ratio and the judgments to revisit.

    Returns empty weights while the judgments do not yet connect every group, so a half-done
    pairwise session shows "not enough answers yet" rather than invented numbers.
    """
    groups = library.group_ids()
    none = StakeholderWeighting({}, None, [], "")
    if weights.method == "points":
        points = np.array([max(weights.points.get(g, 0.0), 0.0) for g in groups])
        if points.sum() <= 0 or not np.isfinite(points).all():
            return none
        return StakeholderWeighting(
            dict(zip(groups, (points / points.sum()).tolist(), strict=True)), None, [], ""
        )
    names = {g.id: g.name for g in library.groups}
    index = {g: i for i, g in enumerate(groups)}
    judgments = [
        (index[j.a], index[j.b], j.value)
        for j in weights.judgments
        if j.a in index and j.b in index and j.a != j.b
    ]
    if not judgments:
        return none
    try:
        result = mcda.ahp_incomplete(len(groups), judgments)
    except ValueError:
        return none
    cr: float | None = None
    revisions: list[Revision] = []
    basis = ""
    # Consistency can be checked as soon as one judgment overlaps the others (more answers than
    # the n - 1 that merely connect the groups). Unanswered cells are filled with the implied
    # ratios w_i / w_j (Harker's completion), clipped to Saaty's 1/9..9, so the ratio measures
    # how far the team's own answers contradict each other.
    n_groups = len(groups)
    answered_pairs = int((result.answered.sum() - n_groups) // 2)
    if 3 <= n_groups <= len(mcda.SAATY_RI) and answered_pairs > n_groups - 1:
        full = mcda.ahp(np.clip(result.completed, 1 / 9, 9))
        cr = float(full.cr)
        basis = wording.consistency_basis(answered_pairs, n_groups * (n_groups - 1) // 2)
        if cr > CONSISTENCY_THRESHOLD:
            own = [r for r in full.revisit if result.answered[r.i, r.j]]
            for r in own[:3]:
                a, b = groups[r.i], groups[r.j]
                revisions.append(
                    Revision(
                        a=a,
                        b=b,
                        a_name=names[a],
                        b_name=names[b],
                        current=float(r.current),
                        suggested=float(r.suggested),
                        text=wording.revision(names[a], names[b], r.current, r.suggested),
                    )
                )
    return StakeholderWeighting(
        dict(zip(groups, result.weights.tolist(), strict=True)), cr, revisions, basis
    )


def next_judgment(library: CriteriaLibrary, weights: StakeholderWeights) -> tuple[str, str] | None:
    groups = library.group_ids()
    index = {g: i for i, g in enumerate(groups)}
    judgments = [
        (index[j.a], index[j.b], j.value)
        for j in weights.judgments
        if j.a in index and j.b in index and j.a != j.b
    ]
    pair = mcda.next_comparison(len(groups), judgments)
    if pair is None:
        return None
    return groups[pair[0]], groups[pair[1]]


def stakeholder_view(library: CriteriaLibrary, project: Project, sid: str) -> StakeholderView:
    """One stakeholder's group weights, consistency ratio and judgments to revisit."""
    weights = project.weights.get(sid, StakeholderWeights())
    result = stakeholder_weights(library, weights)
    person = next((s for s in project.stakeholders if s.id == sid), None)
    return StakeholderView(
        stakeholder_id=sid,
        name=person.name if person else sid,
        department=person.department if person else "",
        method=weights.method if result.weights else "none",
        group_weights=result.weights,
        consistency_ratio=result.consistency_ratio,
        consistency_threshold=CONSISTENCY_THRESHOLD,
        consistent=result.consistency_ratio is None
        or result.consistency_ratio <= CONSISTENCY_THRESHOLD,
        consistency_basis=result.basis,
        revisions=result.revisions,
    )


def group_view(library: CriteriaLibrary, project: Project) -> tuple[GroupView, dict[str, float]]:
    """Each stakeholder's weights, the aggregate, and where they disagree most.

    Disagreement is the distance, in points of weight, between the stakeholder who gives a
    group least and the one who gives it most: a 6%-vs-34% split comes before a 0%-vs-1% one.
    """
    groups = library.group_ids()
    names = {g.id: g.name for g in library.groups}
    views: list[StakeholderView] = []
    vectors: list[list[float]] = []
    labels: list[str] = []
    ids = [s.id for s in project.stakeholders] + [
        sid for sid in project.weights if sid not in project.stakeholder_ids()
    ]
    for sid in ids:
        view = stakeholder_view(library, project, sid)
        views.append(view)
        if view.group_weights:
            vectors.append([view.group_weights[g] for g in groups])
            labels.append(wording.person(view.name, view.department))
    left_out = [v.name for v in views if not v.group_weights]
    if not vectors:
        equal = {g: 1 / len(groups) for g in groups} if groups else {}
        return GroupView(
            stakeholders=views,
            aggregate=equal,
            aggregation=wording.aggregation_none(),
            left_out=left_out,
        ), equal
    table = np.array(vectors)
    aggregate = table.mean(axis=0)
    aggregate = aggregate / aggregate.sum()
    disagreements: list[Disagreement] = []
    if len(vectors) >= 2:
        spread = table.max(axis=0) - table.min(axis=0)
        for j in np.argsort(-spread, kind="stable"):
            if spread[j] <= 0:
                continue
            lo, hi = int(np.argmin(table[:, j])), int(np.argmax(table[:, j]))
            disagreements.append(
                Disagreement(
                    group_id=groups[j],
                    name=names[groups[j]],
                    spread=float(spread[j]),
                    lowest_name=labels[lo],
                    lowest=float(table[lo, j]),
                    highest_name=labels[hi],
                    highest=float(table[hi, j]),
                    text=wording.disagreement(
                        names[groups[j]], labels[lo], table[lo, j], labels[hi], table[hi, j]
                    ),
                )
            )
    aggregate_map = dict(zip(groups, aggregate.tolist(), strict=True))
    return GroupView(
        stakeholders=views,
        aggregate=aggregate_map,
        aggregation=wording.aggregation(labels, left_out),
        left_out=left_out,
        disagreements=disagreements,
    ), aggregate_map


def weigh(
    library: CriteriaLibrary,
    project: Project,
    fired: list[FiredRule],
    given: dict[str, Answer],
    questions: dict[str, Question],
) -> Weighting:
    view, aggregate = group_view(library, project)
    defaults_used = not any(v.group_weights for v in view.stakeholders)
    traces: dict[str, list[Trace]] = {c.id: [] for c in library.criteria()}
    group_moves: dict[str, list[Trace]] = {g: [] for g in library.group_ids()}
    group_factor = {g: 1.0 for g in library.group_ids()}
    criterion_factor = {c.id: 1.0 for c in library.criteria()}
    must_haves: dict[str, MustHave] = {}
    fact_musts: list[FactMust] = []
    knocked_out: dict[str, list[Trace]] = {}
    criteria = {c.id: c for c in library.criteria()}
    group_of = {c.id: g.id for g in library.groups for c in g.criteria}

    for fr in fired:
        rule = fr.rule
        source = cite(rule.source)
        for effect in rule.weights:
            trace = Trace(
                kind="rule",
                ref=rule.id,
                text=wording.weight_rule(effect.factor, fr.because, rule.explanation),
                source=source,
                because=fr.because,
            )
            if effect.target in group_factor:
                group_factor[effect.target] *= effect.factor
                group_moves[effect.target].append(trace)
                for c in library.groups[library.group_ids().index(effect.target)].criteria:
                    traces[c.id].append(trace)
            elif effect.target in criterion_factor:
                criterion_factor[effect.target] *= effect.factor
                traces[effect.target].append(trace)
                group_moves[group_of[effect.target]].append(trace)
        for must in rule.must_haves:
            criterion = criteria.get(must.criterion)
            derived = derive_threshold(must, given, questions)
            if criterion is None or derived is None:
                continue
            trace = Trace(
                kind="rule",
                ref=rule.id,
                text=wording.must_rule(
                    criterion.threshold_text(derived.threshold), derived.how, fr.because,
                    rule.explanation,
                ),
                source=source,
                because=fr.because,
            )
            _add_must(must_haves, criterion, derived.threshold, trace)
            traces[criterion.id].append(trace)
        for requirement in rule.facts:
            fact_musts.append(
                FactMust(
                    requirement,
                    Trace(kind="rule", ref=rule.id, text=rule.explanation, source=source,
                          because=fr.because),
                )
            )
        for ko in rule.knock_out:
            knocked_out.setdefault(ko.solution_type, []).append(
                Trace(kind="rule", ref=rule.id, text=rule.explanation, source=source,
                      because=fr.because)
            )

    people = {s.id: s.name for s in project.stakeholders}
    for must in project.must_haves:
        who = [people.get(p, p) for p in must.requested_by]
        fact_musts.append(
            FactMust(
                must,
                Trace(kind="requirement", ref=f"fact:{must.fact}",
                      text=wording.team_fact_must(who, must.note)),
            )
        )
    for system in project.systems:
        if system.connector_required:
            fact_musts.append(
                FactMust(
                    FactRequirement(fact="integrations", includes=[system.name],
                                    not_evidenced="exclude"),
                    Trace(kind="requirement", ref="fact:integrations",
                          text=wording.connector_must(system.name)),
                )
            )

    agreed_raw: dict[str, float] = {}
    raw: dict[str, float] = {}
    for group in library.groups:
        factors = {}
        for c in group.criteria:
            req = project.requirements.get(c.id)
            priority = req.priority if req else DEFAULT_PRIORITY
            factors[c.id] = PRIORITY_FACTOR[priority]
            if req:
                who = [people.get(p, p) for p in req.requested_by]
                traces[c.id].append(
                    Trace(kind="requirement", ref=c.id,
                          text=wording.priority(priority, who, req.note))
                )
                if priority == "must" and req.threshold is not None:
                    trace = Trace(
                        kind="requirement",
                        ref=c.id,
                        text=wording.team_must(c.threshold_text(req.threshold), who),
                    )
                    _add_must(must_haves, c, req.threshold, trace)
        total = sum(factors.values())
        gw = aggregate.get(group.id, 0.0)
        for c in group.criteria:
            share = factors[c.id] / total if total > 0 else 0.0
            agreed_raw[c.id] = gw * share
            raw[c.id] = gw * group_factor[group.id] * share * criterion_factor[c.id]
    weights = _normalised(raw, traces)
    agreed = _normalised(agreed_raw, None)
    source = wording.weight_source(defaults_used)
    for group in library.groups:
        for c in group.criteria:
            traces[c.id].insert(
                0,
                Trace(
                    kind="stakeholder",
                    ref=group.id,
                    text=wording.group_share(group.name, aggregate.get(group.id, 0.0), source),
                ),
            )
    return Weighting(
        aggregate, weights, agreed, traces, group_moves, must_haves, fact_musts, knocked_out,
        view, defaults_used,
    )


def _normalised(raw: dict[str, float], traces: dict[str, list[Trace]] | None) -> dict[str, float]:
    total = sum(raw.values())
    if total <= 0 or not math.isfinite(total):
        if traces is not None:
            for cid in traces:
                traces[cid].append(
                    Trace(kind="default", ref=cid, text=wording.all_weights_zero())
                )
        return {cid: 1.0 / len(raw) for cid in raw} if raw else {}
    return {cid: v / total for cid, v in raw.items()}


def _add_must(
    must_haves: dict[str, MustHave], criterion: Criterion, threshold: float, trace: Trace
) -> None:
    """Keep the stricter threshold when several sources set a must-have on one criterion."""
    current = must_haves.get(criterion.id)
    if current is None:
        must_haves[criterion.id] = MustHave(criterion.id, threshold, [trace])
        return
    stricter = (max if criterion.direction == "benefit" else min)(current.threshold, threshold)
    current.threshold = stricter
    current.traces.append(trace)
