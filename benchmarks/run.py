"""Speed and memory benchmarks of the decision engine (selector.mcda).

Run from the repository root:

    /work/venv/bin/python benchmarks/run.py

Every figure is a ratio measured in the same run (so it is comparable across machines), plus
the absolute times for reference. Nothing here asserts: the script reports, the README records.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from selector.mcda import rank_acceptability, topsis, weighted_sum  # noqa: E402


def best_time(fn: Callable[[], object], repeat: int = 7) -> float:
    """Fastest of `repeat` runs: the least disturbed by other processes."""
    fn()  # warm-up (imports, caches, BLAS threads)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def hand_weighted_sum(x: np.ndarray, w: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Minimal numpy weighted sum with the same "max" normalisation (x/max, min/x)."""
    return np.where(t > 0, x / x.max(axis=0), x.min(axis=0) / x) @ w


def hand_topsis(x: np.ndarray, w: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Minimal numpy textbook TOPSIS with vector normalisation."""
    v = x / np.sqrt((x * x).sum(axis=0)) * w
    best = np.where(t > 0, v.max(axis=0), v.min(axis=0))
    worst = np.where(t > 0, v.min(axis=0), v.max(axis=0))
    d_best = np.sqrt(((v - best) ** 2).sum(axis=1))
    d_worst = np.sqrt(((v - worst) ** 2).sum(axis=1))
    return d_worst / (d_best + d_worst)


def scoring_benchmark() -> dict[str, float]:
    from pymcdm import methods as pm
    from pymcdm import normalizations as pn

    rng = np.random.default_rng(0)
    m, n = 20_000, 40
    x = rng.uniform(1.0, 100.0, (m, n))
    w = rng.random(n)
    w /= w.sum()
    t = np.where(rng.random(n) < 0.3, -1, 1)
    np.testing.assert_allclose(weighted_sum(x, w, t), hand_weighted_sum(x, w, t), rtol=1e-12)
    np.testing.assert_allclose(topsis(x, w, t), hand_topsis(x, w, t), rtol=1e-10)

    out: dict[str, float] = {}
    out["wsm_ours"] = best_time(lambda: weighted_sum(x, w, t))
    out["wsm_hand"] = best_time(lambda: hand_weighted_sum(x, w, t))
    wsm = pm.WSM(pn.linear_normalization)
    out["wsm_pymcdm"] = best_time(lambda: wsm(x, w, t), repeat=3)
    out["topsis_ours"] = best_time(lambda: topsis(x, w, t))
    out["topsis_hand"] = best_time(lambda: hand_topsis(x, w, t))
    tops = pm.TOPSIS(pn.vector_normalization)
    out["topsis_pymcdm"] = best_time(lambda: tops(x, w, t), repeat=3)
    try:
        import skcriteria as skc
        from skcriteria.agg.simple import WeightedSumModel
        from skcriteria.agg.topsis import TOPSIS
        from skcriteria.preprocessing.invert_objectives import InvertMinimize
        from skcriteria.preprocessing.scalers import SumScaler, VectorScaler
    except ImportError:
        return out
    objectives = [max if v > 0 else min for v in t]

    def skc_wsm() -> object:
        dm = skc.mkdm(x, objectives=objectives, weights=w)
        dm = SumScaler(target="matrix").transform(InvertMinimize().transform(dm))
        return WeightedSumModel().evaluate(dm)

    def skc_topsis() -> object:
        dm = skc.mkdm(x, objectives=objectives, weights=w)
        return TOPSIS().evaluate(VectorScaler(target="matrix").transform(dm))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out["wsm_skcriteria"] = best_time(skc_wsm, repeat=3)
        out["topsis_skcriteria"] = best_time(skc_topsis, repeat=3)
    return out


def smaa_benchmark() -> dict[str, float]:
    from pymcdm import methods as pm
    from pymcdm import normalizations as pn

    rng = np.random.default_rng(1)
    m, n, samples = 200, 20, 10_000
    x = rng.uniform(1.0, 10.0, (m, n))
    t = np.where(rng.random(n) < 0.3, -1, 1)
    out: dict[str, float] = {}
    out["smaa_wsm_ours"] = best_time(
        lambda: rank_acceptability(x, t, n_samples=samples), repeat=5
    )
    out["smaa_topsis_ours"] = best_time(
        lambda: rank_acceptability(x, t, method="topsis", n_samples=samples), repeat=5
    )

    # Peer: the same SMAA loop, calling pymcdm once per weight sample (200 samples timed,
    # scaled to 10,000; the loop cost is linear in the number of samples).
    peer_samples = 200
    weights = rng.dirichlet(np.ones(n), size=peer_samples)
    wsm = pm.WSM(pn.linear_normalization)
    tops = pm.TOPSIS(pn.vector_normalization)

    def peer_loop(method: object) -> None:
        counts = np.zeros((m, m), dtype=np.int64)
        for w in weights:
            order = np.argsort(-method(x, w, t), kind="stable")
            counts[order, np.arange(m)] += 1

    out["smaa_wsm_pymcdm_loop"] = best_time(lambda: peer_loop(wsm), repeat=3) * (
        samples / peer_samples
    )
    out["smaa_topsis_pymcdm_loop"] = best_time(lambda: peer_loop(tops), repeat=3) * (
        samples / peer_samples
    )
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
from selector.mcda import rank_acceptability
rng = np.random.default_rng(2)
x = rng.uniform(1.0, 10.0, (1000, 20))
t = np.where(rng.random(20) < 0.3, -1, 1)
base = vm_hwm_mb()
tracemalloc.start()
start = time.perf_counter()
r = rank_acceptability(x, t, n_samples=100_000)
elapsed = time.perf_counter() - start
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
rss = vm_hwm_mb()
print({{"peak_traced_mb": peak / 2**20, "max_rss_mb": rss,
        "rss_before_mb": base, "seconds": elapsed,
        "rows_sum_to_one": bool(np.allclose(r.acceptability.sum(axis=1), 1.0))}})
"""


def memory_benchmark() -> dict[str, float]:
    code = MEMORY_CHILD.format(root=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    import ast

    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


def main() -> None:
    print(f"python {platform.python_version()}, numpy {np.__version__}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}")
    s = scoring_benchmark()
    print("\nScoring 20,000 alternatives × 40 criteria (best of several runs)")
    for name, label in (("wsm", "weighted sum"), ("topsis", "TOPSIS")):
        ours, hand = s[f"{name}_ours"], s[f"{name}_hand"]
        print(f"  {label:13s} ours {ours * 1e3:7.2f} ms | hand numpy {hand * 1e3:7.2f} ms"
              f" -> ours/hand = {ours / hand:.2f}x (target <= 1.5x)")
        print(f"  {'':13s} pymcdm {s[f'{name}_pymcdm'] * 1e3:7.2f} ms -> "
              f"{s[f'{name}_pymcdm'] / ours:.1f}x faster than pymcdm")
        if f"{name}_skcriteria" in s:
            print(f"  {'':13s} scikit-criteria {s[f'{name}_skcriteria'] * 1e3:7.2f} ms -> "
                  f"{s[f'{name}_skcriteria'] / ours:.1f}x faster than scikit-criteria")

    a = smaa_benchmark()
    print("\nRank acceptability, 10,000 weight samples × 200 alternatives × 20 criteria")
    for name, label in (("wsm", "weighted sum"), ("topsis", "TOPSIS")):
        ours = a[f"smaa_{name}_ours"]
        peer = a[f"smaa_{name}_pymcdm_loop"]
        print(f"  {label:13s} ours {ours:.3f} s (target < 0.3 s) | pymcdm once per sample "
              f"{peer:.1f} s -> {peer / ours:.0f}x faster (target >= 100x)")

    mem = memory_benchmark()
    print("\nRank acceptability, 100,000 samples × 1,000 alternatives × 20 criteria (subprocess)")
    print(f"  peak traced allocations {mem['peak_traced_mb']:.0f} MB, max RSS "
          f"{mem['max_rss_mb']:.0f} MB (interpreter + numpy before the run: "
          f"{mem['rss_before_mb']:.0f} MB), {mem['seconds']:.1f} s; target peak < 300 MB")
    print("\nraw:", json.dumps({**s, **a, **mem}, default=float))


if __name__ == "__main__":
    main()
