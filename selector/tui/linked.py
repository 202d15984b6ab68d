"""Answers another step gives, so nothing is asked twice.

The catalog marks questions whose answer the team gives elsewhere (`answered_by`): "which
business areas will use the CRM" follows step 1's business areas in scope, "do you want a
pilot" follows step 8's readiness item. The advisor reads those answers from there; these
functions keep the project saying one thing: once the team edits the business areas (or the
readiness item), an answer written by hand to the same question gives way to it.
"""

from __future__ import annotations

from selector.catalog import Catalog
from selector.domain import Project, Question


def _answered_by(catalog: Catalog, source: str) -> list[Question]:
    return [q for q in catalog.questionnaire.questions if q.answered_by == source]


def follow(project: Project, catalog: Catalog, source: str) -> None:
    """Drop explicit answers to the questions `source` answers (`business_areas`,
    `readiness:ITEM`): what the team just said there is the answer now."""
    ids = {q.id for q in _answered_by(catalog, source)}
    if ids & project.answers.keys():
        project.answers = {k: v for k, v in project.answers.items() if k not in ids}


def area_choices(catalog: Catalog) -> dict[str, str]:
    """The business areas the catalog's rules know (id → name), from the question that the
    business areas answer."""
    out: dict[str, str] = {}
    for q in _answered_by(catalog, "business_areas"):
        out.update({c.value: c.label for c in q.choices})
    return out


def known_area_id(name: str, catalog: Catalog, taken: set[str]) -> str | None:
    """The catalog's id for an area named like one it knows ("Customer service" → `service`),
    so the rules weigh it; None when the name is new or the id is taken."""
    key = name.strip().casefold()
    for value, label in area_choices(catalog).items():
        if key in (label.strip().casefold(), value) and value not in taken:
            return value
    return None


def unmatched_areas(project: Project, catalog: Catalog) -> list[str]:
    """Areas in scope the catalog's rules do not know (named so the team can see it)."""
    known = area_choices(catalog)
    if not known:
        return []
    return [a.name for a in project.business_areas if a.in_scope and a.id not in known]
