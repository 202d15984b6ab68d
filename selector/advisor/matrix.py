"""Candidates as matrices: raw values on each criterion's own scale, and 0..1 values.

Values use each criterion's declared scale (and a quantity's value function), never the spread
of the candidates at hand, so adding or removing a candidate can never reorder the others. Each
cell keeps where its value came from — the catalog's evidence, the team's override, an accepted
vendor claim, or the cost model for this team — and how far it may plausibly be off.

A consultant's catalog holds thousands of offerings, so the matrices are built with numpy from a
score table worked out once per catalog; a cell's evidence (its note and source) is looked up
only for the candidates whose contributions a result shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

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
CONFIDENCE_CODES = {"high": 0, "medium": 1, "low": 2, "judgement": 3}


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
    vendor_claim: bool = False
    verified: bool = False


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
    vendor_claim: bool = False  # an accepted RFP answer: the vendor's own word
    verified: bool = False  # ... that a demo confirmed


@dataclass(frozen=True)
class Row:
    """One candidate's inputs: the catalog's scores and what replaces some of them."""

    id: str
    scores: dict[str, CriterionScore]
    known: dict[str, Known] = field(default_factory=dict)


@dataclass(frozen=True)
class ScoreTable:
    """The catalog's scores of some candidates as arrays (rows × criteria)."""

    raw: np.ndarray
    code: np.ndarray  # confidence code, 3 = judgement alone (or no score)


def score_table(criteria: Sequence[Criterion], scores: Sequence[dict[str, CriterionScore]]
                ) -> ScoreTable:
    """Raw values and confidence codes; a missing score is the middle of its scale."""
    middles = [_middle(c) for c in criteria]
    raw = np.empty((len(scores), len(criteria)))
    code = np.empty((len(scores), len(criteria)), dtype=np.int8)
    for i, table in enumerate(scores):
        for j, c in enumerate(criteria):
            score = table.get(c.id)
            if score is None:
                raw[i, j], code[i, j] = middles[j], 3
            else:
                raw[i, j] = score.value
                code[i, j] = 3 if score.is_judgement else CONFIDENCE_CODES[score.confidence]
    return ScoreTable(raw, code)


@dataclass(frozen=True)
class CandidateMatrix:
    """Rows are candidates, columns the library's criteria in order."""

    ids: list[str]
    rows: list[Row]
    criteria: list[Criterion]
    raw: np.ndarray  # on each criterion's own scale (for must-have screening)
    values: np.ndarray  # 0..1, higher is better (direction and value function applied)
    low: np.ndarray  # plausible range of `values`, from the evidence confidence
    high: np.ndarray
    judgement: np.ndarray  # bool: rests on judgement alone

    def cell(self, i: int, j: int) -> Cell:
        """Where candidate i's value on criterion j came from (worked out when shown)."""
        c = self.criteria[j]
        row = self.rows[i]
        return _cell(c, row.scores.get(c.id), row.known.get(c.id))


def values_of(criterion: Criterion, raw: np.ndarray) -> np.ndarray:
    """0..1, higher is better, for a column of raw values."""
    scale = criterion.scale
    if isinstance(scale, OrdinalScale):
        level = np.clip(raw, scale.low, scale.high) / scale.high
        return level if criterion.direction == "benefit" else 1.0 - level
    xs, ys = _curve(criterion)
    return np.interp(raw, xs, ys)


@lru_cache(maxsize=256)
def _curve_cached(worst: float, best: float, points: tuple) -> tuple[np.ndarray, np.ndarray]:
    xs = [worst, *(p[0] for p in points), best]
    ys = [0.0, *(p[1] for p in points), 1.0]
    order = np.argsort(xs, kind="stable")
    return np.asarray(xs, dtype=float)[order], np.asarray(ys, dtype=float)[order]


def _curve(criterion: Criterion) -> tuple[np.ndarray, np.ndarray]:
    scale = criterion.scale
    return _curve_cached(scale.worst, scale.best, tuple(tuple(p) for p in scale.points))


def value_of(criterion: Criterion, raw: float) -> float:
    return float(values_of(criterion, np.array([raw]))[0])


def _middle(criterion: Criterion) -> float:
    scale = criterion.scale
    if isinstance(scale, OrdinalScale):
        return (scale.low + scale.high) / 2
    return scale.midpoint()


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
            known.vendor_claim,
            known.verified,
        )
    if score is None:
        return Cell(_middle(criterion),
                    "No score in the catalog: counted as the middle of the scale",
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
        vendor_claim=score.source_kind == "vendor_rfp_answer",
    )


def build(
    library: CriteriaLibrary, rows: list[Row], base: ScoreTable | None = None
) -> CandidateMatrix:
    """The matrices for `rows`; `base` holds their catalog scores when already tabled."""
    criteria = library.criteria()
    table = base if base is not None else score_table(criteria, [r.scores for r in rows])
    raw = table.raw.copy()
    code = table.code.copy()
    column = {c.id: j for j, c in enumerate(criteria)}
    for i, row in enumerate(rows):
        for cid, known in row.known.items():
            j = column.get(cid)
            if j is not None:
                raw[i, j] = known.value
                code[i, j] = CONFIDENCE_CODES.get(known.confidence, 2)
    values = np.zeros_like(raw)
    low = np.zeros_like(raw)
    high = np.zeros_like(raw)
    levels = np.array([SPREAD_LEVELS[k] for k in CONFIDENCE_CODES])
    value_spread = np.array([SPREAD_VALUE[k] for k in CONFIDENCE_CODES])
    for j, c in enumerate(criteria):
        values[:, j] = values_of(c, raw[:, j])
        if isinstance(c.scale, OrdinalScale):
            spread = levels[code[:, j]]
            a = values_of(c, np.maximum(c.scale.low, raw[:, j] - spread))
            b = values_of(c, np.minimum(c.scale.high, raw[:, j] + spread))
        else:
            spread = value_spread[code[:, j]]
            a, b = values[:, j] - spread, values[:, j] + spread
        low[:, j] = np.maximum(0.0, np.minimum(np.minimum(a, b), values[:, j]))
        high[:, j] = np.minimum(1.0, np.maximum(np.maximum(a, b), values[:, j]))
    return CandidateMatrix([r.id for r in rows], rows, criteria, raw, values, low, high,
                           code == 3)
