"""Weighted sum and TOPSIS: published worked example, hand calculations, peer libraries."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from pymcdm import methods as pm
from pymcdm import normalizations as pn

from selector.mcda import normalize, rank, topsis, weighted_sum

# Hwang & Yoon (1981), "Multiple Attribute Decision Making: Methods and Applications",
# Springer, fighter-aircraft example: max speed, ferry range, max payload (benefit),
# acquisition cost (cost), reliability, manoeuvrability (benefit).
AIRCRAFT = [
    [2.0, 1500, 20000, 5.5, 5, 9],
    [2.5, 2700, 18000, 6.5, 3, 5],
    [1.8, 2000, 21000, 4.5, 7, 7],
    [2.2, 1800, 20000, 5.0, 5, 5],
]
AIRCRAFT_W = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3]
AIRCRAFT_T = [1, 1, 1, -1, 1, 1]


def _hand_topsis(rows: list[list[float]], w: list[float], t: list[int]) -> list[float]:
    """Textbook TOPSIS step by step in plain Python (no numpy), as in Hwang & Yoon."""
    m, n = len(rows), len(rows[0])
    norms = [math.sqrt(sum(rows[i][j] ** 2 for i in range(m))) for j in range(n)]
    v = [[w[j] * rows[i][j] / norms[j] for j in range(n)] for i in range(m)]
    best = [
        (max if t[j] > 0 else min)(v[i][j] for i in range(m)) for j in range(n)
    ]
    worst = [
        (min if t[j] > 0 else max)(v[i][j] for i in range(m)) for j in range(n)
    ]
    out = []
    for i in range(m):
        dp = math.sqrt(sum((v[i][j] - best[j]) ** 2 for j in range(n)))
        dm = math.sqrt(sum((v[i][j] - worst[j]) ** 2 for j in range(n)))
        out.append(dm / (dp + dm))
    return out


def test_topsis_fighter_aircraft_example() -> None:
    """Hwang & Yoon (1981) fighter aircraft: C* ≈ 0.643 (A1) and 0.268 (A2), A1 > A3 > A4 > A2.

    The full closeness vector is checked against the hand calculation above.
    """
    got = topsis(AIRCRAFT, AIRCRAFT_W, AIRCRAFT_T)
    np.testing.assert_allclose(got, _hand_topsis(AIRCRAFT, AIRCRAFT_W, AIRCRAFT_T), atol=1e-12)
    assert got[0] == pytest.approx(0.643, abs=5e-4)
    assert got[1] == pytest.approx(0.268, abs=5e-4)
    assert rank(got).tolist() == [1, 4, 2, 3]


def test_weighted_sum_hand_example() -> None:
    """Two criteria, benefit and cost, "max" normalisation worked by hand.

    price (cost) 100, 200, 400 → min/x = 1, 0.5, 0.25; quality (benefit) 8, 10, 4 → x/max =
    0.8, 1, 0.4; weights 0.6 price, 0.4 quality.
    """
    x = [[100, 8], [200, 10], [400, 4]]
    got = weighted_sum(x, [3, 2], [-1, 1])  # weights rescaled to 0.6 / 0.4
    expected = [0.6 * 1 + 0.4 * 0.8, 0.6 * 0.5 + 0.4 * 1.0, 0.6 * 0.25 + 0.4 * 0.4]
    np.testing.assert_allclose(got, expected, atol=1e-15)


def test_weighted_sum_scale_normalisation_by_hand() -> None:
    """Declared 1-5 scale for quality and 0-1000 € for price: (x-low)/(high-low)."""
    x = [[4, 250], [2, 750]]
    got = weighted_sum(x, [0.5, 0.5], [1, -1], normalization="scale",
                       bounds=[[1, 5], [0, 1000]])
    np.testing.assert_allclose(got, [0.5 * 0.75 + 0.5 * 0.75, 0.5 * 0.25 + 0.5 * 0.25])


def test_scale_normalisation_cannot_reorder_when_alternatives_change() -> None:
    """With declared scales, adding or removing alternatives leaves other scores unchanged."""
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 10, (12, 5))
    t = np.array([1, -1, 1, 1, -1])
    w = rng.random(5)
    b = np.tile([0.0, 10.0], (5, 1))
    full = weighted_sum(x, w, t, normalization="scale", bounds=b)
    part = weighted_sum(x[3:9], w, t, normalization="scale", bounds=b)
    np.testing.assert_allclose(part, full[3:9], atol=1e-15)
    # The same experiment with "max" shows why it matters: the scores move.
    full_max = weighted_sum(x, w, t)
    part_max = weighted_sum(x[3:9], w, t)
    assert not np.allclose(part_max, full_max[3:9])


# Our normalisations and their pymcdm counterparts (pymcdm's "max" differs for costs:
# 1 - x/max; its linear_normalization is our "max": x/max and min/x).
PYMCDM_NORMALIZATION = {
    "max": pn.linear_normalization,
    "minmax": pn.minmax_normalization,
    "vector": pn.vector_normalization,
    "sum": pn.sum_normalization,
}


def _random_problem(seed: int, m: int = 15, n: int = 6):
    rng = np.random.default_rng(seed)
    x = rng.uniform(1.0, 100.0, (m, n))
    w = rng.random(n)
    w /= w.sum()
    t = np.where(rng.random(n) < 0.4, -1, 1)
    t[0] = 1
    t[-1] = -1
    return x, w, t


@pytest.mark.parametrize("method", sorted(PYMCDM_NORMALIZATION))
@pytest.mark.parametrize("seed", range(5))
def test_normalize_matches_pymcdm(method: str, seed: int) -> None:
    x, _, t = _random_problem(seed)
    from pymcdm.helpers import normalize_matrix

    expected = normalize_matrix(x, PYMCDM_NORMALIZATION[method], t)
    np.testing.assert_allclose(normalize(x, t, method), expected, rtol=1e-12)


@pytest.mark.parametrize("method", sorted(PYMCDM_NORMALIZATION))
@pytest.mark.parametrize("seed", range(5))
def test_weighted_sum_matches_pymcdm(method: str, seed: int) -> None:
    x, w, t = _random_problem(seed)
    expected = pm.WSM(PYMCDM_NORMALIZATION[method])(x, w, t)
    np.testing.assert_allclose(weighted_sum(x, w, t, normalization=method), expected, rtol=1e-12)


@pytest.mark.parametrize("method", sorted(PYMCDM_NORMALIZATION))
@pytest.mark.parametrize("seed", range(5))
def test_topsis_matches_pymcdm(method: str, seed: int) -> None:
    x, w, t = _random_problem(seed)
    expected = pm.TOPSIS(PYMCDM_NORMALIZATION[method])(x, w, t)
    np.testing.assert_allclose(topsis(x, w, t, normalization=method), expected, rtol=1e-10)


@pytest.mark.parametrize("seed", range(5))
def test_topsis_matches_scikit_criteria(seed: int) -> None:
    """scikit-criteria's TOPSIS on a vector-scaled matrix; it handles cost columns itself."""
    import skcriteria as skc  # a test dependency: a missing install must fail, not skip
    from skcriteria.agg.topsis import TOPSIS
    from skcriteria.preprocessing.scalers import VectorScaler

    x, w, t = _random_problem(seed)
    dm = skc.mkdm(x, objectives=[max if v > 0 else min for v in t], weights=w)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "TOPSIS with minimisation objectives"
        result = TOPSIS().evaluate(VectorScaler(target="matrix").transform(dm))
    np.testing.assert_allclose(topsis(x, w, t), result.e_.similarity, rtol=1e-10)


