"""The task definition shared by every front end: what one sequence is, and how to rebuild it.

The Inspect task stores it in each sample's metadata and the RL bridge in each dataset row's
``extra_info``; both rebuild the same sequence from it, so a seed plays the same hidden tasks in
an eval, in training and in tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Self

from .catalogue import parse_name, resolve
from .definition import REWARD_TYPES, RewardType
from .environment import Environment
from .errors import LatentGymError, unknown
from .latent import SequenceDraw
from .sequence import DEFAULT_MAX_TOTAL_TURNS, SequenceEnv


@dataclass(frozen=True)
class TaskDefinition:
    """One fully defined sequence task.

    Attributes:
        env / latent / prompt / feedback / num_episodes: The five naming axes (``None`` episodes:
            the env's default N).
        preset: Rule preset (``default`` or ``rl_training``).
        rules: Explicit rule overrides; they win over the preset.
        seed: Sequence seed: the same seed draws the same hidden episode configs everywhere.
        reward_type: cumulative | terminal | improvement | per_episode.
        max_total_turns: Sequence-wide turn cap; reaching it ends the run as incomplete.
    """

    env: str
    latent: str
    prompt: str = "no_info"
    feedback: str = "standard"
    num_episodes: int | None = None
    preset: str = "default"
    rules: Mapping[str, Any] = field(default_factory=dict)
    seed: int = 0
    reward_type: RewardType = "cumulative"
    max_total_turns: int = DEFAULT_MAX_TOTAL_TURNS

    def __post_init__(self) -> None:
        if self.reward_type not in REWARD_TYPES:
            raise unknown("reward type", self.reward_type, REWARD_TYPES)
        if (
            isinstance(self.max_total_turns, bool)
            or not isinstance(self.max_total_turns, int)
            or self.max_total_turns < 1
        ):
            raise LatentGymError(f"max_total_turns must be an integer >= 1, got {self.max_total_turns!r}")

    @classmethod
    def from_name(cls, name: str, **values: Any) -> Self:
        """From a benchmark id ``env/latent/prompt/feedback/epN`` plus any other field."""
        return cls(**parse_name(name), **values)

    def with_seed(self, seed: int) -> Self:
        return replace(self, seed=seed)

    def environment(self) -> Environment:
        """The resolved environment (raises a clear error for any bad axis or rule)."""
        return resolve(
            self.env, self.latent, self.prompt, self.feedback, self.num_episodes, self.preset, **dict(self.rules)
        )

    def draw(self, environment: Environment | None = None) -> SequenceDraw:
        """The hidden episode configs and latent context of this seed."""
        return (environment or self.environment()).draw(self.seed)

    def sequence(self, draw: SequenceDraw | None = None, environment: Environment | None = None) -> SequenceEnv:
        """A fresh sequence env for this task (``draw``: play these configs instead of the seed's)."""
        environment = environment or self.environment()
        return environment.make(
            self.seed, reward_type=self.reward_type, max_total_turns=self.max_total_turns, draw=draw
        )
