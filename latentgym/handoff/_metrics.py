"""Exploration and exploitation efficiency from paired tail rewards (pure numpy/pandas, no Inspect).

A run is one (explorer X, exploiter Y, hand-off K) arm over a set of sequences; its per-sequence tail
reward is T = r(K+1) + ... + r(N). With a reference agent C:

- ExplorationEff(B vs A)  = (mean T[B→C] - mean T[A→C]) / mean T[A→C]
- ExploitationEff(B vs A) = (mean T[C→B] - mean T[C→A]) / mean T[C→A]

Means are taken over the sequences both arms completed (same seeds, so the arms are paired), and the
efficiency is a ratio of means, not a mean of per-sequence ratios: a per-sequence ratio is undefined
whenever one reference tail is 0, which is common. Confidence intervals come from a paired percentile
bootstrap: one resample of sequence indices is applied to both arms. The number of resamples, the
confidence level, the seed and the resampling itself are the project's (:mod:`latentgym.stats`), shared
with the reports.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from ..stats import BOOTSTRAP_SEED, CONFIDENCE, N_BOOTSTRAP, paired_means, percentile_interval

Metric = Literal["exploration", "exploitation"]
METRICS: tuple[Metric, ...] = ("exploration", "exploitation")

DEFAULT_BOOTSTRAP = N_BOOTSTRAP
DEFAULT_CONFIDENCE = CONFIDENCE
DEFAULT_BOOTSTRAP_SEED = BOOTSTRAP_SEED
DEFAULT_MIN_REFERENCE = 1e-6
"""A reference mean tail below this (in absolute value) makes the efficiency undefined."""

TAIL_COLUMNS = ("definition", "k", "explorer", "exploiter", "seed", "tail")
"""Columns of a tail table: one row per played sequence (``tail`` NaN if it did not complete)."""

UNDEFINED_REFERENCE = "undefined (reference tail ~ 0)"
UNDEFINED_CI = "CI undefined: reference tail ~ 0 in {share:.1%} of bootstrap resamples"
TOO_FEW = "CI undefined: fewer than 2 paired sequences"
NO_PAIRS = "undefined (no sequence completed in both arms)"


@dataclass(frozen=True)
class Agents:
    """The three agents of a hand-off study: compare B with A, with C as the partner."""

    a: str
    b: str
    c: str

    def arms(self, metric: Metric) -> tuple[tuple[str, str], tuple[str, str]]:
        """(reference arm, compared arm) as (explorer, exploiter) pairs."""
        if metric == "exploration":
            return (self.a, self.c), (self.b, self.c)
        return (self.c, self.a), (self.c, self.b)

    def runs(self, metrics: Iterable[Metric] = METRICS) -> list[tuple[str, str]]:
        """The distinct (explorer, exploiter) arms the metrics need, in a stable order."""
        seen: list[tuple[str, str]] = []
        for metric in metrics:
            for arm in self.arms(metric):
                if arm not in seen:
                    seen.append(arm)
        return seen


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


@dataclass(frozen=True)
class Estimate:
    """Paired comparison of a reference arm (T1) with a compared arm (T2).

    ``efficiency`` is (mean T2 - mean T1) / mean T1 and ``difference`` is mean T2 - mean T1, over the
    ``n_pairs`` sequences both arms completed. NaN values come with a reason in ``note``.
    """

    n_pairs: int
    reference_tail: float
    compared_tail: float
    difference: float
    difference_ci: Interval
    efficiency: float
    efficiency_ci: Interval
    note: str


@dataclass(frozen=True)
class Comparison:
    """One metric of one study at one (task definition, K)."""

    metric: Metric
    definition: str
    k: int
    agents: Agents
    estimate: Estimate

    def row(self) -> dict[str, object]:
        e = self.estimate
        return {
            "definition": self.definition,
            "k": self.k,
            "metric": self.metric,
            "a": self.agents.a,
            "b": self.agents.b,
            "c": self.agents.c,
            "n_pairs": e.n_pairs,
            "reference_tail": e.reference_tail,
            "compared_tail": e.compared_tail,
            "difference": e.difference,
            "difference_ci_low": e.difference_ci.low,
            "difference_ci_high": e.difference_ci.high,
            "efficiency": e.efficiency,
            "efficiency_ci_low": e.efficiency_ci.low,
            "efficiency_ci_high": e.efficiency_ci.high,
            "note": e.note,
        }


NAN_INTERVAL = Interval(math.nan, math.nan)


def paired_tails(
    tails: pd.DataFrame, definition: str, k: int, reference: tuple[str, str], compared: tuple[str, str]
) -> tuple[np.ndarray, np.ndarray]:
    """Tail arrays of the two arms over the seeds both completed, aligned by seed."""
    rows = tails[(tails["definition"] == definition) & (tails["k"] == k)]

    def arm(pair: tuple[str, str]) -> pd.Series:
        picked = rows[(rows["explorer"] == pair[0]) & (rows["exploiter"] == pair[1])]
        if picked["seed"].duplicated().any():
            dup = picked.loc[picked["seed"].duplicated(), "seed"].iloc[0]
            raise ValueError(f"seed {dup} appears twice for {pair[0]}→{pair[1]} at K={k} in {definition}")
        return picked.set_index("seed")["tail"].dropna()

    ref, new = arm(reference), arm(compared)
    seeds = ref.index.intersection(new.index).sort_values()
    return ref.loc[seeds].to_numpy(float), new.loc[seeds].to_numpy(float)


def bootstrap_means(t1: np.ndarray, t2: np.ndarray, resamples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Means of both arms under the same resamples of sequence indices (the pairing)."""
    b1, b2 = paired_means([t1, t2], resamples, seed)
    return b1, b2


