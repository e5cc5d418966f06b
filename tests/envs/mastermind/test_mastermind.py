"""Mastermind: peg scoring, validity order, rewards, latents (repeat-digit ones too) and the intro."""

from __future__ import annotations

import random

import pytest

from latentgym.envs import get_env, load_game, resolve
from latentgym.envs.mastermind import pegs
from latentgym.envs.mastermind.latents import D4_IDS, predicates

CFG = {
    "secret_code": [1, 2, 3, 4],
    "code_length": 4,
    "num_numbers": 6,
    "duplicates_allowed": False,
    "max_turns_per_episode": 10,
}


@pytest.mark.parametrize(
    "secret,guess,expected",
    [
        ((1, 2, 3, 4), (1, 2, 3, 4), (4, 0)),
        ((1, 2, 3, 4), (4, 3, 2, 1), (0, 4)),
        ((1, 1, 2, 2), (1, 2, 1, 2), (2, 2)),
        ((1, 1, 1, 1), (1, 2, 3, 4), (1, 0)),
        ((1, 2, 3, 4), (1, 1, 1, 1), (1, 0)),
        ((1, 1, 2, 3), (2, 1, 1, 1), (1, 2)),
        ((6, 6, 5, 5), (5, 5, 6, 6), (0, 4)),
        ((1, 2, 2, 3), (2, 2, 2, 2), (2, 0)),
        ((5, 6, 1, 2), (3, 4, 3, 4), (0, 0)),
    ],
)
def test_pegs_with_repeated_digits(secret, guess, expected):
    assert pegs(secret, guess) == expected


@pytest.mark.parametrize(
    "dup,text,reason",
    [
        (False, "no brackets", "format"),
        (False, "[1,2,3,4]", "format"),
        (False, "[1234]", "wrong_length"),
        (False, "[1 2 3]", "wrong_length"),
        (False, "[1 2 3 7]", "out_of_range"),
        (False, "[0 2 3 1 ]", "format"),
        (False, "[0 2 3 1]", "out_of_range"),
        (False, "[1 1 2 3]", "duplicate_digits"),
        (False, "[1 1 9]", "wrong_length"),  # length checked before range and duplicates
        (False, "[1 1 9 2]", "out_of_range"),  # range checked before duplicates
        (True, "[1 1 2 3]", None),
    ],
)
def test_validity_order(dup, text, reason):
    game = load_game("mastermind", {**CFG, "secret_code": [6, 5, 4, 3], "duplicates_allowed": dup})
    game.reset()
    step = game.step(text)
    assert step.reason == reason
    assert step.valid == (reason is None)
    assert game.turn == 1


def test_repeat_is_checked_last_and_counts_a_turn():
    game = load_game("mastermind", CFG)
    game.reset()
    assert game.step("[1 2 4 3]").valid
    step = game.step("try [1 2 4 3] again")
    assert (step.valid, step.reason, game.turn) == (False, "repeat", 2)


@pytest.mark.parametrize(
    "penalty,moves,reward",
    [
        (0.0, ["[1 2 3 4]"], 1.0),
        (0.1, ["[4 3 2 1]", "[1 2 3 4]"], 0.9),
        (0.1, ["x"] * 3 + ["[1 2 3 4]"], 0.7),
        (0.0, ["[5 6 1 2]"] + ["junk"] * 9, 0.5 * 2 / 4),  # last valid guess: 0 black, 2 white
        (0.0, ["[1 2 4 3]"] * 10, (2 + 0.5 * 2) / 4),
        (0.0, ["junk"] * 10, 0.0),
        (0.0, ["[1 2 4 6]"] * 9 + ["[1 2 3 5]"], (3 + 0) / 4),
    ],
)
def test_rewards_with_partial_credit(penalty, moves, reward):
    game = load_game("mastermind", CFG, turn_penalty=penalty)
    game.reset()
    for i, move in enumerate(moves):
        step = game.step(move)
        assert step.done == (i == len(moves) - 1)
    assert step.reward == pytest.approx(reward)
    assert step.info["won"] == (
        reward == 1.0 - penalty * (len(moves) - 1) and step.info["last_guess"].get("black") == 4
    )


def test_info_keys():
    game = load_game("mastermind", CFG)
    game.reset()
    step = game.step("[1 2 3 5]")
    assert step.info == {
        "won": False,
        "secret_code": [1, 2, 3, 4],
        "last_guess": {"guess": [1, 2, 3, 5], "black": 3, "white": 0},
    }
    assert step.result == (3, 0)


def test_latents_match_predicates_and_d4():
    preds = predicates()
    catalogue = get_env("mastermind").latent_catalogue
    assert len(D4_IDS) == 14
    for lid, latent in catalogue.items():
        for seed in range(40):
            for cfg in latent.sample(random.Random(seed), 10).configs:
                code = tuple(cfg["secret_code"])
                assert preds[lid](code), (lid, code)
                assert cfg["duplicates_allowed"] == (lid in D4_IDS)
                if lid not in D4_IDS:
                    assert len(set(code)) == 4


def test_intro_states_duplicates_rule_and_cap():
    env = resolve("mastermind", "ascending", num_episodes=3)
    system = env.make(1).start().system
    assert "No digit repeats" in system and "10 guesses" in system
    system = resolve("mastermind", "palindrome", num_episodes=3, max_turns_per_episode=7).make(1).start().system
    assert "Digits may repeat" in system and "7 guesses" in system


def test_rl_preset_and_turn_penalty_field():
    definition = get_env("mastermind")
    assert definition.make_rules("rl_training").turn_penalty == 0.0
    assert definition.make_rules(turn_penalty=0.2).turn_penalty == 0.2
