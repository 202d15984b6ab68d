"""SMAA-2 rank acceptability: analytic cases, reproducibility, chunking, bounds and order."""

from __future__ import annotations

import dataclasses
import threading

import numpy as np
import pytest

from selector.mcda import Sampling, rank_acceptability
from selector.mcda.acceptability import _ScoreStream, _WeightStream, drawn_ahead

SAMPLING_FIELDS = {f.name for f in dataclasses.fields(Sampling)}

UNIT = [[0.0, 1.0]] * 3
# Alternative i is perfect on criterion i and worst elsewhere; with scale normalisation the
# score of i is w_i, so i ranks first exactly when w_i is the largest weight.
CORNERS = np.eye(3)


def test_symmetric_corners_each_first_a_third_of_the_time() -> None:
    """For uniform weights on the simplex, every ordering of (w0, w1, w2) has probability 1/6,
    so every alternative takes every rank 1/3 of the time; E[w_max] = 11/18 for Dirichlet(1,1,1)
    (mean of the largest of three uniform spacings: (1/3)(1 + 1/2 + 1/3))."""
    r = rank_acceptability(CORNERS, [1, 1, 1], Sampling(n_samples=30_000), normalization="scale",
                           bounds=UNIT)
    np.testing.assert_allclose(r.acceptability, np.full((3, 3), 1 / 3), atol=0.012)
    for i in range(3):
        assert r.central_weights[i, i] == pytest.approx(11 / 18, abs=0.01)
    assert r.ever_first.all()
    assert r.confidence.tolist() == [1.0, 1.0, 1.0]


def test_rows_and_columns_sum_to_one() -> None:
    rng = np.random.default_rng(2)
    x = rng.uniform(1, 10, (30, 6))
    t = [1, -1, 1, 1, -1, 1]
    for method, kw in (("weighted_sum", {}), ("topsis", {}),
                       ("promethee_ii", {"functions": "vshape", "p": 5.0})):
        r = rank_acceptability(x, t, Sampling(n_samples=2000), method=method, **kw)
        np.testing.assert_allclose(r.acceptability.sum(axis=1), 1.0, atol=1e-12)
        np.testing.assert_allclose(r.acceptability.sum(axis=0), 1.0, atol=1e-12)
        np.testing.assert_allclose(r.central_weights[r.ever_first].sum(axis=1), 1.0)
        assert (r.central_weights[~r.ever_first] == 0).all()
        assert (r.confidence[~r.ever_first] == 0).all()
        assert not np.isnan(r.central_weights).any()


def test_never_first_gets_zero_central_weights_and_flag() -> None:
    x = [[9, 9], [1, 1], [5, 5]]  # alternative 0 dominates
    r = rank_acceptability(x, [1, 1], Sampling(n_samples=500))
    assert r.ever_first.tolist() == [True, False, False]
    assert r.acceptability[:, 0].tolist() == [1.0, 0.0, 0.0]
    assert r.acceptability[2, 1] == 1.0
    assert r.central_weights[1].tolist() == [0.0, 0.0]
    assert r.confidence.tolist() == [1.0, 0.0, 0.0]


def test_duplicates_are_ranked_by_input_order() -> None:
    x = [[3, 7], [3, 7], [6, 2]]
    r = rank_acceptability(x, [1, 1], Sampling(n_samples=2000))
    assert r.acceptability[1, 0] == 0.0  # the copy never beats the original
    assert r.acceptability[0, 2] == 0.0


KW_VARIANTS = [
    {},
    {"weight_bounds": [[0.1, 0.5], [0.0, 0.6], [0.2, 0.9], [0.0, 1.0]]},
    {"weight_order": [2, 0, 3, 1]},
    {"weight_order": [2, 0, 3, 1], "weight_bounds": [[0.0, 0.4]] * 4},
    {"score_low": "low", "score_high": "high"},
    {"score_low": "low", "score_high": "high", "score_mode": "mode", "method": "topsis"},
    {"score_low": "low", "score_high": "high", "method": "promethee_ii",
     "functions": "linear", "q": 0.2, "p": 2.0},
]


