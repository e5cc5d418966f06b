import random

import pytest

from latentgym.envs import get_env, load_game, resolve
from latentgym.envs._words import dictionary, hangman_pool
from latentgym.envs._words.sets import HANGMAN_CATEGORIES
from tests.envs._fuzz import texts
from tests.envs._spec_ids import spec_ids


def game(target="hello", lives=6, **rules):
    g = load_game("hangman", {"target_word": target, "max_turns_per_episode": lives}, **rules)
    g.reset()
    return g


def test_reveal_all_occurrences_and_board_only_reply():
    g = game()
    step = g.step("[l]")
    assert step.valid and step.reply == "0:_ 1:_ 2:L 3:L 4:_" and step.info["tries_left"] == 6
    step = g.step("[z]")
    assert step.reply == "0:_ 1:_ 2:L 3:L 4:_" and step.info["tries_left"] == 5
    assert step.info["current_board"] == "__LL_" and step.info["guessed_letters"] == ["L", "Z"]


@pytest.mark.parametrize("text,reason", [("nothing", "format"), ("[]", "format"), ("[4]", "format")])
def test_format(text, reason):
    step = game().step(text)
    assert (step.valid, step.reason, step.info["tries_left"]) == (False, reason, 6)


def test_repeat_costs_turn_not_life():
    g = game()
    g.step("[z]")
    step = g.step("[Z]")
    assert step.reason == "repeat" and step.info["tries_left"] == 5 and g.turn == 2


def test_word_guesses():
    g = game()
    step = g.step("[WORLD]")
    assert step.valid and step.info["tries_left"] == 5 and step.info["guessed_letters"] == []
    assert g.step("[world]").info["tries_left"] == 4  # repeated wrong words cost again
    step = g.step("[hello]")
    assert step.done and step.reward == 1.0 and step.result == "word_correct" and "HELLO" in step.reply


def test_board_completed_by_letter_wins():
    g = game("noon")
    g.step("[n]")
    step = g.step("[o]")
    assert step.done and step.reward == 1.0 and "NOON" in step.reply


def test_lives_out_partial_credit():
    g = game("hello", lives=2)
    g.step("[l]")
    g.step("[z]")
    step = g.step("[q]")
    assert step.done and step.reward == pytest.approx(0.4)


def test_lives_mode_safety_cap_and_all_turns_cap():
    g = game(safety_max_turns=5)
    for _ in range(4):
        assert not g.step("junk").done
    assert g.step("junk").done
    g = game(lives=3, hangman_cap_mode="all_turns")
    g.step("[h]")
    g.step("[h]")
    step = g.step("[e]")
    assert step.done and step.reward == pytest.approx(0.4)


def test_presets():
    rules = get_env("hangman").make_rules("rl_training")
    assert (rules.max_turns_per_episode, rules.hangman_cap_mode) == (10, "all_turns")
    rules = get_env("hangman").make_rules()
    assert (rules.max_turns_per_episode, rules.hangman_cap_mode, rules.safety_max_turns) == (6, "lives", 100)


def test_transition_carries_reward():
    seq = resolve("hangman", "length_3", num_episodes=2).make(0)
    seq.start()
    obs = ""
    for letter in "ETAOINSHRDLCUMWFGYPBVKJXQZ":
        step = seq.step(f"[{letter}]")
        obs = step.observation
        if step.episode_done:
            break
    assert "Score: 1.00." in obs and "A new word has been chosen." in obs and "## Game 2 of 2" in obs
    assert obs.count("1.00") == 1  # the reward is stated once


def test_latent_ids_match_spec():
    assert list(get_env("hangman").latent_catalogue) == spec_ids("hangman")


def test_pools_and_categories():
    pool = set(hangman_pool())
    assert pool <= dictionary()
    for name, words in HANGMAN_CATEGORIES.items():
        assert 55 <= len(words) <= 130 and set(words) <= pool, name
    for lat in get_env("hangman").latent_catalogue.values():
        assert len(lat.candidates()) >= 5, lat.id


def test_every_latent_property_holds_for_sampled_targets():
    for lat in get_env("hangman").latent_catalogue.values():
        env = resolve("hangman", lat.id, num_episodes=10)
        for seed in range(5):
            for cfg in env.draw(seed).configs:
                assert lat.predicate(cfg["target_word"].upper()), (lat.id, cfg)


def test_fuzz_engine_accounts_every_turn():
    rng = random.Random(1)
    pool = [w for w in hangman_pool() if len(w) < 9]
    letters = list("abcdefghijklmnopqrstuvwxyz")
    inputs = texts(rng, pool[:2000] + letters * 80, 10_000)
    g = None
    for text in inputs:
        if g is None or g.done:
            mode = rng.choice(["lives", "all_turns"])
            g = game(rng.choice(pool), lives=rng.choice([1, 6, 10]), hangman_cap_mode=mode, safety_max_turns=30)
        before = g.turn
        step = g.step(text)
        assert g.turn == before + 1 and step.done == g.done
        ended_by_cap = g.turn >= (min(30, g.max_turns) if g.rules.hangman_cap_mode == "all_turns" else 30)
        assert step.done == (g.solved or g.lives <= 0 or ended_by_cap)
        assert 0.0 <= step.reward <= 1.0
