"""Domain models: plain data the rest of the product reasons about. No I/O happens here."""

from selector.domain.criteria import (
    FIRST_CLASS_NEEDS,
    CriteriaGroup,
    CriteriaLibrary,
    Criterion,
    Need,
    OrdinalScale,
    QuantitativeScale,
)
from selector.domain.project import (
    FORMAT_VERSION,
    BusinessArea,
    Judgment,
    NeedItem,
    Objective,
    Organisation,
    Project,
    Requirement,
    ScoreOverride,
    Stakeholder,
    StakeholderWeights,
)
from selector.domain.questions import Question, Questionnaire, ReadinessItem, Rule
from selector.domain.recommendation import Recommendation
from selector.domain.solution_types import SOLUTION_TYPE_IDS, SolutionType
from selector.domain.vendors import CriterionScore, PriceTier, VendorProfile

__all__ = [
    "FIRST_CLASS_NEEDS",
    "FORMAT_VERSION",
    "SOLUTION_TYPE_IDS",
    "BusinessArea",
    "CriteriaGroup",
    "CriteriaLibrary",
    "Criterion",
    "CriterionScore",
    "Judgment",
    "Need",
    "NeedItem",
    "Objective",
    "OrdinalScale",
    "Organisation",
    "PriceTier",
    "Project",
    "QuantitativeScale",
    "Question",
    "Questionnaire",
    "ReadinessItem",
    "Recommendation",
    "Requirement",
    "Rule",
    "ScoreOverride",
    "SolutionType",
    "Stakeholder",
    "StakeholderWeights",
    "VendorProfile",
]
