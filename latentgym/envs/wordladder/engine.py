"""Word ladder: change a start word into a target one letter at a time through real words.

Description:
    Each valid move replaces exactly one letter and must be a dictionary word.
Actions:
    Every ``[word]`` in the reply (``[a-zA-Z]+``, lowercased); the first that differs from the
    current word is used (the first one if all equal it). Checks in order: ``format``,
    ``wrong_length``, ``not_a_word``, ``not_one_letter``.
Observations:
    A valid move: the chain so far and the target. Reaching the target gets a win reply.
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
from ..base import Field, Game, RuleSet, StepResult, new_step
from .graph import differs_by_one

MOVE_RE = re.compile(r"\[([a-zA-Z]+)\]")


class WordLadderRules(RuleSet):
    """Rules of word ladder; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=20, ge=1, description="Actions per game (T).")


def solved_reward(turn: int, optimal: int) -> float:
    opt = optimal if optimal > 0 else turn
    return max(0.0, 1.0 - 0.03 * max(0, turn - opt))


class WordLadderGame(Game):
    env_name = "wordladder"

    def __init__(self, config: dict[str, Any], rules: WordLadderRules, rng: Any = None) -> None:
        super().__init__(config, rules, rng)
        self.start = str(self.config["start_word"]).lower()
        self.target = str(self.config["target_word"]).lower()
        self.optimal_path = list(self.config.get("optimal_path") or [])
        self.optimal = int(self.config.get("optimal_steps", max(0, len(self.optimal_path) - 1)))
        self.reset()

    def reset(self) -> str:
        self.turn, self.done, self.solved, self.reward = 0, False, False, 0.0
        self.current = self.start
        self.history = [self.start]
        return (
            f"Turn {self.start.upper()} into {self.target.upper()} by changing one letter at a "
            f"time; every step must be a valid English word. Reply with only the next word in "
            f"brackets, e.g. [{self.start}], not the whole chain. {self.max_turns} turns."
        )

    def step(self, text: str) -> StepResult:
        if self.done:
            self._step_after_end()
        self.turn += 1
        found = [w.lower() for w in MOVE_RE.findall(text)]
        word = next((w for w in found if w != self.current), found[0] if found else None)
        if word is None:
            return self._end_or(f"Invalid: reply with one word in brackets, e.g. [{self.current}].", "format", word)
        if len(word) != len(self.current):
            return self._end_or(f"Invalid: [{word}] must have {len(self.current)} letters.", "wrong_length", word)
        if word not in dictionary():
            return self._end_or(f"Invalid: [{word}] is not a valid word.", "not_a_word", word)
        if not differs_by_one(word, self.current):
            return self._end_or(f"Invalid: [{word}] must differ from {self.current.upper()} in exactly one letter.", "not_one_letter", word)
        self.current = word
        self.history.append(word)
        chain = " > ".join(w.upper() for w in self.history)
        if word == self.target:
            self.solved = self.done = True
            self.reward = solved_reward(self.turn, self.optimal)
            return self._result(f"Solved in {self.turn} moves: {chain}.", True, None, word)
        return self._end_or(f"OK: {chain}. Target {self.target.upper()}.", None, word)

    def _end_or(self, reply: str, reason: Any, word: str | None) -> StepResult:
        if self.turn >= self.max_turns:
            self.done = True
            self.reward = sum(a == b for a, b in zip(self.current, self.target)) / len(self.target)
            reply += " No turns left."
        return self._result(reply, reason is None, reason, word)

    def _result(self, reply: str, valid: bool, reason: Any, word: str | None) -> StepResult:
        reward = self.reward if self.done else 0.0
        result = list(self.history) if valid else None
        return new_step((reply, valid, reason, result, self.done, reward, (self._info, reward, self.turn, word)))

    def _info(self, reward: float, turn: int, word: str | None) -> dict[str, Any]:
        return {
            "reward": reward,
            "start_word": self.start,
            "target_word": self.target,
            "optimal_path": self.optimal_path,
            "optimal_steps": self.optimal,
            "turn": turn,
            "action": word,
        }

    def end_feedback(self, information: bool) -> str:
        parts = ["Target reached." if self.reward >= 1.0 else ("Solved." if self.solved else "Not solved.")]
        if information:
            path = " > ".join(w.upper() for w in self.optimal_path)
            parts.append(f"Optimal path ({self.optimal} steps): {path}.")
        return " ".join(parts)
