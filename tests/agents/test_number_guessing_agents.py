"""Scripted number-guessing agents behave as their names promise."""

import statistics

import pytest

from latentgym.agents.policies import act
from latentgym.agents.rollout import play_seed
from latentgym.agents.transcript import parse_transcript
from latentgym.envs import resolve

SEEDS = range(20)


def summary(latent, agent, prompt="full_info", feedback="standard"):
    env = resolve("number_guessing", latent, prompt, feedback, 10)
    runs = [play_seed(env, s, agent).rewards for s in SEEDS]
    return (
        statistics.mean(sum(r) for r in runs),
        statistics.mean(r[-1] - r[0] for r in runs),
    )


def test_adaptive_gains_memoryless_does_not():
    cum_a, gain_a = summary("set_of_3", "adaptive")
    cum_m, gain_m = summary("set_of_3", "memoryless")
    assert gain_a > 0.1 and abs(gain_m) < 0.05
    assert cum_a > cum_m + 0.5


@pytest.mark.parametrize("latent", ["set_of_2", "set_of_3", "range_100", "range_1000", "two_ranges"])
def test_ordering_random_memoryless_adaptive_oracle(latent):
    cum = {agent: summary(latent, agent)[0] for agent in ("random", "memoryless", "adaptive", "oracle")}
    assert cum["random"] < cum["memoryless"] < cum["adaptive"] <= cum["oracle"] + 1e-9


def test_agents_are_deterministic_functions_of_the_transcript():
    seq = resolve("number_guessing", "set_of_3", num_episodes=2).make(3)
    opening = seq.start()
    view = parse_transcript([("system", opening.system), ("user", opening.user)])
    assert act(view, "random") == act(view, "random")
    assert act(view, "memoryless") == "[500]"


def test_transcript_split():
    env = resolve("number_guessing", "set_of_3", "no_info", "information", 3)
    rollout = play_seed(env, 1, "memoryless")
    view = parse_transcript(rollout.messages)
    assert view.num_episodes == 3 and len(view.episodes) == 3
    assert all(ep.over for ep in view.episodes)
    assert [ep.score for ep in view.episodes] == pytest.approx(list(rollout.rewards), abs=0.005)
    assert sum(len(ep.turns) for ep in view.episodes) == (len(rollout.messages) - 2) // 2
