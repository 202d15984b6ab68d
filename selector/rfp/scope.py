"""What an RFP asks a vendor, worked out from the project and its Recommendation.

The requirements in scope are the criteria that carry weight for this team (computed cost
criteria are asked as a quote instead), in the catalog's order, with the must-have lines the
advisor set; the fact must-haves become yes/no/partly questions. The team's weights stay out:
a vendor who knows what weighs most writes to the weights.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from selector.advisor import wording as advisor_wording
from selector.catalog.loader import Catalog
from selector.domain.criteria import Criterion, OrdinalScale
from selector.domain.project import Project
from selector.domain.recommendation import FactMustHaveView, Recommendation
from selector.domain.vendors import OfferingProfile, VendorProfile


class ScopeError(ValueError):
    """A request the RFP cannot be made for (an unknown offering, a delivery model)."""


@dataclass(frozen=True)
class RequirementRow:
    ref: str  # "R07": how the vendor and the team name the row
    criterion: Criterion
    group: str
    must: str  # the must-have line in words ("at least level 3"), or ""
    note: str  # the team's note on the requirement, when it wrote one

    @property
    def quantity(self) -> bool:
        return not isinstance(self.criterion.scale, OrdinalScale)


@dataclass(frozen=True)
class FactQuestion:
    ref: str  # "M03"
    key: str  # the claim key the answer is recorded under
    question: str  # "Identity standards: SAML"
    why: str


@dataclass(frozen=True)
class Buyer:
    """Who asks, about what, by when: the cover of every workbook."""

    organisation: str
    project: str
    project_key: str
    contact: str
    issued: dt.date


@dataclass(frozen=True)
class RfpScope:
    buyer: Buyer
    offering: OfferingProfile
    deadline: dt.date | None
    seats: int
    horizon_years: int
    currencies: list[str]
    requirements: list[RequirementRow]
    facts: list[FactQuestion]


def project_key(project: Project) -> str:
    """What identifies a project in its workbooks: its organisation and name (renaming the
    project after sending an RFP makes the answers refuse to import into it)."""
    text = f"{project.organisation.name}\n{project.name}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def buyer(project: Project, rec: Recommendation, contact: str = "") -> Buyer:
    return Buyer(
        organisation=project.organisation.name,
        project=rec.project_name,
        project_key=project_key(project),
        contact=contact or project.prepared_by,
        issued=rec.date,
    )


def requirements_in_scope(catalog: Catalog, project: Project, rec: Recommendation
                          ) -> list[RequirementRow]:
    """The criteria with weight for this team, in the catalog's order, numbered R01, R02 …"""
    rows: list[RequirementRow] = []
    for weight in rec.criteria:
        if weight.weight <= 0 or weight.computed:
            continue
        criterion = catalog.library.criterion(weight.criterion_id)
        requirement = project.requirements.get(weight.criterion_id)
        rows.append(
            RequirementRow(
                ref=f"R{len(rows) + 1:02d}",
                criterion=criterion,
                group=weight.group_name,
                must=weight.threshold_text if weight.priority == "must" else "",
                note=requirement.note if requirement else "",
            )
        )
    return rows


def fact_questions(project: Project, musts: list[FactMustHaveView]) -> list[FactQuestion]:
    """The fact must-haves as questions, numbered M01, M02 …, with the team's own reason (or
    the rule's) for asking."""
    notes = {m.claim_key: m.note for m in project.must_haves if m.note}
    out = []
    for i, must in enumerate(musts, start=1):
        why = notes.get(must.key, "")
        if not why:
            why = " ".join(advisor_wording.rule_title(t.text) for t in must.set_by
                           if t.kind == "rule")
        out.append(FactQuestion(ref=f"M{i:02d}", key=must.key, question=must.question, why=why))
    return out


def offerings_to_ask(catalog: Catalog, rec: Recommendation, wanted: list[str]) -> list[str]:
    """The offerings to send an RFP to: those named (an offering or a vendor's id), else every
    offering of the project that a vendor sells (a delivery model has no vendor to answer)."""
    vendors: dict[str, VendorProfile] = {v.id: v for v in catalog.vendors}
    candidates = [r for r in rec.offerings if r.kind == "offering"]
    if not wanted:
        return [r.id for r in candidates if vendors[r.vendor_id].kind == "product"]
    chosen: list[str] = []
    for ref in wanted:
        matching = [r for r in candidates if ref in (r.id, r.vendor_id)]
        if not matching:
            known = [r.id for r in candidates]
            raise ScopeError(f"{ref!r} is not an offering of this project; its offerings are: "
                             + ", ".join(known))
        for r in matching:
            if vendors[r.vendor_id].kind != "product":
                raise ScopeError(f"{r.id!r} is a way of getting a CRM built ({r.name}), not a "
                                 "vendor's product: there is no vendor to answer an RFP")
            if r.id not in chosen:
                chosen.append(r.id)
    return chosen


def rfp_scope(
    catalog: Catalog, project: Project, rec: Recommendation, offering_id: str,
    deadline: dt.date | None = None, contact: str = "",
) -> RfpScope:
    offering = next(o for o in catalog.offerings if o.id == offering_id)
    model = catalog.cost_model
    currencies = sorted(model.currencies()) if model else ["EUR"]
    return RfpScope(
        buyer=buyer(project, rec, contact),
        offering=offering,
        deadline=deadline,
        seats=rec.seats or 1,
        horizon_years=rec.horizon_years,
        currencies=currencies,
        requirements=requirements_in_scope(catalog, project, rec),
        facts=fact_questions(project, rec.fact_must_haves),
    )
