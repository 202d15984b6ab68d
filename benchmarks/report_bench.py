"""How long the recommendation PDF takes for a large catalog: 200 vendors × 40 criteria.

Target (issue 6): written in under 3 seconds. Run: python benchmarks/report_bench.py
The Recommendation is built from the domain models (tests/report/report_factory.py), so this
measures the report layer alone, not the advisor.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "report"))

from report_factory import build_recommendation  # noqa: E402

from selector.report import render_pdf, write_report  # noqa: E402


def main(vendors: int = 200, criteria: int = 40, repeats: int = 5) -> None:
    recommendation = build_recommendation(n_vendors=vendors, n_criteria=criteria)
    start = time.perf_counter()
    data = render_pdf(recommendation)  # the first run also parses the font files
    first = time.perf_counter() - start
    times = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeats):
            start = time.perf_counter()
            write_report(recommendation, Path(folder) / "report.pdf")
            times.append(time.perf_counter() - start)
    print(f"report for {vendors} vendors × {criteria} criteria: {len(data) / 1024:.0f} KiB")
    print(f"first render (with font loading): {first:.2f} s")
    print(f"write_report, median of {repeats}: {statistics.median(times):.2f} s "
          f"(max {max(times):.2f} s; target < 3 s)")


if __name__ == "__main__":
    main()
