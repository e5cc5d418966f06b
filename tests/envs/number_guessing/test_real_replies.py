"""Replies as real models write them, through the number-guessing engine.

The rule (latentgym/envs/number_guessing/README.md): the last ``[n]`` wins; without one, the last
bare integer (a minus sign is ignored); no digits at all is a ``format`` turn. The first group is
what SmolLM2-135M actually wrote in the integration test; the rest are patterns seen from larger
models.
"""

import pytest

from latentgym.envs import load_game

TARGET = 640
LONG_RAMBLE = "Let me think about this carefully. " * 400 + "Final answer: [512]"


def step(reply):
    game = load_game(
        "number_guessing",
        {"target_number": TARGET, "min_range": 1, "max_range": 1000, "max_turns_per_episode": 30},
    )
    game.reset()
    return game.step(reply)


@pytest.mark.parametrize(
    "reply, guess, outcome",
    [
        # SmolLM2-135M: echoes the range in brackets, with a comma, so no [n] matches.
        ("The number is in [1, 1000]. You have 3 guesses. Your first guess is [1, 1000].", 1000, "lower"),
        ("The number is 1000.", 1000, "lower"),
        # Rambling: numbers in the reasoning do not count once a bracketed guess appears.
        ("The range is 1 to 1000, halving gives 500, minus 250 is 250. I'll go with [750].", 750, "lower"),
        (LONG_RAMBLE, 512, "higher"),
        # Several bracketed tokens: the last one wins, even after a correction.
        ("[250]... no wait, [640]", 640, "correct"),
        ("Options: [100], [200], [300]. I pick [400]", 400, "higher"),
        # Code fences and markdown.
        ("```\n[321]\n```", 321, "higher"),
        ("```python\nlow, high = 1, 1000\nguess = (low + high) // 2\n```\nguess = 500", 500, "higher"),
        ("**Guess:** **[900]**", 900, "lower"),
        ("- step 1: [10]\n- step 2: [20]\n\n> [640]", 640, "correct"),
        # Unicode around the guess; Unicode decimal digits are digits (Python's \d).
        ("Mon choix : « [640] » ✅", 640, "correct"),
        ("答案是［６４０］", 640, "correct"),
        ("🤔 maybe 700?", 700, "lower"),
        # Almost-brackets fall back to the last bare integer.
        ("[ 640 ]", 640, "correct"),
        ("[\n640\n]", 640, "correct"),
        ("[-5]", 5, "higher"),
        ("[12.5]", 5, "higher"),
        ("(640) or {641}", 641, "lower"),
        ("[007]", 7, "higher"),
    ],
)
def test_messy_reply_parses_by_the_spec(reply, guess, outcome):
    result = step(reply)
    assert result.info["guess"] == guess
    assert result.valid and result.result == outcome


@pytest.mark.parametrize(
    "reply, guess, reason",
    [
        ("", None, "format"),
        ("   \n\t ", None, "format"),
        ("I'm not sure, could you give me a hint?", None, "format"),
        ("[abc] [xyz]", None, "format"),
        ("I cannot help with that request.", None, "format"),
        ("[1,000]", 0, "out_of_range"),
        ("[99999999999999999999999]", 99999999999999999999999, "out_of_range"),
        ("Guess [0]", 0, "out_of_range"),
    ],
)
def test_unusable_reply_is_an_invalid_turn_with_a_reason(reply, guess, reason):
    result = step(reply)
    assert not result.valid and result.reason == reason
    assert result.info["guess"] == guess and not result.done
    assert "[1" in result.reply or "1000" in result.reply  # the reply names the range
