"""AHP: Saaty's published examples, consistency diagnostics, incomplete and group judgments."""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pytest

from selector.mcda import (
    SAATY_RI,
    aggregate_judgments,
    aggregate_priorities,
    ahp,
    ahp_incomplete,
    disagreement,
    next_comparison,
)

# Saaty's "relative wealth of nations" matrix (US, USSR, China, France, UK, Japan, W. Germany):
# T. L. Saaty, The Analytic Hierarchy Process, McGraw-Hill, 1980, and Saaty (2008),
# "Decision making with the analytic hierarchy process", Int. J. Services Sciences 1(1).
# Published eigenvector .427 .230 .021 .052 .052 .123 .094, λmax = 7.61, CR = 0.08.
WEALTH = np.array([
    [1, 4, 9, 6, 6, 5, 5],
    [1 / 4, 1, 7, 5, 5, 3, 4],
    [1 / 9, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 7, 1 / 5],
    [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
    [1 / 6, 1 / 5, 5, 1, 1, 1 / 3, 1 / 3],
    [1 / 5, 1 / 3, 7, 3, 3, 1, 2],
    [1 / 5, 1 / 4, 5, 3, 3, 1 / 2, 1],
])

# Saaty's optics experiment (relative brightness of four chairs; Saaty 1977, J. Math. Psych.
# 15, "A scaling method for priorities in hierarchical structures"): λmax = 4.39, which makes
# CI = 0.13 and CR = 0.13 / 0.90 ≈ 0.14 > 0.10.
OPTICS = np.array([
    [1, 5, 6, 7],
    [1 / 5, 1, 4, 6],
    [1 / 6, 1 / 4, 1, 4],
    [1 / 7, 1 / 6, 1 / 4, 1],
])


def test_saaty_wealth_of_nations() -> None:
    result = ahp(WEALTH)
    np.testing.assert_allclose(
        result.weights, [0.427, 0.230, 0.021, 0.052, 0.052, 0.123, 0.094], atol=6e-4
    )
    assert result.lambda_max == pytest.approx(7.61, abs=5e-3)
    assert result.ri == 1.32
    assert result.cr == pytest.approx(0.08, abs=5e-3)
    assert result.consistent
    assert result.revisit == ()
    assert "Saaty" in result.ri_table


def test_saaty_optics_is_inconsistent_and_names_judgments() -> None:
    result = ahp(OPTICS)
    assert result.lambda_max == pytest.approx(4.39, abs=5e-3)
    assert result.ci == pytest.approx(0.13, abs=5e-3)
    assert result.cr == pytest.approx(0.14, abs=5e-3)
    assert not result.consistent
    assert len(result.revisit) == 6
    contributions = [r.contribution for r in result.revisit]
    assert contributions == sorted(contributions, reverse=True)
    w = result.weights
    for r in result.revisit:
        # Independent recomputation of each field from the weights.
        assert r.consistent == pytest.approx(w[r.i] / w[r.j])
        assert r.contribution == pytest.approx(abs(math.log(OPTICS[r.i, r.j] * w[r.j] / w[r.i])))
        scale = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2] + list(range(1, 10))
        nearest = min(scale, key=lambda v: abs(math.log(v) - math.log(r.consistent)))
        assert r.suggested == pytest.approx(nearest)
    # Replacing the worst judgment with its suggestion lowers the inconsistency.
    worst = result.revisit[0]
    fixed = OPTICS.copy()
    fixed[worst.i, worst.j] = worst.suggested
    fixed[worst.j, worst.i] = 1 / worst.suggested
    assert ahp(fixed).cr < result.cr


def test_eigenvector_matches_power_iteration() -> None:
    """Independent principal-eigenvector computation by power iteration in plain Python."""
    a = OPTICS.tolist()
    v = [1.0] * 4
    for _ in range(500):
        v = [sum(a[i][k] * v[k] for k in range(4)) for i in range(4)]
        total = sum(v)
        v = [x / total for x in v]
    np.testing.assert_allclose(ahp(OPTICS).weights, v, atol=1e-12)


def test_consistent_matrix_recovers_ratios_exactly() -> None:
    w = np.array([0.5, 0.25, 0.125, 0.125])
    result = ahp(w[:, None] / w[None, :])
    np.testing.assert_allclose(result.weights, w, atol=1e-12)
    assert result.lambda_max == pytest.approx(4.0)
    assert result.cr == pytest.approx(0.0, abs=1e-12)


def test_small_matrices() -> None:
    one = ahp([[1]])
    assert one.weights.tolist() == [1.0] and one.cr == 0.0
    two = ahp([[1, 4], [0.25, 1]])
    np.testing.assert_allclose(two.weights, [0.8, 0.2])
    assert two.cr == 0.0 and two.ri == 0.0


