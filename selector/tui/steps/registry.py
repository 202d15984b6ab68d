"""The nine steps in one place: number, title, names for the step bar, when each is complete,
its help line, and where its view lives.

Everything that lists the steps (the step bar, the command palette, the help screen, the
workspace) reads this table, so adding or renaming a step is one edit. A step's view module is
imported only when the team first opens it: the start screen and step 1 appear without loading
the advisor or the report.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selector.domain.recommendation import Recommendation
    from selector.tui.session import Session
    from selector.tui.steps.base import Step

CONTEXT_SECTIONS = ("context", "integration")


def answered_in_step(question) -> int | None:  # noqa: ANN001 - a Question
    """The step that answers a question the catalog marks `answered_by` (step 1's business
    areas in scope, step 8's readiness checklist), so step 2 never asks it twice."""
    if question.answered_by == "business_areas":
        return 1
    if question.answered_by.startswith("readiness:"):
        return 8
    return None


def context_questions(session: Session) -> list:
    return [q for q in session.catalog.questionnaire.questions
            if q.section in CONTEXT_SECTIONS and not q.answered_by]


def _team(session: Session, rec: Recommendation | None, exported: bool) -> bool:
    project = session.project
    return bool(project.stakeholders) and any(
        a.in_scope and a.objectives for a in project.business_areas)


EITHER = {"go_live_weeks": "go_live_date", "go_live_date": "go_live_weeks"}
"""The deadline is one question asked two ways, in weeks or as a date: either answers it (the
advisor uses the weeks when both are given)."""


def _context(session: Session, rec: Recommendation | None, exported: bool) -> bool:
    questions = context_questions(session)
    answers = session.project.answers
    return bool(questions) and all(q.id in answers or EITHER.get(q.id) in answers
                                   for q in questions)


def _needs(session: Session, rec: Recommendation | None, exported: bool) -> bool:
    requirements = session.project.requirements
    return bool(requirements) and all(
        r.threshold is not None for r in requirements.values() if r.priority == "must")


def _weights(session: Session, rec: Recommendation | None, exported: bool) -> bool:
    project = session.project
    weighted = all(
        s.id in project.weights
        and (any(project.weights[s.id].points.values()) or project.weights[s.id].judgments)
        for s in project.stakeholders)
    return bool(project.stakeholders) and weighted and \
        project.history.weights_locked_at is not None


def _candidates(session: Session, rec: Recommendation | None, exported: bool) -> bool:
    return bool(session.project.shortlist)


def _scores(session: Session, rec: Recommendation | None, exported: bool) -> bool:
    return session.project.history.scores_seen_at is not None


def _results(session: Session, rec: Recommendation | None, exported: bool) -> bool:
    return rec is not None and not rec.missing and _scores(session, rec, exported)


def _readiness(session: Session, rec: Recommendation | None, exported: bool) -> bool:
    items = session.catalog.questionnaire.readiness
    return bool(items) and all(
        session.project.readiness.get(i.id, "unknown") != "unknown" for i in items)


def _export(session: Session, rec: Recommendation | None, exported: bool) -> bool:
    return exported


@dataclass(frozen=True)
class StepInfo:
    number: int
    title: str
    short: str
    """The name in the step bar."""
    tiny: str
    """The name in the step bar when the terminal is narrow."""
    help: str
    complete: Callable[[Session, Recommendation | None, bool], bool]
    view: str
    """module:Class of the step's view, imported when the step is first shown."""

    @property
    def widget_id(self) -> str:
        return f"step-{self.number}"

    def load(self) -> type[Step]:
        module, name = self.view.split(":")
        return getattr(importlib.import_module(module), name)


STEPS: tuple[StepInfo, ...] = (
    StepInfo(1, "Team & objectives", "Team", "Team",
             "who counts, the business areas in scope and what each must achieve (with a "
             "metric)", _team, "selector.tui.steps.team:TeamStep"),
    StepInfo(2, "Context", "Context", "Context",
             "the company in its own numbers (users, developers, budgets, a go-live date) and "
             "the systems the CRM must connect to; each question says why it is asked",
             _context, "selector.tui.steps.context:ContextStep"),
    StepInfo(3, "Needs & requirements", "Needs", "Needs",
             "must / should / could / won't per criterion, must-have lines, must-haves on "
             "vendor facts (SAML, hosted in the EU …), the needs list",
             _needs, "selector.tui.steps.needs:NeedsStep"),
    StepInfo(4, "Weights", "Weights", "Weights",
             "each stakeholder's weights (points or pairwise), then lock them", _weights,
             "selector.tui.steps.weights:WeightsStep"),
    StepInfo(5, "Candidates", "Candidates", "Offers",
             "the kinds of solution and the catalog's offerings (a product in one edition and "
             "deployment) with their facts and prices; choose the shortlist; send the RFP and "
             "import the answers",
             _candidates, "selector.tui.steps.candidates:CandidatesStep"),
    StepInfo(6, "Scores", "Scores", "Scores",
             "the shortlist's scores with their evidence and how much rests on judgement; "
             "vendors' claims to accept or challenge; the team's overrides", _scores,
             "selector.tui.steps.scores:ScoresStep"),
    StepInfo(7, "Results", "Results", "Results",
             "the recommendation, how sure it is, what each offering costs the team, value for "
             "money, what would change it, risks and actions, and a what-if",
             _results, "selector.tui.steps.results:ResultsStep"),
    StepInfo(8, "Readiness", "Readiness", "Ready",
             "what must be in place for the project not to fail", _readiness,
             "selector.tui.steps.readiness:ReadinessStep"),
    StepInfo(9, "Export", "Export", "Export",
             "the PDF report for the decision makers (or the result as JSON)", _export,
             "selector.tui.steps.export:ExportStep"),
)


def step_info(number: int) -> StepInfo:
    return STEPS[number - 1]


__all__ = ["CONTEXT_SECTIONS", "EITHER", "STEPS", "StepInfo", "answered_in_step",
           "context_questions", "step_info"]
