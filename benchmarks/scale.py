"""The product at the size of a consultant's whole market: thousands of offerings.

Run from the repository root:  python benchmarks/scale.py [--sizes 100 1000 5000] [--rounds 3]

Synthetic catalogs are copies of the shipped vendor files with new vendor and offering ids and
scores moved by one level at random (seeded), so every file is valid and realistic in size.
Every figure is a ratio to a reference measured in the same run, interleaved round by round:
the whole-process `crm-selector rank` of the shipped example. Medians and the spread (min–max)
are printed; the script never asserts.

Two projects: the shipped example without its shortlist ("strict": its must-haves exclude most
of a market) and the same team with its must-haves relaxed ("lenient": most offerings pass, so
everything after screening works on thousands). Two caches: "warm" (the cache of checked
catalog files holds every file, as on a consultant's second run) and "cold" (an empty cache
folder for every process, as on the first run after a release); each ratio compares runs with
the same cache. Targets (issue 17):

  validate 1,000 vendor files ≤ 3× · rank against 1,000 vendors ≤ 4× · rank against 5,000 ≤ 5×
  the 1,000 figure, peak memory under 500 MB · advise() without sampling for 1,000 vendors
  under 0.3 s in-process (a what-if: new weights, same team) · rank of the example under
  0.6 s · --help under 0.25 s · report with 200 vendors ≤ 2× the example's report · no stage
  of the 1,000-vendor rank above a third of its time. The last block prints each target
  "met" or "NOT MET".
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import re
import shutil
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


def timed(command: list[str], cache: Path) -> tuple[float, int]:
    """Wall time of a whole process, and its peak resident memory in kB (GNU time)."""
    env = {**os.environ, "CRM_SELECTOR_CACHE": str(cache)}
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True,
                            text=True, check=False, env=env)
    elapsed = time.perf_counter() - start
    rss = int(result.stderr.strip().splitlines()[-1]) if result.stderr.strip() else 0
    if result.returncode != 0:  # every file and project here is valid: anything else is wrong
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return elapsed, rss


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "selector.cli", *args]


def lenient(strict: str) -> str:
    """The same team with no must-have: every "must" a "should", no fact must-haves, and the
    answers that make must-haves (hosting, data location, languages…) left unanswered."""
    text = strict.replace('priority = "must"', 'priority = "should"')
    text = re.sub(r"(?ms)^\[\[must_haves\]\].*?(?=^\[(?!\[must))", "", text)
    for key in ("data_location", "hosting", "operated_by", "open_standards", "languages",
                "regulated", "customer_portal_needed", "integration_style",
                "open_source_preference"):
        text = re.sub(rf"(?m)^{key} = .*\n", "", text)
    return text


def what_ifs(folder: Path, project_file: Path, rounds: int) -> tuple[float, list[float]]:
    """The first advise() without sampling, then what-ifs: new group weights every time."""
    sys.path.insert(0, str(ROOT))
    from selector._collector import settle_long_lived
    from selector.advisor import advise
    from selector.advisor.recommend import what_if
    from selector.catalog import open_project

    opened = open_project(project_file, extra_folders=[folder])
    settle_long_lived()  # as the UI does once a project is open
    start = time.perf_counter()
    advise(opened.catalog, opened.project, n_samples=0)
    first = time.perf_counter() - start
    groups = [g.id for g in opened.catalog.library.groups]
    out = []
    for k in range(max(8, rounds)):  # enough for the collector's full collections to show
        points = {g: 10.0 + 7.0 * ((i + k) % 4) for i, g in enumerate(groups)}
        start = time.perf_counter()
        what_if(opened.catalog, opened.project, points)
        out.append(time.perf_counter() - start)
    return first, out


def stages(project: Path, folder: Path) -> dict[str, float]:
    """Seconds per stage of an in-process rank --json, as the command runs it (no cyclic
    collector), the advisor split into its parts: what a profile would attribute."""
    import gc

    gc.disable()
    start = time.perf_counter()
    from selector.advisor import advise, recommend
    from selector.catalog import open_project

    marks = {"import": time.perf_counter() - start}
    parts = {"SMAA and robustness": 0.0, "explain (result rows)": 0.0}

    def timing(name: str, function):
        def wrapped(*args, **kwargs):
            begin = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                parts[name] += time.perf_counter() - begin
        return wrapped

    recommend._robustness = timing("SMAA and robustness", recommend._robustness)
    recommend._explain = timing("explain (result rows)", recommend._explain)
    start = time.perf_counter()
    opened = open_project(project, extra_folders=[folder])
    marks["load the catalog and project"] = time.perf_counter() - start
    start = time.perf_counter()
    recommendation = advise(opened.catalog, opened.project)
    advising = time.perf_counter() - start
    marks["screen, score and cost"] = advising - sum(parts.values())
    marks.update(parts)
    start = time.perf_counter()
    recommendation.model_dump_json(indent=2)
    marks["JSON"] = time.perf_counter() - start
    gc.enable()
    return marks


def in_fresh_process(function: str, *args: str) -> object:
    """Run one of the functions above in a process of its own (each with a clean import)."""
    code = (f"import json, sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
            f"import scale; print(json.dumps(scale.{function}(*scale.args({list(args)!r}))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT, env={**os.environ})
    import json

    return json.loads(result.stdout)


def args(raw: list[str]) -> list[object]:
    return [int(a) if a.isdigit() else Path(a) for a in raw]


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 1000, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    # as pip does on install: without bytecode (PYTHONDONTWRITEBYTECODE, a fresh checkout)
    # every process would compile ~150 modules first, 0.1 s that no installed copy pays
    compileall.compile_dir(ROOT / "selector", quiet=1)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        catalogs = {n: make_catalog(n, tmp / f"v{n}") for n in options.sizes}
        strict_text = re.sub(r"(?ms)^shortlist = \[.*?\]\n", "shortlist = []\n",
                             EXAMPLE.read_text("utf-8"), count=1)
        projects = {"strict": tmp / "strict.toml", "lenient": tmp / "lenient.toml"}
        projects["strict"].write_text(strict_text, "utf-8")
        projects["lenient"].write_text(lenient(strict_text), "utf-8")
        # the caches live where a user's would (some disks create files slowly in /tmp)
        caches = Path(tempfile.mkdtemp(prefix="crm-selector-benchmark-", dir=user_cache_parent()))
        warm = caches / "cache-warm"
        for folder in catalogs.values():  # fill the warm cache: every file checked once
            timed(cli("validate", str(folder)), warm)
        timed(cli("rank", str(EXAMPLE)), warm)
        colds = iter(range(1_000_000))

        def cold() -> Path:
            return caches / f"cache-cold-{next(colds)}"

        pdf = str(tmp / "report.pdf")
        ref = {"warm": [], "cold": []}
        helps: list[float] = []
        reports: dict[str, list[float]] = {"example": [], "200": []}
        runs: dict[tuple, list[float]] = {}
        memory: dict[tuple, int] = {}

        def record(key: tuple, command: list[str], cache: Path) -> None:
            seconds, rss = timed(command, cache)
            runs.setdefault(key, []).append(seconds)
            memory[key] = max(memory.get(key, 0), rss)

        for _ in range(options.rounds):
            ref["warm"].append(timed(cli("rank", str(EXAMPLE)), warm)[0])
            ref["cold"].append(timed(cli("rank", str(EXAMPLE)), cold())[0])
            helps.append(timed(cli("--help"), warm)[0])
            reports["example"].append(timed(cli("report", str(EXAMPLE), "-o", pdf), warm)[0])
            if 200 in catalogs:
                reports["200"].append(timed(cli("report", str(projects["strict"]), "--catalog",
                                                str(catalogs[200]), "-o", pdf), warm)[0])
            for n, folder in catalogs.items():
                for cache_name in ("warm", "cold"):
                    cache = warm if cache_name == "warm" else cold()
                    record(("validate", n, cache_name), cli("validate", str(folder)), cache)
                    for name, project in projects.items():
                        if cache_name == "cold" and name == "lenient":
                            continue  # the cache only changes loading, which strict shows
                        cache = warm if cache_name == "warm" else cold()
                        record(("rank", n, cache_name, name),
                               cli("rank", str(project), "--catalog", str(folder)), cache)
        base = {k: statistics.median(v) for k, v in ref.items()}
        print(f"reference: rank of the shipped example, warm cache {spread(ref['warm'])} s, "
              f"cold {spread(ref['cold'])} s")
        print(f"--help {spread(helps)} s")
        print(f"{'vendors':>8} {'cache':>5} {'validate':>17} {'× ref':>6} "
              f"{'rank strict':>17} {'× ref':>6} {'peak MB':>8} "
              f"{'rank lenient':>17} {'× ref':>6} {'peak MB':>8}")
        for n in options.sizes:
            for cache_name in ("warm", "cold"):
                b = base[cache_name]
                v = runs[("validate", n, cache_name)]
                r = runs[("rank", n, cache_name, "strict")]
                line = (f"{n:>8} {cache_name:>5} {spread(v):>17} {statistics.median(v) / b:>6.1f} "
                        f"{spread(r):>17} {statistics.median(r) / b:>6.1f} "
                        f"{memory[('rank', n, cache_name, 'strict')] / 1024:>8.0f}")
                if ("rank", n, cache_name, "lenient") in runs:
                    x = runs[("rank", n, cache_name, "lenient")]
                    line += (f" {spread(x):>17} {statistics.median(x) / b:>6.1f} "
                             f"{memory[('rank', n, cache_name, 'lenient')] / 1024:>8.0f}")
                print(line)

        def ratio(kind: str, n: int, cache_name: str, project: str | None = None) -> float:
            key = (kind, n, cache_name) if project is None else (kind, n, cache_name, project)
            return statistics.median(runs[key]) / base[cache_name]

        targets: list[tuple[str, bool]] = [
            (f"rank of the example {base['warm']:.2f} s < 0.6 s (cold cache "
             f"{base['cold']:.2f} s)", base["warm"] < 0.6),
            (f"--help {statistics.median(helps):.2f} s < 0.25 s", statistics.median(helps) < 0.25),
        ]
        if 1000 in catalogs:
            os.environ["CRM_SELECTOR_CACHE"] = str(warm)
            for name, project in projects.items():
                first, trials = in_fresh_process("what_ifs", str(catalogs[1000]), str(project),
                                                 str(options.rounds))
                print(f"advise() without sampling, 1,000 vendor files, {name}: first "
                      f"{first:.2f} s, what-if (new weights) {spread(trials)} s")
                targets.append((f"what-if advise() for 1,000, {name}, "
                                f"{statistics.median(trials):.2f} s < 0.3 s",
                                statistics.median(trials) < 0.3))
            for cache_name in ("warm", "cold"):
                v = ratio("validate", 1000, cache_name)
                targets.append((f"validate 1,000 files {v:.1f}× ≤ 3× ({cache_name} cache)",
                                v <= 3))
                for name in projects:
                    if ("rank", 1000, cache_name, name) in runs:
                        r = ratio("rank", 1000, cache_name, name)
                        targets.append((f"rank against 1,000, {name}, {r:.1f}× ≤ 4× "
                                        f"({cache_name} cache)", r <= 4))
            for name, project in projects.items():
                # one fresh process a round; each stage's median over the rounds
                runs_of = [in_fresh_process("stages", str(project), str(catalogs[1000]))
                           for _ in range(options.rounds)]
                marks = {stage: statistics.median(r[stage] for r in runs_of)
                         for stage in runs_of[0]}
                total = sum(marks.values())
                print(f"stages of rank --json against 1,000 vendors, {name} (in-process, warm "
                      f"cache, median of {options.rounds}):")
                for stage, seconds in marks.items():
                    print(f"  {stage:<30} {seconds:6.2f} s {seconds / total:5.0%}")
                top = max(marks.values()) / total
                targets.append((f"largest stage, {name}, {top:.0%} of the time ≤ 33%",
                                top <= 1 / 3))
        if 1000 in catalogs and 5000 in catalogs:
            for name in projects:
                growth = (statistics.median(runs[("rank", 5000, "warm", name)])
                          / statistics.median(runs[("rank", 1000, "warm", name)]))
                peak = memory[("rank", 5000, "warm", name)] / 1024
                print(f"rank 5,000 / rank 1,000, {name}: {growth:.1f}× (linear would be 5×)")
                targets += [
                    (f"rank 5,000 / 1,000, {name}, {growth:.1f}× ≤ 5×", growth <= 5),
                    (f"peak memory for 5,000, {name}, {peak:.0f} MB < 500 MB", peak < 500),
                ]
        if reports["200"]:
            ratio_200 = statistics.median(reports["200"]) / statistics.median(reports["example"])
            print(f"report: example {spread(reports['example'])} s, "
                  f"200 vendors {spread(reports['200'])} s")
            targets.append((f"report with 200 vendors {ratio_200:.1f}× ≤ 2×", ratio_200 <= 2))
        print("targets (issue 17):")
        for text, ok in targets:
            print(f"  {verdict(ok):<8} {text}")
        shutil.rmtree(caches, ignore_errors=True)


def user_cache_parent() -> Path:
    """The folder the user's cache of checked files would be in (made if missing)."""
    saved = os.environ.pop("CRM_SELECTOR_CACHE", None)
    try:
        sys.path.insert(0, str(ROOT))
        from selector.catalog.file_cache import cache_root

        root = cache_root()
    finally:
        if saved is not None:
            os.environ["CRM_SELECTOR_CACHE"] = saved
    parent = root.parent if root is not None else Path(tempfile.gettempdir())
    parent.mkdir(parents=True, exist_ok=True)
    return parent


if __name__ == "__main__":
    main()