def _problem():
    rng = np.random.default_rng(7)
    x = rng.uniform(2, 8, (9, 4))
    spread = rng.uniform(0, 1, (9, 4))
    cells = {"low": x - spread, "high": x + spread, "mode": x}
    return x, [1, -1, 1, 1], cells


@pytest.mark.parametrize("variant", range(len(KW_VARIANTS)))
def test_seed_reproducible_and_chunking_invariant(variant: int) -> None:
    x, t, cells = _problem()
    kw = {k: cells[v] if isinstance(v, str) and k.startswith("score") else v
          for k, v in KW_VARIANTS[variant].items()}
    sampling = {k: v for k, v in kw.items() if k in SAMPLING_FIELDS}
    method = {k: v for k, v in kw.items() if k not in SAMPLING_FIELDS}
    base = rank_acceptability(x, t, Sampling(3001, 11, **sampling), **method)
    again = rank_acceptability(x, t, Sampling(3001, 11, **sampling), **method)
    for chunk in (1, 7, 1000, 10_000):
        chunked = rank_acceptability(x, t, Sampling(3001, 11, **sampling, chunk_size=chunk),
                                     **method)
        np.testing.assert_array_equal(chunked.acceptability, base.acceptability)
        np.testing.assert_allclose(chunked.central_weights, base.central_weights, rtol=1e-12)
        np.testing.assert_array_equal(chunked.confidence, base.confidence)
    np.testing.assert_array_equal(again.acceptability, base.acceptability)
    other = rank_acceptability(x, t, Sampling(3001, 12, **sampling), **method)
    assert not np.array_equal(other.acceptability, base.acceptability)


def test_weight_stream_uniform_bounds_and_order() -> None:
    n = 3
    plain = _WeightStream(np.random.default_rng(0), n, None, None).take(40_000)
    np.testing.assert_allclose(plain.sum(axis=1), 1.0)
    # Dirichlet(1, 1, 1): P(w0 > 1/2) = (1 - 1/2)² = 1/4, E[w0] = 1/3.
    assert (plain[:, 0] > 0.5).mean() == pytest.approx(0.25, abs=0.01)
    assert plain[:, 0].mean() == pytest.approx(1 / 3, abs=0.005)

    bounds = np.array([[0.2, 0.3], [0.1, 0.9], [0.0, 0.9]])
    bounded = _WeightStream(np.random.default_rng(0), n, bounds, None).take(20_000)
    assert (bounded >= bounds[:, 0] - 1e-15).all() and (bounded <= bounds[:, 1] + 1e-15).all()
    np.testing.assert_allclose(bounded.sum(axis=1), 1.0)

    order = np.array([1, 2, 0])
    ordered = _WeightStream(np.random.default_rng(0), n, None, order).take(10_000)
    assert (ordered[:, 1] >= ordered[:, 2]).all() and (ordered[:, 2] >= ordered[:, 0]).all()
    # Uniform on the ordered region: E[largest] = 11/18, E[smallest] = 1/9.
    assert ordered[:, 1].mean() == pytest.approx(11 / 18, abs=0.01)
    assert ordered[:, 0].mean() == pytest.approx(1 / 9, abs=0.005)


def test_bounded_sampling_matches_rejection_from_the_simplex() -> None:
    """Shifting by the lower bounds must give the same distribution as plain rejection."""
    bounds = np.array([[0.3, 1.0], [0.0, 1.0], [0.1, 1.0]])
    fast = _WeightStream(np.random.default_rng(1), 3, bounds, None).take(20_000)
    plain = _WeightStream(np.random.default_rng(2), 3, None, None).take(400_000)
    kept = plain[(plain >= bounds[:, 0]).all(axis=1)]
    np.testing.assert_allclose(fast.mean(axis=0), kept.mean(axis=0), atol=0.006)


