"""Reading, checking and saving the team's project file.

Saving updates the file in place (project_writer: comments and layout kept) through an atomic
rename, so a crash or a full disk mid-save leaves the previous good file in place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w
from pydantic import ValidationError

from selector.catalog.fact_values import fact_value_problem
from selector.catalog.files import read_toml, write_atomic
from selector.catalog.loader import Catalog
from selector.catalog.migrate import migrate_project
from selector.catalog.problems import Problem, did_you_mean, display_path, dotted
from selector.catalog.project_writer import preserving_text, previous_text
from selector.catalog.toml_lines import key_lines, line_of
from selector.catalog.validation_errors import problems_from
from selector.domain.project import FORMAT_VERSION, AnswerValue, Project
from selector.domain.questions import FACT_ANSWER_VALUES, Question, claimed_fact
from selector.domain.regions import country_code

HEADER = (
    "# CRM Selector project file, saved by crm-selector. Safe to edit by hand;\n"
    "# check it with: crm-selector validate {name}\n"
    "# Comments you add are kept when the terminal UI saves; for a template with every\n"
    "# question explained in comments, run: crm-selector new OTHER.toml\n\n"
)


@dataclass
class LoadedProject:
    path: Path
    project: Project | None
    problems: list[Problem] = field(default_factory=list)
    lines: dict = field(default_factory=dict)



def load_project(path: Path) -> LoadedProject:
    """Read and validate a project file on its own (no catalog needed)."""
    doc = read_toml(path)
    if isinstance(doc, Problem):
        return LoadedProject(path, None, [doc])
    lines = key_lines(doc.text)
    name = display_path(path)
    if "format_version" not in doc.data:
        return LoadedProject(
            path,
            None,
            [
                Problem(
                    name,
                    "format_version",
                    f"missing; a project file starts with format_version = {FORMAT_VERSION}",
                )
            ],
            lines,
        )
    data, notes = migrate_project(doc.data)
    migrated = [
        Problem(name, key, note, line_of(lines, tuple(key.split("."))), "warning")
        for key, note in notes
    ]
    try:
        project = Project.model_validate(data)
    except ValidationError as exc:
        return LoadedProject(
            path, None, [*migrated, *problems_from(exc, Project, name, lines)], lines
        )
    return LoadedProject(path, project, migrated, lines)


def check_project(loaded: LoadedProject, catalog: Catalog) -> list[Problem]:
    """Cross-check a project's ids and values against the catalog it will be ranked with."""
    project = loaded.project
    if project is None:
        return []
    name = display_path(loaded.path)
    lines = loaded.lines
    problems: list[Problem] = []

    def report(loc: tuple[str | int, ...], message: str, severity: str = "error") -> None:
        problems.append(Problem(name, dotted(loc), message, line_of(lines, loc), severity))  # type: ignore[arg-type]

    criteria = {c.id: c for c in catalog.library.criteria()}
    groups = set(catalog.library.group_ids())
    stakeholders = set(project.stakeholder_ids())
    vendors = catalog.candidate_refs()
    questions = {q.id: q for q in catalog.questionnaire.questions}
    readiness = {r.id for r in catalog.questionnaire.readiness}
    areas = {a.id for a in project.business_areas}

    seen: set[str] = set()
    for i, s in enumerate(project.stakeholders):
        if s.id in seen:
            report(("stakeholders", i, "id"), f"duplicate stakeholder id {s.id!r}")
        seen.add(s.id)
    for cid, req in project.requirements.items():
        if cid not in criteria:
            report(("requirements", cid), f"unknown criterion {cid!r}{did_you_mean(cid, criteria)}")
            continue
        if req.threshold is not None and not criteria[cid].in_range(req.threshold):
            report(
                ("requirements", cid, "threshold"),
                f"threshold {req.threshold:g} is outside {criteria[cid].scale_text()} of {cid!r}",
            )
        if req.priority == "must" and req.threshold is None:
            report(
                ("requirements", cid, "threshold"),
                "a must-have needs a threshold (the line a candidate may not cross)",
            )
        for who in req.requested_by:
            if who not in stakeholders:
                report(
                    ("requirements", cid, "requested_by"),
                    f"unknown stakeholder {who!r}{did_you_mean(who, stakeholders)}",
                )
    for sid, weights in project.weights.items():
        if sid not in stakeholders:
            report(
                ("weights", sid), f"unknown stakeholder {sid!r}{did_you_mean(sid, stakeholders)}"
            )
        for gid in weights.points:
            if gid not in groups:
                report(
                    ("weights", sid, "points", gid),
                    f"unknown criteria group {gid!r}{did_you_mean(gid, groups)}",
                )
        if weights.method == "points" and weights.points and not any(weights.points.values()):
            report(
                ("weights", sid, "points"), "all points are zero; give at least one group points"
            )
        for j, judgment in enumerate(weights.judgments):
            for side in ("a", "b"):
                gid = getattr(judgment, side)
                if gid not in groups:
                    report(
                        ("weights", sid, "judgments", j, side),
                        f"unknown criteria group {gid!r}{did_you_mean(gid, groups)}",
                    )
            if judgment.a == judgment.b:
                report(("weights", sid, "judgments", j), "a group cannot be compared with itself")
    listed: set[str] = set()
    for vid in project.shortlist:
        if vid not in vendors:
            report(
                ("shortlist",),
                f"unknown vendor or offering {vid!r}{did_you_mean(vid, vendors)}",
            )
        if vid in listed:
            report(("shortlist",), f"{vid!r} is listed twice")
        listed.add(vid)

    def vendor_score(
        where: tuple[str | int, ...], vendor: str, criterion: str, value: float
    ) -> None:
        """An override's or a claim's offering, criterion and value on that criterion's scale."""
        if vendor not in vendors:
            report((*where, "vendor"),
                   f"unknown vendor or offering {vendor!r}{did_you_mean(vendor, vendors)}")
        if where[0] == "claims" and claimed_fact(criterion):
            if value not in FACT_ANSWER_VALUES.values():
                report((*where, "value"),
                       f"{value:g} is not an answer to a fact must-have: 1 (yes), 0.5 (partly) "
                       "or 0 (no)")
        elif criterion not in criteria:
            report((*where, "criterion"),
                   f"unknown criterion {criterion!r}{did_you_mean(criterion, criteria)}")
        elif not criteria[criterion].in_range(value):
            report((*where, "value"),
                   f"{value:g} is outside {criteria[criterion].scale_text()} of {criterion!r}")

    for i, o in enumerate(project.overrides):
        vendor_score(("overrides", i), o.vendor, o.criterion, o.value)
    for i, c in enumerate(project.claims):
        vendor_score(("claims", i), c.vendor, c.criterion, c.value)
    for i, must in enumerate(project.must_haves):
        for key in ("includes", "any_of"):
            for k, value in enumerate(getattr(must, key)):
                message = fact_value_problem(must.fact, value)
                if message:
                    report(("must_haves", i, key, k), message)
        for who in must.requested_by:
            if who not in stakeholders:
                report(
                    ("must_haves", i, "requested_by"),
                    f"unknown stakeholder {who!r}{did_you_mean(who, stakeholders)}",
                )
    names: set[str] = set()
    for i, system in enumerate(project.systems):
        key = system.name.strip().lower()
        if key in names:
            report(("systems", i, "name"), f"system {system.name!r} is listed twice")
        names.add(key)
    for key in project.readiness:
        if key not in readiness:
            report(
                ("readiness", key), f"unknown readiness item {key!r}{did_you_mean(key, readiness)}"
            )
    country = project.organisation.country
    if country and country_code(country) is None:
        report(
            ("organisation", "country"),
            f"{country!r} is not a country CRM Selector knows, so hosting in your own country "
            "cannot be checked; write it in English or as a code such as \"SE\"",
            "warning",
        )
    for qid, value in project.answers.items():
        question = questions.get(qid)
        if question is None:
            report(("answers", qid), f"unknown question {qid!r}{did_you_mean(qid, questions)}")
            continue
        message = answer_problem(question, value)
        if message:
            report(("answers", qid), message)
    for i, need in enumerate(project.needs):
        if need.business_area and need.business_area not in areas:
            report(
                ("needs", i, "business_area"),
                f"unknown business area {need.business_area!r}"
                f"{did_you_mean(need.business_area, areas)}",
            )
        if need.criterion and need.criterion not in criteria:
            report(
                ("needs", i, "criterion"),
                f"unknown criterion {need.criterion!r}{did_you_mean(need.criterion, criteria)}",
            )
        for who in need.requested_by:
            if who not in stakeholders:
                report(
                    ("needs", i, "requested_by"),
                    f"unknown stakeholder {who!r}{did_you_mean(who, stakeholders)}",
                )
    return problems


