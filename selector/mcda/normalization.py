"""Normalisation: put criteria measured in euros, days and 1-5 ratings on one footing.

Every method returns a matrix in which *higher is better* on every criterion, so later steps never
need to know the direction again. The choice matters: "max", "minmax", "vector" and "sum" depend on
which alternatives are in the table, so adding or removing a vendor can reorder the others (rank
reversal). "scale" uses each criterion's declared scale instead and never does that, which is why
the advisor uses it by default.

=========  =========================  ===========================  ==========================
method     benefit                    cost                         divides by zero when
=========  =========================  ===========================  ==========================
"max"      x / max                    min / x                      max <= 0 / a value <= 0
"minmax"   (x - min) / (max - min)    (max - x) / (max - min)      the column is constant
"vector"   x / ||x||                  1 - x / ||x||                the column is all zero
"sum"      x / sum(x)                 (1/x) / sum(1/x)             a value <= 0
"scale"    (x - low) / (high - low)   (high - x) / (high - low)    never (low < high checked)
=========  =========================  ===========================  ==========================

"max" and "sum" are ratio scales and are only meaningful for positive values, so they reject
zero or negative entries where they would divide by them.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    FloatArray,
    check_bounds,
    check_matrix,
    check_method,
    check_types,
    check_within_bounds,
)

NORMALIZATIONS: tuple[str, ...] = ("max", "minmax", "vector", "sum", "scale")


def _first_column(mask: np.ndarray) -> int:
    """First criterion index flagged in a (..., n) boolean mask."""
    return int(np.flatnonzero(mask.reshape(-1, mask.shape[-1]).any(axis=0))[0])


def prepare_normalization(
    x: FloatArray, types: FloatArray, method: str, bounds: ArrayLike | None
) -> FloatArray | None:
    """Validate a method against a (..., m, n) matrix; return checked bounds for "scale"."""
    check_method(method, NORMALIZATIONS, "normalization")
    n = x.shape[-1]
    cost = types < 0
    if method == "scale":
        b = check_bounds(bounds, n)
        check_within_bounds(x.reshape(-1, n), b)
        return b
    if method == "max":
        colmax = x.max(axis=-2)
        bad = ~cost & (colmax <= 0)
        if bad.any():
            j = _first_column(bad)
            raise ValueError(
                f'normalization "max" divides by the largest value of column {j}, which is '
                "not positive; use \"minmax\" or \"scale\" for this criterion."
            )
        bad = cost & (x <= 0).any(axis=-2)
        if bad.any():
            j = _first_column(bad)
            raise ValueError(
                f'normalization "max" computes min/x for cost column {j}, which has a value '
                '<= 0 (division by zero); use "minmax" or "scale".'
            )
    elif method == "minmax":
        bad = x.max(axis=-2) == x.min(axis=-2)
        if bad.any():
            j = _first_column(bad)
            raise ValueError(
                f'normalization "minmax" divides by the range of column {j}, but every '
                'alternative has the same value there; drop that criterion or use "scale".'
            )
    elif method == "vector":
        bad = ~(x != 0).any(axis=-2)
        if bad.any():
            j = _first_column(bad)
            raise ValueError(
                f'normalization "vector" divides by the length of column {j}, which is all '
                'zeros; drop that criterion or use "scale".'
            )
    elif method == "sum":
        bad = (x <= 0).any(axis=-2)
        if bad.any():
            j = _first_column(bad)
            raise ValueError(
                f'normalization "sum" needs strictly positive values, column {j} has a value '
                '<= 0; use "minmax" or "scale".'
            )
    return None


def normalize_unchecked(
    x: FloatArray, types: FloatArray, method: str, bounds: FloatArray | None
) -> FloatArray:
    """Normalise a (..., m, n) array over the alternatives axis; inputs already validated."""
    cost = types < 0
    any_cost = bool(cost.any())
    if method == "max":
        out = x / x.max(axis=-2, keepdims=True)
        if any_cost:
            xc = x[..., cost]
            out[..., cost] = xc.min(axis=-2, keepdims=True) / xc
        return out
    if method == "minmax":
        lo = x.min(axis=-2, keepdims=True)
        span = x.max(axis=-2, keepdims=True) - lo
        out = (x - lo) / span
        if any_cost:
            out[..., cost] = 1.0 - out[..., cost]
        return out
    if method == "vector":
        out = x / np.sqrt(np.einsum("...mn,...mn->...n", x, x))[..., None, :]
        if any_cost:
            out[..., cost] = 1.0 - out[..., cost]
        return out
    if method == "sum":
        out = np.empty_like(x)
        ben = ~cost
        xb = x[..., ben]
        out[..., ben] = xb / xb.sum(axis=-2, keepdims=True)
        if any_cost:
            inv = 1.0 / x[..., cost]
            out[..., cost] = inv / inv.sum(axis=-2, keepdims=True)
        return out
    assert bounds is not None  # "scale", guaranteed by prepare_normalization
    low, high = bounds[:, 0], bounds[:, 1]
    span = high - low
    out = (x - low) / span
    if any_cost:
        out[..., cost] = 1.0 - out[..., cost]
    return out


def normalize(
    matrix: ArrayLike,
    types: ArrayLike,
    method: str = "max",
    bounds: ArrayLike | None = None,
) -> FloatArray:
    """Normalise a decision matrix column by column so that higher is better everywhere.

    Parameters
    ----------
    matrix:
        (alternatives × criteria) values.
    types:
        +1 for a benefit criterion, -1 for a cost criterion, one per column.
    method:
        "max", "minmax", "vector", "sum" or "scale" (see the module docstring for formulas).
    bounds:
        Only for "scale": shape (n_criteria, 2), the (low, high) ends of each criterion's
        declared scale. Values must lie inside their scale.

    Raises
    ------
    ValueError
        Bad shapes, missing values, or a column the method would divide by zero on (named).
    """
    x = check_matrix(matrix)
    t = check_types(types, x.shape[1])
    b = prepare_normalization(x, t, method, bounds)
    return normalize_unchecked(x, t, method, b)
