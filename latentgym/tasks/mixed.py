"""``latentgym/mixed``: one sequence whose games come from several envs sharing one latent."""

from __future__ import annotations

from typing import Any

from inspect_ai import Task, task

from ..config_errors import clear_errors
from ..envs import LatentGymError
from .sequence_task import sequence_task


def mixed_env_name(envs: str | list[str], schedule: str) -> str:
    """``mixed:<env>+<env>:<schedule>`` from a list or a comma/plus separated string."""
    names = envs if isinstance(envs, list) else str(envs).replace("+", ",").split(",")
    names = [str(n).strip() for n in names if str(n).strip()]
    if len(names) < 2:
        raise LatentGymError(f"envs must list at least two envs, e.g. wordle,hangman; got {envs!r}")
    return f"mixed:{'+'.join(names)}:{schedule}"


@task
@clear_errors
def mixed(
    envs: str | list[str] = "wordle,hangman",
    schedule: str = "alternating",
    latent: str = "starts_with_S",
    **kwargs: Any,
) -> Task:
    """Mixed-environment sequences: each game may be another env; one latent is shared.

    Args:
        envs: The envs, e.g. ``wordle,hangman`` (or a YAML list).
        schedule: alternating, blocks, blocksB (B games per block), or env indices such as
            0-0-1 (cycled to N games).
        latent: A latent shared by every listed env: the same id in each, or a shared alias
            such as ``best_position_2`` (bandits loyal_favorite_2 = secretary fixed_position_2).
        **kwargs: The other ``-T`` parameters of every env task (prompt, feedback,
            num_episodes, n_sequences, seed, preset, ...), and rule parameters of the envs.
    """
    return sequence_task(mixed_env_name(envs, schedule), latent, **kwargs)
