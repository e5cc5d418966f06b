import itertools
import random
import subprocess
import sys

import pytest

from latentgym.envs import LatentGymError, get_env, load_game, resolve
from latentgym.envs._words import dictionary, wordle_pool
from latentgym.envs._words.sets import WORDLE_ATTRIBUTES, WORDLE_CATEGORIES
from latentgym.envs.wordle import marks
from tests.envs._fuzz import texts
from tests.envs._spec_ids import spec_ids


@pytest.mark.parametrize(
    "guess,secret,expected",
    [
        ("crane", "crane", "GGGGG"),
        ("speed", "abide", "XXYXY"),
        ("eerie", "there", "YXYXG"),
        ("llama", "hello", "YYXXX"),
        ("geese", "eerie", "XGYXG"),
        ("abbey", "babes", "YYGGX"),
        ("aaaaa", "abcde", "GXXXX"),
    ],
)
def test_marks_with_repeated_letters(guess, secret, expected):
    assert marks(guess, secret) == expected


def game(target="crane", **rules):
    g = load_game(
        "wordle", {"target_word": target, "word_length": 5, "max_turns_per_episode": rules.pop("T", 6)}, **rules
    )
    g.reset()
    return g


def _marks_reference(guess: str, secret: str) -> str:
    """The marking rule written out: a G pass that consumes, then a left-to-right Y/X pass."""
    out = ["G" if g == s else "" for g, s in zip(guess, secret)]
    left = [s for g, s in zip(guess, secret) if g != s]
    for i, g in enumerate(guess):
        if not out[i]:
            out[i] = "Y" if g in left else "X"
            if g in left:
                left.remove(g)
    return "".join(out)


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_marks_match_the_two_pass_rule_on_every_small_pair(length):
    words = ["".join(p) for p in itertools.product("abc", repeat=length)]
    for guess in words:
        for secret in words:
            assert marks(guess, secret) == _marks_reference(guess, secret), (guess, secret)


@pytest.mark.parametrize(
    "text,reason",
    [
        ("no brackets", "format"),
        ("[abc]", "wrong_length"),
        ("[abcdefg]", "wrong_length"),
        ("[xzqvk]", "not_a_word"),
        ("[12345]", "not_a_word"),
    ],
)
def test_invalid_reasons(text, reason):
    step = game().step(text)
    assert (step.valid, step.reason, step.done) == (False, reason, False)
    assert "5 left" in step.reply


def test_check_order_and_repeat():
    g = game()
    assert g.step("[slate]").valid
    assert g.step("[slate]").reason == "repeat"
    assert g.step("[SLATE] then [crane]").reason == "repeat"  # first match only, lowercased


@pytest.mark.parametrize("word", ["crane", "slate", "pious", "river"])
def test_ordinary_words_are_valid(word):
    assert word in dictionary()
    assert game("eerie").step(f"[{word}]").valid


def test_win_reward_and_penalty():
    g = game(turn_penalty=0.1)
    g.step("[slate]")
    step = g.step("[crane]")
    assert step.done and step.reward == pytest.approx(0.9)
    assert step.result == "GGGGG" and "4 left" in step.reply


def test_partial_credit_uses_last_valid_guess():
    g = game(T=3)
    g.step("[crate]")  # GGGXG
    g.step("[slant]")  # XXGGX
    step = g.step("nothing")
    assert step.done and step.reward == pytest.approx(0.4)
    g = game(T=2)
    g.step("x")
    assert g.step("y").reward == 0.0


def test_info_keys():
    step = game().step("[slate]")
    assert set(step.info) >= {"turn", "action", "guess_history", "target_word"}
    assert step.info["guess_history"] == [["slate", list("XXGXG")]]


def test_configured_cap_in_rules_text():
    env = resolve("wordle", "vowel_count_2", num_episodes=2, max_turns_per_episode=8)
    seq = env.make(1)
    assert "8 guesses" in seq.start().system


def test_latent_ids_match_spec():
    assert list(get_env("wordle").latent_catalogue) == spec_ids("wordle")


def test_pools_and_sets():
    pool = set(wordle_pool())
    assert list(wordle_pool()) == sorted(pool)
    assert pool <= dictionary()
    for words in (*WORDLE_CATEGORIES.values(), *WORDLE_ATTRIBUTES.values()):
        assert len(words) >= 7 and set(words) <= pool and all(len(w) == 5 for w in words)
    for lat in get_env("wordle").latent_catalogue.values():
        if lat.id != "contains_TION":
            assert len(lat.candidates()) >= 5, lat.id


def test_contains_tion_fails_clearly():
    with pytest.raises(LatentGymError, match="contains_TION"):
        resolve("wordle", "contains_TION").draw(0)


def test_every_latent_property_holds_for_sampled_targets():
    for lat in get_env("wordle").latent_catalogue.values():
        if lat.id == "contains_TION":
            continue
        env = resolve("wordle", lat.id, num_episodes=10)
        for seed in range(5):
            for cfg in env.draw(seed).configs:
                assert lat.predicate(cfg["target_word"]), (lat.id, cfg)


def test_without_replacement_sampling():
    env = resolve("wordle", "category_metals", num_episodes=8)
    targets = [c["target_word"] for c in env.draw(3).configs]
    assert len(set(targets)) == 8
    env = resolve("wordle", "category_metals", num_episodes=8, sampling="with_replacement")
    assert any(len({c["target_word"] for c in env.draw(s).configs}) < 8 for s in range(20))


def test_presets():
    assert get_env("wordle").make_rules("rl_training").max_turns_per_episode == 6


def test_fuzz_engine_accounts_every_turn():
    rng = random.Random(0)
    pool = list(wordle_pool())
    inputs = texts(rng, pool + ["abc", "abcdefg", "xzqvk"], 10_000)
    g = None
    for text in inputs:
        if g is None or g.done:
            g = game(rng.choice(pool), T=rng.choice([1, 3, 6]))
        before = g.turn
        step = g.step(text)
        assert g.turn == before + 1 and step.done == g.done
        assert step.done == (step.result == "GGGGG" or g.turn == g.max_turns)
        assert 0.0 <= step.reward <= 1.0


def test_draw_independent_of_hash_seed():
    code = (
        "from latentgym.envs import resolve\n"
        "print([c['target_word'] for c in resolve('wordle','starts_with_S',num_episodes=10).draw(7).configs])"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={"PYTHONHASHSEED": s, "PYTHONPATH": "."},
            check=True,
        ).stdout
        for s in ("1", "2")
    }
    assert len(outs) == 1
