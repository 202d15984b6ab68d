"""Plain-numpy references: the fastest straightforward numpy we could write for each method.

They are what a competent numpy user would write for the same formula, without our validation,
and they are independent of selector.mcda (nothing is imported from it). `run.py` checks that
each computes the same numbers as the engine before it times anything.
"""

from __future__ import annotations

import numpy as np

# --- column reductions -------------------------------------------------------------------------
# x.max(axis=0) on a C-ordered (alternatives × criteria) matrix runs an inner loop only
# n_criteria long; reducing 1024 // n rows at a time is several times faster. The "tuned"
# references use this, so they are as strong as the engine's own reductions.


def blocked(reduce: np.ufunc, x: np.ndarray) -> np.ndarray:
    m, n = x.shape
    k = max(1, 1024 // n)
    q = m // k
    if q < 2:
        return reduce.reduce(x, axis=0)
    out = reduce.reduce(reduce.reduce(x[: q * k].reshape(q, k * n), axis=0).reshape(k, n), axis=0)
    return reduce(out, reduce.reduce(x[q * k :], axis=0)) if q * k < m else out


def _extremes(x: np.ndarray, tuned: bool) -> tuple[np.ndarray, np.ndarray]:
    if tuned:
        return blocked(np.maximum, x), blocked(np.minimum, x)
    return x.max(axis=0), x.min(axis=0)


# --- weighted sum, "max" normalisation: x / max for benefits, min / x for costs ------------------


def weighted_sum_textbook(x: np.ndarray, w: np.ndarray, t: np.ndarray) -> np.ndarray:
    """The one-liner: normalise the whole matrix (both branches), then weight."""
    return np.where(t > 0, x / x.max(axis=0), x.min(axis=0) / x) @ w


def weighted_sum_folded(x: np.ndarray, w: np.ndarray, t: np.ndarray,
                        tuned: bool = False) -> np.ndarray:
    """Weights folded into the columns: Σ x·(w/max) over benefits + Σ (1/x)·(w·min) over costs."""
    ben = t > 0
    hi, lo = _extremes(x, tuned)
    scores = x @ np.where(ben, w / hi, 0.0)
    if not ben.all():
        xc = x[:, ~ben]
        scores += np.reciprocal(xc, out=xc) @ (w[~ben] * lo[~ben])
    return scores


# --- TOPSIS, vector normalisation ----------------------------------------------------------------


def topsis_textbook(x: np.ndarray, w: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Hwang & Yoon step by step: normalise, weight, ideal/anti-ideal, two distances."""
    v = x / np.sqrt((x * x).sum(axis=0)) * w
    best = np.where(t > 0, v.max(axis=0), v.min(axis=0))
    worst = np.where(t > 0, v.min(axis=0), v.max(axis=0))
    d_best = np.sqrt(((v - best) ** 2).sum(axis=1))
    d_worst = np.sqrt(((v - worst) ** 2).sum(axis=1))
    return d_worst / (d_best + d_worst)


def topsis_folded(x: np.ndarray, w: np.ndarray, t: np.ndarray, tuned: bool = False) -> np.ndarray:
    """Distances measured on the values with weights w / ||x_j||: no normalised matrix, one
    scratch array, the sums of squares as matrix-vector products."""
    u2 = (w / np.sqrt(np.einsum("ij,ij->j", x, x))) ** 2
    hi, lo = _extremes(x, tuned)
    gap = x - np.where(t > 0, hi, lo)
    gap *= gap
    d_best = np.sqrt(gap @ u2)
    np.subtract(x, np.where(t > 0, lo, hi), out=gap)
    gap *= gap
    d_worst = np.sqrt(gap @ u2)
    return d_worst / (d_best + d_worst)


# --- SMAA-2 rank acceptability -------------------------------------------------------------------


def smaa_weight_chunks(n: int, n_samples: int, seed: int, chunk: int) -> list[np.ndarray]:
    """Uniform weights on the simplex, drawn the engine's way (same seed, same numbers)."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed).spawn(3)[0]))
    out = []
    for start in range(0, n_samples, chunk):
        e = -np.log1p(-rng.random((min(chunk, n_samples - start), n)))
        out.append(e / e.sum(axis=1, keepdims=True))
    return out


def smaa_numpy(normalized: np.ndarray, n_samples: int, seed: int,
               chunk: int) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised SMAA-2 of a weighted sum on a normalised (m, n) matrix: acceptability and
    central weights. Ties go to the lower index (stable sort), as in the engine."""
    m, n = normalized.shape
    counts = np.zeros(m * m, dtype=np.int64)
    central = np.zeros((m, n))
    for w in smaa_weight_chunks(n, n_samples, seed, chunk):
        order = np.argsort(-(w @ normalized.T), axis=1, kind="stable")
        counts += np.bincount((order * m + np.arange(m)).ravel(), minlength=m * m)
        for j in range(n):
            central[:, j] += np.bincount(order[:, 0], weights=w[:, j], minlength=m)
    wins = counts.reshape(m, m)[:, 0]
    central[wins > 0] /= wins[wins > 0, None]
    return counts.reshape(m, m) / n_samples, central


def smaa_floor(weight_chunks: list[np.ndarray], normalized: np.ndarray) -> None:
    """The irreducible work: one weight-sample matmul and numpy's default (SIMD, unstable)
    argsort per chunk, weights already drawn, nothing counted."""
    basis = np.ascontiguousarray(normalized.T)
    for w in weight_chunks:
        np.argsort(w @ basis, axis=1)