def test_bounds_and_order_reach_results() -> None:
    x = [[1.0, 0.0], [0.0, 1.0]]
    kw = {"normalization": "scale", "bounds": [[0, 1], [0, 1]]}
    first = rank_acceptability(x, [1, 1], Sampling(2000, weight_order=[0, 1]), **kw)
    assert first.acceptability[0, 0] == 1.0
    second = rank_acceptability(x, [1, 1], Sampling(2000, weight_order=[1, 0]), **kw)
    assert second.acceptability[1, 0] == 1.0
    r = rank_acceptability(x, [1, 1], Sampling(2000, weight_bounds=[[0.6, 0.8], [0.0, 1.0]]),
                           **kw)
    assert r.acceptability[0, 0] == 1.0
    assert 0.6 <= r.central_weights[0, 0] <= 0.8
    # w0 uniform on [0, 1]: first iff w0 > 1/2; central weight of A = E[w0 | w0 > 1/2] = 3/4.
    r = rank_acceptability(x, [1, 1], Sampling(n_samples=40_000, seed=3), **kw)
    assert r.acceptability[0, 0] == pytest.approx(0.5, abs=0.01)
    assert r.central_weights[0, 0] == pytest.approx(0.75, abs=0.01)


def test_score_uncertainty_triangular_moments() -> None:
    low = np.array([[0.0, 2.0]])
    mode = np.array([[0.0, 3.0]])
    high = np.array([[3.0, 7.0]])
    draws = _ScoreStream(np.random.default_rng(0), low, high, mode).take(60_000)
    assert (draws >= low).all() and (draws <= high).all()
    np.testing.assert_allclose(draws.mean(axis=0), (low + mode + high) / 3, atol=0.02)
    uniform = _ScoreStream(np.random.default_rng(0), low, high, None).take(60_000)
    np.testing.assert_allclose(uniform.mean(axis=0), (low + high) / 2, atol=0.02)


def test_score_uncertainty_changes_confidence() -> None:
    """Overlapping score ranges: the winner under its central weights no longer always wins."""
    x = np.array([[5.0, 5.0], [4.8, 5.1], [1.0, 1.0]])
    r = rank_acceptability(x, [1, 1], Sampling(4000, score_low=x - 1.0, score_high=x + 1.0))
    assert 0.0 < r.confidence[0] < 1.0
    assert r.confidence[2] == 0.0 or r.ever_first[2]
    # Certain ranges (low == high) behave like no uncertainty.
    certain = rank_acceptability(x, [1, 1], Sampling(4000, score_low=x, score_high=x))
    plain = rank_acceptability(x, [1, 1], Sampling(4000))
    np.testing.assert_allclose(certain.acceptability, plain.acceptability, atol=0)
    np.testing.assert_array_equal(certain.confidence[certain.ever_first], 1.0)


def test_dominance_under_uncertainty() -> None:
    x = np.array([[8.0, 8.0], [3.0, 3.0]])
    sampling = Sampling(1000, score_low=x - 1, score_high=x + 1, score_mode=x)
    r = rank_acceptability(x, [1, 1], sampling, method="topsis")
    assert r.acceptability[0, 0] == 1.0 and r.confidence[0] == 1.0


def test_fixed_weights_in_bounds_are_honoured() -> None:
    """low == high pins a weight; the other weights still vary."""
    bounds = np.array([[0.5, 0.5], [0.0, 1.0], [0.0, 1.0]])
    w = _WeightStream(np.random.default_rng(0), 3, bounds, None).take(5000)
    assert (w[:, 0] == 0.5).all()
    assert w[:, 1].min() < 0.05 and w[:, 1].max() > 0.45
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    all_fixed = np.array([[0.2, 0.2], [0.3, 0.3], [0.5, 0.5]])
    w = _WeightStream(np.random.default_rng(0), 3, all_fixed, None).take(10)
    np.testing.assert_allclose(w, np.tile([0.2, 0.3, 0.5], (10, 1)))
    r = rank_acceptability(CORNERS, [1, 1, 1], Sampling(100, weight_bounds=all_fixed),
                           normalization="scale", bounds=UNIT)
    assert r.acceptability[2, 0] == 1.0


# Seven offerings on three 0-3 criteria (the last a cost); 1 copies 0, 4 copies 2, 6 copies 3,
# so every draw of weights has dead heats.
TIED = np.array([[3, 1, 2], [3, 1, 2], [1, 3, 2], [2, 2, 2], [1, 3, 2], [3, 3, 1], [2, 2, 2]],
                dtype=float)
TIED_KW = {"normalization": "scale", "bounds": [[0, 3]] * 3}


