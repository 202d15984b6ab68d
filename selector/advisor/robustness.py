"""How sure we are: probability of first place, what would flip the winner, method agreement.

Weights are sampled per criteria group: each group keeps at least half of the weight the team
gave it and the other half is spread at random over the groups, which is how far a team's points
plausibly move between one meeting and the next. Scores are sampled within the range their
evidence supports. A lead smaller than MARGIN is never called a win.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from selector import mcda
from selector.advisor import wording
from selector.advisor.matrix import CandidateMatrix
from selector.domain.criteria import CriteriaLibrary
from selector.domain.recommendation import MethodRanking, Robustness, StabilityRange

MARGIN = 0.03  # a lead under 3 points of 100 is "no clear winner"
KEPT_SHARE = 0.5  # each group keeps at least this share of its weight in every sample
CLEAR_PROBABILITY = 0.5  # a clear winner comes first in at least half the plausible cases
LIKELY_PROBABILITY = 0.6  # a narrow leader first this often is the favourite, not a safe pick
CONTENDER_PROBABILITY = 0.2
CONTENDER_LIMIT = 5  # a market catalog can hold dozens within the margin: name the best five
AGREEMENT_LIMIT = 100
"""The methods are compared on the best this many by weighted sum. The question is whether the
method changes the choice, which the leaders decide; PROMETHEE II's pairwise comparisons and
Kendall's tau grow with the square of the offerings (5,000 would need gigabytes)."""
RANKS_COUNTED = 100
"""SMAA counts who takes the first this many ranks in each draw. A reader compares the first
three and "fourth or lower"; counting every rank of a market of thousands would take a full
ordering per draw and a table of offerings × offerings (9,000 passing offerings: 80 million
numbers). Beyond this rank an offering's share is counted as one."""
METHOD_NAMES = {"weighted_sum": "Weighted sum", "topsis": "TOPSIS", "promethee_ii": "PROMETHEE II"}


@dataclass(frozen=True)
class RobustnessResult:
    robustness: Robustness
    rank_probabilities: dict[str, list[float]]  # ranks 1 to at most RANKS_COUNTED
    weight_sampling: str
    rank_shares: dict[str, list[float]] = field(default_factory=dict)
    """First, second, third, and fourth or lower: what a reader compares."""


