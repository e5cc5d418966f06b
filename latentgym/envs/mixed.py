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
from dataclasses import dataclass
from typing import Any

from .base import RuleSet
from .catalogue import build_sequence, get_env, sequence_rng
from .definition import EnvDefinition, Feedback, Prompt, RewardType
from .errors import LatentGymError, unknown
from .latent import Latent, SequenceDraw
from .sequence import DEFAULT_MAX_TOTAL_TURNS, EpisodeKind, SequenceEnv

MIXED_RE = re.compile(r"^mixed:([a-z_]+(?:\+[a-z_]+)+):([a-z0-9-]+)$")

SHARED_LATENTS: dict[str, dict[str, str]] = {
    **{
        f"best_position_{k}": {"bandits": f"loyal_favorite_{k}", "secretary": f"fixed_position_{k}"}
        for k in range(5)
    },
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
        "mixed:wordle+hangman:alternating", "starts_with_S",
        "Both games hide an English word; the first letter is a property of the word itself.",
    ),
    "word_category": (
        "mixed:wordle+hangman:blocks5", "category_animals",
        "Five Wordle games then five Hangman games: animals learnt in Wordle carry over to Hangman.",
    ),
    "word_vowels": (
        "mixed:wordle+hangman:alternating", "vowel_count_2",
        "The vowel count is a property of the word, whichever game reveals it.",
    ),
    "best_index": (
        "mixed:bandits+secretary:alternating", "best_position_2",
        "The best option sits at index 2 in both: the third button, the third value shown.",
    ),
    "best_even_index": (
        "mixed:bandits+secretary:blocks5", "best_at_even_index",
        "The best option is always at an even index (0-based), in both games.",
    ),
}
"""Curated mixed suites: name -> (mixed env, shared latent, why the latent is shared)."""


def schedule_for(spec: str, num_envs: int, n: int) -> list[int]:
    """Which env (index into the env list) plays each of the n games."""
    if spec == "alternating":
        return [e % num_envs for e in range(n)]
    if spec.startswith("blocks"):
        size_text = spec[len("blocks"):]
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
                f"shared latent {latent!r} is defined for {', '.join(sorted(mapping))}, "
                f"not for {', '.join(missing)}"
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


@dataclass(frozen=True)
class MixedEnvironment:
    """The mixed counterpart of :class:`~latentgym.envs.catalogue.Environment` (same interface)."""

    env: str
    envs: tuple[str, ...]
    schedule: str
    latent: Latent
    env_latents: tuple[Latent, ...]
    prompt: Prompt
    feedback: Feedback
    num_episodes: int
    env_rules: tuple[RuleSet, ...]

    @property
    def definition(self) -> EnvDefinition:
        return get_env(self.envs[0])

    @property
    def rules(self) -> RuleSet:
        """The first env's rules (per-game rules live in :meth:`kinds`)."""
        return self.env_rules[0]

    @property
    def name(self) -> str:
        return f"{self.env}/{self.latent.id}/{self.prompt}/{self.feedback}/ep{self.num_episodes}"

    def plan(self) -> list[int]:
        return schedule_for(self.schedule, len(self.envs), self.num_episodes)

    def kinds(self) -> list[EpisodeKind]:
        return [
            EpisodeKind(get_env(self.envs[i]), self.env_latents[i], self.env_rules[i]) for i in self.plan()
        ]

    def draw(self, seed: int) -> SequenceDraw:
        plan = self.plan()
        per_env = []
        for i, env in enumerate(self.envs):
            count = max(1, plan.count(i))
            rng = sequence_rng(self.env, f"{self.latent.id}|{env}", seed)
            draw = self.env_latents[i].sample(rng, count, self.env_rules[i])
            cap = {"max_turns_per_episode": self.env_rules[i].max_turns_per_episode}
            per_env.append([{**c, **cap} for c in draw.configs])
            per_env[-1].append(draw.context)
        used = [0] * len(self.envs)
        configs = []
        for i in plan:
            configs.append(per_env[i][used[i]])
            used[i] += 1
        context = {
            "envs": list(self.envs),
            "env_schedule": plan,
            "env_latents": [lat.id for lat in self.env_latents],
            "env_contexts": [per_env[i][-1] for i in range(len(self.envs))],
        }
        return SequenceDraw(tuple(configs), context)

    def system_text(self) -> str:
        titles = [get_env(e).title for e in self.envs]
        parts = [
            f"You will play {self.num_episodes} games in sequence, of {len(titles)} kinds: "
            f"{', '.join(titles)}. The rules of each kind are given when it first appears, and "
            "every game states its own kind in its header."
        ]
        if self.prompt == "some_info":
            parts.append("Hint: the games, of whatever kind, may share a hidden pattern.")
        elif self.prompt == "full_info":
            parts.append(f"Hint: every game, of whatever kind, shares this hidden property: {self.latent.description}")
        return "\n\n".join(parts)

    def make(
        self,
        seed: int,
        reward_type: RewardType = "cumulative",
        max_total_turns: int = DEFAULT_MAX_TOTAL_TURNS,
        draw: SequenceDraw | None = None,
    ) -> SequenceEnv:
        return build_sequence(
            self, seed, reward_type, max_total_turns, draw, kinds=self.kinds(), system_text=self.system_text()
        )


def game_secret(context: dict[str, Any], episode: int) -> tuple[str, str, dict[str, Any]]:
    """(env, that env's latent id, its context) for one game of a mixed sequence."""
    i = context["env_schedule"][episode]
    return context["envs"][i], context["env_latents"][i], context["env_contexts"][i]


def resolve_mixed(
    env: str, latent: str, prompt: str, feedback: str, num_episodes: int, preset: str, **rules: Any
) -> MixedEnvironment:
    """Resolve ``mixed:<env>+<env>:<schedule>`` with a shared latent."""
    m = MIXED_RE.match(env)
    if not m:
        raise LatentGymError(
            f"bad mixed env {env!r}; expected mixed:<env>+<env>[+...]:<schedule>, "
            "e.g. mixed:wordle+hangman:alternating"
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
    for e in envs:
        definition = get_env(e)
        own = {k: v for k, v in rules.items() if k in definition.rules.fields()}
        env_rules.append(definition.make_rules(preset, **own))
    stray = set(rules) - {k for e in envs for k in get_env(e).rules.fields()}
    if stray:
        raise unknown(f"rule parameter for {env}", sorted(stray)[0], {k for e in envs for k in get_env(e).rules.fields()})
    descriptions = {lat.description for lat in env_latents}
    description = env_latents[0].description if len(descriptions) == 1 else " / ".join(
        f"{get_env(e).title}: {lat.description}" for e, lat in zip(envs, env_latents)
    )
    complexities = [lat.complexity for lat in env_latents]
    shared = Latent(id=latent, complexity=max(complexities), description=description)
    return MixedEnvironment(
        env=env,
        envs=tuple(envs),
        schedule=m.group(2),
        latent=shared,
        env_latents=env_latents,
        prompt=prompt,  # type: ignore[arg-type]
        feedback=feedback,  # type: ignore[arg-type]
        num_episodes=num_episodes,
        env_rules=tuple(env_rules),
    )