def test_topsis_single_alternative_is_half_not_nan() -> None:
    assert topsis([[1.0, 2.0]], [1, 1], [1, -1]).tolist() == [0.5]


def test_topsis_bounded_and_extremes() -> None:
    x, w, t = _random_problem(11, m=40)
    c = topsis(x, w, t)
    assert np.all((c >= 0) & (c <= 1))
    dominant = np.where(t > 0, x.max(axis=0), x.min(axis=0))
    dominated = np.where(t > 0, x.min(axis=0), x.max(axis=0))
    c2 = topsis(np.vstack([x, dominant, dominated]), w, t)
    assert c2[-2] == pytest.approx(1.0)
    assert c2[-1] == pytest.approx(0.0)


def test_weights_are_rescaled() -> None:
    x, w, t = _random_problem(2)
    np.testing.assert_allclose(weighted_sum(x, w * 100, t), weighted_sum(x, w, t))
    np.testing.assert_allclose(topsis(x, w * 7, t), topsis(x, w, t))


def _exact_weighted_sum(x: np.ndarray, w: np.ndarray, t: np.ndarray, method: str,
                        bounds: np.ndarray | None = None) -> list[float]:
    """The weighted sum in exact rational arithmetic, straight from the normalisation table
    (vector's square roots are the only rounded step)."""
    from fractions import Fraction as F

    m, n = x.shape
    cols = [[F(float(x[i, j])) for i in range(m)] for j in range(n)]
    total_w = sum(F(float(v)) for v in w)
    scores = [F(0)] * m
    for j, col in enumerate(cols):
        cost = t[j] < 0
        if method == "max":
            r = [min(col) / v for v in col] if cost else [v / max(col) for v in col]
        elif method in ("minmax", "scale"):
            lo, hi = (min(col), max(col)) if method == "minmax" else map(F, bounds[j])
            r = [(v - lo) / (hi - lo) for v in col]
            r = [1 - v for v in r] if cost else r
        elif method == "sum":
            vals = [1 / v for v in col] if cost else col
            r = [v / sum(vals) for v in vals]
        else:  # vector
            length = F(math.sqrt(sum(float(v) ** 2 for v in col)))
            r = [1 - v / length for v in col] if cost else [v / length for v in col]
        scores = [s + F(float(w[j])) / total_w * v for s, v in zip(scores, r, strict=True)]
    return [float(s) for s in scores]


