"""Which steps are complete: plain facts about the project, shown in the step indicator.

These are not scores; they only say whether the team has answered what each step asks.
"""

from __future__ import annotations

from selector.domain.recommendation import Recommendation
from selector.tui.session import Session

CONTEXT_SECTIONS = ("context", "integration")


def step_complete(number: int, session: Session, rec: Recommendation | None,
                  exported: bool = False) -> bool:
    project = session.project
    catalog = session.catalog
    if number == 1:
        return bool(project.stakeholders) and any(
            a.in_scope and a.objectives for a in project.business_areas)
    if number == 2:
        questions = [q for q in catalog.questionnaire.questions if q.section in CONTEXT_SECTIONS]
        return bool(questions) and all(q.id in project.answers for q in questions)
    if number == 3:
        return bool(project.requirements) and all(
            r.threshold is not None for r in project.requirements.values() if r.priority == "must")
    if number == 4:
        weighted = all(
            s.id in project.weights
            and (any(project.weights[s.id].points.values()) or project.weights[s.id].judgments)
            for s in project.stakeholders)
        return bool(project.stakeholders) and weighted and \
            project.history.weights_locked_at is not None
    if number == 5:
        return bool(project.shortlist)
    if number == 6:
        return project.history.scores_seen_at is not None
    if number == 7:
        return rec is not None and not rec.missing and project.history.scores_seen_at is not None
    if number == 8:
        items = catalog.questionnaire.readiness
        return bool(items) and all(
            project.readiness.get(i.id, "unknown") != "unknown" for i in items)
    if number == 9:
        return exported
    return False
