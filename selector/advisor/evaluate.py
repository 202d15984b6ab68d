"""Score candidates: screen must-haves first, then the weighted sum on declared scales.

A weighted sum never lets a vendor that fails a knock-out win: screening happens before any
scoring, and excluded candidates are listed with the exact reason, not hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from selector import mcda
from selector.advisor.matrix import CandidateMatrix
from selector.advisor.weighting import MustHave, Weighting, threshold_text
from selector.domain.criteria import FIRST_CLASS_NEEDS, CriteriaLibrary, Criterion, OrdinalScale
from selector.domain.recommendation import Contribution, MustHaveFailure, Trace

BALANCE_WEIGHT = 1.5  # a criterion is "important" above 1.5× the average weight
BALANCE_VALUE = 0.2  # and "failing badly" below 20% of its scale


@dataclass(frozen=True)
class Evaluation:
    scores: np.ndarray  # weighted sum, 0..1
    passing: np.ndarray  # bool per candidate
    failures: list[list[MustHaveFailure]]
    ranks: list[int | None]  # 1 = best among passing
    contributions: list[list[Contribution]]
    group_contributions: list[dict[str, float]]
    need_profiles: list[dict[str, float]]
    balance: list[str]
    shortfalls: list[list[MustHaveFailure]]  # must-haves missed without exclusion (types)


def describe_value(criterion: Criterion, raw: float) -> str:
    if isinstance(criterion.scale, OrdinalScale):
        return f"level {raw:g}"
    return f"{raw:g} {criterion.scale.unit}"


def evaluate(
    library: CriteriaLibrary,
    matrix: CandidateMatrix,
    weighting: Weighting,
    extra_failures: list[list[MustHaveFailure]] | None = None,
    *,
    soft_must_haves: bool = False,
) -> Evaluation:
    """Screen, then score. With `soft_must_haves` (solution types, whose values are only
    typical), a missed must-have is reported as a shortfall instead of excluding the candidate:
    a kind of solution that typically falls short may still have vendors that pass."""
    criteria = library.criteria()
    ids = [c.id for c in criteria]
    weights = np.array([weighting.criterion_weights[c] for c in ids])
    n_candidates = len(matrix.ids)
    thresholds = np.full(len(ids), np.nan)
    types = np.array([1 if c.direction == "benefit" else -1 for c in criteria])
    for j, cid in enumerate(ids):
        if cid in weighting.must_haves:
            thresholds[j] = weighting.must_haves[cid].threshold
    failures: list[list[MustHaveFailure]] = [
        list(extra_failures[i]) if extra_failures else [] for i in range(n_candidates)
    ]
    shortfalls: list[list[MustHaveFailure]] = [[] for _ in range(n_candidates)]
    missed = shortfalls if soft_must_haves else failures
    if n_candidates:
        fails = mcda.screen(matrix.raw, thresholds, types=types)
        for i, j in zip(*np.nonzero(fails), strict=True):
            must: MustHave = weighting.must_haves[ids[j]]
            c = criteria[j]
            missed[i].append(
                MustHaveFailure(
                    criterion_id=c.id,
                    criterion_name=c.name,
                    required=threshold_text(c, must.threshold),
                    actual=describe_value(c, float(matrix.raw[i, j])),
                    reason=f"{c.name}: needs {threshold_text(c, must.threshold)}, has "
                    f"{describe_value(c, float(matrix.raw[i, j]))}",
                    set_by=list(must.traces),
                )
            )
    passing = np.array([not f for f in failures], dtype=bool)
    if n_candidates:
        scores = mcda.weighted_sum(
            matrix.values,
            weights,
            np.ones(len(ids)),
            normalization="scale",
            bounds=np.tile([0.0, 1.0], (len(ids), 1)),
        )
    else:
        scores = np.zeros(0)
    ranks: list[int | None] = [None] * n_candidates
    # A kind of solution that typically misses a must-have ranks below those that meet them.
    order = sorted(
        (i for i in range(n_candidates) if passing[i]),
        key=lambda i: (bool(shortfalls[i]), -scores[i], i),
    )
    for position, i in enumerate(order, start=1):
        ranks[int(i)] = position

    groups = {c.id: library.group_of(c.id).id for c in criteria}
    contributions: list[list[Contribution]] = []
    group_contribs: list[dict[str, float]] = []
    profiles: list[dict[str, float]] = []
    balance: list[str] = []
    mean_weight = 1 / len(ids) if ids else 0
    for i in range(n_candidates):
        row = []
        per_group: dict[str, float] = {g.id: 0.0 for g in library.groups}
        for j, c in enumerate(criteria):
            cell = matrix.cells[i][j]
            contrib = float(weights[j] * matrix.values[i, j])
            per_group[groups[c.id]] += contrib
            row.append(
                Contribution(
                    criterion_id=c.id,
                    group_id=groups[c.id],
                    raw_value=cell.raw,
                    value=float(matrix.values[i, j]),
                    weight=float(weights[j]),
                    contribution=contrib,
                    overridden=cell.overridden,
                    evidence=cell.evidence,
                    source=cell.source,
                    confidence=cell.confidence,
                )
            )
        contributions.append(row)
        group_contribs.append(per_group)
        profile = {}
        for need in FIRST_CLASS_NEEDS:
            cols = [j for j, c in enumerate(criteria) if need in c.tags]
            profile[need] = float(np.mean(matrix.values[i, cols])) if cols else 0.0
        profiles.append(profile)
        weak = [
            j
            for j, _ in enumerate(criteria)
            if weights[j] >= BALANCE_WEIGHT * mean_weight and matrix.values[i, j] <= BALANCE_VALUE
        ]
        if weak and ranks[i] is not None and ranks[i] <= 3:
            names = ", ".join(
                f"{criteria[j].name} ({describe_value(criteria[j], float(matrix.raw[i, j]))}, "
                f"{weights[j]:.0%} of the weight)"
                for j in weak[:3]
            )
            balance.append(f"Scores well on average but is weak where it matters: {names}.")
        else:
            balance.append("")
    return Evaluation(
        scores,
        passing,
        failures,
        ranks,
        contributions,
        group_contribs,
        profiles,
        balance,
        shortfalls,
    )


def knock_out_failures(
    solution_types: list[str], knocked: dict[str, list[Trace]], names: dict[str, str]
) -> list[MustHaveFailure]:
    """Failures for a candidate whose every delivery type is ruled out by the answers."""
    if not solution_types or not all(t in knocked for t in solution_types):
        return []
    out = []
    for t in solution_types:
        for trace in knocked[t]:
            out.append(
                MustHaveFailure(
                    criterion_id="solution_type",
                    criterion_name="Kind of solution",
                    required="a kind of solution your answers allow",
                    actual=f"{names.get(t, t)}, which they rule out",
                    reason=f"{names.get(t, t)} is ruled out by your answers "
                    f"({trace.because}): {trace.text}",
                    set_by=[trace],
                )
            )
    return out
