"""Input validation shared by every method of the decision engine.

Every public function calls these helpers before doing any arithmetic, so a user who passes a
wrong shape, a missing value or a meaningless weight gets a `ValueError` that says what is wrong
and where (row, column, cell) instead of a silent NaN three steps later.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


def first_bad_cell(values: NDArray[np.float64]) -> tuple[int, ...] | None:
    """Return the index of the first NaN or infinite entry, or None when all are finite."""
    finite = np.isfinite(values)
    if finite.all():
        return None
    return tuple(int(i) for i in np.argwhere(~finite)[0])


def as_float_array(values: ArrayLike, name: str) -> FloatArray:
    """Convert to a float64 array, turning conversion errors into a readable ValueError."""
    try:
        return np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must contain numbers only ({exc}).") from None


def check_table(matrix: ArrayLike, name: str = "matrix") -> FloatArray:
    """A decision matrix's shape: 2-D, at least one alternative and one criterion.

    Callers that compute each column's max and min anyway check finiteness from those (see
    `normalization.checked_extremes`) instead of a separate pass; everyone else uses
    `check_matrix`.
    """
    x = as_float_array(matrix, name)
    if x.ndim != 2:
        raise ValueError(
            f"{name} must be a 2-D array (alternatives × criteria); got {x.ndim}-D "
            f"with shape {x.shape}."
        )
    if x.shape[0] == 0 or x.shape[1] == 0:
        raise ValueError(
            f"{name} needs at least one alternative and one criterion; got shape {x.shape}."
        )
    return x


def check_finite(x: FloatArray, name: str = "matrix") -> None:
    """Raise for the first missing or infinite cell of a 2-D matrix, naming its row and column."""
    cell = first_bad_cell(x)
    if cell is not None:
        row, col = cell
        raise ValueError(
            f"{name} has a missing or infinite value ({x[row, col]}) at row {row}, "
            f"column {col}; fill it in or drop that alternative or criterion."
        )


def check_matrix(matrix: ArrayLike, name: str = "matrix") -> FloatArray:
    """A decision matrix: 2-D, at least one alternative and one criterion, all values finite."""
    x = check_table(matrix, name)
    check_finite(x, name)
    return x


def check_vector(values: ArrayLike, length: int, name: str) -> FloatArray:
    """A finite 1-D vector of a given length."""
    v = as_float_array(values, name)
    if v.shape != (length,):
        raise ValueError(f"{name} must have shape ({length},) (one per criterion); got {v.shape}.")
    cell = first_bad_cell(v)
    if cell is not None:
        raise ValueError(f"{name} has a missing or infinite value at position {cell[0]}.")
    return v


def check_types(types: ArrayLike, n_criteria: int) -> FloatArray:
    """Criterion directions: +1 benefit (more is better), -1 cost (less is better)."""
    t = check_vector(types, n_criteria, "types")
    if not (np.abs(t) == 1.0).all():
        j = int(np.flatnonzero(np.abs(t) != 1.0)[0])
        raise ValueError(
            f"types must be +1 (benefit) or -1 (cost); column {j} has {t[j]:g}."
        )
    return t


def check_weights(weights: ArrayLike, n_criteria: int, name: str = "weights") -> FloatArray:
    """Non-negative weights, not all zero, returned rescaled to sum to 1.

    Rescaling is harmless for every method here (all are invariant to a common factor on the
    weights) and lets users type weights as points out of 100 or as raw importance scores.
    """
    w = check_vector(weights, n_criteria, name)
    if (w < 0).any():
        j = int(np.flatnonzero(w < 0)[0])
        raise ValueError(f"{name} must not be negative; criterion {j} has weight {w[j]}.")
    total = float(w.sum())
    if total <= 0.0:
        raise ValueError(f"{name} are all zero; at least one criterion must matter.")
    return w / total


def check_bounds(
    bounds: ArrayLike | None, n_criteria: int, name: str = "bounds"
) -> FloatArray:
    """Per-criterion (low, high) declared scale: shape (n_criteria, 2), low < high."""
    if bounds is None:
        raise ValueError(
            f'normalization "scale" needs {name}: an array of shape ({n_criteria}, 2) '
            "with the (low, high) ends of each criterion's declared scale."
        )
    b = as_float_array(bounds, name)
    if b.shape != (n_criteria, 2):
        raise ValueError(f"{name} must have shape ({n_criteria}, 2); got {b.shape}.")
    cell = first_bad_cell(b)
    if cell is not None:
        raise ValueError(f"{name} has a missing or infinite value for criterion {cell[0]}.")
    bad = np.flatnonzero(b[:, 0] >= b[:, 1])
    if bad.size:
        j = int(bad[0])
        raise ValueError(
            f"{name} for criterion {j} must have low < high; got ({b[j, 0]}, {b[j, 1]})."
        )
    return b


def check_within_bounds(x: FloatArray, bounds: FloatArray, name: str = "matrix") -> None:
    """Values outside a criterion's declared scale would normalise outside [0, 1]."""
    outside = (x < bounds[:, 0]) | (x > bounds[:, 1])
    if outside.any():
        row, col = (int(i) for i in np.argwhere(outside)[0])
        raise ValueError(
            f"{name} value {x[row, col]} at row {row}, column {col} lies outside the declared "
            f"scale [{bounds[col, 0]}, {bounds[col, 1]}] of criterion {col}."
        )


def check_method(method: str, allowed: Sequence[str], what: str) -> str:
    if method not in allowed:
        options = ", ".join(f'"{m}"' for m in allowed)
        raise ValueError(f"unknown {what} {method!r}; choose one of {options}.")
    return method


def check_positive_int(value: int, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}; got {value!r}.")
    return int(value)
