"""Wordle: find a hidden word from per-letter G/Y/X marks.

Description:
    The agent guesses L-letter words; each valid guess is marked letter by letter.
Actions:
    The first ``[word]`` in the reply (``\\w+``, lowercased).
Observations:
    The marks of the guess just made (G right spot, Y elsewhere in the word, X absent) and the
    guesses left R = T - t; a win names the word. Invalid replies (``format``, ``wrong_length``, ``repeat``, ``not_a_word``, checked
    in that order) state the reason and R. Step replies never show the secret.
Rewards:
    Solved at turn t: ``1 - turn_penalty * (t - 1)``. At t = T unsolved: (G + 0.5 Y) / L of the
    last valid guess, or 0 without one.
Episode end:
    All G, or t = T (invalid turns count).
Arguments:
    Config keys ``target_word``, ``word_length``, ``max_turns_per_episode``; rules
    ``turn_penalty`` and ``sampling``.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from .._words import dictionary
from ..base import EpisodeConfig, Field, Game, InvalidReason, RuleSet, Turn, excerpt

GUESS_RE = re.compile(r"\[(\w+)\]")


class WordleRules(RuleSet):
    """Rules of wordle; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=6, ge=1, description="Guesses per game (T).")
    turn_penalty: float = Field(default=0.0, ge=0.0, description="Subtracted per extra turn on a win.")
    sampling: Literal["without_replacement", "with_replacement"] = Field(
        default="without_replacement", description="How a sequence draws targets from the pool."
    )


class WordleConfig(EpisodeConfig):
    """One game: the secret word (any case) and, optionally, its stated length."""

    target_word: str
    word_length: int | None = None

    @property
    def secret(self) -> str:
        return self.target_word.lower()

    @property
    def length(self) -> int:
        return self.word_length if self.word_length is not None else len(self.target_word)


def marks(guess: str, secret: str) -> str:
    """G/Y/X marks: exact letters first (consuming), then left to right for the rest."""
    if guess == secret:
        return "G" * len(guess)
    # One pass covers letters that occur once in the guess: such a letter, when not exact, is
    # Y exactly when the secret contains it (nothing else can consume that letter). Repeated
    # letters found in the secret need the counting pass. Half the cost of counting always.
    out = ""
    for g, s in zip(guess, secret):
        if g == s:
            out += "G"
        elif g not in secret:
            out += "X"
        elif guess.count(g) == 1:
            out += "Y"
        else:
            return _marks_counting(guess, secret)
    return out


def _marks_counting(guess: str, secret: str) -> str:
    left = [s for g, s in zip(guess, secret) if g != s]  # secret letters not matched exactly
    out = ""
    for g, s in zip(guess, secret):
        if g == s:
            out += "G"
        elif g in left:
            left.remove(g)
            out += "Y"
        else:
            out += "X"
    return out


def partial_credit(mark: str) -> float:
    return (mark.count("G") + 0.5 * mark.count("Y")) / len(mark)


class WordleGame(Game[WordleRules, WordleConfig]):
    env_name = "wordle"
    config_type = WordleConfig

    def start(self) -> str:
        self.solved = False
        self.history: list[tuple[str, str]] = []
        self.tried: set[str] = set()
        return ""  # the rules (word length, guesses) are stated once, in the sequence's system text

    def play(self, text: str) -> Turn:
        length = self.config.length
        left = self.max_turns - self.turn
        m = GUESS_RE.search(text)
        if m is None:
            return self._invalid(
                "format", f"Reply with one {length}-letter word in brackets, e.g. [{'a' * length}].", None
            )
        guess = m[1].lower()
        if len(guess) != length:
            return self._invalid("wrong_length", f"[{excerpt(guess)}] is not {length} letters long.", guess)
        if guess in self.tried:
            return self._invalid("repeat", f"[{guess}] was already guessed.", guess)
        if guess not in dictionary():
            return self._invalid("not_a_word", f"[{guess}] is not in the dictionary.", guess)
        mark = marks(guess, self.config.secret)
        self.history.append((guess, mark))
        self.tried.add(guess)
        if guess == self.config.secret:
            self.solved = True
            reply = f"Solved: {guess.upper()} ({left} left)."
            reward = max(0.0, 1.0 - self.rules.turn_penalty * (self.turn - 1))
            return Turn(reply=reply, result=mark, action=guess, reward=reward)
        return Turn(reply=f"{mark} ({left} left)", result=mark, action=guess)

    def _invalid(self, reason: InvalidReason, why: str, guess: str | None) -> Turn:
        left = self.max_turns - self.turn
        return Turn(reply=f"Invalid: {why} {left} left.", valid=False, reason=reason, action=guess)

    def reward_at_cap(self) -> float:
        """Partial credit for the last valid guess, 0 without one."""
        return partial_credit(self.history[-1][1]) if self.history else 0.0

    def info(self, turn: Turn) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "action": turn.action,
            "guess_history": [[g, list(mk)] for g, mk in self.history],
            "target_word": self.config.secret,
        }

    def end_feedback(self, information: bool) -> str:
        parts = [] if self.solved else ["Not solved."]  # a solving guess's reply already says so
        if information:
            if self.history:
                g, mk = self.history[-1]
                parts.append(f"Last guess {g.upper()} {mk}.")
            else:
                parts.append("No valid guess.")
            parts.append(f"The word was {self.config.secret.upper()}.")
        return " ".join(parts)
