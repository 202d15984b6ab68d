"""Candidates as matrices: raw values on each criterion's own scale, and 0..1 values.

Values use each criterion's declared scale (and a quantity's value function), never the spread
of the candidates at hand, so adding or removing a candidate can never reorder the others. Each
cell keeps where its value came from — the catalog's evidence, the team's override, an accepted
vendor claim, or the cost model for this team — and how far it may plausibly be off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from selector.advisor.sources import cite
from selector.domain.criteria import CriteriaLibrary, Criterion, OrdinalScale
from selector.domain.evidence import SOURCE_KIND_NAMES
from selector.domain.vendors import CriterionScore

# How far a score may plausibly be off, by the confidence of its evidence: in levels for 0–5
# scales, in value (0..1) for quantities. Judgement alone varies most. Used for the score
# uncertainty in the sampling.
SPREAD_LEVELS = {"high": 0.25, "medium": 0.5, "low": 1.0, "judgement": 1.5}
SPREAD_VALUE = {"high": 0.05, "medium": 0.1, "low": 0.2, "judgement": 0.3}


@dataclass(frozen=True)
class Cell:
    raw: float
    evidence: str
    source: str = ""
    source_title: str = ""
    source_kind: str = ""
    observed: dt.date | None = None
    confidence: str = "medium"
    judgement: bool = False
    overridden: bool = False
    computed: bool = False


@dataclass(frozen=True)
class Known:
    """A value the team or the cost model supplies for one criterion, replacing the catalog's."""

    value: float
    evidence: str
    confidence: str = "high"
    source: str = ""
    source_kind: str = ""
    observed: dt.date | None = None
    overridden: bool = False
    computed: bool = False


@dataclass(frozen=True)
class Row:
    """One candidate's inputs: the catalog's scores and what replaces some of them."""

    id: str
    scores: dict[str, CriterionScore]
    known: dict[str, Known] = field(default_factory=dict)


@dataclass(frozen=True)
class CandidateMatrix:
    """Rows are candidates, columns the library's criteria in order."""

    ids: list[str]
    cells: list[list[Cell]]
    raw: np.ndarray  # on each criterion's own scale (for must-have screening)
    values: np.ndarray  # 0..1, higher is better (direction and value function applied)
    low: np.ndarray  # plausible range of `values`, from the evidence confidence
    high: np.ndarray


def values_of(criterion: Criterion, raw: np.ndarray) -> np.ndarray:
    """0..1, higher is better, for a column of raw values."""
    scale = criterion.scale
    if isinstance(scale, OrdinalScale):
        level = np.clip(raw, scale.low, scale.high) / scale.high
        return level if criterion.direction == "benefit" else 1.0 - level
    xs = [scale.worst, *(p[0] for p in scale.points), scale.best]
    ys = [0.0, *(p[1] for p in scale.points), 1.0]
    order = np.argsort(xs, kind="stable")
    return np.interp(raw, np.asarray(xs)[order], np.asarray(ys)[order])


def value_of(criterion: Criterion, raw: float) -> float:
    return float(values_of(criterion, np.array([raw]))[0])


def _cell(criterion: Criterion, score: CriterionScore | None, known: Known | None) -> Cell:
    if known is not None:
        return Cell(
            known.value,
            known.evidence,
            known.source,
            "",
            known.source_kind,
            known.observed,
            known.confidence,
            False,
            known.overridden,
            known.computed,
        )
    if score is None:
        scale = criterion.scale
        middle = (scale.low + scale.high) / 2 if isinstance(scale, OrdinalScale) else (
            scale.midpoint()
        )
        return Cell(middle, "No score in the catalog: counted as the middle of the scale",
                    confidence="low", judgement=True)
    return Cell(
        score.value,
        score.note,
        cite(score.source or ""),
        score.source_title,
        SOURCE_KIND_NAMES.get(score.source_kind or "", "") if score.source else (
            SOURCE_KIND_NAMES["team_judgement"]
        ),
        score.observed,
        score.confidence,
        score.is_judgement,
    )


def build(library: CriteriaLibrary, rows: list[Row]) -> CandidateMatrix:
    criteria = library.criteria()
    cells = [[_cell(c, row.scores.get(c.id), row.known.get(c.id)) for c in criteria]
             for row in rows]
    shape = (len(rows), len(criteria))
    raw = np.array([[cell.raw for cell in r] for r in cells], dtype=float).reshape(shape)
    spread = np.array(
        [[_spread(c, cell) for c, cell in zip(criteria, r, strict=True)] for r in cells],
        dtype=float,
    ).reshape(shape)
    values = np.zeros(shape)
    low = np.zeros(shape)
    high = np.zeros(shape)
    for j, c in enumerate(criteria):
        values[:, j] = values_of(c, raw[:, j])
        if isinstance(c.scale, OrdinalScale):
            a = values_of(c, np.maximum(c.scale.low, raw[:, j] - spread[:, j]))
            b = values_of(c, np.minimum(c.scale.high, raw[:, j] + spread[:, j]))
        else:
            a, b = values[:, j] - spread[:, j], values[:, j] + spread[:, j]
        low[:, j] = np.maximum(0.0, np.minimum(np.minimum(a, b), values[:, j]))
        high[:, j] = np.minimum(1.0, np.maximum(np.maximum(a, b), values[:, j]))
    return CandidateMatrix([r.id for r in rows], cells, raw, values, low, high)


def _spread(criterion: Criterion, cell: Cell) -> float:
    table = SPREAD_LEVELS if isinstance(criterion.scale, OrdinalScale) else SPREAD_VALUE
    return table["judgement"] if cell.judgement else table.get(cell.confidence, table["low"])
