"""Cross-episode latents: episode e of a sequence follows base latent b(e) of the same env.

Ids say what they are, ``<pattern>:<base>+<base>[+...]``:

- ``alternating:a+b`` — b(e) = bases[e mod L];
- ``cyclicC:a+b`` — each base holds for C consecutive games, in turn: bases[(e // C) mod L];
- ``progressive:a+b`` — the sequence is split into L consecutive blocks, one per base.

Each base latent draws its own sequence (with its own per-sequence context) from a child RNG,
and a base's k-th game is the k-th game it is scheduled for, so stateful bases (rotations,
random walks) advance only when they are played. Descriptions and hints are built from the
parts; ``full_info`` reveals the switching pattern and each part's own hint.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import LatentGymError, unknown
from .latent import COMPLEXITIES, Latent, SequenceDraw

CROSS_EPISODE: dict[str, tuple[str, ...]] = {
    "number_guessing": (
        "alternating:set_of_2+range_100",
        "cyclic2:set_of_3+two_ranges",
        "progressive:range_100+range_1000",
    ),
    "wordle": ("alternating:starts_with_S+starts_with_C", "progressive:vowel_count_1+vowel_count_2"),
    "hangman": ("alternating:length_5+length_8", "cyclic2:starts_with_S+starts_with_T"),
    "wordladder": ("alternating:hub_word_4letter+restricted_vocab_4letter",),
    "mastermind": ("alternating:ascending+descending", "progressive:all_odd+all_even"),
    "bandits": (
        "alternating:loyal_favorite_0+loyal_favorite_4",
        "progressive:clockwise_rotation+counterclockwise_rotation",
    ),
    "secretary": ("alternating:best_is_first+best_is_last", "cyclic3:fixed_position_1+fixed_position_3"),
}
"""Registered cross-episode latents per env (any other composition of an env's latents works too)."""

PATTERN_RE = re.compile(r"^(alternating|progressive|cyclic(\d+)):(.+)$")
PATTERNS = ("alternating", "cyclicC", "progressive")


def schedule(pattern: str, cycle: int, num_bases: int, n: int) -> list[int]:
    """Which base each of the n games follows."""
    if pattern == "alternating":
        return [e % num_bases for e in range(n)]
    if pattern == "cyclic":
        return [(e // cycle) % num_bases for e in range(n)]
    return [min(num_bases - 1, e * num_bases // n) for e in range(n)]


def _pattern_text(pattern: str, cycle: int, count: int) -> str:
    if pattern == "alternating":
        return f"the games cycle through {count} hidden patterns, switching every game"
    if pattern == "cyclic":
        return f"the games cycle through {count} hidden patterns, switching every {cycle} games"
    return f"the sequence is split into {count} consecutive blocks, each with its own hidden pattern"


@dataclass(frozen=True)
class CompositeLatent(Latent):
    """A latent made of base latents of one env and a switching pattern."""

    bases: tuple[Latent, ...] = ()
    pattern: str = "alternating"
    cycle: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "mode", "composite")

    def unplayable(self) -> str | None:
        for base in self.bases:
            why = base.unplayable()
            if why is not None:
                return f"base latent {base.id!r}: {why}"
        return None

    def sample(self, rng: random.Random, n: int, rules: Any = None) -> SequenceDraw:
        plan = schedule(self.pattern, self.cycle, len(self.bases), n)
        draws = []
        for i, base in enumerate(self.bases):
            child = random.Random(f"{rng.getrandbits(64)}|{i}")
            draws.append(base.sample(child, max(1, plan.count(i)), rules))
        used = [0] * len(self.bases)
        configs = []
        for b in plan:
            configs.append(dict(draws[b].configs[used[b]]))
            used[b] += 1
        context = {
            "pattern": self.pattern,
            "cycle": self.cycle,
            "bases": [b.id for b in self.bases],
            "schedule": plan,
            "contexts": [d.context for d in draws],
        }
        return SequenceDraw(tuple(configs), context)


def episode_context(context: Mapping[str, Any], episode: int) -> tuple[str | None, dict[str, Any]]:
    """(base latent id, base context) of one game; plain latents return (None, context)."""
    if "schedule" not in context:
        return None, dict(context)
    b = context["schedule"][episode]
    return context["bases"][b], dict(context["contexts"][b])


def composite(latent_id: str, catalogue: Mapping[str, Latent], full_info_hint: str) -> CompositeLatent:
    """Build the composite latent named by ``latent_id`` from an env's catalogue."""
    m = PATTERN_RE.match(latent_id)
    if not m:
        raise unknown("latent", latent_id, catalogue)
    kind, cycle_text, rest = m.group(1), m.group(2), m.group(3)
    pattern = "cyclic" if cycle_text else kind
    cycle = int(cycle_text) if cycle_text else 1
    if pattern == "cyclic" and cycle < 1:
        raise LatentGymError(f"cycle length must be >= 1 in {latent_id!r}")
    names = rest.split("+")
    if len(names) < 2:
        raise LatentGymError(f"a cross-episode latent needs at least two base latents, got {latent_id!r}")
    bases = []
    for name in names:
        if name not in catalogue:
            raise unknown(f"base latent in {latent_id!r}", name, catalogue)
        base = catalogue[name]
        if isinstance(base, CompositeLatent):
            raise LatentGymError(f"base latents cannot be composite: {name!r}")
        bases.append(base)
    complexity = max((b.complexity for b in bases), key=COMPLEXITIES.index)
    complexity = COMPLEXITIES[min(len(COMPLEXITIES) - 1, COMPLEXITIES.index(complexity) + 1)]
    how = _pattern_text(pattern, cycle, len(bases))
    parts = "; ".join(f"({i + 1}) {b.description.rstrip('.')}" for i, b in enumerate(bases))
    hints = " ".join(f"({i + 1}) {b.hint or full_info_hint}" for i, b in enumerate(bases))
    return CompositeLatent(
        id=latent_id,
        complexity=complexity,
        description=f"In order, {how}: {parts}.",
        hint=f"Hint: {how}, in this order. {hints}",
        reminder=f"Remember: {how}.",
        bases=tuple(bases),
        pattern=pattern,
        cycle=cycle,
    )
