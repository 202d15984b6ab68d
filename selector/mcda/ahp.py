"""AHP: criterion weights from pairwise judgments ("how much more important is A than B?").

A team rarely states weights directly with confidence, but can answer "price matters 3 times as
much as reporting". Saaty's Analytic Hierarchy Process turns a reciprocal matrix of such answers
(on his 1/9..9 scale) into weights, and measures how consistent the answers are:

* weights: the principal (Perron) eigenvector of the matrix, positive and summing to 1;
* λ_max: its eigenvalue, equal to n only for perfectly consistent answers;
* CI = (λ_max - n) / (n - 1); CR = CI / RI(n), where RI(n) is the mean CI of random matrices.
  CR > 0.10 is Saaty's threshold for "revisit your judgments".

The random index table is pinned to Saaty's published values for n = 1..15 (T. L. Saaty, *The
Analytic Hierarchy Process*, McGraw-Hill, 1980, for n <= 10 — 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32,
1.41, 1.45, 1.49 — and Saaty's extension to n = 11..15 — 1.51, 1.48, 1.56, 1.57, 1.59 — as
reprinted in T. L. Saaty & L. G. Vargas, *Models, Methods, Concepts & Applications of the Analytic
Hierarchy Process*, 2nd ed., Springer, 2012). Other tables (Alonso & Lamata, Noble, ...) give
slightly different CRs; pinning one keeps results reproducible and comparable with Saaty's
examples. Larger matrices are rejected: split the criteria into a hierarchy instead.

Also here: weights from an incomplete set of judgments (logarithmic least squares over the
comparison graph, so a team does not have to answer all n(n-1)/2 questions), a suggestion of the
most useful next question, and group aggregation (AIJ, AIP) with a disagreement measure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import BoolArray, FloatArray, as_float_array, first_bad_cell

RI_TABLE_NAME = "Saaty (1980), n = 1..15"
SAATY_RI: tuple[float, ...] = (
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
)
CONSISTENCY_THRESHOLD = 0.10
SAATY_SCALE: FloatArray = np.array(
    [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    dtype=np.float64,
)
#: Relative slack when checking a_ij · a_ji = 1 and the 1/9..9 range, so that judgments typed
#: as rounded decimals (0.33 for 1/3, 0.17 for 1/6) are accepted.
TOLERANCE = 0.05
_LOW, _HIGH = 1 / 9 * (1 - TOLERANCE), 9 * (1 + TOLERANCE)

Judgment = tuple[int, int, float]


@dataclass(frozen=True)
class Revision:
    """One judgment worth revisiting: the team said ``current``, consistency suggests ``suggested``.

    ``consistent`` is the exact ratio w_i / w_j implied by the final weights; ``suggested`` is
    the nearest value on Saaty's 1/9..9 scale (so it can be offered as an answer);
    ``contribution`` = |ln(a_ij · w_j / w_i)| is how far the judgment is from the weights.
    """

    i: int
    j: int
    current: float
    suggested: float
    consistent: float
    contribution: float


@dataclass(frozen=True)
class AHPResult:
    """Weights and consistency diagnostics of one pairwise comparison matrix."""

    weights: FloatArray
    lambda_max: float
    ci: float
    cr: float
    ri: float
    ri_table: str
    revisit: tuple[Revision, ...]

    @property
    def consistent(self) -> bool:
        """Saaty's rule: CR <= 0.10 is acceptable."""
        return self.cr <= CONSISTENCY_THRESHOLD


@dataclass(frozen=True)
class IncompleteAHPResult:
    """Weights from incomplete judgments.

    ``completed`` is the full reciprocal matrix with each unanswered cell filled by w_i / w_j;
    ``answered`` marks the cells the team actually judged.
    """

    weights: FloatArray
    completed: FloatArray
    answered: BoolArray


def _check_judgment_value(value: float, where: str) -> None:
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"judgment {where} must be a positive number; got {value}.")
    if not _LOW <= value <= _HIGH:
        raise ValueError(
            f"judgment {where} is {value:g}, outside Saaty's scale 1/9..9; "
            "use 9 for 'extremely more important' and 1/9 for the reverse."
        )


