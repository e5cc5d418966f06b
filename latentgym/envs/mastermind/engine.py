"""Mastermind: crack a hidden code of digits from black/white peg feedback.

Description:
    A secret code of ``code_length`` digits in 1..``num_numbers`` (4 digits in 1..6 by default),
    with or without repeated digits. Each guess is scored with black pegs (right digit, right
    place) and white pegs (right digit, wrong place).
Actions:
    The first ``[d d d d]`` in the reply: digits separated by whitespace only. ``[1,2,3,4]`` is
    ``format``; ``[1234]`` is one number (``wrong_length``).
Observations:
    The black/white counts of the guess, or an error naming the reason. Checks, in order:
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

import operator
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..base import EpisodeConfig, Field, Game, InvalidReason, RuleSet, Turn

GUESS_RE = re.compile(r"\[(\d+(?:\s+\d+)*)\]")

CODE_LENGTH = 4
NUM_NUMBERS = 6


class MastermindRules(RuleSet):
    """Rules of mastermind; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=10, ge=1, description="Guesses per game (T).")
    turn_penalty: float = Field(default=0.0, ge=0.0, description="Reward lost per extra turn on a win.")


class MastermindConfig(EpisodeConfig):
    """One game: the secret code and the code space it was drawn from."""

    secret_code: tuple[int, ...]
    code_length: int = CODE_LENGTH
    num_numbers: int = NUM_NUMBERS
    duplicates_allowed: bool = False


def pegs(secret: Sequence[Any], guess: Sequence[Any]) -> tuple[int, int]:
    """(black, white): exact matches, and the multiset overlap minus the exact matches.

    Works on digits as ints or as strings, as long as both sides use the same form.
    """
    black = sum(map(operator.eq, secret, guess))
    overlap = sum((Counter(secret) & Counter(guess)).values())
    return black, overlap - black


def guess_digits(text: str) -> list[str] | None:
    """The digits of the first bracketed, whitespace-separated group as written, or ``None``."""
    m = GUESS_RE.search(text)
    return m[1].split() if m else None


def parse_code(text: str) -> list[int] | None:
    """The numbers of the first bracketed, whitespace-separated group, or ``None``."""
    digits = guess_digits(text)
    return None if digits is None else [int(d) for d in digits]


class MastermindGame(Game[MastermindRules, MastermindConfig]):
    env_name = "mastermind"
    config_type = MastermindConfig
    cap_note = " No guesses left."

    def start(self) -> str:
        # Guesses are compared as canonical digit strings ("3", never "03").
        self.code = tuple(str(d) for d in self.config.secret_code)
        self.symbols = frozenset(str(d) for d in range(1, self.config.num_numbers + 1))
        self.history: list[tuple[str, int, int]] = []
        self.tried: set[str] = set()
        self.won = False
        return ""  # the rules (code space, guesses) are stated once, in the sequence's system text

    def _read(self, digits: list[str] | None) -> tuple[list[str] | None, InvalidReason | None, str]:
        """The guess as canonical digit strings, or why it is invalid (first failing check)."""
        length, highest = self.config.code_length, self.config.num_numbers
        if digits is None:
            example = " ".join(str(d) for d in range(1, length + 1))
            return None, "format", f"Give {length} digits in brackets, separated by spaces, e.g. [{example}]."
        if len(digits) != length:
            return None, "wrong_length", f"The code has {length} digits; you gave {len(digits)}."
        if not self.symbols.issuperset(digits):  # out of range, or written as "01", "٣"...
            if any(len(d) > 9 for d in digits):  # no need to convert what is out of range anyway
                return None, "out_of_range", f"Digits must be 1-{highest}."
            values = [int(d) for d in digits]
            if min(values) < 1 or max(values) > highest:
                return None, "out_of_range", f"Digits must be 1-{highest}."
            digits = [str(v) for v in values]
        if not self.config.duplicates_allowed and len(set(digits)) != len(digits):
            return None, "duplicate_digits", "No digit may repeat in this game."
        return digits, None, ""

    def play(self, text: str) -> Turn:
        digits, reason, why = self._read(guess_digits(text))
        if digits is None:
            return Turn(reply=f"Invalid: {why}", valid=False, reason=reason)
        shown = " ".join(digits)
        if shown in self.tried:
            return Turn(reply="Invalid: You already tried that code.", valid=False, reason="repeat")
        black, white = pegs(self.code, digits)
        self.history.append((shown, black, white))
        self.tried.add(shown)
        if black == self.config.code_length:
            self.won = True
            reply = f"Cracked! {shown} is the code."
            reward = max(0.0, 1.0 - self.rules.turn_penalty * (self.turn - 1))
            return Turn(reply=reply, result=(black, white), action=shown, reward=reward)
        return Turn(reply=f"{black} black, {white} white.", result=(black, white), action=shown)

    def reward_at_cap(self) -> float:
        """Partial credit (B + 0.5 W) / L for the last valid guess, 0 without one."""
        if not self.history:
            return 0.0
        _, black, white = self.history[-1]
        return (black + 0.5 * white) / self.config.code_length

    def info(self, turn: Turn) -> dict[str, Any]:
        last: dict[str, Any] = {}
        if self.history:
            g, b, w = self.history[-1]
            last = {"guess": [int(d) for d in g.split()], "black": b, "white": w}
        return {"won": self.won, "secret_code": list(self.config.secret_code), "last_guess": last}

    def end_feedback(self, information: bool) -> str:
        parts = [] if self.won else ["Code not cracked."]  # a cracking guess's reply already says so
        if information:
            if self.history:
                g, b, w = self.history[-1]
                parts.append(f"Last guess {g}: {b} black, {w} white.")
            parts.append(f"The code was {' '.join(self.code)}.")
        return " ".join(parts)
