"""What one env folder contributes to the catalogue: its game, rules, latents and texts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from .base import EpisodeConfig, Game, RuleSet
from .composite import composite
from .errors import LatentGymError, unknown
from .latent import Latent

Prompt = Literal["no_info", "some_info", "full_info"]
Feedback = Literal["standard", "information"]
RewardType = Literal["cumulative", "terminal", "improvement", "per_episode"]

PROMPTS: tuple[Prompt, ...] = ("no_info", "some_info", "full_info")
FEEDBACKS: tuple[Feedback, ...] = ("standard", "information")
REWARD_TYPES: tuple[RewardType, ...] = ("cumulative", "terminal", "improvement", "per_episode")

PROMPT_DESCRIPTIONS: dict[str, str] = {
    "no_info": "Nothing about cross-task structure is said.",
    "some_info": "A vague hint that something may recur across games.",
    "full_info": "An explicit description of the latent (its form, never its values).",
}
FEEDBACK_DESCRIPTIONS: dict[str, str] = {
    "standard": "After each game: the score and whether it was solved.",
    "information": "After each game: the score plus the ground truth (target, best arm...).",
}


@dataclass(frozen=True)
class EnvDefinition:
    """Everything the core needs to run one env.

    Attributes:
        name: Env id (``number_guessing``).
        title: Human title shown in episode headers (``Number Guessing``).
        game: The :class:`~latentgym.envs.base.Game` subclass.
        rules: The env's :class:`~latentgym.envs.base.RuleSet` subclass; its defaults are the
            ``default`` (frontier evaluation) parameter set.
        presets: Named overrides of the rule defaults (``rl_training``).
        latents: Loader of the latent catalogue, called once on first use.
        intro: ``intro(rules, first_config, n)`` -> the rules text, including that N games are
            played in sequence (``rules`` and ``first_config`` are the env's own typed classes).
        some_info_hint / some_info_reminder: The env's vague hint and transition reminder.
        full_info_hint / full_info_reminder: Fallbacks for latents that carry no hint of their own.
        default_num_episodes: N when the caller gives none.
        game_options: Names of extra replay-only keyword arguments the game accepts.
    """

    name: str
    title: str
    game: type[Game[Any, Any]]
    rules: type[RuleSet]
    latents: Callable[[], Mapping[str, Latent]]
    intro: Callable[[Any, Any, int], str]
    some_info_hint: str
    some_info_reminder: str
    full_info_hint: str
    full_info_reminder: str
    presets: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    default_num_episodes: int = 10
    game_options: tuple[str, ...] = ()
    default_latent: str | None = None
    """The latent a task uses when none is given (``None``: the catalogue's first)."""

    def parse_config(self, raw: Mapping[str, Any] | EpisodeConfig) -> EpisodeConfig:
        """The env's typed episode config of an original-style dict."""
        return self.game.config_type.parse(raw)

    @cached_property
    def latent_catalogue(self) -> Mapping[str, Latent]:
        return self.latents()

    def latent(self, latent_id: str) -> Latent:
        """A catalogue latent, or a cross-episode composite such as ``alternating:a+b``."""
        found = self.latent_catalogue.get(latent_id)
        if found is not None:
            return found
        if ":" in latent_id:
            return composite(latent_id, self.latent_catalogue, self.full_info_hint)
        raise unknown(f"latent for {self.name}", latent_id, self.latent_catalogue)

    @property
    def task_default_latent(self) -> str:
        return self.default_latent or next(iter(self.latent_catalogue))

    def make_rules(self, preset: str = "default", **overrides: Any) -> RuleSet:
        """Build the rule set: class defaults < preset < explicit overrides (``None`` ignored)."""
        if preset != "default" and preset not in self.presets:
            raise unknown(f"rule preset for {self.name}", preset, ["default", *self.presets])
        values = dict(self.presets.get(preset, {}))
        values.update({k: v for k, v in overrides.items() if v is not None})
        valid = set(self.rules.fields())
        bad = sorted(set(values) - valid)
        if bad:
            raise unknown(f"rule parameter for {self.name}", bad[0], valid)
        try:
            return self.rules(**values)
        except LatentGymError as exc:
            raise LatentGymError(f"{self.name}: {exc}") from None

    def hint(self, prompt: Prompt, latent: Latent) -> str:
        if prompt == "some_info":
            return self.some_info_hint
        if prompt == "full_info":
            return latent.hint or self.full_info_hint
        return ""

    def reminder(self, prompt: Prompt, latent: Latent) -> str:
        if prompt == "some_info":
            return self.some_info_reminder
        if prompt == "full_info":
            return latent.reminder or self.full_info_reminder
        return ""
