"""The one place the UI asks the advisor for anything computed.

The TUI computes no scores: every number on screen comes from `advise`, `stakeholder_view`,
`next_pair` or `what_if`, and every cited source goes through `cite`. The advisor (and numpy
under it) is imported on first use, so the start screen and the first steps appear without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

    from selector.catalog import Catalog
    from selector.domain import Project
    from selector.domain.recommendation import Recommendation


def advise(catalog: Catalog, project: Project, *, n_samples: int = 0,
           today: dt.date | None = None) -> Recommendation:
    from selector.advisor import advise as run

    return run(catalog, project, n_samples=n_samples, today=today)


def what_if(catalog: Catalog, project: Project, group_weights: dict[str, float], *,
            today: dt.date | None = None) -> Recommendation:
    """The quick ranking if the team's group weights were `group_weights` (the advisor's own
    what-if: the saved project is never touched)."""
    from selector.advisor import what_if as run

    return run(catalog, project, group_weights, today=today)


def list_prices(catalog: Catalog, project: Project) -> dict[str, Any]:
    """Every catalog offering's licences per seat and month for this team, in EUR."""
    from selector.advisor.prices import list_prices as prices

    return prices(catalog, project)


def listed_values(offering: Any, fact: str) -> tuple[list[str], bool, bool]:
    """What an offering lists for a fact (derived ones too): values, complete, known."""
    from selector.advisor.facts import listed_values as listed

    return listed(offering, fact)


def fact_passes(offering: Any, fact: str, value: str, country: str | None) -> bool:
    """Whether an offering's catalog facts show `value` for `fact`, exactly as a fact
    must-have checks it (so a filter and a must-have never disagree)."""
    from selector.advisor.facts import check
    from selector.domain.questions import FactRequirement

    return check(offering, FactRequirement(fact=fact, includes=[value]), country).status \
        == "passes"


def stakeholder_view(catalog: Catalog, project: Project, stakeholder_id: str) -> Any:
    from selector.advisor import stakeholder_view as view

    return view(catalog, project, stakeholder_id)


def next_pair(catalog: Catalog, project: Project, stakeholder_id: str) -> tuple[str, str] | None:
    from selector.advisor import next_pair as pair

    return pair(catalog, project, stakeholder_id)


def cite(source: str) -> str:
    from selector.advisor import cite as citation

    return citation(source)


def write_report(recommendation: Recommendation, path: Any) -> None:
    """The PDF (reportlab is imported only when the team exports)."""
    from selector.report import write_report as write

    write(recommendation, path)


def wording():  # noqa: ANN201 - the advisor's wording module
    """The advisor's words for values (fact values, system kinds, money ranges), so the screen
    says them exactly as the report does."""
    from selector.advisor import wording as words

    return words
