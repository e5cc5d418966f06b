"""The skyrl-gym adapter: one ``BaseTextEnv`` over the core :class:`~latentgym.envs.SequenceEnv`.

Everything the model sees and every reward comes from the core sequence, so a rollout here and
an Inspect sample with the same (task, seed) are identical for the same replies. The adapter only
translates:

- ``init(prompt)`` -> the opening ``[system, user]`` messages (what the Inspect task shows);
- ``step(text)`` -> ``{observations: [one user message], reward, done, metadata}`` where
  ``reward`` follows the row's reward type and ``done`` is true exactly when the N-th episode
  ends, or when the env's own turn budget truncates the run (``metadata["truncated"]``);
- ``get_metrics`` / ``aggregate_metrics`` -> cumulative, gain, final reward, completion, and
  ``episode_end_turns``: the turn (1-based) that ended each finished episode. SkyRL hands each
  rollout's metrics to the trainer (``GeneratorOutput["env_metrics"]``), where
  :mod:`.trainer` turns them into per-token episode indices for the ``latentgym_episode``
  estimator: episode boundaries come from the env, never from reward values.

SkyRL builds the env as ``skyrl_gym.make(env_class, env_config=..., extras=row_extras)`` where
``row_extras`` holds every non-prompt column of the dataset row, so the task is read from
``extras["extra_info"]``. SkyRL also writes ``extras["max_turns"]`` (its generator setting);
it is ignored because the sequence enforces its own budget.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from skyrl_gym.envs.base_text_env import BaseTextEnv, BaseTextEnvStepOutput, ConversationType

from ..envs import LatentGymError, SequenceSummary
from .metrics import aggregate_rollout_metrics, rollout_metrics
from .task import TaskSpec, opening_messages


class LatentGymEnv(BaseTextEnv):
    """A LatentGym sequence as a SkyRL text env; the dataset row picks env, latent and seed."""

    def __init__(self, env_config: Any = None, extras: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        extras = dict(extras or {})
        info = extras.get("extra_info")
        if info is None:
            raise LatentGymError(
                "the latentgym env needs extras['extra_info'] with the task definition "
                "(write rows with `latentgym rl-data`)"
            )
        self.task = TaskSpec.from_extra_info(info)
        self.environment, self.sequence = self.task.make_sequence()
        self.max_turns = self.sequence.max_total_turns
        self.opening: list[dict[str, str]] | None = None

    def init(self, prompt: ConversationType) -> tuple[ConversationType, dict[str, Any]]:
        """Start the sequence; the returned messages replace the row's prompt."""
        self.turns = 0
        self.opening = opening_messages(self.sequence.start())
        metadata = {
            "task": self.environment.name,
            "seed": self.task.seed,
            "reward_type": self.task.reward_type,
            "num_episodes": self.sequence.num_episodes,
            "turn_budget": self.max_turns,
            "prompt_matches_row": _same_messages(prompt, self.opening),
        }
        return [dict(m) for m in self.opening], metadata

    def step(self, action: str) -> BaseTextEnvStepOutput:
        if self.opening is None:
            raise RuntimeError("call init() before step()")
        self.turns += 1
        out = self.sequence.step(action)
        metadata = {
            **out.metadata,
            "episode_done": out.episode_done,
            "valid": out.step.valid,
            "reason": out.step.reason,
            "complete": out.done,
            "truncated": out.truncated,
        }
        return BaseTextEnvStepOutput(
            observations=[{"role": "user", "content": out.observation}],
            reward=out.reward,
            done=out.done or out.truncated,
            metadata=metadata,
        )

    def summary(self) -> SequenceSummary:
        return SequenceSummary(tuple(self.sequence.episode_rewards), self.sequence.num_episodes)

    def get_metrics(self) -> dict[str, Any]:
        """Per-rollout metrics; a rollout stopped from outside (context limit) is incomplete."""
        return rollout_metrics(
            self.summary(),
            turns=self.sequence.total_turns,
            truncated=self.sequence.truncated,
            turns_per_episode=self.sequence.turns_per_episode,
        )

    @staticmethod
    def aggregate_metrics(metrics: list[dict[str, Any]]) -> dict[str, Any]:
        return aggregate_rollout_metrics(metrics)


def _same_messages(prompt: Any, opening: list[dict[str, str]]) -> bool:
    try:
        return [(m["role"], m["content"]) for m in prompt] == [(m["role"], m["content"]) for m in opening]
    except (TypeError, KeyError):
        return False
