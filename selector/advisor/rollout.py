"""A phased, piecemeal rollout for the top choice.

Buy functionality when it is needed, in right-sized steps (000_fcf7625ad5ba5b9f.txt), and test
at small scale first (001_dbc09ece01b76cda.txt, factor 6): the plan starts with a pilot in the
business area that asked for most, then widens, then connects the core systems.
"""

from __future__ import annotations

from selector.advisor.sources import cite
from selector.domain.project import Project
from selector.domain.recommendation import Readiness, RolloutPhase
from selector.domain.vendors import OfferingProfile

_KEYWORDS = {
    "sales": ("sales", "sell", "pipeline", "crm", "lead"),
    "marketing": ("marketing", "campaign", "email", "automation"),
    "service": ("service", "support", "help", "case", "ticket"),
    "events": ("event",),
    "projects": ("project",),
    "finance": ("finance", "account", "invoic", "billing", "quote", "cpq"),
}


def _modules_for(area_id: str, area_name: str, offering: OfferingProfile | None) -> list[str]:
    if offering is None:
        return [area_name]
    words = _KEYWORDS.get(area_id, (area_id, area_name.lower()))
    modules = offering.facts.modules.values if offering.facts.modules else []
    found = [m for m in modules if any(w in m.lower() for w in words)]
    return found or [f"{area_name} (standard {offering.product} functions)"]


def plan_rollout(
    project: Project, vendor: OfferingProfile | None, readiness: Readiness
) -> list[RolloutPhase]:
    areas = [a for a in project.business_areas if a.in_scope]
    if not areas:
        return []
    demand = {
        a.id: sum(1 for n in project.needs if n.business_area == a.id) + len(a.objectives)
        for a in areas
    }
    ordered = sorted(areas, key=lambda a: (-demand[a.id], [x.id for x in areas].index(a.id)))
    phases: list[RolloutPhase] = []
    prep_items = [c.text for c in readiness.actions if c.answer in ("no", "unknown")][:4]
    if prep_items:
        phases.append(
            RolloutPhase(
                order=0,
                name="Prepare before signing",
                business_areas=[],
                modules=[],
                rationale="These readiness items are open; each is a known cause of failed CRM "
                "projects.",
                exit_criteria=prep_items,
            )
        )
    first = ordered[0]
    phases.append(
        RolloutPhase(
            order=len(phases),
            name=f"Pilot: {first.name}",
            business_areas=[first.name],
            modules=_modules_for(first.id, first.name, vendor),
            rationale=f"{first.name} asked for the most ({demand[first.id]} needs and objectives); "
            "start with a small group, at low cost, and learn before widening "
            "(001_dbc09ece01b76cda.txt, factor 6).",
            exit_criteria=[
                f"{o.metric or o.text}: {o.target}" if o.target else (o.metric or o.text)
                for o in first.objectives
            ]
            or ["Pilot users use it daily for four weeks"],
        )
    )
    rest = ordered[1:]
    if rest:
        phases.append(
            RolloutPhase(
                order=len(phases),
                name="Widen: " + ", ".join(a.name for a in rest),
                business_areas=[a.name for a in rest],
                modules=[m for a in rest for m in _modules_for(a.id, a.name, vendor)],
                rationale="Buy and roll out further modules only when the pilot has met its "
                "metrics: piecemeal, in right-sized steps (000_fcf7625ad5ba5b9f.txt).",
                exit_criteria=[
                    f"{o.metric or o.text}: {o.target}" if o.target else (o.metric or o.text)
                    for a in rest
                    for o in a.objectives
                ][:6]
                or ["Each team trained and live, with its own success metric"],
            )
        )
    if project.systems:
        named = [s.name for s in project.systems]
        phases.append(
            RolloutPhase(
                order=len(phases),
                name="Connect the core systems",
                business_areas=[],
                modules=[f"Integration with {n}" for n in named],
                rationale="Share CRM data with the core systems (web/customer portal, accounting, "
                "order handling) once the processes are stable (000_fcf7625ad5ba5b9f.txt; "
                "size the effort first: 004_385c4c42698692cf.txt).",
                exit_criteria=["No double keying between the CRM and " + ", ".join(named)],
            )
        )
    return [p.model_copy(update={"rationale": cite(p.rationale)}) for p in phases]
