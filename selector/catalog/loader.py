"""Assemble a catalog from folders of TOML files, collecting every problem on the way.

Catalog folders are layered: the shipped catalog first, then each consultant folder, later ones
extending earlier ones or replacing an entry with the same id. A broken file is reported and
skipped; the rest loads, so one typo never takes the whole product down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from selector.catalog.files import TomlDocument, read_toml
from selector.catalog.problems import Problem, did_you_mean, display_path, dotted
from selector.catalog.shipped import shipped_folders
from selector.catalog.toml_lines import key_lines, line_of
from selector.catalog.validation_errors import problems_from
from selector.domain.criteria import CriteriaGroup, CriteriaLibrary, Criterion, OrdinalScale
from selector.domain.questions import Question, Questionnaire, ReadinessItem, Rule
from selector.domain.solution_types import SOLUTION_TYPE_IDS, SolutionType
from selector.domain.vendors import CriterionScore, VendorProfile

SHIPPED = "shipped"


@dataclass(frozen=True)
class CatalogFile:
    """A file that went into the catalog, with its checksum so a result can be reproduced."""

    path: str
    sha256: str
    catalog: str
    kind: str


@dataclass
class Catalog:
    """Everything the advisor reasons about, plus what could not be loaded and why."""

    library: CriteriaLibrary
    solution_types: list[SolutionType]
    questionnaire: Questionnaire
    vendors: list[VendorProfile]
    vendor_catalog: dict[str, str] = field(default_factory=dict)
    criterion_catalog: dict[str, str] = field(default_factory=dict)
    files: list[CatalogFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def vendor(self, vendor_id: str) -> VendorProfile:
        for v in self.vendors:
            if v.id == vendor_id:
                return v
        raise KeyError(vendor_id)


def file_kind(data: dict[str, Any]) -> str | None:
    """What a TOML file is, from its top-level keys (file names are the consultant's choice)."""
    if "format_version" in data:
        return "project"
    if "scores" in data or "vendor" in data:
        return "vendor"
    if "solution_types" in data:
        return "solution_types"
    if {"questions", "rules", "readiness"} & data.keys():
        return "questionnaire"
    if "criteria" in data:
        return "criteria_group"
    return None


def toml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.toml") if p.is_file())


@dataclass
class _Layer:
    label: str
    groups: dict[str, tuple[CriteriaGroup, TomlDocument]] = field(default_factory=dict)
    solution_types: dict[str, tuple[SolutionType, TomlDocument]] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    rules: dict[str, tuple[Rule, TomlDocument]] = field(default_factory=dict)
    readiness: dict[str, ReadinessItem] = field(default_factory=dict)
    vendors: dict[str, tuple[VendorProfile, TomlDocument]] = field(default_factory=dict)


def load_catalog(folders: Sequence[Path] = (), *, include_shipped: bool = True) -> Catalog:
    """Load the shipped catalog (unless told not to) layered with `folders`, in order."""
    problems: list[Problem] = []
    files: list[CatalogFile] = []
    layers: list[_Layer] = []
    sources: list[tuple[str, list[Path]]] = []
    if include_shipped:
        sources.append((SHIPPED, shipped_folders()))
    for folder in folders:
        sources.append((display_path(folder), [folder]))
    for label, paths in sources:
        layer = _Layer(label)
        for folder in paths:
            _read_folder(folder, layer, problems, files)
        layers.append(layer)
    return _merge(layers, problems, files)


def _read_folder(
    folder: Path, layer: _Layer, problems: list[Problem], files: list[CatalogFile]
) -> None:
    name = display_path(folder)
    if not folder.exists():
        problems.append(Problem(name, "", "catalog folder not found"))
        return
    if folder.is_file():
        paths = [folder]
    else:
        paths = toml_files(folder)
        if not paths:
            problems.append(Problem(name, "", "folder holds no .toml files"))
            return
    for path in paths:
        doc = read_toml(path)
        if isinstance(doc, Problem):
            problems.append(doc)
            continue
        kind = file_kind(doc.data)
        if kind is None or kind == "project":
            if kind is None:
                problems.append(
                    Problem(
                        display_path(path),
                        "",
                        "cannot tell what this file is: a criteria group has [[criteria]], a "
                        "vendor profile has [scores], solution types have [[solution_types]], "
                        "questions/rules/readiness have [[questions]], [[rules]] or [[readiness]]",
                    )
                )
            continue
        files.append(CatalogFile(display_path(path), doc.sha256, layer.label, kind))
        _add(doc, kind, layer, problems)


def _validate(
    model: type[BaseModel],
    data: Any,
    doc: TomlDocument,
    lines: dict,
    problems: list[Problem],
    prefix: tuple[str | int, ...] = (),
) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, model, display_path(doc.path), lines, prefix))
        return None


