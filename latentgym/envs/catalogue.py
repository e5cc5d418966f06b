"""The catalogue: resolves (env, latent, prompt, feedback, N) into one runnable environment,
and lists what can be resolved (envs, latents, prompts, feedbacks, rule parameters)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .composite import CROSS_EPISODE
from .definition import FEEDBACK_DESCRIPTIONS, FEEDBACKS, PROMPT_DESCRIPTIONS, PROMPTS
from .environment import Environment
from .errors import LatentGymError, unknown
from .latent import Latent
from .mixed import is_mixed, resolve_mixed
from .registry import get_env, list_envs
from .sequence import EpisodeKind


@dataclass(frozen=True, slots=True)
class LatentInfo:
    """One catalogue row for listings."""

    env: str
    id: str
    complexity: str
    mode: str
    description: str
    latent: Latent = field(repr=False, compare=False)

    @property
    def unplayable(self) -> str | None:
        """Why the latent cannot generate episodes (``None``: it can). Reading it builds the
        latent's candidate pool, so a listing stays cheap for callers that never ask."""
        return self.latent.unplayable()


def _info(env: str, latent: Latent) -> LatentInfo:
    return LatentInfo(env, latent.id, latent.complexity, latent.mode, latent.description, latent)


def list_latents(env: str | None = None) -> list[LatentInfo]:
    """Every latent (of one env, or of all envs) with complexity, mode and description (and, on
    demand, why a latent cannot generate episodes)."""
    envs = [env] if env is not None else list_envs()
    return [_info(name, lat) for name in envs for lat in get_env(name).latent_catalogue.values()]


def list_cross_episode_latents(env: str | None = None) -> list[LatentInfo]:
    """The registered cross-episode latents (``alternating:a+b`` ...) of one env or all envs."""
    envs = [env] if env is not None else list_envs()
    rows = []
    for name in envs:
        definition = get_env(name)
        for latent_id in CROSS_EPISODE.get(name, ()):
            rows.append(_info(name, definition.latent(latent_id)))
    return rows


def list_prompts() -> dict[str, str]:
    """Prompt variant -> what it reveals."""
    return dict(PROMPT_DESCRIPTIONS)


def list_feedbacks() -> dict[str, str]:
    """Feedback variant -> what it reveals between tasks."""
    return dict(FEEDBACK_DESCRIPTIONS)


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
    if is_mixed(env):
        n = MIXED_DEFAULT_EPISODES if num_episodes is None else _positive_episodes(num_episodes)
        return resolve_mixed(env, latent, prompt, feedback, n, preset, **rules)
    definition = get_env(env)
    kind = EpisodeKind(definition, definition.latent(latent), definition.make_rules(preset, **rules))
    n = definition.default_num_episodes if num_episodes is None else _positive_episodes(num_episodes)
    return Environment.single(kind, prompt, feedback, n)


MIXED_DEFAULT_EPISODES = 10
"""N of a mixed environment when the caller gives none."""


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
    return {name: f.default for name, f in get_env(env).rules.fields().items()}
