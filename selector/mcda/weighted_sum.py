"""Weighted sum: the simplest compensatory method and the one users can check by hand.

Each criterion is normalised so that higher is better (see `normalization`), multiplied by its
weight, and summed. Because the score is linear in the weights, its sensitivity to weights can be
computed exactly (see `stability`).
"""

from __future__ import annotations

from numpy.typing import ArrayLike

from ._checks import FloatArray, check_matrix, check_types, check_weights
from .normalization import normalize_unchecked, prepare_normalization


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
    x = check_matrix(matrix)
    n = x.shape[1]
    t = check_types(types, n)
    w = check_weights(weights, n)
    b = prepare_normalization(x, t, normalization, bounds)
    return normalize_unchecked(x, t, normalization, b) @ w