def test_dead_heats_give_the_same_counts_as_before_the_fast_sort() -> None:
    """Recorded with the engine's earlier stable-argsort ranking (seed 5, 20,000 draws): a copy
    always ranks right behind its original, and every count is unchanged."""
    r = rank_acceptability(TIED, [1, 1, -1], Sampling(n_samples=20_000, seed=5), **TIED_KW)
    assert (r.acceptability * 20_000).round().astype(int).tolist() == [
        [0, 9943, 0, 0, 0, 10057, 0],
        [0, 0, 9943, 0, 0, 0, 10057],
        [0, 10057, 0, 0, 0, 9943, 0],
        [0, 0, 0, 20000, 0, 0, 0],
        [0, 0, 10057, 0, 0, 0, 9943],
        [20000, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 20000, 0, 0],
    ]
    np.testing.assert_allclose(r.central_weights[5], [0.330916, 0.334352, 0.334731], atol=1e-6)


TIE_VARIANTS = [
    ("weighted_sum", {"n_samples": 5000, "seed": 1}),
    ("weighted_sum", {"n_samples": 5000, "seed": 2, "weight_order": [2, 0, 1]}),
    ("topsis", {"n_samples": 5000, "seed": 3, "weight_bounds": [[0.1, 0.6]] * 3}),
    ("weighted_sum", {"n_samples": 1500, "seed": 4, "uncertain": True, "chunk_size": 333}),
    ("promethee_ii", {"n_samples": 3000, "seed": 6}),
]


