"""Interleaved timing: every candidate is measured in every round, in a shuffled order.

On a shared machine the load changes from one second to the next. Timing A seven times and then
B seven times lets a busy moment land on one of them only; interleaving A, B, A, B … exposes
both to the same moments, and a ratio taken *within* each round cancels most of what is common
to them. We report medians and the interquartile range (IQR) of the rounds, never the best run.

The order is shuffled each round (with a fixed seed), not rotated: what ran just before matters.
A candidate that allocates and frees large arrays leaves the memory allocator and the caches in
a state that slows whoever follows (3-4x for a 1 ms call), and a rotation makes the same
candidate follow it more often than the others. Fast candidates also get one untimed call
right before each timed one.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

#: One measurement repeats a fast candidate until it lasts about this long (timer resolution).
_MEASUREMENT_S = 0.005
#: Candidates faster than this get an untimed call before each measurement.
_REWARM_BELOW_S = 0.05


@dataclass(frozen=True)
class Timings:
    """Seconds per call of each candidate, one entry per round."""

    rounds: dict[str, np.ndarray]

    def median(self, name: str) -> float:
        return float(np.median(self.rounds[name]))

    def iqr(self, name: str) -> tuple[float, float]:
        q1, q3 = np.percentile(self.rounds[name], [25, 75])
        return float(q1), float(q3)

    def ratio(self, name: str, reference: str | list[str]) -> np.ndarray:
        """name's time ÷ the reference's in each round (the fastest of several references)."""
        refs = [reference] if isinstance(reference, str) else reference
        best = np.min(np.stack([self.rounds[r] for r in refs]), axis=0)
        return self.rounds[name] / best


def interleaved(candidates: dict[str, Callable[[], object]], rounds: int) -> Timings:
    """Time every candidate once per round, in an order shuffled per round."""
    repeats, rewarm = {}, {}
    for name, fn in candidates.items():
        start = time.perf_counter()
        fn()  # warm-up: imports, caches, BLAS threads, first-touch of buffers
        once = time.perf_counter() - start
        if once < _MEASUREMENT_S:  # fast: time a second, warm call to choose the repeats
            start = time.perf_counter()
            fn()
            once = time.perf_counter() - start
        repeats[name] = max(1, round(_MEASUREMENT_S / max(once, 1e-9)))
        rewarm[name] = once < _REWARM_BELOW_S
    names = list(candidates)
    times: dict[str, list[float]] = {name: [] for name in names}
    shuffle = np.random.default_rng(0)
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(rounds):
            for i in shuffle.permutation(len(names)):
                name = names[i]
                fn, k = candidates[name], repeats[name]
                if rewarm[name]:
                    fn()
                start = time.perf_counter()
                for _ in range(k):
                    fn()
                times[name].append((time.perf_counter() - start) / k)
    finally:
        if was_enabled:
            gc.enable()
    return Timings({name: np.array(v) for name, v in times.items()})


def spread(values: np.ndarray) -> str:
    """'median (IQR low–high)' of a ratio across rounds."""
    q1, med, q3 = np.percentile(values, [25, 50, 75])
    return f"{med:5.2f}× ({q1:.2f}–{q3:.2f})"
