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

from selector.catalog.files import read_toml, write_atomic
from selector.catalog.loader import Catalog
from selector.catalog.problems import Problem, did_you_mean, display_path, dotted
from selector.catalog.project_writer import preserving_text, previous_text
from selector.catalog.toml_lines import key_lines, line_of
from selector.catalog.validation_errors import problems_from
from selector.domain.criteria import OrdinalScale
from selector.domain.project import FORMAT_VERSION, AnswerValue, Project
from selector.domain.questions import Question

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

    def catalog_folders(self) -> list[Path]:
        """The project's own catalog folders, relative to the project file."""
        if self.project is None:
            return []
        return [(self.path.parent / p) for p in self.project.catalogs.paths]


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
    try:
        project = Project.model_validate(doc.data)
    except ValidationError as exc:
        return LoadedProject(path, None, problems_from(exc, Project, name, lines), lines)
    return LoadedProject(path, project, [], lines)


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
    vendors = {v.id for v in catalog.vendors}
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
                f"threshold {req.threshold:g} is outside the scale of {cid!r}"
                + (" (levels 0–5)" if isinstance(criteria[cid].scale, OrdinalScale) else ""),
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
    for i, vid in enumerate(project.shortlist):
        if vid not in vendors:
            report(("shortlist",), f"unknown vendor {vid!r}{did_you_mean(vid, vendors)}")
        if vid in project.shortlist[:i]:
            report(("shortlist",), f"vendor {vid!r} is listed twice")
    for i, o in enumerate(project.overrides):
        if o.vendor not in vendors:
            report(
                ("overrides", i, "vendor"),
                f"unknown vendor {o.vendor!r}{did_you_mean(o.vendor, vendors)}",
            )
        if o.criterion not in criteria:
            report(
                ("overrides", i, "criterion"),
                f"unknown criterion {o.criterion!r}{did_you_mean(o.criterion, criteria)}",
            )
        elif not criteria[o.criterion].in_range(o.value):
            report(
                ("overrides", i, "value"), f"{o.value:g} is outside the scale of {o.criterion!r}"
            )
    for key in project.readiness:
        if key not in readiness:
            report(
                ("readiness", key), f"unknown readiness item {key!r}{did_you_mean(key, readiness)}"
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