def check_pairwise(pairwise: ArrayLike, name: str = "pairwise") -> FloatArray:
    """Validate a reciprocal pairwise matrix and return it exactly reciprocal.

    Small rounding in typed reciprocals is repaired by replacing a_ij with sqrt(a_ij / a_ji),
    the geometric mean of the two answers for the same pair.
    """
    a = as_float_array(pairwise, name)
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise ValueError(f"{name} must be a square matrix (n × n); got shape {a.shape}.")
    n = a.shape[0]
    if n == 0:
        raise ValueError(f"{name} is empty; compare at least one criterion.")
    if n > len(SAATY_RI):
        raise ValueError(
            f"{name} is {n} × {n}, but Saaty's random index table covers at most "
            f"{len(SAATY_RI)} items; group the criteria into a hierarchy of smaller sets."
        )
    cell = first_bad_cell(a)
    if cell is not None:
        i, j = cell
        raise ValueError(f"{name} has a missing or infinite value at row {i}, column {j}.")
    bad = np.argwhere(a <= 0)
    if bad.size:
        i, j = (int(k) for k in bad[0])
        raise ValueError(f"{name} must be positive; row {i}, column {j} has {a[i, j]}.")
    for i in range(n):
        if abs(a[i, i] - 1.0) > 1e-9:
            raise ValueError(
                f"{name} must have 1 on the diagonal (an item is as important as itself); "
                f"row {i}, column {i} has {a[i, i]}."
            )
    product = a * a.T
    bad = np.argwhere(np.abs(product - 1.0) > TOLERANCE)
    if bad.size:
        i, j = (int(k) for k in bad[0])
        raise ValueError(
            f"{name} is not reciprocal: row {i}, column {j} is {a[i, j]:g} but row {j}, "
            f"column {i} is {a[j, i]:g}; it should be {1 / a[i, j]:g}."
        )
    for i in range(n):
        for j in range(n):
            if i != j:
                _check_judgment_value(float(a[i, j]), f"at row {i}, column {j}")
    return np.sqrt(a / a.T)


def _principal_eigen(a: FloatArray) -> tuple[FloatArray, float]:
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    v = np.abs(vectors[:, k].real)
    return v / v.sum(), float(values[k].real)


def nearest_saaty_value(ratio: float) -> float:
    """The value on Saaty's 1/9..9 scale closest to ``ratio`` (compared on a log scale)."""
    k = int(np.argmin(np.abs(np.log(SAATY_SCALE) - np.log(ratio))))
    return float(SAATY_SCALE[k])


def ahp(pairwise: ArrayLike) -> AHPResult:
    """Weights and consistency of a reciprocal pairwise comparison matrix.

    ``pairwise[i, j]`` says how much more important item i is than item j (1/9..9, diagonal 1,
    ``pairwise[j, i] == 1 / pairwise[i, j]``). When CR > 0.10, ``revisit`` lists the judgments
    (upper triangle, i < j) from most to least inconsistent with the weights, each with the Saaty
    value that would agree with them.

    >>> result = ahp([[1, 3], [1 / 3, 1]])
    >>> result.weights.round(2).tolist(), result.cr
    ([0.75, 0.25], 0.0)
    """
    a = check_pairwise(pairwise)
    n = a.shape[0]
    if n == 1:
        return AHPResult(np.ones(1), 1.0, 0.0, 0.0, 0.0, RI_TABLE_NAME, ())
    weights, lam = _principal_eigen(a)
    ci = max(0.0, (lam - n) / (n - 1))
    ri = SAATY_RI[n - 1]
    cr = ci / ri if ri > 0 else 0.0
    revisit: tuple[Revision, ...] = ()
    if cr > CONSISTENCY_THRESHOLD:
        rows = []
        for i in range(n):
            for j in range(i + 1, n):
                ratio = float(weights[i] / weights[j])
                contribution = abs(float(np.log(a[i, j] / ratio)))
                rows.append(
                    Revision(i, j, float(a[i, j]), nearest_saaty_value(ratio), ratio, contribution)
                )
        rows.sort(key=lambda r: (-r.contribution, r.i, r.j))
        revisit = tuple(rows)
    return AHPResult(weights, lam, ci, cr, ri, RI_TABLE_NAME, revisit)


def _check_judgments(n: int, judgments: Sequence[Judgment]) -> list[Judgment]:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n (number of items compared) must be a positive integer; got {n!r}.")
    checked: list[Judgment] = []
    for k, item in enumerate(judgments):
        try:
            i, j, value = item
        except (TypeError, ValueError):
            raise ValueError(
                f"judgment {k} must be a triple (i, j, value); got {item!r}."
            ) from None
        if not all(isinstance(v, int | np.integer) and not isinstance(v, bool) for v in (i, j)):
            raise ValueError(f"judgment {k}: i and j must be item indices; got ({i!r}, {j!r}).")
        if not (0 <= i < n and 0 <= j < n):
            raise ValueError(f"judgment {k} compares items ({i}, {j}); valid items are 0..{n - 1}.")
        if i == j:
            raise ValueError(f"judgment {k} compares item {i} with itself.")
        _check_judgment_value(float(value), f"{k} ({i} vs {j})")
        checked.append((int(i), int(j), float(value)))
    return checked


