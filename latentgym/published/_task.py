"""Play the published hidden tasks again: ``-T trajectories=<a published configuration folder>``.

A configuration folder of the published data
(``trajectories/<variant>/<env>/<latent>/<prompt>__<feedback>__ep<N>/``) holds one file per model
and seed. :func:`published_trajectories` turns it into the fixed sequences the Inspect task plays:
one per seed, with the recorded per-episode configs (the targets), the seed, and the prompt,
feedback and rule preset of the recording. Samples are named ``seed<S>`` as in the imported logs,
so ``latentgym leaderboard`` puts a new model next to the published ones, paired by sequence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..envs import LatentGymError, TrajectorySet, get_env
from ._format import CONFIG_DIR, preset_for, read_run, run_files


@dataclass(frozen=True)
class PublishedTasks:
    """The fixed sequences of one published configuration, and the axes they were recorded under."""

    trajectories: TrajectorySet
    prompt: str
    feedback: str
    preset: str


def is_published_folder(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a configuration folder of the published data."""
    folder = Path(path)
    return folder.is_dir() and CONFIG_DIR.match(folder.name) is not None and bool(run_files(folder))


def published_trajectories(path: str | os.PathLike[str], model: str | None = None) -> PublishedTasks | None:
    """The published tasks of a configuration folder (``None`` when ``path`` is not one).

    Every model of a configuration played the same hidden configs for a seed; the configs are
    read from ``model``'s files when given, else from the first model's file of each seed.
    """
    if not is_published_folder(path):
        return None
    folder = Path(path)
    by_seed: dict[int, Path] = {}
    for model_name, seed, file in run_files(folder):
        if model is None or model_name == model:
            by_seed.setdefault(seed, file)
    if not by_seed:
        raise LatentGymError(f"{folder} has no runs of model {model!r}")
    runs = [read_run(by_seed[seed]) for seed in sorted(by_seed)]
    first = runs[0]
    preset = preset_for(first.variant)
    definition = get_env(first.env)
    rules = definition.make_rules(preset, **first.rule_overrides).as_dict()
    trajectories = tuple(
        {"episodes": [dict(c) for c in run.episode_configs[: run.num_episodes]], "metadata": {"seed": run.seed}}
        for run in runs
    )
    return PublishedTasks(
        trajectories=TrajectorySet(
            env=first.env,
            latent_id=first.latent,
            num_episodes=first.num_episodes,
            trajectories=trajectories,
            env_params=rules,
            files=tuple(by_seed[s].name for s in sorted(by_seed)),
        ),
        prompt=first.prompt,
        feedback=first.feedback,
        preset=preset,
    )
