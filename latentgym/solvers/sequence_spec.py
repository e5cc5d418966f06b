"""The per-sample metadata of an Inspect sample: a task definition plus its hidden draw.

Everything needed to rebuild the sequence travels with the sample: the task definition shared
with the RL bridge (:class:`~latentgym.envs.task.TaskDefinition`), the resolved rules, and the
hidden episode configs (evaluator-only: metadata is never shown to the model). The fields are
flat so that log readers (``samples_df``, the reports) address them as ``metadata.<name>``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from ..envs import Environment, SequenceDraw, SequenceEnv
from ..envs.sequence import DEFAULT_MAX_TOTAL_TURNS
from ..envs.task import TaskDefinition

AXES = ("benchmark_id", "env", "latent", "latent_complexity", "prompt", "feedback", "num_episodes")
"""The configuration axes of a log's metadata (:meth:`Environment.axes`), also fields of a :class:`SequenceSpec`."""


class SequenceSpec(BaseModel):
    """Sample metadata of one sequence (``rule_overrides`` is the task's ``rules``)."""

    model_config = ConfigDict(frozen=True)

    benchmark_id: str
    env: str
    latent: str
    latent_complexity: str
    prompt: str
    feedback: str
    num_episodes: int
    seed: int
    preset: str = "default"
    rules: dict[str, Any]
    """The resolved rule set (every parameter), for readers of the log."""
    rule_overrides: dict[str, Any] = {}
    reward_type: str = "cumulative"
    max_total_turns: int = DEFAULT_MAX_TOTAL_TURNS
    handoff_k: int | None = None
    episode_configs: list[dict[str, Any]]
    context: dict[str, Any]

    @classmethod
    def build(
        cls,
        task: TaskDefinition,
        environment: Environment | None = None,
        draw: SequenceDraw | None = None,
        handoff_k: int | None = None,
    ) -> SequenceSpec:
        """The metadata of ``task`` (``draw``: recorded configs instead of the seed's)."""
        environment = environment or task.environment()
        draw = draw or task.draw(environment)
        return cls(
            **environment.axes(),
            seed=task.seed,
            preset=task.preset,
            rules=environment.rules.as_dict(),
            rule_overrides=dict(task.rules),
            reward_type=task.reward_type,
            max_total_turns=task.max_total_turns,
            handoff_k=handoff_k,
            episode_configs=[dict(c) for c in draw.configs],
            context=dict(draw.context),
        )

    def task(self) -> TaskDefinition:
        """The task definition this sample plays."""
        return TaskDefinition(
            env=self.env,
            latent=self.latent,
            prompt=self.prompt,
            feedback=self.feedback,
            num_episodes=self.num_episodes,
            preset=self.preset,
            rules=dict(self.rule_overrides),
            seed=self.seed,
            reward_type=self.reward_type,  # type: ignore[arg-type]
            max_total_turns=self.max_total_turns,
        )

    def environment(self) -> Environment:
        return self.task().environment()

    def sequence(self) -> SequenceEnv:
        """A fresh sequence env playing exactly these configs."""
        return self.task().sequence(SequenceDraw(tuple(self.episode_configs), self.context))
