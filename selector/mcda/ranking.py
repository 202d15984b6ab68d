"""Turn scores into ranks, the same way everywhere in the engine.

Ties are broken deterministically: when two alternatives have exactly the same score, the one that
comes first in the input (lower index) gets the better rank. A recommendation must not change
between two runs on the same data, and "first listed wins a dead heat" is easy to explain.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import FloatArray, IntArray, as_float_array, first_bad_cell


def order_rows(scores: FloatArray) -> IntArray:
    """For each row of a (k, m) score array, alternative indices from best to worst.

    A stable sort of the negated scores keeps equal scores in input order (lower index first).
    Negating 0.0 gives -0.0, which compares equal to 0.0, so signed zeros do not break ties.
    """
    return np.argsort(-scores, axis=-1, kind="stable")


def rank(scores: ArrayLike) -> IntArray:
    """Ranks 1..n from scores where higher is better; equal scores → lower index ranks first.

    >>> rank([0.2, 0.9, 0.2]).tolist()
    [2, 1, 3]
    """
    s = as_float_array(scores, "scores")
    if s.ndim != 1:
        raise ValueError(f"scores must be a 1-D array; got shape {s.shape}.")
    cell = first_bad_cell(s)
    if cell is not None:
        raise ValueError(f"scores has a missing or infinite value at position {cell[0]}.")
    order = order_rows(s)
    ranks = np.empty(s.shape[0], dtype=np.int64)
    ranks[order] = np.arange(1, s.shape[0] + 1)
    return ranks
