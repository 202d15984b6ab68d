"""The report's sections, each a method returning flowables, so a subclass can replace one.

`ReportSections.sections()` is the story: page 1 (`section_memo`), the contents, the body
(`body_sections`) and the appendices (`appendix_sections`). Body sections are numbered and
appendices lettered in the order they are built, so adding or dropping one renumbers the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from selector.report.appendices import AppendixSections
from selector.report.body import BodySections

Section = Callable[[], list[Flowable]]


class ReportSections(BodySections, AppendixSections):
    """Every section builder; `ReportRenderer` supplies fonts, styles, width and the rec."""

    def sections(self) -> list[Section]:
        """The story, in order; override to add, drop or reorder sections."""
        return [self.section_memo, self.section_contents, *self.body_sections(),
                *self.appendix_sections()]

    def body_sections(self) -> list[Section]:
        """What a decision needs, about eight pages."""
        return [
            self.section_solution_types,
            self.section_ranking,
            self.section_sensitivity,
            self.section_disagreement,
            self.section_weights,
            self.section_readiness,
            self.section_rollout,
        ]

    def appendix_sections(self) -> list[Section]:
        """What the body rests on: criteria, costs, evidence, checks, method, reproducibility,
        words."""
        return [
            self.section_appendix_criteria,
            self.section_appendix_cost,
            self.section_appendix_evidence,
            self.section_appendix_readiness,
            self.section_appendix_method,
            self.section_appendix_reproducibility,
            self.section_appendix_glossary,
        ]