def compare(
    t1: np.ndarray,
    t2: np.ndarray,
    *,
    resamples: int = DEFAULT_BOOTSTRAP,
    confidence: float = DEFAULT_CONFIDENCE,
    seed: int = DEFAULT_BOOTSTRAP_SEED,
    min_reference: float = DEFAULT_MIN_REFERENCE,
) -> Estimate:
    """Point estimates and CIs for paired tails ``t1`` (reference arm) and ``t2`` (compared arm).

    The efficiency is NaN with a note when ``|mean t1| < min_reference``; its CI is NaN when any bootstrap
    resample has such a reference mean, since the ratio is then unbounded.
    """
    n = len(t1)
    if n == 0:
        return Estimate(0, math.nan, math.nan, math.nan, NAN_INTERVAL, math.nan, NAN_INTERVAL, NO_PAIRS)
    m1, m2 = float(t1.mean()), float(t2.mean())
    diff = m2 - m1
    defined = abs(m1) >= min_reference
    eff = diff / m1 if defined else math.nan
    notes = [] if defined else [UNDEFINED_REFERENCE]
    if n < 2:
        return Estimate(n, m1, m2, diff, NAN_INTERVAL, eff, NAN_INTERVAL, "; ".join([*notes, TOO_FEW]))
    b1, b2 = bootstrap_means(t1, t2, resamples, seed)
    diff_ci = Interval(*percentile_interval(b2 - b1, confidence))
    small = np.abs(b1) < min_reference
    eff_ci = NAN_INTERVAL
    if defined and small.any():
        notes.append(UNDEFINED_CI.format(share=small.mean()))
    elif defined:
        eff_ci = Interval(*percentile_interval((b2 - b1) / b1, confidence))
    return Estimate(n, m1, m2, diff, diff_ci, eff, eff_ci, "; ".join(notes))


def efficiencies(
    tails: pd.DataFrame,
    agents: Agents,
    *,
    metrics: Iterable[Metric] = METRICS,
    resamples: int = DEFAULT_BOOTSTRAP,
    confidence: float = DEFAULT_CONFIDENCE,
    seed: int = DEFAULT_BOOTSTRAP_SEED,
    min_reference: float = DEFAULT_MIN_REFERENCE,
) -> list[Comparison]:
    """Every requested metric at every (definition, K) found in a tail table."""
    missing = set(TAIL_COLUMNS) - set(tails.columns)
    if missing:
        raise ValueError(f"tail table lacks columns {sorted(missing)}")
    out = []
    for (definition, k), rows in tails.groupby(["definition", "k"], sort=True):
        for metric in metrics:
            reference, compared = agents.arms(metric)
            t1, t2 = paired_tails(rows, definition, int(k), reference, compared)
            estimate = compare(
                t1, t2, resamples=resamples, confidence=confidence, seed=seed, min_reference=min_reference
            )
            out.append(Comparison(metric, str(definition), int(k), agents, estimate))
    return out


def comparisons_frame(comparisons: Iterable[Comparison]) -> pd.DataFrame:
    return pd.DataFrame([c.row() for c in comparisons])
