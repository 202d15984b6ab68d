"""Speed and memory benchmarks of the decision engine (selector.mcda).

Run from the repository root (two to four minutes on 2 cores):

    python benchmarks/run.py                  # BLAS pinned to one thread (the recorded figures)
    python benchmarks/run.py --blas-threads 2

BLAS is pinned to one thread unless told otherwise: on a shared 2-core machine a two-thread
matrix-vector product stalls whenever the other core is busy, turning 0.1 ms into several
milliseconds at random, and the figures would say more about the neighbours than about the
code. Everything else numpy does is single-threaded anyway.

Every candidate is timed in interleaved rounds (see `timing.py`); ratios are taken within each
round and reported as median (IQR). Before anything is timed, each reference and peer library is
checked to compute the same numbers as the engine; one that does not is an error, not a row.
Nothing here asserts a speed: the script reports, benchmarks/README.md records.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import platform
import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path


def _blas_threads() -> str:
    """--blas-threads N (default 1), applied before numpy loads its BLAS."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blas-threads", default="1", help='a number, or "default"')
    threads = parser.parse_args().blas_threads
    if threads != "default":
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[name] = threads
    return threads


BLAS_THREADS = _blas_threads() if __name__ == "__main__" else "default"

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import references as ref  # noqa: E402
from timing import Timings, interleaved, spread  # noqa: E402

from selector.mcda import Sampling, rank_acceptability, topsis, weighted_sum  # noqa: E402

WSM_TARGET = TOPSIS_TARGET = 1.2  # ours ÷ the best plain-numpy reference (issue 17)
FLOOR_TARGET = 1.5  # rank_acceptability ÷ its irreducible work (issue 17)
MEMORY_TARGET_MB = 300  # peak traced allocations, 100k × 1,000 × 20 (issue 3)
_CHUNK_ELEMENTS = 2_000_000  # the engine's default: samples per chunk = this // alternatives


def _table(title: str, timings: Timings, ours: str, unit: float, label: str) -> None:
    """One line per candidate: median and IQR time, and ours ÷ it within each round."""
    print(f"\n{title}")
    print(f"  {'candidate':44s} {'median':>9s} {'IQR':>17s}   ours ÷ this, median (IQR)")
    for name in timings.rounds:
        q1, q3 = timings.iqr(name)
        line = (f"  {name:44s} {timings.median(name) * unit:8.2f}{label} "
                f"{q1 * unit:7.2f}–{q3 * unit:<7.2f}{label}")
        if name != ours:
            line += f"   {spread(timings.ratio(ours, name))}"
        print(line)


def _same_numbers(name: str, got: np.ndarray, expected: np.ndarray, rtol: float) -> None:
    if not np.allclose(got, expected, rtol=rtol, atol=0):
        worst = float(np.max(np.abs(got - expected) / np.abs(expected)))
        raise SystemExit(f"{name} computes different numbers (worst relative error {worst:.2g})")


