"""A hostile user's corpus: files and command lines meant to break `crm-selector`.

Written before the fixes for issue 16, and kept: every case says what a correct product does
(the exit statuses it may give, and text the user must see), and `run.py` checks the product
against it. Each case builds its files in a fresh folder from the files the product ships
(a vendor profile, the criteria, the example project), mutated at the data level, so the corpus
follows the shipped formats as they change instead of going stale.

Beyond what each case expects, every run of every command must hold these, whatever the input:
no traceback, no hang, and no raw control or bidi-override character on the terminal.
"""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from selector.catalog.shipped import example_project, shipped_root

USAGE = frozenset({2})
PROBLEMS = frozenset({1})
FINE = frozenset({0})
REFUSED = frozenset({1, 2})


@dataclass(frozen=True)
class Step:
    """One command a user types, and what a correct product answers."""

    argv: tuple[str, ...]
    expect: frozenset[int]
    contains: tuple[str, ...] = ()
    """Text the user must see (in stdout or stderr), e.g. the field named in a message."""
    python: str = ""
    """Run `python -c python` instead of the CLI (to stand for a bug in our code)."""
    timeout: float = 60.0
    env: tuple[tuple[str, str], ...] = ()
    """Extra environment variables."""
    as_other_user: bool = False
    """Run as an unprivileged user (root reads any file, so permission cases need it)."""


@dataclass(frozen=True)
class Case:
    name: str
    group: str
    what: str
    build: Callable[[Path], list[Step]] = field(repr=False)
    other_user: bool = False
    """Some step runs as an unprivileged user (see Step.as_other_user)."""


CASES: list[Case] = []


def case(
    group: str, what: str, other_user: bool = False
) -> Callable[[Callable[[Path], list[Step]]], None]:
    def register(build: Callable[[Path], list[Step]]) -> None:
        CASES.append(Case(build.__name__.removeprefix("case_"), group, what, build, other_user))

    return register


# ---------------------------------------------------------------------------------------------
# seeds: the shipped files, read as data


def _toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text("utf-8"))


def vendor_seed() -> dict[str, Any]:
    """The richest shipped vendor profile sold as one offering (the most tables), renamed so
    it adds a vendor rather than replacing one, and its name is what the views show."""
    paths = sorted((shipped_root() / "vendors").glob("*.toml"))
    single = [d for d in (_toml(p) for p in paths) if not d.get("offerings")]
    data = max(single, key=lambda d: sum(1 for _ in tables(d)))
    data["id"] = "hostile_vendor"
    data["name"] = "Hostile CRM"
    for k, offering in enumerate(data.get("offerings", [])):
        offering["id"] = f"hostile_offering_{k}"  # offering ids are unique in a catalog too
    return data


def project_seed() -> dict[str, Any]:
    return _toml(example_project())


def criteria_by_kind(kind: str) -> list[str]:
    """Ids of the shipped criteria whose scale is of `kind` (ordinal or quantitative)."""
    out = []
    for path in sorted((shipped_root() / "criteria").glob("*.toml")):
        for criterion in _toml(path).get("criteria", []):
            if criterion.get("scale", {}).get("kind") == kind and not criterion.get("computed"):
                out.append(criterion["id"])  # (computed ones are not scored in vendor files)
    assert out, f"no shipped {kind} criterion: the corpus seeds need updating"
    return out


def questions_of_kind(kind: str) -> list[str]:
    data = _toml(shipped_root() / "criteria" / "questions.toml")
    return [q["id"] for q in data["questions"] if q["kind"] == kind]


def tables(data: Any) -> Iterator[dict[str, Any]]:
    """Every table in a document, depth first, wherever the format puts it."""
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from tables(value)
    elif isinstance(data, list):
        for value in data:
            yield from tables(value)


def set_score(vendor: dict[str, Any], criterion: str, value: Any) -> None:
    """Set every score the vendor gives `criterion` (in [scores] or in each offering)."""
    hits = 0
    for table in list(tables(vendor)):
        score = table.get(criterion)
        if isinstance(score, dict) and "value" in score:
            score["value"] = value
            hits += 1
    assert hits, f"vendor seed has no score for {criterion!r}: the corpus seeds need updating"


