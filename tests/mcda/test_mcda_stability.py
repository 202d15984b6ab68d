"""Weight stability intervals, verified by brute force with the public scoring functions."""

from __future__ import annotations

import numpy as np
import pytest

from selector.mcda import promethee_ii, rank, stability_intervals, topsis, weighted_sum


def _path(w: np.ndarray, j: int, t: float) -> np.ndarray:
    """Independent construction of the proportional path: criterion j gets t, others share 1-t."""
    rest = np.delete(w, j)
    rest = rest / rest.sum()
    out = np.insert(rest * (1 - t), j, t)
    return out


def _leader(score_fn, x, w, t) -> int:
    return int(np.argmin(rank(score_fn(x, w, t))))


METHODS = {
    "weighted_sum": (lambda x, w, t: weighted_sum(x, w, t), {}),
    "topsis": (lambda x, w, t: topsis(x, w, t), {}),
    "promethee_ii": (
        lambda x, w, t: promethee_ii(x, w, t, functions="linear", q=0.5, p=4.0),
        {"functions": "linear", "q": 0.5, "p": 4.0},
    ),
}


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("seed", range(6))
def test_intervals_by_brute_force(method: str, seed: int) -> None:
    score, kwargs = METHODS[method]
    rng = np.random.default_rng(seed)
    m, n = 8, 4
    x = rng.uniform(1, 10, (m, n))
    t = np.array([1, -1, 1, 1])
    w = rng.uniform(0.1, 1.0, n)
    w /= w.sum()
    result = stability_intervals(x, w, t, method=method, **kwargs)
    assert result.exact == (method != "topsis")
    winner = _leader(score, x, w, t)
    assert result.winner == winner
    eps = 1e-6
    flips = 0
    for j in range(n):
        low, high = result.low[j], result.high[j]
        assert 0.0 <= low <= w[j] <= high <= 1.0
        # Inside the interval (sampled densely), the winner stays first.
        for tj in np.linspace(low + eps, high - eps, 41):
            assert _leader(score, x, _path(w, j, tj), t) == winner
        # Just outside, the reported alternative has taken first place.
        if result.takes_first_above[j] >= 0:
            flips += 1
            assert high < 1.0
            leader = _leader(score, x, _path(w, j, high + eps), t)
            assert leader == result.takes_first_above[j] != winner
        else:
            assert high == 1.0
        if result.takes_first_below[j] >= 0:
            flips += 1
            assert low > 0.0
            leader = _leader(score, x, _path(w, j, low - eps), t)
            assert leader == result.takes_first_below[j] != winner
        else:
            assert low == 0.0
    assert flips > 0  # the random problems do have changes of first place to check


def test_exact_interval_by_hand() -> None:
    """Two alternatives, two criteria, scale normalisation so the lines are easy to write:
    A = (1.0, 0.0), B = (0.0, 0.6) after normalisation. Score_A(w0) = w0, score_B(w0) =
    0.6 (1 - w0); A stays first while w0 >= 0.6 / 1.6 = 0.375.
    """
    x = [[10, 0], [0, 6]]
    bounds = [[0, 10], [0, 10]]
    result = stability_intervals(x, [0.5, 0.5], [1, 1], normalization="scale", bounds=bounds)
    assert result.winner == 0
    assert result.low[0] == pytest.approx(0.375)
    assert result.high[0] == 1.0
    assert result.takes_first_below.tolist() == [1, -1]
    assert result.takes_first_above.tolist() == [-1, 1]
    assert result.high[1] == pytest.approx(0.625)
    assert result.low[1] == 0.0


def test_dominant_winner_never_changes() -> None:
    x = [[9, 9], [5, 5], [1, 1]]
    result = stability_intervals(x, [0.3, 0.7], [1, 1])
    assert result.low.tolist() == [0.0, 0.0] and result.high.tolist() == [1.0, 1.0]
    assert (result.takes_first_above == -1).all() and (result.takes_first_below == -1).all()


def test_single_criterion() -> None:
    result = stability_intervals([[1.0], [2.0]], [1.0], [1])
    assert result.winner == 1 and result.low.tolist() == [1.0] and result.high.tolist() == [1.0]


def test_full_weight_on_one_criterion_shares_the_rest_equally() -> None:
    x = [[10, 1, 1], [9, 10, 10]]
    result = stability_intervals(x, [1, 0, 0], [1, 1, 1], normalization="scale",
                                 bounds=[[0, 10]] * 3)
    # score_A = t + (1-t)(0.1 + 0.1)/2 = 0.1 + 0.9 t; score_B = 0.9 t + (1-t) = 1 - 0.1 t
    # A first while 0.1 + 0.9 t >= 1 - 0.1 t, i.e. t >= 0.9.
    assert result.winner == 0
    assert result.low[0] == pytest.approx(0.9)
    assert result.takes_first_below[0] == 1
