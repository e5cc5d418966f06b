"""Confidence intervals shared by the reports and the hand-off studies: percentile bootstraps over
sequences, with one number of resamples, one confidence level and one seed for the whole project.

- :func:`stratified_mean`: the reports' aggregate, an unweighted mean over configurations (spec §4:
  a config with 50 sequences counts as much as one with 10); the bootstrap resamples sequences
  *within* each configuration and recomputes that same mean of config means.
- :func:`paired_ratio`: the adaptation score, (x − lo) / (hi − lo) per configuration on matched
  sequences, averaged over configurations.
- :func:`paired_means`: the hand-off studies' paired resampling of two arms.

Every bootstrap draws its indices with :func:`paired_indices`, so "paired" means the same thing
everywhere: one resample of sequence indices applied to every array played on the same seeds.
Pure numpy: no Inspect, no pandas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

CONFIDENCE = 0.95
N_BOOTSTRAP = 2000
"""Bootstrap resamples per interval (reports and hand-off alike)."""
BOOTSTRAP_SEED = 0
"""Fixed so that a report or a study analysed twice from the same logs shows identical intervals."""


@dataclass(frozen=True, slots=True)
class Estimate:
    """A mean with its bootstrap interval and the number of sequences behind it."""

    mean: float
    low: float
    high: float
    n: int

    @classmethod
    def empty(cls) -> Estimate:
        nan = float("nan")
        return cls(nan, nan, nan, 0)


def rng(seed: int = BOOTSTRAP_SEED) -> np.random.Generator:
    """The generator every bootstrap of the project draws from."""
    return np.random.default_rng(seed)


def paired_indices(generator: np.random.Generator, size: int, n_boot: int = N_BOOTSTRAP) -> np.ndarray:
    """``n_boot`` resamples (rows) of ``size`` sequence indices drawn with replacement."""
    return generator.integers(0, size, size=(n_boot, size))


def percentile_interval(draws: np.ndarray, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """The central ``confidence`` percentile interval of bootstrap draws (NaN draws ignored)."""
    tail = (1.0 - confidence) / 2.0
    low, high = np.nanquantile(draws, [tail, 1.0 - tail])
    return float(low), float(high)


def paired_means(
    arrays: Sequence[np.ndarray], n_boot: int = N_BOOTSTRAP, seed: int = BOOTSTRAP_SEED
) -> list[np.ndarray]:
    """Bootstrap means of equally long arrays aligned by sequence, all under the same resamples."""
    arrays = [np.asarray(a, dtype=float) for a in arrays]
    idx = paired_indices(rng(seed), len(arrays[0]), n_boot)
    return [a[idx].mean(axis=1) for a in arrays]


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
    generator = rng(seed)
    draws = np.zeros(n_boot)
    for a in arrays:
        draws += a[paired_indices(generator, a.size, n_boot)].mean(axis=1)
    draws /= len(arrays)
    low, high = percentile_interval(draws, confidence)
    return Estimate(point, low, high, int(sum(a.size for a in arrays)))


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
    groups = [
        (np.asarray(x, dtype=float), np.asarray(lo, dtype=float), np.asarray(hi, dtype=float))
        for x, lo, hi in groups
        if len(x)
    ]
    if not groups:
        return Estimate.empty()
    point = float(np.mean([(x.mean() - lo.mean()) / (hi.mean() - lo.mean()) for x, lo, hi in groups]))
    generator = rng(seed)
    draws = np.zeros(n_boot)
    for x, lo, hi in groups:
        idx = paired_indices(generator, x.size, n_boot)
        low_mean = lo[idx].mean(axis=1)
        span = hi[idx].mean(axis=1) - low_mean
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = (x[idx].mean(axis=1) - low_mean) / span
        draws += np.where(np.isfinite(ratio), ratio, np.nan)
    draws /= len(groups)
    low, high = percentile_interval(draws, confidence)
    return Estimate(point, low, high, int(sum(g[0].size for g in groups)))


__all__ = [
    "BOOTSTRAP_SEED",
    "CONFIDENCE",
    "N_BOOTSTRAP",
    "Estimate",
    "paired_indices",
    "paired_means",
    "paired_ratio",
    "percentile_interval",
    "rng",
    "stratified_mean",
]
