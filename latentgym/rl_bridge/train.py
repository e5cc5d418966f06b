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


def summary(cfg: Any) -> str:
    """One line on what the config trains and where the Hugging Face models go."""
    t = cfg.trainer
    hf = (
        f"HF model every {t.hf_save_interval} steps in {t.export_path}"
        if t.hf_save_interval > 0
        else "no HF model saved"
    )
    return (
        f"config ok: {t.algorithm.advantage_estimator} (gamma {t.algorithm.gamma}) on {t.policy.model.path}, "
        f"batch {t.train_batch_size} x {cfg.generator.n_samples_per_prompt} samples, {t.epochs} epoch(s); {hf}"
    )


def _run_experiment(cfg: Any) -> None:
    from .trainer import LatentGymExp

    register_env()
    register_estimator()
    LatentGymExp(cfg).run()


def main(argv: Sequence[str] | None = None) -> int:
    """Parse SkyRL's config overrides, start Ray and train.

    ``--check`` as the first argument only composes the overrides into SkyRL's config, runs the
    checks that need no GPU, prints a summary and exits (0, or 2 with one error line).
    """
    from .compat import import_skyrl

    import_skyrl()
    import ray
    from skyrl.train.utils.utils import initialize_ray

    args = list(sys.argv[1:] if argv is None else argv)
    check_only = bool(args) and args[0] == "--check"
    if check_only:
        args = args[1:]
    register_env()
    register_estimator()
    try:
        cfg = parse_config(args)
        if check_only:
            print(summary(cfg))
            return 0
        from skyrl.train.utils import validate_cfg

        validate_cfg(cfg)
    except (ValueError, AssertionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    initialize_ray(cfg)
    ray.get(ray.remote(num_cpus=1)(_run_experiment).remote(cfg))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