def _add(doc: TomlDocument, kind: str, layer: _Layer, problems: list[Problem]) -> None:
    lines = key_lines(doc.text)
    name = display_path(doc.path)
    data = {k: v for k, v in doc.data.items()}
    if kind == "criteria_group":
        group = _validate(CriteriaGroup, data, doc, lines, problems)
        if group is not None:
            _put(
                layer.groups,
                group.id,
                (group, doc),
                name,
                lines,
                ("id",),
                "criteria group",
                problems,
            )
    elif kind == "vendor":
        vendor = _validate(VendorProfile, data, doc, lines, problems)
        if vendor is not None:
            _put(layer.vendors, vendor.id, (vendor, doc), name, lines, ("id",), "vendor", problems)
    elif kind == "solution_types":
        items = data.get("solution_types")
        if not isinstance(items, list):
            problems.append(
                Problem(
                    name,
                    "solution_types",
                    "must be an array of tables ([[solution_types]])",
                    line_of(lines, ("solution_types",)),
                )
            )
            return
        extra = set(data) - {"solution_types"}
        for key in sorted(extra):
            problems.append(Problem(name, key, f"unknown key {key!r}", line_of(lines, (key,))))
        for i, item in enumerate(items):
            st = _validate(SolutionType, item, doc, lines, problems, ("solution_types", i))
            if st is not None:
                _put(
                    layer.solution_types,
                    st.id,
                    (st, doc),
                    name,
                    lines,
                    ("solution_types", i, "id"),
                    "solution type",
                    problems,
                )
    elif kind == "questionnaire":
        q = _validate(Questionnaire, data, doc, lines, problems)
        if q is None:
            return
        for i, question in enumerate(q.questions):
            _put(
                layer.questions,
                question.id,
                question,
                name,
                lines,
                ("questions", i, "id"),
                "question",
                problems,
            )
        for i, rule in enumerate(q.rules):
            _put(
                layer.rules, rule.id, (rule, doc), name, lines, ("rules", i, "id"), "rule", problems
            )
        for i, item in enumerate(q.readiness):
            _put(
                layer.readiness,
                item.id,
                item,
                name,
                lines,
                ("readiness", i, "id"),
                "readiness item",
                problems,
            )


def _put(
    table: dict,
    key: str,
    value: Any,
    file: str,
    lines: dict,
    loc: tuple[str | int, ...],
    what: str,
    problems: list[Problem],
) -> None:
    if key in table:
        problems.append(
            Problem(
                file,
                ".".join(str(p) for p in loc if not isinstance(p, int)) or "id",
                f"duplicate {what} id {key!r} (already defined in this catalog"
                f"{_where(table[key])})",
                line_of(lines, loc),
            )
        )
        return
    table[key] = value


def _where(entry: Any) -> str:
    if isinstance(entry, tuple) and isinstance(entry[1], TomlDocument):
        return f", in {display_path(entry[1].path)}"
    return ""


def _merge(layers: list[_Layer], problems: list[Problem], files: list[CatalogFile]) -> Catalog:
    groups: dict[str, tuple[CriteriaGroup, TomlDocument, str]] = {}
    solution_types: dict[str, tuple[SolutionType, TomlDocument]] = {}
    questions: dict[str, Question] = {}
    rules: dict[str, tuple[Rule, TomlDocument]] = {}
    readiness: dict[str, ReadinessItem] = {}
    vendors: dict[str, tuple[VendorProfile, TomlDocument, str]] = {}
    for layer in layers:
        for gid, (group, doc) in layer.groups.items():
            groups[gid] = (group, doc, layer.label)
        solution_types.update(layer.solution_types)
        questions.update(layer.questions)
        rules.update(layer.rules)
        readiness.update(layer.readiness)
        for vid, (vendor, doc) in layer.vendors.items():
            vendors[vid] = (vendor, doc, layer.label)

    criteria: dict[str, tuple[Criterion, str]] = {}
    criterion_catalog: dict[str, str] = {}
    for group, doc, label in groups.values():
        lines = key_lines(doc.text)
        for i, c in enumerate(group.criteria):
            if c.id in criteria:
                problems.append(
                    Problem(
                        display_path(doc.path),
                        f"criteria[{i}].id",
                        f"duplicate criterion id {c.id!r} (also in group {criteria[c.id][1]!r})",
                        line_of(lines, ("criteria", i, "id")),
                    )
                )
                continue
            criteria[c.id] = (c, group.id)
            criterion_catalog[c.id] = label
    library = CriteriaLibrary(
        groups=sorted((g for g, _, _ in groups.values()), key=lambda g: (g.order, g.id))
    )
    known = {cid: c for cid, (c, _) in criteria.items()}
    group_ids = set(groups)

    kept_types: list[SolutionType] = []
    for st, doc in solution_types.values():
        bad = _check_scores(
            st.profile,
            known,
            doc,
            ("solution_types",),
            problems,
            prefix_index=_index_of(doc, st.id),
            strict_missing=True,
        )
        if not bad:
            kept_types.append(st)
    present = {st.id for st, _ in solution_types.values()}
    for missing in SOLUTION_TYPE_IDS:
        if missing not in present and groups:
            problems.append(
                Problem(
                    "catalog",
                    "solution_types",
                    f"solution type {missing!r} is not defined in any catalog",
                )
            )
    kept_types.sort(key=lambda st: SOLUTION_TYPE_IDS.index(st.id))

    kept_rules: list[Rule] = []
    for rule, doc in rules.values():
        if _check_rule(rule, doc, questions, known, group_ids, problems):
            kept_rules.append(rule)

    kept_vendors: list[VendorProfile] = []
    vendor_catalog: dict[str, str] = {}
    for vendor, doc, label in vendors.values():
        missing_strict = {cid for cid, cat in criterion_catalog.items() if cat == label}
        bad = _check_scores(vendor.scores, known, doc, (), problems, strict_missing=missing_strict)
        if not bad:
            kept_vendors.append(vendor)
            vendor_catalog[vendor.id] = label
    kept_vendors.sort(key=lambda v: v.name.lower())

    questionnaire = Questionnaire(
        questions=list(questions.values()), rules=kept_rules, readiness=list(readiness.values())
    )
    return Catalog(
        library,
        kept_types,
        questionnaire,
        kept_vendors,
        vendor_catalog,
        criterion_catalog,
        files,
        problems,
    )