def assess(
    library: CriteriaLibrary,
    matrix: CandidateMatrix,
    names: dict[str, str],
    weights: dict[str, float],
    scores: np.ndarray,
    passing: np.ndarray,
    *,
    n_samples: int,
    seed: int,
) -> RobustnessResult:
    criteria = library.criteria()
    w = np.array([weights[c.id] for c in criteria])
    idx = np.flatnonzero(passing)
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    ids = [matrix.ids[i] for i in idx]
    if len(idx) == 0:
        return RobustnessResult(
            Robustness(
                clear_winner=False,
                winner_id=None,
                margin=0.0,
                margin_threshold=MARGIN,
                statements=[wording.no_candidate()],
            ),
            {},
            "none",
        )
    winner = ids[0]
    if len(idx) == 1:
        return RobustnessResult(
            Robustness(
                clear_winner=True,
                certainty="clear",
                winner_id=winner,
                margin=float(scores[idx[0]]),
                margin_threshold=MARGIN,
                contenders=[winner],
                probability_first={winner: 1.0},
                statements=[wording.only_candidate(names[winner])],
            ),
            {winner: [1.0]},
            "none",
            {winner: _shares([1.0], 0.0)},
        )

    values = matrix.values[idx]
    margin = float(scores[idx[0]] - scores[idx[1]])

    probability: dict[str, float] = {}
    rank_probs: dict[str, list[float]] = {}
    shares: dict[str, list[float]] = {}
    sampling = "none"
    if n_samples > 0:
        acceptance, sampling = _sample(library, matrix, idx, weights, n_samples, seed)
        counted_all = acceptance.shape[1] == len(ids)
        for k, cid in enumerate(ids):
            rank_probs[cid] = [float(x) for x in acceptance[k]]
            probability[cid] = float(acceptance[k, 0])
            beyond = 0.0 if counted_all else max(0.0, 1.0 - float(acceptance[k].sum()))
            shares[cid] = _shares(rank_probs[cid], beyond)

    stability = _stability(library, values, w, ids, names)
    moves = [s for s in stability if s.flips_at is not None]
    smallest = min(moves, key=lambda s: (abs(s.flips_at - s.weight), s.criterion_id), default=None)

    leaders = values[:AGREEMENT_LIMIT]  # ids are in weighted-sum order, best first
    agreement = mcda.method_agreement(
        leaders, w, np.ones(len(w)), normalization="scale", bounds=np.tile([0.0, 1.0], (len(w), 1))
    )
    methods = []
    for k, method in enumerate(agreement.methods):
        order = np.argsort(agreement.rankings[k], kind="stable")
        methods.append(
            MethodRanking(
                method=METHOD_NAMES.get(method, method),
                ranking=[ids[i] for i in order],
                tau_vs_primary=float(agreement.tau[0, k]),
            )
        )
    same_winner = all(m.ranking[0] == winner for m in methods)
    methods_agree = same_winner and agreement.min_tau >= 0.6

    top = float(scores[idx[0]])
    contenders = [
        cid
        for k, cid in enumerate(ids)
        if top - float(scores[idx[k]]) < MARGIN
        or probability.get(cid, 0.0) >= CONTENDER_PROBABILITY
    ][:CONTENDER_LIMIT]
    clear = margin >= MARGIN and (not probability or probability[winner] >= CLEAR_PROBABILITY)
    if clear:
        contenders = [winner]
        certainty = "clear"
    elif probability and probability[winner] >= LIKELY_PROBABILITY:
        certainty = "likely"
    else:
        certainty = "close"
    statements = _statements(
        names,
        ids,
        winner,
        margin,
        clear,
        contenders,
        probability,
        n_samples,
        smallest,
        methods,
        methods_agree,
    )
    return RobustnessResult(
        Robustness(
            clear_winner=clear,
            certainty=certainty,
            winner_id=winner,
            margin=margin,
            margin_threshold=MARGIN,
            contenders=contenders,
            probability_first=probability,
            n_samples=n_samples,
            stability=stability,
            smallest_flip=smallest,
            methods=methods,
            methods_agree=methods_agree,
            methods_scope=(wording.methods_scope(len(leaders), len(idx))
                           if len(idx) > len(leaders) else ""),
            statements=statements,
        ),
        rank_probs,
        sampling,
        shares,
    )


def _sample(
    library: CriteriaLibrary,
    matrix: CandidateMatrix,
    idx: np.ndarray,
    weights: dict[str, float],
    n_samples: int,
    seed: int,
) -> tuple[np.ndarray, str]:
    """Rank acceptability over group weights; groups with no weight are left out."""
    groups = [g for g in library.groups if sum(weights[c.id] for c in g.criteria) > 0]
    criteria = library.criteria()
    col = {c.id: j for j, c in enumerate(criteria)}
    gw = np.array([sum(weights[c.id] for c in g.criteria) for g in groups])
    gw = gw / gw.sum()

    def by_group(table: np.ndarray) -> np.ndarray:
        out = np.zeros((len(idx), len(groups)))
        for k, g in enumerate(groups):
            share = np.array([weights[c.id] for c in g.criteria])
            share = share / share.sum()
            cols = [col[c.id] for c in g.criteria]
            out[:, k] = table[np.ix_(idx, cols)] @ share
        return np.clip(out, 0.0, 1.0)

    values, low, high = by_group(matrix.values), by_group(matrix.low), by_group(matrix.high)
    low, high = np.minimum(low, values), np.maximum(high, values)
    scale = np.tile([0.0, 1.0], (len(groups), 1))
    if len(groups) == 1:
        sampling = mcda.Sampling(n_samples=n_samples, seed=seed, score_low=low, score_high=high,
                                 confidence=False)
        result = mcda.rank_acceptability(values, np.ones(1), sampling, method="weighted_sum",
                                         normalization="scale", bounds=scale,
                                         ranks=RANKS_COUNTED)
        return result.acceptability, "single group"
    sampling = mcda.Sampling(
        n_samples=n_samples,
        seed=seed,
        weight_bounds=np.column_stack([gw * KEPT_SHARE, np.ones(len(groups))]),
        score_low=low,
        score_high=high,
        confidence=False,  # the advisor reports acceptabilities, not SMAA confidence factors
    )
    result = mcda.rank_acceptability(values, np.ones(len(groups)), sampling,
                                     method="weighted_sum", normalization="scale", bounds=scale,
                                     ranks=RANKS_COUNTED)
    return result.acceptability, (
        f"each group keeps at least {KEPT_SHARE:.0%} of its weight; "
        "the rest is spread uniformly at random"
    )


