"""Which values a fact must-have may ask for, so a typo is caught where it is written.

A must-have on "identity standards include SMAL" would silently exclude every offering; the
enumerated facts take only their known values, the others a value of the right form.
"""

from __future__ import annotations

import re
import typing

from selector.catalog.problems import did_you_mean
from selector.domain.vendors import ApiStyle, Deployment, IdentityStandard, SystemKind

_CHOICES: dict[str, set[str]] = {
    "deployment": set(typing.get_args(Deployment)),
    "run_by": {"provider", "partner", "customer"},
    "api_styles": set(typing.get_args(ApiStyle)),
    "identity_standards": set(typing.get_args(IdentityStandard)),
}
_WORDS = {
    "deployment": "deployments",
    "run_by": "ways an offering is run (provider, partner, customer)",
    "api_styles": "API styles",
    "identity_standards": "identity standards",
}
_REGION = re.compile(r"^([a-z]{2}|eu|\$country)$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def fact_value_problem(fact: str, value: str) -> str:
    """Why `value` cannot be asked of `fact`, or "" when it can."""
    if fact in _CHOICES:
        allowed = _CHOICES[fact]
        if value.lower() not in allowed:  # matching ignores case, so "SAML" is fine
            return (f"{value!r} is not one of the {_WORDS[fact]}"
                    f"{did_you_mean(value.lower(), allowed)}; "
                    f"use one of {', '.join(sorted(allowed))}")
        return ""
    if fact == "hosting_regions" and not _REGION.match(value):
        return f"{value!r} is not a country code (\"se\", \"de\"), \"eu\" or \"$country\""
    if fact == "data_location" and not (_REGION.match(value) or value == "own_infrastructure"):
        return (f"{value!r} is not a country code, \"eu\", \"$country\" or "
                "\"own_infrastructure\"")
    if fact == "languages" and not _LANGUAGE.match(value):
        return f"{value!r} is not a language code such as \"sv\" or \"zh-Hans\""
    if fact == "certifications" and not _CODE.match(value):
        return f"{value!r} is not a certification id such as \"iso27001\" or \"soc2\""
    if fact == "integrations" and not value.strip():
        return "name the system, e.g. \"SAP S/4HANA\", or a kind such as \"erp\""
    return ""


SYSTEM_KINDS = set(typing.get_args(SystemKind))


def allowed_values(fact: str) -> list[str] | None:
    """The values a fact must-have may ask of an enumerated fact (sorted), or None when the
    fact takes any value of the right form (languages, regions, connectors …)."""
    return sorted(_CHOICES[fact]) if fact in _CHOICES else None
