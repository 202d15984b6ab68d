"""Property-based fuzzing of catalogs and projects through the real command line.

The seeds are whatever files the product ships (vendor profiles, criteria, questions and rules,
the example project), found by globbing, never a list of fields: when the file formats change,
the fuzzer mutates the new formats. A mutation works at the byte level (flip, cut, repeat or
insert bytes, with a bias towards the ones TOML and terminals care about) or at the value level
(parse, then replace a value with another type or a hostile one, delete a key, add an unknown
one, duplicate an array element so ids repeat, bury a value in deep nesting).

The property, for every mutated file, whatever it holds:
- no command tracebacks or crashes (exit 70), and every exit status is 0, 1 or 2;
- nothing raw that drives a terminal (control or bidi-override characters) is printed;
- `validate` says OK exactly when `rank` succeeds, and then `rank --json` and `report` do too.

Used by tests/hostile/test_fuzz.py (a bounded number of examples in CI) and by
benchmarks/fuzz_long.py (a long run).
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import strategies as st

from selector.catalog.loader import file_kind
from selector.catalog.shipped import shipped_root
from selector.cli import main
from selector.domain.base import NAME_LIMIT, NOTE_LIMIT

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters that must never reach a terminal raw (tab and newline are layout, allowed)."""


def _shipped_files() -> list[Path]:
    root = shipped_root()
    return sorted(
        p for part in ("criteria", "vendors", "examples") for p in (root / part).rglob("*.toml")
    )


def _kind(path: Path) -> str | None:
    return file_kind(tomllib.loads(path.read_text("utf-8")))


SEEDS = _shipped_files()
PROJECT_SEEDS = [p for p in SEEDS if _kind(p) == "project"]
CATALOG_SEEDS = [p for p in SEEDS if _kind(p) not in (None, "project")]
assert PROJECT_SEEDS and CATALOG_SEEDS, "the fuzzer found no shipped seeds"


# ---------------------------------------------------------------------------------------------
# hostile values

_NONFINITE = [math.nan, math.inf, -math.inf]
_EXTREME = [1e308, -1e308, 10**400, 2**63, -(2**63), 10**13, 1e12 + 1, -1e12 - 1]
_EDGE = [-1, 0, 5e-324, -0.0, 1, 1 / 9, 9.000000001, 2**63 - 1, 1e12, -1e12]
hostile_numbers = st.one_of(
    st.sampled_from(_NONFINITE),
    st.sampled_from(_EXTREME),
    st.sampled_from(_EDGE),
    st.floats(),
    st.integers(),
)
_SPECIAL_NUMBERS = [
    math.nan,
    math.inf,
    -math.inf,
    1e308,
    -1e308,
    5e-324,
    -0.0,
    1e12,
    1e12 + 1,
    -1,
    0,
    1,
    2**63 - 1,
    2**63,
    -(2**63),
    10**400,
    9.000000001,
    1 / 9,
    10**13,
]
_SPECIAL_TEXT = [
    "",
    " ",
    "\x1b[2J\x1b]0;pwned\x07",
    "\u202eevil\u202c",
    "\r\x08\x08\x9b31m",
    "[red]x[/red]",
    "<b>&amp;</b>",
    "\x00",
    "x" * 201,
    "word " * 1001,
    "Åsa Ærø 李伟 😀",
    "\ufeff",
    "..",
    "/",
    "https://example.com/" + "a" * 2000,
    "seed:missing.txt",
    "not a url",
    "EUR",
    "eur",
]
_PROJECT_WORDS = [
    "must",
    "should",
    "could",
    "wont",
    "points",
    "pairwise",
    "yes",
    "no",
    "partly",
    "unknown",
    "ordinal",
    "quantitative",
    "benefit",
    "cost",
    "outsourced",
    "off_the_shelf",
    "custom",
    "bespoke",
]

scalars = st.one_of(
    st.sampled_from(_SPECIAL_NUMBERS),
    st.sampled_from(_SPECIAL_TEXT),
    st.sampled_from(_PROJECT_WORDS),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.text(max_size=40),
    st.dates(),
)
plausible_text = st.one_of(
    st.sampled_from(_SPECIAL_TEXT[2:11]),
    st.text(min_size=10, max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=10, max_size=60),
)
"""Text a field may accept (long enough for most minimums): controls, bidi, markup, any script."""

plausible_numbers = st.one_of(
    st.integers(0, 5), st.floats(0, 5), st.floats(0, 1e12), st.sampled_from([0, 1e12, 1e-300])
)

values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3)
    ),
    max_leaves=8,
)


# ---------------------------------------------------------------------------------------------
# mutations

