"""The SkyRL env adapter: identical to the core sequence, SkyRL's generator contract, metrics."""

from __future__ import annotations

import json

import pytest

skyrl_gym = pytest.importorskip("skyrl_gym")

from skyrl_gym.metrics import aggregate_for_environment  # noqa: E402

from latentgym.agents.rollout import play_seed  # noqa: E402
from latentgym.envs import LatentGymError, from_name, write_trajectories  # noqa: E402
from latentgym.rl_bridge import ENV_ID, TaskSpec, register  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def _registered() -> None:
    assert register() == ENV_ID
    assert register() == ENV_ID  # idempotent


def make(spec: TaskSpec):
    """Build the env exactly as SkyRL's generator does (extras = the row's other columns)."""
    extras = {
        "data_source": "x",
        "reward_spec": {"method": "rule", "ground_truth": ""},
        "extra_info": spec.to_extra_info(),
        "max_turns": 1,  # SkyRL writes its generator.max_turns here; the env must ignore it
    }
    return skyrl_gym.make(ENV_ID, env_config={}, extras=extras)


@pytest.mark.parametrize("reward_type", ["cumulative", "terminal", "improvement", "per_episode"])
@pytest.mark.parametrize(
    "task, preset, seed, agent",
    [
        ("number_guessing/set_of_3/full_info/standard/ep10", "rl_training", 42, "adaptive"),
        ("number_guessing/set_of_3/some_info/information/ep3", "default", 7, "random"),
        ("number_guessing/set_of_3/no_info/standard/ep1", "default", 10000, "memoryless"),
    ],
)
def test_same_observations_and_rewards_as_core_sequence(task, preset, seed, agent, reward_type, play_env):
    spec = TaskSpec.from_name(task, preset=preset, seed=seed, reward_type=reward_type)
    messages, meta, steps, _ = play_env(make(spec), agent)

    # What the Inspect solver does: resolve, make(seed, reward_type), start, step each reply.
    core = from_name(task, preset=preset).make(seed, reward_type=reward_type, max_total_turns=1000)
    opening = core.start()
    assert messages == [
        {"role": "system", "content": opening.system},
        {"role": "user", "content": opening.user},
    ]
    assert meta["task"] == task and meta["seed"] == seed
    for reply, out in steps:
        ref = core.step(reply)
        assert out["observations"][0]["content"] == ref.observation
        assert out["reward"] == ref.reward
        assert out["done"] == ref.done
        assert out["metadata"]["episode_rewards"] == ref.metadata["episode_rewards"]
    assert core.done and steps[-1][1]["metadata"]["complete"]


def test_matches_scripted_rollout_helper(ng_task, play_env):
    spec = TaskSpec.from_name(ng_task, preset="rl_training", seed=43)
    messages, _, steps, metrics = play_env(make(spec), "adaptive")
    rollout = play_seed(from_name(ng_task, preset="rl_training"), 43, "adaptive")
    chat = [(m["role"], m["content"]) for m in messages]
    for reply, out in steps:
        chat += [("assistant", reply), ("user", out["observations"][0]["content"])]
    assert tuple(chat) == rollout.messages
    assert metrics["cumulative_reward"] == pytest.approx(sum(rollout.rewards))


def test_done_exactly_at_the_last_episode_and_metrics(ng_task, play_env):
    spec = TaskSpec.from_name(ng_task, preset="rl_training", seed=44, reward_type="per_episode")
    _, _, steps, metrics = play_env(make(spec), "adaptive")
    ends = [i for i, (_, out) in enumerate(steps) if out["metadata"]["episode_done"]]
    assert len(ends) == 10 and ends[-1] == len(steps) - 1
    assert not any(out["done"] for _, out in steps[:-1])
    rewards = steps[-1][1]["metadata"]["episode_rewards"]
    assert [steps[i][1]["reward"] for i in ends] == rewards
    assert metrics["complete"] == 1.0 and metrics["truncated"] == 0.0
    assert metrics["episodes_completed"] == 10 and metrics["completion_share"] == 1.0
    assert metrics["final_reward"] == rewards[-1]
    assert metrics["gain"] == pytest.approx(rewards[-1] - rewards[0])
    agg = aggregate_for_environment(ENV_ID, [metrics, {**metrics, "cumulative_reward": 0.0}])
    assert agg["cumulative_reward"] == pytest.approx(metrics["cumulative_reward"] / 2)
    assert agg["num_rollouts"] == 2.0


def test_own_turn_budget_truncates_and_reports_incomplete(ng_task, play_env):
    # A cap below N is refused by the core; 4 turns >= N = 3 but too few for three games.
    spec = TaskSpec.from_name(
        "number_guessing/set_of_3/full_info/standard/ep3", preset="rl_training", seed=45, max_total_turns=4
    )
    env = make(spec)
    assert env.max_turns == 4
    _, meta, steps, metrics = play_env(env, "random")
    assert len(steps) == 4 and meta["turn_budget"] == 4
    last = steps[-1][1]
    assert last["done"] and last["metadata"]["truncated"] and not last["metadata"]["complete"]
    assert last["reward"] == 0.0
    assert metrics["complete"] == 0.0 and metrics["truncated"] == 1.0
    assert metrics["final_reward"] is None and metrics["gain"] is None
    agg = env.aggregate_metrics([metrics])
    assert "final_reward" not in agg and agg["complete"] == 0.0


