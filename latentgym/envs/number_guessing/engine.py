"""Number guessing: find a hidden integer in a range with higher/lower replies.

Description:
    The agent guesses integers; each wrong guess is answered "higher" or "lower".
Actions:
    The last bracketed integer ``[n]`` in the reply; failing that, the last bare integer
    (a minus sign is ignored). A reply with no digits is invalid (``format``).
Observations:
    ``Higher.``/``Lower.`` about the guess just made, or a win naming the number; out-of-range
    and format errors say what is wrong.
Rewards:
    Solved at turn t: ``max(0, 1 - 0.02 t)``; unsolved: 0. Independent of the cap and range.
Episode end:
    A correct guess, or turn ``t = max_turns_per_episode`` (invalid turns count).
Arguments:
    Config keys ``target_number``, ``min_range``, ``max_range``, ``max_turns_per_episode``.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from ..base import EpisodeConfig, Field, Game, RuleSet, Turn, excerpt

BRACKETED = re.compile(r"\[(\d+)\]")
BARE = re.compile(r"\d+")

Outcome = Literal["higher", "lower", "correct"]


class NumberGuessingRules(RuleSet):
    """Rules of number guessing; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=30, ge=1, description="Guesses per game (T).")


class NumberGuessingConfig(EpisodeConfig):
    """One game: the secret and the inclusive range it lies in."""

    target_number: int
    min_range: int = 1
    max_range: int = 1000


MAX_DIGITS = 100
"""Longer numbers are out of any range; they are not converted (Python refuses past 4,300 digits)."""


def guess_digits(text: str) -> str | None:
    """The digits of the last bracketed integer, else of the last bare integer, else ``None``."""
    found = BRACKETED.findall(text) or BARE.findall(text)
    return found[-1] if found else None


def parse_guess(text: str) -> int | None:
    """The last bracketed integer, else the last bare integer, else ``None``.

    A number of more than :data:`MAX_DIGITS` significant digits is returned as -1, a value
    outside every range.
    """
    digits = guess_digits(text)
    if digits is None:
        return None
    return int(digits) if len(digits.lstrip("0")) <= MAX_DIGITS else -1


def solved_reward(turn: int) -> float:
    return max(0.0, 1.0 - 0.02 * turn)


class NumberGuessingGame(Game[NumberGuessingRules, NumberGuessingConfig]):
    env_name = "number_guessing"
    config_type = NumberGuessingConfig
    cap_note = " No guesses left."

    def start(self) -> str:
        self.solved = False
        low, high = self.config.min_range, self.config.max_range
        return f"Number in [{low}, {high}]. You have {self.max_turns} guesses."

    def play(self, text: str) -> Turn:
        low, high, target = self.config.min_range, self.config.max_range, self.config.target_number
        guess = parse_guess(text)
        if guess is None:
            reply = f"Invalid: one number in brackets, e.g. [{low}]."
            return Turn(reply=reply, valid=False, reason="format")
        if not low <= guess <= high:
            shown = excerpt(guess_digits(text) or "") if guess < 0 else str(guess)
            reply = f"{shown} is outside [{low}, {high}]."
            return Turn(reply=reply, valid=False, reason="out_of_range", action=guess if guess >= 0 else None)
        if guess == target:
            self.solved = True
            reply = f"Correct: {guess}."
            return Turn(reply=reply, result="correct", action=guess, reward=solved_reward(self.turn))
        outcome: Outcome = "higher" if target > guess else "lower"
        return Turn(reply=f"{outcome.capitalize()}.", result=outcome, action=guess)

    def info(self, turn: Turn) -> dict[str, Any]:
        outcome = turn.result if turn.valid else f"invalid_{turn.reason}" if turn.reason == "format" else turn.reason
        return {
            "turn": self.turn,
            "target_number": self.config.target_number,
            "solved": self.solved,
            "guess": turn.action,
            "outcome": outcome,
        }

    def end_feedback(self, information: bool) -> str:
        parts = [] if self.solved else ["The number was not found."]
        if information:
            parts.append(f"The number was {self.config.target_number}.")
        return " ".join(parts)
