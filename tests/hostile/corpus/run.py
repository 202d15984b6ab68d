"""Run the hostile corpus against `crm-selector` and say, case by case, what happened.

    python tests/hostile/corpus/run.py              # table on stdout
    python tests/hostile/corpus/run.py -o FILE.md   # also write the table as Markdown
    python tests/hostile/corpus/run.py -k seed      # only cases whose name contains "seed"

Each step runs the real command in a subprocess, in a fresh folder, with no terminal (stdin
/dev/null, output to pipes), as a script or CI job would. A step is clean when it exits with
a status the case expects, within its time limit, without a traceback, with every text the
case names, and without a raw control or bidi-override character in its output.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

if __package__:
    from .cases import CASES, Case, Step
else:  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cases import CASES, Case, Step

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a terminal raw: C0 controls but tab and newline, DEL, C1 controls,
and the bidi embeddings, overrides and isolates that reorder what a reader sees."""

NOBODY = 65534


@dataclass(frozen=True)
class Outcome:
    case: str
    step: str
    status: int | None  # None: killed after the time limit
    seconds: float
    problems: tuple[str, ...]
    output: str

    @property
    def clean(self) -> bool:
        return not self.problems


def _shown(argv: tuple[str, ...]) -> str:
    return " ".join(a if a and a.isprintable() and " " not in a else repr(a) for a in argv)


def _command(step: Step) -> list[str]:
    if step.python:
        command = [sys.executable, "-c", step.python]
    else:
        command = [sys.executable, "-m", "selector.cli", *step.argv]
    if step.as_other_user and os.geteuid() == 0:
        command = [*other_user_prefix(), *command]
    return command


def other_user_prefix() -> list[str]:
    """Run what follows as the unprivileged user (for root, who may read any file)."""
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def run_step(case: Case, step: Step, folder: Path) -> Outcome:
    home = folder / ".home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
        **dict(step.env),
    }
    start = time.perf_counter()
    proc = subprocess.Popen(
        _command(step),
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=step.timeout)
        status: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        status = None
    seconds = time.perf_counter() - start
    text = out.decode("utf-8", "replace") + err.decode("utf-8", "replace")
    problems = []
    if status is None:
        problems.append(f"HANG (killed after {step.timeout:.0f} s)")
    if "Traceback (most recent call last)" in text:
        problems.append("TRACEBACK")
    if status is not None and status not in step.expect:
        problems.append(f"STATUS {status} (expected {'/'.join(map(str, sorted(step.expect)))})")
    raw = sorted({f"U+{ord(c):04X}" for c in RAW.findall(text)})
    if raw:
        problems.append(f"RAW {' '.join(raw[:6])}")
    missing = [t for t in step.contains if t.lower() not in text.lower()]
    if missing and status is not None:
        problems.append(f"MISSING {missing!r}")
    return Outcome(
        case.name, _shown(step.argv or ("(no arguments)",)), status, seconds, tuple(problems), text
    )


def run_case(case: Case) -> list[Outcome]:
    folder = Path(tempfile.mkdtemp(prefix=f"hostile-{case.name}-"))
    try:
        folder.chmod(0o755)  # the unprivileged user of permission cases must get in
        try:
            steps = case.build(folder)
        except Exception as exc:  # a seed changed shape: say so instead of stopping the run
            return [
                Outcome(
                    case.name,
                    "(building the case)",
                    None,
                    0.0,
                    (f"SEED {type(exc).__name__}: {exc}",),
                    "",
                )
            ]
        return [run_step(case, step, folder) for step in steps]
    finally:
        for path in folder.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def run_all(cases: list[Case], workers: int | None = None) -> list[Outcome]:
    with ThreadPoolExecutor(workers or (os.cpu_count() or 1) + 1) as pool:
        return [o for outcomes in pool.map(run_case, cases) for o in outcomes]


def table(outcomes: list[Outcome]) -> str:
    groups = {c.name: c.group for c in CASES}
    rows = ["| group | case | command | exit | s | verdict |", "|---|---|---|---|---|---|"]
    for o in outcomes:
        verdict = "ok" if o.clean else "; ".join(o.problems)
        status = "—" if o.status is None else str(o.status)
        command = o.step.replace("|", "\\|")
        rows.append(
            f"| {groups[o.case]} | {o.case} | `{command}` | {status} | {o.seconds:.1f} | "
            f"{verdict.replace('|', '/')} |"
        )
    bad = [o for o in outcomes if not o.clean]
    rows.append("")
    rows.append(
        f"{len(outcomes) - len(bad)} of {len(outcomes)} steps clean; "
        f"{len({o.case for o in bad})} of {len({o.case for o in outcomes})} cases "
        "with a problem."
    )
    return "\n".join(rows) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", type=Path, help="write the table to this file")
    parser.add_argument("-k", default="", help="only this group, or names containing this")
    parser.add_argument("-v", action="store_true", help="print the output of unclean steps")
    args = parser.parse_args()
    cases = [c for c in CASES if args.k in c.name or args.k == c.group]
    outcomes = run_all(cases)
    text = table(outcomes)
    print(text)
    if args.v:
        for o in outcomes:
            if not o.clean:
                print(f"--- {o.case}: {o.step}\n{o.output[-3000:]!r}\n")
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0 if all(o.clean for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