def test_rollout_stopped_from_outside_is_incomplete(ng_task):
    env = make(TaskSpec.from_name(ng_task, seed=46))
    env.init([])
    env.step("[1]")
    metrics = env.get_metrics()
    assert metrics["stopped_early"] == 1.0 and metrics["complete"] == 0.0
    assert metrics["episodes_completed"] == 0 and metrics["final_reward"] is None


def test_per_episode_rewards_are_exact_and_boundaries_come_from_the_env(ng_task, play_env):
    """No marker: step rewards are the episode rewards, and the metrics record where episodes end."""
    spec = TaskSpec.from_name(ng_task, preset="rl_training", seed=47, reward_type="per_episode")
    _, _, steps, metrics = play_env(make(spec), "random")
    ends = []
    for turn, (_, out) in enumerate(steps, start=1):
        meta = out["metadata"]
        if meta["episode_done"]:
            ends.append(turn)
            assert out["reward"] == meta["episode_rewards"][-1]
        else:
            assert out["reward"] == 0.0
    assert metrics["episode_end_turns"] == ends and len(ends) == 10
    assert sum(out["reward"] for _, out in steps) == metrics["cumulative_reward"]
    assert "episode_end_turns" not in make(spec).aggregate_metrics([metrics])


def test_turn_cap_is_the_task_definitions(ng_task):
    """The RL row uses the same sequence turn cap as the Inspect task (TaskDefinition's default)."""
    from latentgym.envs import TaskDefinition

    spec = TaskSpec.from_name(ng_task, preset="rl_training", seed=3)
    assert spec.max_total_turns == TaskDefinition.from_name(ng_task).max_total_turns
    assert make(spec).max_turns == spec.max_total_turns
    assert TaskSpec.from_extra_info(spec.to_extra_info()) == spec


def test_trajectory_file_row_plays_the_recorded_configs(ng_task, tmp_path, play_env):
    environment = from_name(ng_task, preset="rl_training")
    write_trajectories(environment, [50, 51], tmp_path)
    by_file = TaskSpec.from_extra_info({"trajectory_path": str(tmp_path / "traj_0001.json"), "prompt_id": "full_info"})
    by_seed = TaskSpec.from_name(ng_task, preset="rl_training", seed=51)
    a = play_env(make(by_file), "adaptive")
    b = play_env(make(by_seed), "adaptive")
    assert a[0] == b[0]
    assert [o["observations"] for _, o in a[2]] == [o["observations"] for _, o in b[2]]


@pytest.mark.parametrize(
    "extras", [{}, {"extra_info": {"latent_id": "set_of_3"}}, {"extra_info": {"env_name": "nope", "latent_id": "x"}}]
)
def test_bad_rows_fail_loudly(extras):
    with pytest.raises(LatentGymError):
        skyrl_gym.make(ENV_ID, env_config={}, extras=extras)


def test_step_before_init_is_an_error(ng_task):
    env = make(TaskSpec.from_name(ng_task, seed=1))
    with pytest.raises(RuntimeError):
        env.step("[5]")


def test_parquet_row_drives_the_env_like_skyrl_prompt_dataset(ng_task, tmp_path, play_env):
    datasets = pytest.importorskip("datasets")
    from latentgym.rl_bridge.data import DataConfig, build, entries_from

    build(entries_from([ng_task], [], preset="rl_training", n_train=2, n_eval=1), tmp_path, DataConfig())
    row = dict(datasets.load_dataset("parquet", data_files=str(tmp_path / "eval.parquet"))["train"][0])
    # SkyRL's PromptDataset: prompt and env_class are popped, every other column is env_extras.
    prompt, env_class = row.pop("prompt"), row.pop("env_class")
    env = skyrl_gym.make(env_class, env_config={}, extras={**row, "max_turns": 1})
    messages, meta, steps, metrics = play_env(env, "adaptive", prompt)
    assert meta["prompt_matches_row"] and messages == prompt
    assert meta["seed"] == 42 and meta["reward_type"] == "per_episode"
    rollout = play_seed(from_name(ng_task, preset="rl_training"), 42, "adaptive")
    assert sum(out["reward"] for _, out in steps) == pytest.approx(sum(rollout.rewards))
    assert metrics["complete"] == 1.0


def test_trajectory_rows_keep_their_preset(tmp_path):
    """A row pointing at trajectory files still applies its rule preset (files' env_params win)."""
    env = from_name("number_guessing/set_of_3/no_info/standard/ep2")
    root = tmp_path / "traj"
    write_trajectories(env, [42], root)
    # Files that record no rules (neither env_params nor a per-episode turn cap) leave the preset's.
    (root / "manifest.json").write_text((root / "manifest.json").read_text().replace('"env_params"', '"unused"'))
    for path in root.glob("traj_*.json"):
        traj = json.loads(path.read_text())
        for config in traj["episodes"]:
            config.pop("max_turns_per_episode", None)
        path.write_text(json.dumps(traj))
    spec = TaskSpec(env="number_guessing", latent="set_of_3", preset="rl_training", trajectory_path=str(root))
    assert spec.environment().rules.max_turns_per_episode == 10
