"""Word ladder: change a start word into a target one letter at a time through real words.

Description:
    Each valid move replaces exactly one letter and must be a dictionary word.
Actions:
    Every ``[word]`` in the reply (``[a-zA-Z]+``, lowercased); the first that differs from the
    current word is used (the first one if all equal it). Checks in order: ``format``,
    ``wrong_length``, ``not_a_word``, ``not_one_letter``.
Observations:
    A valid move: the chain so far (``CAR > PAR.``). Reaching the target: ``Solved: CAR > PAR > PAT.``
Rewards:
    Solved at turn t: ``max(0, 1 - 0.03 max(0, t - opt))`` with opt = ``optimal_steps``
    (t when 0). Unsolved at t = T: share of positions where the current word matches the target.
Episode end:
    Reaching the target, or t = T (at most T actions).
Arguments:
    Config keys ``start_word``, ``target_word``, ``optimal_path``, ``optimal_steps``,
    ``max_turns_per_episode`` (generator latents add ``hub_word`` or ``vocabulary`` and
    ``word_length``).
"""

from __future__ import annotations

import re
from typing import Any

from .._words import dictionary
from ..base import EpisodeConfig, Field, Game, InvalidReason, RuleSet, Turn, excerpt
from .graph import differs_by_one

MOVE_RE = re.compile(r"\[([a-zA-Z]+)\]")


class WordLadderRules(RuleSet):
    """Rules of word ladder; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=20, ge=1, description="Actions per game (T).")


class WordLadderConfig(EpisodeConfig):
    """One game: start and target words and a shortest path between them."""

    start_word: str
    target_word: str
    optimal_path: tuple[str, ...] | None = None
    optimal_steps: int | None = None

    @property
    def path(self) -> tuple[str, ...]:
        return self.optimal_path or ()

    @property
    def start(self) -> str:
        return self.start_word.lower()

    @property
    def target(self) -> str:
        return self.target_word.lower()

    @property
    def optimal(self) -> int:
        """Moves on a shortest path (``optimal_steps``, else the path's length)."""
        return self.optimal_steps if self.optimal_steps is not None else max(0, len(self.path) - 1)


def solved_reward(turn: int, optimal: int) -> float:
    opt = optimal if optimal > 0 else turn
    return max(0.0, 1.0 - 0.03 * max(0, turn - opt))


class WordLadderGame(Game[WordLadderRules, WordLadderConfig]):
    env_name = "wordladder"
    config_type = WordLadderConfig
    cap_note = " No turns left."

    def start(self) -> str:
        start, target = self.config.start, self.config.target
        self.solved = False
        self.current = start
        self.history = [start]
        return f"{start.upper()} to {target.upper()}."  # the cap is in the rules text

    def play(self, text: str) -> Turn:
        found = [w.lower() for w in MOVE_RE.findall(text)]
        word = next((w for w in found if w != self.current), found[0] if found else None)
        if word is None:
            return self._invalid(f"Invalid: reply with one word in brackets, e.g. [{self.current}].", "format", word)
        if len(word) != len(self.current):
            return self._invalid(
                f"Invalid: [{excerpt(word)}] must have {len(self.current)} letters.", "wrong_length", word
            )
        if word not in dictionary():
            return self._invalid(f"Invalid: [{word}] is not a valid word.", "not_a_word", word)
        if not differs_by_one(word, self.current):
            why = f"Invalid: [{word}] must differ from {self.current.upper()} in exactly one letter."
            return self._invalid(why, "not_one_letter", word)
        self.current = word
        self.history.append(word)
        chain = " > ".join(w.upper() for w in self.history)
        if word == self.config.target:
            self.solved = True
            reward = solved_reward(self.turn, self.config.optimal)
            return Turn(reply=f"Solved: {chain}.", result=list(self.history), action=word, reward=reward)
        return Turn(reply=f"{chain}.", result=list(self.history), action=word)

    def _invalid(self, reply: str, reason: InvalidReason, word: str | None) -> Turn:
        return Turn(reply=reply, valid=False, reason=reason, action=word)

    def reward_at_cap(self) -> float:
        """The share of positions where the current word matches the target."""
        target = self.config.target
        return sum(a == b for a, b in zip(self.current, target)) / len(target)

    def info(self, turn: Turn) -> dict[str, Any]:
        return {
            "reward": self.reward if self.done else 0.0,
            "start_word": self.config.start,
            "target_word": self.config.target,
            "optimal_path": list(self.config.path),
            "optimal_steps": self.config.optimal,
            "turn": self.turn,
            "action": turn.action,
        }

    def end_feedback(self, information: bool) -> str:
        parts = [] if self.solved else ["Not solved."]  # a solving move's reply already says so
        if information:
            path = " > ".join(w.upper() for w in self.config.path)
            parts.append(f"Optimal path ({self.config.optimal} steps): {path}.")
        return " ".join(parts)
