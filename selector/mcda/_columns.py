"""Per-criterion maxima and minima of a decision matrix, computed at memory speed.

Every normalisation and TOPSIS's ideal need the largest and smallest value of each criterion.
``x.max(axis=0)`` on a C-ordered (alternatives × criteria) matrix walks it row by row with an
inner loop only ``n_criteria`` long, which for a few dozen criteria spends most of its time on
loop overhead (about 6× slower than the memory allows). Reshaping k consecutive rows into one
long row lets numpy reduce ``k · n_criteria`` values per inner loop; a second, tiny reduction
folds the k partial results. Maxima and minima are exact, so the result is bit for bit the
result of ``x.max(axis=-2)``, NaN included (a NaN anywhere in a column makes its max and min
NaN, which the callers use as their "is every value finite?" check).
"""

from __future__ import annotations

import numpy as np

from ._checks import FloatArray

#: Values per inner loop of the first reduction; longer rows gain nothing measurable.
_ROW_LENGTH = 1024


def _reduce_columns(x: FloatArray, ufunc: np.ufunc) -> FloatArray:
    """``ufunc.reduce`` over axis -2 of a (..., m, n) array, k rows at a time."""
    m, n = x.shape[-2], x.shape[-1]
    k = _ROW_LENGTH // max(n, 1)
    blocks = m // k if k >= 2 else 0
    if blocks < 2 or not x.flags.c_contiguous:
        return ufunc.reduce(x, axis=-2)
    lead = x.shape[:-2]
    head = x[..., : blocks * k, :].reshape(*lead, blocks, k * n)
    out = ufunc.reduce(ufunc.reduce(head, axis=-2).reshape(*lead, k, n), axis=-2)
    if blocks * k < m:
        out = ufunc(out, ufunc.reduce(x[..., blocks * k :, :], axis=-2))
    return out


def column_max(x: FloatArray) -> FloatArray:
    """Largest value of each criterion of a (..., m, n) array: shape (..., n)."""
    return _reduce_columns(x, np.maximum)


def column_min(x: FloatArray) -> FloatArray:
    """Smallest value of each criterion of a (..., m, n) array: shape (..., n)."""
    return _reduce_columns(x, np.minimum)
