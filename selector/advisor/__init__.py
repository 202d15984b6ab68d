"""The advisor: a project and a catalog in, one explained Recommendation out.

`advise` is a pure function; `stakeholder_view` and `next_pair` serve the weighting step of the
terminal UI, so that the UI itself never computes a weight.
"""

from __future__ import annotations

from selector.advisor.recommend import advise
from selector.advisor.weighting import next_judgment, stakeholder_weights
from selector.catalog.loader import Catalog
from selector.domain.project import Project, StakeholderWeights
from selector.domain.recommendation import StakeholderView


def stakeholder_view(catalog: Catalog, project: Project, stakeholder_id: str) -> StakeholderView:
    """One stakeholder's group weights, consistency ratio and judgments to revisit, live."""
    weights = project.weights.get(stakeholder_id, StakeholderWeights())
    vector, cr, revisit, basis = stakeholder_weights(catalog.library, weights)
    person = next((s for s in project.stakeholders if s.id == stakeholder_id), None)
    return StakeholderView(
        stakeholder_id=stakeholder_id,
        name=person.name if person else stakeholder_id,
        department=person.department if person else "",
        method=weights.method if vector else "none",
        group_weights=vector,
        consistency_ratio=cr,
        consistency_basis=basis,
        revisit=revisit,
    )


def next_pair(catalog: Catalog, project: Project, stakeholder_id: str) -> tuple[str, str] | None:
    """The next pair of groups to compare (None when every group is connected and complete)."""
    weights = project.weights.get(stakeholder_id, StakeholderWeights())
    return next_judgment(catalog.library, weights)


__all__ = ["advise", "next_pair", "stakeholder_view"]
