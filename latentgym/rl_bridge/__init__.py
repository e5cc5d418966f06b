"""The SkyRL bridge: LatentGym tasks as SkyRL training environments and datasets.

Data flows one way: this package imports :mod:`latentgym.envs` (and the scripted agents for
rollouts); the core never imports SkyRL. The same task definition (env x latent x prompt x
feedback x N, seed) gives the same conversation and rewards here and in the Inspect task.

Modules (SkyRL, transformers and torch are optional extras, imported only where needed):

- :mod:`.task` -- :class:`TaskSpec`, the task definition a dataset row carries;
- :mod:`.env` -- the skyrl-gym ``BaseTextEnv`` adapter (needs ``skyrl-gym``);
- :mod:`.registration` -- the single env id ``latentgym`` and :func:`register`;
- :mod:`.data` -- ``latentgym rl-data``: train / validation / eval parquet files + manifest;
- :mod:`.budget` -- token length of scripted rollouts (needs ``transformers``);
- :mod:`.advantage` -- the cross-task (per-episode) advantage estimator (needs ``torch``);
- :mod:`.train` -- the SkyRL training entrypoint (needs ``skyrl-train`` and a GPU).
"""

from .registration import ENV_ID, register
from .task import TaskSpec

__all__ = ["ENV_ID", "TaskSpec", "register"]
