"""Readiness: the checklist items whose absence is how CRM projects fail.

In 2002, 70% of CRM implementations failed (000_fcf7625ad5ba5b9f.txt); the reasons the source
documents give are organisational far more than technical, so the report puts them beside the
vendor choice rather than in a footnote.
"""

from __future__ import annotations

from selector.advisor.sources import cite
from selector.domain.project import Project
from selector.domain.questions import Questionnaire
from selector.domain.recommendation import Readiness, ReadinessCheck

CREDIT = {"yes": 1.0, "partly": 0.5, "no": 0.0, "unknown": 0.0}
URGENCY = {"no": 0, "unknown": 1, "partly": 2, "yes": 3}


def assess_readiness(questionnaire: Questionnaire, project: Project) -> Readiness:
    checks = []
    total = earned = 0.0
    for item in questionnaire.readiness:
        answer = project.readiness.get(item.id, "unknown")
        total += item.weight
        earned += item.weight * CREDIT[answer]
        checks.append(
            ReadinessCheck(
                item_id=item.id,
                text=item.text,
                answer=answer,
                weight=item.weight,
                risk=item.risk,
                action=item.action,
                owner=item.owner,
                source=cite(item.source),
            )
        )
    score = 100.0 * earned / total if total else 0.0
    level = "ready" if score >= 75 else "needs work" if score >= 50 else "not ready"
    open_items = sorted(
        (c for c in checks if c.answer != "yes"),
        key=lambda c: (URGENCY[c.answer], -c.weight, c.item_id),
    )
    return Readiness(score=round(score, 1), level=level, checks=checks, actions=open_items)
