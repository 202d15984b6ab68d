"""Domain models: plain data the rest of the product reasons about. No I/O happens here."""

from __future__ import annotations

from selector._exports import lazy_exports

_HOMES = {
    "FIRST_CLASS_NEEDS": "selector.domain.criteria",
    "CriteriaGroup": "selector.domain.criteria",
    "CriteriaLibrary": "selector.domain.criteria",
    "Criterion": "selector.domain.criteria",
    "Need": "selector.domain.criteria",
    "OrdinalScale": "selector.domain.criteria",
    "QuantitativeScale": "selector.domain.criteria",
    "FORMAT_VERSION": "selector.domain.project",
    "BusinessArea": "selector.domain.project",
    "Judgment": "selector.domain.project",
    "NeedItem": "selector.domain.project",
    "Objective": "selector.domain.project",
    "Organisation": "selector.domain.project",
    "Project": "selector.domain.project",
    "Requirement": "selector.domain.project",
    "ScoreOverride": "selector.domain.project",
    "Stakeholder": "selector.domain.project",
    "StakeholderWeights": "selector.domain.project",
    "Question": "selector.domain.questions",
    "Questionnaire": "selector.domain.questions",
    "ReadinessItem": "selector.domain.questions",
    "Rule": "selector.domain.questions",
    "Recommendation": "selector.domain.recommendation",
    "SOLUTION_TYPE_IDS": "selector.domain.solution_types",
    "SolutionType": "selector.domain.solution_types",
    "CriterionScore": "selector.domain.vendors",
    "PriceTier": "selector.domain.vendors",
    "VendorProfile": "selector.domain.vendors",
}

__getattr__, __dir__ = lazy_exports(__name__, _HOMES)
__all__ = sorted(_HOMES)  # noqa: PLE0605