def _shares(probabilities: list[float], beyond: float) -> list[float]:
    """First, second, third, and fourth or lower (`beyond` is the share past the ranks
    counted)."""
    head = list(probabilities[:3]) + [0.0] * max(0, 3 - len(probabilities))
    return [*head, float(sum(probabilities[3:])) + beyond]


def _stability(
    library: CriteriaLibrary,
    values: np.ndarray,
    w: np.ndarray,
    ids: list[str],
    names: dict[str, str],
) -> list[StabilityRange]:
    criteria = library.criteria()
    result = mcda.stability_intervals(
        values,
        w,
        np.ones(len(w)),
        method="weighted_sum",
        normalization="scale",
        bounds=np.tile([0.0, 1.0], (len(w), 1)),
    )
    out = []
    for j, c in enumerate(criteria):
        low, high = float(result.low[j]), float(result.high[j])
        options = []
        if int(result.takes_first_below[j]) >= 0:
            options.append((w[j] - low, low, int(result.takes_first_below[j])))
        if int(result.takes_first_above[j]) >= 0:
            options.append((high - w[j], high, int(result.takes_first_above[j])))
        flips_at = None
        new_winner = ""
        new_winner_id = ""
        relative = None
        if options:
            _, flips_at, who = min(options)
            new_winner_id = ids[who]
            new_winner = names[new_winner_id]
            relative = (flips_at - w[j]) / w[j] if w[j] > 0 else None
        out.append(
            StabilityRange(
                criterion_id=c.id,
                name=c.name,
                weight=float(w[j]),
                low=low,
                high=high,
                flips_at=flips_at,
                new_winner_id=new_winner_id,
                new_winner=new_winner,
                relative_change=relative,
            )
        )
    return out


def _statements(
    names: dict[str, str],
    ids: list[str],
    winner: str,
    margin: float,
    clear: bool,
    contenders: list[str],
    probability: dict[str, float],
    n_samples: int,
    smallest: StabilityRange | None,
    methods: list[MethodRanking],
    methods_agree: bool,
) -> list[str]:
    """How sure, each fact said once: the lead, the probability, the smallest flip, methods."""
    out = []
    if clear:
        out.append(wording.clear_lead(names[winner], names[ids[1]], margin))
    elif probability and probability[winner] >= LIKELY_PROBABILITY:  # "likely": a favourite
        out.append(wording.favourite_lead(names[winner],
                                          [names[c] for c in contenders if c != winner],
                                          margin, MARGIN))
    else:
        out.append(wording.no_clear_lead([names[c] for c in contenders], margin, MARGIN,
                                         CLEAR_PROBABILITY))
    if probability:
        out.append(wording.probability_first(names[winner], probability[winner], n_samples,
                                             KEPT_SHARE))
    out.append(wording.smallest_flip(smallest))
    out.append(wording.methods(methods_agree, [(m.method, names[m.ranking[0]]) for m in methods]))
    return out
