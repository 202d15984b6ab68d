"""PROMETHEE II: a hand-worked example with mixed preference functions, peer library checks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from pymcdm import methods as pm

from selector.mcda import promethee_ii

# Four CRMs: price per seat (cost, "linear" q=5 p=15), user rating (benefit, "level" q=0.5
# p=1.5), support quality 1-5 (benefit, "gaussian" s=1.5). Weights 0.5 / 0.3 / 0.2.
X = [[80, 3.0, 2], [65, 4.5, 5], [90, 2.0, 4], [70, 4.0, 3]]
FUNCTIONS = ["linear", "level", "gaussian"]
Q = [5, 0.5, np.nan]
P = [15, 1.5, np.nan]
S = [np.nan, np.nan, 1.5]


def test_promethee_mixed_functions_hand_worked() -> None:
    """Preference degrees worked out by hand from Brans & Vincke (1985), Management Science
    31(6), "A preference ranking organisation method", definitions of the generalised criteria.

    Price (cost: d(a, b) = price_b - price_a), linear q=5 p=15, P = (d - 5) / 10 clipped:
      P(1,0)=1 (d=15), P(0,2)=0.5 (d=10), P(3,0)=0.5 (d=10), P(1,2)=1 (d=25), P(3,2)=1 (d=20),
      P(1,3)=0 (d=5 <= q); all others 0.
      φ_price = [(0.5 - 1.5), (2 - 0), (0 - 2.5), (1.5 - 0)] / 3.
    Rating, level q=0.5 p=1.5:
      P(1,0)=0.5 (d=1.5), P(0,2)=0.5 (d=1), P(3,0)=0.5 (d=1), P(1,2)=1 (d=2.5), P(3,2)=1 (d=2),
      P(1,3)=0 (d=0.5 <= q).
      φ_rating = [(0.5 - 1), 1.5, -2.5, 1.5] / 3.
    Support, gaussian s=1.5, g(d) = 1 - exp(-d² / 4.5): differences 3 (1,0), 2 (2,0), 1 (3,0),
      1 (1,2), 2 (1,3), 1 (2,3).
      φ_support = [-(g1 + g2 + g3), g1 + g2 + g3, g2 + g1 - g1, g1 - g2 - g1] / 3.
    """
    g1, g2, g3 = (1 - math.exp(-d * d / 4.5) for d in (1, 2, 3))
    phi_price = np.array([-1.0, 2.0, -2.5, 1.5]) / 3
    phi_rating = np.array([-0.5, 1.5, -2.5, 1.5]) / 3
    phi_support = np.array([-(g1 + g2 + g3), g1 + g2 + g3, g2, -g2]) / 3
    expected = 0.5 * phi_price + 0.3 * phi_rating + 0.2 * phi_support
    got = promethee_ii(X, [0.5, 0.3, 0.2], [-1, 1, 1], functions=FUNCTIONS, q=Q, p=P, s=S)
    np.testing.assert_allclose(got, expected, atol=1e-15)
    assert got.sum() == pytest.approx(0.0, abs=1e-15)


def test_promethee_pymcdm_documented_example() -> None:
    """pymcdm documentation example for PROMETHEE II, usual criterion: [0.1, -0.3, 0.2]."""
    x = [[4, 3, 2], [3, 2, 4], [5, 1, 3]]
    got = promethee_ii(x, [0.5, 0.3, 0.2], [1, 1, 1], functions="usual")
    np.testing.assert_allclose(got, [0.1, -0.3, 0.2], atol=1e-12)


# pymcdm's "vshape_2" is the linear criterion with indifference (our "linear").
PYMCDM_NAMES = {"usual": "usual", "ushape": "ushape", "vshape": "vshape", "level": "level",
                "linear": "vshape_2"}


@pytest.mark.parametrize("function", sorted(PYMCDM_NAMES))
@pytest.mark.parametrize("seed", range(4))
def test_promethee_matches_pymcdm(function: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = 12, 5
    x = rng.integers(0, 20, (m, n)).astype(float)  # integer data creates ties and thresholds hits
    w = rng.random(n)
    w /= w.sum()
    t = np.array([1, -1, 1, -1, 1])
    q = rng.uniform(0.0, 3.0, n).round()
    p = q + rng.uniform(1.0, 6.0, n).round()
    needs_q = function in ("ushape", "level", "linear")
    needs_p = function in ("vshape", "level", "linear")
    peer = pm.PROMETHEE_II(
        PYMCDM_NAMES[function], p=p if needs_p else None, q=q if needs_q else None
    )
    got = promethee_ii(x, w, t, functions=function, q=q if needs_q else None,
                       p=p if needs_p else None)
    np.testing.assert_allclose(got, peer(x, w, t), atol=1e-12)


def test_cost_is_handled_by_direction_not_inverse() -> None:
    """A cost column behaves exactly like its negation as a benefit column (no 1/x)."""
    rng = np.random.default_rng(5)
    x = rng.uniform(10, 1000, (9, 3))
    w = [0.2, 0.5, 0.3]
    kw = dict(functions=["linear", "vshape", "gaussian"], q=[10, 0, 0], p=[200, 300, 0],
              s=[0, 0, 150])
    as_cost = promethee_ii(x, w, [1, -1, 1], **kw)
    as_negated = promethee_ii(x * [1, -1, 1], w, [1, 1, 1], **kw)
    np.testing.assert_allclose(as_cost, as_negated, atol=1e-15)
    shifted = promethee_ii(x + [0, 5000, 0], w, [1, -1, 1], **kw)
    np.testing.assert_allclose(shifted, as_cost, atol=1e-15)  # only differences matter


def test_single_alternative_has_zero_flow() -> None:
    assert promethee_ii([[1.0, 2.0]], [1, 1], [1, 1], functions="usual").tolist() == [0.0]