@pytest.mark.parametrize("method", ["max", "minmax", "vector", "sum", "scale"])
@pytest.mark.parametrize("offset", [0.0, 1e3, 1e9])
def test_weighted_sum_is_exact_to_rounding_for_every_normalisation(method: str,
                                                                    offset: float) -> None:
    """Folding the weights into the columns must not cost accuracy, even for criteria whose
    values sit far from zero compared with their range (years, serial numbers, 1e9 ± 50)."""
    rng = np.random.default_rng(21)
    x = offset + rng.uniform(1.0, 100.0, (12, 5))
    w = rng.random(5)
    t = np.array([1, -1, 1, -1, 1])
    bounds = np.column_stack([np.full(5, offset), np.full(5, offset + 101.0)])
    got = weighted_sum(x, w, t, normalization=method, bounds=bounds)
    expected = _exact_weighted_sum(x, w, t, method, bounds)
    np.testing.assert_allclose(got, expected, rtol=1e-13, atol=1e-15)


def test_results_do_not_depend_on_memory_layout() -> None:
    """Fortran-ordered, strided and long matrices go through the same arithmetic."""
    x, w, t = _random_problem(8, m=3001, n=7)
    for method in ("max", "vector", "minmax"):
        expected_ws = weighted_sum(x, w, t, normalization=method)
        expected_tp = topsis(x, w, t, normalization=method)
        for variant in (np.asfortranarray(x), np.repeat(x, 2, axis=1)[:, ::2]):
            np.testing.assert_allclose(weighted_sum(variant, w, t, normalization=method),
                                       expected_ws, rtol=1e-13)
            np.testing.assert_allclose(topsis(variant, w, t, normalization=method),
                                       expected_tp, rtol=1e-12)


@pytest.mark.parametrize("method", ["max", "minmax", "vector", "sum"])
def test_topsis_matches_hand_calculation_on_a_long_matrix(method: str) -> None:
    """Many alternatives (the column extremes are computed blockwise) and cost columns."""
    x, w, t = _random_problem(5, m=2053, n=6)
    expected = pm.TOPSIS(PYMCDM_NORMALIZATION[method])(x, w, t, validation=False)
    np.testing.assert_allclose(topsis(x, w, t, normalization=method), expected, rtol=1e-10)
    expected = pm.WSM(PYMCDM_NORMALIZATION[method])(x, w, t, validation=False)
    np.testing.assert_allclose(weighted_sum(x, w, t, normalization=method), expected,
                               rtol=1e-12)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("column", [0, 1])
@pytest.mark.parametrize("method", ["max", "minmax", "vector", "sum"])
def test_missing_or_infinite_value_is_found_wherever_it_is(bad: float, column: int,
                                                           method: str) -> None:
    """Finiteness is checked from the column extremes; every position and sign is caught."""
    x, w, _ = _random_problem(6, m=2000, n=2)
    t = np.array([1, -1])  # column 1 is a cost (the reciprocal side of "max" and "sum")
    x[1234, column] = bad
    for method_call in (weighted_sum, topsis):
        with pytest.raises(ValueError, match=rf"row 1234, column {column}"):
            method_call(x, w, t, normalization=method)


@pytest.mark.parametrize("shape", [(1, 3), (7, 1), (100, 40), (2049, 3), (3, 1000, 20), (5, 3)])
def test_column_extremes_equal_numpys_bit_for_bit(shape: tuple[int, ...]) -> None:
    from selector.mcda._columns import column_max, column_min

    x = np.random.default_rng(2).standard_normal(shape)
    np.testing.assert_array_equal(column_max(x), x.max(axis=-2))
    np.testing.assert_array_equal(column_min(x), x.min(axis=-2))
    x[(0,) * (len(shape) - 2) + (shape[-2] - 1, shape[-1] - 1)] = np.nan  # in the last row
    assert np.isnan(column_max(x)).sum() == 1 and np.isnan(column_min(x)).sum() == 1
