"""Property tests: no text a model can write takes a game or a sequence down.

Every reply is a valid or an invalid turn; every turn is accounted for; the per-game cap and the
sequence cap hold; rewards stay in [0, 1]; observations stay short whatever the reply's size.
The default run is sized for CI; ``pytest -m soak`` runs many more examples.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from latentgym.envs import list_envs, list_latents, load_game, resolve

EXAMPLES = int(os.environ.get("LATENTGYM_PROPERTY_EXAMPLES", "15"))
MAX_OBSERVATION = 4_000
"""Characters: an observation holds a reply, end feedback, a transition and an opening."""

TOKENS = [
    "[",
    "]",
    "[select ",
    "select: [",
    "[accept]",
    "[continue]",
    "[red]",
    "[blue]",
    "[purple]",
    "[crane]",
    "[slate]",
    "[e]",
    "[E]",
    "[cold]",
    "[cord]",
    "[1 2 3 4]",
    "[1,2,3,4]",
    "[500]",
    "[137]",
    "[-3]",
    "0",
    "9" * 5000,
    "[" + "9" * 5000 + "]",
    "[1 2 3 " + "9" * 5000 + "]",
    "٣",
    "\x00",
    "\n",
    "\t",
    "🙂",
    "é",
]

replies = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(TOKENS), max_size=6).map("".join),
    st.tuples(st.sampled_from(TOKENS + ["a", " "]), st.integers(1, 3_000)).map(lambda t: t[0] * t[1]),
)
"""Arbitrary unicode, control characters, fragments of every env's action syntax, huge numbers
and long replies (1 MB replies have their own test)."""


def _playable(env: str) -> str:
    return next(lat.id for lat in list_latents(env) if lat.unplayable is None)


def _game(env: str):
    environment = resolve(env, _playable(env), num_episodes=1, safety_max_turns=40, max_turns_per_episode=12)
    return load_game(env, environment.draw(0).configs[0], **environment.rules.as_dict())


def _check_game(env: str, texts: list[str]) -> None:
    game = _game(env)
    game.reset()
    for text in texts:
        if game.done:
            game.reset()
        before = game.turn
        step = game.step(text)
        assert game.turn == before + 1 and step.done == game.done
        assert game.turn <= min(game.turn_cap, game.rules.safety_max_turns)
        assert (step.reason is None) == step.valid or env == "secretary"
        assert 0.0 <= step.reward <= 1.0 and (step.reward == 0.0 or step.done)
        assert len(step.reply) <= MAX_OBSERVATION and isinstance(step.info, dict)


def _check_sequence(env: str, texts: list[str]) -> None:
    seq = resolve(env, _playable(env), "full_info", "information", 3).make(0, max_total_turns=60)
    opening = seq.start()
    assert len(opening.user) <= MAX_OBSERVATION
    for i in range(seq.max_total_turns):
        out = seq.step(texts[i % len(texts)])
        assert len(out.observation) <= MAX_OBSERVATION
        assert 0.0 <= out.reward <= 3.0 and all(0.0 <= r <= 1.0 for r in out.episode_rewards)
        assert out.turn == i + 1 == sum(out.turns_per_episode) + (0 if out.episode_done else out.episode_turn)
        assert all(t <= seq.kinds[0].rules.safety_max_turns for t in out.turns_per_episode)
        if out.done or out.truncated:
            break
    assert seq.done != seq.truncated
    assert seq.done == (len(seq.episode_rewards) == 3)
    assert seq.total_turns <= seq.max_total_turns


def _property(check, examples):
    @settings(
        max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
    )
    @given(texts=st.lists(replies, min_size=1, max_size=12))
    def run(env, texts):
        check(env, texts)

    return run


@pytest.mark.parametrize("env", list_envs())
def test_games_take_any_text(env):
    _property(_check_game, EXAMPLES)(env)


@pytest.mark.parametrize("env", list_envs())
def test_sequences_take_any_text(env):
    _property(_check_sequence, EXAMPLES)(env)


@pytest.mark.soak
@pytest.mark.parametrize("env", list_envs())
def test_soak(env):
    _property(_check_game, 1000)(env)
    _property(_check_sequence, 300)(env)


@pytest.mark.parametrize("env", ["number_guessing", "mastermind"])
def test_huge_integers_are_invalid_turns(env):
    seq = resolve(env, _playable(env)).make(0)
    seq.start()
    reply = "[" + "9" * 5000 + "]" if env == "number_guessing" else "[1 2 3 " + "9" * 5000 + "]"
    out = seq.step(reply)
    assert (out.step.valid, out.step.reason) == (False, "out_of_range") and len(out.observation) < 200


@pytest.mark.parametrize("env", list_envs())
def test_megabyte_replies(env):
    _check_game(env, ["[" + "9" * 1_000_000 + "]", "[" + "a" * 1_000_000 + "]", "x" * 1_000_000, "[e]"])
