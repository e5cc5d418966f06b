"""Mixed-environment sequences: each game may be a different core env, one latent shared by all.

A mixed environment is named ``mixed:<env>+<env>[+...]:<schedule>`` and resolves like any env, so
``resolve("mixed:wordle+hangman:alternating", "starts_with_S", ...)`` works for Inspect tasks,
the RL bridge and tests alike. Schedules:

- ``alternating`` — envs in turn, game by game;
- ``blocksB`` — B consecutive games of each env in turn (``blocks`` alone: N split evenly);
- an explicit list of env indices, e.g. ``0-0-1-0-1`` (one per game, cycled when shorter than N).

A *shared* latent has the same meaning in every listed env: either the same id exists in each
env's catalogue (``starts_with_S`` in wordle and hangman), or an entry of :data:`SHARED_LATENTS`
maps one id to each env's own id (a fixed best position in bandits and secretary). Each env
draws its own games with its own latent, from an RNG seeded by (mixed name, seed, env).
"""

from __future__ import annotations

import re
from typing import Any

from .definition import Feedback, Prompt
from .environment import Environment
from .errors import LatentGymError, unknown
from .latent import Latent
from .registry import get_env
from .sequence import EpisodeKind

MIXED_RE = re.compile(r"^mixed:([a-z_]+(?:\+[a-z_]+)+):([a-z0-9-]+)$")

SHARED_LATENTS: dict[str, dict[str, str]] = {
    **{f"best_position_{k}": {"bandits": f"loyal_favorite_{k}", "secretary": f"fixed_position_{k}"} for k in range(5)},
    "best_at_even_index": {"bandits": "even_indices_only", "secretary": "best_at_even"},
    "best_at_odd_index": {"bandits": "odd_indices_only", "secretary": "best_at_odd"},
}
"""Shared latent id -> each env's own latent id with the same meaning."""

DIFFERENT_MEANINGS: dict[str, str] = {
    "common_letters_only": "wordle's common letters include C, hangman's do not",
    "has_rare_letter": "wordle counts 12 letters as rare, hangman only Q, X, Z and J",
}
"""Ids present in several envs whose predicates differ: never shared."""

MIXED_SUITES: dict[str, tuple[str, str, str]] = {
    "word_initial": (
        "mixed:wordle+hangman:alternating",
        "starts_with_S",
        "Both games hide an English word; the first letter is a property of the word itself.",
    ),
    "word_category": (
        "mixed:wordle+hangman:blocks5",
        "category_animals",
        "Five Wordle games then five Hangman games: animals learnt in Wordle carry over to Hangman.",
    ),
    "word_vowels": (
        "mixed:wordle+hangman:alternating",
        "vowel_count_2",
        "The vowel count is a property of the word, whichever game reveals it.",
    ),
    "best_index": (
        "mixed:bandits+secretary:alternating",
        "best_position_2",
        "The best option sits at index 2 in both: the third button, the third value shown.",
    ),
    "best_even_index": (
        "mixed:bandits+secretary:blocks5",
        "best_at_even_index",
        "The best option is always at an even index (0-based), in both games.",
    ),
}
"""Curated mixed suites: name -> (mixed env, shared latent, why the latent is shared)."""


