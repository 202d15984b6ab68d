"""Must-haves on vendor facts: "SAML single sign-on", "hosted in the EU", "a connector for IFS".

A level on a 0–5 scale cannot say "we must have SAML": OIDC-only products pass "identity
standards ≥ 3" too. The vendor files list such facts, so a must-have can require them directly.
Each offering is checked on its own facts. What its list does not say is *not evidenced* — shown
apart from "does not have" — and the team decides whether that excludes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from selector.advisor import wording
from selector.domain.questions import FactRequirement
from selector.domain.regions import EU_EEA
from selector.domain.vendors import CUSTOMER_RUN, Fact, Integration, OfferingProfile

Status = Literal["passes", "fails", "not_evidenced"]

_RUN_BY = {
    "saas": "provider",
    "private_cloud": "provider",
    "hosted_by_partner": "partner",
    "self_hosted": "customer",
    "on_premises": "customer",
}


@dataclass(frozen=True)
class FactCheck:
    status: Status
    required: str  # "SAML listed"
    actual: str  # "lists OIDC, OAuth 2.0", "not stated"
    reason: str


@dataclass(frozen=True)
class _Listed:
    values: list[str]
    complete: bool
    known: bool
    lowered: frozenset[str] = frozenset()

    @staticmethod
    def of(values: list[str], complete: bool, known: bool) -> _Listed:
        return _Listed(values, complete, known, frozenset(v.lower() for v in values))


def _listed(offering: OfferingProfile, name: str) -> _Listed:
    facts = offering.facts
    if name == "run_by":
        fact = facts.deployment
        if fact is None:
            return _Listed.of([], False, False)
        return _Listed.of(sorted({_RUN_BY[d] for d in fact.values}), fact.complete, True)
    if name == "data_location":
        deployment, regions = facts.deployment, facts.hosting_regions
        values = list(regions.values) if regions else []
        if deployment and any(d in CUSTOMER_RUN for d in deployment.values):
            values.append("own_infrastructure")
        known = bool(values) or (deployment is not None and regions is not None)
        complete = bool(regions and regions.complete and deployment and deployment.complete)
        return _Listed.of(values, complete, known)
    fact: Fact | None = getattr(facts, name)
    if fact is None:
        return _Listed.of([], False, False)
    values = [v.name if isinstance(v, Integration) else str(v) for v in fact.values]
    if name == "integrations":
        values += [v.kind for v in fact.values if isinstance(v, Integration)]
    return _Listed.of(values, fact.complete, True)


def listed_values(offering: OfferingProfile, name: str) -> tuple[list[str], bool, bool]:
    """What an offering lists for a fact a must-have can require, the derived ones (`run_by`,
    `data_location`) included: (values, whether the list is complete, whether it is known)."""
    listed = _listed(offering, name)
    return list(listed.values), listed.complete, listed.known


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    """The words of a product name, lower case: "SAP S/4HANA" → {"sap", "s", "4hana"}."""
    return frozenset(re.sub(r"[^0-9a-z\u00c0-\uffff]+", " ", text.lower()).split())


@lru_cache(maxsize=262144)
def matches(name: str, wanted: str, value: str) -> bool:
    """Whether a listed value satisfies a wanted one, in the fact's own terms."""
    w, v = wanted.lower(), value.lower()
    if name in ("hosting_regions", "data_location"):
        if w == "eu":
            return v == "eu" or v in EU_EEA
        return v == w
    if name == "languages":
        base_w, base_v = w.split("-")[0], v.split("-")[0]
        norwegian = {"no", "nb", "nn"}
        return v == w or base_v == w or (base_w in norwegian and base_v in norwegian)
    if name in ("integrations", "modules"):
        # whole words, so "SAP" never matches "WhatsApp" and "erp" never "Enterprise"
        a, b = _words(w), _words(v)
        return bool(a and b) and (a <= b or b <= a)
    return v == w


_EXACT = {"deployment", "run_by", "licence", "api_styles", "identity_standards", "certifications"}
_EU = frozenset(EU_EEA | {"eu"})


def _has(name: str, listed: _Listed, wanted: str) -> bool:
    w = wanted.lower()
    if name in _EXACT:
        return w in listed.lowered
    if name in ("hosting_regions", "data_location"):
        return bool(listed.lowered & _EU) if w == "eu" else w in listed.lowered
    return any(matches(name, wanted, v) for v in listed.values)


def check(
    offering: OfferingProfile,
    req: FactRequirement,
    country: str | None,
    memo: dict | None = None,
) -> FactCheck:
    """One fact must-have against one offering.

    `memo` (one per catalog) keeps each answer and how each must-have reads: a market is
    checked offering by offering, and a what-if asks the same again. Thousands of offerings
    list the same values (the editions of a product, most products for "languages"), so an
    answer is decided once per list and equal answers are kept once.
    """
    memo = {} if memo is None else memo
    asked = (req.fact, tuple(resolve_country(v, country) for v in req.includes),
             tuple(resolve_country(v, country) for v in req.any_of))
    answers = _table(memo, "answers").setdefault(asked, {})
    answer = answers.get(offering.id)
    if answer is None:
        listed = _listed(offering, asked[0])
        decided = _table(memo, "decided")
        said = (asked, tuple(listed.values), listed.complete, listed.known)
        answer = decided.get(said)
        if answer is None:
            found = _decide(listed, asked, memo)
            answer = decided[said] = _table(memo, "same").setdefault(found, found)
        answers[offering.id] = answer
    return answer


def _table(memo: dict, name: str) -> dict:
    table = memo.get(name)
    if table is None:
        table = memo[name] = {}
    return table


def _decide(listed: _Listed, asked: tuple, memo: dict) -> FactCheck:
    fact, wanted_all, wanted_any = asked
    actual = wording.fact_actual(fact, listed.values, listed.known)
    required = _table(memo, "required").get(asked)
    if required is None:  # what a must-have asks for reads the same for every offering
        required = memo["required"][asked] = wording.fact_required(
            fact, list(wanted_all), list(wanted_any))
    if not listed.known:
        return FactCheck("not_evidenced", required, actual,
                         wording.fact_not_stated(fact, list(wanted_all or wanted_any)))
    missing = [w for w in wanted_all if not _has(fact, listed, w)]
    any_ok = not wanted_any or any(_has(fact, listed, w) for w in wanted_any)
    if not missing and any_ok:
        return FactCheck("passes", required, actual, "")
    lacking = missing or list(wanted_any)
    if listed.complete:
        return FactCheck("fails", required, actual,
                         wording.fact_lacks(fact, lacking, listed.values, not missing))
    return FactCheck("not_evidenced", required, actual,
                     wording.fact_not_listed(fact, lacking, not missing))


def resolve_country(value: str, country: str | None) -> str:
    """`$country` as the organisation's own country code; any other value as it is."""
    if value == "$country":
        return country or "$country"
    return value
