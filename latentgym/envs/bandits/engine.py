"""Bandits: find the best of five buttons, each paying 1 with a hidden probability.

Description:
    Five buttons (``red``, ``blue``, ``green``, ``yellow``, ``purple``) pay 1 with hidden
    Bernoulli probabilities. The agent explores by pulling and ends the game by committing to
    the button it thinks is best (argmax p; ties go to the earlier button).
Actions:
    Commit: the first case-insensitive ``[select NAME]``, else ``select: [NAME]``; an unknown
    name is a wrong commit. Explore: ``[NAME]``, matched greedily from the first ``[`` to the
    last ``]`` of a line, which must equal a button exactly (``unknown_button``), else ``format``.
Observations:
    Turns t <= N-2: the pulled button and its 0/1 payout. Turn N-1: only a notice that the
    budget is spent (a valid pull still draws a hidden outcome). Turn N: any reply commits its
    first ``[word]``; without one the game ends with no selection.
Rewards:
    A correct commit at turn t: ``max(0, 1 - 0.015 t)``; anything else 0.
Episode end:
    A commit, or turn N = ``max_turns_per_episode``.
Arguments:
    Config keys ``ground_truth`` (button -> p), ``buttons``, ``max_turns_per_episode``. Replay
    option ``pull_outcomes``: the episode's 0/1 pull results (a list, or a callable returning
    0/1) consumed by valid pulls in order instead of the RNG.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any


from ..base import Field, Game, InvalidReason, RuleSet, StepResult, new_step
from ..errors import LatentGymError

BUTTONS: tuple[str, ...] = ("red", "blue", "green", "yellow", "purple")

SELECT_RE = re.compile(r"\[select\s+(\w+)\]", re.IGNORECASE)
SELECT_ALT_RE = re.compile(r"select[:\s]+\[(\w+)\]", re.IGNORECASE)
EXPLORE_RE = re.compile(r"\[(.*)\]")
WORD_RE = re.compile(r"\[(\w+)\]")

PullOutcomes = Sequence[int] | Callable[[], int]


class BanditsRules(RuleSet):
    """Rules of bandits; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=30, ge=1, description="Turns per game (N), commit included.")


def best_button(ground_truth: dict[str, float], buttons: Sequence[str]) -> str:
    """The argmax of p; ties go to the earlier button (``max`` keeps the first of equal keys)."""
    return max(buttons, key=ground_truth.__getitem__)


def commit_reward(turn: int) -> float:
    return max(0.0, 1.0 - 0.015 * turn)


def parse_commit(text: str) -> str | None:
    # Both commit forms contain "select"; most replies are pulls, so an ASCII reply without it
    # skips the two case-insensitive searches (non-ASCII text keeps Unicode case folding).
    if text.isascii() and "select" not in text.lower():
        return None
    m = SELECT_RE.search(text) or SELECT_ALT_RE.search(text)
    return m.group(1).lower() if m else None


