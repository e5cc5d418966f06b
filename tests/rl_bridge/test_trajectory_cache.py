"""A row's trajectory folder is read once per process and state of the folder."""

import os

from latentgym.envs import from_name, write_trajectories
from latentgym.rl_bridge import task as task_module
from latentgym.rl_bridge.task import TaskSpec


def test_folder_is_read_once_until_its_manifest_changes(tmp_path, monkeypatch):
    environment = from_name("number_guessing/set_of_3/no_info/standard/ep2")
    write_trajectories(environment, [42, 43], tmp_path)
    reads = []
    real = task_module.load_trajectories
    monkeypatch.setattr(task_module, "load_trajectories", lambda folder: reads.append(folder) or real(folder))
    task_module._load_trajectories.cache_clear()

    spec = TaskSpec.from_extra_info({"trajectory_path": str(tmp_path / "traj_0001.json"), "prompt_id": "full_info"})
    first = spec.make_sequence()[1].start()
    by_folder = task_module._trajectory_set(tmp_path)
    assert by_folder is task_module._trajectory_set(tmp_path / "traj_0000.json")
    assert spec.make_sequence()[1].start() == first
    assert len(reads) == 1

    manifest = tmp_path / "manifest.json"
    stat = manifest.stat()
    os.utime(manifest, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert task_module._trajectory_set(tmp_path) is not by_folder
    assert len(reads) == 2
