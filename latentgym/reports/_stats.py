"""Confidence intervals: a stratified percentile bootstrap over sequences.

Aggregates are unweighted means over configurations (spec §4: a config with 50 sequences counts
as much as one with 10). The bootstrap resamples sequences *within* each configuration and
recomputes that same mean of config means, so the interval matches the point estimate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CONFIDENCE = 0.95
N_BOOTSTRAP = 2000
BOOTSTRAP_SEED = 0
"""Fixed so that a report built twice from the same logs shows identical intervals."""


@dataclass(frozen=True, slots=True)
class Estimate:
    """A mean with its bootstrap interval and the number of sequences behind it."""

    mean: float
    low: float
    high: float
    n: int

    @classmethod
    def empty(cls) -> "Estimate":
        nan = float("nan")
        return cls(nan, nan, nan, 0)


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def stratified_mean(
    groups: Sequence[np.ndarray],
    n_boot: int = N_BOOTSTRAP,
    confidence: float = CONFIDENCE,
    seed: int = BOOTSTRAP_SEED,
) -> Estimate:
    """Mean over groups of each group's mean, with a percentile bootstrap interval.

    ``groups`` holds one 1-D array of per-sequence values per configuration; NaNs are dropped and
    empty groups ignored.
    """
    arrays = [np.asarray(g, dtype=float) for g in groups]
    arrays = [a[~np.isnan(a)] for a in arrays]
    arrays = [a for a in arrays if a.size]
    if not arrays:
        return Estimate.empty()
    point = float(np.mean([a.mean() for a in arrays]))
    rng = _rng(seed)
    draws = np.zeros(n_boot)
    for a in arrays:
        idx = rng.integers(0, a.size, size=(n_boot, a.size))
        draws += a[idx].mean(axis=1)
    draws /= len(arrays)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(draws, [tail, 1.0 - tail])
    return Estimate(point, float(low), float(high), int(sum(a.size for a in arrays)))


def paired_ratio(
    groups: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]],
    n_boot: int = N_BOOTSTRAP,
    confidence: float = CONFIDENCE,
    seed: int = BOOTSTRAP_SEED,
) -> Estimate:
    """Mean over groups of (mean x − mean lo) / (mean hi − mean lo), resampling matched rows.

    Each group holds three equally long arrays aligned by sequence (the same seeds), so one
    resample of row indices is applied to all three: the interval reflects that the model and
    its references played the very same sequences.
    """
    groups = [tuple(np.asarray(a, dtype=float) for a in g) for g in groups if len(g[0])]
    if not groups:
        return Estimate.empty()
    point = float(np.mean([(x.mean() - lo.mean()) / (hi.mean() - lo.mean()) for x, lo, hi in groups]))
    rng = _rng(seed)
    draws = np.zeros(n_boot)
    for x, lo, hi in groups:
        idx = rng.integers(0, x.size, size=(n_boot, x.size))
        low_mean = lo[idx].mean(axis=1)
        span = hi[idx].mean(axis=1) - low_mean
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = (x[idx].mean(axis=1) - low_mean) / span
        draws += np.where(np.isfinite(ratio), ratio, np.nan)
    draws /= len(groups)
    tail = (1.0 - confidence) / 2.0
    low, high = np.nanquantile(draws, [tail, 1.0 - tail])
    return Estimate(point, float(low), float(high), int(sum(g[0].size for g in groups)))
