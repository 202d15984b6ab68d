"""The one place the UI asks the advisor for anything computed.

The TUI computes no scores: every number on screen comes from `advise`, `stakeholder_view` or
`next_pair`. Keeping the imports here lets the rest of the UI stay unaware of how the advisor is
packaged.
"""

from __future__ import annotations

import datetime as dt
import importlib

from selector.catalog import Catalog
from selector.domain import Project
from selector.domain.recommendation import Recommendation, StakeholderView


def advise(
    catalog: Catalog, project: Project, *, n_samples: int = 0, today: dt.date | None = None
) -> Recommendation:
    from selector.advisor import advise as _advise

    return _advise(catalog, project, n_samples=n_samples, today=today)


def stakeholder_view(catalog: Catalog, project: Project, stakeholder_id: str) -> StakeholderView:
    from selector.advisor import stakeholder_view as _view

    return _view(catalog, project, stakeholder_id)


def next_pair(catalog: Catalog, project: Project, stakeholder_id: str) -> tuple[str, str] | None:
    from selector.advisor import next_pair as _next

    return _next(catalog, project, stakeholder_id)


def cite(source: str) -> str:
    """A source as a reader can follow it: seed files by what they are, URLs as they are."""
    if not source:
        return ""
    try:
        from selector.advisor import cite as _cite
    except ImportError:
        return source
    try:
        return _cite(source)
    except Exception:  # noqa: BLE001 - an odd source string must not take the view down
        return source


def report_available() -> bool:
    """Whether the PDF report layer has landed (until then the export writes JSON)."""
    try:
        module = importlib.import_module("selector.report")
    except ImportError:
        return False
    return hasattr(module, "write_report")
