"""Turn scores into ranks, the same way everywhere in the engine.

Ties are broken deterministically: when two alternatives have exactly the same score, the one that
comes first in the input (lower index) gets the better rank. A recommendation must not change
between two runs on the same data, and "first listed wins a dead heat" is easy to explain.

How, quickly (SMAA orders millions of scores). A stable argsort gives exactly this order but is
about four times slower than numpy's SIMD sorts, and an unstable argsort leaves tied
alternatives in an arbitrary order. So each score becomes one 64-bit integer that sorts like
the score: its float bits made order-preserving, with the lowest ``b`` bits (b = bits of the
largest index) replaced by the alternative's index. Sorting those integers (values only, which
numpy does with SIMD) orders by score and, among equal scores, by index; the index is read back
from the low bits. Only scores within 2**b ulp of each other can be misordered; they end up
neighbours with equal high bits. In a block of rows where that happens, the real scores are read
back in sorted order and the few rows where they decrease are re-sorted the slow, stable way.
Exact ties (copies of one vendor) are already in index order and cost only that read-back.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._checks import FloatArray, IntArray, as_float_array, first_bad_cell

#: Below this many scores a stable argsort is faster than preparing packed keys.
_PACKED_FROM = 4096
#: Scores per block: a block's keys and scratch arrays stay in the CPU's L2 cache.
BLOCK_SCORES = 1 << 15
_SIGN_OFF = 0x7FFF_FFFF_FFFF_FFFF


def _stable_order(keys: FloatArray) -> IntArray:
    return np.argsort(keys, axis=-1, kind="stable")


def _packed_order(keys: FloatArray, out: IntArray) -> None:
    """Stable ascending order of each row of a 2-D float array without -0.0 or NaN, into out."""
    m = keys.shape[1]
    bits = (m - 1).bit_length()
    low = (1 << bits) - 1
    as_int = keys.view(np.int64)
    # Order-preserving integers: negative floats have every bit but the sign flipped.
    packed = np.right_shift(as_int, 63, out=out)
    packed &= _SIGN_OFF
    packed ^= as_int
    packed &= ~low
    packed |= np.arange(m, dtype=np.int64)
    packed.sort(axis=1)
    flat = packed.view(np.uint64).ravel()
    close = bool(((flat[1:] ^ flat[:-1]) <= low).any())  # neighbours sharing the high bits
    packed &= low
    if close:
        # Sorted by (high bits, index): right exactly when the real keys never decrease
        # along each row (equal real keys are then in index order too).
        along = np.take(keys, packed + np.arange(0, keys.size, m)[:, None])
        unsure = np.flatnonzero((along[:, 1:] < along[:, :-1]).any(axis=1))
        if unsure.size:
            packed[unsure] = _stable_order(keys[unsure])


def order_rows(scores: FloatArray) -> IntArray:
    """For each row of a (k, m) score array, alternative indices from best to worst.

    Equal scores keep input order (lower index first): the result is exactly
    ``np.argsort(-scores, axis=-1, kind="stable")``. Signed zeros compare equal, so -0.0 and
    0.0 are a tie. Scores must be finite (every caller has validated them).
    """
    s = np.asarray(scores, dtype=np.float64)
    m = s.shape[-1] if s.ndim else 0
    if s.size < _PACKED_FROM or m < 2:
        return _stable_order(np.subtract(0.0, s))  # 0.0 - x: best first, and no -0.0
    rows = s.reshape(-1, m)
    out = np.empty(rows.shape, dtype=np.int64)
    step = max(1, BLOCK_SCORES // m)
    for start in range(0, rows.shape[0], step):
        block = slice(start, start + step)
        _packed_order(np.subtract(0.0, rows[block]), out[block])
    return out.reshape(s.shape)


def top_rows(scores: FloatArray, k: int) -> IntArray:
    """The first `k` columns of `order_rows(scores)`, without ordering the rest.

    SMAA over a market of thousands needs, per draw, only who takes the first few ranks.
    Selecting them is linear in the alternatives (a partition of the packed keys, then a sort
    of the k chosen) instead of a full sort, with the same tie rule. The packed keys can only
    misplace scores within 2**b ulp of each other; a row where any score shares the k-th
    key's high bits without being exactly equal to it, or where the chosen scores are out of
    order, is ordered the slow, stable way. Exact ties (copies) stay on the fast path.
    """
    s = np.asarray(scores, dtype=np.float64)
    m = s.shape[-1] if s.ndim else 0
    if k >= m or s.size < _PACKED_FROM:
        return order_rows(s)[..., :k]
    rows = s.reshape(-1, m)
    out = np.empty((rows.shape[0], k), dtype=np.int64)
    step = max(1, BLOCK_SCORES // m)
    for start in range(0, rows.shape[0], step):
        block = slice(start, start + step)
        _packed_top(np.subtract(0.0, rows[block]), k, out[block])
    return out.reshape(*s.shape[:-1], k)


def _packed_top(keys: FloatArray, k: int, out: IntArray) -> None:
    """The k smallest keys of each row of `keys`, in stable ascending order, into out."""
    m = keys.shape[1]
    bits = (m - 1).bit_length()
    low = (1 << bits) - 1
    as_int = keys.view(np.int64)
    packed = np.right_shift(as_int, 63)
    packed &= _SIGN_OFF
    packed ^= as_int
    packed &= ~low
    high = packed.copy()
    packed |= np.arange(m, dtype=np.int64)
    head = np.partition(packed, k - 1, axis=1)[:, :k]
    head.sort(axis=1)
    edge = head[:, -1:] & ~low
    np.bitwise_and(head, low, out=out)
    along = np.take_along_axis(keys, out, axis=1)
    unsure = (along[:, 1:] < along[:, :-1]).any(axis=1)
    unsure |= ((high == edge) & (keys != along[:, -1:])).any(axis=1)
    rows = np.flatnonzero(unsure)
    if rows.size:
        out[rows] = _stable_order(keys[rows])[:, :k]


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
