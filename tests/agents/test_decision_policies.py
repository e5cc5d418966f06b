"""Scripted agents of mastermind, bandits and secretary: speed and who beats whom."""

from __future__ import annotations

import time

import pytest

from latentgym.agents.rollout import play_seed
from latentgym.envs import resolve


@pytest.mark.parametrize(
    "env,latent_id", [("mastermind", "has_pair"), ("bandits", "shadow"), ("secretary", "relative_jump")]
)
@pytest.mark.parametrize("agent", ["memoryless", "adaptive", "oracle"])
def test_a_ten_game_sequence_takes_well_under_a_second(env, latent_id, agent):
    environment = resolve(env, latent_id, "full_info", "information", 10)
    start = time.process_time()
    rollout = play_seed(environment, 0, agent)
    assert rollout.complete
    assert time.process_time() - start < 0.8  # CPU time: robust to a busy machine


def _mean(env, latent_id, agent, seeds=range(8), **rules):
    environment = resolve(env, latent_id, "full_info", "standard", 10, **rules)
    return sum(sum(play_seed(environment, s, agent).rewards) for s in seeds) / len(seeds)


@pytest.mark.parametrize(
    "env,latent_id,rules",
    [
        ("bandits", "clockwise_rotation", {}),
        ("bandits", "loyal_favorite_2", {}),
        ("secretary", "countdown", {}),
        ("secretary", "threshold_08", {}),
        ("mastermind", "ascending", {"turn_penalty": 0.1}),
    ],
)
def test_adaptive_beats_memoryless_and_oracle_leads(env, latent_id, rules):
    memoryless = _mean(env, latent_id, "memoryless", **rules)
    adaptive = _mean(env, latent_id, "adaptive", **rules)
    oracle = _mean(env, latent_id, "oracle", **rules)
    assert adaptive > memoryless + 0.5
    assert oracle >= adaptive - 0.2


@pytest.mark.parametrize(
    "env,latent_id", [("mastermind", "no_repeats"), ("bandits", "one_hot"), ("secretary", "best_is_last")]
)
def test_random_is_worst(env, latent_id):
    assert _mean(env, latent_id, "random", seeds=range(4)) < _mean(env, latent_id, "memoryless", seeds=range(4))
