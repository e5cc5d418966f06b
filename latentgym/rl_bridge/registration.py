"""SkyRL env registration: one env id, ``latentgym``, for every LatentGym task.

The id scheme is the same everywhere (dataset rows' ``env_class``, ``environment.env_class`` in
the training scripts, :func:`register`): the single id ``latentgym`` names the adapter class, and
each row's ``extra_info`` picks the env, latent, prompt, feedback, N and seed. There are no
per-env ids, so a mixture of envs is one dataset with one env class.
"""

from __future__ import annotations

ENV_ID = "latentgym"
"""The one SkyRL env id (``env_class`` of every dataset row)."""

ENTRY_POINT = "latentgym.rl_bridge.env:LatentGymEnv"


def register(env_id: str = ENV_ID) -> str:
    """Register the adapter with ``skyrl_gym`` (idempotent) and return its id.

    Call it in every process that builds envs (SkyRL's entrypoint task does; see
    :mod:`latentgym.rl_bridge.train`).
    """
    from skyrl_gym.envs.registration import register as gym_register
    from skyrl_gym.envs.registration import registry

    if env_id not in registry:
        gym_register(id=env_id, entry_point=ENTRY_POINT)
    return env_id