def schedule_for(spec: str, num_envs: int, n: int) -> list[int]:
    """Which env (index into the env list) plays each of the n games."""
    if spec == "alternating":
        return [e % num_envs for e in range(n)]
    if spec.startswith("blocks"):
        size_text = spec[len("blocks") :]
        if size_text and not size_text.isdigit():
            raise LatentGymError(f"bad schedule {spec!r}: use blocks or blocksB with B a positive integer")
        size = int(size_text) if size_text else max(1, -(-n // num_envs))
        if size < 1:
            raise LatentGymError(f"bad schedule {spec!r}: block size must be >= 1")
        return [(e // size) % num_envs for e in range(n)]
    parts = spec.split("-")
    if not all(p.isdigit() for p in parts):
        raise LatentGymError(
            f"unknown schedule {spec!r}; valid choices: alternating, blocks, blocksB, "
            "or an explicit list of env indices such as 0-1-1-0"
        )
    plan = [int(p) for p in parts]
    bad = [p for p in plan if p >= num_envs]
    if bad:
        raise LatentGymError(f"schedule {spec!r} names env index {bad[0]}, but only {num_envs} envs are listed")
    return [plan[e % len(plan)] for e in range(n)]


def shared_latent_ids(envs: list[str], latent: str) -> dict[str, str]:
    """Each env's own id for the shared latent, or an error naming the envs that lack it."""
    mapping = SHARED_LATENTS.get(latent)
    if mapping is not None:
        missing = [e for e in envs if e not in mapping]
        if missing:
            raise LatentGymError(
                f"shared latent {latent!r} is defined for {', '.join(sorted(mapping))}, not for {', '.join(missing)}"
            )
        return {e: mapping[e] for e in envs}
    if latent in DIFFERENT_MEANINGS:
        raise LatentGymError(f"latent {latent!r} is not shared: {DIFFERENT_MEANINGS[latent]}")
    missing = [e for e in envs if latent not in get_env(e).latent_catalogue]
    if missing:
        common = set.intersection(*(set(get_env(e).latent_catalogue) for e in envs)) - set(DIFFERENT_MEANINGS)
        shared = sorted(common | {k for k, m in SHARED_LATENTS.items() if all(e in m for e in envs)})
        listed = ", ".join(shared[:30]) or "none"
        raise LatentGymError(
            f"latent {latent!r} is not shared: {', '.join(missing)} lack it; "
            f"latents shared by {', '.join(envs)}: {listed}"
        )
    return {e: latent for e in envs}


def game_secret(context: dict[str, Any], episode: int) -> tuple[str, str, dict[str, Any]]:
    """(env, that env's latent id, its context) for one game of a mixed sequence."""
    i = context["env_schedule"][episode]
    return context["envs"][i], context["env_latents"][i], context["env_contexts"][i]


def is_mixed(env: str) -> bool:
    """Whether ``env`` names a mixed environment (``mixed:<env>+<env>:<schedule>``)."""
    return env.startswith("mixed:")


def mixed_envs(env: str) -> list[str]:
    """The env ids a mixed id lists (``[env]`` for a plain env id)."""
    m = MIXED_RE.match(env)
    return m.group(1).split("+") if m else [env]


def resolve_mixed(
    env: str, latent: str, prompt: Prompt, feedback: Feedback, num_episodes: int, preset: str, **rules: Any
) -> Environment:
    """Resolve ``mixed:<env>+<env>:<schedule>`` with a shared latent."""
    m = MIXED_RE.match(env)
    if not m:
        raise LatentGymError(
            f"bad mixed env {env!r}; expected mixed:<env>+<env>[+...]:<schedule>, e.g. mixed:wordle+hangman:alternating"
        )
    envs = m.group(1).split("+")
    if len(set(envs)) != len(envs):
        raise LatentGymError(f"mixed env {env!r} lists an env twice")
    for name in envs:
        get_env(name)
    schedule_for(m.group(2), len(envs), num_episodes)
    ids = shared_latent_ids(envs, latent)
    env_latents = tuple(get_env(e).latent(ids[e]) for e in envs)
    env_rules = []
    allowed: set[str] = set()
    for e in envs:
        definition = get_env(e)
        fields = definition.rules.fields()
        allowed |= set(fields)
        own = {k: v for k, v in rules.items() if k in fields}
        env_rules.append(definition.make_rules(preset, **own))
    stray = set(rules) - allowed
    if stray:
        raise unknown(f"rule parameter for {env}", sorted(stray)[0], allowed)
    descriptions = {lat.description for lat in env_latents}
    description = (
        env_latents[0].description
        if len(descriptions) == 1
        else " / ".join(f"{get_env(e).title}: {lat.description}" for e, lat in zip(envs, env_latents))
    )
    complexities = [lat.complexity for lat in env_latents]
    shared = Latent(id=latent, complexity=max(complexities), description=description)
    parts = tuple(EpisodeKind(get_env(e), lat, r) for e, lat, r in zip(envs, env_latents, env_rules))
    schedule = tuple(schedule_for(m.group(2), len(envs), num_episodes))
    return Environment(env, shared, prompt, feedback, num_episodes, parts, schedule)
