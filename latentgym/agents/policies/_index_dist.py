"""Distributions over an index (bandits' best button, secretary's best position).

Both adaptive policies predict the next game's index from the earlier games with the same
building blocks; only the number of indices differs.
"""

from __future__ import annotations

from collections.abc import Iterable

Dist = list[float]

EPS = 0.03
"""Mass a point prediction leaves to the other indices (rules are never fully certain)."""


def point(i: int, size: int) -> Dist:
    """Almost all mass on index ``i``."""
    return [1 - EPS if j == i else EPS / (size - 1) for j in range(size)]


def spread(indices: Iterable[int], size: int) -> Dist:
    """Uniform over ``indices`` (all indices when none is given)."""
    keep = set(indices) or set(range(size))
    return [1 / len(keep) if j in keep else 0.0 for j in range(size)]


def frequency(seen: Iterable[int | None], size: int) -> Dist:
    """How often each index was seen (unknowns skipped), smoothed by 0.2 per index."""
    counts = [0.2] * size
    for i in seen:
        if i is not None:
            counts[i] += 1
    total = sum(counts)
    return [c / total for c in counts]