Path_ = tuple[str | int, ...]


def _paths(node: Any, prefix: Path_ = ()) -> list[Path_]:
    """Every place in a document a value sits, the document itself excluded."""
    out: list[Path_] = []
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in items:
        out.append((*prefix, key))
        out.extend(_paths(child, (*prefix, key)))
    return out


def _parent(doc: Any, path: Path_) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_OPS = {
    "hostile_number": 3,  # a number leaf becomes nan, inf, 10**400, -1, 1e308 …
    "hostile_text": 3,  # a text leaf gets escapes, bidi overrides, markup, long text …
    "longest": 1,  # a text leaf at the longest a name or a note may be (200 or 5,000)
    "same_type": 4,  # a leaf keeps its type, so the file often stays valid
    "replace": 2,  # anything becomes anything (types swapped)
    "delete": 1,
    "unknown_key": 1,
    "duplicate": 1,  # an array element repeated: duplicate ids
    "nest": 1,
    "scale": 1,
}
_OP_NAMES = [name for name, weight in _OPS.items() for _ in range(weight)]


@st.composite
def value_mutation(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    """`doc` with one value-level change, at a place drawn from what the document holds."""
    op = draw(st.sampled_from(_OP_NAMES))
    paths = _paths(doc)
    if op == "hostile_number":
        paths = [p for p in paths if _is_number(_parent(doc, p)[p[-1]])] or paths
    elif op in ("hostile_text", "same_type", "longest"):
        wanted = (str, int, float, bool) if op == "same_type" else str
        paths = [p for p in paths if isinstance(_parent(doc, p)[p[-1]], wanted)] or paths
    if not paths:
        doc[draw(st.sampled_from(["extra", "id", "värde"]))] = draw(values)
        return doc
    path = paths[draw(st.integers(0, len(paths) - 1))]
    parent, key = _parent(doc, path), path[-1]
    value = parent[key]
    if op == "hostile_number":
        parent[key] = draw(hostile_numbers)
    elif op == "hostile_text":
        parent[key] = draw(st.sampled_from(_SPECIAL_TEXT) | plausible_text | st.text())
    elif op == "longest":
        limit = draw(st.sampled_from([NAME_LIMIT, NOTE_LIMIT]))
        word = draw(st.sampled_from(["Word ", "W", "Å李 ", "[b]&<i> "]))
        parent[key] = (word * limit)[:limit]
    elif op == "same_type":
        if isinstance(value, bool):
            parent[key] = not value
        elif _is_number(value):
            number = draw(plausible_numbers)
            parent[key] = int(number) if isinstance(value, int) else float(number)
        elif isinstance(value, str):
            parent[key] = draw(plausible_text)
    elif op == "replace":
        parent[key] = draw(values)
    elif op == "delete":
        del parent[key]
    elif op == "unknown_key":
        table = value if isinstance(value, dict) else doc
        name = draw(st.sampled_from(["extra", "nmae", "id", "scores", "format_version", "värde"]))
        table[name] = draw(values)
    elif op == "duplicate":
        if isinstance(value, list) and value:
            value.append(value[draw(st.integers(0, len(value) - 1))])
        else:
            parent[key] = [value, value]
    elif op == "nest":
        for _ in range(draw(st.sampled_from([1, 2, 5, 49, 51, 200]))):
            value = [value]
        parent[key] = value
    elif _is_number(value):  # scale: far beyond the range, or the sign flipped
        parent[key] = value * draw(st.sampled_from([-1, 10**6, 10**15, -(10**15)]))
    else:
        parent[key] = draw(st.sampled_from(_SPECIAL_NUMBERS))
    return doc


_INTERESTING_BYTES = list(b"[]{}\"'=#\n\r\t\\.,") + [0x00, 0x1B, 0x07, 0x08, 0x7F, 0xFF, 0xC3, 0xE2]


@st.composite
def byte_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with one byte-level change: a flip, a cut, a repeat, an insertion, a truncation."""
    position = draw(st.integers(0, max(0, len(data) - 1)))
    op = draw(st.sampled_from(["flip", "cut", "repeat", "insert", "insert", "truncate", "bom"]))
    if op == "flip":
        byte = draw(st.sampled_from(_INTERESTING_BYTES) | st.integers(0, 255))
        return data[:position] + bytes([byte]) + data[position + 1 :]
    if op == "cut":
        return data[:position] + data[position + draw(st.integers(1, 200)) :]
    if op == "repeat":
        span = data[position : position + draw(st.integers(1, 300))]
        return data[:position] + span * draw(st.integers(2, 60)) + data[position:]
    if op == "insert":
        chunk = draw(
            st.binary(max_size=20)
            | st.lists(st.sampled_from(_INTERESTING_BYTES), max_size=20).map(bytes)
        )
        return data[:position] + chunk + data[position:]
    if op == "truncate":
        return data[:position]
    return b"\xef\xbb\xbf" + data


@st.composite
def mutated_file(draw: st.DrawFn, seeds: Sequence[Path]) -> tuple[str, bytes]:
    """A seed's file name and its mutated bytes (one to three changes of one level)."""
    seed = draw(st.sampled_from(list(seeds)))
    raw = seed.read_bytes()
    count = draw(st.sampled_from([1, 1, 2, 3]))
    if draw(st.integers(0, 2)) == 0:  # a third at the byte level: those rarely stay valid
        for _ in range(count):
            raw = draw(byte_mutation(raw))
    else:
        doc = tomllib.loads(raw.decode("utf-8"))
        for _ in range(count):
            doc = draw(value_mutation(doc))
        raw = tomli_w.dumps(doc).encode("utf-8")
    return seed.name, raw


# ---------------------------------------------------------------------------------------------
# running the CLI


@dataclass(frozen=True)
class Run:
    argv: tuple[str, ...]
    status: int
    output: str


Runner = Callable[[Sequence[str], Path], Run]


def in_process(argv: Sequence[str], cwd: Path) -> Run:
    """`crm-selector ARGV` called in this process, its output captured (fast: no start-up)."""
    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    state = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(cwd / ".state")
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(list(argv))
            except SystemExit as exc:  # argparse's usage errors
                status = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(before)
        if state is None:
            os.environ.pop("XDG_STATE_HOME", None)
        else:
            os.environ["XDG_STATE_HOME"] = state
    return Run(tuple(argv), status, out.getvalue() + err.getvalue())


def in_subprocess(argv: Sequence[str], cwd: Path) -> Run:
    """`crm-selector ARGV` as a user runs it: a new process, no terminal."""
    result = subprocess.run(
        [sys.executable, "-m", "selector.cli", *argv],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        env={**os.environ, "XDG_STATE_HOME": str(cwd / ".state")},
    )
    output = result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
    return Run(tuple(argv), result.returncode, output)


def _crash_details(run: Run, cwd: Path) -> str:
    """The crash file `run` wrote (the one naming its command), for the failure message."""
    command = f"command: crm-selector {' '.join(run.argv)}\n"
    for path in sorted((cwd / ".state").rglob("crash-*.txt")):
        text = path.read_text("utf-8")
        if command in text:
            return text
    return ""


def check(folder: Path, runner: Runner = in_process) -> list[Run]:
    """Run validate, rank, rank --json and report on `folder` (project.toml, maybe mine/) and
    assert the property; returns the runs for the caller's own checks."""
    catalog = ["--catalog", "mine"] if (folder / "mine").exists() else []
    runs = [runner(["validate", *(["mine"] if catalog else []), "project.toml"], folder)]
    runs.append(runner(["rank", "project.toml", *catalog], folder))
    if runs[0].status == 0:
        # rank --json and report differ from rank in what they render, so they must work too;
        # when validate refused, they refuse through the same loading code as rank
        runs.append(runner(["rank", "project.toml", "--json", *catalog], folder))
        runs.append(runner(["report", "project.toml", "-o", "out.pdf", *catalog], folder))
    for run in runs:
        details = _crash_details(run, folder) if run.status == 70 else ""
        assert "Traceback (most recent call last)" not in run.output, (run.argv, run.output)
        assert run.status in (0, 1, 2), (run.argv, run.status, run.output[-3000:], details)
        raw = RAW.findall(run.output)
        assert not raw, (run.argv, sorted(set(raw)), run.output[-2000:])
    validate, *rest = runs
    for run in rest:
        assert (run.status == 0) == (validate.status == 0), (
            f"validate exited {validate.status} but {' '.join(run.argv)} exited {run.status}",
            validate.output[-2000:],
            run.output[-2000:],
        )
    return runs


def write_case(folder: Path, name: str, data: bytes, *, project: bool) -> None:
    """Lay out one example: the mutated file as the project, or as a consultant catalog file
    next to the example project."""
    if project:
        (folder / "project.toml").write_bytes(data)
        return
    (folder / "mine").mkdir()
    (folder / "mine" / name).write_bytes(data)
    (folder / "project.toml").write_bytes(PROJECT_SEEDS[0].read_bytes())


@contextlib.contextmanager
def example_folder() -> Any:
    with tempfile.TemporaryDirectory(prefix="crm-fuzz-") as name:
        yield Path(name)
