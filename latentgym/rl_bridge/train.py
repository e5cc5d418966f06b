"""SkyRL training entrypoint with LatentGym registered (needs ``skyrl`` 0.4.x with its training extras).

Run it instead of ``python -m skyrl.train.entrypoints.main_base``, with the same config overrides::

    python -m latentgym.rl_bridge.train data.train_data="['data/train.parquet']" ...

It parses the overrides into SkyRL's dataclass config (``SkyRLTrainConfig.from_cli_overrides``:
an unknown key is an error), registers the ``latentgym`` env and the ``latentgym_episode``
advantage estimator, and runs SkyRL's PPO experiment with :class:`~.trainer.LatentGymTrainer`
(which records each batch's episode boundaries for that estimator). The env is registered
inside the Ray entrypoint task (where the generator builds envs), the estimator also before Ray
starts so SkyRL's config check accepts its name.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from .advantage import register as register_estimator
from .registration import register as register_env


def parse_config(overrides: Sequence[str]) -> Any:
    """SkyRL's config from ``key=value`` overrides, checked for this bridge (raises on a bad key)."""
    from .compat import import_skyrl

    import_skyrl()
    from skyrl.train.config import SkyRLTrainConfig

    from .trainer import check_config

    cfg = SkyRLTrainConfig.from_cli_overrides(list(overrides))
    check_config(cfg)
    return cfg


def _run_experiment(cfg: Any) -> None:
    from .trainer import LatentGymExp

    register_env()
    register_estimator()
    LatentGymExp(cfg).run()


def main(argv: Sequence[str] | None = None) -> int:
    """Parse SkyRL's config overrides, start Ray and train."""
    from .compat import import_skyrl

    import_skyrl()
    import ray
    from skyrl.train.utils import validate_cfg
    from skyrl.train.utils.utils import initialize_ray

    register_env()
    register_estimator()
    try:
        cfg = parse_config(sys.argv[1:] if argv is None else argv)
        validate_cfg(cfg)
    except (ValueError, AssertionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    initialize_ray(cfg)
    ray.get(ray.remote(num_cpus=1)(_run_experiment).remote(cfg))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
