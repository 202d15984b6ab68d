"""Do the methods agree? If weighted sum, TOPSIS and PROMETHEE II rank the vendors the same way,
the choice of method does not matter; if they disagree, the advisor should say so.

Agreement is measured with Kendall's tau-b between rankings: +1 identical order, -1 reversed,
0 unrelated. Tau-b corrects for ties, so it also works on rankings with shared places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import FloatArray, IntArray, as_float_array, check_matrix, check_types, first_bad_cell
from .promethee import promethee_ii
from .ranking import rank
from .topsis import topsis
from .weighted_sum import weighted_sum

AGREEMENT_METHODS: tuple[str, ...] = ("weighted_sum", "topsis", "promethee_ii")


@dataclass(frozen=True)
class MethodAgreement:
    """Rankings (1 = best) per method and Kendall's tau-b between every pair of methods.

    ``rankings[k]`` is the ranking by ``methods[k]``; ``tau[k, l]`` compares methods k and l.
    """

    methods: tuple[str, ...]
    rankings: IntArray
    tau: FloatArray

    @property
    def min_tau(self) -> float:
        """The weakest pairwise agreement: a quick "does the method matter?" figure."""
        return float(self.tau.min())


def kendall_tau(rank_a: ArrayLike, rank_b: ArrayLike) -> float:
    """Kendall's tau-b between two rankings of the same alternatives (ties allowed).

    tau_b = (concordant - discordant) / sqrt((n0 - ties_a) (n0 - ties_b)), n0 = n(n-1)/2.
    Any numbers work where smaller means better (ranks) or consistently larger (scores), as long
    as both use the same convention. With fewer than two alternatives there is nothing to
    disagree on and the result is 1.0; if either ranking puts every alternative level, tau is
    undefined and a ValueError says so.

    >>> kendall_tau([1, 2, 3, 4], [1, 3, 2, 4])
    0.6666666666666666
    """
    a = as_float_array(rank_a, "rank_a")
    b = as_float_array(rank_b, "rank_b")
    if a.ndim != 1 or b.ndim != 1 or a.shape != b.shape:
        raise ValueError(
            f"rank_a and rank_b must be 1-D and of equal length; got {a.shape} and {b.shape}."
        )
    for name, v in (("rank_a", a), ("rank_b", b)):
        cell = first_bad_cell(v)
        if cell is not None:
            raise ValueError(f"{name} has a missing or infinite value at position {cell[0]}.")
    if a.shape[0] < 2:
        return 1.0
    iu = np.triu_indices(a.shape[0], k=1)
    da = np.sign(a[:, None] - a[None, :])[iu]
    db = np.sign(b[:, None] - b[None, :])[iu]
    untied_a = np.count_nonzero(da)
    untied_b = np.count_nonzero(db)
    if untied_a == 0 or untied_b == 0:
        which = "rank_a" if untied_a == 0 else "rank_b"
        raise ValueError(f"Kendall's tau is undefined: {which} ties every alternative.")
    return float((da * db).sum() / np.sqrt(float(untied_a) * float(untied_b)))


def method_agreement(
    matrix: ArrayLike,
    weights: ArrayLike,
    types: ArrayLike,
    *,
    normalization: str | None = None,
    bounds: ArrayLike | None = None,
    functions: str | Sequence[str] | None = None,
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
) -> MethodAgreement:
    """Rank with weighted sum, TOPSIS and PROMETHEE II and compare the rankings pairwise.

    ``normalization`` (with ``bounds`` for "scale") applies to both weighted sum and TOPSIS;
    None keeps each method's default ("max" and "vector"). Without ``functions`` PROMETHEE II
    uses a "vshape" function with p = the criterion's range in the matrix, so preference grows
    with the size of a difference and is full only for the largest one seen (a constant
    criterion gets p = 1; it cannot prefer anyone).
    """
    x = check_matrix(matrix)
    t = check_types(types, x.shape[1])
    ws_norm = normalization or "max"
    tp_norm = normalization or "vector"
    if functions is None:
        span = x.max(axis=0) - x.min(axis=0)
        functions, p = "vshape", np.where(span > 0, span, 1.0)
    scores = (
        weighted_sum(x, weights, t, normalization=ws_norm, bounds=bounds),
        topsis(x, weights, t, normalization=tp_norm, bounds=bounds),
        promethee_ii(x, weights, t, functions=functions, q=q, p=p, s=s),
    )
    rankings = np.stack([rank(sc) for sc in scores])
    k = len(AGREEMENT_METHODS)
    tau = np.ones((k, k))
    for i in range(k):
        for j in range(i + 1, k):
            tau[i, j] = tau[j, i] = kendall_tau(rankings[i], rankings[j])
    return MethodAgreement(AGREEMENT_METHODS, rankings, tau)
