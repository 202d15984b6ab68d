"""Audit a catalog's evidence: what is unsourced, undated, stale, judged, or contradicts itself.

A consultant defends a catalog claim by claim. The audit lists, per vendor and offering, the
scores and facts without a source or an observed date, the evidence older than the freshness
limit for its kind (prices and plan names six months; deployment, licence and residency a
year; other scores two years), how much rests on judgement alone, sources that are home pages
or cited for many unrelated criteria, and facts that contradict the same offering's scores
(deployment against residency, licence against licence openness, identity standards against the
single-sign-on levels). Contradictions and products resting over 30% on judgement fail the
audit; staleness and weak sources are reported for the consultant to work through.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Literal
from urllib.parse import urlparse

from selector.catalog.loader import Catalog
from selector.catalog.plain_table import table
from selector.domain.evidence import Evidence
from selector.domain.vendors import CUSTOMER_RUN, CriterionScore, OfferingProfile, VendorProfile

FRESH_DAYS = {"price": 183, "fact": 365, "score": 730}
"""How old evidence may be before it is reported stale, by kind."""
FACT_LIKE_SCORES = {"data_residency", "licence_openness"}
JUDGEMENT_LIMIT = 0.30
MANY_CRITERIA = 6  # one page cited for this many criteria in four or more groups is suspect

OSI_LICENCES = {
    "AGPL-3.0-only", "AGPL-3.0-or-later", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only",
    "GPL-3.0-or-later", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only",
    "LGPL-3.0-or-later", "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "MPL-2.0",
    "EPL-2.0", "OSL-3.0", "CPAL-1.0",
}

Kind = Literal[
    "contradiction", "too_much_judgement", "no_source", "no_source_kind", "no_date", "stale",
    "weak_source", "stale_rate",
]
FAILING: frozenset[str] = frozenset({"contradiction", "too_much_judgement"})


@dataclass(frozen=True)
class Finding:
    kind: Kind
    file: str
    vendor: str
    offering: str
    field: str
    message: str

    @property
    def fails(self) -> bool:
        return self.kind in FAILING

    def __str__(self) -> str:
        where = f"{self.file}: {self.offering}" if self.offering else self.file
        return f"{where}: {self.field}: {self.message}"


@dataclass(frozen=True)
class OfferingAudit:
    offering: str
    name: str
    scores: int
    sourced: int
    judged: int
    undated: int
    stale: int

    @property
    def judgement_share(self) -> float:
        return self.judged / self.scores if self.scores else 0.0


@dataclass(frozen=True)
class VendorAudit:
    vendor: str
    name: str
    kind: str
    file: str
    offerings: list[OfferingAudit]
    contradictions: int
    stale_facts: int = 0

    @property
    def judgement_share(self) -> float:
        """The worst offering's share: a vendor is as defensible as its weakest offering."""
        return max((o.judgement_share for o in self.offerings), default=0.0)


@dataclass
class Audit:
    as_of: dt.date
    vendors: list[VendorAudit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def failing(self) -> list[Finding]:
        return [f for f in self.findings if f.fails]

    def to_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "vendors": [
                {**asdict(v), "judgement_share": round(v.judgement_share, 4),
                 "offerings": [{**asdict(o), "judgement_share": round(o.judgement_share, 4)}
                               for o in v.offerings]}
                for v in self.vendors
            ],
            "findings": [{**asdict(f), "fails": f.fails} for f in self.findings],
        }


def _age(evidence: Evidence | CriterionScore, as_of: dt.date) -> int | None:
    return (as_of - evidence.observed).days if evidence.observed is not None else None


