"""The replay API: games and sequences from explicit configs, and the original's data files.

``load_game`` reproduces the original's per-turn outcomes and rewards for recorded action
streams; ``load_trajectories`` reads a directory written by the original generator
(``manifest.json`` + ``traj_*.json``) so results can be compared on the same tasks.
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .base import Game
from .catalogue import resolve
from .environment import Environment
from .errors import LatentGymError, unknown
from .latent import SequenceDraw
from .registry import get_env


def load_game(
    env: str,
    config: Mapping[str, Any],
    *,
    preset: str = "default",
    rng: random.Random | None = None,
    **params: Any,
) -> Game[Any, Any]:
    """Build one game from an explicit episode config (the original's field names).

    Args:
        env: Env id, e.g. ``"number_guessing"``.
        config: Episode config, e.g. ``{"target_number": 137, "min_range": 1, "max_range": 1000,
            "max_turns_per_episode": 30}``. Its ``max_turns_per_episode``, when present, sets the
            rules' turn cap (unless ``params`` sets it).
        preset: Rule preset (``default`` or ``rl_training``).
        rng: RNG for in-play randomness (bandit pulls); seeded with 0 when omitted.
        **params: Rule parameters, or the env's replay options (e.g. bandits' ``pull_outcomes``).

    Returns:
        A game; call ``reset()`` then ``step(text)``.
    """
    definition = get_env(env)
    options = {k: params.pop(k) for k in list(params) if k in definition.game_options}
    unknown_keys = set(params) - set(definition.rules.fields())
    if unknown_keys:
        choices = [*definition.rules.fields(), *definition.game_options]
        raise unknown(f"parameter for {env}", sorted(unknown_keys)[0], choices)
    cap = config.get("max_turns_per_episode")
    if cap is not None:
        params.setdefault("max_turns_per_episode", cap)
    rules = definition.make_rules(preset, **params)
    return definition.game(config, rules, rng, **options)


@dataclass(frozen=True)
class TrajectorySet:
    """Fixed task sequences loaded from the original's data files."""

    env: str
    latent_id: str
    num_episodes: int
    trajectories: tuple[dict[str, Any], ...]
    env_params: dict[str, Any]
    files: tuple[str, ...] = ()
    """The ``traj_*.json`` file names, in the order of :attr:`trajectories`."""

    def draw(self, index: int) -> SequenceDraw:
        traj = self.trajectories[index]
        meta = traj.get("metadata") or {}
        return SequenceDraw(tuple(traj["episodes"]), dict(meta.get("context") or {}))

    def merged_rules(self, rules: Mapping[str, Any]) -> dict[str, Any]:
        """Caller rules overridden by the files' rules: their ``env_params``, else the turn cap
        the original wrote into each episode config."""
        known = get_env(self.env).rules.fields()
        from_files = {k: v for k, v in self.env_params.items() if k in known}
        cap = self.trajectories[0]["episodes"][0].get("max_turns_per_episode") if self.trajectories else None
        if cap is not None:
            from_files.setdefault("max_turns_per_episode", cap)
        return {**rules, **from_files}

    def environment(
        self, prompt: str = "no_info", feedback: str = "standard", preset: str = "default", **rules: Any
    ) -> Environment:
        """The environment these files define; file ``env_params`` win over caller rules."""
        merged = self.merged_rules(rules)
        return resolve(self.env, self.latent_id, prompt, feedback, self.num_episodes, preset, **merged)


def load_trajectories(directory: str | Path) -> TrajectorySet:
    """Read ``manifest.json`` and its ``traj_*.json`` files from one directory."""
    root = Path(directory)
    manifest_path = root / "manifest.json"
    if not manifest_path.is_file():
        raise LatentGymError(f"no manifest.json in {root}")
    manifest = json.loads(manifest_path.read_text())
    env = manifest.get("env_name")
    get_env(env)
    files = manifest.get("trajectory_files") or sorted(p.name for p in root.glob("traj_*.json"))
    trajectories = []
    for name in files:
        traj = json.loads((root / name).read_text())
        if not traj.get("episodes"):
            raise LatentGymError(f"{root / name} has no episodes")
        trajectories.append(traj)
    extra = manifest.get("extra") or {}
    return TrajectorySet(
        env=env,
        latent_id=manifest.get("latent_id") or trajectories[0].get("latent_id"),
        num_episodes=int(manifest.get("num_episodes") or len(trajectories[0]["episodes"])),
        trajectories=tuple(trajectories),
        env_params=dict(extra.get("env_params") or {}),
        files=tuple(files),
    )


def write_trajectories(environment: Environment, seeds: list[int], directory: str | Path) -> Path:
    """Write sequences in the original's file format (interop with its tools)."""
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    files = []
    for i, seed in enumerate(seeds):
        draw = environment.draw(seed)
        name = f"traj_{i:04d}.json"
        cap = {"max_turns_per_episode": environment.rules.max_turns_per_episode}  # the original's layout
        payload = {
            "trajectory_id": i,
            "latent_id": environment.latent.id,
            "episodes": [{**c, **cap} for c in draw.configs],
            "metadata": {
                "seed": seed,
                "num_episodes": environment.num_episodes,
                "latent_complexity": environment.latent.complexity,
                "env_params": environment.rules.as_dict(),
                "context": draw.context,
            },
        }
        (root / name).write_text(json.dumps(payload, indent=1))
        files.append(name)
    manifest = {
        "env_name": environment.env,
        "latent_id": environment.latent.id,
        "num_episodes": environment.num_episodes,
        "seed": seeds[0] if seeds else None,
        "n_trajectories": len(seeds),
        "trajectory_files": files,
        "extra": {"env_params": environment.rules.as_dict()},
    }
    (root / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return root


__all__ = ["load_game", "load_trajectories", "write_trajectories", "TrajectorySet"]
