"""Latents: the hidden structure shared by the N episodes of a sequence.

A latent turns ``(rng, N)`` into N episode configs plus a *context* (the ground truth drawn once
per sequence, e.g. the set of targets). Two families exist:

- :class:`GeneratorLatent` builds each episode's config directly from the RNG.
- :class:`FilterLatent` keeps the members of a candidate pool that satisfy a predicate and
  samples from them. The filtered pool is computed once per process, never per episode.

Every latent owns its ``full_info`` hint and transition reminder, so prompts never parse ids.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import LatentGymError

Complexity = Literal["easy", "medium", "hard", "very_hard"]
COMPLEXITIES: tuple[Complexity, ...] = ("easy", "medium", "hard", "very_hard")

Config = dict[str, Any]
Generated = tuple[list[Config], dict[str, Any]]
"""What a generator latent returns: the episode configs and the sequence's hidden context."""
Generate = Callable[[random.Random, int], Generated]


@dataclass(frozen=True, slots=True)
class SequenceDraw:
    """The hidden ground truth of one sequence: N episode configs and the latent's context."""

    configs: tuple[Config, ...]
    context: dict[str, Any]


@dataclass(frozen=True)
class Latent:
    """Base class: identity, documentation and hint texts of one latent.

    Attributes:
        id: Stable id, as in the original catalogue.
        complexity: easy / medium / hard / very_hard (a reporting dimension).
        description: One sentence stating the latent exactly (wordle's full_info states it).
        hint: The ``full_info`` hint; ``None`` means the env's generic full_info hint.
        reminder: The ``full_info`` transition reminder; ``None`` means the env's generic one.
        group: Hint group for envs that hint by family (bandits, secretary, wordladder).
    """

    id: str
    complexity: Complexity
    description: str
    hint: str | None = None
    reminder: str | None = None
    group: str | None = None

    mode: str = field(default="generator", init=False)

    def sample(self, rng: random.Random, n: int, rules: Any = None) -> SequenceDraw:
        """Draw the configs of n games. ``rules`` is the env's RuleSet, for latents whose draw
        depends on a rule (wordle's ``sampling``)."""
        raise NotImplementedError

    def unplayable(self) -> str | None:
        """Why this latent cannot generate episodes (``None``: it can)."""
        return None


@dataclass(frozen=True)
class GeneratorLatent(Latent):
    """A latent that builds configs directly.

    ``generate(rng, n)`` returns ``(configs, context)``; it may keep state across episodes
    (e.g. a random walk) because it sees the whole sequence at once.
    """

    generate: Generate = field(kw_only=True)

    def sample(self, rng: random.Random, n: int, rules: Any = None) -> SequenceDraw:
        configs, context = self.generate(rng, n)
        return SequenceDraw(tuple(configs), context)


_POOL_LOCK = threading.Lock()


@dataclass(frozen=True)
class FilterLatent(Latent):
    """A latent defined by a predicate over a candidate pool.

    Attributes:
        predicate: Membership test for one candidate.
        pool: Returns the sorted candidate pool (loaded lazily, shared per process).
        to_config: Turns a chosen candidate into an episode config.
        choose: Picks N candidates from the filtered pool; default uniform with replacement.
    """

    predicate: Callable[[Any], bool] = field(kw_only=True)
    pool: Callable[[], Sequence[Any]] = field(kw_only=True)
    to_config: Callable[[Any], Config] = field(kw_only=True)
    choose: Callable[[random.Random, Sequence[Any], int], list[Any]] | None = field(default=None, kw_only=True)
    min_pool: int = field(default=1, kw_only=True)
    _cache: dict[str, tuple[Any, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", "filter")

    def candidates(self) -> tuple[Any, ...]:
        """The filtered pool, computed once and cached on the latent."""
        cached = self._cache.get("pool")
        if cached is None:
            with _POOL_LOCK:
                cached = self._cache.get("pool")
                if cached is None:
                    cached = tuple(c for c in self.pool() if self.predicate(c))
                    self._cache["pool"] = cached
        return cached

    def unplayable(self) -> str | None:
        count = len(self.candidates())
        if count >= self.min_pool:
            return None
        return f"{count} candidates in its pool (at least {self.min_pool} needed)"

    def sample(self, rng: random.Random, n: int, rules: Any = None) -> SequenceDraw:
        """Draw N candidates; a ``sampling`` rule (wordle's) overrides ``choose``."""
        sampling = getattr(rules, "sampling", None)
        why = self.unplayable()
        if why is not None:
            raise LatentGymError(f"latent {self.id!r} cannot generate episodes: {why}")
        pool = self.candidates()
        choose = SAMPLERS.get(sampling or "", self.choose) or choose_with_replacement
        chosen = choose(rng, pool, n)
        return SequenceDraw(tuple(self.to_config(c) for c in chosen), {"pool_size": len(pool)})


def choose_with_replacement(rng: random.Random, pool: Sequence[Any], n: int) -> list[Any]:
    """Uniform picks with replacement."""
    return [pool[rng.randrange(len(pool))] for _ in range(n)]


def choose_without_replacement(rng: random.Random, pool: Sequence[Any], n: int) -> list[Any]:
    """Uniform picks without replacement, restarting from the full pool when it runs out."""
    picks: list[Any] = []
    while len(picks) < n:
        take = min(n - len(picks), len(pool))
        picks.extend(rng.sample(pool, take))
    return picks


SAMPLERS: dict[str, Callable[[random.Random, Sequence[Any], int], list[Any]]] = {
    "with_replacement": choose_with_replacement,
    "without_replacement": choose_without_replacement,
}
"""Rule value of a ``sampling`` parameter -> sampler."""
