"""latentgym/mixed end to end through Inspect, and the same definition in the RL bridge."""

import pytest

from latentgym.envs import LatentGymError
from latentgym.tasks import mixed


def test_mixed_task_runs_and_scores(run_eval):
    log = run_eval(
        mixed(
            envs="wordle,hangman",
            schedule="alternating",
            latent="starts_with_S",
            prompt="full_info",
            num_episodes=4,
            n_sequences=2,
        ),
        model="latentgym/adaptive",
    )
    assert log.status == "success"
    for sample in log.samples:
        score = next(iter(sample.scores.values()))
        assert score.value["complete"] == 1.0 and score.metadata["env"] == "mixed:wordle+hangman:alternating"
        assert {"r1", "r4", "cumulative", "gain"} <= set(score.value)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"envs": "wordle"}, "at least two"),
        ({"envs": "wordle,hangman", "latent": "length_5"}, "wordle lack"),
        ({"envs": ["wordle", "hangman"], "schedule": "zigzag"}, "zigzag"),
    ],
)
def test_mixed_task_errors(kwargs, fragment):
    with pytest.raises(LatentGymError, match=fragment):
        mixed(**kwargs)


def test_rl_bridge_accepts_mixed_definitions():
    skyrl_gym = pytest.importorskip("skyrl_gym")
    from latentgym.agents.rollout import play_seed
    from latentgym.envs import resolve
    from latentgym.rl_bridge import ENV_ID, TaskSpec, register

    register()
    spec = TaskSpec(
        env="mixed:wordle+hangman:alternating", latent="starts_with_S", prompt="some_info", num_episodes=2, seed=5
    )
    env = skyrl_gym.make(ENV_ID, env_config={}, extras={"extra_info": spec.to_extra_info()})
    opening, _ = env.init([])
    rollout = play_seed(
        resolve("mixed:wordle+hangman:alternating", "starts_with_S", "some_info", "standard", 2), 5, "memoryless"
    )
    assert [m["content"] for m in opening] == [t for _, t in rollout.messages[:2]]
    for action, observation in zip(rollout.messages[2::2], rollout.messages[3::2]):
        out = env.step(action[1])
        assert out["observations"][0]["content"] == observation[1]
    assert out["done"]
