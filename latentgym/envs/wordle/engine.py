"""Wordle: find a hidden word from per-letter G/Y/X marks.

Description:
    The agent guesses L-letter words; each valid guess is marked letter by letter.
Actions:
    The first ``[word]`` in the reply (``\\w+``, lowercased).
Observations:
    The guess, its marks (G right spot, Y elsewhere in the word, X absent) and the guesses left
    R = T - t. Invalid replies (``format``, ``wrong_length``, ``repeat``, ``not_a_word``, checked
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
from ..base import Field, Game, RuleSet, StepResult, new_step

GUESS_RE = re.compile(r"\[(\w+)\]")


class WordleRules(RuleSet):
    """Rules of wordle; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=6, ge=1, description="Guesses per game (T).")
    turn_penalty: float = Field(default=0.0, ge=0.0, description="Subtracted per extra turn on a win.")
    sampling: Literal["without_replacement", "with_replacement"] = Field(
        default="without_replacement", description="How a sequence draws targets from the pool."
    )


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


class WordleGame(Game):
    env_name = "wordle"

    def __init__(self, config: dict[str, Any], rules: WordleRules, rng: Any = None) -> None:
        super().__init__(config, rules, rng)
        self.target = str(self.config["target_word"]).lower()
        self.length = int(self.config.get("word_length", len(self.target)))
        self.penalty = float(getattr(rules, "turn_penalty", 0.0))
        self.words = dictionary()
        self.history: list[tuple[str, str]] = []
        self.tried: set[str] = set()
        self.solved = False

    def reset(self) -> str:
        self.turn, self.done, self.solved, self.reward = 0, False, False, 0.0
        self.history = []
        self.tried = set()
        return f"Guess the {self.length}-letter word; {self.max_turns} guesses."

    def step(self, text: str) -> StepResult:
        if self.done:
            self._step_after_end()
        self.turn = turn = self.turn + 1
        left = self.max_turns - turn
        m = GUESS_RE.search(text)
        guess = m[1].lower() if m else None
        if guess is None:
            return self._invalid("format", f"Reply with one {self.length}-letter word in brackets, e.g. [{'a' * self.length}].", guess)
        if len(guess) != self.length:
            return self._invalid("wrong_length", f"[{guess}] is not {self.length} letters long.", guess)
        if guess in self.tried:
            return self._invalid("repeat", f"[{guess}] was already guessed.", guess)
        if guess not in self.words:
            return self._invalid("not_a_word", f"[{guess}] is not in the dictionary.", guess)
        mark = marks(guess, self.target)
        self.history.append((guess, mark))
        self.tried.add(guess)
        if guess == self.target:
            self.solved = self.done = True
            self.reward = max(0.0, 1.0 - self.penalty * (turn - 1))
            reply = f"{guess.upper()} {mark}: solved in {turn}/{self.max_turns}, {left} left."
        else:
            reply = f"{guess.upper()} {mark}, {left} left."
            if left <= 0:
                self._finish()
        return self._result(reply, True, None, mark, guess)

    def _finish(self) -> None:
        self.done = True
        self.reward = partial_credit(self.history[-1][1]) if self.history else 0.0

    def _invalid(self, reason: Any, reply: str, guess: str | None) -> StepResult:
        left = self.max_turns - self.turn
        reply = f"Invalid: {reply} {left} left."
        if left <= 0:
            self._finish()
        return self._result(reply, False, reason, None, guess)

    def _result(self, reply: str, valid: bool, reason: Any, mark: str | None, guess: str | None) -> StepResult:
        reward = self.reward if self.done else 0.0
        details = (self._info, self.turn, guess, len(self.history))
        return new_step((reply, valid, reason, mark, self.done, reward, details))

    def _info(self, turn: int, guess: str | None, guesses: int) -> dict[str, Any]:
        return {
            "turn": turn,
            "action": guess,
            "guess_history": [[g, list(mk)] for g, mk in self.history[:guesses]],
            "target_word": self.target,
        }

    def end_feedback(self, information: bool) -> str:
        parts = ["Solved." if self.solved else "Not solved."]
        if information:
            if self.history:
                g, mk = self.history[-1]
                parts.append(f"Last guess {g.upper()} {mk}.")
            else:
                parts.append("No valid guess.")
            parts.append(f"The word was {self.target.upper()}.")
        return " ".join(parts)