def write(path: Path, data: dict[str, Any] | str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def with_vendor(tmp: Path, vendor: dict[str, Any], shortlist: bool = True) -> Path:
    """A catalog folder `mine/` holding `vendor`, and `project.toml` shortlisting it."""
    write(tmp / "mine" / "hostile.toml", vendor)
    project = project_seed()
    if shortlist and "shortlist" in project:
        project["shortlist"] = [*project["shortlist"], vendor["id"]]
    write(tmp / "project.toml", project)
    return tmp / "mine"


def catalog_value_steps(
    tmp: Path, vendor: dict[str, Any], *contains: str, report: bool = False
) -> list[Step]:
    """validate and rank refuse the vendor (report too, when asked: it renders long text)."""
    with_vendor(tmp, vendor)
    steps = [
        Step(("validate", "mine"), PROBLEMS, contains),
        Step(("rank", "project.toml", "--catalog", "mine"), PROBLEMS),
    ]
    if report:
        steps.append(Step(("report", "project.toml", "--catalog", "mine", "-o", "o.pdf"), PROBLEMS))
    return steps


def project_value_steps(
    tmp: Path, project: dict[str, Any], *contains: str, report: bool = False
) -> list[Step]:
    """validate and rank refuse the project (report too, when asked: it renders long text)."""
    write(tmp / "project.toml", project)
    steps = [
        Step(("validate", "project.toml"), PROBLEMS, contains),
        Step(("rank", "project.toml"), PROBLEMS),
    ]
    if report:
        steps.append(Step(("report", "project.toml", "-o", "out.pdf"), PROBLEMS))
    return steps


def project_ok_steps(tmp: Path, project: dict[str, Any]) -> list[Step]:
    """A project that is valid: validate says OK, and then rank and report must work."""
    write(tmp / "project.toml", project)
    return [
        Step(("validate", "project.toml"), FINE),
        Step(("rank", "project.toml"), FINE),
        Step(("rank", "project.toml", "--json"), FINE),
        Step(("report", "project.toml", "-o", "out.pdf"), FINE, timeout=60),
    ]


def nested(depth: int, inline_tables: bool = False) -> str:
    if inline_tables:
        return "{a = " * depth + "1" + " }" * depth
    return "[" * depth + "]" * depth


# ---------------------------------------------------------------------------------------------
# reading files


@case("reading", "a vendor file whose value is an array nested 10,000 deep")
def case_deep_arrays_in_catalog(tmp: Path) -> list[Step]:
    text = tomli_w.dumps(vendor_seed()) + f"\ndeep = {nested(10_000)}\n"
    write(tmp / "mine" / "deep.toml", text)
    return [
        Step(("validate", "mine"), PROBLEMS, ("deep.toml",)),
        Step(("vendors", "--catalog", "mine"), PROBLEMS, ("deep.toml",)),
    ]


@case("reading", "a project file with inline tables nested 10,000 deep")
def case_deep_inline_tables_in_project(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", f"format_version = 1\ndeep = {nested(10_000, True)}\n")
    return [
        Step(("validate", "project.toml"), PROBLEMS, ("project.toml",)),
        Step(("rank", "project.toml"), PROBLEMS),
    ]


@case("reading", "a project file with arrays nested 100,000 deep (a few hundred kB)")
def case_very_deep_arrays_in_project(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", f"format_version = 1\ndeep = {nested(100_000)}\n")
    return [Step(("rank", "project.toml"), PROBLEMS, ("project.toml",))]


@case("reading", "arrays nested 50 deep: legal TOML, wrong shape for the field")
def case_moderate_nesting(tmp: Path) -> list[Step]:
    project = project_seed()
    write(tmp / "project.toml", tomli_w.dumps(project) + f"\nextra = {nested(50)}\n")
    return [Step(("validate", "project.toml"), PROBLEMS, ("extra",))]


@case("reading", "a project file that is a symlink loop (a.toml → b.toml → a.toml)")
def case_symlink_loop_project(tmp: Path) -> list[Step]:
    os.symlink("b.toml", tmp / "a.toml")
    os.symlink("a.toml", tmp / "b.toml")
    return [
        Step(("rank", "a.toml"), USAGE, ("a.toml",)),
        Step(("report", "a.toml", "-o", "out.pdf"), USAGE, ("a.toml",)),
        Step(("validate", "a.toml"), REFUSED, ("a.toml",)),
    ]


@case("reading", "a catalog folder that is a symlink to itself")
def case_symlink_loop_catalog(tmp: Path) -> list[Step]:
    os.symlink("loop", tmp / "loop")
    write(tmp / "project.toml", project_seed())
    return [
        Step(("validate", "loop"), REFUSED, ("loop",)),
        Step(("vendors", "--catalog", "loop"), PROBLEMS, ("loop",)),
        Step(("rank", "project.toml", "--catalog", "loop"), PROBLEMS, ("loop",)),
    ]


@case("reading", "a catalog folder holding a link back to itself, and one good vendor")
def case_symlink_loop_inside_catalog(tmp: Path) -> list[Step]:
    write(tmp / "mine" / "hostile.toml", vendor_seed())
    os.symlink("..", tmp / "mine" / "up")
    os.symlink(".", tmp / "mine" / "here")
    return [Step(("vendors", "--catalog", "mine"), FINE, ("Hostile CRM",), timeout=30)]


@case("reading", "a .toml link to a file that does not exist, in a catalog folder")
def case_dangling_link_in_catalog(tmp: Path) -> list[Step]:
    write(tmp / "mine" / "hostile.toml", vendor_seed())
    os.symlink("gone.toml", tmp / "mine" / "moved.toml")
    return [Step(("validate", "mine"), PROBLEMS, ("moved.toml",))]


@case("reading", "a catalog sub-folder nobody may read", other_user=True)
def case_unreadable_subfolder(tmp: Path) -> list[Step]:
    write(tmp / "mine" / "hostile.toml", vendor_seed())
    write(tmp / "mine" / "secret" / "other.toml", vendor_seed())
    (tmp / "mine" / "secret").chmod(0)
    return [Step(("validate", "mine"), PROBLEMS, ("secret",), as_other_user=True)]


@case("reading", "a catalog file nobody may read", other_user=True)
def case_unreadable_file(tmp: Path) -> list[Step]:
    write(tmp / "mine" / "hostile.toml", vendor_seed()).chmod(0)
    return [Step(("validate", "mine"), PROBLEMS, ("hostile.toml",), as_other_user=True)]


@case("reading", "a project file given as --catalog")
def case_project_as_catalog(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", project_seed())
    write(tmp / "other.toml", project_seed())
    return [
        Step(("rank", "project.toml", "--catalog", "other.toml"), PROBLEMS, ("other.toml",)),
        Step(("vendors", "--catalog", "other.toml"), PROBLEMS, ("other.toml",)),
    ]


@case("reading", "a project file kept inside a catalog folder")
def case_project_inside_catalog(tmp: Path) -> list[Step]:
    write(tmp / "mine" / "hostile.toml", vendor_seed())
    write(tmp / "mine" / "examples" / "demo-project.toml", project_seed())
    return [Step(("validate", "mine"), FINE, ("demo-project.toml",))]


@case("reading", "a named pipe (FIFO) as a project file and inside a catalog folder")
def case_fifo(tmp: Path) -> list[Step]:
    os.mkfifo(tmp / "project.toml")
    (tmp / "mine").mkdir()
    os.mkfifo(tmp / "mine" / "vendor.toml")
    return [
        Step(("rank", "project.toml"), USAGE, ("project.toml",), timeout=20),
        Step(("validate", "project.toml"), REFUSED, ("project.toml",), timeout=20),
        Step(("validate", "mine"), PROBLEMS, ("vendor.toml",), timeout=20),
    ]


@case("reading", "a link to /dev/zero named vendor.toml in a catalog folder")
def case_dev_zero(tmp: Path) -> list[Step]:
    write(tmp / "mine" / "hostile.toml", vendor_seed())
    os.symlink("/dev/zero", tmp / "mine" / "zero.toml")
    return [Step(("validate", "mine"), PROBLEMS, ("zero.toml",), timeout=20)]


@case("reading", "a folder given as the project file")
def case_folder_as_project(tmp: Path) -> list[Step]:
    (tmp / "project.toml").mkdir()
    return [Step(("rank", "project.toml"), USAGE, ("project.toml",))]


@case("reading", "a project saved by Notepad: UTF-8 with a byte-order mark")
def case_bom(tmp: Path) -> list[Step]:
    text = tomli_w.dumps(project_seed())
    write(tmp / "project.toml", b"\xef\xbb\xbf" + text.encode("utf-8"))
    return [Step(("validate", "project.toml"), FINE), Step(("rank", "project.toml"), FINE)]


@case("reading", "a project saved as UTF-16")
def case_utf16(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", tomli_w.dumps(project_seed()).encode("utf-16"))
    return [Step(("validate", "project.toml"), PROBLEMS, ("UTF-8",))]


@case("reading", "a NUL byte in the middle of a project file")
def case_nul_byte(tmp: Path) -> list[Step]:
    text = tomli_w.dumps(project_seed())
    write(tmp / "project.toml", text[:200].encode() + b"\x00" + text[200:].encode())
    return [Step(("rank", "project.toml"), PROBLEMS, ("project.toml",))]


@case("reading", "a 3 MB project file")
def case_huge_file(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", "format_version = 1\n" + "# padding\n" * 300_000)
    return [Step(("rank", "project.toml"), PROBLEMS, ("MB",))]


@case("reading", "a whole number of 5,000 digits (Python refuses to convert over 4,300)")
def case_endless_integer(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", "format_version = 1\nseed = " + "9" * 5000 + "\n")
    return [Step(("validate", "project.toml"), PROBLEMS, ("project.toml",))]


@case("reading", "a catalog file whose name is not UTF-8 (byte 0xff), with a syntax error")
def case_non_utf8_file_name(tmp: Path) -> list[Step]:
    (tmp / "mine").mkdir()
    (Path(os.fsdecode(os.fsencode(tmp / "mine") + b"/bad\xff.toml"))).write_text("id = [")
    return [Step(("validate", "mine"), PROBLEMS, ("bad\\xff.toml",))]


@case("reading", "an editor's lock file (.#name.toml, a link to nothing) in a catalog folder")
def case_editor_lock_file(tmp: Path) -> list[Step]:
    write(tmp / "mine" / "hostile.toml", vendor_seed())
    os.symlink("user@host.1234:1700000000", tmp / "mine" / ".#hostile.toml")
    return [Step(("validate", "mine"), FINE)]


@case("reading", "the working folder was deleted under the running command")
def case_deleted_working_folder(tmp: Path) -> list[Step]:
    code = (
        "import os, tempfile\n"
        "gone = tempfile.mkdtemp()\n"
        "os.chdir(gone)\n"
        "os.rmdir(gone)\n"
        "from selector.cli import main\n"
        "raise SystemExit(main(['validate', 'nosuch']))\n"
    )
    return [Step(("validate", "nosuch"), USAGE, ("nosuch",), python=code)]


@case("reading", "CRLF line endings and a tab-indented file")
def case_crlf(tmp: Path) -> list[Step]:
    text = tomli_w.dumps(project_seed()).replace("\n", "\r\n\t")
    write(tmp / "project.toml", text.encode("utf-8"))
    return [Step(("validate", "project.toml"), FINE)]


# ---------------------------------------------------------------------------------------------
# values that reach the engine


@case("values", "inf as a quantitative vendor score")
def case_inf_quantitative_score(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    set_score(vendor, criteria_by_kind("quantitative")[0], float("inf"))
    return catalog_value_steps(tmp, vendor, "inf")


@case("values", "nan as a quantitative vendor score")
def case_nan_quantitative_score(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    set_score(vendor, criteria_by_kind("quantitative")[0], float("nan"))
    return catalog_value_steps(tmp, vendor, "nan")


@case("values", "nan as an ordinal vendor score")
def case_nan_ordinal_score(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    set_score(vendor, criteria_by_kind("ordinal")[0], float("nan"))
    return catalog_value_steps(tmp, vendor, "nan")


@case("values", "a 400-digit integer as a vendor score")
def case_huge_integer_score(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    set_score(vendor, criteria_by_kind("quantitative")[0], 10**400)
    return catalog_value_steps(tmp, vendor, "value")


@case("values", "1e300 as a quantitative vendor score (finite, absurd)")
def case_absurd_score(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    set_score(vendor, criteria_by_kind("quantitative")[0], 1e300)
    return catalog_value_steps(tmp, vendor, "value")


@case("values", "inf as a rule's must-have threshold, in a rule that fires")
def case_inf_rule_threshold(tmp: Path) -> list[Step]:
    project = project_seed()
    rules = _toml(shipped_root() / "criteria" / "rules.toml")["rules"]
    rule = copy.deepcopy(next(r for r in rules if r.get("must_haves")))
    question, answer = next(
        (q, a) for q, a in project["answers"].items() if isinstance(a, bool | str)
    )
    rule.update(id="hostile_rule", when=[{"question": question, "equals": answer}])
    rule["must_haves"] = [
        {"criterion": criteria_by_kind("quantitative")[0], "threshold": float("inf")}
    ]
    write(tmp / "mine" / "rules.toml", {"rules": [rule]})
    write(tmp / "project.toml", project)
    return [
        Step(("validate", "mine"), PROBLEMS, ("threshold",)),
        Step(("rank", "project.toml", "--catalog", "mine"), PROBLEMS),
    ]


@case("values", "nan as a quantitative scale's worst value in a criteria file")
def case_nan_scale_bound(tmp: Path) -> list[Step]:
    path = next(
        p
        for p in sorted((shipped_root() / "criteria").glob("*.toml"))
        if any(
            c.get("scale", {}).get("kind") == "quantitative" for c in _toml(p).get("criteria", [])
        )
    )
    data = _toml(path)
    for c in data["criteria"]:
        if c["scale"]["kind"] == "quantitative":
            c["scale"]["worst"] = float("nan")
    write(tmp / "mine" / path.name, data)
    write(tmp / "project.toml", project_seed())
    return [
        Step(("validate", "mine"), PROBLEMS, ("worst",)),
        Step(("rank", "project.toml", "--catalog", "mine"), PROBLEMS),
    ]


@case("values", "nan as a number question's maximum")
def case_nan_question_bound(tmp: Path) -> list[Step]:
    data = _toml(shipped_root() / "criteria" / "questions.toml")
    question = next(q for q in data["questions"] if q["kind"] == "number")
    question["maximum"] = float("nan")
    write(tmp / "mine" / "questions.toml", {"questions": [question]})
    return [Step(("validate", "mine"), PROBLEMS, ("maximum",))]


def _points(project: dict[str, Any]) -> dict[str, Any]:
    return next(w["points"] for w in project["weights"].values() if w.get("points"))


@case("values", "nan as a stakeholder's points")
def case_nan_points(tmp: Path) -> list[Step]:
    project = project_seed()
    points = _points(project)
    points[next(iter(points))] = float("nan")
    return project_value_steps(tmp, project, "points")


@case("values", "inf as a stakeholder's points")
def case_inf_points(tmp: Path) -> list[Step]:
    project = project_seed()
    points = _points(project)
    points[next(iter(points))] = float("inf")
    return project_value_steps(tmp, project, "points")


@case("values", "1e308 points on two groups (each finite, the sum is not)")
def case_overflowing_points(tmp: Path) -> list[Step]:
    project = project_seed()
    points = _points(project)
    for key in list(points)[:2]:
        points[key] = 1e308
    return project_value_steps(tmp, project, "points")


@case("values", "a negative seed")
def case_negative_seed(tmp: Path) -> list[Step]:
    project = project_seed()
    project["seed"] = -1
    return project_value_steps(tmp, project, "seed")


@case("values", "a 30-digit seed")
def case_huge_seed(tmp: Path) -> list[Step]:
    project = project_seed()
    project["seed"] = 10**30
    return project_value_steps(tmp, project, "seed")


@case("values", "the largest seed TOML can hold (2**63 - 1) is fine")
def case_largest_seed(tmp: Path) -> list[Step]:
    project = project_seed()
    project["seed"] = 2**63 - 1
    return project_ok_steps(tmp, project)


def _requirement(project: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in project["requirements"].values() if "threshold" in r)


@case("values", "inf as a requirement's threshold")
def case_inf_requirement_threshold(tmp: Path) -> list[Step]:
    project = project_seed()
    _requirement(project)["threshold"] = float("inf")
    return project_value_steps(tmp, project, "threshold")


@case("values", "nan as a requirement's threshold")
def case_nan_requirement_threshold(tmp: Path) -> list[Step]:
    project = project_seed()
    _requirement(project)["threshold"] = float("nan")
    return project_value_steps(tmp, project, "threshold")


@case("values", "nan as the answer to a number question")
def case_nan_answer(tmp: Path) -> list[Step]:
    project = project_seed()
    project["answers"][questions_of_kind("number")[0]] = float("nan")
    return project_value_steps(tmp, project, "answers")


@case("values", "-inf as the answer to a number question")
def case_inf_answer(tmp: Path) -> list[Step]:
    project = project_seed()
    project["answers"][questions_of_kind("number")[0]] = float("-inf")
    return project_value_steps(tmp, project, "answers")


@case("values", "a 400-digit integer as the answer to a number question")
def case_huge_integer_answer(tmp: Path) -> list[Step]:
    project = project_seed()
    for qid in questions_of_kind("number"):
        project["answers"][qid] = 10**400
    return project_value_steps(tmp, project, "answers")


@case("values", "inf and nan as a team's override of a score")
def case_nonfinite_override(tmp: Path) -> list[Step]:
    project = project_seed()
    override = copy.deepcopy(project["overrides"][0])
    override["criterion"] = criteria_by_kind("quantitative")[0]
    override["value"] = float("inf")
    nan_override = {**override, "value": float("nan")}
    project["overrides"] = [*project["overrides"], override, nan_override]
    return project_value_steps(tmp, project, "overrides")


@case("values", "nan as a pairwise judgment")
def case_nan_judgment(tmp: Path) -> list[Step]:
    project = project_seed()
    weights = next(w for w in project["weights"].values() if w.get("judgments"))
    weights["judgments"][0]["value"] = float("nan")
    return project_value_steps(tmp, project, "judgments")


@case("values", "a 400-digit number of employees")
def case_huge_employees(tmp: Path) -> list[Step]:
    project = project_seed()
    project.setdefault("organisation", {})["employees"] = 10**400
    return project_value_steps(tmp, project, "employees")


@case("values", "inf as a list price")
def case_inf_price(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    hits = 0
    for table in tables(vendor):
        if "amount" in table:
            table["amount"] = float("inf")
            hits += 1
    assert hits, "vendor seed has no price amount: the corpus seeds need updating"
    return catalog_value_steps(tmp, vendor, "amount")


# ---------------------------------------------------------------------------------------------
# long text


@case("length", "a 1.5 kB vendor name")
def case_long_vendor_name(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    vendor["name"] = "Hostile " + "CRM" * 500
    return catalog_value_steps(tmp, vendor, "name", report=True)


@case("length", "a 10 kB stakeholder name")
def case_long_stakeholder_name(tmp: Path) -> list[Step]:
    project = project_seed()
    project["stakeholders"][0]["name"] = "Åsa " * 2500
    return project_value_steps(tmp, project, "name", report=True)


@case("length", "an 80 kB project name")
def case_long_project_name(tmp: Path) -> list[Step]:
    project = project_seed()
    project["name"] = "Nordlys " * 10_000
    return project_value_steps(tmp, project, "name", report=True)


@case("length", "a 1.9 MB project name with no spaces")
def case_huge_project_name(tmp: Path) -> list[Step]:
    project = project_seed()
    project["name"] = "N" * 1_900_000
    return project_value_steps(tmp, project, "name", report=True)


@case("length", "a 100 kB override rationale")
def case_long_rationale(tmp: Path) -> list[Step]:
    project = project_seed()
    project["overrides"][0]["rationale"] = "Because. " * 11_000
    return project_value_steps(tmp, project, "rationale", report=True)


@case("length", "a 500 kB organisation description")
def case_long_description(tmp: Path) -> list[Step]:
    project = project_seed()
    project.setdefault("organisation", {})["description"] = "We sell pumps. " * 35_000
    return project_value_steps(tmp, project, "description", report=True)


@case("length", "a vendor name of 200 characters with no space to wrap at")
def case_long_unbreakable_name(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    vendor["name"] = "Ü" * 200
    with_vendor(tmp, vendor)
    return [
        Step(("validate", "mine"), FINE),
        Step(("rank", "project.toml", "--catalog", "mine"), FINE),
        Step(("report", "project.toml", "--catalog", "mine", "-o", "out.pdf"), FINE),
    ]


@case("length", "every name and note of a project at its longest allowed length")
def case_everything_at_the_limit(tmp: Path) -> list[Step]:
    from selector.domain.base import NAME_LIMIT, NOTE_LIMIT

    project = project_seed()
    project["name"] = ("Nordlys " * NAME_LIMIT)[:NAME_LIMIT]
    project["prepared_by"] = "J" * NAME_LIMIT
    for person in project["stakeholders"]:
        person["name"] = ("Åsa Lindqvist-" * NAME_LIMIT)[:NAME_LIMIT]
        person["role"] = "R" * NAME_LIMIT
    for requirement in project["requirements"].values():
        requirement["note"] = ("Must export everything, " * NOTE_LIMIT)[:NOTE_LIMIT]
    for override in project["overrides"]:
        override["rationale"] = "W" * NOTE_LIMIT
        override["by"] = "B" * NAME_LIMIT
    project.setdefault("organisation", {})["name"] = "O" * NAME_LIMIT
    return project_ok_steps(tmp, project)


@case("length", "a vendor whose score notes are all 5,000 characters, the longest allowed")
def case_long_score_notes(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    for table in tables(vendor):
        if "note" in table and "value" in table:
            table["note"] = ("Seen in the vendor's documentation. " * 200)[:5000]
    with_vendor(tmp, vendor)
    return [
        Step(("validate", "mine"), FINE),
        Step(("rank", "project.toml", "--catalog", "mine"), FINE),
        Step(("report", "project.toml", "--catalog", "mine", "-o", "out.pdf"), FINE),
    ]


# ---------------------------------------------------------------------------------------------
# text that talks to the terminal

ESCAPES = "\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b[31mred\x1b[0m"
TRICKS = "bell\x07 back\x08\x08space cr\rOVERWRITE \u202eevil\u202c \u2066iso\u2069 \x9b31m c1"


@case("terminal", "a vendor name with screen-clearing and window-title escapes")
def case_escape_vendor_name(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    vendor["name"] = f"Hostile {ESCAPES} CRM"
    with_vendor(tmp, vendor)
    return [
        Step(("vendors", "--catalog", "mine"), FINE, ("Hostile ␛[2J",)),
        Step(("rank", "project.toml", "--catalog", "mine"), FINE, ("Hostile ␛[2J",)),
        Step(("rank", "project.toml", "--catalog", "mine", "--json"), FINE),
    ]


@case("terminal", "a project name and an override with BEL, backspace, CR, C1 and bidi overrides")
def case_tricks_in_project(tmp: Path) -> list[Step]:
    project = project_seed()
    project["name"] = f"Nordlys {TRICKS}"
    project["overrides"][0]["rationale"] = f"Demo showed {ESCAPES} {TRICKS}"
    project["overrides"][0]["by"] = f"Li {TRICKS}"
    write(tmp / "project.toml", project)
    return [
        Step(("validate", "project.toml"), FINE),
        Step(("rank", "project.toml"), FINE, ("Nordlys bell",)),
        Step(("rank", "project.toml", "--json"), FINE),
    ]


@case("terminal", "markup-looking text is printed literally")
def case_markup_text(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    vendor["name"] = "[red]Hostile[/red] <b>CRM</b> &amp; co"
    with_vendor(tmp, vendor)
    return [
        Step(("vendors", "--catalog", "mine"), FINE, ("[red]Hostile[/red] <b>CRM</b> &amp; co",)),
        Step(
            ("rank", "project.toml", "--catalog", "mine"),
            FINE,
            ("[red]Hostile[/red] <b>CRM</b> &amp; co",),
        ),
    ]


@case("terminal", "a catalog file whose name holds an escape sequence, with a syntax error")
def case_escape_in_file_name(tmp: Path) -> list[Step]:
    write(tmp / "mine" / "\x1b]0;pwned\x07\x1b[2J.toml", "id = [")
    return [Step(("validate", "mine"), PROBLEMS, ("TOML syntax error",))]


@case("terminal", "keys holding escape sequences in a project: unknown criterion, unknown key")
def case_escape_in_keys(tmp: Path) -> list[Step]:
    project = project_seed()
    project["requirements"]["\x1b[2Jevil"] = {"priority": "should"}
    project["\x1b]0;pwned\x07"] = 1
    return project_value_steps(tmp, project, "requirements")


@case("terminal", "values with escapes in messages: a bad currency and a bad solution type")
def case_escape_in_values(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    for table in tables(vendor):
        if "currency" in table:
            table["currency"] = "\x1b[2J"
    vendor["solution_types"] = ["\x1b]0;pwned\x07"]
    return catalog_value_steps(tmp, vendor, "solution_types")


@case("terminal", "a project path with an escape sequence on the command line")
def case_escape_in_argument(tmp: Path) -> list[Step]:
    return [
        Step(("rank", "\x1b[2Jmissing.toml"), USAGE, ("missing.toml",)),
        Step(("validate", "\x1b]0;pwned\x07"), USAGE),
    ]


# ---------------------------------------------------------------------------------------------
# the command line


@case("terminal", "Swedish and Chinese names on a terminal that only takes ASCII")
def case_ascii_terminal(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", project_seed())
    ascii_only = (("PYTHONIOENCODING", "ascii"),)
    return [
        Step(("rank", "project.toml"), FINE, ("\\xc5",), env=ascii_only),
        Step(("vendors",), FINE, env=ascii_only),
    ]


@case("terminal", "a non-UTF-8 byte in a path on the command line")
def case_non_utf8_argument(tmp: Path) -> list[Step]:
    return [Step(("rank", "missing\udcff.toml"), USAGE, ("missing\\xff.toml",))]


@case("cli", "a mistyped command: crm-selector audti")
def case_unknown_command(tmp: Path) -> list[Step]:
    return [
        Step(("audti",), USAGE, ("audti",), timeout=15),
        Step(("valdiate",), USAGE, ("validate",), timeout=15),
        Step(("\x1b]0;pwned\x07",), USAGE, timeout=15),
    ]


@case("cli", "a project path that does not exist, opened in the terminal UI")
def case_missing_project_for_ui(tmp: Path) -> list[Step]:
    return [
        Step(("nosuch.toml",), USAGE, ("nosuch.toml",), timeout=15),
        Step(("tui", "nosuch.toml"), USAGE, ("nosuch.toml",), timeout=15),
    ]


@case("cli", "the terminal UI with no terminal (stdin /dev/null, stdout a pipe)")
def case_ui_without_terminal(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", project_seed())
    return [
        Step((), REFUSED, ("terminal",), timeout=15),
        Step(("tui",), REFUSED, ("terminal",), timeout=15),
        Step(("project.toml",), REFUSED, ("terminal",), timeout=15),
    ]


@case("cli", "rank and report on a catalog with a broken vendor file")
def case_rank_with_catalog_errors(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    del vendor["website"]
    with_vendor(tmp, vendor, shortlist=False)
    return [
        Step(("rank", "project.toml", "--catalog", "mine"), PROBLEMS, ("website",)),
        Step(
            ("report", "project.toml", "--catalog", "mine", "-o", "o.pdf"), PROBLEMS, ("website",)
        ),
        Step(
            ("rank", "project.toml", "--catalog", "mine", "--allow-catalog-errors"),
            FINE,
            ("website",),
        ),
    ]


@case("cli", "rank with a catalog folder that does not exist")
def case_rank_missing_catalog(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", project_seed())
    return [Step(("rank", "project.toml", "--catalog", "nowhere"), PROBLEMS, ("nowhere",))]


@case("cli", "a bug in our code (simulated): its own exit status, one line, no traceback")
def case_internal_bug(tmp: Path) -> list[Step]:
    code = (
        "import selector.cli as cli\n"
        "def broken(args):\n"
        "    raise ZeroDivisionError('simulated bug')\n"
        "cli._vendors = broken\n"
        "raise SystemExit(cli.main(['vendors']))\n"
    )
    return [Step(("vendors",), frozenset({70}), ("bug",), python=code)]


@case("cli", "report written over the project file itself")
def case_report_over_project(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", project_seed())
    return [
        Step(("report", "project.toml", "-o", "project.toml"), REFUSED, ("project.toml",)),
        Step(("validate", "project.toml"), FINE),
    ]


@case("cli", "report over an earlier report is fine")
def case_report_over_report(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", project_seed())
    return [
        Step(("report", "project.toml", "-o", "out.pdf"), FINE),
        Step(("report", "project.toml", "-o", "out.pdf"), FINE),
    ]


@case("cli", "report into a folder that does not exist")
def case_report_missing_folder(tmp: Path) -> list[Step]:
    write(tmp / "project.toml", project_seed())
    return [Step(("report", "project.toml", "-o", "no/such/dir/x.pdf"), PROBLEMS, ("x.pdf",))]


@case("cli", "usage errors: unknown option, empty project path")
def case_usage_errors(tmp: Path) -> list[Step]:
    return [
        Step(("validate", "--bogus"), USAGE),
        Step(("rank", ""), USAGE),
        Step(("-x",), USAGE, timeout=15),
    ]


# ---------------------------------------------------------------------------------------------
# scale (recorded, not timed by the checks; `run.py` prints the seconds)


@case("scale", "2,000 vendor files in one catalog folder")
def case_many_vendors(tmp: Path) -> list[Step]:
    vendor = vendor_seed()
    for i in range(2000):
        vendor["id"] = f"hostile_vendor_{i}"
        write(tmp / "mine" / f"v{i}.toml", vendor)
    return [Step(("validate", "mine"), FINE, timeout=300)]


@case("scale", "a shortlist of 20,000 entries")
def case_long_shortlist(tmp: Path) -> list[Step]:
    project = project_seed()
    project["shortlist"] = [f"vendor_{i}" for i in range(20_000)]
    write(tmp / "project.toml", project)
    return [Step(("validate", "project.toml"), PROBLEMS, timeout=300)]
