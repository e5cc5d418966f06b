"""The per-sample task definition carried in Inspect sample metadata.

Everything needed to rebuild the sequence travels with the sample: the five axes, the rules, the
seed, and the hidden episode configs (evaluator-only: metadata is never shown to the model).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from ..envs import Environment, SequenceDraw, SequenceEnv, resolve
from ..envs.sequence import DEFAULT_MAX_TOTAL_TURNS


class SequenceSpec(BaseModel):
    """Sample metadata of one sequence."""

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
    rule_overrides: dict[str, Any] = {}
    reward_type: str = "cumulative"
    max_total_turns: int = DEFAULT_MAX_TOTAL_TURNS
    handoff_k: int | None = None
    episode_configs: list[dict[str, Any]]
    context: dict[str, Any]

    @classmethod
    def build(
        cls,
        environment: Environment,
        seed: int,
        draw: SequenceDraw | None = None,
        *,
        preset: str = "default",
        reward_type: str = "cumulative",
        max_total_turns: int = DEFAULT_MAX_TOTAL_TURNS,
        handoff_k: int | None = None,
        rule_overrides: dict[str, Any] | None = None,
    ) -> SequenceSpec:
        draw = draw or environment.draw(seed)
        return cls(
            benchmark_id=environment.name,
            env=environment.env,
            latent=environment.latent.id,
            latent_complexity=environment.latent.complexity,
            prompt=environment.prompt,
            feedback=environment.feedback,
            num_episodes=environment.num_episodes,
            seed=seed,
            preset=preset,
            rules=environment.rules.as_dict(),
            rule_overrides=dict(rule_overrides or {}),
            reward_type=reward_type,
            max_total_turns=max_total_turns,
            handoff_k=handoff_k,
            episode_configs=[dict(c) for c in draw.configs],
            context=dict(draw.context),
        )

    def environment(self) -> Environment:
        return resolve(
            self.env, self.latent, self.prompt, self.feedback, self.num_episodes, self.preset,
            **self.rule_overrides,
        )

    def sequence(self) -> SequenceEnv:
        """A fresh sequence env playing exactly these configs."""
        environment = self.environment()
        draw = SequenceDraw(tuple(self.episode_configs), self.context)
        return environment.make(
            self.seed,
            reward_type=self.reward_type,  # type: ignore[arg-type]
            max_total_turns=self.max_total_turns,
            draw=draw,
        )
