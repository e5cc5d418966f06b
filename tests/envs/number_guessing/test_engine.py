"""Number guessing rules, rewards and parser, table-driven."""

import pytest

from latentgym.envs import load_game
from latentgym.envs.number_guessing import parse_guess


def game(target=137, low=1, high=1000, cap=30, **rules):
    g = load_game(
        "number_guessing",
        {"target_number": target, "min_range": low, "max_range": high, "max_turns_per_episode": cap},
        **rules,
    )
    g.reset()
    return g


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[500]", 500),
        ("I think [250] or maybe [300]", 300),
        ("no brackets 12 then 34", 34),
        ("[12] and then 99", 12),
        ("minus -5", 5),
        ("[abc]", None),
        ("", None),
        ("guess [ 7 ]", 7),
        ("```[1]``` [2]", 2),
        ("0042", 42),
    ],
)
def test_parse_guess(text, expected):
    assert parse_guess(text) == expected


@pytest.mark.parametrize(
    "actions, outcomes, valid, done, reward",
    [
        (["[500]"], ["lower"], [True], False, 0.0),
        (["[100]"], ["higher"], [True], False, 0.0),
        (["[137]"], ["correct"], [True], True, 0.98),
        (["[500]", "[137]"], ["lower", "correct"], [True, True], True, 0.96),
        (["what?", "[137]"], ["invalid_format", "correct"], [False, True], True, 0.96),
        (["[5000]", "[137]"], ["out_of_range", "correct"], [False, True], True, 0.96),
        (["[0]"], ["out_of_range"], [False], False, 0.0),
    ],
)
def test_step_table(actions, outcomes, valid, done, reward):
    g = game()
    for i, action in enumerate(actions):
        r = g.step(action)
        assert r.info["outcome"] == outcomes[i]
        assert r.valid is valid[i]
        assert r.info["turn"] == i + 1
    assert r.done is done
    assert r.reward == pytest.approx(reward)


@pytest.mark.parametrize("turn, expected", [(1, 0.98), (10, 0.8), (30, 0.4), (49, 0.02), (50, 0.0)])
def test_solved_reward_ignores_cap_and_range(turn, expected):
    g = game(target=5, low=1, high=10000, cap=100)
    for _ in range(turn - 1):
        assert not g.step("[6]").done
    r = g.step("[5]")
    assert r.done and r.reward == pytest.approx(expected)


@pytest.mark.parametrize("cap, filler", [(10, "[999]"), (3, "nothing"), (5, "[5000]")])
def test_cap_ends_unsolved_with_zero(cap, filler):
    g = game(cap=cap)
    for t in range(1, cap + 1):
        r = g.step(filler)
        assert r.done is (t == cap)
    assert r.reward == 0.0 and not r.info["solved"]
    with pytest.raises(RuntimeError):
        g.step("[1]")


def test_invalid_turn_consumes_turn_only():
    g = game(cap=2)
    r = g.step("")
    assert (r.reason, r.done) == ("format", False)
    r = g.step("[137]")
    assert r.done and r.reward == pytest.approx(0.96)


def test_texts_carry_required_content():
    g = game(low=5, high=50, target=20, cap=2)
    opening = g.reset()
    assert "[5, 50]" in opening and "2 guesses" in opening
    assert "[5]" in g.step("oops").reply
    r = g.step("[10]")
    assert r.reply == "Higher. No guesses left."
    assert "not found" in g.end_feedback(False)
    assert "20" in g.end_feedback(True) and "20" not in g.end_feedback(False)


def test_range_bounds_inclusive():
    g = game(target=1000, low=1, high=1000)
    assert g.step("[1000]").info["outcome"] == "correct"
    g = game(target=1, low=1, high=1000)
    assert g.step("[1]").info["outcome"] == "correct"
