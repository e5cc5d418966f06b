"""One Inspect task per registered env, generated from the catalogue.

Each task takes the common ``-T`` axes of :func:`~latentgym.tasks.sequence_task.sequence_task`
plus the env's own rule parameters as keyword arguments. The tasks accept ``**rules`` so that a
misspelt ``-T`` name reaches our validation and fails with the valid names, instead of being
dropped with a warning by Inspect.
"""

from __future__ import annotations

from typing import Any

from inspect_ai import Task, task

from ..envs import ENV_MODULES
from .sequence_task import sequence_task

TASK_DOC = """{title} sequences: ``inspect eval latentgym/{env} -T latent=...``.

Args:
    latent: Latent id (``latentgym list latents --env {env}``), or a cross-episode latent such
        as ``alternating:<a>+<b>``; default: the env's showcase latent.
    prompt: no_info, some_info or full_info.
    feedback: standard or information.
    num_episodes: Games per sequence N.
    n_sequences: Sequences (samples) in the task.
    seed: Seed of the first sequence; sequence i uses seed + i.
    preset: Rule preset: default (frontier evaluation) or rl_training.
    reward_type: cumulative, terminal, improvement or per_episode.
    max_total_turns: Sequence-wide turn cap (an incomplete run beyond it).
    handoff_k: Hand the conversation from the explorer role to the exploiter role after game K.
    handoff_marker: Optional text added where the exploiter takes over (none by default).
    trajectories: Directory of the original's trajectory files to play instead.
    max_context_tokens: Emulated context window; a call beyond it ends the sequence as
        ``context_overflow`` (incomplete).
    **rules: The env's rule parameters (``latentgym list rules --env {env}``); ``max_turns`` is
        accepted for ``max_turns_per_episode``.
"""


def env_task(env: str) -> Any:
    """The registered ``@task`` for one env."""

    def build(latent: str | None = None, **kwargs: Any) -> Task:
        return sequence_task(env, latent, **kwargs)

    build.__name__ = build.__qualname__ = env
    build.__doc__ = TASK_DOC.format(env=env, title=env.replace("_", " ").title())
    return task(build)


TASKS: dict[str, Any] = {env: env_task(env) for env in ENV_MODULES}
"""Env id -> its Inspect task function."""
