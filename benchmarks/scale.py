"""The product at the size of a consultant's whole market: thousands of offerings.

Run from the repository root:  python benchmarks/scale.py [--sizes 100 1000 5000] [--rounds 3]

Synthetic catalogs are copies of the shipped vendor files with new vendor and offering ids and
scores moved by one level at random (seeded), so every file is valid and realistic in size.
Every figure is a ratio to a reference measured in the same run, interleaved round by round:
the whole-process `crm-selector rank` of the shipped example. Medians and the spread (min–max)
are printed; the script never asserts. Targets (issue 17):

  validate 1,000 vendor files ≤ 3× · rank against 1,000 vendors ≤ 4× · rank against 5,000 ≤ 5×
  the 1,000 figure, peak memory under 500 MB · advise() without sampling for 1,000 vendors
  under 0.3 s in-process · rank of the example under 0.6 s · --help under 0.25 s · report
  with 200 vendors ≤ 2× the example's report · no stage of the 1,000-vendor rank above a third
  of its time. The last block prints each target "met" or "NOT MET".
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "nordlys-project.toml"


def make_catalog(n: int, folder: Path, seed: int = 1) -> Path:
    """`n` vendor files copied from the shipped ones, each with new ids and varied scores."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "vendors").glob("*.toml"))
    rnd = random.Random(seed)

    def vary(match: re.Match) -> str:
        value = float(match.group(1))
        if value > 5:  # a quantity (weeks): leave it
            return match.group(0)
        return f"value = {min(5.0, max(0.0, value + rnd.choice((-1, 0, 0, 1))))}"

    for k in range(n):
        text = sources[k % len(sources)].read_text("utf-8")
        text = re.sub(r'^id = "([a-z0-9_]+)"', lambda m, k=k: f'id = "{m.group(1)}_s{k}"', text,
                      flags=re.M)
        text = re.sub(r'^name = "(.*)"', lambda m, k=k: f'name = "{m.group(1)} #{k}"', text,
                      count=1, flags=re.M)
        text = re.sub(r"^value = ([0-9.]+)$", vary, text, flags=re.M)
        (folder / f"v{k:05d}.toml").write_text(text, "utf-8")
    return folder


