"""The recommendation PDF for decision makers, rendered from a Recommendation.

This layer renders only: every number and reason comes from the Recommendation, so the PDF can
never disagree with the terminal or the JSON export.
"""

from __future__ import annotations

from pathlib import Path

from selector.catalog import write_bytes_atomic
from selector.domain.recommendation import Recommendation
from selector.report.renderer import ReportRenderer

__all__ = ["ReportRenderer", "render_pdf", "write_report"]


def render_pdf(recommendation: Recommendation, *, invariant: bool = True) -> bytes:
    """The report as PDF bytes; with `invariant` the same input always gives the same bytes."""
    return ReportRenderer(recommendation, invariant=invariant).render()


def write_report(recommendation: Recommendation, path: Path) -> None:
    """Write the report atomically: on failure (FileError) an existing file stays intact."""
    write_bytes_atomic(Path(path), render_pdf(recommendation))
