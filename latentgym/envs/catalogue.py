"""The catalogue: resolves (env, latent, prompt, feedback, N) into one runnable environment.

Adding an env is one folder under ``latentgym/envs/`` that defines ``DEFINITION`` plus one line in
:data:`ENV_MODULES`. Env modules are imported on first use, so importing the catalogue stays cheap.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .base import RuleSet
from .definition import (
    FEEDBACK_DESCRIPTIONS,
    FEEDBACKS,
    PROMPT_DESCRIPTIONS,
    PROMPTS,
    REWARD_TYPES,
    EnvDefinition,
    Feedback,
    Prompt,
    RewardType,
)
from .errors import LatentGymError, unknown
from .latent import Latent, SequenceDraw
from .sequence import DEFAULT_MAX_TOTAL_TURNS, SequenceEnv

ENV_MODULES: dict[str, str] = {
    "number_guessing": "latentgym.envs.number_guessing",
    "wordle": "latentgym.envs.wordle",
    "hangman": "latentgym.envs.hangman",
    "wordladder": "latentgym.envs.wordladder",
    "mastermind": "latentgym.envs.mastermind",
    "bandits": "latentgym.envs.bandits",
    "secretary": "latentgym.envs.secretary",
}
"""Env id -> module defining ``DEFINITION``: the one line to add for a new env."""

_LOADED: dict[str, EnvDefinition] = {}


def list_envs() -> list[str]:
    """Ids of every registered env."""
    return list(ENV_MODULES)


def get_env(name: str) -> EnvDefinition:
    """The definition of one env, importing its module on first use."""
    definition = _LOADED.get(name)
    if definition is None:
        if name not in ENV_MODULES:
            raise unknown("env", name, ENV_MODULES)
        definition = importlib.import_module(ENV_MODULES[name]).DEFINITION
        _LOADED[name] = definition
    return definition


@dataclass(frozen=True, slots=True)
class LatentInfo:
    """One catalogue row for listings."""

    env: str
    id: str
    complexity: str
    mode: str
    description: str


def list_latents(env: str | None = None) -> list[LatentInfo]:
    """Every latent (of one env, or of all envs) with complexity, mode and description."""
    envs = [env] if env is not None else list_envs()
    return [
        LatentInfo(name, lat.id, lat.complexity, lat.mode, lat.description)
        for name in envs
        for lat in get_env(name).latent_catalogue.values()
    ]


def list_cross_episode_latents(env: str | None = None) -> list[LatentInfo]:
    """The registered cross-episode latents (``alternating:a+b`` ...) of one env or all envs."""
    from .composite import CROSS_EPISODE

    envs = [env] if env is not None else list_envs()
    rows = []
    for name in envs:
        definition = get_env(name)
        for latent_id in CROSS_EPISODE.get(name, ()):
            lat = definition.latent(latent_id)
            rows.append(LatentInfo(name, lat.id, lat.complexity, lat.mode, lat.description))
    return rows


def list_prompts() -> dict[str, str]:
    """Prompt variant -> what it reveals."""
    return dict(PROMPT_DESCRIPTIONS)


def list_feedbacks() -> dict[str, str]:
    """Feedback variant -> what it reveals between tasks."""
    return dict(FEEDBACK_DESCRIPTIONS)


class LazyRandom:
    """Stands in for a :class:`random.Random` that is created and seeded on first use.

    Every sequence owns a play RNG, but only games with random outcomes (bandit pulls) draw
    from it; a real generator costs about 2.5 KB of state and a seeding, so it is deferred.
    """

    def __init__(self, seed: str | int) -> None:
        self._seed = seed
        self._rng: random.Random | None = None

    def __getattr__(self, name: str) -> Any:
        # Only reached for names not yet on the instance: create the generator once, then keep
        # each bound method on the instance so later calls skip this hook.
        rng = self._rng
        if rng is None:
            rng = self._rng = random.Random(self._seed)
        value = getattr(rng, name)
        setattr(self, name, value)
        return value


def sequence_rng(env: str, latent: str, seed: int, salt: str = "configs") -> random.Random:
    """A private RNG for one sequence, stable across processes and Python hash seeds.

    String seeds are hashed with SHA-512 by :mod:`random`, so the stream does not depend on
    ``PYTHONHASHSEED`` or on which other sequences were drawn before.
    """
    key = f"latentgym|{env}|{latent}|{seed}|{salt}"
    return LazyRandom(key) if salt == "play" else random.Random(key)  # type: ignore[return-value]


@dataclass(frozen=True)
class Environment:
    """A fully defined environment: core env x latent x prompt x feedback x N (+ rules)."""

    definition: EnvDefinition
    latent: Latent
    prompt: Prompt
    feedback: Feedback
    num_episodes: int
    rules: RuleSet

    @property
    def env(self) -> str:
        return self.definition.name

    @property
    def name(self) -> str:
        """Benchmark id, e.g. ``number_guessing/set_of_3/no_info/standard/ep10``."""
        return f"{self.env}/{self.latent.id}/{self.prompt}/{self.feedback}/ep{self.num_episodes}"

    def draw(self, seed: int) -> SequenceDraw:
        """The hidden episode configs of the sequence with this seed."""
        rng = sequence_rng(self.definition.name, self.latent.id, seed)
        draw = self.latent.sample(rng, self.num_episodes, self.rules)
        cap = self.rules.max_turns_per_episode
        return SequenceDraw(tuple([{**c, "max_turns_per_episode": cap} for c in draw.configs]), draw.context)

    def make(
        self,
        seed: int,
        reward_type: RewardType = "cumulative",
        max_total_turns: int = DEFAULT_MAX_TOTAL_TURNS,
        draw: SequenceDraw | None = None,
        game_options: dict[str, list[Any]] | None = None,
    ) -> SequenceEnv:
        """A fresh sequence env for ``seed`` (or for an explicit ``draw``).

        ``game_options`` maps a replay option of the env's games to one value per episode, e.g.
        ``{"pull_outcomes": [[1, 0, ...], ...]}`` to replay a recorded bandits run exactly.
        """
        return build_sequence(self, seed, reward_type, max_total_turns, draw, game_options=game_options or {})


def build_sequence(
    environment: Any,
    seed: int,
    reward_type: RewardType,
    max_total_turns: int,
    draw: SequenceDraw | None,
    **extra: Any,
) -> SequenceEnv:
    """The sequence env of an :class:`Environment` (or a mixed one, which adds ``extra``)."""
    if reward_type not in REWARD_TYPES:
        raise unknown("reward type", reward_type, REWARD_TYPES)
    for name, values in (extra.get("game_options") or {}).items():
        if name not in environment.definition.game_options:
            raise unknown(f"game option for {environment.env}", name, environment.definition.game_options)
        if len(values) != environment.num_episodes:
            raise LatentGymError(f"game option {name!r} needs one value per episode ({environment.num_episodes})")
    draw = draw or environment.draw(seed)
    return SequenceEnv(
        definition=environment.definition,
        latent=environment.latent,
        configs=draw.configs,
        rules=environment.rules,
        prompt=environment.prompt,
        feedback=environment.feedback,
        reward_type=reward_type,
        max_total_turns=max_total_turns,
        play_rng=sequence_rng(environment.env, environment.latent.id, seed, salt="play"),
        **extra,
    )


def resolve(
    env: str,
    latent: str,
    prompt: str = "no_info",
    feedback: str = "standard",
    num_episodes: int | None = None,
    preset: str = "default",
    **rules: Any,
) -> Environment:
    """Resolve the five axes (plus rule parameters) into one :class:`Environment`.

    Raises:
        LatentGymError: naming the bad value and the valid choices.
    """
    if prompt not in PROMPTS:
        raise unknown("prompt", prompt, PROMPTS)
    if feedback not in FEEDBACKS:
        raise unknown("feedback", feedback, FEEDBACKS)
    if env.startswith("mixed:"):
        from .mixed import resolve_mixed

        n = 10 if num_episodes is None else _positive_episodes(num_episodes)
        return resolve_mixed(env, latent, prompt, feedback, n, preset, **rules)  # type: ignore[return-value]
    definition = get_env(env)
    lat = definition.latent(latent)
    n = definition.default_num_episodes if num_episodes is None else _positive_episodes(num_episodes)
    return Environment(definition, lat, prompt, feedback, n, definition.make_rules(preset, **rules))  # type: ignore[arg-type]


def _positive_episodes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise LatentGymError(f"num_episodes must be a positive integer, got {value!r}")
    return value


def parse_name(name: str) -> dict[str, Any]:
    """Split a benchmark id ``env/latent/prompt/feedback/epN`` into :func:`resolve` arguments."""
    parts = name.strip("/").split("/")
    if len(parts) != 5 or not parts[4].startswith("ep") or not parts[4][2:].isdigit():
        raise LatentGymError(
            f"bad environment name {name!r}; expected env/latent/prompt/feedback/epN, "
            "e.g. number_guessing/set_of_3/no_info/standard/ep10"
        )
    env, latent, prompt, feedback, ep = parts
    return {"env": env, "latent": latent, "prompt": prompt, "feedback": feedback, "num_episodes": int(ep[2:])}


def from_name(name: str, **rules: Any) -> Environment:
    """Resolve a benchmark id such as ``number_guessing/set_of_3/no_info/standard/ep10``."""
    return resolve(**parse_name(name), **rules)


def rule_parameters(env: str) -> Mapping[str, Any]:
    """Rule parameter name -> default (the ``default`` preset) for one env."""
    return {
        name: f.default for name, f in get_env(env).rules.fields().items()
    }
