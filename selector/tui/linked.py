"""Answers that another step already asks for, kept in step with it, so nothing is asked twice.

The catalog's context questions include "which business areas will use the CRM" (step 1 names
the areas and marks them in scope) and "do you want a pilot" (step 8's readiness checklist has
the pilot item). Step 2 does not ask them again; these functions write the answer the rules
read from what the team said in the other step.
"""

from __future__ import annotations

from selector.catalog import Catalog
from selector.domain import Project

PILOT_ITEM = "pilot_or_prototype"


def scope_from_areas(project: Project, catalog: Catalog) -> None:
    """`scope` = the catalog's areas matching the business areas in scope (by id or name)."""
    question = next((q for q in catalog.questionnaire.questions if q.id == "scope"), None)
    if question is None:
        return
    chosen: list[str] = []
    for area in project.business_areas:
        if not area.in_scope:
            continue
        for choice in question.choices:
            if (area.id == choice.value or area.name.strip().casefold() == \
                    choice.label.strip().casefold()) and choice.value not in chosen:
                chosen.append(choice.value)
    answers = {k: v for k, v in project.answers.items() if k != "scope"}
    if chosen:
        answers["scope"] = chosen
    if answers != project.answers:
        project.answers = answers


def unmatched_areas(project: Project, catalog: Catalog) -> list[str]:
    """Areas in scope the catalog's rules do not know (named so the team can see it)."""
    question = next((q for q in catalog.questionnaire.questions if q.id == "scope"), None)
    if question is None:
        return []
    known = {c.value for c in question.choices} | {
        c.label.strip().casefold() for c in question.choices}
    return [a.name for a in project.business_areas
            if a.in_scope and a.id not in known and a.name.strip().casefold() not in known]


def pilot_from_readiness(project: Project) -> None:
    """`pilot_planned` follows the readiness item about a pilot: yes/partly → yes, no → no."""
    answer = project.readiness.get(PILOT_ITEM, "unknown")
    answers = {k: v for k, v in project.answers.items() if k != "pilot_planned"}
    if answer in ("yes", "partly"):
        answers["pilot_planned"] = True
    elif answer == "no":
        answers["pilot_planned"] = False
    if answers != project.answers or type(answers.get("pilot_planned")) is not type(
            project.answers.get("pilot_planned")):
        project.answers = answers
