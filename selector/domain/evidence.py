"""Evidence: what is claimed, where it was seen, what kind of source that is, when, how sure.

A ranking is only as honest as the facts behind it. Every score and fact in a catalog carries
its evidence, so a consultant can defend it and the robustness analysis can widen the range of
what rests on judgement. Judgement is allowed, and said as such.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from selector.domain.base import Strict

Confidence = Literal["high", "medium", "low"]

SourceKind = Literal[
    "vendor_documentation",
    "vendor_pricing_page",
    "vendor_terms",
    "independent_review",
    "third_party_transcription",
    "vendor_rfp_answer",
    "demo",
    "team_judgement",
]
"""What kind of source the evidence is: the vendor's own documentation, its pricing page, its
contract or terms, an independent review, a third party's copy of a vendor page, the vendor's
answer to the team's RFP, what the team saw in a demo, or the team's (or consultant's) judgement."""

SOURCE_KIND_NAMES: dict[str, str] = {
    "vendor_documentation": "vendor documentation",
    "vendor_pricing_page": "vendor pricing page",
    "vendor_terms": "vendor contract or terms",
    "independent_review": "independent review",
    "third_party_transcription": "third-party copy of a vendor page",
    "vendor_rfp_answer": "vendor RFP answer",
    "demo": "seen in a demo",
    "team_judgement": "team judgement",
}

Url = Annotated[
    str, Field(pattern=r"^(https?://\S+|seed:\S+)$", max_length=2000), AfterValidator(sys.intern)
]
"""A web address, or `seed:FILE` for a point resting on one of the source documents.

Interned, as are source titles and dates: a vendor file cites a few pages for its forty-odd
scores, and one copy of each is enough (12 kB a file, 60 MB for a market of 5,000 files)."""

SourceTitle = Annotated[str, Field(max_length=300), AfterValidator(sys.intern)]

_DATES: dict[dt.date, dt.date] = {}


def _one_copy(day: dt.date) -> dt.date:
    return _DATES.setdefault(day, day)


Observed = Annotated[dt.date, AfterValidator(_one_copy)]


class Evidence(Strict):
    """Where a claim comes from. `note` says the claim in words (for judgement: the reasoning)."""

    note: Annotated[str, Field(max_length=5000)] = ""
    source: Url | None = None
    source_title: SourceTitle = ""
    source_kind: SourceKind | None = None
    observed: Observed | None = None
    """When the evidence was seen (not when the file was edited)."""
    confidence: Confidence = "medium"

    @model_validator(mode="after")
    def _judgement_or_source(self) -> Evidence:
        if self.source_kind not in (None, "team_judgement", "demo") and self.source is None:
            raise ValueError(
                f"source_kind {self.source_kind!r} needs a source (the page that says it); "
                "without one, mark it source_kind = \"team_judgement\" and give the reasoning"
            )
        return self

    @property
    def is_judgement(self) -> bool:
        """True when nothing but someone's judgement supports the claim."""
        return self.source is None or self.source_kind == "team_judgement"