def answer_problem(question: Question, value: AnswerValue) -> str:
    """Why an answer does not fit its question, or '' when it does (shared with the TUI forms)."""
    choices = {c.value for c in question.choices}
    listed = ", ".join(sorted(choices))
    if question.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number"
        if question.minimum is not None and value < question.minimum:
            return f"must be at least {question.minimum:g}"
        if question.maximum is not None and value > question.maximum:
            return f"must be at most {question.maximum:g}"
    elif question.kind == "boolean":
        if not isinstance(value, bool):
            return "must be true or false"
    elif question.kind == "choice":
        if not isinstance(value, str) or value not in choices:
            return f"{value!r} is not one of {listed}{did_you_mean(str(value), choices)}"
    elif question.kind == "multi":
        if not isinstance(value, list):
            return "must be a list of choices"
        for item in value:
            if item not in choices:
                return f"{item!r} is not one of {listed}{did_you_mean(str(item), choices)}"
    elif question.kind == "text" and not isinstance(value, str):
        return "must be text"
    elif question.kind == "date" and (
        not isinstance(value, dt.date) or isinstance(value, dt.datetime)
    ):
        return "must be a date like 2027-06-01 (no quotes)"
    return ""


def project_to_toml(project: Project) -> str:
    data = project.model_dump(mode="python", exclude_defaults=True, exclude_none=True)
    data = {"format_version": project.format_version, **data}
    return tomli_w.dumps(data)


def save_project(project: Project, path: Path, *, overwrite_read_only: bool = False) -> None:
    """Write atomically, keeping the file's comments and layout; raises FileError with a
    message for the user when it cannot (ReadOnlyFileError for a read-only file)."""
    previous = previous_text(path)
    text = preserving_text(previous, project) if previous is not None else None
    write_atomic(path, text or HEADER.format(name=path.name) + project_to_toml(project),
                 overwrite_read_only=overwrite_read_only)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
