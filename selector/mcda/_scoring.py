"""Score many weight vectors at once, for sensitivity analysis and SMAA.

Every method is reduced to a *basis* that does not depend on the weights:

* weighted sum: the normalised matrix S, scores = S @ w;
* PROMETHEE II: the single-criterion net flows Φ, net flows = Φ @ w;
* TOPSIS: the squared gaps to the ideal and anti-ideal, d² = gaps @ w².

so scoring k weight vectors is one or two matrix products instead of k calls.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from ._checks import FloatArray, check_method
from .normalization import column_map, scale_map
from .promethee import PreferenceModel
from .topsis import closeness, squared_gaps

METHODS: tuple[str, ...] = ("weighted_sum", "topsis", "promethee_ii")
DEFAULT_NORMALIZATION = {"weighted_sum": "max", "topsis": "vector"}

Basis = tuple[FloatArray, ...]


class Scorer:
    """A validated (method, parameters) pair that can score any matrix under many weights."""

    def __init__(
        self,
        method: str,
        types: FloatArray,
        *,
        normalization: str | None = None,
        bounds: ArrayLike | None = None,
        functions: str | Sequence[str] | None = None,
        q: ArrayLike | None = None,
        p: ArrayLike | None = None,
        s: ArrayLike | None = None,
    ) -> None:
        self.method = check_method(method, METHODS, "method")
        self.types = types
        n = types.shape[0]
        self.preferences: PreferenceModel | None = None
        self.normalization = ""
        self.bounds = bounds
        if method == "promethee_ii":
            if functions is None:
                raise ValueError(
                    'method "promethee_ii" needs functions= (one preference function per '
                    'criterion, e.g. "linear") and their thresholds.'
                )
            self.preferences = PreferenceModel(n, functions, q, p, s)
        else:
            self.normalization = normalization or DEFAULT_NORMALIZATION[method]

    @property
    def linear(self) -> bool:
        """True when scores are linear in the weights (exact sensitivity is possible)."""
        return self.method != "topsis"

    def basis(self, x: FloatArray, *, drawn: bool = False) -> Basis:
        """Weight-independent basis for a (m, n) matrix or a (k, m, n) stack of matrices.

        `drawn` says x was drawn inside score ranges whose ends were checked: on the declared
        scale nothing is left to check, and looking at every column of every draw for its
        extremes was a quarter of SMAA's time on a large catalog.
        """
        if self.preferences is not None:
            return (self.preferences.unicriterion_flows(x, self.types),)
        if drawn and self.normalization == "scale":
            cmap = scale_map(self.types, self.bounds)
        else:
            cmap = column_map(x, self.types, self.normalization, self.bounds)
        normalized = cmap.normalized(x)
        if self.method == "weighted_sum":
            return (normalized,)
        return squared_gaps(normalized)

    @staticmethod
    def scores(method: str, basis: Basis, weights: FloatArray) -> FloatArray:
        """(k, m) scores for (k, n) weights; a 3-D basis pairs sample i with weights i."""
        if method != "topsis":
            (s,) = basis
            if s.ndim == 2:
                return weights @ s.T
            return np.einsum("kmn,kn->km", s, weights)
        gap_best, gap_worst = basis
        w2 = weights * weights
        if gap_best.ndim == 2:
            return closeness(w2 @ gap_best.T, w2 @ gap_worst.T)
        return closeness(
            np.einsum("kmn,kn->km", gap_best, w2), np.einsum("kmn,kn->km", gap_worst, w2)
        )

    def score(self, basis: Basis, weights: FloatArray) -> FloatArray:
        return self.scores(self.method, basis, weights)

    def score_each(self, basis: Basis, weights: FloatArray) -> FloatArray:
        """(k, e, m) scores of every one of k sampled tables under every one of e weight vectors.

        SMAA's confidence pass scores each sampled table under each winner's central weights;
        one (k, m, n) @ (n, e) product does that without copying the tables e times.
        """
        if self.method != "topsis":
            (s,) = basis
            return np.matmul(s, weights.T).transpose(0, 2, 1)
        gap_best, gap_worst = basis
        w2 = (weights * weights).T
        return closeness(np.matmul(gap_best, w2), np.matmul(gap_worst, w2)).transpose(0, 2, 1)
