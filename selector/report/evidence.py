"""The evidence appendix: the contenders in full, the other ranked offerings summarised.

For each contender, every value with the points it adds, what it rests on, the source by its
title (linked to the page, never printed as a raw address), the kind of source, when it was
seen, and what a reader must weigh: judgement alone, a vendor's claim (verified in a demo or
not), the team's own value, a figure worked out for this team. Above each table, how much of
the offering's score rests on judgement and how old its evidence is.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from reportlab.platypus import Flowable, KeepTogether, PageBreak

from selector.domain.recommendation import CandidateResult, Contribution
from selector.report.blocks import Cell
from selector.report.numbers import DASH, plural, points, short_day
from selector.report.ranking import RankingSections

EVIDENCE_LINES = 4
"""Lines of a value's evidence shown in the table; the whole note is in the JSON export."""


class EvidenceSections(RankingSections):
    """The evidence appendix."""

    evidence_offerings: int = 2
    summary_offerings: int = 20

    def evidence_candidates(self) -> list[CandidateResult]:
        """The contenders when there is no clear winner; otherwise the winner and runner-up."""
        return [o for o in self.leading_offerings(self.evidence_offerings) if o.detailed]

    def section_appendix_evidence(self) -> list[Flowable]:
        out: list[Flowable] = [PageBreak(), self.appendix("Evidence")]
        full = self.evidence_candidates()
        if not full:
            return [*out, self.p("No offering is ranked, so there is no evidence to show.")]
        out.append(self.p(
            "The leading offerings' value on every criterion, the points it adds to the score, "
            "what the value rests on, and its source: the page's title (linked), the kind of "
            "source and the day it was seen. Marked: “judgement” where a value rests on "
            "judgement alone, “vendor claim” where it is the vendor's own answer (verified in a "
            "demo or not), “team” where the team set the value itself, “for this team” where it "
            "was worked out from the team's seats and horizon."))
        for offering in full:
            out += self.evidence_of(offering)
        others = [o for o in self.ranked_offerings() if o not in full]
        if others:
            out += self.other_offerings(others)
        out += self.ruled_out(self.excluded_offerings())
        out += self.overrides()
        return out

    def evidence_of(self, offering: CandidateResult) -> list[Flowable]:
        rows = [[self.criterion_name(c.criterion_id), self._value(c), points(c.contribution),
                 self.p(c.evidence or DASH, "CellSmall", EVIDENCE_LINES), self._source(c),
                 short_day(c.observed) if c.observed else DASH]
                for c in offering.contributions]
        intro: list[Flowable] = self.sub(f"Evidence: {offering.name}", listed=False)
        if offering.evidence is not None and offering.evidence.text:
            intro.append(self.p(offering.evidence.text, "Small"))
        out = self.table(["Criterion", "Value", "Adds", "What it rests on", "Source", "Seen"],
                         rows, [0.16, 0.11, 0.06, 0.31, 0.24, 0.12], right=(2,), intro=intro)
        for title, items in (("Connectors to the team's systems",
                              [s.text for s in offering.systems]),
                             ("The vendor's claims", [c.text for c in offering.claims])):
            if items:
                out.append(KeepTogether([self.p(title, "H3"),
                                         *self.bullets(items, style="BulletSmall")]))
        return out

    def _value(self, c: Contribution) -> str:
        text = c.value_text or self.value(c.raw_value, c.criterion_id)
        return text + (" (team)" if c.overridden else "")

    def _source(self, c: Contribution) -> list[Flowable]:
        """The source by its title, linked to its address; its kind; what to weigh."""
        shown: list[Flowable] = []
        title = c.source_title or self._site(c.source)
        if title:
            shown.append(self.link(title, c.source))
        kind = c.source_kind or ("worked out for this team" if c.computed else "")
        marks = []
        if c.judgement:
            marks.append("judgement")
        if c.vendor_claim:
            marks.append("vendor claim, verified in a demo" if c.verified
                         else "vendor claim, not verified")
        if c.overridden:
            marks.append("team")
        if c.computed:
            marks.append("for this team")
        if kind and kind not in marks:
            shown.append(self.p(kind, "CellSmallMuted", 2))
        if marks:
            shown.append(self.p(", ".join(marks), "CellMark", 2))
        return shown or [self.p(DASH, "CellSmall")]

    @staticmethod
    def _site(source: str) -> str:
        """A web address as its site ("learn.microsoft.com"); other text as it is."""
        if source.startswith(("http://", "https://")):
            host = urlsplit(source).hostname or ""
            return host.removeprefix("www.")
        return source

    def other_offerings(self, others: list[CandidateResult]) -> list[Flowable]:
        shown = others[: self.summary_offerings]
        rows: list[list[Cell]] = [
            [str(o.rank) if o.rank else DASH, o.name, points(o.score),
             o.evidence.text if o.evidence is not None and o.evidence.text else DASH]
            for o in shown]
        note = ("The other ranked offerings, summarised: how much of each score rests on "
                "judgement and how old the evidence is.")
        if len(others) > len(shown):
            note += f" {plural(len(others) - len(shown), 'more offering')} are not shown."
        note += (" The evidence and sources for every offering are in the JSON export "
                 "(crm-selector rank PROJECT.toml --json).")
        return self.table(["#", "Offering", "Score", "Evidence"], rows, [0.05, 0.3, 0.08, 0.57],
                          right=(0, 2),
                          intro=[*self.sub("The other ranked offerings", listed=False),
                                               self.p(note)])
