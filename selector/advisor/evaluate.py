"""Score candidates: screen must-haves first, then the weighted sum on declared scales.

A weighted sum never lets a candidate that fails a knock-out win: screening happens before any
scoring, and excluded candidates are listed with the exact reason, not hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from selector import mcda
from selector.advisor import wording
from selector.advisor.matrix import CandidateMatrix
from selector.advisor.weighting import Weighting
from selector.domain.criteria import FIRST_CLASS_NEEDS, CriteriaLibrary
from selector.domain.recommendation import Contribution, MustHaveFailure, Trace

BALANCE_WEIGHT = 1.5  # a criterion is "important" above 1.5× the average weight
BALANCE_VALUE = 0.2  # and "failing badly" below 20% of its scale


@dataclass(frozen=True)
class Evaluation:
    scores: np.ndarray  # weighted sum, 0..1
    passing: np.ndarray  # bool per candidate
    failures: list[list[MustHaveFailure]]
    ranks: list[int | None]  # 1 = best among passing
    contributions: np.ndarray  # candidates × criteria: weight × value
    weights: np.ndarray  # per criterion
    group_contributions: list[dict[str, float]]
    need_profiles: list[dict[str, float]]
    balance: list[str]
    shortfalls: list[list[MustHaveFailure]]  # must-haves missed without exclusion (types)


def threshold_failures(
    library: CriteriaLibrary, matrix: CandidateMatrix, weighting: Weighting
) -> list[list[MustHaveFailure]]:
    """Each candidate's missed must-have lines on the criteria's own scales."""
    criteria = library.criteria()
    ids = [c.id for c in criteria]
    out: list[list[MustHaveFailure]] = [[] for _ in matrix.ids]
    if not matrix.ids:
        return out
    thresholds = np.full(len(ids), np.nan)
    types = np.array([1 if c.direction == "benefit" else -1 for c in criteria])
    for j, cid in enumerate(ids):
        if cid in weighting.must_haves:
            thresholds[j] = weighting.must_haves[cid].threshold
    fails = mcda.screen(matrix.raw, thresholds, types=types)
    for i, j in zip(*np.nonzero(fails), strict=True):
        must = weighting.must_haves[ids[j]]
        c = criteria[j]
        required = c.threshold_text(must.threshold)
        actual = c.describe(float(matrix.raw[i, j]))
        out[i].append(
            MustHaveFailure(
                kind="threshold",
                criterion_id=c.id,
                criterion_name=c.name,
                required=required,
                actual=actual,
                reason=wording.threshold_failure(c.name, required, actual),
                set_by=list(must.traces),
            )
        )
    return out


def evaluate(
    library: CriteriaLibrary,
    matrix: CandidateMatrix,
    weighting: Weighting,
    failures: list[list[MustHaveFailure]],
    shortfalls: list[list[MustHaveFailure]],
) -> Evaluation:
    """Score and rank. Candidates with `failures` are excluded; `shortfalls` (must-haves a
    kind of solution typically misses) rank it below those that miss fewer."""
    criteria = library.criteria()
    ids = [c.id for c in criteria]
    weights = np.array([weighting.criterion_weights[c] for c in ids])
    n = len(matrix.ids)
    passing = np.array([not f for f in failures], dtype=bool)
    if n:
        scores = mcda.weighted_sum(
            matrix.values,
            weights,
            np.ones(len(ids)),
            normalization="scale",
            bounds=np.tile([0.0, 1.0], (len(ids), 1)),
        )
    else:
        scores = np.zeros(0)
    ranks: list[int | None] = [None] * n
    order = sorted(
        (i for i in range(n) if passing[i]),
        key=lambda i: (len(shortfalls[i]), -scores[i], i),
    )
    for position, i in enumerate(order, start=1):
        ranks[int(i)] = position

    contributions = matrix.values * weights
    groups = library.groups
    group_cols = [[ids.index(c.id) for c in g.criteria] for g in groups]
    by_group = np.stack([contributions[:, cols].sum(axis=1) for cols in group_cols], axis=1) if (
        n and groups
    ) else np.zeros((n, len(groups)))
    need_cols = {
        need: [j for j, c in enumerate(criteria) if need in c.tags] for need in FIRST_CLASS_NEEDS
    }
    needs = {
        need: matrix.values[:, cols].mean(axis=1) if cols else np.zeros(n)
        for need, cols in need_cols.items()
    }
    mean_weight = 1 / len(ids) if ids else 0
    important = weights >= BALANCE_WEIGHT * mean_weight
    balance: list[str] = []
    for i in range(n):
        weak = np.flatnonzero(important & (matrix.values[i] <= BALANCE_VALUE))
        if len(weak) and ranks[i] is not None and ranks[i] <= 3:
            named = [
                (criteria[j].name, criteria[j].describe(float(matrix.raw[i, j])), weights[j])
                for j in weak[:3]
            ]
            balance.append(wording.balance_warning(named))
        else:
            balance.append("")
    return Evaluation(
        scores,
        passing,
        failures,
        ranks,
        contributions,
        weights,
        [
            {g.id: float(by_group[i, k]) for k, g in enumerate(groups)}
            for i in range(n)
        ],
        [{need: float(v[i]) for need, v in needs.items()} for i in range(n)],
        balance,
        shortfalls,
    )


def contribution_rows(
    library: CriteriaLibrary, matrix: CandidateMatrix, ev: Evaluation, i: int
) -> list[Contribution]:
    """One candidate's contributions with the evidence behind each value (built on demand:
    a large catalog would otherwise spend most of its time here)."""
    criteria = library.criteria()
    group_of = {c.id: g.id for g in library.groups for c in g.criteria}
    out = []
    for j, c in enumerate(criteria):
        cell = matrix.cell(i, j)
        out.append(
            Contribution.model_construct(
                criterion_id=c.id,
                group_id=group_of[c.id],
                raw_value=cell.raw,
                value_text=c.describe(cell.raw),
                value=float(matrix.values[i, j]),
                weight=float(ev.weights[j]),
                contribution=float(ev.contributions[i, j]),
                overridden=cell.overridden,
                computed=cell.computed,
                evidence=cell.evidence,
                source=cell.source,
                source_title=cell.source_title,
                source_kind=cell.source_kind,
                observed=cell.observed,
                confidence=cell.confidence,
                judgement=cell.judgement,
                vendor_claim=cell.vendor_claim,
                verified=cell.verified,
            )
        )
    return out


def knock_out_failures(
    solution_types: list[str], knocked: dict[str, list[Trace]], names: dict[str, str]
) -> list[MustHaveFailure]:
    """Failures for a candidate whose every delivery type is ruled out by the answers."""
    if not solution_types or not all(t in knocked for t in solution_types):
        return []
    out = []
    for t in solution_types:
        for trace in knocked[t]:
            name = names.get(t, t)
            out.append(
                MustHaveFailure(
                    kind="solution_type",
                    criterion_id="solution_type",
                    criterion_name="Kind of solution",
                    required="a kind of solution your answers allow",
                    actual=wording.ruled_out_kind(name),
                    reason=wording.knock_out(name, trace.because, trace.text),
                    set_by=[trace],
                )
            )
    return out
