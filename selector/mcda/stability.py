"""How far can each weight move before the recommended alternative changes?

For criterion j the weight is moved from its current value to any t in [0, 1] while the other
weights keep their proportions and are rescaled to sum to 1 - t:

    w(t) = t · e_j + (1 - t) · r_j,   r_j = the other weights rescaled to sum to 1.

(If criterion j currently has all the weight, the others share 1 - t equally.) The answer is an
interval [low, high] around the current weight in which the current winner stays first, plus who
takes first place just outside it.

For the weighted sum and PROMETHEE II the scores are linear in the weights, so along this path
every score is a straight line in t and the interval ends are exact line crossings. TOPSIS is not
linear: it is scanned on a grid of t and each change of first place is refined by bisection, so a
lead that is lost and regained between two grid points can be missed (the grid has 1,000 steps by
default, far finer than any weight a user states).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    FloatArray,
    IntArray,
    check_matrix,
    check_positive_int,
    check_types,
    check_weights,
)
from ._scoring import Basis, Scorer
from .ranking import order_rows


@dataclass(frozen=True)
class StabilityIntervals:
    """Per-criterion weight ranges that keep ``winner`` first.

    ``low[j]``..``high[j]`` is the range of criterion j's weight (others rescaled
    proportionally) over which ``winner`` scores at least as high as every other alternative.
    ``takes_first_below[j]`` is the alternative that is first just below ``low[j]`` and
    ``takes_first_above[j]`` the one just above ``high[j]``; -1 means first place never changes
    on that side (the range reaches 0 or 1). ``exact`` is True for the closed-form methods.
    """

    winner: int
    weights: FloatArray
    low: FloatArray
    high: FloatArray
    takes_first_below: IntArray
    takes_first_above: IntArray
    exact: bool


def path_weights(weights: FloatArray, j: int, t: FloatArray) -> FloatArray:
    """(len(t), n) weight vectors on the proportional path of criterion j."""
    n = weights.shape[0]
    rest = weights.copy()
    rest[j] = 0.0
    total = rest.sum()
    if total > 0:
        rest /= total
    else:
        rest[:] = 1.0 / (n - 1)
        rest[j] = 0.0
    out = np.outer(1.0 - t, rest)
    out[:, j] += t
    return out


def _exact_interval(
    scores_at_0: FloatArray, scores_at_1: FloatArray, winner: int, t0: float
) -> tuple[float, float, int, int]:
    """Interval from straight lines f_i(t) = b_i + t (a_i - b_i)."""
    b, slope = scores_at_0, scores_at_1 - scores_at_0
    d0 = b[winner] - b
    d1 = slope[winner] - slope
    low, high, below, above = 0.0, 1.0, -1, -1
    others = np.flatnonzero(np.arange(b.shape[0]) != winner)
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = -d0 / d1
    falling = others[d1[others] < 0]  # the gap shrinks as t grows: an upper limit
    if falling.size:
        t_up = np.maximum(cross[falling], t0)
        high = float(min(1.0, t_up.min()))
        if high < 1.0:
            at = falling[np.isclose(t_up, high, rtol=0.0, atol=1e-12)]
            # Just beyond `high` the fastest-rising of the tied challengers leads.
            above = int(at[np.lexsort((at, -slope[at]))[0]])
    rising = others[d1[others] > 0]  # the gap shrinks as t falls: a lower limit
    if rising.size:
        t_down = np.minimum(cross[rising], t0)
        low = float(max(0.0, t_down.max()))
        if low > 0.0:
            at = rising[np.isclose(t_down, low, rtol=0.0, atol=1e-12)]
            below = int(at[np.lexsort((at, slope[at]))[0]])
    return low, high, below, above


def _numeric_interval(
    scorer: Scorer, basis: Basis, weights: FloatArray, j: int, winner: int, grid_points: int
) -> tuple[float, float, int, int]:
    t0 = float(weights[j])

    def first(t: FloatArray) -> IntArray:
        return order_rows(scorer.score(basis, path_weights(weights, j, t)))[:, 0]

    grid = np.union1d(np.linspace(0.0, 1.0, grid_points), [t0])
    leaders = first(grid)
    g0 = int(np.searchsorted(grid, t0))
    bad = np.flatnonzero(leaders != winner)
    above_bad = bad[bad > g0]
    below_bad = bad[bad < g0]

    def refine(good: float, wrong: float) -> tuple[float, int]:
        for _ in range(60):
            mid = 0.5 * (good + wrong)
            if mid in (good, wrong):
                break
            if first(np.array([mid]))[0] == winner:
                good = mid
            else:
                wrong = mid
        return good, int(first(np.array([wrong]))[0])

    high, above = 1.0, -1
    if above_bad.size:
        g = int(above_bad[0])
        high, above = refine(float(grid[g - 1]), float(grid[g]))
    low, below = 0.0, -1
    if below_bad.size:
        g = int(below_bad[-1])
        low, below = refine(float(grid[g + 1]), float(grid[g]))
    return low, high, below, above


def stability_intervals(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    method: str = "weighted_sum",
    normalization: str | None = None,
    bounds: ArrayLike | None = None,
    functions: str | Sequence[str] | None = None,
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
    grid_points: int = 1001,
) -> StabilityIntervals:
    """Weight stability intervals of the current winner, one per criterion.

    ``method`` is "weighted_sum" (default normalisation "max"), "topsis" (default "vector") or
    "promethee_ii" (needs ``functions`` and thresholds as in `promethee_ii`). The winner is the
    alternative ranked first at the given weights (ties: lower index, as in `rank`).
    ``grid_points`` sets the TOPSIS scan resolution.
    """
    x = check_matrix(matrix)
    n = x.shape[1]
    t = check_types(types, n)
    w = check_weights(weights, n)
    grid_points = check_positive_int(grid_points, "grid_points", minimum=3)
    scorer = Scorer(
        method, t, normalization=normalization, bounds=bounds, functions=functions, q=q, p=p, s=s
    )
    basis = scorer.basis(x)
    winner = int(order_rows(scorer.score(basis, w[None, :]))[0, 0])
    low = np.zeros(n)
    high = np.ones(n)
    below = np.full(n, -1, dtype=np.int64)
    above = np.full(n, -1, dtype=np.int64)
    for j in range(n):
        if n == 1:
            low[j] = 1.0
            continue
        if scorer.linear:
            ends = scorer.score(basis, path_weights(w, j, np.array([0.0, 1.0])))
            result = _exact_interval(ends[0], ends[1], winner, float(w[j]))
        else:
            result = _numeric_interval(scorer, basis, w, j, winner, grid_points)
        low[j], high[j], below[j], above[j] = result
    return StabilityIntervals(winner, w, low, high, below, above, scorer.linear)
