"""From stakeholders' group weights, requirements and rules to one weight per criterion.

Stakeholders weight the criteria groups (a dozen questions, not forty); requirements share a
group's weight among its criteria (must 3 : should 2 : could 1 : won't 0); rules fired by the
context answers multiply a criterion or a group. Every step leaves a Trace, so each final
weight can be explained back to the answer, rule or stakeholder that set it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from selector import mcda
from selector.advisor.answers import FiredRule
from selector.advisor.sources import cite
from selector.domain.criteria import CriteriaLibrary, Criterion, OrdinalScale
from selector.domain.project import Project, StakeholderWeights
from selector.domain.recommendation import Disagreement, GroupView, StakeholderView, Trace

PRIORITY_FACTOR = {"must": 3.0, "should": 2.0, "could": 1.0, "wont": 0.0}
DEFAULT_PRIORITY = "should"


@dataclass
class MustHave:
    criterion_id: str
    threshold: float
    traces: list[Trace] = field(default_factory=list)


@dataclass
class Weighting:
    group_weights: dict[str, float]
    criterion_weights: dict[str, float]
    traces: dict[str, list[Trace]]
    must_haves: dict[str, MustHave]
    knocked_out: dict[str, list[Trace]]  # solution type id -> why
    group_view: GroupView
    defaults_used: bool


def stakeholder_weights(
    library: CriteriaLibrary, weights: StakeholderWeights
) -> tuple[dict[str, float], float | None, list[str], str]:
    """(group weights summing to 1, consistency ratio or None, judgments to revisit in words,
    what the consistency ratio rests on).

    Returns empty weights while the judgments do not yet connect every group, so a half-done
    pairwise session shows "not enough answers yet" rather than invented numbers.
    """
    groups = library.group_ids()
    names = {g.id: g.name for g in library.groups}
    if weights.method == "points":
        points = np.array([max(weights.points.get(g, 0.0), 0.0) for g in groups])
        if points.sum() <= 0:
            return {}, None, [], ""
        return dict(zip(groups, (points / points.sum()).tolist(), strict=True)), None, [], ""
    index = {g: i for i, g in enumerate(groups)}
    judgments = [
        (index[j.a], index[j.b], j.value)
        for j in weights.judgments
        if j.a in index and j.b in index and j.a != j.b
    ]
    if not judgments:
        return {}, None, [], ""
    try:
        result = mcda.ahp_incomplete(len(groups), judgments)
    except ValueError:
        return {}, None, [], ""
    vector = result.weights
    cr: float | None = None
    revisit: list[str] = []
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
        total = n_groups * (n_groups - 1) // 2
        basis = (
            "all comparisons"
            if answered_pairs == total
            else f"estimated from {answered_pairs} of {total} comparisons"
        )
        if cr > 0.10:
            own = [r for r in full.revisit if result.answered[r.i, r.j]]
            for r in own[:3]:
                a, b = names[groups[r.i]], names[groups[r.j]]
                revisit.append(
                    f"{a} vs {b}: you said {_ratio(r.current)}; consistent with your other "
                    f"answers would be about {_ratio(r.suggested)}"
                )
    return dict(zip(groups, vector.tolist(), strict=True)), cr, revisit, basis


def _ratio(value: float) -> str:
    if value >= 1:
        return f"{value:g}× as important"
    return f"1/{1 / value:.0f} as important"


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
    vector, cr, revisit, basis = stakeholder_weights(library, weights)
    person = next((s for s in project.stakeholders if s.id == sid), None)
    return StakeholderView(
        stakeholder_id=sid,
        name=person.name if person else sid,
        department=person.department if person else "",
        method=weights.method if vector else "none",
        group_weights=vector,
        consistency_ratio=cr,
        consistency_basis=basis,
        revisit=revisit,
    )


def group_view(library: CriteriaLibrary, project: Project) -> tuple[GroupView, dict[str, float]]:
    """Each stakeholder's weights, the aggregate, and where they disagree most."""
    groups = library.group_ids()
    names = {g.id: g.name for g in library.groups}
    views: list[StakeholderView] = []
    vectors: list[list[float]] = []
    labels: list[str] = []
    for sid in project.weights:
        view = stakeholder_view(library, project, sid)
        views.append(view)
        if view.group_weights:
            vectors.append([view.group_weights[g] for g in groups])
            dept = f" ({view.department})" if view.department else ""
            labels.append(f"{view.name}{dept}")
    if not vectors:
        equal = {g: 1 / len(groups) for g in groups} if groups else {}
        return GroupView(
            stakeholders=views,
            aggregate=equal,
            aggregation="No stakeholder has weighted the groups yet: all groups count equally.",
        ), equal
    table = np.array(vectors)
    aggregate = table.mean(axis=0)
    aggregate = aggregate / aggregate.sum()
    disagreements: list[Disagreement] = []
    if len(vectors) >= 2:
        spread = mcda.disagreement(table)
        for j in np.argsort(-spread, kind="stable"):
            lo, hi = int(np.argmin(table[:, j])), int(np.argmax(table[:, j]))
            disagreements.append(
                Disagreement(
                    group_id=groups[j],
                    name=names[groups[j]],
                    spread=float(spread[j]),
                    lowest=f"{labels[lo]}: {table[lo, j]:.0%}",
                    highest=f"{labels[hi]}: {table[hi, j]:.0%}",
                )
            )
    how = (
        "Arithmetic mean of the stakeholders' normalised group weights: each stakeholder "
        "counts equally, and one person's zero lowers a group without vetoing it."
    )
    if len(vectors) == 1:
        how = f"Only {labels[0]} has weighted the groups so far; their weights are used."
    aggregate_map = dict(zip(groups, aggregate.tolist(), strict=True))
    return GroupView(
        stakeholders=views, aggregate=aggregate_map, aggregation=how, disagreements=disagreements
    ), aggregate_map