class BanditsGame(Game):
    env_name = "bandits"

    def __init__(
        self,
        config: dict[str, Any],
        rules: RuleSet,
        rng: Any = None,
        pull_outcomes: PullOutcomes | None = None,
    ) -> None:
        super().__init__(config, rules, rng)
        self.buttons: tuple[str, ...] = tuple(self.config.get("buttons", BUTTONS))
        self.probs = {b: float(p) for b, p in self.config["ground_truth"].items()}
        if not self.probs.keys() >= set(self.buttons):
            missing = [b for b in self.buttons if b not in self.probs]
            raise LatentGymError(f"bandits config has no probability for {missing}")
        self.best = best_button(self.probs, self.buttons)
        self._outcomes = _outcome_source(pull_outcomes)
        self.selected: str | None = None
        self.correct: bool | None = None

    def reset(self) -> str:
        self.turn = 0
        self.done = False
        self.reward = 0.0
        self.selected = None
        self.correct = None
        names = ", ".join(self.buttons)
        return (
            f"Buttons: {names}. Up to {self.max_turns} turns. "
            f"Pull with [{self.buttons[0]}]; commit with [select {self.buttons[0]}]."
        )

    def _pull(self, button: str) -> int:
        if self._outcomes is not None:
            try:
                value = next(self._outcomes)
            except StopIteration:
                raise LatentGymError(
                    f"bandits replay: pull_outcomes ran out at turn {self.turn} (more valid pulls than recorded outcomes)"
                ) from None
            if value not in (0, 1):
                raise LatentGymError(f"bandits replay: pull outcome must be 0 or 1, got {value!r}")
            return int(value)
        return 1 if self.rng.random() < self.probs[button] else 0

    def step(self, text: str) -> StepResult:
        if self.done:
            self._step_after_end()
        self.turn = turn = self.turn + 1
        n = self.max_turns
        chosen = parse_commit(text)
        if chosen is not None:
            return self._commit(chosen, f"select {chosen}")
        if turn >= n:
            m = WORD_RE.search(text)
            if m:
                return self._commit(m.group(1).lower(), f"select {m.group(1).lower()}", forced=True)
            self.done = True
            return self._result("No button selected: the game ends with score 0.", True, None, ("commit", None, None), None, None)
        m = EXPLORE_RE.search(text)
        action = m[1] if m else None
        if action in self.buttons:
            outcome = self._pull(action)
            if turn == n - 1:
                return self._result("Exploration budget spent: commit now with [select NAME].", True, None, ("budget_exhausted",), action, outcome)
            # The common turn, built inline (see _result).
            details = (self._info, turn, action, None, None, outcome)
            return new_step((f"{action}: {outcome}", True, None, ("pull", action, outcome), False, 0.0, details))
        reason: InvalidReason = "format" if action is None else "unknown_button"
        if turn == n - 1:
            return self._result("Exploration budget spent: commit now with [select NAME].", False, reason, ("budget_exhausted",), None, None)
        if action is None:
            reply = f"Invalid: pull one button as [{self.buttons[0]}] or commit as [select {self.buttons[0]}]."
        else:
            reply = f"Invalid: no button named '{action[:40]}'. Buttons: {', '.join(self.buttons)}."
        return self._result(reply, False, reason, None, None, None)

    def _commit(self, button: str, action: str, forced: bool = False) -> StepResult:
        self.done = True
        self.selected = button
        self.correct = button == self.best
        self.reward = commit_reward(self.turn) if self.correct else 0.0
        verdict = "correct" if self.correct else "wrong"
        how = "Final turn: counted as" if forced else "Selected"
        reply = f"{how} {button[:40]} on turn {self.turn}: {verdict}."
        return self._result(reply, True, None, ("commit", button, self.correct), action, None)

    def _result(
        self, reply: str, valid: bool, reason: InvalidReason | None, result: Any, action: str | None, outcome: int | None
    ) -> StepResult:
        done = self.done
        details = (self._info, self.turn, action, self.selected, self.correct, outcome)
        return new_step((reply, valid, reason, result, done, self.reward if done else 0.0, details))

    def _info(
        self, turn: int, action: str | None, selected: str | None, correct: bool | None, outcome: int | None
    ) -> dict[str, Any]:
        return {
            "turn": turn,
            "action": action,
            "selected_button": selected,
            "best_button": self.best,
            "ground_truth": dict(self.probs),
            "is_correct": correct,
            "pull_outcome": outcome,
        }

    def end_feedback(self, information: bool) -> str:
        if self.selected is None:
            parts = ["No button selected."]
        else:
            parts = [f"You chose {self.selected}: {'correct' if self.correct else 'wrong'}."]
        if information:
            if not self.correct:
                parts.append(f"Best: {self.best}.")
            ranked = sorted(self.buttons, key=lambda b: -self.probs[b])
            parts.append("Probabilities: " + ", ".join(f"{b} {self.probs[b]:.2f}" for b in ranked) + ".")
        return " ".join(parts)


def _outcome_source(outcomes: PullOutcomes | None) -> Iterator[int] | None:
    if outcomes is None:
        return None
    if callable(outcomes):
        return iter(outcomes, object())  # never exhausts: the callable decides every pull
    return iter(list(outcomes))