@pytest.mark.parametrize("variant", range(len(TIE_VARIANTS)))
def test_fast_ranking_equals_the_stable_sort_reference(variant: int,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Same seed, same draws: ranking every draw with a plain stable argsort instead gives
    identical results, on inputs full of exact ties (copies, all-equal rows)."""
    import selector.mcda.acceptability as smaa

    method, options = TIE_VARIANTS[variant]
    kw = {"functions": "usual"} if method == "promethee_ii" else TIED_KW
    for x in (TIED, np.vstack([TIED] * 6), np.full((60, 3), 2.0)):
        fields = {k: v for k, v in options.items() if k != "uncertain"}
        if options.get("uncertain"):  # low == high on the last criterion: ties persist
            low = x.copy()
            low[:, :2] = np.clip(x[:, :2] - 1, 0, 3)
            fields.update(score_low=low, score_high=x)
        sampling = Sampling(**fields)
        fast = rank_acceptability(x, [1, 1, -1], sampling, method=method, **kw)
        first = rank_acceptability(x, [1, 1, -1], sampling, method=method, ranks=3, **kw)
        with monkeypatch.context() as patch:
            patch.setattr(smaa, "order_rows",
                          lambda s: np.argsort(-s, axis=-1, kind="stable"))
            patch.setattr(smaa, "top_rows",
                          lambda s, k: np.argsort(-s, axis=-1, kind="stable")[:, :k])
            reference = rank_acceptability(x, [1, 1, -1], sampling, method=method, **kw)
        np.testing.assert_array_equal(fast.acceptability, reference.acceptability)
        np.testing.assert_array_equal(fast.central_weights, reference.central_weights)
        np.testing.assert_array_equal(fast.confidence, reference.confidence)
        # counting only the first three ranks: those columns, and nothing else changes
        np.testing.assert_array_equal(first.acceptability, reference.acceptability[:, :3])
        np.testing.assert_array_equal(first.central_weights, reference.central_weights)
        np.testing.assert_array_equal(first.confidence, reference.confidence)


def test_all_equal_alternatives_keep_their_listed_order() -> None:
    r = rank_acceptability(np.full((50, 4), 3.0), [1, 1, -1, 1], Sampling(n_samples=2000))
    np.testing.assert_array_equal(r.acceptability, np.eye(50))


@pytest.mark.parametrize("method", ["weighted_sum", "topsis"])
def test_confidence_under_uncertainty_equals_scoring_each_table_on_its_own(method: str) -> None:
    """The confidence pass scores all sampled tables under all central weights at once; scoring
    each table alone with the public method (its own normalisation, its own ideal) and counting
    how often each winner still leads gives exactly the same shares."""
    from selector.mcda import topsis, weighted_sum

    x = np.array([[5.0, 4.0, 3.0], [4.6, 4.4, 3.2], [3.0, 5.0, 2.0], [4.9, 3.5, 3.9]])
    low, high = x - 0.8, x + 0.8
    r = rank_acceptability(x, [1, 1, -1], Sampling(600, seed=9, score_low=low, score_high=high),
                           method=method)
    # The confidence pass draws from the third stream of the seed (weights, scores, confidence).
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(9).spawn(3)[2]))
    tables = _ScoreStream(rng, low, high, None).take(600)
    score = weighted_sum if method == "weighted_sum" else topsis
    winners = np.flatnonzero(r.ever_first)
    assert winners.size >= 2  # the case is uncertain enough to test more than one winner
    for i in winners:
        leads = [int(np.argmax(score(t, r.central_weights[i], [1, 1, -1]))) == i for t in tables]
        assert r.confidence[i] == pytest.approx(sum(leads) / 600, abs=1e-12)


def test_without_the_confidence_pass_the_acceptabilities_are_the_same() -> None:
    """Skipping the confidence factors saves their work and changes nothing else: the
    confidence pass has its own random stream."""
    x = np.array([[5.0, 4.0, 3.0], [4.6, 4.4, 3.2], [3.0, 5.0, 2.0]])
    fields = {"n_samples": 800, "seed": 4, "score_low": x - 0.5, "score_high": x + 0.5}
    full = rank_acceptability(x, [1, 1, -1], Sampling(**fields))
    lean = rank_acceptability(x, [1, 1, -1], Sampling(**fields, confidence=False))
    assert lean.confidence is None and full.confidence is not None
    np.testing.assert_array_equal(lean.acceptability, full.acceptability)
    np.testing.assert_array_equal(lean.central_weights, full.central_weights)


def test_counting_the_first_ranks_of_a_market_needs_no_square_table() -> None:
    """2,000 alternatives, a third of them copies: the first ten ranks counted alone are the
    full matrix's first ten columns, each row's share is what the full row puts in them, and
    "ranks" beyond the number of alternatives means all of them."""
    rng = np.random.default_rng(8)
    x = rng.uniform(0, 5, (2000, 6))
    x[1::3] = x[::3][: len(x[1::3])]
    sampling = Sampling(n_samples=400, seed=2, confidence=False)
    full = rank_acceptability(x, np.ones(6), sampling)
    top = rank_acceptability(x, np.ones(6), sampling, ranks=10)
    assert top.acceptability.shape == (2000, 10)
    np.testing.assert_array_equal(top.acceptability, full.acceptability[:, :10])
    np.testing.assert_allclose(top.acceptability.sum(axis=0), 1.0)
    np.testing.assert_array_equal(top.central_weights, full.central_weights)
    every = rank_acceptability(x[:20], np.ones(6), sampling, ranks=50)
    np.testing.assert_array_equal(every.acceptability,
                                  rank_acceptability(x[:20], np.ones(6), sampling).acceptability)
    with pytest.raises(ValueError, match="ranks must be an integer >= 1"):
        rank_acceptability(x, np.ones(6), sampling, ranks=0)


def test_tables_drawn_ahead_on_another_core_are_the_draws_in_turn() -> None:
    """Drawing the next score table while the current one is scored must not change a single
    number, and a failing draw reaches the caller, not a thread's log."""
    sizes = [5, 1, 8, 3]
    ahead = list(drawn_ahead(np.random.default_rng(3).random, sizes))
    in_turn = np.random.default_rng(3)
    assert [len(a) for a in ahead] == sizes
    for drawn in ahead:
        np.testing.assert_array_equal(drawn, in_turn.random(len(drawn)))

    def failing(k: int) -> np.ndarray:
        if k == 8:
            raise MemoryError("no room for the third table")
        return np.zeros(k)

    taken = []
    with pytest.raises(MemoryError, match="third table"):
        for table in drawn_ahead(failing, sizes):
            taken.append(len(table))
    assert taken == [5, 1]


def test_a_caller_that_stops_early_leaves_no_draw_running() -> None:
    started = threading.active_count()
    draws = drawn_ahead(np.zeros, [4, 4, 4])
    next(draws)
    draws.close()
    assert threading.active_count() == started
