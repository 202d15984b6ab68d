"""The appendices: the criteria and the rules, what the leading offerings cost and why, the
readiness checks, the method, how to reproduce the result, and the method's words in plain
words. (The evidence appendix is in `evidence`.)
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from selector.advisor.wording import euro_range
from selector.domain.recommendation import CandidateResult, TeamCost, Trace
from selector.report.blocks import Cell
from selector.report.evidence import EvidenceSections
from selector.report.glossary import GLOSSARY
from selector.report.numbers import DASH, count, day, moment, pct, plural

SHOWN_ELSEWHERE = {"rules fired"}
"""Parameters the report shows in words elsewhere (each fired rule, in its own words, in the
criteria appendix) instead of as a list of ids."""


class AppendixSections(EvidenceSections):
    """Section builders for the appendices."""

    # ---- A criteria and weights ----------------------------------------------------------

    def section_appendix_criteria(self) -> list[Flowable]:
        rec = self.rec
        out: list[Flowable] = [PageBreak(), self.appendix("Criteria and weights")]
        if not rec.criteria:
            return [*out, self.p("No criteria are weighted yet.")]
        out.append(self.p("Every criterion by group: its agreed weight (the stakeholders') and "
                          "its final weight (after the rules), its priority and its must-have "
                          "line, and what set them: who asked for it, and the numbers of the "
                          "rules (listed after this table) that the team's answers fired."))
        numbers = self.rule_numbers()
        rows: list[list[Cell]] = []
        extra: list[tuple] = []
        for group in rec.groups:
            members = [c for c in rec.criteria if c.group_id == group.group_id]
            if not members:
                continue
            title = (f"{group.name} · agreed {pct(group.agreed_weight, 1)} · final "
                     f"{pct(group.weight, 1)}")
            rows.append([self.p(title, "CellHead"), "", "", "", "", ""])
            row = len(rows)
            extra += [("SPAN", (0, row), (-1, row)),
                      ("BACKGROUND", (0, row), (-1, row), colors.HexColor("#e6e9ed")),
                      ("TOPPADDING", (0, row), (-1, row), 5)]
            for criterion in members:
                rows.append([criterion.name, pct(criterion.agreed_weight, 1),
                             pct(criterion.weight, 1),
                             criterion.priority_text or criterion.priority,
                             criterion.threshold_text or DASH,
                             self.p(self._set_by(criterion.set_by, numbers), "CellSmall", 12)])
        out += self.table(["Criterion", "Agreed", "Final", "Priority", "Must-have", "Set by"],
                          rows, [0.26, 0.08, 0.08, 0.1, 0.15, 0.33], right=(1, 2), extra=extra,
                          zebra=False)
        out += self.rules_table()
        out += self.fact_must_haves(numbers)
        return out

    def rule_numbers(self) -> dict[str, int]:
        """Each fired rule's number in the rules table, by its id (never printed)."""
        return {r.rule_id: n for n, r in enumerate(self.rec.provenance.rules_fired, start=1)}

    def _set_by(self, traces: list[Trace], numbers: dict[str, int]) -> str:
        """Who asked (their words), and the rules by number; a group's share is on its row."""
        said = [t.text for t in traces if t.kind not in ("rule", "stakeholder")]
        fired = sorted({numbers[t.ref] for t in traces if t.kind == "rule" and t.ref in numbers})
        if fired:
            label = "Rule" if len(fired) == 1 else "Rules"
            said.append(f"{label} {', '.join(str(n) for n in fired)}")
        return "\n".join(said) or DASH

    def rules_table(self) -> list[Flowable]:
        rules = self.rec.provenance.rules_fired
        if not rules:
            return []
        rows = [[str(n), r.title, r.because or DASH, self.source(r.source, 6)]
                for n, r in enumerate(rules, start=1)]
        return self.table(["", "What the rule does", "Because the team answered", "Source"], rows,
                          [0.05, 0.5, 0.27, 0.18],
                          intro=[*self.sub("The rules the team's answers fired", listed=False),
                                 self.p("Each rule in its own words, the answer that fired it and "
                                        "the source it rests on.")])

    def fact_must_haves(self, numbers: dict[str, int]) -> list[Flowable]:
        musts = self.rec.fact_must_haves
        if not musts:
            return []
        rows = [[m.question, "ruled out" if m.excludes_unproven else "kept, to ask the vendor",
                 self.p(self._set_by(m.set_by, numbers), "CellSmall", 8)] for m in musts]
        return self.table(["Must-have on a vendor fact", "If the catalog does not show it",
                           "Set by"], rows, [0.4, 0.2, 0.4],
                          intro=[*self.sub("Must-haves on vendor facts", listed=False),
                                 self.p("Must-haves checked against what the catalog records "
                                        "about each offering (its deployment, standards, "
                                        "languages …) rather than a score.")])

    # ---- B cost for this team ------------------------------------------------------------

    def section_appendix_cost(self) -> list[Flowable]:
        rec = self.rec
        out: list[Flowable] = [PageBreak(), self.appendix("Cost for this team")]
        costed = [o for o in self.leading_offerings() if o.cost is not None]
        if not costed:
            return [*out, self.p("No ranked offering has a cost.")]
        intro = ("What each leading offering would cost this team, line by line, and how each "
                 "line was worked out. * marks a line from the catalog's default estimates for "
                 "this kind of deployment, not from the offering's own figures.")
        out.append(self.p(intro))
        if rec.cost_basis:
            out.append(self.p(rec.cost_basis, "Small"))
        for offering in costed:
            out += self.cost_lines(offering, offering.cost)  # type: ignore[arg-type]
        return out

    def cost_lines(self, offering: CandidateResult, cost: TeamCost) -> list[Flowable]:
        rows: list[list[Cell]] = []
        for line in cost.lines:
            label = line.label + (" *" if line.default_used else "")
            rows.append([label, "yearly" if line.recurring else "one-off",
                         euro_range(line.amount), line.basis, self.source(line.source, 6),
                         line.confidence])
        totals = [("One-off, in all", cost.upfront), ("Each year, in all", cost.yearly),
                  (f"Over {plural(cost.horizon_years, 'year')}", cost.total)]
        first = len(rows) + 1
        for label, amount in totals:
            rows.append([self.p(label, "CellStrong"), "", euro_range(amount), "", "", ""])
        extra = [("LINEABOVE", (0, first), (-1, first), 0.8, colors.black),
                 *(("SPAN", (0, r), (1, r)) for r in range(first, len(rows) + 1)),
                 *(("SPAN", (3, r), (-1, r)) for r in range(first, len(rows) + 1))]
        out = self.table(["Item", "When", "Amount", "How it was worked out", "Source",
                          "Confidence"], rows, [0.15, 0.08, 0.2, 0.31, 0.14, 0.12], right=(2,),
                         extra=extra, intro=self.sub(f"Cost: {offering.name}", listed=False))
        if cost.assumptions:
            out.append(KeepTogether([self.p("Assumptions", "H3"),
                                     *self.bullets(cost.assumptions, style="BulletSmall")]))
        return out

    # ---- D readiness checks --------------------------------------------------------------

    def section_appendix_readiness(self) -> list[Flowable]:
        checks = self.rec.readiness.checks
        out: list[Flowable] = [CondPageBreak(120 * mm), self.appendix("Readiness checks")]
        if not checks:
            return [*out, self.p("No readiness checks were answered.")]
        rows = [[c.text, c.answer, c.action or DASH, c.owner or DASH,
                 self.source(c.source)] for c in checks]
        out += self.table(["Check", "Answer", "Action that puts it in place", "Owner", "Source"],
                          rows, [0.29, 0.09, 0.29, 0.13, 0.2],
                          intro=[self.p("Every organisational check, its answer, the action that "
                                        "puts it in place, who owns that, and the source article "
                                        "it comes from. The risk of each open check is in "
                                        "“" + self.RISKS + "”.")])
        return out

    # ---- E method ------------------------------------------------------------------------

    def section_appendix_method(self) -> list[Flowable]:
        prov = self.rec.provenance
        out: list[Flowable] = [CondPageBreak(90 * mm), self.appendix("Method and parameters")]
        rows: list[list[Cell]] = [
            ["Method", prov.method], ["Normalisation", prov.normalization],
            ["Samples", count(prov.n_samples)], ["Random seed", str(prov.seed)],
            *([k[:1].upper() + k[1:], str(v)] for k, v in sorted(prov.parameters.items())
              if k not in SHOWN_ELSEWHERE),
        ]
        for label, when in (("Weights last changed", prov.weights_changed_at),
                            ("Scores first seen", prov.scores_seen_at),
                            ("Weights locked", prov.weights_locked_at)):
            if when is not None:
                rows.append([label, moment(when)])
        out += self.table(["Setting", "Value"], rows, [0.3, 0.7])
        return out

    # ---- F reproducibility ---------------------------------------------------------------

    def section_appendix_reproducibility(self) -> list[Flowable]:
        prov = self.rec.provenance
        out: list[Flowable] = [CondPageBreak(70 * mm), self.appendix("Reproducibility")]
        rows: list[list[Cell]] = [
            ["Produced with", f"CRM Selector {prov.tool_version}"],
            ["As of", f"{day(prov.as_of)} ({prov.date_from})" if prov.date_from
             else day(prov.as_of)],
            ["Random seed", str(prov.seed)],
            ["Samples", count(prov.n_samples)],
        ]
        if prov.inputs_sha256:
            rows.append(["Inputs checksum", self.p(prov.inputs_sha256, "Cell")])
        if prov.catalog_sha256:
            files = f" ({plural(len(prov.catalog_files), 'file')})" if prov.catalog_files else ""
            rows.append([f"Catalog checksum{files}", self.p(prov.catalog_sha256, "Cell")])
        out.append(self.p("The same catalog files, project file, seed and date give the same "
                          "result and this same document, byte for byte. The inputs checksum "
                          "covers the catalog files, the project, the seed, the samples and the "
                          "tool version; the checksum of each catalog file is in the JSON export "
                          "(crm-selector rank PROJECT.toml --json)."))
        out += self.table(["What", "Value"], rows, [0.3, 0.7])
        return out

    # ---- G words -------------------------------------------------------------------------

    def section_appendix_glossary(self) -> list[Flowable]:
        out: list[Flowable] = [CondPageBreak(80 * mm), self.appendix("Words used in this report")]
        for term, meaning in GLOSSARY:
            out.append(KeepTogether([self.p(term, "Term"), self.p(meaning, "Definition")]))
        out.append(Spacer(1, 2 * mm))
        return out

