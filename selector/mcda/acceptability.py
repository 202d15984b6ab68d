"""SMAA-2 rank acceptability: how robust is a ranking when weights (and scores) are uncertain?

Instead of one weight vector, Stochastic Multicriteria Acceptability Analysis (Lahdelma &
Salminen, 2001, "SMAA-2", Operations Research 49(3)) draws many weight vectors that agree with what
the team knows (any weights; weights within ranges; or only an order of importance) and,
optionally, many plausible score tables (an interval or a triangular range per cell). It reports

* the rank-acceptability matrix: the share of draws in which each alternative takes each rank;
* central weight vectors: the average weights under which each alternative comes first, i.e. the
  preferences that favour it;
* confidence factors: how often an alternative still wins, under score uncertainty, when its own
  central weights are used (1 or 0 when scores are certain).

Sampling:

* weights are uniform on the simplex (Dirichlet(1): normalised standard exponentials);
* with ``weight_bounds`` the draw is uniform on {low <= w <= high, Σ w = 1}: the lower bounds
  are taken off first (an affine map that keeps uniformity) and draws breaking an upper bound
  are rejected;
* with ``weight_order`` each draw is sorted in decreasing order and its values assigned to the
  criteria from most to least important, which is uniform on the ordered region.

Everything is vectorised over samples and processed in chunks, so memory stays bounded for any
``n_samples``. Draws come from sequential streams of a numpy Generator seeded with ``seed``
(separate streams for weights, scores and the confidence pass), so the result for a seed does
not depend on ``chunk_size``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._checks import (
    BoolArray,
    FloatArray,
    IntArray,
    as_float_array,
    check_matrix,
    check_positive_int,
    check_types,
    first_bad_cell,
)
from ._scoring import Basis, Scorer
from .ranking import BLOCK_SCORES, order_rows, top_rows

#: Target number of float64 values in the largest per-chunk array (about 16 MB).
_CHUNK_ELEMENTS = 2_000_000
_MIN_ACCEPTANCE = 1e-4


@dataclass(frozen=True)
class RankAcceptability:
    """SMAA-2 results.

    ``acceptability[i, r]`` is the share of samples in which alternative i took rank r + 1 (rows
    and columns sum to 1; with only the first ranks counted, columns sum to 1 and each row to
    the share of samples in which i took one of them). ``central_weights[i]`` is the mean
    weight vector over the samples in which i ranked first, or zeros when it never did
    (``ever_first[i]`` is then False).
    ``confidence[i]`` is the share of score samples in which i ranks first under its central
    weights (0 when it never ranked first), or None when `Sampling.confidence` was False.
    """

    acceptability: FloatArray
    central_weights: FloatArray
    ever_first: BoolArray
    confidence: FloatArray | None
    n_samples: int


@dataclass(frozen=True, eq=False)
class Sampling:
    """What SMAA draws, and how many times.

    Weights are drawn uniformly over every weight vector that agrees with what the team knows:
    anything (the default), within ``weight_bounds`` ((n_criteria, 2) low/high limits), and/or
    in the order of importance ``weight_order`` (criterion indices, most important first).
    Scores are certain unless ``score_low``/``score_high`` (shaped like the matrix, which must
    lie between them) give each cell a range: uniform between the ends, or triangular around
    ``score_mode``; cells with low == high stay certain. ``n_samples`` draws come from
    ``seed``; ``chunk_size`` (samples per chunk) only trades speed for memory, never the
    result; the default keeps each working array near 16 MB. ``confidence=False`` skips the
    confidence factors: with uncertain scores they score every draw under every winner's
    central weights, work that grows with winners × alternatives (most of the time for a
    thousand offerings), which a caller needing only the acceptabilities should not pay.
    """

    n_samples: int = 10_000
    seed: int = 0
    weight_bounds: ArrayLike | None = None
    weight_order: Sequence[int] | ArrayLike | None = None
    score_low: ArrayLike | None = None
    score_high: ArrayLike | None = None
    score_mode: ArrayLike | None = None
    chunk_size: int | None = None
    confidence: bool = True




def _exponentials(rng: np.random.Generator, shape: tuple[int, int]) -> FloatArray:
    """Standard exponential draws as -log(1 - U), computed in place."""
    e = rng.random(shape)
    np.negative(e, out=e)
    np.log1p(e, out=e)
    np.negative(e, out=e)
    return e


class _WeightStream:
    """Sequential weight draws; the k-th accepted draw does not depend on how many are taken."""

    def __init__(
        self,
        rng: np.random.Generator,
        n: int,
        bounds: FloatArray | None,
        order: np.ndarray | None,
    ) -> None:
        self.rng = rng
        self.n = n
        self.bounds = bounds
        self.order = order
        self.buffer = np.empty((0, n))
        self.drawn = 0
        self.accepted = 0

    def _candidates(self, count: int) -> FloatArray:
        if self.bounds is not None and self.order is None:
            return self._bounded_candidates(count)
        w = _exponentials(self.rng, (count, self.n))
        w /= w.sum(axis=1, keepdims=True)
        if self.order is not None:
            w.sort(axis=1)
            out = np.empty_like(w)
            out[:, self.order] = w[:, ::-1]
            w = out
            if self.bounds is not None:
                low, high = self.bounds[:, 0], self.bounds[:, 1]
                w = w[((w >= low) & (w <= high)).all(axis=1)]
        return w

    def _bounded_candidates(self, count: int) -> FloatArray:
        """Uniform on {low <= w <= high, Σ w = 1}: shift by the lower bounds, reject uppers.

        Criteria whose bounds coincide (a fixed weight) are left out of the random part, so a
        fixed weight does not make every draw fail.
        """
        assert self.bounds is not None
        low, high = self.bounds[:, 0], self.bounds[:, 1]
        free = high - low > 1e-12
        w = np.tile(low, (count, 1))
        k = int(free.sum())
        if k == 0:
            return w
        e = _exponentials(self.rng, (count, k))
        w[:, free] += (1.0 - low.sum()) * (e / e.sum(axis=1, keepdims=True))
        return w[(w[:, free] <= high[free] + 1e-12).all(axis=1)]

    def take(self, k: int) -> FloatArray:
        while self.buffer.shape[0] < k:
            missing = k - self.buffer.shape[0]
            if self.bounds is None:  # every draw is accepted
                count = int(min(max(missing, 1024), 262_144))
            else:
                rate = max(self.accepted / self.drawn, _MIN_ACCEPTANCE) if self.drawn else 1.0
                count = int(min(max(missing / rate * 1.1, 1024), 262_144))
            fresh = self._candidates(count)
            self.drawn += count
            self.accepted += fresh.shape[0]
            self.buffer = np.concatenate([self.buffer, fresh]) if self.buffer.size else fresh
            if self.drawn >= 200_000 and self.accepted < _MIN_ACCEPTANCE * self.drawn:
                raise ValueError(
                    f"weight_bounds/weight_order leave almost no room: only {self.accepted} "
                    f"of {self.drawn} random weight vectors satisfy them. Widen the bounds or "
                    "check that they agree with the order of importance."
                )
        out, self.buffer = self.buffer[:k], self.buffer[k:]
        return out


class _ScoreStream:
    """Sequential draws of whole score tables: uniform on [low, high] or triangular."""

    def __init__(
        self,
        rng: np.random.Generator,
        low: FloatArray,
        high: FloatArray,
        mode: FloatArray | None,
    ) -> None:
        self.rng = rng
        self.low = low
        self.width = high - low
        self.high = high
        self.mode = mode
        if mode is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                self.split = np.where(self.width > 0, (mode - low) / self.width, 0.0)
            self.left = self.width * (mode - low)
            self.right = self.width * (high - mode)

    def take(self, k: int) -> FloatArray:
        return self.placed(self.drawn(k))

    def drawn(self, k: int) -> FloatArray:
        """The uniform numbers of `k` tables, to be put in their ranges by `placed`.

        Two steps, so SMAA draws the next tables on another core while placing the current
        ones on the core that scores them: placing is two passes over ~100 M cells for a
        market; done by the drawing core, it left the scoring core waiting for a third of
        SMAA's time. The numbers are the same either way.
        """
        return self.rng.random((k, *self.low.shape))

    def placed(self, u: FloatArray) -> FloatArray:
        """Uniform numbers `u` as score tables: uniform on [low, high], or triangular."""
        if self.mode is None:  # low + u·width, in place
            u *= self.width
            u += self.low
            return u
        # Inverse CDF of the triangular distribution.
        left = self.low + np.sqrt(u * self.left)
        right = self.high - np.sqrt((1.0 - u) * self.right)
        return np.where(u < self.split, left, right)


def _check_weight_bounds(weight_bounds: ArrayLike, n: int) -> FloatArray:
    b = as_float_array(weight_bounds, "weight_bounds")
    if b.shape != (n, 2):
        raise ValueError(f"weight_bounds must have shape ({n}, 2) (low, high per criterion); "
                         f"got {b.shape}.")
    cell = first_bad_cell(b)
    if cell is not None:
        raise ValueError(f"weight_bounds has a missing or infinite value for criterion {cell[0]}.")
    for j in range(n):
        low, high = b[j]
        if not 0.0 <= low <= high <= 1.0:
            raise ValueError(
                f"weight_bounds for criterion {j} must satisfy 0 <= low <= high <= 1; "
                f"got ({low}, {high})."
            )
    if b[:, 0].sum() > 1.0 + 1e-12:
        raise ValueError(
            f"weight_bounds are infeasible: the lower bounds add up to {b[:, 0].sum():g} > 1."
        )
    if b[:, 1].sum() < 1.0 - 1e-12:
        raise ValueError(
            f"weight_bounds are infeasible: the upper bounds add up to {b[:, 1].sum():g} < 1."
        )
    return b


def _check_order(weight_order: Sequence[int] | ArrayLike, n: int) -> np.ndarray:
    order = np.asarray(weight_order)
    if order.shape != (n,) or not np.issubdtype(order.dtype, np.integer):
        raise ValueError(
            f"weight_order must list all {n} criterion indices, most important first; "
            f"got {weight_order!r}."
        )
    if sorted(order.tolist()) != list(range(n)):
        raise ValueError(
            f"weight_order must be a permutation of 0..{n - 1} (each criterion once); "
            f"got {order.tolist()}."
        )
    return order.astype(np.int64)


def _check_cells(values: ArrayLike, shape: tuple[int, ...], name: str) -> FloatArray:
    v = as_float_array(values, name)
    if v.shape != shape:
        raise ValueError(f"{name} must have the matrix's shape {shape}; got {v.shape}.")
    cell = first_bad_cell(v)
    if cell is not None:
        raise ValueError(f"{name} has a missing or infinite value at row {cell[0]}, "
                         f"column {cell[1]}.")
    return v


def _check_order_of_cells(lower: FloatArray, upper: FloatArray, what: str) -> None:
    bad = np.argwhere(lower > upper)
    if bad.size:
        i, j = (int(k) for k in bad[0])
        raise ValueError(f"{what} at row {i}, column {j} ({lower[i, j]} > {upper[i, j]}).")


def _score_ranges(
    sampling: Sampling, x: FloatArray, scorer: Scorer
) -> tuple[FloatArray, FloatArray, FloatArray | None] | None:
    """Validated (low, high, mode) of uncertain scores, or None when scores are certain."""
    uncertain = sampling.score_low is not None or sampling.score_high is not None
    if not uncertain:
        if sampling.score_mode is not None:
            raise ValueError("score_mode needs score_low and score_high (the ends of the range).")
        return None
    if sampling.score_low is None or sampling.score_high is None:
        raise ValueError("uncertain scores need both score_low and score_high.")
    low = _check_cells(sampling.score_low, x.shape, "score_low")
    high = _check_cells(sampling.score_high, x.shape, "score_high")
    _check_order_of_cells(low, x, "score_low is above the matrix value")
    _check_order_of_cells(x, high, "the matrix value is above score_high")
    mode = None
    if sampling.score_mode is not None:
        mode = _check_cells(sampling.score_mode, x.shape, "score_mode")
        _check_order_of_cells(low, mode, "score_low is above score_mode")
        _check_order_of_cells(mode, high, "score_mode is above score_high")
    scorer.basis(low)  # the normalisation must accept the ends of every range
    scorer.basis(high)
    return low, high, mode


def _chunk_size(chunk_size: int | None, m: int, n: int, method: str, uncertain: bool) -> int:
    """Samples per chunk: the caller's, or enough to keep the largest working array ~16 MB."""
    if chunk_size is None:
        if not uncertain:
            per_sample = m  # one score per alternative
        elif method == "promethee_ii":
            per_sample = m * max(m, n)  # one m × m comparison per criterion
        else:
            per_sample = m * n  # a whole sampled table
        chunk_size = max(1, _CHUNK_ELEMENTS // per_sample)
    return check_positive_int(chunk_size, "chunk_size")


def _rank_counts(
    scorer: Scorer,
    nominal_basis: Basis,
    weights: _WeightStream,
    tables: _ScoreStream | None,
    n_samples: int,
    chunk_size: int,
    ranks: int,
) -> tuple[IntArray, FloatArray]:
    """(m, ranks) counts of draws in which alternative i took rank r + 1, and per
    alternative the sum of the weight vectors of the draws it won."""
    m, n = nominal_basis[0].shape[0], weights.n  # every basis is (alternatives × criteria)
    counts = np.zeros(m * ranks, dtype=np.int64)
    central = np.zeros((m, n))
    rank_offset = np.arange(ranks, dtype=np.int64)
    step = max(1, BLOCK_SCORES // m)
    sizes = [min(chunk_size, n_samples - done) for done in range(0, n_samples, chunk_size)]
    drawn = None if tables is None else drawn_ahead(tables.drawn, sizes)
    for k in sizes:
        w = weights.take(k)
        basis = (nominal_basis if drawn is None
                 else scorer.basis(tables.placed(next(drawn)), drawn=True))
        scores = scorer.score(basis, w)
        first = np.empty(k, dtype=np.int64)
        for start in range(0, k, step):  # a block at a time, while its order is in cache
            order = top_rows(scores[start : start + step], ranks)
            first[start : start + step] = order[:, 0]
            order *= ranks
            order += rank_offset
            np.add.at(counts, order.ravel(), 1)  # one per (alternative, rank) cell
        for j in range(n):
            central[:, j] += np.bincount(first, weights=w[:, j], minlength=m)
    return counts.reshape(m, ranks), central


def drawn_ahead(draw: Callable[[int], FloatArray], sizes: list[int]) -> Iterator[FloatArray]:
    """`draw(k)` for each k of `sizes` in turn, the next one drawn on another core while the
    caller works on the current one.

    Drawing a market's score tables is most of SMAA's time (a thousand offerings: ~100 M
    uniform numbers), and numpy fills an array without holding the GIL, so on two cores the
    draws overlap the scoring. Only one thread draws at a time, in the order of `sizes`, so
    the numbers are exactly those of drawing in turn; at most two draws exist at once.

    >>> rng = np.random.default_rng(7)
    >>> ahead = list(drawn_ahead(rng.random, [2, 3, 1]))
    >>> again = np.random.default_rng(7)
    >>> all(np.array_equal(a, again.random(len(a))) for a in ahead)
    True
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if len(sizes) < 2 or (cores or 1) < 2:
        yield from map(draw, sizes)
        return
    box: list = []

    def fill(k: int) -> None:
        try:
            box.append(draw(k))
        except BaseException as exc:  # noqa: BLE001 — raised again in the caller's thread
            box.append(exc)

    current = draw(sizes[0])
    for following in [*sizes[1:], None]:
        worker = None
        if following is not None:
            worker = threading.Thread(target=fill, args=(following,), daemon=True)
            worker.start()
        try:
            yield current
        finally:
            if worker is not None:
                worker.join()  # also when the caller stops early: the draw is never left running
        if worker is not None:
            current = box.pop()
            if isinstance(current, BaseException):
                raise current


def _confidence(
    scorer: Scorer,
    nominal_basis: Basis,
    central: FloatArray,
    winners: IntArray,
    tables: _ScoreStream | None,
    n_samples: int,
    chunk_size: int,
) -> FloatArray:
    """Share of score tables in which each winner still ranks first under its central
    weights (1 or 0 when scores are certain)."""
    if tables is None:
        leaders = order_rows(scorer.score(nominal_basis, central))[:, 0]
        return (leaders == winners).astype(np.float64)
    e, m = winners.shape[0], nominal_basis[0].shape[0]
    hits = np.zeros(e, dtype=np.int64)
    # Tables come from a sequential stream, so the step changes memory, never the result.
    step = max(1, min(chunk_size, _CHUNK_ELEMENTS // max(1, e * m)))
    done = 0
    while done < n_samples:
        k = min(step, n_samples - done)
        scores = scorer.score_each(scorer.basis(tables.take(k), drawn=True), central)  # (k, e, m)
        # argmax keeps the first of equal scores: the same tie rule as order_rows
        hits += (scores.argmax(axis=2) == winners).sum(axis=0)
        done += k
    return hits / n_samples


def rank_acceptability(
    matrix: ArrayLike,
    types: ArrayLike,
    sampling: Sampling | None = None,
    *,
    method: str = "weighted_sum",
    normalization: str | None = None,
    bounds: ArrayLike | None = None,
    functions: str | Sequence[str] | None = None,
    q: ArrayLike | None = None,
    p: ArrayLike | None = None,
    s: ArrayLike | None = None,
    ranks: int | None = None,
) -> RankAcceptability:
    """SMAA-2 rank acceptability, central weights and confidence factors.

    ``sampling`` says what is drawn and how often (see `Sampling`; the default is 10,000
    weight vectors uniform over all weights, certain scores, seed 0). ``method`` /
    ``normalization`` / ``bounds`` / ``functions`` / ``q`` / ``p`` / ``s`` choose the scoring
    method exactly as in `stability_intervals`. ``ranks`` counts only the first that many
    ranks (all when None): the acceptability matrix is then (alternatives × ranks), each of
    its columns exactly as in the full matrix, and the work per draw grows linearly with the
    alternatives instead of needing a full ordering and a square matrix.
    """
    sampling = sampling if sampling is not None else Sampling()
    x = check_matrix(matrix)
    m, n = x.shape
    t = check_types(types, n)
    n_samples = check_positive_int(sampling.n_samples, "n_samples")
    seed = sampling.seed
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise ValueError(f"seed must be an integer; got {seed!r}.")
    scorer = Scorer(
        method, t, normalization=normalization, bounds=bounds, functions=functions, q=q, p=p, s=s
    )
    nominal_basis = scorer.basis(x)
    wb = None if sampling.weight_bounds is None else _check_weight_bounds(sampling.weight_bounds, n)
    order = None if sampling.weight_order is None else _check_order(sampling.weight_order, n)
    ranges = _score_ranges(sampling, x, scorer)

    counted = m if ranks is None else min(m, check_positive_int(ranks, "ranks"))
    chunk_size = _chunk_size(sampling.chunk_size, m, n, method, uncertain=ranges is not None)
    weight_rng, score_rng, confidence_rng = (
        np.random.Generator(np.random.PCG64(child))
        for child in np.random.SeedSequence(int(seed)).spawn(3)
    )
    weights = _WeightStream(weight_rng, n, wb, order)
    tables = None if ranges is None else _ScoreStream(score_rng, *ranges)
    counts, central = _rank_counts(
        scorer, nominal_basis, weights, tables, n_samples, chunk_size, counted
    )

    acceptability = counts / n_samples
    wins = counts[:, 0]
    ever_first = wins > 0
    central[ever_first] /= wins[ever_first, None]
    if not sampling.confidence:
        return RankAcceptability(acceptability, central, ever_first, None, n_samples)
    winners = np.flatnonzero(ever_first)
    confidence = np.zeros(m)
    confidence[winners] = _confidence(
        scorer,
        nominal_basis,
        central[winners],
        winners,
        None if ranges is None else _ScoreStream(confidence_rng, *ranges),
        n_samples,
        chunk_size,
    )
    return RankAcceptability(acceptability, central, ever_first, confidence, n_samples)
