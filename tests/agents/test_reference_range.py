"""The oracle exploits the latent where the memoryless agent cannot: in reward, or in turns of won
tasks where rewards saturate (``benchmarks/references.py`` measures every env)."""

from __future__ import annotations

import random

import pytest

from latentgym.agents.policies import Secret, get_policy
from latentgym.agents.rollout import play
from latentgym.agents.transcript import Transcript
from latentgym.envs import resolve
from latentgym.scorers.sequence_metrics import turn_values


def _means(env: str, latent_id: str, agent: str, seeds=range(6)) -> tuple[float, float]:
    """Mean cumulative reward and mean turns of won tasks over ``seeds``."""
    environment = resolve(env, latent_id, "no_info")
    rewards, turns = [], []
    for seed in seeds:
        draw = environment.draw(seed)
        seq = environment.make(seed, draw=draw)
        out = play(seq, agent, Secret(env, latent_id, draw.context) if agent == "oracle" else None)
        rewards.append(sum(out.rewards))
        turns.append(turn_values(list(out.rewards), list(seq.turns_per_episode), environment.num_episodes)["won_turns"])
    return sum(rewards) / len(rewards), sum(turns) / len(turns)


@pytest.mark.parametrize("latent_id", ["second_half_bias", "early_decoy", "prime_positions"])
def test_secretary_oracle_takes_the_first_clear_record_in_a_known_block(latent_id):
    memoryless, _ = _means("secretary", latent_id, "memoryless")
    oracle, _ = _means("secretary", latent_id, "oracle")
    assert oracle > memoryless + 0.5


@pytest.mark.parametrize("env,latent_id", [("mastermind", "ascending"), ("wordle", "vowel_count_0")])
def test_saturated_rewards_still_leave_a_turn_gap(env, latent_id):
    r_mem, t_mem = _means(env, latent_id, "memoryless", range(3))
    r_ora, t_ora = _means(env, latent_id, "oracle", range(3))
    assert r_ora == pytest.approx(r_mem)  # both win every game
    assert t_mem - t_ora > 0.5  # the oracle wins in fewer turns


@pytest.mark.parametrize("latent_id", ["hub_word_4letter", "restricted_vocab_4letter", "family_pattern_cvcc"])
def test_wordladder_oracle_plans_through_the_latent_where_the_bounded_player_detours(latent_id):
    r_mem, t_mem = _means("wordladder", latent_id, "memoryless", range(8))
    r_ora, t_ora = _means("wordladder", latent_id, "oracle", range(8))
    assert r_ora > r_mem + 0.05 and t_mem > t_ora  # the oracle walks shortest ladders


def test_wordladder_memoryless_solves_nearly_every_game():
    environment = resolve("wordladder", "hub_word_4letter", "no_info")
    won = total = 0
    for seed in range(8):
        seq = environment.make(seed, draw=environment.draw(seed))
        out = play(seq, "memoryless", None)
        won += sum(t < 20 for t in seq.turns_per_episode)
        total += len(out.rewards)
    assert won >= 0.9 * total


@pytest.mark.parametrize(
    "env,latent_id,edge", [("hangman", "no_repeated_letters", 0.15), ("mastermind", "has_pair", 0.1)]
)
def test_oracle_searches_a_broad_latent_pool_faster(env, latent_id, edge):
    """The latent removes only part of the pool (hangman words without a repeated letter, mastermind
    codes with a repeated digit). Memoryless runs the same search over the whole dictionary / code
    space, so the turn gap is the latent's alone: about 0.3 (hangman) and 0.2 (mastermind) turns per
    won game at these seeds; the same search without the latent gives 0 (hangman) or noise (about
    +-0.1, mastermind's sampled guesses)."""
    r_mem, t_mem = _means(env, latent_id, "memoryless", range(12))
    r_ora, t_ora = _means(env, latent_id, "oracle", range(12))
    assert r_ora >= r_mem - 0.2  # spending lives on information does not lose games
    assert t_mem - t_ora > edge  # the oracle wins in fewer turns


@pytest.mark.parametrize("env,whole", [("hangman", "all_words"), ("mastermind", "no_repeats")])
def test_oracle_and_memoryless_differ_only_in_the_pool(env, whole):
    """Given a latent whose pool is the whole dictionary / code space, the oracle replies as the
    memoryless agent does at every state (same rng): one search, two pools. So does the adaptive
    agent in the first game, where nothing is inferred yet."""
    policies = get_policy(env, "memoryless"), get_policy(env, "oracle"), get_policy(env, "adaptive")
    environment = resolve(env, whole, "no_info")
    for seed in range(2):
        seq = environment.make(seed, draw=environment.draw(seed))
        out = play(seq, "memoryless")
        transcript = Transcript()
        transcript.extend(out.messages[:2])
        for i in range(2, len(out.messages), 2):
            view = transcript.view
            secret = Secret(env, whole, {})
            mem = policies[0](view, random.Random(i), None)
            assert policies[1](view, random.Random(i), secret) == mem
            if len(view.episodes) == 1:
                assert policies[2](view, random.Random(i), None) == mem
            transcript.extend(out.messages[i : i + 2])
