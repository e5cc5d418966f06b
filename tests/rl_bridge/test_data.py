"""The data command: SkyRL schema, disjoint seeds, mixtures, manifest, readable by datasets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from latentgym.envs import LatentGymError, from_name
from latentgym.rl_bridge.data import DataConfig, TaskEntry, build, entries_from, main
from latentgym.rl_bridge.task import TaskSpec

datasets = pytest.importorskip("datasets")


def load(path: Path):
    return datasets.load_dataset("parquet", data_files=str(path))["train"]


def test_rows_carry_the_opening_and_the_task(ng_task, tmp_path):
    entries = entries_from([ng_task], [], preset="rl_training", n_train=6, n_eval=3)
    manifest = build(entries, tmp_path, DataConfig(val_fraction=0.5))
    assert {k: v["rows"] for k, v in manifest["splits"].items()} == {"train": 6, "validation": 3, "eval": 3}
    train, val, ev = (load(tmp_path / f"{s}.parquet") for s in ("train", "validation", "eval"))
    row = train[2]
    assert row["env_class"] == "latentgym"
    assert row["reward_spec"] == {"method": "rule", "ground_truth": ""}
    assert row["data_source"] == ng_task.replace("/", "__")
    info = row["extra_info"]
    assert (info["seed"], info["split"], info["index"], info["reward_type"]) == (10002, "train", 2, "cumulative")
    opening = from_name(ng_task, preset="rl_training").make(10002).start()
    assert row["prompt"] == [{"role": "system", "content": opening.system}, {"role": "user", "content": opening.user}]
    # The row alone rebuilds the task.
    spec = TaskSpec.from_extra_info(info)
    assert spec.name == ng_task and spec.seed == 10002 and spec.preset == "rl_training"
    assert [r["extra_info"]["seed"] for r in val] == [10006, 10007, 10008]
    assert [r["extra_info"]["seed"] for r in ev] == [42, 43, 44]
    assert {r["extra_info"]["reward_type"] for r in ev} == {"per_episode"}
    on_disk = json.loads((tmp_path / "manifest.json").read_text())
    assert on_disk == manifest
    assert manifest["tasks"][0]["seeds"] == {"train": [10000, 10006], "validation": [10006, 10009], "eval": [42, 45]}
    assert manifest["tasks"][0]["env_params"]["max_turns_per_episode"] == 10


def test_mix_file_with_rules_and_counts(tmp_path):
    mix = tmp_path / "mix.yaml"
    mix.write_text(
        "tasks:\n"
        "  - number_guessing/set_of_3/full_info/standard/ep10\n"
        "  - task: number_guessing/set_of_3/no_info/information/ep2\n"
        "    rules: {max_turns_per_episode: 7}\n"
        "    n_train: 2\n"
        "    n_eval: 0\n"
    )
    out = tmp_path / "out"
    assert main(["--mix", str(mix), "--out", str(out), "--n-train", "4", "--n-eval", "2", "--n-val", "1"]) == 0
    train = load(out / "train.parquet")
    tasks = [r["extra_info"]["task"] for r in train]
    assert tasks.count("number_guessing/set_of_3/full_info/standard/ep10") == 4
    assert tasks.count("number_guessing/set_of_3/no_info/information/ep2") == 2
    rules = [json.loads(r["extra_info"]["rules"]) for r in train]
    assert {"max_turns_per_episode": 7} in rules and {} in rules
    assert "7 guesses" in train[4]["prompt"][1]["content"]
    assert len(load(out / "eval.parquet")) == 2


@pytest.mark.parametrize(
    "n_train, n_eval, config",
    [(10, 10, DataConfig(train_seed_base=45)), (10, 10, DataConfig(eval_seed_base=10005))],
)
def test_overlapping_seed_ranges_are_refused(ng_task, tmp_path, n_train, n_eval, config):
    entry = TaskEntry(TaskSpec.from_name(ng_task), n_train, n_eval)
    with pytest.raises(LatentGymError, match="overlap"):
        build([entry], tmp_path, config)


@pytest.mark.parametrize(
    "item",
    [
        {"task": "number_guessing/nope/no_info/standard/ep2"},
        {"task": "number_guessing/set_of_3/no_info/standard/ep2", "colour": 1},
        {"preset": "default"},
    ],
)
def test_bad_mix_items_fail(item):
    with pytest.raises(LatentGymError):
        entries_from([], [item], preset="default", n_train=1, n_eval=1)


def test_module_entry_point(ng_task, tmp_path):
    out = tmp_path / "d"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "latentgym.rl_bridge.data",
            "--task",
            ng_task,
            "--out",
            str(out),
            "--n-train",
            "2",
            "--n-eval",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "train: 2 rows" in proc.stdout and (out / "manifest.json").is_file()
    bad = subprocess.run(
        [sys.executable, "-m", "latentgym.rl_bridge.data", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and "no task given" in bad.stderr


def test_core_and_data_modules_import_no_trainer_stack():
    code = (
        "import sys, latentgym.envs, latentgym.rl_bridge, latentgym.rl_bridge.data, "
        "latentgym.rl_bridge.advantage, latentgym.rl_bridge.train\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('skyrl_gym', 'skyrl_train', 'torch', 'transformers', 'pandas', 'datasets')]\n"
        "print(','.join(heavy))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""