def threshold_text(criterion: Criterion, threshold: float) -> str:
    if isinstance(criterion.scale, OrdinalScale):
        bound = "at least" if criterion.direction == "benefit" else "at most"
        return f"{bound} level {threshold:g}"
    bound = "at least" if criterion.direction == "benefit" else "at most"
    return f"{bound} {threshold:g} {criterion.scale.unit}"


def weigh(library: CriteriaLibrary, project: Project, fired: list[FiredRule]) -> Weighting:
    view, aggregate = group_view(library, project)
    defaults_used = not any(v.group_weights for v in view.stakeholders)
    traces: dict[str, list[Trace]] = {c.id: [] for c in library.criteria()}
    group_factor = {g: 1.0 for g in library.group_ids()}
    criterion_factor = {c.id: 1.0 for c in library.criteria()}
    must_haves: dict[str, MustHave] = {}
    knocked_out: dict[str, list[Trace]] = {}
    criteria = {c.id: c for c in library.criteria()}

    for fr in fired:
        rule = fr.rule
        for effect in rule.weights:
            text = f"Weight ×{effect.factor:g} because {fr.because} ({rule.explanation})"
            trace = Trace(kind="rule", ref=rule.id, text=text, source=cite(rule.source))
            if effect.target in group_factor:
                group_factor[effect.target] *= effect.factor
                for c in library.groups[library.group_ids().index(effect.target)].criteria:
                    traces[c.id].append(trace)
            elif effect.target in criterion_factor:
                criterion_factor[effect.target] *= effect.factor
                traces[effect.target].append(trace)
        for must in rule.must_haves:
            criterion = criteria.get(must.criterion)
            if criterion is None:
                continue
            trace = Trace(
                kind="rule",
                ref=rule.id,
                text=f"Must-have {threshold_text(criterion, must.threshold)} because "
                f"{fr.because} ({rule.explanation})",
                source=cite(rule.source),
            )
            _add_must(must_haves, criterion, must.threshold, trace)
            traces[criterion.id].append(trace)
        for ko in rule.knock_out:
            knocked_out.setdefault(ko.solution_type, []).append(
                Trace(
                    kind="rule",
                    ref=rule.id,
                    text=rule.explanation,
                    source=cite(rule.source),
                    because=fr.because,
                )
            )

    people = {s.id: s.name for s in project.stakeholders}
    raw: dict[str, float] = {}
    for group in library.groups:
        factors = {}
        for c in group.criteria:
            req = project.requirements.get(c.id)
            priority = req.priority if req else DEFAULT_PRIORITY
            factors[c.id] = PRIORITY_FACTOR[priority]
            if req:
                who = ", ".join(people.get(p, p) for p in req.requested_by)
                traces[c.id].append(
                    Trace(
                        kind="requirement",
                        ref=c.id,
                        text=f"Priority '{priority}'"
                        + (f", asked for by {who}" if who else "")
                        + (f": {req.note}" if req.note else ""),
                    )
                )
                if priority == "must" and req.threshold is not None:
                    trace = Trace(
                        kind="requirement",
                        ref=c.id,
                        text=f"Must-have {threshold_text(c, req.threshold)}"
                        + (f", asked for by {who}" if who else ""),
                    )
                    _add_must(must_haves, c, req.threshold, trace)
        total = sum(factors.values())
        gw = aggregate.get(group.id, 0.0) * group_factor[group.id]
        for c in group.criteria:
            share = factors[c.id] / total if total > 0 else 0.0
            raw[c.id] = gw * share * criterion_factor[c.id]
    total = sum(raw.values())
    if total <= 0 or not math.isfinite(total):
        raw = {cid: 1.0 for cid in raw}
        total = float(len(raw))
        for cid in traces:
            traces[cid].append(
                Trace(
                    kind="default",
                    ref=cid,
                    text="Every weight was zero, so all criteria count equally.",
                )
            )
    weights = {cid: v / total for cid, v in raw.items()}
    source = (
        "the stakeholders' aggregate"
        if not defaults_used
        else "equal group weights (no stakeholder has weighted yet)"
    )
    for group in library.groups:
        for c in group.criteria:
            traces[c.id].insert(
                0,
                Trace(
                    kind="stakeholder",
                    ref=group.id,
                    text=f"Group '{group.name}' has {aggregate.get(group.id, 0.0):.0%} of the "
                    "weight "
                    f"in {source}",
                ),
            )
    return Weighting(aggregate, weights, traces, must_haves, knocked_out, view, defaults_used)


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
