"""Normalisation: put criteria measured in euros, days and 1-5 ratings on one footing.

Every method returns a matrix in which *higher is better* on every criterion, so later steps never
need to know the direction again. The choice matters: "max", "minmax", "vector" and "sum" depend on
which alternatives are in the table, so adding or removing a vendor can reorder the others (rank
reversal). "scale" uses each criterion's declared scale instead and never does that, which is why
the advisor uses it by default.

=========  =========================  ===========================  ==========================
method     benefit                    cost                         divides by zero when
=========  =========================  ===========================  ==========================
"max"      x / max                    (1/x) / max(1/x) = min / x   max <= 0 / a value <= 0
"minmax"   (x - min) / (max - min)    1 - (x - min) / (max - min)  the column is constant
"vector"   x / ||x||                  1 - x / ||x||                the column is all zero
"sum"      x / sum(x)                 (1/x) / sum(1/x)             a value <= 0
"scale"    (x - low) / (high - low)   1 - (x - low) / (high - low) never (low < high checked)
=========  =========================  ===========================  ==========================

"max" and "sum" are ratio scales and are only meaningful for positive values, so they reject
zero or negative entries where they would divide by them.

Every row of the table has one shape, which `ColumnMap` records per criterion:
r = (z - origin) / divisor, flipped to 1 - r on some cost criteria, where z is the value or, on
the cost side of the ratio scales, its reciprocal. The weighted sum and TOPSIS fold that map into
their weights instead of building the normalised matrix, which is what makes them run at the
speed of one pass over the data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    BoolArray,
    FloatArray,
    check_bounds,
    check_finite,
    check_method,
    check_table,
    check_types,
    check_within_bounds,
)
from ._columns import column_max, column_min

NORMALIZATIONS: tuple[str, ...] = ("max", "minmax", "vector", "sum", "scale")


@dataclass(frozen=True)
class ColumnMap:
    """How one normalisation maps each criterion of one matrix onto "higher is better".

    The normalised value is r = (z - origin) / divisor, replaced by 1 - r on the ``flipped``
    criteria, where z is the value x itself or 1/x on the ``reciprocal`` criteria. ``origin``
    and ``divisor`` (> 0) have shape (..., n) for a (..., m, n) matrix; ``flipped`` and
    ``reciprocal`` have shape (n,). ``x_max``/``x_min`` are the extremes of x over the
    alternatives.
    """

    origin: FloatArray
    divisor: FloatArray
    flipped: BoolArray
    reciprocal: BoolArray
    x_max: FloatArray
    x_min: FloatArray

    def normalized(self, x: FloatArray) -> FloatArray:
        """The normalised (..., m, n) matrix, higher is better on every criterion."""
        divisor = self.divisor[..., None, :]
        rc = self.reciprocal
        if not (self.origin.any() or rc.any() or self.flipped.any()) and (divisor == 1).all():
            return x  # already on a 0..1 scale, higher is better: x / 1 would only copy it
        out = x / divisor if not self.origin.any() else (x - self.origin[..., None, :]) / divisor
        if rc.any():
            out[..., rc] = (1.0 / x[..., rc]) / divisor[..., rc]
        if self.flipped.any():
            out[..., self.flipped] = 1.0 - out[..., self.flipped]
        return out

    def ideals(self) -> tuple[FloatArray, FloatArray]:
        """z of TOPSIS's ideal and anti-ideal on each criterion.

        r rises with z unless the criterion is flipped, so the ideal is the largest z (the
        smallest if flipped). On reciprocal criteria 1/x is decreasing and correctly rounded,
        so the largest z is exactly 1/min(x).
        """
        z_max, z_min = self.x_max.copy(), self.x_min.copy()
        rc = self.reciprocal
        if rc.any():
            z_max[..., rc] = 1.0 / self.x_min[..., rc]
            z_min[..., rc] = 1.0 / self.x_max[..., rc]
        flipped = self.flipped
        return np.where(flipped, z_min, z_max), np.where(flipped, z_max, z_min)


def _first_column(mask: np.ndarray) -> int:
    """First criterion index flagged in a (..., n) boolean mask."""
    return int(np.flatnonzero(mask.reshape(-1, mask.shape[-1]).any(axis=0))[0])


def scale_map(types: FloatArray, bounds: ArrayLike | None) -> ColumnMap:
    """The "scale" map from the declared bounds alone, for tables already known to lie within
    them (SMAA's draws inside checked ranges): no pass over the columns is needed."""
    n = types.shape[-1]
    b = check_bounds(bounds, n)
    none = np.zeros(n, dtype=bool)
    return ColumnMap(b[:, 0], b[:, 1] - b[:, 0], types < 0, none, b[:, 1], b[:, 0])


def column_map(
    x: FloatArray,
    types: FloatArray,
    method: str,
    bounds: ArrayLike | None,
    extremes: tuple[FloatArray, FloatArray] | None = None,
) -> ColumnMap:
    """Validate ``method`` against a (..., m, n) matrix and work out its per-criterion map.

    ``extremes`` is (column max, column min) when the caller already has them (they are also
    its check that every value is finite). Raises ValueError naming the first criterion the
    method would divide by zero on, or the first value outside a declared scale.
    """
    check_method(method, NORMALIZATIONS, "normalization")
    n = x.shape[-1]
    cmax, cmin = extremes if extremes is not None else (column_max(x), column_min(x))
    cost = types < 0
    none = np.zeros(n, dtype=bool)
    zero = np.zeros_like(cmax)
    if method == "scale":
        b = check_bounds(bounds, n)
        if (cmin < b[:, 0]).any() or (cmax > b[:, 1]).any():
            check_within_bounds(x.reshape(-1, n), b)
        low = np.broadcast_to(b[:, 0], cmax.shape)
        span = np.broadcast_to(b[:, 1] - b[:, 0], cmax.shape)
        return ColumnMap(low, span, cost, none, cmax, cmin)
    if method == "minmax":
        span = cmax - cmin
        bad = span == 0
        if bad.any():
            j = _first_column(bad)
            raise ValueError(
                f'normalization "minmax" divides by the range of column {j}, but every '
                'alternative has the same value there; drop that criterion or use "scale".'
            )
        return ColumnMap(cmin, span, cost, none, cmax, cmin)
    if method == "vector":
        bad = (cmax == 0) & (cmin == 0)
        if bad.any():
            j = _first_column(bad)
            raise ValueError(
                f'normalization "vector" divides by the length of column {j}, which is all '
                'zeros; drop that criterion or use "scale".'
            )
        length = np.sqrt(np.einsum("...mn,...mn->...n", x, x))
        return ColumnMap(zero, length, cost, none, cmax, cmin)
    # The ratio scales: a cost criterion is scored on 1/x, which needs every x > 0.
    if method == "max":
        bad = ~cost & (cmax <= 0)
        if bad.any():
            j = _first_column(bad)
            raise ValueError(
                f'normalization "max" divides by the largest value of column {j}, which is '
                "not positive; use \"minmax\" or \"scale\" for this criterion."
            )
        bad = cost & (cmin <= 0)
        if bad.any():
            j = _first_column(bad)
            raise ValueError(
                f'normalization "max" computes min/x for cost column {j}, which has a value '
                '<= 0 (division by zero); use "minmax" or "scale".'
            )
        divisor = cmax.copy()
        divisor[..., cost] = 1.0 / cmin[..., cost]  # max(1/x) = 1/min(x), see ideals()
        return ColumnMap(zero, divisor, none, cost, cmax, cmin)
    bad = cmin <= 0  # "sum"
    if bad.any():
        j = _first_column(bad)
        raise ValueError(
            f'normalization "sum" needs strictly positive values, column {j} has a value '
            '<= 0; use "minmax" or "scale".'
        )
    total = x.sum(axis=-2)
    if cost.any():
        total[..., cost] = (1.0 / x[..., cost]).sum(axis=-2)
    return ColumnMap(zero, total, none, cost, cmax, cmin)


def checked_extremes(x: FloatArray, name: str = "matrix") -> tuple[FloatArray, FloatArray]:
    """(column max, column min) of a 2-D matrix, raising if any value is missing or infinite.

    A NaN makes its column's max and min NaN, +inf its max and -inf its min, so finite
    extremes prove a finite matrix without a separate pass over it.
    """
    cmax, cmin = column_max(x), column_min(x)
    if not (np.isfinite(cmax).all() and np.isfinite(cmin).all()):
        check_finite(x, name)
    return cmax, cmin


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
    x = check_table(matrix)
    extremes = checked_extremes(x)
    t = check_types(types, x.shape[1])
    return column_map(x, t, method, bounds, extremes).normalized(x)
