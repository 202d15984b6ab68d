"""advise(): from a catalog and a project to one Recommendation, with every reason attached.

One pure function, read as the pipeline it is: read the answers → weigh → screen and score the
kinds of solution and the offerings (costed for this team) → assess how robust the winner is →
explain → record provenance. The same catalog, project, seed and date give the same result,
byte for byte, and the terminal, the PDF and JSON all render what it returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from selector._collector import collector_paused
from selector.advisor import explain, wording
from selector.advisor.answers import Answer, FiredRule, answers, fired_rules, unanswered
from selector.advisor.candidates import Assessed, assess_offerings, assess_types
from selector.advisor.cost import Team
from selector.advisor.provenance import history_note, provenance
from selector.advisor.readiness import assess_readiness
from selector.advisor.robustness import MARGIN, RobustnessResult, assess
from selector.advisor.rollout import plan_rollout
from selector.advisor.weighting import Weighting, weigh
from selector.catalog.loader import Catalog
from selector.domain.project import Project, StakeholderWeights
from selector.domain.recommendation import Recommendation
from selector.domain.regions import country_code


@dataclass(frozen=True)
class Reading:
    """What the project says once its answers are read against the catalog."""

    as_of: dt.date
    date_from: str
    given: dict[str, Answer]
    fired: list[FiredRule]
    team: Team
    country: str | None
    budget_is_limit: bool


def advise(
    catalog: Catalog,
    project: Project,
    *,
    n_samples: int = 10_000,
    today: dt.date | None = None,
    date_from: str = "argument",
) -> Recommendation:
    """The recommendation for `project` against `catalog`.

    `today` fixes the date every date in the result follows (else the project's date, else its
    latest recorded event). `n_samples=0` skips the probability sampling (what-if re-ranking
    while a team nudges weights); everything else is computed exactly as in the full run.
    """
    with collector_paused():
        return _advise(catalog, project, n_samples, today, date_from)


def _advise(
    catalog: Catalog, project: Project, n_samples: int, today: dt.date | None, date_from: str
) -> Recommendation:
    reading = read(catalog, project, today, date_from)
    weighting = weigh(
        catalog.library, project, reading.fired, reading.given,
        {q.id: q for q in catalog.questionnaire.questions},
    )
    types = assess_types(catalog, weighting, reading.team)
    offerings = assess_offerings(
        catalog, project, weighting, reading.team, reading.country, reading.budget_is_limit
    )
    robust = _robustness(catalog, offerings, weighting, n_samples, project.seed)
    return _explain(catalog, project, reading, weighting, types, offerings, robust, n_samples)


def what_if(
    catalog: Catalog,
    project: Project,
    group_weights: dict[str, float],
    *,
    today: dt.date | None = None,
) -> Recommendation:
    """The quick recommendation if the team's group weights were `group_weights` (points).

    The team's real weights are left alone: the what-if replaces them, for this one answer, by
    a single set of points, and skips the probability sampling so it answers at once.
    """
    points = {g: max(0.0, float(v)) for g, v in group_weights.items()}
    trial = project.model_copy(
        update={
            "stakeholders": [],
            "weights": {"what_if": StakeholderWeights(method="points", points=points)},
        }
    )
    return advise(catalog, trial, n_samples=0, today=today or _fixed_date(project)[0])


def read(
    catalog: Catalog, project: Project, today: dt.date | None, date_from: str = "argument"
) -> Reading:
    if today is not None:
        as_of, source = today, date_from
    else:
        as_of, source = _fixed_date(project)
    given = answers(catalog.questionnaire, project, as_of)
    model = catalog.cost_model
    users = given.get("crm_users")
    seats_answered = users is not None and isinstance(users.value, int | float)
    seats = int(users.value) if seats_answered else (model.reference_users if model else 50)
    horizon = given.get("horizon_years")
    years = int(horizon.value) if horizon is not None and isinstance(horizon.value, int | float) \
        else (model.default_horizon_years if model else 5)
    budgets = {
        k: float(given[k].value) if k in given and isinstance(given[k].value, int | float)
        else None
        for k in ("budget_upfront_eur", "budget_yearly_eur")
    }
    team = Team(
        seats=max(1, seats),
        seats_answered=seats_answered,
        horizon_years=max(1, years),
        budget_upfront=budgets["budget_upfront_eur"],
        budget_yearly=budgets["budget_yearly_eur"],
    )
    limit = given.get("budget_limit")
    return Reading(
        as_of=as_of,
        date_from=source,
        given=given,
        fired=fired_rules(catalog.questionnaire, project, given),
        team=team,
        country=country_code(project.organisation.country),
        budget_is_limit=limit is not None and limit.value == "hard",
    )


def _fixed_date(project: Project) -> tuple[dt.date, str]:
    """The project's own date, else its latest recorded event: never the wall clock unless
    the project holds no date at all."""
    if project.date is not None:
        return project.date, "project"
    h = project.history
    events = [t for t in (h.created_at, h.weights_changed_at, h.weights_locked_at,
                          h.scores_seen_at) if t is not None]
    events += [o.at for o in project.overrides if o.at is not None]
    if events:
        return max(events).date(), "history"
    return dt.datetime.now(dt.UTC).date(), "today"


def _robustness(
    catalog: Catalog, offerings: Assessed, weighting: Weighting, n_samples: int, seed: int
) -> RobustnessResult:
    names = {s.id: s.name for s in offerings.specs}
    return assess(
        catalog.library,
        offerings.matrix,
        names,
        weighting.criterion_weights,
        offerings.evaluation.scores,
        offerings.evaluation.passing,
        n_samples=n_samples,
        seed=seed,
    )


def _explain(
    catalog: Catalog,
    project: Project,
    reading: Reading,
    weighting: Weighting,
    types: Assessed,
    offerings: Assessed,
    robust: RobustnessResult,
    n_samples: int,
) -> Recommendation:
    library = catalog.library
    rob = robust.robustness
    detailing = explain.Detailing(reading.team, catalog, project)
    type_results = explain.with_type_reasons(
        library, explain.results(library, types, reading.as_of, detailing)
    )
    offer_results = explain.results(library, offerings, reading.as_of, detailing, robust)
    ranked = [r for r in offer_results if not r.excluded]
    winner = ranked[0] if ranked else None
    runner = ranked[1] if len(ranked) > 1 else None
    lead_type = next((r for r in type_results if not r.excluded), None)
    names = {r.id: r.name for r in offer_results}
    contenders = [names[c] for c in rob.contenders]
    settles = explain.settle(library, offer_results, rob)
    readiness = assess_readiness(catalog.questionnaire, project)
    efficient, value_text = explain.value_for_money(offer_results)
    note = history_note(project)
    chosen = winner is not None and rob.certainty == "clear"
    by_id = {o.id: o for o in catalog.offerings}
    return Recommendation(
        project_name=project.name or "Untitled project",
        organisation=project.organisation.name,
        prepared_by=project.prepared_by,
        date=reading.as_of,
        headline=wording.headline(winner, lead_type, rob.certainty, contenders),
        confidence_text=wording.confidence(winner, rob, n_samples, MARGIN),
        top_reasons=explain.top_reasons(library, winner, runner),
        tie_breaker=explain.tie_breaker(offer_results, rob),
        settle=settles,
        solution_type_headline=explain.type_headline(type_results),
        solution_types=type_results,
        offerings=offer_results,
        efficient=efficient,
        value_for_money=value_text,
        criteria=explain.criterion_weights(library, project, weighting),
        fact_must_haves=explain.fact_must_haves(weighting, reading.country),
        groups=explain.group_weights(library, weighting),
        knocked_out_types=[
            f for r in type_results for f in r.failures if f.kind == "solution_type"
        ],
        robustness=rob,
        group_view=weighting.group_view,
        readiness=readiness,
        risks=explain.risks(readiness, winner, offer_results, rob, note),
        actions=explain.actions(readiness, settles, offer_results, rob, explain.Owners(project)),
        rollout=plan_rollout(project, by_id.get(winner.id) if chosen and winner else None,
                             readiness),
        rollout_note="" if chosen or winner is None else wording.rollout_undecided(),
        horizon_years=reading.team.horizon_years,
        seats=reading.team.seats,
        cost_basis=wording.cost_basis(reading.team),
        provenance=provenance(catalog, project, reading, robust, n_samples, note),
        missing=explain.missing(catalog, project, weighting,
                                unanswered(catalog.questionnaire, project)),
        warnings=explain.warnings(catalog, project, len(offer_results), winner, lead_type,
                                  weighting, note, offer_results),
    )
