"""One RL task row: the whole task definition a SkyRL dataset row carries in ``extra_info``.

A row names (env, latent, prompt, feedback, N, preset, rule overrides, seed, reward type), so the
env rebuilds the very sequence the Inspect task plays for the same seed: no trajectory files are
needed. Rows may instead point at the original's data files (``trajectory_path``), read with
:func:`latentgym.envs.load_trajectories`.

Key names follow the original's ``extra_info`` (``env_name``, ``latent_id``, ``prompt_id``,
``feedback_id``, ``num_episodes``, ``reward_type``) plus our own (``preset``, ``rules``,
``seed``, ``max_total_turns``, ``episode_marker``). ``rules`` is stored as a JSON string so a
mixture of envs keeps one flat parquet schema.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..envs import (
    REWARD_TYPES,
    Environment,
    LatentGymError,
    SequenceDraw,
    SequenceEnv,
    TrajectorySet,
    load_trajectories,
    Opening,
    parse_name,
    resolve,
)
from ..envs.errors import unknown
from ..envs.sequence import DEFAULT_MAX_TOTAL_TURNS

DEFAULT_REWARD_TYPE = "cumulative"
"""The training reward R = sum of r_i (the paper's recipe)."""


@dataclass(frozen=True)
class TaskSpec:
    """A fully defined task for one sequence (what one dataset row means).

    Attributes:
        env / latent / prompt / feedback / num_episodes: The five naming axes.
        preset: Rule preset (``default`` or ``rl_training``).
        rules: Explicit rule overrides (win over the preset).
        seed: Sequence seed; the Inspect task uses ``seed_base + i`` for sample i.
        reward_type: cumulative | terminal | improvement | per_episode.
        max_total_turns: Sequence-wide turn budget; the env ends the rollout there, truncated.
        episode_marker: Added to the step reward of every episode-ending turn (0 = off) so the
            cross-task advantage estimator can find episode ends that scored 0.
        trajectory_path: Optional original data file (``traj_*.json``) or directory.
        trajectory_index: Which trajectory of a directory to play.
    """

    env: str
    latent: str
    prompt: str = "no_info"
    feedback: str = "standard"
    num_episodes: int | None = None
    preset: str = "default"
    rules: Mapping[str, Any] = field(default_factory=dict)
    seed: int = 0
    reward_type: str = DEFAULT_REWARD_TYPE
    max_total_turns: int | None = None
    episode_marker: float = 0.0
    trajectory_path: str | None = None
    trajectory_index: int = 0

    def __post_init__(self) -> None:
        if self.reward_type not in REWARD_TYPES:
            raise unknown("reward type", self.reward_type, REWARD_TYPES)
        if self.episode_marker < 0:
            raise LatentGymError(f"episode_marker must be >= 0, got {self.episode_marker}")
        if self.max_total_turns is not None and self.max_total_turns < 1:
            raise LatentGymError(f"max_total_turns must be >= 1, got {self.max_total_turns}")

    @classmethod
    def from_name(cls, name: str, **fields: Any) -> TaskSpec:
        """From a benchmark id ``env/latent/prompt/feedback/epN`` plus any other field."""
        axes = parse_name(name)
        return cls(
            env=axes["env"], latent=axes["latent"], prompt=axes["prompt"],
            feedback=axes["feedback"], num_episodes=axes["num_episodes"], **fields,
        )

    def with_seed(self, seed: int) -> TaskSpec:
        return replace(self, seed=seed)

    def environment(self, trajectories: TrajectorySet | None = None) -> Environment:
        """The resolved environment (file ``env_params`` win when a trajectory is used).

        ``trajectories``: the row's trajectory folder when the caller has already loaded it.
        """
        if self.trajectory_path:
            return (trajectories or _trajectory_set(self.trajectory_path)).environment(
                self.prompt, self.feedback, self.preset, **dict(self.rules)
            )
        return resolve(
            self.env, self.latent, self.prompt, self.feedback, self.num_episodes,
            self.preset, **dict(self.rules),
        )

    @property
    def name(self) -> str:
        """The benchmark id of the resolved environment."""
        return self.environment().name

    def turn_budget(self, environment: Environment) -> int:
        """The sequence-wide turn budget the env enforces itself.

        SkyRL overwrites ``extras["max_turns"]`` with its generator setting, so the env never
        relies on it. Every per-episode cap is hard, so N x ``safety_max_turns`` bounds any
        sequence; the sequence default (1000) caps it further unless the row sets its own.
        """
        if self.max_total_turns is not None:
            return self.max_total_turns
        n = environment.num_episodes
        return min(DEFAULT_MAX_TOTAL_TURNS, n * environment.rules.safety_max_turns)

    def make_sequence(self) -> tuple[Environment, SequenceEnv]:
        """The environment and a fresh sequence, exactly as ``Environment.make(seed)`` builds it."""
        trajectories = _trajectory_set(self.trajectory_path) if self.trajectory_path else None
        environment = self.environment(trajectories)
        draw = self.draw(environment, trajectories)
        seq = environment.make(
            self.seed,
            reward_type=self.reward_type,  # type: ignore[arg-type]
            max_total_turns=self.turn_budget(environment),
            draw=draw,
        )
        return environment, seq

    def draw(self, environment: Environment, trajectories: TrajectorySet | None = None) -> SequenceDraw:
        """The hidden configs and context: the seed's draw, or the row's recorded trajectory."""
        if not self.trajectory_path:
            return environment.draw(self.seed)
        path = Path(self.trajectory_path)
        trajectories = trajectories or _trajectory_set(path)
        return trajectories.draw(_trajectory_position(path, trajectories, self.trajectory_index))

    def to_extra_info(self) -> dict[str, Any]:
        """The row's ``extra_info``: flat, JSON-able, one schema for every env."""
        info: dict[str, Any] = {
            "env_name": self.env,
            "latent_id": self.latent,
            "prompt_id": self.prompt,
            "feedback_id": self.feedback,
            "num_episodes": self.num_episodes,
            "preset": self.preset,
            "rules": json.dumps(dict(self.rules), sort_keys=True),
            "seed": self.seed,
            "reward_type": self.reward_type,
            "max_total_turns": self.max_total_turns,
            "episode_marker": float(self.episode_marker),
        }
        if self.trajectory_path:
            info["trajectory_path"] = self.trajectory_path
            info["trajectory_index"] = self.trajectory_index
        return info

    @classmethod
    def from_extra_info(cls, info: Mapping[str, Any]) -> TaskSpec:
        """Rebuild the spec from a row's ``extra_info`` (missing optional keys take defaults)."""
        if not isinstance(info, Mapping):
            raise LatentGymError(f"extra_info must be a mapping, got {type(info).__name__}")
        path = info.get("trajectory_path")
        if not info.get("env_name") and not path:
            raise LatentGymError("extra_info needs env_name (or trajectory_path)")
        env, latent, n = info.get("env_name"), info.get("latent_id"), info.get("num_episodes")
        if path:
            trajectories = _trajectory_set(path)
            env, latent = trajectories.env, trajectories.latent_id
            n = trajectories.num_episodes
        if not latent:
            raise LatentGymError("extra_info needs latent_id")
        rules = info.get("rules") or {}
        if isinstance(rules, str):
            rules = json.loads(rules)
        turns = info.get("max_total_turns")
        return cls(
            env=str(env),
            latent=str(latent),
            prompt=str(info.get("prompt_id") or "no_info"),
            feedback=str(info.get("feedback_id") or "standard"),
            num_episodes=None if n is None else int(n),
            preset=str(info.get("preset") or "default"),
            rules={k: v for k, v in rules.items() if v is not None},
            seed=int(info.get("seed") or 0),
            reward_type=str(info.get("reward_type") or DEFAULT_REWARD_TYPE),
            max_total_turns=None if turns is None else int(turns),
            episode_marker=float(info.get("episode_marker") or 0.0),
            trajectory_path=str(path) if path else None,
            trajectory_index=int(info.get("trajectory_index") or 0),
        )


def _trajectory_set(path: str | Path) -> TrajectorySet:
    root = Path(path)
    return load_trajectories(root.parent if root.is_file() else root)


def _trajectory_position(path: Path, trajectories: TrajectorySet, index: int) -> int:
    """Position of a ``traj_*.json`` file in its directory's manifest order (or ``index``)."""
    if not path.is_file():
        return index
    if path.name not in trajectories.files:
        raise LatentGymError(f"{path.name} is not listed in {path.parent / 'manifest.json'}")
    return trajectories.files.index(path.name)


def opening_messages(opening: Opening) -> list[dict[str, str]]:
    """The opening as chat messages: the rules as system message, game 1 as first user message."""
    return [
        {"role": "system", "content": opening.system},
        {"role": "user", "content": opening.user},
    ]
