"""Number guessing: find a hidden integer in a range with higher/lower replies.

Description:
    The agent guesses integers; each wrong guess is answered "higher" or "lower".
Actions:
    The last bracketed integer ``[n]`` in the reply; failing that, the last bare integer
    (a minus sign is ignored). A reply with no digits is invalid (``format``).
Observations:
    ``higher``/``lower``/``correct`` replies; out-of-range and format errors name the range.
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

from ..base import Field, Game, RuleSet, StepResult, new_step

BRACKETED = re.compile(r"\[(\d+)\]")
BARE = re.compile(r"\d+")

Outcome = Literal["higher", "lower", "correct"]


class NumberGuessingRules(RuleSet):
    """Rules of number guessing; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=30, ge=1, description="Guesses per game (T).")


def parse_guess(text: str) -> int | None:
    """The last bracketed integer, else the last bare integer, else ``None``."""
    found = BRACKETED.findall(text) or BARE.findall(text)
    return int(found[-1]) if found else None


def solved_reward(turn: int) -> float:
    return max(0.0, 1.0 - 0.02 * turn)


class NumberGuessingGame(Game):
    env_name = "number_guessing"

    def __init__(self, config: dict[str, Any], rules: RuleSet, rng: Any = None) -> None:
        super().__init__(config, rules, rng)
        self.target = int(self.config["target_number"])
        self.low = int(self.config.get("min_range", 1))
        self.high = int(self.config.get("max_range", 1000))
        self.solved = False

    def reset(self) -> str:
        self.turn = 0
        self.done = False
        self.solved = False
        self.reward = 0.0
        return (
            f"The number is in [{self.low}, {self.high}]. "
            f"You have {self.max_turns} guesses. Your first guess?"
        )

    def step(self, text: str) -> StepResult:
        if self.done:
            self._step_after_end()
        self.turn = turn = self.turn + 1
        guess = parse_guess(text)
        if guess is not None and self.low <= guess <= self.high and guess != self.target and turn < self.max_turns:
            # The common turn (a valid wrong guess, guesses left), built in one expression: an RL
            # run plays millions of these.
            outcome = "higher" if self.target > guess else "lower"
            reply = f"The number is {outcome} than {guess}."
            return new_step((reply, True, None, outcome, False, 0.0, (self._info, turn, False, guess, outcome)))
        capped = turn >= self.max_turns
        if guess is None:
            reply = f"Invalid reply: give one number in brackets within the range, e.g. [{self.low}]."
            return self._invalid("format", "invalid_format", reply, guess, capped)
        if not self.low <= guess <= self.high:
            reply = f"{guess} is outside [{self.low}, {self.high}]. Try again."
            return self._invalid("out_of_range", "out_of_range", reply, guess, capped)
        if guess == self.target:
            self.solved = self.done = True
            self.reward = solved_reward(turn)
            plural = "s" if turn != 1 else ""
            reply = f"Correct: the number is {guess}, found in {turn} turn{plural}."
            outcome = "correct"
        else:  # a wrong guess on the last turn
            self.done = True
            outcome = "higher" if self.target > guess else "lower"
            reply = f"The number is {outcome} than {guess}. No guesses left."
        return new_step((reply, True, None, outcome, True, self.reward, (self._info, turn, self.solved, guess, outcome)))

    def _invalid(self, reason: Any, outcome: str, reply: str, guess: int | None, capped: bool) -> StepResult:
        if capped:
            self.done = True
            reply += " No guesses left."
        return new_step((reply, False, reason, None, self.done, 0.0, (self._info, self.turn, False, guess, outcome)))

    def _info(self, turn: int, solved: bool, guess: int | None, outcome: str) -> dict[str, Any]:
        return {"turn": turn, "target_number": self.target, "solved": solved, "guess": guess, "outcome": outcome}

    def end_feedback(self, information: bool) -> str:
        parts = [] if self.solved else ["The number was not found."]
        if information:
            parts.append(f"The number was {self.target}.")
        return " ".join(parts)