def scoring_benchmark(rounds: int) -> dict[str, float]:
    """Weighted sum ("max") and TOPSIS ("vector") on 20,000 alternatives × 40 criteria."""
    import skcriteria as skc
    from pymcdm import methods as pm
    from pymcdm import normalizations as pn
    from skcriteria.agg.simple import WeightedSumModel
    from skcriteria.agg.topsis import TOPSIS
    from skcriteria.preprocessing.invert_objectives import BenefitCostInverter
    from skcriteria.preprocessing.scalers import VectorScaler

    rng = np.random.default_rng(0)
    m, n = 20_000, 40
    x = rng.uniform(1.0, 100.0, (m, n))
    w = rng.random(n)
    w /= w.sum()
    t = np.where(rng.random(n) < 0.3, -1, 1)
    objectives = [max if v > 0 else min for v in t]
    pymcdm_wsm = pm.WSM(pn.linear_normalization)
    pymcdm_topsis = pm.TOPSIS(pn.vector_normalization)

    def skc_wsm() -> np.ndarray:
        dm = skc.mkdm(x, objectives=objectives, weights=w)
        return WeightedSumModel().evaluate(BenefitCostInverter().transform(dm)).e_.score

    def skc_topsis() -> np.ndarray:
        dm = skc.mkdm(x, objectives=objectives, weights=w)
        return TOPSIS().evaluate(VectorScaler(target="matrix").transform(dm)).e_.similarity

    wsm: dict[str, Callable[[], np.ndarray]] = {
        "weighted sum, ours": lambda: weighted_sum(x, w, t),
        "numpy: folded weights, blocked max/min": lambda: ref.weighted_sum_folded(x, w, t, True),
        "numpy: folded weights": lambda: ref.weighted_sum_folded(x, w, t),
        "numpy: textbook np.where one-liner": lambda: ref.weighted_sum_textbook(x, w, t),
        "pymcdm WSM (validation=False)": lambda: pymcdm_wsm(x, w, t, validation=False),
        "scikit-criteria BenefitCostInverter+WSM": skc_wsm,
    }
    tps: dict[str, Callable[[], np.ndarray]] = {
        "TOPSIS, ours": lambda: topsis(x, w, t),
        "numpy: gaps on values, blocked max/min": lambda: ref.topsis_folded(x, w, t, True),
        "numpy: gaps on values": lambda: ref.topsis_folded(x, w, t),
        "numpy: textbook step by step": lambda: ref.topsis_textbook(x, w, t),
        "pymcdm TOPSIS (validation=False)": lambda: pymcdm_topsis(x, w, t, validation=False),
        "scikit-criteria VectorScaler+TOPSIS": skc_topsis,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scikit-criteria warns about TOPSIS with costs
        for group, rtol in ((wsm, 1e-12), (tps, 1e-10)):
            ours = next(iter(group.values()))()
            for name, fn in group.items():
                _same_numbers(name, fn(), ours, rtol)
        wsm_t = interleaved(wsm, rounds)
        tps_t = interleaved(tps, rounds)

    numpy_wsm = [k for k in wsm if k.startswith("numpy")]
    numpy_tps = [k for k in tps if k.startswith("numpy")]
    _table(f"Weighted sum (\"max\"), {m:,} alternatives × {n} criteria, {rounds} rounds",
           wsm_t, "weighted sum, ours", 1e3, "ms")
    _table(f"TOPSIS (\"vector\"), {m:,} alternatives × {n} criteria, {rounds} rounds",
           tps_t, "TOPSIS, ours", 1e3, "ms")
    return {
        "wsm_ours_ms": wsm_t.median("weighted sum, ours") * 1e3,
        "wsm_vs_best_numpy": float(np.median(wsm_t.ratio("weighted sum, ours", numpy_wsm))),
        "topsis_ours_ms": tps_t.median("TOPSIS, ours") * 1e3,
        "topsis_vs_best_numpy": float(np.median(tps_t.ratio("TOPSIS, ours", numpy_tps))),
    }


def _max_normalized(x: np.ndarray, t: np.ndarray) -> np.ndarray:
    """The "max" normalisation, written out: x / max for benefits, min / x for costs."""
    return np.where(t > 0, x / x.max(axis=0), x.min(axis=0) / x)


def smaa_benchmark(
    m: int, n: int, samples: int, rounds: int, *, twins: bool, small_chunks: bool
) -> dict[str, float]:
    """rank_acceptability (weighted sum, "max") against a vectorised numpy SMAA and the floor."""
    rng = np.random.default_rng(1)
    x = rng.uniform(1.0, 10.0, (m, n))
    t = np.where(rng.random(n) < 0.3, -1, 1)
    normalized = _max_normalized(x, t)
    chunk = max(1, _CHUNK_ELEMENTS // m)
    sampling = Sampling(n_samples=samples, seed=0)

    ours = rank_acceptability(x, t, sampling)
    acceptability, central = ref.smaa_numpy(normalized, samples, 0, chunk)
    if not np.array_equal(ours.acceptability, acceptability):
        raise SystemExit("the numpy SMAA reference ranks differently from ours")
    first = ours.ever_first
    _same_numbers("the numpy SMAA reference's central weights", ours.central_weights[first],
                  central[first], 1e-12)

    big = ref.smaa_weight_chunks(n, samples, 0, chunk)
    candidates: dict[str, Callable[[], object]] = {
        "rank_acceptability, ours": lambda: rank_acceptability(x, t, sampling),
        "numpy SMAA (stable argsort)": lambda: ref.smaa_numpy(normalized, samples, 0, chunk),
        "floor: matmul + argsort, engine's chunks": lambda: ref.smaa_floor(big, normalized),
    }
    if small_chunks:  # is the floor faster with cache-sized chunks? (it is not, on 2 cores)
        small = ref.smaa_weight_chunks(n, samples, 0, max(1, chunk // 16))
        candidates["floor: matmul + argsort, 1/16 chunks"] = (
            lambda: ref.smaa_floor(small, normalized))
    copies = None
    if twins:  # every alternative has an exact twin: a dead heat in every draw
        copies = np.vstack([x[: m // 2], x[: m - m // 2]])
        copies_normalized = _max_normalized(copies, t)
        candidates["same, every alternative twinned: ours"] = (
            lambda: rank_acceptability(copies, t, sampling))
        candidates["same, twinned: floor (engine's chunks)"] = (
            lambda: ref.smaa_floor(big, copies_normalized))
        twin = rank_acceptability(copies, t, sampling).acceptability
        twin_ref, _ = ref.smaa_numpy(copies_normalized, samples, 0, chunk)
        if not np.array_equal(twin, twin_ref):
            raise SystemExit("with twins, the numpy SMAA reference ranks differently from ours")
    timings = interleaved(candidates, rounds)
    _table(f"Rank acceptability, {samples:,} samples × {m:,} alternatives × {n} criteria, "
           f"{rounds} rounds", timings, "rank_acceptability, ours", 1.0, " s")
    floors = [k for k in candidates if k.startswith("floor")]
    out = {
        f"smaa_{m}_ours_s": timings.median("rank_acceptability, ours"),
        f"smaa_{m}_vs_floor": float(np.median(timings.ratio("rank_acceptability, ours", floors))),
        f"smaa_{m}_vs_numpy": float(np.median(
            timings.ratio("rank_acceptability, ours", "numpy SMAA (stable argsort)"))),
    }
    print(f"  ours ÷ floor (the faster chunking, per round): "
          f"{spread(timings.ratio('rank_acceptability, ours', floors))}")
    if copies is not None:
        ratio = timings.ratio("same, every alternative twinned: ours",
                              "same, twinned: floor (engine's chunks)")
        print(f"  with twins, ours ÷ floor: {spread(ratio)}")
        out[f"smaa_{m}_twins_vs_floor"] = float(np.median(ratio))
    return out


MEMORY_CHILD = """
import sys, time, tracemalloc
import numpy as np


def vm_hwm_mb():
    # Peak resident set size of this process (ru_maxrss would include the parent's peak,
    # which Linux carries across exec).
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


sys.path.insert(0, {root!r})
from selector.mcda import Sampling, rank_acceptability
rng = np.random.default_rng(2)
x = rng.uniform(1.0, 10.0, (1000, 20))
t = np.where(rng.random(20) < 0.3, -1, 1)
base = vm_hwm_mb()
tracemalloc.start()
start = time.perf_counter()
r = rank_acceptability(x, t, Sampling(n_samples=100_000))
elapsed = time.perf_counter() - start
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
rss = vm_hwm_mb()
print({{"peak_traced_mb": peak / 2**20, "max_rss_mb": rss,
        "rss_before_mb": base, "seconds": elapsed,
        "rows_sum_to_one": bool(np.allclose(r.acceptability.sum(axis=1), 1.0))}})
"""


def memory_benchmark() -> dict[str, float]:
    """Peak memory of rank_acceptability, 100,000 × 1,000 × 20, in a fresh process."""
    code = MEMORY_CHILD.format(root=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    mem = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    print("\nRank acceptability, 100,000 samples × 1,000 alternatives × 20 criteria, "
          "fresh process, one run")
    print(f"  peak traced allocations {mem['peak_traced_mb']:.0f} MB (target < "
          f"{MEMORY_TARGET_MB} MB), peak RSS {mem['max_rss_mb']:.0f} MB (interpreter + numpy "
          f"before the run: {mem['rss_before_mb']:.0f} MB), {mem['seconds']:.1f} s")
    return mem


def _verdict(label: str, value: float, target: float, unit: str = "×") -> None:
    status = "met" if value <= target else "NOT MET"
    print(f"  {label:58s} {value:6.2f}{unit}  target <= {target:g}{unit}  {status}")


def main() -> None:
    blas = np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {})
    print(f"python {platform.python_version()}, numpy {np.__version__} "
          f"({blas.get('name', '?')} {blas.get('version', '')}), {os.cpu_count()} CPUs, "
          f"{platform.machine()}; BLAS threads: {BLAS_THREADS}; load average "
          f"{os.getloadavg()[0]:.1f} at the start")
    results: dict[str, float] = {}
    results.update(scoring_benchmark(rounds=101))
    results.update(smaa_benchmark(200, 20, 10_000, rounds=25, twins=True, small_chunks=True))
    results.update(smaa_benchmark(1000, 20, 100_000, rounds=5, twins=False, small_chunks=False))
    mem = memory_benchmark()
    results.update({f"memory_{k}": v for k, v in mem.items()})

    print("\nTargets (issue 17), medians of the per-round ratios above")
    _verdict("weighted sum, ours ÷ best plain-numpy reference", results["wsm_vs_best_numpy"],
             WSM_TARGET)
    _verdict("TOPSIS, ours ÷ best plain-numpy reference", results["topsis_vs_best_numpy"],
             TOPSIS_TARGET)
    _verdict("rank_acceptability 10k × 200 × 20, ours ÷ floor", results["smaa_200_vs_floor"],
             FLOOR_TARGET)
    _verdict("rank_acceptability 100k × 1,000 × 20, ours ÷ floor", results["smaa_1000_vs_floor"],
             FLOOR_TARGET)
    _verdict("rank_acceptability 100k × 1,000 × 20, peak traced memory",
             mem["peak_traced_mb"], MEMORY_TARGET_MB, " MB")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    print("raw:", json.dumps(results, default=float))


if __name__ == "__main__":
    main()
