"""PROMETHEE II: net outranking flows from pairwise preferences (Brans & Vincke, 1985).

For each criterion j and pair (a, b) the difference d = g_j(a) - g_j(b) is turned into a degree of
preference P_j(d) in [0, 1] by a preference function. Cost criteria are handled by direction only
(d is sign-flipped), never by taking 1/x, so a price difference of 1,000 € means the same whether
prices are high or low.

Preference functions (Brans, Vincke & Mareschal 1986), with q = indifference threshold,
p = preference threshold, s = Gaussian inflection point:

============  ==============================================================  ===========
name          P(d) for d > 0 (P = 0 for d <= 0)                               parameters
============  ==============================================================  ===========
"usual"       1                                                               -
"ushape"      0 if d <= q else 1                                              q
"vshape"      d / p if d <= p else 1                                          p
"level"       0 if d <= q, 1/2 if q < d <= p, 1 if d > p                      q, p
"linear"      0 if d <= q, (d - q) / (p - q) if q < d <= p, 1 if d > p        q, p
"gaussian"    1 - exp(-d² / (2 s²))                                           s
============  ==============================================================  ===========

The net flow of a is φ(a) = 1/(m-1) Σ_b [π(a, b) - π(b, a)] with π(a, b) = Σ_j w_j P_j(a, b).
Swapping the sums gives φ = Σ_j w_j φ_j, where φ_j is the single-criterion net flow. So the net
flow is linear in the weights: the engine computes φ_j once and reuses it for any weights
(sensitivity, SMAA), one m × m comparison per criterion at a time to keep memory at O(m²).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from ._checks import FloatArray, as_float_array, check_matrix, check_types, check_weights

PREFERENCE_FUNCTIONS: tuple[str, ...] = ("usual", "ushape", "vshape", "level", "linear", "gaussian")
_NEEDS_Q = frozenset({"ushape", "level", "linear"})
_NEEDS_P = frozenset({"vshape", "level", "linear"})
_NEEDS_S = frozenset({"gaussian"})


class PreferenceModel:
    """Validated preference functions and thresholds for every criterion."""

    __slots__ = ("functions", "q", "p", "s")

    def __init__(
        self,
        n_criteria: int,
        functions: str | Sequence[str],
        q: ArrayLike | None,
        p: ArrayLike | None,
        s: ArrayLike | None,
    ) -> None:
        funcs = [functions] * n_criteria if isinstance(functions, str) else list(functions)
        if len(funcs) != n_criteria:
            raise ValueError(
                f"functions must name one preference function per criterion: expected "
                f"{n_criteria}, got {len(funcs)}."
            )
        for j, f in enumerate(funcs):
            if f not in PREFERENCE_FUNCTIONS:
                options = ", ".join(f'"{name}"' for name in PREFERENCE_FUNCTIONS)
                raise ValueError(
                    f"unknown preference function {f!r} for criterion {j}; choose one of {options}."
                )
        self.functions: tuple[str, ...] = tuple(funcs)
        self.q = self._thresholds(q, "q", _NEEDS_Q, n_criteria, "indifference threshold")
        self.p = self._thresholds(p, "p", _NEEDS_P, n_criteria, "preference threshold")
        self.s = self._thresholds(s, "s", _NEEDS_S, n_criteria, "Gaussian parameter")
        for j, f in enumerate(self.functions):
            if f in _NEEDS_Q and self.q[j] < 0:
                raise ValueError(f"q for criterion {j} must be >= 0; got {self.q[j]}.")
            if f in _NEEDS_P and self.p[j] <= 0:
                raise ValueError(f"p for criterion {j} must be > 0; got {self.p[j]}.")
            if f in ("level", "linear") and self.p[j] <= self.q[j]:
                raise ValueError(
                    f'criterion {j} uses "{f}", which needs q < p; got q={self.q[j]}, '
                    f"p={self.p[j]}."
                )
            if f in _NEEDS_S and self.s[j] <= 0:
                raise ValueError(f"s for criterion {j} must be > 0; got {self.s[j]}.")

    def _thresholds(
        self,
        values: ArrayLike | None,
        name: str,
        needed_by: frozenset[str],
        n: int,
        meaning: str,
    ) -> FloatArray:
        users = [j for j, f in enumerate(self.functions) if f in needed_by]
        if values is None:
            if users:
                j = users[0]
                raise ValueError(
                    f'criterion {j} uses "{self.functions[j]}", which needs {name} '
                    f"({meaning}); pass {name}= as one value per criterion."
                )
            return np.zeros(n)
        v = as_float_array(values, name)
        if v.ndim == 0:
            v = np.full(n, float(v))
        if v.shape != (n,):
            raise ValueError(f"{name} must have shape ({n},) (one per criterion); got {v.shape}.")
        for j in users:
            if not np.isfinite(v[j]):
                raise ValueError(
                    f'{name} for criterion {j} ("{self.functions[j]}") is missing or infinite.'
                )
        return v

    def preference(self, j: int, d: FloatArray) -> FloatArray:
        """Degree of preference P_j(d) for an array of (direction-adjusted) differences."""
        f = self.functions[j]
        if f == "usual":
            return (d > 0).astype(np.float64)
        if f == "ushape":
            return (d > self.q[j]).astype(np.float64)
        if f == "vshape":
            return np.clip(d / self.p[j], 0.0, 1.0)
        if f == "level":
            return np.where(d > self.p[j], 1.0, np.where(d > self.q[j], 0.5, 0.0))
        if f == "linear":
            return np.clip((d - self.q[j]) / (self.p[j] - self.q[j]), 0.0, 1.0)
        s = self.s[j]
        return np.where(d > 0, -np.expm1(-(d * d) / (2.0 * s * s)), 0.0)

    def unicriterion_flows(self, x: FloatArray, types: FloatArray) -> FloatArray:
        """Single-criterion net flows φ_j for a (..., m, n) matrix; shape (..., m, n)."""
        m = x.shape[-2]
        out = np.zeros(x.shape, dtype=np.float64)
        if m < 2:
            return out
        for j in range(x.shape[-1]):
            col = x[..., j] * types[j]
            d = col[..., :, None] - col[..., None, :]
            pref = self.preference(j, d)
            # Σ_b P(a, b) - Σ_b P(b, a): row sums minus column sums of the preference matrix.
            out[..., j] = (pref.sum(axis=-1) - pref.sum(axis=-2)) / (m - 1)
        return out


def promethee_ii(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    functions: str | Sequence[str],
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
) -> FloatArray:
    """PROMETHEE II net flows φ in [-1, 1] (higher is better; they sum to 0).

    ``functions`` is one preference-function name for all criteria or one per criterion; ``q``,
    ``p``, ``s`` are per-criterion thresholds (a scalar is broadcast) in the criterion's own unit.
    Entries of criteria that do not use a threshold are ignored and may be NaN.

    >>> promethee_ii([[1, 10], [2, 20]], [0.5, 0.5], [1, -1], functions="usual").tolist()
    [0.0, 0.0]
    """
    x = check_matrix(matrix)
    n = x.shape[1]
    t = check_types(types, n)
    w = check_weights(weights, n)
    model = PreferenceModel(n, functions, q, p, s)
    return model.unicriterion_flows(x, t) @ w