def _index_of(doc: TomlDocument, st_id: str) -> int | None:
    items = doc.data.get("solution_types", [])
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("id") == st_id:
            return i
    return None


def _check_scores(
    scores: dict[str, CriterionScore],
    known: dict[str, Criterion],
    doc: TomlDocument,
    base: tuple[str | int, ...],
    problems: list[Problem],
    *,
    prefix_index: int | None = None,
    strict_missing: bool | set[str] = True,
) -> bool:
    """Report unknown, missing and out-of-scale scores; True when the entry must be skipped."""
    lines = key_lines(doc.text)
    name = display_path(doc.path)
    where: tuple[str | int, ...] = (
        (*base, prefix_index, "profile") if prefix_index is not None else (*base, "scores")
    )
    field = dotted(where)
    bad = False
    for cid, score in scores.items():
        if cid not in known:
            problems.append(
                Problem(
                    name,
                    f"{field}.{cid}",
                    f"unknown criterion {cid!r}{did_you_mean(cid, known)}",
                    line_of(lines, (*where, cid)),
                )
            )
            bad = True
            continue
        criterion = known[cid]
        if not criterion.in_range(score.value):
            scale = (
                "the 0–5 scale"
                if isinstance(criterion.scale, OrdinalScale)
                else f"the scale of {criterion.scale.unit} (not negative)"
            )
            problems.append(
                Problem(
                    name,
                    f"{field}.{cid}.value",
                    f"{score.value:g} is outside {scale} of {cid!r}",
                    line_of(lines, (*where, cid, "value")),
                )
            )
            bad = True
    for cid in known:
        if cid in scores:
            continue
        required = strict_missing is True or (
            isinstance(strict_missing, set) and cid in strict_missing
        )
        problems.append(
            Problem(
                name,
                field,
                f"no score for criterion {cid!r}"
                + ("" if required else " (added by another catalog; it will count as unknown)"),
                line_of(lines, where) or line_of(lines, base),
                "error" if required else "warning",
            )
        )
        bad = bad or required
    return bad


def _check_rule(
    rule: Rule,
    doc: TomlDocument,
    questions: dict[str, Question],
    known: dict[str, Criterion],
    group_ids: set[str],
    problems: list[Problem],
) -> bool:
    lines = key_lines(doc.text)
    name = display_path(doc.path)
    index = next(
        (
            i
            for i, r in enumerate(doc.data.get("rules", []))
            if isinstance(r, dict) and r.get("id") == rule.id
        ),
        0,
    )
    base: tuple[str | int, ...] = ("rules", index)
    ok = True

    def report(loc: tuple[str | int, ...], message: str) -> None:
        nonlocal ok
        ok = False
        problems.append(
            Problem(name, dotted((*base, *loc)), message, line_of(lines, (*base, *loc)))
        )

    for i, cond in enumerate(rule.when):
        question = questions.get(cond.question)
        if question is None:
            report(
                ("when", i, "question"),
                f"unknown question {cond.question!r}{did_you_mean(cond.question, questions)}",
            )
            continue
        values = {c.value for c in question.choices}
        for test in (cond.equals, cond.contains, *(cond.one_of or [])):
            if values and isinstance(test, str) and test not in values:
                report(
                    ("when", i),
                    f"{test!r} is not a choice of question {question.id!r}"
                    f"{did_you_mean(test, values)}",
                )
    targets = set(known) | group_ids
    for i, effect in enumerate(rule.weights):
        if effect.target not in targets:
            report(
                ("weights", i, "target"),
                f"unknown criterion or group {effect.target!r}"
                f"{did_you_mean(effect.target, targets)}",
            )
    for i, must in enumerate(rule.must_haves):
        criterion = known.get(must.criterion)
        if criterion is None:
            report(
                ("must_haves", i, "criterion"),
                f"unknown criterion {must.criterion!r}{did_you_mean(must.criterion, known)}",
            )
        elif not criterion.in_range(must.threshold):
            report(
                ("must_haves", i, "threshold"),
                f"threshold {must.threshold:g} is outside the scale of {must.criterion!r}",
            )
    return ok
