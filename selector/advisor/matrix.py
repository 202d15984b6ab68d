"""Candidates as matrices: raw values on each criterion's own scale, and 0..1 values.

Values use each criterion's declared scale (and a quantity's value function), never the spread
of the candidates at hand, so adding or removing a vendor can never reorder the others.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from selector.advisor.sources import cite
from selector.domain.criteria import CriteriaLibrary, Criterion, OrdinalScale
from selector.domain.vendors import CriterionScore

# How far a score may plausibly be off, by the confidence of its evidence: in levels for 0–5
# scales, in value (0..1) for quantities. Used for the score uncertainty in the sampling.
SPREAD_LEVELS = {"high": 0.25, "medium": 0.5, "low": 1.0}
SPREAD_VALUE = {"high": 0.05, "medium": 0.1, "low": 0.2}


@dataclass(frozen=True)
class Cell:
    raw: float
    evidence: str
    source: str
    confidence: str
    overridden: bool = False
    catalog_value: float | None = None


@dataclass(frozen=True)
class CandidateMatrix:
    """Rows are candidates, columns the library's criteria in order."""

    ids: list[str]
    cells: list[list[Cell]]
    raw: np.ndarray  # on each criterion's own scale (for must-have screening)
    values: np.ndarray  # 0..1, higher is better (direction and value function applied)
    low: np.ndarray  # plausible range of `values`, from the evidence confidence
    high: np.ndarray


def value_of(criterion: Criterion, raw: float) -> float:
    """0..1, higher is better."""
    if isinstance(criterion.scale, OrdinalScale):
        level = min(5.0, max(0.0, raw))
        return level / 5.0 if criterion.direction == "benefit" else (5.0 - level) / 5.0
    return criterion.scale.value(raw)


def build(
    library: CriteriaLibrary,
    ids: list[str],
    scores: list[dict[str, CriterionScore]],
    overrides: dict[tuple[str, str], tuple[float, str]] | None = None,
) -> CandidateMatrix:
    criteria = library.criteria()
    overrides = overrides or {}
    cells: list[list[Cell]] = []
    for cid_row, row_scores in zip(ids, scores, strict=True):
        row: list[Cell] = []
        for c in criteria:
            score = row_scores.get(c.id)
            catalog_value = score.value if score else None
            if (cid_row, c.id) in overrides:
                value, rationale = overrides[(cid_row, c.id)]
                row.append(
                    Cell(value, f"Team's score: {rationale}", "", "high", True, catalog_value)
                )
            elif score is None:
                middle = 2.5 if isinstance(c.scale, OrdinalScale) else c.scale.midpoint()
                row.append(
                    Cell(
                        middle,
                        "No score in the catalog: counted as the middle of the scale",
                        "",
                        "low",
                    )
                )
            else:
                row.append(
                    Cell(score.value, score.note, cite(score.source or ""), score.confidence)
                )
        cells.append(row)
    raw = np.array([[cell.raw for cell in row] for row in cells], dtype=float).reshape(
        len(ids), len(criteria)
    )
    values = np.zeros_like(raw)
    low = np.zeros_like(raw)
    high = np.zeros_like(raw)
    for j, c in enumerate(criteria):
        for i in range(len(ids)):
            cell = cells[i][j]
            values[i, j] = value_of(c, cell.raw)
            if isinstance(c.scale, OrdinalScale):
                spread = SPREAD_LEVELS[cell.confidence]
                a = value_of(c, max(0.0, cell.raw - spread))
                b = value_of(c, min(5.0, cell.raw + spread))
            else:
                spread = SPREAD_VALUE[cell.confidence]
                a, b = values[i, j] - spread, values[i, j] + spread
            low[i, j] = max(0.0, min(a, b, values[i, j]))
            high[i, j] = min(1.0, max(a, b, values[i, j]))
    return CandidateMatrix(ids, cells, raw, values, low, high)
