"""Must-have screening, deterministic ranking and Kendall's tau."""

from __future__ import annotations

import doctest
import importlib

import numpy as np
import pytest
from scipy import stats

from selector.mcda import kendall_tau, method_agreement, passes, rank, screen
from selector.mcda.ranking import order_rows, top_rows


def test_screen_benefit_minimum_cost_maximum_nan_ignored() -> None:
    x = [
        [99.5, 40, 1],  # uptime %, price (cost), has SSO (0/1)
        [99.9, 60, 0],
        [98.0, 30, 1],
        [99.9, 50, 1],
    ]
    fails = screen(x, [99.5, 55, np.nan], types=[1, -1, 1])
    assert fails.tolist() == [
        [False, False, False],  # exactly at the minimum passes
        [False, True, False],
        [True, False, False],
        [False, False, False],
    ]
    assert passes(fails).tolist() == [True, False, False, True]


def test_screen_defaults_to_benefit_and_no_thresholds_pass_everyone() -> None:
    x = np.arange(12.0).reshape(4, 3)
    assert not screen(x, [np.nan] * 3).any()
    assert screen(x, [5, np.nan, np.nan])[:, 0].tolist() == [True, True, False, False]


def test_rank_breaks_ties_by_input_order() -> None:
    assert rank([0.5, 0.9, 0.5, 0.9, 0.1]).tolist() == [3, 1, 4, 2, 5]
    assert rank([0.0, -0.0]).tolist() == [1, 2]
    assert rank([2.0]).tolist() == [1]


def test_rank_is_a_permutation_matching_a_slow_definition() -> None:
    rng = np.random.default_rng(0)
    s = rng.integers(0, 5, 50).astype(float)
    # rank_i = 1 + #better + #equal with a lower index
    slow = [1 + sum(s[k] > s[i] or (s[k] == s[i] and k < i) for k in range(50))
            for i in range(50)]
    assert rank(s).tolist() == slow


@pytest.mark.parametrize("seed", range(5))
def test_kendall_tau_matches_scipy_tau_b(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 6, 30)
    b = rng.integers(0, 6, 30)
    expected = stats.kendalltau(a, b, variant="b").statistic
    assert kendall_tau(a, b) == pytest.approx(expected, abs=1e-12)


def _stable_reference(scores: np.ndarray) -> np.ndarray:
    """The definition of the engine's order: best first, equal scores in input order."""
    return np.argsort(-scores, axis=-1, kind="stable")


def _tie_heavy_inputs() -> list[np.ndarray]:
    rng = np.random.default_rng(17)
    out = []
    for m in (2, 5, 200, 1000, 1500):
        k = max(2, 40_000 // m)
        coarse = np.round(rng.random((k, m)) * 3) / 3  # only 4 distinct values per row
        equal = np.full((k, m), 0.25)  # every row one dead heat
        mixed = rng.random((k, m))
        mixed[::3] = 0.5  # some rows all equal, the others without ties
        signed = rng.choice([0.0, -0.0, 1.0, -1.0, 5e-324, -5e-324], (k, m))
        base = rng.random((k, m))
        close = base.copy()  # neighbours one ulp apart: distinct, but nearly tied
        close[:, 1::2] = np.nextafter(base[:, : m // 2], 2.0)
        copies = rng.random((k, m))
        copies[:, m // 2 :] = copies[:, : m - m // 2]  # every alternative has a twin
        spread = rng.standard_normal((k, m)) * rng.choice([1e-300, 1.0, 1e300], (k, 1))
        out += [coarse, equal, mixed, signed, close, copies, spread]
    return out


@pytest.mark.parametrize("case", range(35))
def test_order_breaks_ties_by_input_order_exactly_like_a_stable_sort(case: int) -> None:
    """The fast order (packed integer keys) must equal the stable argsort on any input,
    however many exact ties, signed zeros or one-ulp neighbours it has."""
    scores = _tie_heavy_inputs()[case]
    np.testing.assert_array_equal(order_rows(scores), _stable_reference(scores))
    np.testing.assert_array_equal(order_rows(scores[0]), _stable_reference(scores[0]))


@pytest.mark.parametrize("case", range(35))
def test_the_first_ranks_alone_are_those_of_the_full_order(case: int) -> None:
    """Selecting only the best k of each row (a partition, not a sort) gives exactly the first
    k columns of the stable order: at the cut, exact ties go by input order and one-ulp
    neighbours by their value."""
    scores = _tie_heavy_inputs()[case]
    m = scores.shape[1]
    for k in sorted({1, 2, 3, min(m, 100), max(1, m - 1), m}):
        np.testing.assert_array_equal(top_rows(scores, k), _stable_reference(scores)[:, :k])


def test_order_of_a_stack_and_of_tiny_inputs() -> None:
    rng = np.random.default_rng(3)
    stack = np.round(rng.random((4, 500, 30)) * 2)
    np.testing.assert_array_equal(order_rows(stack), _stable_reference(stack))
    assert order_rows(np.array([[7.0]])).tolist() == [[0]]
    assert order_rows(np.array([2.0, 2.0, 3.0])).tolist() == [2, 0, 1]


def test_kendall_tau_simple_cases() -> None:
    assert kendall_tau([1, 2, 3], [1, 2, 3]) == 1.0
    assert kendall_tau([1, 2, 3], [3, 2, 1]) == -1.0
    # 4 items, one swapped pair: (5 - 1) / 6
    assert kendall_tau([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(4 / 6)
    assert kendall_tau([1], [1]) == 1.0


def test_method_agreement_on_dominance_structure() -> None:
    """When each alternative dominates the next, every method agrees: tau = 1 everywhere."""
    x = np.array([[9, 1, 9], [7, 2, 8], [5, 3, 6], [3, 4, 2]], dtype=float)
    result = method_agreement(x, [0.3, 0.3, 0.4], [1, -1, 1])
    assert result.methods == ("weighted_sum", "topsis", "promethee_ii")
    assert (result.rankings == [1, 2, 3, 4]).all()
    np.testing.assert_array_equal(result.tau, np.ones((3, 3)))
    assert result.min_tau == 1.0


def test_method_agreement_reports_disagreement() -> None:
    """A balanced compromise vs. extreme profiles: TOPSIS and PROMETHEE II can disagree with
    the weighted sum; tau must equal the tau of the reported rankings."""
    rng = np.random.default_rng(4)
    x = rng.uniform(0, 10, (25, 4))
    result = method_agreement(x, [1, 1, 1, 1], [1, 1, -1, 1])
    for i in range(3):
        for j in range(3):
            assert result.tau[i, j] == pytest.approx(
                stats.kendalltau(result.rankings[i], result.rankings[j]).statistic
            )
    assert result.tau.shape == (3, 3)


MODULES = ["ranking", "screening", "weighted_sum", "topsis", "promethee", "ahp", "agreement",
           "acceptability"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"selector.mcda.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


def test_python_api_documentation_examples() -> None:
    """docs/python-api.md is executable: its examples must keep matching the engine."""
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "python-api.md"
    result = doctest.testfile(str(doc), module_relative=False)
    assert result.attempted > 20
    assert result.failed == 0
