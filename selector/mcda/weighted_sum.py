"""Weighted sum: the simplest compensatory method and the one users can check by hand.

Each criterion is normalised so that higher is better (see `normalization`), multiplied by its
weight, and summed. Because the score is linear in the weights, its sensitivity to weights can be
computed exactly (see `stability`).

Implementation note: normalisation is per criterion, r = (z - origin) / divisor (or 1 - that),
so Σ_j w_j r_ij = Σ_j v_j z_ij + constant with v_j = ±w_j / divisor_j. Folding the weights into
the columns this way scores the matrix with one matrix-vector product and never builds the
normalised matrix. Subtracting the constant afterwards loses accuracy when a criterion's origin
lies far from zero compared with its range (e.g. years 1990-2030); those criteria are shifted
first, so every score keeps its full precision.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import FloatArray, check_table, check_types, check_weights
from .normalization import checked_extremes, column_map

#: Fold a criterion's origin into the constant only while |origin| <= this many ranges:
#: at most 4 bits of the score's 53 are lost to the subtraction.
_FOLDED_ORIGIN = 16.0


def weighted_sum(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    normalization: str = "max",
    bounds: ArrayLike | None = None,
) -> FloatArray:
    """Score each alternative as the weighted sum of its normalised values (higher is better).

    Weights are rescaled to sum to 1, so with "max", "minmax" or "scale" every score lies in
    [0, 1]. Use ``normalization="scale"`` with ``bounds`` when vendors may be added or removed:
    it is the only normalisation under which that can never reorder the others.

    >>> weighted_sum([[3, 200], [4, 100]], [0.5, 0.5], [1, -1]).round(3).tolist()
    [0.625, 1.0]
    """
    x = check_table(matrix)
    extremes = checked_extremes(x)
    n = x.shape[1]
    t = check_types(types, n)
    w = check_weights(weights, n)
    cmap = column_map(x, t, normalization, bounds, extremes)
    v = w / cmap.divisor  # Σ_j w_j (z_ij - origin_j) / divisor_j = z @ v - origin @ v
    v[cmap.flipped] *= -1.0  # and 1 - r on flipped criteria adds w_j
    constant = float(w[cmap.flipped].sum())
    # Reciprocal criteria (z = 1/x) and criteria far from their origin are added separately.
    separate = cmap.reciprocal | (np.abs(cmap.origin) > _FOLDED_ORIGIN * cmap.divisor)
    folded = np.where(separate, 0.0, v) if separate.any() else v
    scores = x @ folded
    constant -= float(cmap.origin @ folded)
    rc = cmap.reciprocal
    if rc.any():
        z = x[:, rc]
        scores += np.reciprocal(z, out=z) @ v[rc]
    shifted = separate & ~rc
    if shifted.any():
        scores += (x[:, shifted] - cmap.origin[shifted]) @ v[shifted]
    if constant:
        scores += constant
    return scores
