"""Distributions over an index (bandits' best button, secretary's best position).

Both adaptive policies predict the next game's index from the earlier games with the same
building blocks; only the number of indices differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

Dist = list[float]
Past = TypeVar("Past")

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


def mixture(
    past: list[Past],
    families: Sequence[tuple[float, Sequence[Callable[[int, list[Past]], Dist | None]]]],
    size: int,
    predict: Callable[[Dist | None], Dist],
    likelihood: Callable[[Dist, Past], float],
) -> Dist:
    """Posterior-weighted prediction of game ``len(past)``'s index.

    A rule maps (game index, the earlier games) to a prediction or ``None``. Each rule starts with
    its family's weight shared among the members, is weighted by the ``likelihood`` of every
    earlier game under its ``predict``-ed prediction for that game, and contributes its prediction
    for this game. Uniform when every weight vanishes.
    """
    e = len(past)
    prior, total = [0.0] * size, 0.0
    for family_weight, members in families:
        for rule in members:
            weight = family_weight / len(members)
            for i, p in enumerate(past):
                weight *= likelihood(predict(rule(i, past[:i])), p)
            now = predict(rule(e, past))
            prior = [a + weight * b for a, b in zip(prior, now)]
            total += weight
    return [x / total for x in prior] if total > 0 else spread((), size)