def test_rounded_reciprocals_are_accepted() -> None:
    """0.33 typed for 1/3 is within tolerance; weights equal the exact matrix's to ~1e-2."""
    exact = ahp([[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]).weights
    typed = ahp([[1, 3, 5], [0.33, 1, 3], [0.2, 0.33, 1]]).weights
    np.testing.assert_allclose(typed, exact, atol=5e-3)


def test_ri_table_is_saatys() -> None:
    assert SAATY_RI == (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48,
                        1.56, 1.57, 1.59)


def _all_judgments(a: np.ndarray) -> list[tuple[int, int, float]]:
    return [(i, j, float(a[i, j])) for i, j in combinations(range(a.shape[0]), 2)]


def test_incomplete_with_all_judgments_is_row_geometric_mean() -> None:
    """LLSM on a complete matrix equals the normalised row geometric means (Crawford 1987)."""
    gm = [math.prod(row) ** (1 / 7) for row in WEALTH.tolist()]
    expected = [g / sum(gm) for g in gm]
    got = ahp_incomplete(7, _all_judgments(WEALTH))
    np.testing.assert_allclose(got.weights, expected, atol=1e-12)
    assert got.answered.all()


def test_incomplete_spanning_tree_of_consistent_judgments_is_exact() -> None:
    w = np.array([0.4, 0.3, 0.2, 0.1])
    tree = [(0, 1, w[0] / w[1]), (1, 2, w[1] / w[2]), (3, 2, w[3] / w[2])]
    result = ahp_incomplete(4, tree)
    np.testing.assert_allclose(result.weights, w, atol=1e-12)
    assert result.completed[0, 3] == pytest.approx(4.0)
    assert not result.answered[0, 3] and result.answered[3, 2] and result.answered[2, 3]


def test_incomplete_disconnected_names_unreachable_items() -> None:
    with pytest.raises(ValueError, match=r"items \[2, 3\] cannot be compared"):
        ahp_incomplete(4, [(0, 1, 3), (2, 3, 2)])


def test_next_comparison_connects_components_first() -> None:
    assert next_comparison(4, [(0, 1, 3), (2, 3, 2)]) in {(0, 2), (0, 3), (1, 2), (1, 3)}
    assert next_comparison(3, []) == (0, 1)


def test_next_comparison_prefers_least_determined_pair() -> None:
    # Path 0-1-2-3: the ends (0, 3) are joined only through the longest path.
    assert next_comparison(4, [(0, 1, 2), (1, 2, 2), (2, 3, 2)]) == (0, 3)
    # Star around 0: every missing pair has resistance 2, the first one is chosen.
    assert next_comparison(4, [(0, 1, 2), (0, 2, 2), (0, 3, 2)]) == (1, 2)


def test_next_comparison_none_when_complete() -> None:
    assert next_comparison(3, [(0, 1, 2), (0, 2, 2), (1, 2, 1)]) is None


def test_next_comparison_lets_a_team_stop_early() -> None:
    """Following the suggestions reaches a connected graph with n - 1 answers."""
    n, asked = 6, []
    while True:
        try:
            ahp_incomplete(n, asked)
            break
        except ValueError:
            i, j = next_comparison(n, asked)
            asked.append((i, j, 2.0))
    assert len(asked) == n - 1


def test_aggregate_judgments_geometric_mean() -> None:
    a = np.array([[1, 4], [1 / 4, 1]])
    b = np.array([[1, 1], [1, 1]])
    group = aggregate_judgments([a, b])
    assert group[0, 1] == pytest.approx(2.0)  # sqrt(4 · 1)
    assert group[1, 0] == pytest.approx(0.5)
    weighted = aggregate_judgments([a, b], member_weights=[3, 1])
    assert weighted[0, 1] == pytest.approx(4 ** 0.75)


def test_aggregate_priorities_geometric_mean_renormalised() -> None:
    v1, v2 = [0.6, 0.3, 0.1], [0.2, 0.4, 0.4]
    gm = [math.sqrt(a * b) for a, b in zip(v1, v2, strict=True)]
    expected = [g / sum(gm) for g in gm]
    np.testing.assert_allclose(aggregate_priorities([v1, v2]), expected, atol=1e-15)
    # Member weights 1:0 reproduce member 1.
    np.testing.assert_allclose(aggregate_priorities([v1, v2], [1, 0]), v1, atol=1e-15)


def test_aggregate_priorities_zero_is_a_veto() -> None:
    got = aggregate_priorities([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]])
    assert got[2] == 0.0 and got.sum() == pytest.approx(1.0)


def test_disagreement_is_coefficient_of_variation() -> None:
    rows = [[0.5, 0.5], [0.3, 0.7], [0.1, 0.9]]
    first = [0.5, 0.3, 0.1]
    mean = sum(first) / 3
    std = math.sqrt(sum((v - mean) ** 2 for v in first) / 3)
    got = disagreement(rows)
    assert got[0] == pytest.approx(std / mean)
    assert disagreement([[1, 2], [2, 4]]).tolist() == [0.0, 0.0]  # same after rescaling
