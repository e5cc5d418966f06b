"""The training scripts' overrides compose against the installed SkyRL config schema (needs ``skyrl``).

Each script runs with ``CHECK_CONFIG=1``: it writes a small dataset, then ``latentgym.rl_bridge.train
--check`` parses every override into SkyRL's dataclass config, which rejects an unknown key.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

if importlib.util.find_spec("skyrl") is None:
    pytest.skip(
        "SkyRL is not installed: install it with .ci/run's SkyRL step to check the scripts' config",
        allow_module_level=True,
    )

SCRIPTS = Path(__file__).resolve().parents[2] / "latentgym" / "rl_bridge" / "scripts"


def run_script(name: str, tmp_path: Path, *extra: str, **env: str) -> subprocess.CompletedProcess:
    environ = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "CHECK_CONFIG": "1",
        "N_TRAIN": "64",
        "N_EVAL": "2",
        "TRAIN_BATCH": "32",
        "DATA_DIR": str(tmp_path / "data"),
        "CKPT_DIR": str(tmp_path / "ckpt"),
        "EXPORT_DIR": str(tmp_path / "export"),
        **env,
    }
    return subprocess.run(
        ["bash", str(SCRIPTS / name), *extra], env=environ, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("script, estimator", [("train_minimal.sh", "grpo"), ("train_fsdp.sh", "latentgym_episode")])
def test_script_overrides_compose_and_env_vars_are_honoured(script, estimator, tmp_path):
    out = run_script(script, tmp_path, ADV_ESTIMATOR=estimator, MODEL="/models/tiny", GAMMA="0.9", MAX_STEPS="3")
    assert out.returncode == 0, out.stderr[-2000:]
    assert "64 train rows / batch 32 = 2 steps per epoch" in out.stdout
    assert f"config ok: {estimator} (gamma 0.9) on /models/tiny" in out.stdout
    assert f"HF model every 25 steps in {tmp_path / 'export'}" in out.stdout
    reward = "per_episode" if estimator == "latentgym_episode" else "cumulative"
    assert f"train: 64 rows -> {tmp_path / 'data' / 'train.parquet'} ({reward})" in out.stdout


def test_an_unknown_override_is_an_error(tmp_path):
    out = run_script("train_minimal.sh", tmp_path, "trainer.no_such_key=1")
    assert out.returncode == 2
    assert "no_such_key" in out.stderr


def test_too_little_data_for_one_step_is_an_error(tmp_path):
    out = run_script("train_minimal.sh", tmp_path, N_TRAIN="8")
    assert out.returncode == 2 and "fewer than TRAIN_BATCH=32" in out.stderr
