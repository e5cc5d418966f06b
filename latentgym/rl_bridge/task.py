"""One RL task row: the shared task definition plus what a SkyRL dataset row needs beyond it.

:class:`TaskSpec` is :class:`~latentgym.envs.task.TaskDefinition` (the record the Inspect task
stores in each sample's metadata) with two optional fields: a row may point at the original's data
files (``trajectory_path``, read with :func:`latentgym.envs.load_trajectories`) instead of drawing
its hidden configs from the seed. Names, rules, seeds, reward type and the sequence turn cap are
resolved by ``TaskDefinition`` itself, so a row and an Inspect sample of the same task and seed
play the same sequence under the same turn cap.

:meth:`TaskSpec.to_extra_info` / :meth:`TaskSpec.from_extra_info` are the row form. Key names
follow the original's ``extra_info`` (``env_name``, ``latent_id``, ``prompt_id``,
``feedback_id``, ``num_episodes``, ``reward_type``) plus the other ``TaskDefinition`` fields
(``preset``, ``rules``, ``seed``, ``max_total_turns``). ``rules`` is stored as a JSON string so a
mixture of envs keeps one flat parquet schema.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..envs import (
    Environment,
    LatentGymError,
    Opening,
    RewardType,
    SequenceDraw,
    SequenceEnv,
    TaskDefinition,
    TrajectorySet,
    load_trajectories,
)
from ..envs.sequence import DEFAULT_MAX_TOTAL_TURNS

DEFAULT_REWARD_TYPE: RewardType = "cumulative"
"""The training reward R = sum of r_i (the paper's recipe); also ``TaskDefinition``'s default."""

# extra_info key -> TaskDefinition field, for the five naming axes (the other fields keep their names).
_AXIS_KEYS = {
    "env_name": "env",
    "latent_id": "latent",
    "prompt_id": "prompt",
    "feedback_id": "feedback",
    "num_episodes": "num_episodes",
}


@dataclass(frozen=True)
class TaskSpec(TaskDefinition):
    """A :class:`TaskDefinition` as one dataset row, optionally replaying a recorded trajectory.

    Attributes (beyond ``TaskDefinition``'s):
        trajectory_path: Optional original data file (``traj_*.json``) or directory; its
            ``env_params`` win over the row's rules and its recorded configs replace the seed's draw.
        trajectory_index: Which trajectory of a directory to play.
    """

    trajectory_path: str | None = None
    trajectory_index: int = 0

    def environment(self, trajectories: TrajectorySet | None = None) -> Environment:
        """The resolved environment (file ``env_params`` win when a trajectory is used).

        ``trajectories``: the row's trajectory folder when the caller has already loaded it.
        """
        if not self.trajectory_path:
            return super().environment()
        return (trajectories or _trajectory_set(self.trajectory_path)).environment(
            self.prompt, self.feedback, self.preset, **dict(self.rules)
        )

    @property
    def name(self) -> str:
        """The benchmark id of the resolved environment."""
        return self.environment().name

    def draw(self, environment: Environment | None = None, trajectories: TrajectorySet | None = None) -> SequenceDraw:
        """The hidden configs and context: the seed's draw, or the row's recorded trajectory."""
        if not self.trajectory_path:
            return super().draw(environment)
        path = Path(self.trajectory_path)
        trajectories = trajectories or _trajectory_set(path)
        return trajectories.draw(_trajectory_position(path, trajectories, self.trajectory_index))

    def make_sequence(self) -> tuple[Environment, SequenceEnv]:
        """The environment and a fresh sequence, built by :meth:`TaskDefinition.sequence`."""
        trajectories = _trajectory_set(self.trajectory_path) if self.trajectory_path else None
        environment = self.environment(trajectories)
        draw = self.draw(environment, trajectories) if trajectories is not None else None
        return environment, self.sequence(draw=draw, environment=environment)

    def to_extra_info(self) -> dict[str, Any]:
        """The row's ``extra_info``: flat, JSON-able, one schema for every env."""
        info: dict[str, Any] = {key: getattr(self, name) for key, name in _AXIS_KEYS.items()}
        info.update(
            preset=self.preset,
            rules=json.dumps(dict(self.rules), sort_keys=True),
            seed=self.seed,
            reward_type=self.reward_type,
            max_total_turns=self.max_total_turns,
        )
        if self.trajectory_path:
            info["trajectory_path"] = self.trajectory_path
            info["trajectory_index"] = self.trajectory_index
        return info

    @classmethod
    def from_extra_info(cls, info: Mapping[str, Any]) -> TaskSpec:
        """Rebuild the spec from a row's ``extra_info`` (missing optional keys take the defaults)."""
        if not isinstance(info, Mapping):
            raise LatentGymError(f"extra_info must be a mapping, got {type(info).__name__}")
        path = info.get("trajectory_path")
        if not info.get("env_name") and not path:
            raise LatentGymError("extra_info needs env_name (or trajectory_path)")
        env, latent, n = info.get("env_name"), info.get("latent_id"), info.get("num_episodes")
        if path:
            trajectories = _trajectory_set(path)
            env, latent, n = trajectories.env, trajectories.latent_id, trajectories.num_episodes
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
            reward_type=str(info.get("reward_type") or DEFAULT_REWARD_TYPE),  # type: ignore[arg-type]
            max_total_turns=DEFAULT_MAX_TOTAL_TURNS if turns is None else int(turns),
            trajectory_path=str(path) if path else None,
            trajectory_index=int(info.get("trajectory_index") or 0),
        )


def _trajectory_set(path: str | Path) -> TrajectorySet:
    """The trajectories of ``path``'s folder, read once per process and state of the folder.

    A row is resolved several times per rollout and an RL run replays the same rows, so the folder
    is read again only when it or its ``manifest.json`` changes (their modification times).
    """
    root = Path(path)
    folder = root.parent if root.is_file() else root
    resolved = folder.resolve()
    return _load_trajectories(str(folder), str(resolved), _mtime_ns(resolved), _mtime_ns(resolved / "manifest.json"))


def _mtime_ns(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


@lru_cache(maxsize=64)
def _load_trajectories(
    folder: str, resolved: str, folder_mtime: int | None, manifest_mtime: int | None
) -> TrajectorySet:
    """:func:`load_trajectories` of ``folder`` (as given, for its messages), cached by the folder as
    given and resolved and by the modification times; an error is raised again, not cached."""
    return load_trajectories(folder)


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
