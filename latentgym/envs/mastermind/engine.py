"""Mastermind: crack a hidden code of digits from black/white peg feedback.

Description:
    A secret code of ``code_length`` digits in 1..``num_numbers`` (4 digits in 1..6 by default),
    with or without repeated digits. Each guess is scored with black pegs (right digit, right
    place) and white pegs (right digit, wrong place).
Actions:
    The first ``[d d d d]`` in the reply: digits separated by whitespace only. ``[1,2,3,4]`` is
    ``format``; ``[1234]`` is one number (``wrong_length``).
Observations:
    The guess and its black/white counts, or an error naming the reason. Checks, in order:
    ``format``, ``wrong_length``, ``out_of_range``, ``duplicate_digits`` (only when duplicates
    are not allowed), ``repeat`` (same as an earlier valid guess).
Rewards:
    Cracked at turn t: ``1 - turn_penalty * (t - 1)``. Unsolved at the cap: ``(B + 0.5 W) / L``
    of the last valid guess, 0 if there was none.
Episode end:
    All black, or turn ``t = max_turns_per_episode`` (invalid turns count).
Arguments:
    Config keys ``secret_code``, ``code_length``, ``num_numbers``, ``duplicates_allowed``,
    ``max_turns_per_episode``; rule ``turn_penalty``.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Sequence
from typing import Any


from ..base import Field, Game, InvalidReason, RuleSet, StepResult, new_step

GUESS_RE = re.compile(r"\[(\d+(?:\s+\d+)*)\]")

CODE_LENGTH = 4
NUM_NUMBERS = 6


class MastermindRules(RuleSet):
    """Rules of mastermind; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=10, ge=1, description="Guesses per game (T).")
    turn_penalty: float = Field(default=0.0, ge=0.0, description="Reward lost per extra turn on a win.")


def pegs(secret: Sequence[Any], guess: Sequence[Any]) -> tuple[int, int]:
    """(black, white): exact matches, and the multiset overlap minus the exact matches.

    Works on digits as ints or as strings. map() keeps the counting in C; Counter intersections
    cost several times more for 4-digit codes.
    """
    black = sum(map(operator.eq, secret, guess))
    digits = set(guess)
    if len(digits) == len(guess):  # no repeated digit in the guess: the overlap is a set's
        return black, len(digits.intersection(secret)) - black
    overlap = sum(map(min, map(secret.count, digits), map(guess.count, digits)))
    return black, overlap - black


def guess_digits(text: str) -> list[str] | None:
    """The digits of the first bracketed, whitespace-separated group as written, or ``None``."""
    m = GUESS_RE.search(text)
    return m[1].split() if m else None


def parse_code(text: str) -> list[int] | None:
    """The numbers of the first bracketed, whitespace-separated group, or ``None``."""
    digits = guess_digits(text)
    return None if digits is None else [int(d) for d in digits]


@functools.lru_cache(maxsize=4096)
def canonical_code(code: tuple[Any, ...]) -> tuple[str, ...]:
    """A code's digits as canonical strings ("3", never "03"); codes recur, so it is cached."""
    return tuple(str(int(d)) for d in code)


@functools.cache
def symbols(num_numbers: int) -> frozenset[str]:
    """The canonical strings of the digits 1..num_numbers."""
    return frozenset(str(d) for d in range(1, num_numbers + 1))


class MastermindGame(Game):
    env_name = "mastermind"

    def __init__(self, config: dict[str, Any], rules: RuleSet, rng: Any = None) -> None:
        super().__init__(config, rules, rng)
        # Guesses are handled as the digit strings the agent wrote, and the secret as the same
        # canonical strings: int/str conversions cost more than the rest of a step.
        self.code = canonical_code(tuple(self.config["secret_code"]))
        self.length = int(self.config.get("code_length", CODE_LENGTH))
        self.digits = int(self.config.get("num_numbers", NUM_NUMBERS))
        self.duplicates = bool(self.config.get("duplicates_allowed", False))
        self.penalty = float(getattr(rules, "turn_penalty", 0.0))
        self.symbols = symbols(self.digits)
        self.history: list[tuple[str, int, int]] = []
        self.tried: set[str] = set()
        self.won = False

    def reset(self) -> str:
        self.turn = 0
        self.done = False
        self.won = False
        self.reward = 0.0
        self.history = []
        self.tried = set()
        return f"You have {self.max_turns} guesses. Your first guess?"

    def _read(self, digits: list[str] | None) -> tuple[list[str] | None, InvalidReason | None, str]:
        """The guess as canonical digit strings, or why it is invalid (first failing check)."""
        if digits is None:
            example = " ".join(str(d) for d in range(1, self.length + 1))
            return None, "format", f"Give {self.length} digits in brackets, separated by spaces, e.g. [{example}]."
        if len(digits) != self.length:
            return None, "wrong_length", f"The code has {self.length} digits; you gave {len(digits)}."
        if not self.symbols.issuperset(digits):  # out of range, or written as "01", "٣"...
            values = [int(d) for d in digits]
            if min(values) < 1 or max(values) > self.digits:
                return None, "out_of_range", f"Digits must be 1-{self.digits}."
            digits = [str(v) for v in values]
        if not self.duplicates and len(set(digits)) != len(digits):
            return None, "duplicate_digits", "No digit may repeat in this game."
        return digits, None, ""

    def step(self, text: str) -> StepResult:
        if self.done:
            self._step_after_end()
        self.turn = turn = self.turn + 1
        capped = turn >= self.max_turns
        digits, reason, why = self._read(guess_digits(text))
        if digits is None:
            return self._finish(f"Invalid: {why}", False, reason, None, capped)
        shown = " ".join(digits)
        if shown in self.tried:
            return self._finish("Invalid: You already tried that code.", False, "repeat", None, capped)
        black, white = pegs(self.code, digits)
        self.history.append((shown, black, white))
        self.tried.add(shown)
        if black == self.length:
            self.won = self.done = True
            self.reward = max(0.0, 1.0 - self.penalty * (turn - 1))
            reply = f"Cracked! {shown} is the code, found in {turn} guess{'es' if turn != 1 else ''}."
            return self._finish(reply, True, None, (black, white), False)
        return self._finish(f"{shown}: {black} black, {white} white.", True, None, (black, white), capped)

    def _finish(self, reply: str, valid: bool, reason: InvalidReason | None, result: Any, capped: bool) -> StepResult:
        if capped and not self.done:
            self.done = True
            self.reward = self._partial()
            reply += " No guesses left."
        done = self.done
        details = (self._info, self.won, len(self.history))
        return new_step((reply, valid, reason, result, done, self.reward if done else 0.0, details))

    def _partial(self) -> float:
        if not self.history:
            return 0.0
        _, black, white = self.history[-1]
        return (black + 0.5 * white) / self.length

    def _info(self, won: bool, guesses: int) -> dict[str, Any]:
        last = {}
        if guesses:
            g, b, w = self.history[guesses - 1]
            last = {"guess": [int(d) for d in g.split()], "black": b, "white": w}
        return {"won": won, "secret_code": [int(d) for d in self.code], "last_guess": last}

    def end_feedback(self, information: bool) -> str:
        parts = ["Code cracked." if self.won else "Code not cracked."]
        if information:
            if self.history:
                g, b, w = self.history[-1]
                parts.append(f"Last guess {g}: {b} black, {w} white.")
            parts.append(f"The code was {' '.join(self.code)}.")
        return " ".join(parts)
