"""The SkyRL env and the Inspect task play identical sequences for the same (task, seed)."""

from __future__ import annotations

import pytest

skyrl_gym = pytest.importorskip("skyrl_gym")

from inspect_ai import eval as inspect_eval  # noqa: E402

from latentgym.rl_bridge import ENV_ID, TaskSpec, register  # noqa: E402
from latentgym.tasks import TASKS  # noqa: E402

number_guessing = TASKS["number_guessing"]


@pytest.mark.parametrize("preset, agent", [("rl_training", "adaptive"), ("default", "random")])
def test_inspect_transcript_replays_identically_in_skyrl(tmp_path, preset, agent):
    register()
    task = number_guessing(
        latent="two_ranges", prompt="full_info", num_episodes=3, n_sequences=2, seed=42, preset=preset
    )
    [log] = inspect_eval(task, model=f"latentgym/{agent}", log_dir=str(tmp_path), display="none")
    for sample in log.samples:
        seed = sample.metadata["seed"]
        spec = TaskSpec(
            env="number_guessing",
            latent="two_ranges",
            prompt="full_info",
            feedback="standard",
            num_episodes=3,
            preset=preset,
            seed=seed,
            reward_type="per_episode",
        )
        env = skyrl_gym.make(ENV_ID, env_config={}, extras={"extra_info": spec.to_extra_info()})
        opening, _ = env.init([])
        assert [m["content"] for m in opening] == [m.text for m in sample.messages[:2]]
        rewards = []
        messages = sample.messages[2:]
        for action, observation in zip(messages[::2], messages[1::2]):
            out = env.step(action.text)
            assert out["observations"][0]["content"] == observation.text
            rewards.append(out["reward"])
        assert out["done"]
        score = next(iter(sample.scores.values()))
        assert [r for r in rewards if r] == [r for r in score.metadata["episode_rewards"] if r]
        assert sum(rewards) == pytest.approx(score.value["cumulative"])
