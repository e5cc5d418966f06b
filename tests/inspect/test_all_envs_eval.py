"""Every registered env runs end to end through Inspect with every scripted agent."""

import pytest

from latentgym.envs import list_envs
from latentgym.tasks import TASKS


@pytest.mark.parametrize("env", list_envs())
def test_env_task_plays_with_scripted_agents(run_eval, env):
    assert env in TASKS
    for agent in ("memoryless", "adaptive", "oracle", "random"):
        log = run_eval(
            TASKS[env](prompt="full_info", feedback="information", num_episodes=2, n_sequences=2),
            model=f"latentgym/{agent}",
        )
        assert log.status == "success", (env, agent, log.error)
        for sample in log.samples:
            score = next(iter(sample.scores.values()))
            assert score.value["complete"] == 1.0, (env, agent, score.metadata)
            assert 0.0 <= score.value["cumulative"] <= 2.0
            assert score.metadata["env"] == env
