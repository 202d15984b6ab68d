"""A long fuzzing run over catalogs and projects, through the real command line.

    python benchmarks/fuzz_long.py                    # 1,000 projects and 1,000 catalog files
    python benchmarks/fuzz_long.py --examples 5000 --subprocess-every 50

The same mutations and property as tests/hostile/test_fuzz.py (see tests/hostile/fuzzing.py),
randomised, with many more examples and shrinking: a failure is reduced to a minimal file,
printed, and written to benchmarks/fuzz-failures/ so it can be kept as a regression test.
Nothing here is timed: it reports how many examples ran and what failed.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

import fuzzing  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FAILURES = ROOT / "benchmarks" / "fuzz-failures"


def run(kind: str, examples: int, subprocess_every: int) -> bool:
    seeds = fuzzing.PROJECT_SEEDS if kind == "project" else fuzzing.CATALOG_SEEDS
    counter = itertools.count(1)
    last: dict[str, object] = {}

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def prop(data: st.DataObject) -> None:
        name, raw = data.draw(fuzzing.mutated_file(seeds))
        last.update(name=name, raw=raw)
        n = next(counter)
        runner = fuzzing.in_subprocess if n % subprocess_every == 0 else fuzzing.in_process
        with fuzzing.example_folder() as folder:
            fuzzing.write_case(folder, name, raw, project=kind == "project")
            fuzzing.check(folder, runner)

    start = time.perf_counter()
    try:
        prop()
    except Exception:  # noqa: BLE001 — report the minimal failing example and go on
        FAILURES.mkdir(exist_ok=True)
        out = FAILURES / f"{kind}-{int(time.time())}-{last['name']}"
        out.write_bytes(last["raw"])  # the last example run is the shrunk one
        print(f"{kind}: FAILED; minimal file written to {out}")
        traceback.print_exc()
        return False
    print(f"{kind}: {examples} examples passed in {time.perf_counter() - start:.0f} s")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=1000, help="examples per kind")
    parser.add_argument(
        "--subprocess-every", type=int, default=25, help="run every Nth example in a new process"
    )
    parser.add_argument("--only", choices=("project", "catalog"), help="fuzz one kind only")
    args = parser.parse_args()
    kinds = [args.only] if args.only else ["project", "catalog"]
    results = [run(kind, args.examples, args.subprocess_every) for kind in kinds]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
