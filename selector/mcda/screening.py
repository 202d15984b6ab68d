"""Must-haves: knock out alternatives before any scoring.

A compensatory method (weighted sum, TOPSIS, ...) lets a strong score on one criterion make up for
a weak one. That is wrong for must-haves: a CRM without the required data residency must not win
because it is cheap. Screening answers "which alternative fails which must-have" so those can be
removed (or shown as disqualified) before ranking.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import BoolArray, as_float_array, check_matrix, check_types


def screen(
    matrix: ArrayLike, thresholds: ArrayLike, *, types: ArrayLike | None = None
) -> BoolArray:
    """Boolean (alternatives × criteria) array, True where an alternative fails a must-have.

    ``thresholds`` has one entry per criterion: NaN means "no must-have on this criterion";
    otherwise it is the minimum acceptable value for a benefit criterion and the maximum
    acceptable value for a cost criterion (``types`` = -1). A value exactly at the threshold
    passes. Without ``types`` every criterion is a benefit.

    >>> screen([[3, 100], [1, 300]], [2, 200], types=[1, -1]).tolist()
    [[False, False], [True, True]]
    """
    x = check_matrix(matrix)
    n = x.shape[1]
    t = check_types(np.ones(n) if types is None else types, n)
    th = as_float_array(thresholds, "thresholds")
    if th.shape != (n,):
        raise ValueError(
            f"thresholds must have shape ({n},) (one per criterion, NaN = no must-have); "
            f"got {th.shape}."
        )
    inf = np.flatnonzero(np.isinf(th))
    if inf.size:
        raise ValueError(
            f"threshold for criterion {int(inf[0])} is infinite; use NaN for 'no must-have'."
        )
    active = ~np.isnan(th)
    limit = np.where(active, th, 0.0)
    too_low = (t > 0) & (x < limit)
    too_high = (t < 0) & (x > limit)
    return (too_low | too_high) & active


def passes(fails: ArrayLike) -> BoolArray:
    """Alternatives that meet every must-have: ``~fails.any(axis=1)`` for `screen`'s result."""
    f = np.asarray(fails, dtype=bool)
    if f.ndim != 2:
        raise ValueError(
            f"passes expects the (alternatives × criteria) array from screen; got shape {f.shape}."
        )
    return ~f.any(axis=1)
