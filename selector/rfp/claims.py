"""Returned answers into the project's claims, and the team's decisions on them.

A claim is identified by the offering, what it is about (a criterion or a fact must-have), and
its kind of source — for a demo, also who scored it. Re-importing the same workbook changes
nothing; a later answer on the same point replaces the earlier one, and if its value changed,
the team's earlier decision no longer applies and it waits for a new one.

A claim that agrees with the catalog is recorded as accepted at once: there is nothing to
decide, and accepting it leaves the score as it was (a sourced catalog score keeps its own
evidence; one resting on judgement now rests on the vendor's answer as well). A claim that
differs waits for the team (`to_decide`) and is not in the score until the team accepts it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selector.advisor import advise
from selector.catalog.loader import Catalog
from selector.domain.evidence import SOURCE_KIND_NAMES
from selector.domain.project import Claim, ClaimStatus, Project
from selector.domain.recommendation import CandidateResult, ClaimView, Recommendation
from selector.rfp.reading import ReturnedWorkbook

Identity = tuple[str, str, str, str]
KINDS = {"rfp": "vendor_rfp_answer", "demo": "demo"}
_KIND_OF_WORDS = {SOURCE_KIND_NAMES[k]: k for k in KINDS.values()}
AWAITING: tuple[ClaimStatus, ...] = ("to_decide", "verify_in_demo")


def identity(c: Claim) -> Identity:
    kind = c.source_kind or "vendor_rfp_answer"
    return (c.vendor, c.criterion, kind, c.by if kind == "demo" else "")


def _view_identity(offering_id: str, view: ClaimView) -> Identity:
    kind = _KIND_OF_WORDS.get(view.source_kind, "vendor_rfp_answer")
    return (offering_id, view.criterion_id, kind, view.by if kind == "demo" else "")


@dataclass
class Recorded:
    """What one workbook changed in the project."""

    returned: ReturnedWorkbook
    new: list[Identity] = field(default_factory=list)
    changed: list[Identity] = field(default_factory=list)  # the value changed: decide again
    updated: list[Identity] = field(default_factory=list)  # same value, newer evidence
    unchanged: list[Identity] = field(default_factory=list)

    @property
    def touched(self) -> bool:
        return bool(self.new or self.changed or self.updated)


def _same(a: Claim, b: Claim) -> bool:
    """The same answer: the team's decision aside, and for a vendor's answer who recorded it
    (importing it again under another name records nothing new)."""
    keep = {"status"} if a.source_kind == "demo" else {"status", "by"}
    return a.model_dump(exclude=keep) == b.model_dump(exclude=keep)


def record(project: Project, returned: list[ReturnedWorkbook]) -> tuple[Project, list[Recorded]]:
    """The project with every returned workbook's claims in it, and what each one changed."""
    claims = list(project.claims)
    where = {identity(c): i for i, c in enumerate(claims)}
    outcomes = []
    for workbook in returned:
        outcome = Recorded(workbook)
        for claim in workbook.claims:
            key = identity(claim)
            i = where.get(key)
            if i is None:
                where[key] = len(claims)
                claims.append(claim)
                outcome.new.append(key)
            elif _same(claims[i], claim):
                outcome.unchanged.append(key)
            elif claims[i].value == claim.value and claims[i].unanswered == claim.unanswered:
                claims[i] = claim.model_copy(update={"status": claims[i].status})
                outcome.updated.append(key)
            else:
                claims[i] = claim
                outcome.changed.append(key)
        outcomes.append(outcome)
    return project.model_copy(update={"claims": claims}), outcomes


def accept_agreeing(catalog: Catalog, project: Project, keys: set[Identity]
                    ) -> tuple[Project, Recommendation]:
    """Claims among `keys` still to decide that agree with the catalog become accepted (the
    advisor says which agree); returns the project and its quick Recommendation."""
    rec = advise(catalog, project, n_samples=0)
    agreeing = {
        _view_identity(r.id, v)
        for r in rec.offerings for v in r.claims
        if not v.differs and v.status == "to_decide"
    } & keys
    if not agreeing:
        return project, rec
    claims = [c.model_copy(update={"status": "accepted"}) if identity(c) in agreeing else c
              for c in project.claims]
    project = project.model_copy(update={"claims": claims})
    return project, advise(catalog, project, n_samples=0)


@dataclass(frozen=True)
class Decision:
    """A decision to record, or why it cannot be: no such claim, or more than one."""

    project: Project | None
    problem: str = ""
    claims: list[Claim] = field(default_factory=list)


def decide(project: Project, offering: str, about: str, status: ClaimStatus,
           kind: str | None = None, by: str | None = None) -> Decision:
    """The team's decision on one claim: `accepted`, `challenged`, `verify_in_demo` (or back
    to `to_decide`). `offering` may be an offering's or its vendor's id."""
    mine = [c for c in project.claims if c.vendor == offering and c.criterion == about]
    if kind is not None:
        mine = [c for c in mine if (c.source_kind or "vendor_rfp_answer") == KINDS[kind]]
    if by is not None:
        mine = [c for c in mine if c.by == by]
    if not mine:
        recorded = sorted({c.criterion for c in project.claims if c.vendor == offering})
        if not recorded:
            return Decision(None, f"no claims are recorded for {offering!r}")
        return Decision(None, f"no claim on {about!r} is recorded for {offering!r}; its claims "
                              f"are on: {', '.join(recorded)}")
    if len(mine) > 1:
        return Decision(None, f"{len(mine)} claims on {about!r} for {offering!r} (a vendor "
                              "answer and demo scores): say which with --source rfp|demo and, "
                              "for a demo, --by NAME", mine)
    target = identity(mine[0])
    claims = [c.model_copy(update={"status": status}) if identity(c) == target else c
              for c in project.claims]
    return Decision(project.model_copy(update={"claims": claims}), claims=mine)


@dataclass(frozen=True)
class Awaiting:
    """A claim awaiting the team, beside the catalog's value, with the offering it is for."""

    offering: CandidateResult
    claim: ClaimView


def awaiting(rec: Recommendation, everything: bool = False) -> list[Awaiting]:
    """Claims the team still has to decide (`to_decide`, `verify_in_demo`), or all of them."""
    return [Awaiting(r, c) for r in rec.offerings for c in r.claims
            if everything or c.status in AWAITING]


@dataclass(frozen=True)
class Answered:
    """One returned workbook as recorded in the project: which offering answered, and when."""

    offering_id: str
    kind: str  # "rfp" or "demo"
    file: str
    observed: str
    claims: int
    to_decide: int


def answered(project: Project) -> list[Answered]:
    """Which vendors have answered (and which demos were scored), from the project's claims."""
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for c in project.claims:
        kind = "demo" if c.source_kind == "demo" else "rfp"
        groups.setdefault((c.vendor, kind, c.file), []).append(c)
    return [
        Answered(vendor, kind, file,
                 max((c.observed.isoformat() for c in cs if c.observed), default=""),
                 len(cs), sum(1 for c in cs if c.status in AWAITING))
        for (vendor, kind, file), cs in groups.items()
    ]
