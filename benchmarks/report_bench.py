"""How long the recommendation PDF takes: a large catalog, and names no person would type.

Run: python benchmarks/report_bench.py

* 200 offerings × 40 criteria, written in under 3 seconds (issue 6).
* Hostile text (issue 16): an 80 kB and a 1.9 MB project name, a 1.5 kB offering name. Each is
  reported as a ratio to the same report with ordinary names, measured in the same run; the
  target is at most 2× (the names are cut to what a page can show before any layout work, so
  the cost must not grow with their length). Before the fix, 80 kB took over 30 s.

The Recommendations are built from the domain models (tests/report/report_factory.py), so
this measures the report layer alone, not the advisor.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "report"))

from report_factory import build_recommendation  # noqa: E402

from selector.domain.recommendation import Recommendation  # noqa: E402
from selector.report import render_pdf, write_report  # noqa: E402


def _best(render: Callable[[], bytes], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    return min(times)


def _named_offering(rec: Recommendation, name: str) -> Recommendation:
    first = rec.offerings[0].model_copy(update={"name": name})
    return rec.model_copy(update={"offerings": [first, *rec.offerings[1:]],
                                  "headline": f"Recommended: {name}."})


def large_catalog(offerings: int = 200, criteria: int = 40, repeats: int = 5) -> None:
    recommendation = build_recommendation(n_vendors=offerings, n_criteria=criteria)
    start = time.perf_counter()
    data = render_pdf(recommendation)  # the first run also parses the font files
    first = time.perf_counter() - start
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeats):
            start = time.perf_counter()
            write_report(recommendation, Path(folder) / "report.pdf")
            times.append(time.perf_counter() - start)
    print(f"report for {offerings} offerings × {criteria} criteria: {len(data) / 1024:.0f} KiB")
    print(f"first render (with font loading): {first:.2f} s")
    print(f"write_report, median of {repeats}: {statistics.median(times):.2f} s "
          f"(max {max(times):.2f} s; target < 3 s)")


def hostile_names(repeats: int = 3) -> None:
    ordinary = build_recommendation()
    reference = _best(lambda: render_pdf(ordinary), repeats)
    cases = {
        "80 kB project name": ordinary.model_copy(
            update={"project_name": ("Nordlys CRM " * 7000)[:80_000]}),
        "1.9 MB project name": ordinary.model_copy(update={"project_name": "x" * 1_900_000}),
        "1.5 kB offering name": _named_offering(ordinary, "Nordlys " * 190),
    }
    print(f"ordinary names (reference): {reference:.2f} s")
    for label, rec in cases.items():
        seconds = _best(lambda rec=rec: render_pdf(rec), repeats)
        print(f"{label}: {seconds:.2f} s, {seconds / reference:.2f}× the reference "
              "(target ≤ 2×)")


if __name__ == "__main__":
    large_catalog()
    hostile_names()
