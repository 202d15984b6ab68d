"""Every kind of bad input raises ValueError with a message that says what and where."""

from __future__ import annotations

import numpy as np
import pytest

from selector.mcda import (
    Sampling,
    aggregate_judgments,
    aggregate_priorities,
    ahp,
    ahp_incomplete,
    disagreement,
    kendall_tau,
    method_agreement,
    next_comparison,
    normalize,
    passes,
    promethee_ii,
    rank,
    rank_acceptability,
    screen,
    stability_intervals,
    topsis,
    weighted_sum,
)

X = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]])
W = [0.2, 0.3, 0.5]
T = [1, -1, 1]
NAN_X = X.copy()
NAN_X[1, 2] = np.nan
INF_X = X.copy()
INF_X[2, 0] = np.inf
CONST_X = X.copy()
CONST_X[:, 1] = 4.0
ZERO_X = X.copy()
ZERO_X[:, 2] = 0.0
NONPOS_X = X.copy()
NONPOS_X[0, 1] = 0.0

CASES = [
    ("1-D matrix", lambda: weighted_sum([1, 2, 3], W, T), r"2-D array.*got 1-D"),
    ("empty matrix", lambda: topsis(np.empty((0, 3)), W, T), r"at least one alternative"),
    (
        "weights length",
        lambda: weighted_sum(X, [0.5, 0.5], T),
        r"weights must have shape \(3,\).*got \(2,\)",
    ),
    ("types length", lambda: topsis(X, W, [1, 1]), r"types must have shape \(3,\).*got \(2,\)"),
    ("types value", lambda: topsis(X, W, [1, 0, 1]), r"column 1 has 0"),
    ("NaN cell", lambda: weighted_sum(NAN_X, W, T), r"row 1, column 2"),
    ("inf cell", lambda: topsis(INF_X, W, T), r"row 2, column 0"),
    ("NaN weight", lambda: weighted_sum(X, [0.2, np.nan, 0.5], T), r"position 1"),
    ("text in matrix", lambda: weighted_sum([["a", 1, 2]] * 3, W, T), r"numbers only"),
    (
        "negative weight",
        lambda: weighted_sum(X, [0.2, -0.3, 0.5], T),
        r"criterion 1 has weight -0.3",
    ),
    ("zero weights", lambda: topsis(X, [0, 0, 0], T), r"all zero"),
    (
        "minmax constant column",
        lambda: weighted_sum(CONST_X, W, T, normalization="minmax"),
        r"column 1.*same value",
    ),
    ("vector zero column", lambda: topsis(ZERO_X, W, T), r"column 2, which is all zeros"),
    ("max cost zero", lambda: weighted_sum(NONPOS_X, W, T), r"cost column 1"),
    ("max benefit nonpositive", lambda: weighted_sum(ZERO_X, W, T), r"column 2"),
    ("sum nonpositive", lambda: normalize(NONPOS_X, T, "sum"), r"column 1"),
    ("unknown normalization", lambda: normalize(X, T, "zscore"), r"unknown normalization 'zscore'"),
    ("scale without bounds", lambda: normalize(X, T, "scale"), r"needs bounds"),
    ("bounds shape", lambda: normalize(X, T, "scale", [[0, 10]]), r"shape \(3, 2\); got \(1, 2\)"),
    (
        "bounds order",
        lambda: normalize(X, T, "scale", [[0, 10], [5, 5], [0, 10]]),
        r"criterion 1 must have low < high",
    ),
    (
        "outside scale",
        lambda: normalize(X, T, "scale", [[0, 5], [0, 10], [0, 10]]),
        r"row 2, column 0 lies outside",
    ),
    (
        "unknown function",
        lambda: promethee_ii(X, W, T, functions="step"),
        r"unknown preference function 'step' for criterion 0",
    ),
    ("functions length", lambda: promethee_ii(X, W, T, functions=["usual"]), r"expected 3, got 1"),
    (
        "missing p",
        lambda: promethee_ii(X, W, T, functions="vshape"),
        r"criterion 0 uses \"vshape\", which needs p",
    ),
    ("q not below p", lambda: promethee_ii(X, W, T, functions="linear", q=2, p=2), r"needs q < p"),
    (
        "negative s",
        lambda: promethee_ii(X, W, T, functions="gaussian", s=-1),
        r"s for criterion 0 must be > 0",
    ),
    ("pairwise not square", lambda: ahp([[1, 2, 3], [0.5, 1, 2]]), r"square.*\(2, 3\)"),
    (
        "pairwise not reciprocal",
        lambda: ahp([[1, 3, 2], [3, 1, 2], [0.5, 0.5, 1]]),
        r"row 0, column 1 is 3 but row 1, column 0 is 3",
    ),
    ("pairwise non-positive", lambda: ahp([[1, -2], [-0.5, 1]]), r"row 0, column 1 has -2"),
    ("pairwise zero", lambda: ahp([[1, 0], [0, 1]]), r"positive"),
    ("pairwise diagonal", lambda: ahp([[2, 1], [1, 1]]), r"row 0, column 0 has 2"),
    ("judgment out of scale", lambda: ahp([[1, 12], [1 / 12, 1]]), r"outside Saaty's scale"),
    ("pairwise NaN", lambda: ahp([[1, np.nan], [1, 1]]), r"row 0, column 1"),
    ("pairwise too large", lambda: ahp(np.ones((16, 16))), r"16 × 16.*at most 15"),
    ("judgment value", lambda: ahp_incomplete(3, [(0, 1, 20)]), r"outside Saaty's scale"),
    ("judgment self", lambda: ahp_incomplete(3, [(1, 1, 2)]), r"item 1 with itself"),
    ("judgment index", lambda: ahp_incomplete(3, [(0, 5, 2)]), r"valid items are 0..2"),
    ("judgment shape", lambda: next_comparison(3, [(0, 1)]), r"triple"),
    ("n not positive", lambda: ahp_incomplete(0, []), r"positive integer"),
    (
        "aggregate sizes",
        lambda: aggregate_judgments([np.ones((2, 2)), np.ones((3, 3))]),
        r"matrix 1 is \(3, 3\)",
    ),
    ("aggregate empty", lambda: aggregate_judgments([]), r"at least one"),
    ("member weights", lambda: aggregate_priorities([[1, 2], [2, 1]], [1]), r"expected \(2,\)"),
    ("veto everywhere", lambda: aggregate_priorities([[1, 0], [0, 1]]), r"zero everywhere"),
    (
        "priorities negative",
        lambda: disagreement([[0.5, -0.5]]),
        r"member 0 gives criterion 1 a negative",
    ),
    (
        "priorities zero",
        lambda: disagreement([[0, 0], [1, 1]]),
        r"member 0 gives every criterion zero",
    ),
    ("thresholds shape", lambda: screen(X, [1, 2]), r"thresholds must have shape \(3,\)"),
    ("threshold infinite", lambda: screen(X, [np.inf, np.nan, np.nan]), r"criterion 0 is infinite"),
    ("passes shape", lambda: passes([True, False]), r"from screen"),
    ("rank 2-D", lambda: rank(X), r"1-D"),
    ("rank NaN", lambda: rank([1.0, np.nan]), r"position 1"),
    ("tau lengths", lambda: kendall_tau([1, 2], [1, 2, 3]), r"equal length"),
    ("tau all tied", lambda: kendall_tau([1, 1, 1], [1, 2, 3]), r"rank_a ties every"),
    (
        "stability method",
        lambda: stability_intervals(X, W, T, method="electre"),
        r"unknown method 'electre'",
    ),
    (
        "stability promethee needs functions",
        lambda: stability_intervals(X, W, T, method="promethee_ii"),
        r"needs functions=",
    ),
    (
        "smaa n_samples",
        lambda: rank_acceptability(X, T, Sampling(n_samples=0)),
        r"n_samples must be an integer >= 1",
    ),
    ("smaa chunk", lambda: rank_acceptability(X, T, Sampling(chunk_size=0)), r"chunk_size"),
    ("smaa seed", lambda: rank_acceptability(X, T, Sampling(seed=1.5)), r"seed must be an integer"),
    (
        "smaa lower bounds infeasible",
        lambda: rank_acceptability(X, T, Sampling(weight_bounds=[[0.5, 1], [0.5, 1], [0.1, 1]])),
        r"lower bounds add up to 1.1 > 1",
    ),
    (
        "smaa upper bounds infeasible",
        lambda: rank_acceptability(X, T, Sampling(weight_bounds=[[0, 0.2], [0, 0.2], [0, 0.2]])),
        r"upper bounds add up to 0.6 < 1",
    ),
    (
        "smaa bounds order",
        lambda: rank_acceptability(X, T, Sampling(weight_bounds=[[0.5, 0.2], [0, 1], [0, 1]])),
        r"criterion 0 must satisfy",
    ),
    (
        "smaa bounds vs order",
        lambda: rank_acceptability(
            X, T, Sampling(10, weight_order=[0, 1, 2], weight_bounds=[[0, 0.3], [0, 1], [0, 1]])
        ),
        r"leave almost no room",
    ),
    (
        "smaa order",
        lambda: rank_acceptability(X, T, Sampling(weight_order=[0, 0, 1])),
        r"permutation of 0..2",
    ),
    (
        "smaa order length",
        lambda: rank_acceptability(X, T, Sampling(weight_order=[0, 1])),
        r"all 3 criterion indices",
    ),
    (
        "smaa low above",
        lambda: rank_acceptability(X, T, Sampling(score_low=X + 1, score_high=X + 2)),
        r"score_low is above the matrix value at row 0, column 0",
    ),
    (
        "smaa only low",
        lambda: rank_acceptability(X, T, Sampling(score_low=X)),
        r"both score_low and score_high",
    ),
    (
        "smaa mode alone",
        lambda: rank_acceptability(X, T, Sampling(score_mode=X)),
        r"score_mode needs",
    ),
    (
        "smaa mode outside",
        lambda: rank_acceptability(
            X, T, Sampling(score_low=X - 1, score_high=X + 1, score_mode=X + 2)
        ),
        r"score_mode is above score_high",
    ),
    (
        "smaa low shape",
        lambda: rank_acceptability(X, T, Sampling(score_low=X[:2], score_high=X)),
        r"matrix's shape",
    ),
    (
        "smaa low breaks normalization",
        lambda: rank_acceptability(X, T, Sampling(score_low=X - 5, score_high=X)),
        r'normalization "max"',
    ),
    ("agreement NaN", lambda: method_agreement(NAN_X, W, T), r"row 1, column 2"),
]


@pytest.mark.parametrize(("label", "call", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_raises_readable_value_error(label: str, call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_no_silent_nan_on_degenerate_but_valid_input() -> None:
    """Edge cases that are valid must give finite numbers, not NaN."""
    one = np.array([[3.0, 4.0]])
    assert np.isfinite(weighted_sum(one, [1, 1], [1, -1])).all()
    assert np.isfinite(topsis(one, [1, 1], [1, -1])).all()
    assert np.isfinite(promethee_ii(one, [1, 1], [1, -1], functions="usual")).all()
    same = np.array([[3.0, 4.0], [3.0, 4.0]])
    assert np.isfinite(topsis(same, [1, 1], [1, -1])).all()
    r = rank_acceptability(same, [1, -1], Sampling(n_samples=100))
    assert np.isfinite(r.central_weights).all() and np.isfinite(r.confidence).all()
    zero_weight = weighted_sum(X, [0, 0, 1], T)
    assert np.isfinite(zero_weight).all()
