"""Reading files written for an earlier format: convert, and say exactly what changed.

Consultants' catalogs and teams' project files outlive a release. A file in an earlier format
keeps loading: it is converted in memory to the current shape before validation, and every
change is reported (as a warning naming the file and the key), so nobody is surprised by a
value that moved or a score that is now computed.
"""

from __future__ import annotations

from typing import Any

from selector.domain.project import FORMAT_VERSION as PROJECT_FORMAT
from selector.domain.vendors import VENDOR_FORMAT_VERSION

# Format 1 vendor files listed facts as plain top-level lists.
_V1_FACTS = (
    "deployment",
    "licence",
    "api_styles",
    "identity_standards",
    "modules",
    "integrations",
    "languages",
    "hosting_regions",
)
# Region words format 1 files used, mapped to the codes format 2 uses.
_V1_REGIONS = {"europe": "eu", "eu": "eu", "european-union": "eu"}
_COMPUTED = ("licence_cost", "total_cost_5y")


def _copy(data: Any) -> Any:
    """A copy of a parsed TOML tree: tables and arrays copied, values (dates, numbers) shared."""
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def vendor_format(data: dict[str, Any]) -> int:
    version = data.get("format_version", 1)
    return version if isinstance(version, int) and not isinstance(version, bool) else 0


