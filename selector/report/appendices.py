"""The appendices: the criteria, the evidence, the readiness checks, the method, how to
reproduce the result, and the words of the method in plain words.
"""

from __future__ import annotations

import hashlib

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from selector.domain.recommendation import CandidateResult, CatalogFile, CriterionWeight
from selector.report.blocks import Cell, ReportBlocks
from selector.report.glossary import GLOSSARY
from selector.report.numbers import DASH, count, moment, pct, plural, points

SHOWN_ELSEWHERE = {"rules fired"}
"""Parameters the report shows in words elsewhere (each fired rule is listed, in its own words,
with the criterion it changed in the criteria appendix) instead of as a list of ids."""


def catalog_fingerprint(files: list[CatalogFile]) -> str:
    """One SHA-256 for all catalog files: of their `sha256sum` lines, sorted by path.

    Anyone can recompute it from the files (`sha256sum FILES | sort -k 2 | sha256sum`, run
    from the folder the paths are relative to) or from the per-file checksums in the JSON.
    """
    lines = "".join(f"{f.sha256}  {f.path}\n" for f in sorted(files, key=lambda f: f.path))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


class AppendixSections(ReportBlocks):
    """Section builders for the appendices."""

    evidence_vendors: int = 2
    matrix_vendors: int = 5

    def section_appendix_criteria(self) -> list[Flowable]:
        rec, view = self.rec, self.rec.group_view
        out: list[Flowable] = [PageBreak(), self.appendix("Criteria and weights")]
        if not rec.criteria:
            return [*out, self.p("No criteria are weighted yet.")]
        out.append(self.p("Every criterion by group, with its final weight, its priority and "
                          "its must-have line; below each, what set them: the team's answers "
                          "(rules), requirements and who asked for them."))
        rows: list[list[Cell]] = []
        extra: list[tuple] = []
        for group in rec.groups:
            members = [c for c in rec.criteria if c.group_id == group.group_id]
            if not members:
                continue
            agreed = view.aggregate.get(group.group_id)
            title = f"{group.name} · agreed {pct(agreed, 1)} · final {pct(group.weight, 1)}"
            rows.append([self.p(title, "CellHead"), "", "", ""])
            row = len(rows)
            extra += [("SPAN", (0, row), (-1, row)),
                      ("BACKGROUND", (0, row), (-1, row), colors.HexColor("#e6e9ed")),
                      ("TOPPADDING", (0, row), (-1, row), 5)]
            for criterion in members:
                rows.append([criterion.name, pct(criterion.weight, 1), criterion.priority,
                             criterion.threshold_text or DASH])
                traces = self._traces(criterion)
                if traces:
                    rows.append([self.p("\n".join(f"• {t}" for t in traces), "Small", 24),
                                 "", "", ""])
                    row = len(rows)
                    extra += [("SPAN", (0, row), (-1, row)),
                              ("LINEABOVE", (0, row), (-1, row), 0, colors.white),
                              ("LEFTPADDING", (0, row), (-1, row), 12)]
        out += self.table(["Criterion", "Weight", "Priority", "Must-have"], rows,
                          [0.56, 0.1, 0.12, 0.22], right=(1,), extra=extra, zebra=False)
        return out

    def _traces(self, criterion: CriterionWeight) -> list[str]:
        """What set a criterion's weight, without the group's share (shown on the group row)."""
        return [t.text for t in criterion.set_by
                if not (t.kind == "stakeholder" and t.ref == criterion.group_id)]

    def evidence_candidates(self) -> list[CandidateResult]:
        """The contenders when there is no clear winner; otherwise the winner and runner-up."""
        ranked = self.ranked_vendors()
        contenders = set(self.rec.robustness.contenders)
        chosen = [v for v in ranked if v.id in contenders]
        return chosen if len(chosen) >= 2 else ranked[: self.evidence_vendors]

    def section_appendix_evidence(self) -> list[Flowable]:
        out: list[Flowable] = [PageBreak(), self.appendix("Evidence")]
        ranked = self.ranked_vendors()
        full = self.evidence_candidates()
        if not full:
            return [*out, self.p("No vendor is ranked, so there is no evidence to show.")]
        out.append(self.p("The leading vendors' value on every criterion, the points it adds, "
                          "what the value rests on and how sure it is. Sources are linked; "
                          "“team” marks a value the team set itself."))
        for v in full:
            rows = []
            for c in v.contributions:
                value = self.value(c.raw_value, c.criterion_id)
                if c.overridden:
                    value += " (team)"
                rows.append([self.criterion_name(c.criterion_id), value, points(c.contribution),
                             c.evidence or DASH, self.source(c.source), c.confidence])
            out += self.table(["Criterion", "Value", "Adds", "Evidence", "Source", "Confidence"],
                              rows, [0.19, 0.1, 0.07, 0.37, 0.15, 0.12], right=(2,),
                              intro=self.sub(f"Evidence: {v.name}"))
        others = [v for v in ranked if v not in full]
        if others:
            out += self._other_vendors(others)
        return out

    def _other_vendors(self, others: list[CandidateResult]) -> list[Flowable]:
        shown = others[: self.matrix_vendors]
        lookup = {(v.id, c.criterion_id): c for v in shown for c in v.contributions}
        rows = []
        for crit in self.rec.criteria:
            row: list[Cell] = [crit.name]
            for v in shown:
                contrib = lookup.get((v.id, crit.criterion_id))
                if contrib is None:
                    row.append(DASH)
                else:
                    mark = " *" if contrib.overridden else ""
                    row.append(self.value(contrib.raw_value, crit.criterion_id) + mark)
            rows.append(row)
        rows.append(["Score (points of 100)", *(points(v.score) for v in shown)])
        note = (f"The next {plural(len(shown), 'ranked vendor')}, summarised: each value on its "
                "criterion's own scale; * marks a value set by the team.")
        if len(others) > len(shown):
            note += f" {plural(len(others) - len(shown), 'more vendor')} are not shown."
        note += (" The evidence and sources for every vendor are in the JSON export "
                 "(crm-selector rank PROJECT.toml --json).")
        share = 0.66 / len(shown)
        last = len(rows)
        return self.table(["Criterion", *(v.name for v in shown)], rows,
                          [0.34, *([share] * len(shown))], right=tuple(range(1, 1 + len(shown))),
                          extra=[("FONTNAME", (0, last), (-1, last), self.fonts.bold.name)],
                          intro=[*self.sub("The other ranked vendors"), self.p(note)])

    def section_appendix_readiness(self) -> list[Flowable]:
        checks = self.rec.readiness.checks
        out: list[Flowable] = [CondPageBreak(120 * mm), self.appendix("Readiness checks")]
        if not checks:
            return [*out, self.p("No readiness checks were answered.")]
        rows = [[c.text, c.answer, c.risk or DASH, c.action or DASH, self.p(c.source or DASH,
                                                                          "CellSmall", 8)]
                for c in checks]
        out += self.table(["Check", "Answer", "Risk if not in place", "Action", "Source"], rows,
                          [0.26, 0.09, 0.23, 0.25, 0.17],
                          intro=[self.p("Every organisational check, its answer, the risk if it "
                                        "is not in place, the action that puts it in place, and "
                                        "the source article it comes from.")])
        return out

    def section_appendix_method(self) -> list[Flowable]:
        prov, rob = self.rec.provenance, self.rec.robustness
        out: list[Flowable] = [CondPageBreak(90 * mm), self.appendix("Method and parameters")]
        rows: list[list[Cell]] = [
            ["Method", prov.method], ["Normalisation", prov.normalization],
            ["Clear-winner margin", f"{points(rob.margin_threshold)} points of 100"],
            ["Samples", count(prov.n_samples)], ["Random seed", str(prov.seed)],
            *([k[:1].upper() + k[1:], str(v)] for k, v in sorted(prov.parameters.items())
              if k not in SHOWN_ELSEWHERE),
        ]
        for label, when in (("Weights last changed", prov.weights_changed_at),
                            ("Scores first seen", prov.scores_seen_at),
                            ("Weights locked", prov.weights_locked_at)):
            if when is not None:
                rows.append([label, moment(when)])
        if prov.weights_after_scores:
            rows.append(["Note", "The weights were changed after the scores had been seen."])
        elif prov.note:
            rows.append(["Note", prov.note])
        out += self.table(["Setting", "Value"], rows, [0.3, 0.7])
        return out

    def section_appendix_reproducibility(self) -> list[Flowable]:
        prov = self.rec.provenance
        out: list[Flowable] = [CondPageBreak(70 * mm), self.appendix("Reproducibility")]
        rows: list[list[Cell]] = [
            ["Produced with", f"CRM Selector {prov.tool_version}"],
            ["Generated", moment(prov.generated_at)],
            ["Random seed", str(prov.seed)],
            ["Samples", count(prov.n_samples)],
        ]
        if prov.catalog_files:
            rows.append([f"Catalog ({plural(len(prov.catalog_files), 'file')})",
                         self.p(catalog_fingerprint(prov.catalog_files), "Cell")])
        out.append(self.p("The same catalog files, project file and seed give the same result "
                          "and this same document, byte for byte. The catalog line is one "
                          "SHA-256 over every catalog file's checksum (sorted by path); the "
                          "checksum of each file is in the JSON export."))
        out += self.table(["What", "Value"], rows, [0.3, 0.7])
        if not prov.catalog_files:
            out.append(self.p("No catalog files were recorded."))
        return out

    def section_appendix_glossary(self) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(80 * mm), self.appendix("Words used in this report")]
        for term, meaning in GLOSSARY:
            out.append(KeepTogether([self.p(term, "Term"), self.p(meaning, "Definition")]))
        out.append(Spacer(1, 2 * mm))
        return out