def _components(n: int, pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the comparison graph, each sorted, ordered by smallest member."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    return sorted(groups.values(), key=lambda g: g[0])


def ahp_incomplete(n: int, judgments: Sequence[Judgment]) -> IncompleteAHPResult:
    """Weights of n items from an incomplete list of judgments ``(i, j, a_ij)``.

    Uses the logarithmic least squares method: minimise Σ (ln w_i - ln w_j - ln a_ij)² over the
    answered pairs. With a complete matrix this equals the row geometric mean; with missing pairs
    it uses every indirect path (i > k > j) in the comparison graph. Weights are only defined
    when that graph is connected, otherwise the error names the items that cannot be reached
    from item 0 (ask `next_comparison` which question connects them). A pair answered twice
    (either direction) counts as two observations.

    >>> ahp_incomplete(3, [(0, 1, 2), (1, 2, 2)]).weights.round(3).tolist()
    [0.571, 0.286, 0.143]
    """
    checked = _check_judgments(n, judgments)
    components = _components(n, [(i, j) for i, j, _ in checked])
    if len(components) > 1:
        unreachable = [x for g in components[1:] for x in g]
        raise ValueError(
            f"the judgments do not connect all {n} items: items {unreachable} cannot be compared "
            "with item 0, directly or through other items; add a judgment linking them "
            "(see next_comparison)."
        )
    if n == 1:
        return IncompleteAHPResult(np.ones(1), np.ones((1, 1)), np.ones((1, 1), dtype=bool))
    design = np.zeros((len(checked) + 1, n))
    rhs = np.zeros(len(checked) + 1)
    for row, (i, j, value) in enumerate(checked):
        design[row, i] = 1.0
        design[row, j] = -1.0
        rhs[row] = np.log(value)
    design[-1, :] = 1.0  # fixes the free scale: Σ ln w = 0
    log_w = np.linalg.lstsq(design, rhs, rcond=None)[0]
    weights = np.exp(log_w - log_w.max())
    weights /= weights.sum()
    completed = weights[:, None] / weights[None, :]
    answered = np.eye(n, dtype=bool)
    log_sum = np.zeros((n, n))
    count = np.zeros((n, n))
    for i, j, value in checked:
        log_sum[i, j] += np.log(value)
        log_sum[j, i] -= np.log(value)
        count[i, j] += 1
        count[j, i] += 1
    asked = count > 0
    completed[asked] = np.exp(log_sum[asked] / count[asked])
    answered |= asked
    return IncompleteAHPResult(weights, completed, answered)


def next_comparison(n: int, judgments: Sequence[Judgment]) -> tuple[int, int] | None:
    """The pair (i, j), i < j, the team should judge next; None when every pair is answered.

    While the comparison graph is disconnected, the question links the component holding item 0
    to the next component (using the least-compared item of each), because until then no weights
    exist. Once connected, it picks the unanswered pair whose log-ratio is least determined by the
    answers so far: under the least-squares model the variance of ln(w_i / w_j) is proportional to
    the effective resistance between i and j in the comparison graph, which is large when i and j
    are joined only by few, long paths. Ties go to the lexicographically smallest pair.
    """
    checked = _check_judgments(n, judgments)
    degree = np.zeros(n, dtype=np.int64)
    laplacian = np.zeros((n, n))
    answered: set[tuple[int, int]] = set()
    for i, j, _ in checked:
        degree[i] += 1
        degree[j] += 1
        laplacian[i, i] += 1
        laplacian[j, j] += 1
        laplacian[i, j] -= 1
        laplacian[j, i] -= 1
        answered.add((min(i, j), max(i, j)))
    if len(answered) == n * (n - 1) // 2:
        return None
    components = _components(n, list(answered))
    if len(components) > 1:
        first = min(components[0], key=lambda x: (degree[x], x))
        second = min(components[1], key=lambda x: (degree[x], x))
        return (min(first, second), max(first, second))
    pinv = np.linalg.pinv(laplacian)
    diag = np.diag(pinv)
    resistance = diag[:, None] + diag[None, :] - 2.0 * pinv
    best: tuple[int, int] | None = None
    best_value = -np.inf
    for i in range(n):
        for j in range(i + 1, n):
            if (i, j) in answered:
                continue
            if resistance[i, j] > best_value + 1e-9:
                best, best_value = (i, j), float(resistance[i, j])
    return best


def _member_weights(member_weights: ArrayLike | None, k: int) -> FloatArray:
    if member_weights is None:
        return np.full(k, 1.0 / k)
    lam = as_float_array(member_weights, "member_weights")
    if lam.shape != (k,):
        raise ValueError(f"member_weights must have one value per member: expected ({k},), "
                         f"got {lam.shape}.")
    if first_bad_cell(lam) is not None or (lam < 0).any():
        raise ValueError("member_weights must be finite and non-negative.")
    if lam.sum() <= 0:
        raise ValueError("member_weights are all zero; at least one member must count.")
    return lam / lam.sum()


def aggregate_judgments(
    pairwise_matrices: Sequence[ArrayLike], member_weights: ArrayLike | None = None
) -> FloatArray:
    """Group matrix by the (weighted) geometric mean of each judgment (AIJ).

    The geometric mean is the aggregation that keeps the result reciprocal and on the 1/9..9
    scale, and it satisfies Aczél & Saaty's (1983) unanimity and homogeneity conditions. Feed
    the result to `ahp`.
    """
    if len(pairwise_matrices) == 0:
        raise ValueError("aggregate_judgments needs at least one pairwise matrix.")
    mats = [check_pairwise(a, f"pairwise matrix {k}") for k, a in enumerate(pairwise_matrices)]
    shape = mats[0].shape
    for k, a in enumerate(mats):
        if a.shape != shape:
            raise ValueError(
                f"all members must compare the same items: matrix 0 is {shape}, "
                f"matrix {k} is {a.shape}."
            )
    lam = _member_weights(member_weights, len(mats))
    logs = np.stack([np.log(a) for a in mats])
    return np.exp(np.tensordot(lam, logs, axes=1))


def _weight_rows(weight_vectors: Sequence[ArrayLike] | ArrayLike) -> FloatArray:
    rows = as_float_array(weight_vectors, "weight_vectors")
    if rows.ndim != 2 or rows.shape[0] == 0 or rows.shape[1] == 0:
        raise ValueError(
            "weight_vectors must be a (members × criteria) table with one weight vector per "
            f"member; got shape {rows.shape}."
        )
    cell = first_bad_cell(rows)
    if cell is not None:
        raise ValueError(
            f"weight_vectors has a missing or infinite value for member {cell[0]}, "
            f"criterion {cell[1]}."
        )
    bad = np.argwhere(rows < 0)
    if bad.size:
        k, j = (int(v) for v in bad[0])
        raise ValueError(f"member {k} gives criterion {j} a negative weight ({rows[k, j]}).")
    totals = rows.sum(axis=1)
    zero = np.flatnonzero(totals <= 0)
    if zero.size:
        raise ValueError(f"member {int(zero[0])} gives every criterion zero weight.")
    return rows / totals[:, None]


def aggregate_priorities(
    weight_vectors: Sequence[ArrayLike] | ArrayLike, member_weights: ArrayLike | None = None
) -> FloatArray:
    """Group weights by the (weighted) geometric mean of each member's priorities (AIP).

    Each member's vector is first rescaled to sum to 1 and the result is renormalised to sum to
    1. A criterion that any member weighs at exactly zero gets zero (the geometric mean respects
    a veto); if that happens for every criterion, a ValueError explains it.
    """
    rows = _weight_rows(weight_vectors)
    lam = _member_weights(member_weights, rows.shape[0])
    with np.errstate(divide="ignore"):
        logs = np.log(rows)
    zero = (rows == 0).any(axis=0)
    safe = np.where(np.isfinite(logs), logs, 0.0)
    group = np.exp(lam @ safe)
    group[zero] = 0.0
    if group.sum() <= 0:
        raise ValueError(
            "every criterion gets zero weight from at least one member, so the geometric mean "
            "is zero everywhere; use aggregate_judgments or ask members to revise."
        )
    return group / group.sum()


def disagreement(weight_vectors: Sequence[ArrayLike] | ArrayLike) -> FloatArray:
    """How much stakeholders disagree on each criterion: the coefficient of variation.

    For each criterion, the population standard deviation of the members' weights (each vector
    rescaled to sum to 1) divided by their mean. It is 0 when everyone agrees and is comparable
    across criteria of very different importance (a 0.05 spread matters more on a 0.10 weight
    than on a 0.40 one). A criterion everyone weighs at zero has disagreement 0.
    """
    rows = _weight_rows(weight_vectors)
    mean = rows.mean(axis=0)
    std = rows.std(axis=0)
    out = np.zeros_like(mean)
    np.divide(std, mean, out=out, where=mean > 0)
    return out