def migrate_vendor(data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A format-1 vendor table as format 2, and the changes as (key, what changed) pairs.

    Files already in format 2 come back unchanged with no notes.
    """
    if vendor_format(data) != 1:
        return data, []
    out = _copy(data)
    notes: list[tuple[str, str]] = []
    out["format_version"] = VENDOR_FORMAT_VERSION
    facts: dict[str, Any] = {}
    moved = []
    for name in _V1_FACTS:
        if name not in out:
            continue
        value = out.pop(name)
        values = value if isinstance(value, list) else [value]
        if name == "integrations":
            values = [{"name": v, "kind": "other"} if isinstance(v, str) else v for v in values]
        if name == "hosting_regions":
            values = _regions(values, notes)
        facts[name] = {
            "values": values,
            "complete": name not in ("integrations", "modules", "languages"),
            "note": "Listed in a format 1 file, without evidence.",
        }
        moved.append(name)
    if "source_available" in out:
        available = out.pop("source_available")
        if available and "licence" in facts:
            facts["licence"]["note"] = "Listed in a format 1 file (source available)."
        notes.append(("source_available", "dropped: say it in the licence fact's note"))
    if moved:
        out["facts"] = facts
        notes.append(
            (
                "facts",
                f"{', '.join(moved)} moved under [facts.NAME] as `values`, with no evidence: "
                "add source, source_title, source_kind, observed and confidence",
            )
        )
    scores = out.get("scores", {})
    if isinstance(scores, dict):
        dated = 0
        for score in scores.values():
            if isinstance(score, dict) and "as_of" in score:
                score["observed"] = score.pop("as_of")
                dated += 1
        if dated:
            notes.append(
                (
                    "scores",
                    f"`as_of` of {dated} score(s) read as `observed`: check that it is the date "
                    "the evidence was seen, not the date the file was edited",
                )
            )
        licence = scores.pop("licence_cost", None)
        if licence is not None:
            tier = _tier_from_v1(licence)
            if tier is not None and not out.get("price_tiers"):
                out["price_tiers"] = [tier]
                notes.append(
                    (
                        "scores.licence_cost",
                        "turned into a price tier (EUR per user-month): prices are now "
                        "`price_tiers`, and the licence cost is computed for the team's seats",
                    )
                )
            else:
                notes.append(
                    (
                        "scores.licence_cost",
                        "dropped: the licence cost is now computed from `price_tiers`",
                    )
                )
        if scores.pop("total_cost_5y", None) is not None:
            notes.append(
                (
                    "scores.total_cost_5y",
                    "dropped: the total cost is now computed for the team's seats and horizon "
                    "from `price_tiers` and `[cost]`",
                )
            )
    for tier in out.get("price_tiers", []) or []:
        if isinstance(tier, dict) and "as_of" in tier:
            tier["observed"] = tier.pop("as_of")
    notes.insert(0, ("format_version", f"format 1 file read as format {VENDOR_FORMAT_VERSION}"))
    return out, notes


def _regions(values: list[Any], notes: list[tuple[str, str]]) -> list[Any]:
    out: list[Any] = []
    dropped: list[str] = []
    for v in values:
        if not isinstance(v, str):
            out.append(v)
            continue
        word = v.strip().lower()
        if len(word) == 2 and word.isalpha():
            out.append(word)
        elif word in _V1_REGIONS:
            out.append(_V1_REGIONS[word])
        else:
            dropped.append(v)
    if dropped:
        notes.append(
            (
                "hosting_regions",
                f"{', '.join(dropped)}: not a country code or 'eu', left out "
                "(list the data-centre countries, e.g. \"de\", \"ie\", \"us\")",
            )
        )
    return list(dict.fromkeys(out))


def _tier_from_v1(score: Any) -> dict[str, Any] | None:
    if not isinstance(score, dict):
        return None
    value, source = score.get("value"), score.get("source")
    observed = score.get("observed", score.get("as_of"))
    if not isinstance(value, int | float) or isinstance(value, bool) or not source or not observed:
        return None
    return {
        "name": "Licence (from a format 1 licence-cost score)",
        "amount": float(value),
        "currency": "EUR",
        "unit": "user-month",
        "billing": "annual",
        "note": str(score.get("note", "")),
        "source": source,
        "observed": observed,
        "confidence": score.get("confidence", "low"),
    }


def migrate_solution_types(data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Solution-type profiles written with `as_of` read with `observed`, and said so."""
    types = data.get("solution_types")
    if not isinstance(types, list):
        return data, []
    out = _copy(data)
    dated = dropped = 0
    for st in out["solution_types"]:
        profile = st.get("profile") if isinstance(st, dict) else None
        if not isinstance(profile, dict):
            continue
        for score in profile.values():
            if isinstance(score, dict) and "as_of" in score:
                score["observed"] = score.pop("as_of")
                dated += 1
        dropped += profile.pop("total_cost_5y", None) is not None
    notes = []
    if dated:
        notes.append(("solution_types",
                      f"`as_of` of {dated} profile score(s) read as `observed` (format 1): check "
                      "that it is the date the evidence was seen"))
    if dropped:
        notes.append(("solution_types",
                      f"`total_cost_5y` dropped from {dropped} profile(s): the total cost is now "
                      "worked out for the team from the typical price and the cost model"))
    return (out, notes) if notes else (data, [])


# ---- project files ------------------------------------------------------------------------

_DEV_CAPACITY = {"none": 0, "some": 1, "team": 5}
_SYSTEM_NAMES = {
    "erp": "ERP / order handling",
    "accounting": "Accounting",
    "web_portal": "Website or customer portal",
    "email": "E-mail and calendar",
    "telephony": "Telephony",
    "warehouse": "Warehouse / logistics",
    "data_warehouse": "Data warehouse / BI",
}
_TIMING = {"realtime_api": "realtime", "scheduled_batch": "batch", "manual": "batch"}


def migrate_project(data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A format-1 project as the current format, and the changes as (key, what changed)."""
    if data.get("format_version") != 1:
        return data, []
    out = _copy(data)
    notes: list[tuple[str, str]] = [
        ("format_version", f"format 1 file read as format {PROJECT_FORMAT}; saving writes "
         f"format {PROJECT_FORMAT}")
    ]
    out["format_version"] = PROJECT_FORMAT
    answers = out.get("answers")
    if isinstance(answers, dict):
        capacity = answers.pop("dev_capacity", None)
        if capacity in _DEV_CAPACITY:
            answers["developers"] = _DEV_CAPACITY[capacity]
            notes.append(
                (
                    "answers.dev_capacity",
                    f"{capacity!r} became developers = {_DEV_CAPACITY[capacity]}: "
                    "put in the real number of developers you can assign",
                )
            )
        elif capacity is not None:
            answers["dev_capacity"] = capacity  # left for validation to report
        systems = answers.pop("systems_to_integrate", None)
        product = answers.pop("erp_product", None)
        style = answers.get("integration_style")
        timing = _TIMING.get(style, "unknown") if isinstance(style, str) else "unknown"
        if isinstance(systems, list) and "systems" not in out:
            out["systems"] = [
                {
                    "name": _SYSTEM_NAMES.get(kind, str(kind)),
                    "kind": kind if kind in _SYSTEM_NAMES else "other",
                    "timing": timing,
                    **(
                        {"note": f"Products named in format 1: {product}"}
                        if isinstance(product, str) and product and kind in ("erp", "accounting")
                        else {}
                    ),
                }
                for kind in systems
            ]
            notes.append(
                (
                    "answers.systems_to_integrate",
                    "became [[systems]] entries: give each system its product name "
                    "(\"IFS Cloud\", \"Visma Net\") so it can be matched with vendors' connectors",
                )
            )
        elif systems is not None:
            answers["systems_to_integrate"] = systems  # left for validation to report
        if isinstance(product, str) and product and not isinstance(systems, list):
            out.setdefault("systems", []).append({"name": product, "kind": "erp"})
            notes.append(("answers.erp_product", f"became a [[systems]] entry named {product!r}"))
    return out, notes
