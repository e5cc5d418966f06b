"""End to end through Inspect's eval(): task, multi-episode solver, scorer, scripted agents."""

import math

import pytest
from inspect_ai.log import read_eval_log

from latentgym.envs import LatentGymError
from latentgym.tasks import TASKS

number_guessing = TASKS["number_guessing"]


def metric(log, key, name="mean"):
    for score in log.results.scores:
        if score.name == key:
            return score.metrics[name].value
    raise KeyError(key)


def sample_values(log):
    return [next(iter(s.scores.values())).value for s in log.samples]


@pytest.mark.parametrize("agent", ["random", "memoryless", "adaptive", "oracle"])
def test_each_scripted_agent_completes(run_eval, agent):
    log = run_eval(number_guessing(latent="set_of_3", num_episodes=4, n_sequences=4), model=f"latentgym/{agent}")
    assert log.status == "success"
    values = sample_values(log)
    assert len(values) == 4 and all(v["complete"] == 1.0 for v in values)
    for v in values:
        assert v["cumulative"] == pytest.approx(sum(v[f"r{i}"] for i in range(1, 5)))
        assert v["gain"] == pytest.approx(v["r4"] - v["r1"]) and v["final"] == v["r4"]
    keys = {s.name for s in log.results.scores}
    assert {"cumulative", "gain", "final", "mean_reward", "success_rate", "r1", "r4"} <= keys
    assert log.stats.model_usage  # token statistics reported


def test_adaptive_gains_memoryless_does_not(run_eval):
    task_args = dict(latent="set_of_3", prompt="full_info", n_sequences=20)
    adaptive = run_eval(number_guessing(**task_args), model="latentgym/adaptive")
    memoryless = run_eval(number_guessing(**task_args), model="latentgym/memoryless")
    assert metric(adaptive, "gain") > 0.1
    assert abs(metric(memoryless, "gain")) < 0.05
    assert metric(adaptive, "cumulative") > metric(memoryless, "cumulative")


def test_samples_are_stable_and_hide_configs(run_eval):
    a = number_guessing(latent="two_ranges", n_sequences=3, seed=7)
    b = number_guessing(latent="two_ranges", n_sequences=3, seed=7)
    assert [s.id for s in a.dataset] == ["seed7", "seed8", "seed9"]
    assert [s.metadata["episode_configs"] for s in a.dataset] == [s.metadata["episode_configs"] for s in b.dataset]
    log = run_eval(a, model="latentgym/memoryless")
    for sample in log.samples:
        targets = {str(c["target_number"]) for c in sample.metadata["episode_configs"]}
        system = sample.messages[0].text
        assert sample.metadata["seed"] == int(sample.id[4:])
        assert not any(f"[{t}]" in system for t in targets)


def test_message_limit_leaves_scorable_partial_sequence(run_eval, tmp_path):
    log = run_eval(number_guessing(latent="set_of_3", num_episodes=5, n_sequences=2), message_limit=30)
    for sample in log.samples:
        value = next(iter(sample.scores.values())).value
        meta = next(iter(sample.scores.values())).metadata
        assert value["complete"] == 0.0 and meta["stop_reason"] == "message_limit"
        assert 1 <= value["episodes_completed"] < 5
        assert not math.isnan(value["r1"]) and math.isnan(value["r5"])
        assert math.isnan(value["cumulative"]) and math.isnan(value["gain"])
    assert metric(log, "complete") == 0.0
    reread = read_eval_log(log.location)
    assert reread.samples and reread.results


def test_handoff_records_models_per_game(run_eval):
    from inspect_ai.model import get_model

    log = run_eval(
        number_guessing(latent="set_of_3", prompt="full_info", num_episodes=4, n_sequences=3, handoff_k=2),
        model="latentgym/memoryless",
        model_roles={"explorer": get_model("latentgym/random"), "exploiter": get_model("latentgym/adaptive")},
    )
    for sample in log.samples:
        score = next(iter(sample.scores.values()))
        assert score.metadata["episode_models"] == ["latentgym/random"] * 2 + ["latentgym/adaptive"] * 2
        assert score.value["tail"] == pytest.approx(score.value["r3"] + score.value["r4"])
        assert score.value["head"] == pytest.approx(score.value["r1"] + score.value["r2"])


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"latent": "set_of_9"}, "set_of_9"),
        ({"prompt": "everything"}, "everything"),
        ({"feedback": "loud"}, "loud"),
        ({"num_episodes": 0}, "num_episodes"),
        ({"num_episodes": "ten"}, "num_episodes"),
        ({"n_sequences": -1}, "n_sequences"),
        ({"max_turns": 0}, "max_turns_per_episode"),
        ({"handoff_k": 10}, "handoff_k"),
        ({"reward_type": "sum"}, "sum"),
        ({"preset": "turbo"}, "turbo"),
    ],
)
def test_bad_task_arguments(kwargs, fragment):
    with pytest.raises(LatentGymError, match=fragment):
        number_guessing(**kwargs)


def test_trajectory_files_as_fixed_sequences(run_eval, tmp_path):
    from latentgym.envs import resolve, write_trajectories

    env = resolve("number_guessing", "set_of_2", num_episodes=3)
    write_trajectories(env, [100, 101], tmp_path / "traj")
    task = number_guessing(latent="set_of_2", trajectories=str(tmp_path / "traj"))
    assert [s.id for s in task.dataset] == ["seed100", "seed101"]
    log = run_eval(task, model="latentgym/oracle")
    assert all(next(iter(s.scores.values())).value["complete"] == 1.0 for s in log.samples)


def test_unknown_task_parameter_is_rejected_with_choices():
    with pytest.raises(LatentGymError) as err:
        number_guessing(max_turn=5)
    assert "'max_turn'" in str(err.value) and "max_turns_per_episode" in str(err.value) and "prompt" in str(err.value)


def test_max_turns_alias():
    task = number_guessing(max_turns=7, n_sequences=1)
    assert task.dataset[0].metadata["rules"]["max_turns_per_episode"] == 7


def test_handoff_marker_task_parameter(run_eval):
    log = run_eval(
        number_guessing(latent="set_of_3", num_episodes=3, n_sequences=1, handoff_k=1, handoff_marker="NEW PLAYER"),
        model="latentgym/memoryless",
    )
    user_texts = [m.text for m in log.samples[0].messages if m.role == "user"]
    marked = [i for i, t in enumerate(user_texts) if "NEW PLAYER" in t]
    assert len(marked) == 1 and "## Game 2 of 3" in user_texts[marked[0]]
