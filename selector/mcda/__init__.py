"""The decision engine: pure numpy, arrays in, arrays out.

Matrices are (alternatives × criteria) float arrays; ``types`` holds +1 for a benefit criterion
(more is better) and -1 for a cost criterion (less is better). Every function validates its input
and raises ``ValueError`` with a message naming the offending row, column or cell; no result ever
contains a silent NaN. Rankings everywhere use `rank`: equal scores → lower index first.
"""

from .acceptability import RankAcceptability, Sampling, rank_acceptability
from .agreement import MethodAgreement, kendall_tau, method_agreement
from .ahp import (
    RI_TABLE_NAME,
    SAATY_RI,
    AHPResult,
    IncompleteAHPResult,
    Revision,
    aggregate_judgments,
    aggregate_priorities,
    ahp,
    ahp_incomplete,
    disagreement,
    next_comparison,
)
from .normalization import NORMALIZATIONS, normalize
from .promethee import PREFERENCE_FUNCTIONS, promethee_ii
from .ranking import rank
from .screening import passes, screen
from .stability import StabilityIntervals, stability_intervals
from .topsis import topsis
from .weighted_sum import weighted_sum

__all__ = [
    "NORMALIZATIONS",
    "PREFERENCE_FUNCTIONS",
    "RI_TABLE_NAME",
    "SAATY_RI",
    "AHPResult",
    "IncompleteAHPResult",
    "MethodAgreement",
    "RankAcceptability",
    "Revision",
    "Sampling",
    "StabilityIntervals",
    "aggregate_judgments",
    "aggregate_priorities",
    "ahp",
    "ahp_incomplete",
    "disagreement",
    "kendall_tau",
    "method_agreement",
    "next_comparison",
    "normalize",
    "passes",
    "promethee_ii",
    "rank",
    "rank_acceptability",
    "screen",
    "stability_intervals",
    "topsis",
    "weighted_sum",
]