def timed(command: list[str]) -> tuple[float, int]:
    """Wall time of a whole process, and its peak resident memory in kB (GNU time)."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True,
                            text=True, check=False)
    elapsed = time.perf_counter() - start
    rss = int(result.stderr.strip().splitlines()[-1]) if result.stderr.strip() else 0
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return elapsed, rss


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "selector.cli", *args]


def advise_in_process(folder: Path, rounds: int) -> list[float]:
    sys.path.insert(0, str(ROOT))
    from selector.advisor import advise
    from selector.catalog import load_catalog, load_project

    catalog = load_catalog([folder])
    project = load_project(EXAMPLE).project.model_copy(update={"shortlist": []})
    # (the same project as the whole-market rank above)
    advise(catalog, project, n_samples=0)  # warm the catalog's score tables, as the TUI does
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        advise(catalog, project, n_samples=0)
        out.append(time.perf_counter() - start)
    return out


def stages(project: Path, folder: Path) -> dict[str, float]:
    """Seconds per stage of an in-process rank --json: what a profile would attribute."""
    start = time.perf_counter()
    from selector.advisor import advise
    from selector.catalog import open_project

    marks = {"import": time.perf_counter() - start}
    start = time.perf_counter()
    opened = open_project(project, extra_folders=[folder])
    marks["open the project and catalog"] = time.perf_counter() - start
    start = time.perf_counter()
    recommendation = advise(opened.catalog, opened.project)
    marks["advise"] = time.perf_counter() - start
    start = time.perf_counter()
    recommendation.model_dump_json(indent=2)
    marks["JSON"] = time.perf_counter() - start
    return marks


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 1000, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        catalogs = {n: make_catalog(n, Path(tmp) / f"v{n}") for n in args.sizes}
        # the example without its shortlist: every offering in the catalog is compared
        whole = Path(tmp) / "whole-market.toml"
        whole.write_text(re.sub(r"(?ms)^shortlist = \[.*?\]\n", "shortlist = []\n",
                                EXAMPLE.read_text("utf-8"), count=1), "utf-8")
        pdf = str(Path(tmp) / "report.pdf")
        reports: dict[str, list[float]] = {"example": [], "200": []}
        ref, helps, example_rss = [], [], 0
        validate = {n: [] for n in args.sizes}
        rank = {n: [] for n in args.sizes}
        memory = {n: 0 for n in args.sizes}
        for _ in range(args.rounds):
            t, example_rss = timed(cli("rank", str(EXAMPLE)))
            ref.append(t)
            helps.append(timed(cli("--help"))[0])
            reports["example"].append(timed(cli("report", str(EXAMPLE), "-o", pdf))[0])
            if 200 in catalogs:
                reports["200"].append(timed(cli("report", str(whole), "--catalog",
                                                str(catalogs[200]), "-o", pdf))[0])
            for n, folder in catalogs.items():
                validate[n].append(timed(cli("validate", str(folder)))[0])
                t, rss = timed(cli("rank", str(whole), "--catalog", str(folder)))
                rank[n].append(t)
                memory[n] = max(memory[n], rss)
        base = statistics.median(ref)
        print(f"reference: rank of the shipped example {spread(ref)} s, "
              f"{example_rss / 1024:.0f} MB")
        print(f"--help {spread(helps)} s")
        print(f"{'vendors':>8} {'validate':>16} {'× ref':>6} {'rank':>16} {'× ref':>6} "
              f"{'peak MB':>8}")
        for n in args.sizes:
            v, r = statistics.median(validate[n]), statistics.median(rank[n])
            print(f"{n:>8} {spread(validate[n]):>16} {v / base:>6.1f} {spread(rank[n]):>16} "
                  f"{r / base:>6.1f} {memory[n] / 1024:>8.0f}")
        targets: list[tuple[str, bool]] = [
            (f"rank of the example {base:.2f} s < 0.6 s", base < 0.6),
            (f"--help {statistics.median(helps):.2f} s < 0.25 s", statistics.median(helps) < 0.25),
        ]
        if 1000 in catalogs:
            advise_1000 = statistics.median(advise_in_process(catalogs[1000], args.rounds))
            print(f"advise() without sampling, 1,000 vendor files: {advise_1000:.2f} s")
            v, r = statistics.median(validate[1000]), statistics.median(rank[1000])
            targets += [
                (f"validate 1,000 files {v / base:.1f}× ≤ 3×", v / base <= 3),
                (f"rank against 1,000 {r / base:.1f}× ≤ 4×", r / base <= 4),
                (f"advise() for 1,000 {advise_1000:.2f} s < 0.3 s", advise_1000 < 0.3),
            ]
            marks = stages(whole, catalogs[1000])
            total = sum(marks.values())
            print("stages of rank --json against 1,000 vendors (in-process):")
            for name, seconds in marks.items():
                print(f"  {name:<30} {seconds:6.2f} s {seconds / total:5.0%}")
            top = max(marks.values()) / total
            targets.append((f"largest stage {top:.0%} of the time ≤ 33%", top <= 1 / 3))
        if 1000 in catalogs and 5000 in catalogs:
            growth = statistics.median(rank[5000]) / statistics.median(rank[1000])
            print(f"rank 5,000 / rank 1,000: {growth:.1f}× (linear would be 5×)")
            targets += [
                (f"rank 5,000 / 1,000 {growth:.1f}× ≤ 5×", growth <= 5),
                (f"peak memory for 5,000 {memory[5000] / 1024:.0f} MB < 500 MB",
                 memory[5000] / 1024 < 500),
            ]
        if reports["200"]:
            ratio = statistics.median(reports["200"]) / statistics.median(reports["example"])
            print(f"report: example {spread(reports['example'])} s, "
                  f"200 vendors {spread(reports['200'])} s")
            targets.append((f"report with 200 vendors {ratio:.1f}× ≤ 2×", ratio <= 2))
        print("targets (issue 17):")
        for text, ok in targets:
            print(f"  {verdict(ok):<8} {text}")


if __name__ == "__main__":
    main()
