"""SkyRL training entrypoint with LatentGym registered (needs ``skyrl-train``, Ray and a GPU).

Run it instead of ``skyrl_train.entrypoints.main_base``, with the same config overrides::

    python -m latentgym.rl_bridge.train data.train_data="['data/train.parquet']" ...

It registers the ``latentgym`` env and the ``latentgym_episode`` advantage estimator, then runs
SkyRL's PPO experiment. The env is registered inside the Ray entrypoint task (where the
generator builds envs), the estimator before Ray starts so SkyRL syncs it to every worker.
"""

from __future__ import annotations

import sys
from typing import Any

from .advantage import register as register_estimator
from .registration import register as register_env


def _run_experiment(cfg: Any) -> None:
    from skyrl_train.entrypoints.main_base import BasePPOExp

    register_env()
    register_estimator()
    BasePPOExp(cfg).run()


def main() -> None:
    """Parse SkyRL's config overrides from the command line, start Ray and train.

    skyrl-train releases parse overrides either with Hydra (``ppo_base_config``) or with
    ``SkyRLTrainConfig.from_cli_overrides``; whichever the installed release has is used.
    """
    import ray
    from skyrl_train.entrypoints.main_base import validate_cfg
    from skyrl_train.utils import initialize_ray

    register_env()
    register_estimator()
    entrypoint = ray.remote(num_cpus=1)(_run_experiment)

    def launch(cfg: Any) -> None:
        validate_cfg(cfg)
        initialize_ray(cfg)
        ray.get(entrypoint.remote(cfg))

    try:
        from skyrl_train.config import SkyRLTrainConfig
    except ImportError:
        SkyRLTrainConfig = None  # noqa: N806 - a Hydra-era release
    if SkyRLTrainConfig is not None:
        launch(SkyRLTrainConfig.from_cli_overrides(sys.argv[1:]))
        return

    import hydra
    from skyrl_train.entrypoints.main_base import config_dir

    hydra.main(config_path=config_dir, config_name="ppo_base_config", version_base=None)(launch)()


if __name__ == "__main__":
    main()
