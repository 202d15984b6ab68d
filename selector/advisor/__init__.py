"""The advisor: a project and a catalog in, one explained Recommendation out.

`advise` is a pure function; `stakeholder_view` and `next_pair` serve the weighting step of the
terminal UI, so that the UI itself never computes a weight.
"""

from __future__ import annotations

from selector.advisor import weighting
from selector.advisor.recommend import advise, what_if
from selector.advisor.sources import cite
from selector.advisor.weighting import next_judgment
from selector.catalog.loader import Catalog
from selector.domain.project import Project, StakeholderWeights
from selector.domain.recommendation import StakeholderView


def stakeholder_view(catalog: Catalog, project: Project, stakeholder_id: str) -> StakeholderView:
    """One stakeholder's group weights, consistency ratio and judgments to revisit, live."""
    return weighting.stakeholder_view(catalog.library, project, stakeholder_id)


def next_pair(catalog: Catalog, project: Project, stakeholder_id: str) -> tuple[str, str] | None:
    """The next pair of groups to compare (None when every group is connected and complete)."""
    weights = project.weights.get(stakeholder_id, StakeholderWeights())
    return next_judgment(catalog.library, weights)


__all__ = ["advise", "cite", "next_pair", "stakeholder_view", "what_if"]
