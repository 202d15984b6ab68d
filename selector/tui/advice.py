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
    """The ranking if the team's group weights were `group_weights` (shares summing to 1).

    Until the advisor has its own what-if, this asks `advise` about a copy of the project with
    one stakeholder holding those weights; the saved project is never touched.
    """
    from selector.advisor import advise as run
    from selector.domain import Stakeholder, StakeholderWeights

    copy = project.model_copy(deep=True)
    copy.stakeholders = [Stakeholder(id="what_if", name="What-if")]
    copy.weights = {"what_if": StakeholderWeights(
        method="points", points={k: v * 100 for k, v in group_weights.items()})}
    return run(catalog, copy, n_samples=0, today=today)


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
