"""The starting project file written by `crm-selector new`: every question, explained, in place.

The template is generated from the catalog's questionnaire, so a consultant who adds a question
sees it in every new project without touching code. Everything the team has not decided yet is
commented out: the file is valid as written and gets an (incomplete, clearly labelled) result.
"""

from __future__ import annotations

import textwrap

import tomli_w

from selector.catalog.loader import Catalog
from selector.domain.project import FORMAT_VERSION


def _value(value: object) -> str:
    """One value as inline TOML (lists on one line, so commenting it out is one `#`)."""
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return tomli_w.dumps({"x": value}).split("=", 1)[1].strip()


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, 94 - len(indent))] or ["#"]


def new_project_text(catalog: Catalog, name: str, created_at: str) -> str:
    lines: list[str] = [
        "# CRM Selector project file.",
        "# Fill it in with `crm-selector PROJECT.toml` (the guided terminal UI) or by hand in any",
        "# editor; `crm-selector validate PROJECT.toml` checks it and names the line of any",
        "# mistake.",
        "# For editor completion run `crm-selector schema` and point your TOML language server",
        "# at schemas/project.schema.json.",
        "",
        f"format_version = {FORMAT_VERSION}",
        f"name = {_value(name)}",
        'prepared_by = ""            # who prepares the recommendation (shown on the report cover)',
        "# The evaluation's date fixes every date in the result, so a rerun gives the same report;",
        "# without it the latest change recorded under [history] is used.",
        f"# date = {created_at[:10]}",
        "# Vendors or single offerings to compare (empty: the whole catalog); a vendor id stands",
        "# for all its offerings. Ids: see `crm-selector vendors`.",
        "shortlist = []",
        "",
        "[organisation]",
        'name = ""',
        'industry = ""',
        'country = ""',
        "# employees = 250",
        'description = ""',
        "",
        "# Everyone whose needs and weights count. Ids are short lowercase names.",
        "# [[stakeholders]]",
        '# id = "anna"',
        '# name = "Anna Berg"',
        '# department = "Sales"',
        '# role = "Head of sales"',
        "",
        "# The business areas in scope and what each wants, with the metric that will show it",
        "# (set metrics before implementation: 002_cdc28874619e9642.txt and",
        "# 003_63a05c5ac8e35057.txt).",
    ]
    for area_id, area_name in (
        ("sales", "Sales"),
        ("marketing", "Marketing"),
        ("service", "Customer service"),
    ):
        lines += [
            "[[business_areas]]",
            f'id = "{area_id}"',
            f'name = "{area_name}"',
            "in_scope = true",
            "",
        ]
    lines += [
        "# [[business_areas.objectives]]   (put under the area it belongs to)",
        '# text = "Shorter sales cycle"',
        '# metric = "Median days from lead to won deal"',
        '# target = "-20% within 12 months"',
        "",
        "# The context questions. Uncomment and answer; the reason each matters is above it.",
        "[answers]",
    ]
    for q in catalog.questionnaire.questions:
        if q.answered_by:
            continue  # taken from the business areas or the readiness checklist
        lines.append("")
        lines += _comment(q.text)
        lines += _comment(f"Why: {q.why}")
        if q.choices:
            choices = ", ".join(f'"{c.value}" ({c.label})' for c in q.choices)
            kind = "one of" if q.kind == "choice" else "a list of"
            lines += _comment(f"Answer with {kind}: {choices}")
        example: object
        if q.kind == "number":
            example = int(q.minimum) if q.minimum is not None else 0
            unit = f"   # {q.unit}" if q.unit else ""
            lines.append(f"# {q.id} = {example}{unit}")
            continue
        if q.kind == "date":
            lines.append(f"# {q.id} = {created_at[:4]}-12-31")
            continue
        if q.kind == "boolean":
            example = False
        elif q.kind == "choice":
            example = q.choices[0].value
        elif q.kind == "multi":
            example = [q.choices[0].value]
        else:
            example = ""
        lines.append(f"# {q.id} = {_value(example)}")
    lines += [
        "",
        "# Functions to automate, each with who asked for it (001_dbc09ece01b76cda.txt, factor 2).",
        "# [[needs]]",
        '# function = "Pipeline forecasting by region"',
        '# business_area = "sales"',
        '# requested_by = ["anna"]',
        "",
        "# The systems the CRM must exchange data with, in your own words: each is matched with",
        "# the offerings' listed connectors. kind: erp, accounting, web_portal, ecommerce, email,",
        "# calendar, telephony, messaging, marketing, warehouse, data_warehouse, pos, identity,",
        "# document, other. direction: to_crm, from_crm, both. timing: realtime, batch, unknown.",
        "# connector_required = true makes a ready connector for it a must-have.",
        "# [[systems]]",
        '# name = "IFS Cloud"',
        '# kind = "erp"',
        '# direction = "both"',
        '# timing = "realtime"',
        "",
        "# Must-haves on vendor facts, checked per offering: deployment, run_by (provider,",
        "# partner, customer), data_location, licence, api_styles, identity_standards,",
        "# hosting_regions, languages, certifications, integrations, modules. `includes` must all",
        "# be listed, of `any_of` at least one; `not_evidenced` says whether a fact the catalog",
        "# does not state excludes (\"exclude\") or is only flagged (\"keep\").",
        "# [[must_haves]]",
        '# fact = "identity_standards"',
        '# includes = ["saml"]',
        '# not_evidenced = "exclude"',
        '# requested_by = ["anna"]',
        "",
        "# How much each criterion matters: must / should / could / wont. A must-have needs a",
        "# threshold on the criterion's scale (a minimum level, or a maximum cost or time).",
        "# Criteria: " + ", ".join(catalog.library.criterion_ids()),
        "[requirements]",
        '# open_apis = { priority = "must", threshold = 3, requested_by = ["anna"] }',
        "",
        "# Each stakeholder's weights over the criteria groups, as points or pairwise judgments.",
        "# Groups: " + ", ".join(catalog.library.group_ids()),
        "[weights]",
        '# anna = { method = "points", points = { functional_fit = 30, integration = 25 } }',
        "",
        "# Readiness checklist: answer yes / partly / no / unknown.",
        "[readiness]",
    ]
    for item in catalog.questionnaire.readiness:
        lines += _comment(item.text)
        lines.append(f'# {item.id} = "unknown"')
    lines += [
        "",
        "# Extra catalog folders (relative to this file) that extend the shipped catalog or",
        "# replace a shipped vendor by id: see docs/catalog-guide.md.",
        "[catalogs]",
        "paths = []",
        "",
        "[history]",
        f"created_at = {created_at}",
        "",
    ]
    return "\n".join(lines)