def _is_home_page(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("http", "https") and parsed.path.strip("/") == "" and not parsed.query


def audit_catalog(catalog: Catalog, as_of: dt.date) -> Audit:
    """Every finding for every vendor of `catalog`, and a summary per vendor and offering."""
    result = Audit(as_of)
    groups = {c.id: g.id for g in catalog.library.groups for c in g.criteria}
    names = {c.id: c.name for c in catalog.library.criteria()}
    for vendor in catalog.vendors:
        file = catalog.vendor_files.get(vendor.id, vendor.id)
        offerings = [o for o in catalog.offerings if o.vendor_id == vendor.id]
        found: list[Finding] = []
        summaries = []
        for offering in offerings:
            label = offering.id if vendor.offerings else ""
            summaries.append(
                _audit_offering(vendor, offering, file, label, as_of, names, found)
            )
            found += _contradictions(vendor, offering, file, label)
        found += _facts(vendor, file, as_of)
        found += _shared_sources(vendor, offerings, file, groups, names)
        if vendor.kind == "product":
            for summary in summaries:
                if summary.judgement_share > JUDGEMENT_LIMIT:
                    found.append(
                        Finding(
                            "too_much_judgement", file, vendor.id,
                            summary.offering if vendor.offerings else "", "scores",
                            f"{summary.judgement_share:.0%} of the scores rest on judgement "
                            f"alone ({summary.judged} of {summary.scores}); at most "
                            f"{JUDGEMENT_LIMIT:.0%} for a product",
                        )
                    )
        result.vendors.append(
            VendorAudit(
                vendor.id, vendor.name, vendor.kind, file, summaries,
                contradictions=sum(1 for f in found if f.kind == "contradiction"),
                stale_facts=sum(1 for f in found if f.kind == "stale" and "facts." in f.field),
            )
        )
        result.findings += _unique(found)
    if catalog.cost_model is not None:
        for rate in catalog.cost_model.rates:
            age = (as_of - rate.date).days
            if age > FRESH_DAYS["price"]:
                result.findings.append(
                    Finding("stale_rate", "cost model", "", "", f"rates.{rate.currency}",
                            f"the exchange rate is from {rate.date.isoformat()} ({age} days "
                            "old): prices in this currency convert at an old rate")
                )
    return result


def _unique(findings: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(findings))


def _audit_offering(
    vendor: VendorProfile,
    offering: OfferingProfile,
    file: str,
    label: str,
    as_of: dt.date,
    names: dict[str, str],
    found: list[Finding],
) -> OfferingAudit:
    sourced = judged = undated = stale = 0
    index = next((i for i, o in enumerate(vendor.offerings) if o.id == offering.id), None)
    own = vendor.offerings[index].scores if index is not None else {}
    for cid, score in sorted(offering.scores.items()):
        field_name = f"offerings[{index}].scores.{cid}" if cid in own else f"scores.{cid}"
        if score.is_judgement:
            judged += 1
            if score.source_kind != "team_judgement":
                found.append(Finding("no_source", file, vendor.id, label, field_name,
                                     "no source, and not marked as team judgement"))
            continue
        sourced += 1
        if score.source_kind is None:
            found.append(Finding("no_source_kind", file, vendor.id, label, field_name,
                                 "has a source but no `source_kind` (what kind of page it is)"))
        age = _age(score, as_of)
        if age is None:
            undated += 1
            found.append(Finding("no_date", file, vendor.id, label, field_name,
                                 "has a source but no `observed` date"))
            continue
        limit = FRESH_DAYS["fact"] if cid in FACT_LIKE_SCORES else FRESH_DAYS["score"]
        if age > limit:
            stale += 1
            found.append(Finding("stale", file, vendor.id, label, field_name,
                                 f"evidence seen {score.observed.isoformat()}, {age} days ago "
                                 f"(older than {limit} days for {names.get(cid, cid)})"))
        if score.source and _is_home_page(score.source):
            found.append(Finding("weak_source", file, vendor.id, label, field_name,
                                 f"{score.source} is a home page: cite the page that says it"))
    own_tiers = index is not None and vendor.offerings[index].price_tiers is not None
    prefix = f"offerings[{index}].price_tiers" if own_tiers else "price_tiers"
    for i, tier in enumerate(offering.price_tiers):
        age = _age(tier, as_of)
        if age is not None and age > FRESH_DAYS["price"]:
            stale += 1
            found.append(Finding("stale", file, vendor.id, label, f"{prefix}[{i}]",
                                 f"price {tier.name!r} seen {tier.observed.isoformat()}, "
                                 f"{age} days ago (prices older than six months)"))
    return OfferingAudit(offering.id, offering.name, sourced + judged, sourced, judged, undated,
                         stale)


def _facts(vendor: VendorProfile, file: str, as_of: dt.date) -> list[Finding]:
    out = []
    tables = [("", "facts", vendor.facts)] + [
        (o.id, f"offerings[{i}].facts", o.facts) for i, o in enumerate(vendor.offerings)
    ]
    for label, prefix, facts in tables:
        for name in facts.model_fields_set:
            fact = getattr(facts, name)
            if fact is None:
                continue
            where = f"{prefix}.{name}"
            if fact.is_judgement:
                if fact.source_kind != "team_judgement":
                    out.append(Finding("no_source", file, vendor.id, label, where,
                                       "no source, and not marked as team judgement"))
                continue
            if fact.source_kind is None:
                out.append(Finding("no_source_kind", file, vendor.id, label, where,
                                   "has a source but no `source_kind` (what kind of page it is)"))
            age = _age(fact, as_of)
            if age is None:
                out.append(Finding("no_date", file, vendor.id, label, where,
                                   "has a source but no `observed` date"))
            elif age > FRESH_DAYS["fact"] and name in ("deployment", "licence",
                                                        "hosting_regions"):
                out.append(Finding("stale", file, vendor.id, label, where,
                                   f"seen {fact.observed.isoformat()}, {age} days ago (older "
                                   "than a year for deployment, licence and residency)"))
    return out


def _level(offering: OfferingProfile, cid: str) -> float | None:
    score = offering.scores.get(cid)
    return score.value if score is not None else None


def _contradictions(
    vendor: VendorProfile, offering: OfferingProfile, file: str, label: str
) -> list[Finding]:
    out: list[Finding] = []

    def say(field_name: str, message: str) -> None:
        out.append(Finding("contradiction", file, vendor.id, label, field_name, message))

    facts = offering.facts
    residency = _level(offering, "data_residency")
    if facts.deployment is not None and facts.deployment.complete and residency is not None:
        run = set(facts.deployment.values)
        if run and run <= set(CUSTOMER_RUN) and residency < 4:
            say("scores.data_residency",
                f"level {residency:g}, but the offering is only deployed where the customer "
                "chooses (self-hosted or on premises), which is level 4 or 5")
        if run and not run & set(CUSTOMER_RUN) and residency >= 5:
            say("scores.data_residency",
                f"level {residency:g} means on infrastructure the buyer chooses, but the "
                "offering is only run by the vendor or a partner")
    openness = _level(offering, "licence_openness")
    if facts.licence is not None and openness is not None and vendor.kind == "product":
        licences = set(facts.licence.values)
        osi = licences & OSI_LICENCES
        if not osi and openness >= 3:
            say("scores.licence_openness",
                f"level {openness:g} needs an OSI-approved licence, but the offering lists "
                f"{', '.join(sorted(licences))}")
        if osi and licences <= OSI_LICENCES and openness < 3:
            say("scores.licence_openness",
                f"level {openness:g}, but the offering is under {', '.join(sorted(osi))}, an "
                "OSI-approved licence (level 3 or more)")
    identity = facts.identity_standards
    if identity is not None and identity.complete:
        federated = {"saml", "oidc"} & set(identity.values)
        for cid, name in (("identity_standards", "identity standards"), ("sso_audit",
                                                                          "access control")):
            level = _level(offering, cid)
            if level is not None and not federated and level >= 3:
                say(f"scores.{cid}",
                    f"{name} level {level:g} needs SAML or OIDC single sign-on, but the "
                    f"identity standards listed are {', '.join(identity.values) or 'none'}")
    return out


def _shared_sources(
    vendor: VendorProfile,
    offerings: list[OfferingProfile],
    file: str,
    groups: dict[str, str],
    names: dict[str, str],
) -> list[Finding]:
    """One page cited for many unrelated criteria rarely says all of them."""
    cited: dict[str, set[str]] = {}
    for offering in offerings:
        for cid, score in offering.scores.items():
            if score.source and not score.is_judgement:
                cited.setdefault(score.source, set()).add(cid)
    out = []
    for url, criteria in sorted(cited.items()):
        if len(criteria) >= MANY_CRITERIA and len({groups.get(c, c) for c in criteria}) >= 4:
            listed = ", ".join(sorted(names.get(c, c) for c in criteria))
            out.append(Finding("weak_source", file, vendor.id, "", "scores",
                               f"{url} is cited for {len(criteria)} criteria in different "
                               f"groups ({listed}): check that it supports each"))
    return out


KIND_TITLES = {
    "contradiction": "Facts that contradict the same offering's scores",
    "too_much_judgement": "Products resting too much on judgement",
    "no_source": "Without a source",
    "no_source_kind": "A source without its kind",
    "no_date": "Without an observed date",
    "stale": "Older than the freshness limit",
    "stale_rate": "Exchange rates older than six months",
    "weak_source": "Sources to check",
}


def audit_text(audit: Audit) -> str:
    """The audit as a consultant works from it: a table per vendor, then the findings."""
    rows = []
    for v in audit.vendors:
        scores = sum(o.scores for o in v.offerings)
        share = f"{v.judgement_share:.0%}" + ("" if v.kind == "product" else " (model)")
        rows.append([v.name, str(len(v.offerings)), str(scores), share,
                     str(sum(o.undated for o in v.offerings)),
                     str(sum(o.stale for o in v.offerings) + v.stale_facts),
                     str(v.contradictions)])
    lines = [f"Catalog audit as of {audit.as_of.isoformat()}", ""]
    lines += table(
        ["Vendor", "Offerings", "Scores", "Judgement", "Undated", "Stale", "Contradictions"],
        rows, [40, 9, 6, 11, 7, 5, 14], right=range(1, 7),
    )
    lines.append("")
    lines.append("Judgement: the share of an offering's scores resting on judgement alone (the "
                 "worst offering per vendor); delivery models (model) state typical estimates.")
    for kind, title in KIND_TITLES.items():
        found = [f for f in audit.findings if f.kind == kind]
        if not found:
            continue
        lines += ["", f"{title} ({len(found)})" + (" — these fail the audit" if kind in FAILING
                                                  else "")]
        lines += [f"  {f}" for f in found]
    failing = audit.failing
    lines += ["", f"{len(failing)} finding(s) fail the audit." if failing else
              "No contradictions; every product is within the judgement limit."]
    return "\n".join(lines) + "\n"
