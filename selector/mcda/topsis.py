"""TOPSIS: rank alternatives by how close they are to an ideal and far from an anti-ideal.

Closeness is d⁻ / (d⁺ + d⁻), where d⁺ and d⁻ are the weighted Euclidean distances to the best and
worst value seen on every criterion (Hwang & Yoon, 1981). The normalised matrix is oriented so
that higher is better, so the ideal is the column maximum and the anti-ideal the column minimum.
For the "vector" normalisation this gives exactly the textbook result: flipping a cost column as
1 - r leaves every distance unchanged.

Implementation notes. Since weights are non-negative, the weighted ideal is w_j · max_i r_ij, so
d⁺² = Σ_j w_j² (r_ij - max_i r_ij)². Precomputing the squared gaps once turns the distances for
any number of weight vectors into one matrix product, which is what makes SMAA fast. For a single
weight vector, `topsis` goes further: each normalisation is r = (z - origin) / divisor (or 1 minus
that), so r_ij - r_best,j = ±(z_ij - z_best,j) / divisor_j and the distances are computed on the
values themselves with weights w_j / divisor_j, without building the normalised matrix.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import FloatArray, check_table, check_types, check_weights
from ._columns import column_max, column_min
from .normalization import checked_extremes, column_map


def squared_gaps(normalized: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(r - column max)² and (r - column min)² for a (..., m, n) higher-is-better matrix."""
    gap_best = normalized - column_max(normalized)[..., None, :]
    gap_worst = normalized - column_min(normalized)[..., None, :]
    np.square(gap_best, out=gap_best)
    np.square(gap_worst, out=gap_worst)
    return gap_best, gap_worst


def closeness(d_best_sq: FloatArray, d_worst_sq: FloatArray) -> FloatArray:
    """d⁻ / (d⁺ + d⁻) from squared distances.

    When an alternative is at zero distance from both the ideal and the anti-ideal (every
    alternative is identical on every weighted criterion, e.g. a single alternative), it is as
    close to one as to the other: closeness 0.5, never NaN.
    """
    d_best = np.sqrt(d_best_sq)
    d_worst = np.sqrt(d_worst_sq)
    total = d_best + d_worst
    apart = total > 0
    if apart.all():
        return np.divide(d_worst, total, out=d_worst)
    out = np.full_like(total, 0.5)
    np.divide(d_worst, total, out=out, where=apart)
    return out


#: Values per block of rows when measuring distances: the scratch block stays in cache, and
#: no scratch array the size of the matrix is allocated (and page-faulted) on every call.
_BLOCK_VALUES = 1 << 17


def _squared_distances(
    z: FloatArray, best: FloatArray, worst: FloatArray, u2: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Σ_j u2_j (z_ij - best_j)² and the same to ``worst``, for each row of z."""
    m, n = z.shape
    rows = max(1, _BLOCK_VALUES // n)
    d_best, d_worst = np.empty(m), np.empty(m)
    scratch = np.empty((min(m, rows), n))
    for start in range(0, m, rows):
        block = z[start : start + rows]
        gap = scratch[: block.shape[0]]
        for target, out in ((best, d_best), (worst, d_worst)):
            np.subtract(block, target, out=gap)
            np.square(gap, out=gap)
            np.matmul(gap, u2, out=out[start : start + rows])
    return d_best, d_worst


def topsis(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    normalization: str = "vector",
    bounds: ArrayLike | None = None,
) -> FloatArray:
    """Closeness coefficient of each alternative to the ideal solution, in [0, 1].

    1 means best on every criterion that carries weight, 0 worst on every one. The default
    "vector" normalisation is Hwang & Yoon's; "scale" with ``bounds`` avoids rank reversal from
    the normalisation step (the ideal itself still depends on which alternatives are present).

    >>> topsis([[3, 100], [1, 300], [2, 200]], [1, 1], [1, -1]).round(3).tolist()
    [1.0, 0.0, 0.5]
    """
    x = check_table(matrix)
    extremes = checked_extremes(x)
    n = x.shape[1]
    t = check_types(types, n)
    w = check_weights(weights, n)
    cmap = column_map(x, t, normalization, bounds, extremes)
    u = w / cmap.divisor
    u2 = u * u
    best, worst = cmap.ideals()
    rc = cmap.reciprocal
    d_best_sq, d_worst_sq = _squared_distances(x, best, worst, np.where(rc, 0.0, u2))
    if rc.any():
        z = x[:, rc]
        more = _squared_distances(np.reciprocal(z, out=z), best[rc], worst[rc], u2[rc])
        d_best_sq += more[0]
        d_worst_sq += more[1]
    return closeness(d_best_sq, d_worst_sq)
