"""Replay a published run through our engines and say, episode by episode, where it agrees.

Each recorded episode is rebuilt from its hidden config (``load_game``) under the rules of the
version that recorded it (frontier runs: the ``default`` preset; Qwen runs: ``rl_training``, with
the turn cap written in each config), and the episode's recorded replies are stepped in order.
Bandit pulls pay what the recorded text showed; a pull whose outcome the text never showed (the
original drew one at turn T-1 without printing it) pays 0, which no reward depends on.

An episode *agrees* when our game ends on the same reply and pays the same reward as recorded.
Otherwise the difference is attributed to a documented deviation (``docs/deviations.md``) where
one explains it, else it is reported as a plain disagreement.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from ..envs import load_game
from ._format import PublishedRun, preset_for

PULL_SHOWN = re.compile(r"received a reward of ([01])(?:\.0+)?\b")
NOT_A_WORD_SHOWN = re.compile(r"Reason: [`'][^`']*[`'] is not (?:a recognised English|an English) word")
"""The original's reply rejecting a guess its dictionary lacked (word ladder, wordle)."""
WORD_ENVS = ("wordle", "wordladder", "hangman")
TOLERANCE = 1e-6

AGREE = "agree"
DEVIATION = "deviation"
DIFFER = "differ"


@dataclass(frozen=True)
class EpisodeCheck:
    """The replay of one recorded episode.

    Attributes:
        index: 0-based episode index.
        recorded_reward / replay_reward: What the original paid and what our engine pays.
        recorded_turns / replay_turns: Replies the original took, and the reply on which our game
            ended (``None``: the recorded replies did not end it).
        status: ``agree``, ``deviation`` (explained by ``deviation``, an anchor of
            docs/deviations.md) or ``differ``.
        detail: What differed, in words ("" when it agrees).
    """

    index: int
    recorded_reward: float
    replay_reward: float
    recorded_turns: int
    replay_turns: int | None
    status: str
    deviation: str | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "episode": self.index + 1,
            "status": self.status,
            "deviation": self.deviation,
            "recorded_reward": self.recorded_reward,
            "replay_reward": self.replay_reward,
            "recorded_turns": self.recorded_turns,
            "replay_turns": self.replay_turns,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class RunReplay:
    """The replay of one run: our rewards for the recorded episodes that finished, and each check."""

    rewards: tuple[float, ...]
    turns: tuple[int, ...]
    checks: tuple[EpisodeCheck, ...]

    @property
    def agree(self) -> bool:
        return all(c.status == AGREE for c in self.checks)

    def counts(self) -> dict[str, int]:
        out = {AGREE: 0, DEVIATION: 0, DIFFER: 0}
        for c in self.checks:
            out[c.status] += 1
        return out


def _bandit_outcomes(replies: list[str | None]) -> list[int | None]:
    out: list[int | None] = []
    for text in replies:
        m = PULL_SHOWN.search(text or "")
        out.append(int(m[1]) if m else None)
    return out


def _classify(
    run: PublishedRun,
    index: int,
    game: Any,
    ended_at: int | None,
    reward: float,
    recorded: float,
    turns: int,
    reasons: set[str],
    dictionary_split: bool = False,
) -> EpisodeCheck:
    same_reward = math.isclose(reward, recorded, abs_tol=TOLERANCE)
    cap = game.max_turns
    common: dict[str, Any] = dict(
        index=index, recorded_reward=recorded, replay_reward=reward, recorded_turns=turns, replay_turns=ended_at
    )
    if ended_at == turns and same_reward:
        return EpisodeCheck(status=AGREE, **common)
    if ended_at is not None and ended_at < turns:
        what = f"our game ended on reply {ended_at}, the original went on to reply {turns}"
        if run.env == "wordladder" and ended_at == cap and turns == cap + 1:
            return EpisodeCheck(status=DEVIATION, deviation="bounded-word-ladder", detail=what, **common)
        if ended_at in (cap, game.rules.safety_max_turns) or ended_at == game.turn_cap:
            return EpisodeCheck(status=DEVIATION, deviation="hard-caps", detail=what, **common)
    elif ended_at is None:
        what = f"the {turns} recorded replies did not end our game"
    elif ended_at == turns:
        what = f"reward {reward:.4g} here, {recorded:.4g} recorded"
    else:
        what = f"our game ended on reply {ended_at}, the original on reply {turns}"
    if run.env in WORD_ENVS and ("not_a_word" in reasons or dictionary_split):
        return EpisodeCheck(
            status=DEVIATION,
            deviation="pinned-word-data",
            detail=what + " (a word our dictionary judges differently)",
            **common,
        )
    return EpisodeCheck(status=DIFFER, detail=what, **common)


def replay_run(run: PublishedRun) -> RunReplay:
    """Replay every finished episode of ``run`` (see the module docstring)."""
    preset = preset_for(run.variant)
    actions, replies = run.actions(), run.replies()
    outcomes = _bandit_outcomes(replies) if run.env == "bandits" else []
    rewards: list[float] = []
    turns_out: list[int] = []
    checks: list[EpisodeCheck] = []
    start = 0
    for index, recorded in enumerate(run.episode_rewards):
        turns = run.episode_turns[index]
        segment = range(start, start + turns)
        start += turns
        current: list[int | None] = [None]
        options: dict[str, Any] = {}
        if run.env == "bandits":
            options["pull_outcomes"] = lambda: current[0] if current[0] is not None else 0
        game = load_game(run.env, run.episode_configs[index], preset=preset, **options)
        ended_at: int | None = None
        reasons: set[str] = set()
        dictionary_split = False
        for step_no, position in enumerate(segment, start=1):
            if outcomes:
                current[0] = outcomes[position]
            result = game.step(actions[position])
            if result.reason:
                reasons.add(result.reason)
            elif run.env in WORD_ENVS and NOT_A_WORD_SHOWN.search(replies[position] or ""):
                dictionary_split = True  # our dictionary took a word the original's rejected
            if result.done:
                ended_at = step_no
                break
        reward = game.reward if game.done else game.reward_at_cap()
        rewards.append(float(reward))
        turns_out.append(ended_at if ended_at is not None else turns)
        checks.append(
            _classify(run, index, game, ended_at, float(reward), float(recorded), turns, reasons, dictionary_split)
        )
    return RunReplay(tuple(rewards), tuple(turns_out), tuple(checks))
