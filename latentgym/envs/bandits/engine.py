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

import random
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from ..base import EpisodeConfig, Field, Game, InvalidReason, RuleSet, Turn, excerpt
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


class BanditsConfig(EpisodeConfig):
    """One game: each button's payout probability, and the buttons in display order."""

    ground_truth: dict[str, float]
    buttons: tuple[str, ...] = BUTTONS

    def __post_init__(self) -> None:
        missing = [b for b in self.buttons if b not in self.ground_truth]
        if missing:
            raise LatentGymError(f"bandits config has no probability for {missing}")

    @property
    def best(self) -> str:
        return best_button(self.ground_truth, self.buttons)


def best_button(ground_truth: Mapping[str, float], buttons: Sequence[str]) -> str:
    """The argmax of p; ties go to the earlier button (``max`` keeps the first of equal keys)."""
    return max(buttons, key=ground_truth.__getitem__)


def commit_reward(turn: int) -> float:
    return max(0.0, 1.0 - 0.015 * turn)


def parse_commit(text: str) -> str | None:
    """The button named by ``[select NAME]`` or ``select: [NAME]`` (lowercased), else ``None``."""
    m = SELECT_RE.search(text) or SELECT_ALT_RE.search(text)
    return m.group(1).lower() if m else None


class BanditsGame(Game[BanditsRules, BanditsConfig]):
    env_name = "bandits"
    config_type = BanditsConfig

    def __init__(
        self,
        config: BanditsConfig | Mapping[str, Any],
        rules: BanditsRules,
        rng: random.Random | None = None,
        pull_outcomes: PullOutcomes | None = None,
    ) -> None:
        self._outcomes = _outcome_source(pull_outcomes)
        super().__init__(config, rules, rng)

    def start(self) -> str:
        self.selected: str | None = None
        self.correct: bool | None = None
        self.pull_outcome: int | None = None
        buttons = self.config.buttons
        return (
            f"Buttons: {', '.join(buttons)}. Up to {self.max_turns} turns. "
            f"Pull with [{buttons[0]}]; commit with [select {buttons[0]}]."
        )

    def _pull(self, button: str) -> int:
        if self._outcomes is None:
            return 1 if self.rng.random() < self.config.ground_truth[button] else 0
        try:
            value = next(self._outcomes)
        except StopIteration:
            raise LatentGymError(
                f"bandits replay: pull_outcomes ran out at turn {self.turn} (more valid pulls than recorded outcomes)"
            ) from None
        if value not in (0, 1):
            raise LatentGymError(f"bandits replay: pull outcome must be 0 or 1, got {value!r}")
        return int(value)

    def play(self, text: str) -> Turn:
        self.pull_outcome = None
        n, buttons = self.max_turns, self.config.buttons
        chosen = parse_commit(text)
        if chosen is not None:
            return self._commit(chosen)
        if self.turn >= n:
            m = WORD_RE.search(text)
            if m:
                return self._commit(m.group(1).lower(), forced=True)
            reply = "No button selected: the game ends with score 0."
            return Turn(reply=reply, result=("commit", None, None), reward=0.0)
        budget_spent = self.turn == n - 1
        m = EXPLORE_RE.search(text)
        action = m[1] if m else None
        if action in buttons:
            self.pull_outcome = outcome = self._pull(action)
            if budget_spent:
                return Turn(reply=BUDGET_SPENT, result=("budget_exhausted",), action=action)
            return Turn(reply=f"{action}: {outcome}", result=("pull", action, outcome), action=action)
        reason: InvalidReason = "format" if action is None else "unknown_button"
        if budget_spent:
            return Turn(reply=BUDGET_SPENT, valid=False, reason=reason, result=("budget_exhausted",))
        if action is None:
            reply = f"Invalid: pull one button as [{buttons[0]}] or commit as [select {buttons[0]}]."
        else:
            reply = f"Invalid: no button named '{excerpt(action)}'. Buttons: {', '.join(buttons)}."
        return Turn(reply=reply, valid=False, reason=reason)

    def _commit(self, button: str, forced: bool = False) -> Turn:
        self.selected = button
        self.correct = correct = button == self.config.best
        how = "Final turn: counted as" if forced else "Selected"
        reply = f"{how} {excerpt(button)} on turn {self.turn}: {'correct' if correct else 'wrong'}."
        reward = commit_reward(self.turn) if correct else 0.0
        return Turn(reply=reply, result=("commit", button, correct), action=f"select {button}", reward=reward)

    def info(self, turn: Turn) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "action": turn.action,
            "selected_button": self.selected,
            "best_button": self.config.best,
            "ground_truth": dict(self.config.ground_truth),
            "is_correct": self.correct,
            "pull_outcome": self.pull_outcome,
        }

    def end_feedback(self, information: bool) -> str:
        parts: list[str] = []  # the ending turn's reply already states the choice and whether it was right
        if information:
            probs = self.config.ground_truth
            if not self.correct:
                parts.append(f"Best: {self.config.best}.")
            ranked = sorted(self.config.buttons, key=lambda b: -probs[b])
            parts.append("Probabilities: " + ", ".join(f"{b} {probs[b]:.2f}" for b in ranked) + ".")
        return " ".join(parts)


BUDGET_SPENT = "Exploration budget spent: commit now with [select NAME]."


def _outcome_source(outcomes: PullOutcomes | None) -> Iterator[int] | None:
    if outcomes is None:
        return None
    if callable(outcomes):
        return iter(outcomes, object())  # never exhausts: the callable decides every pull
    return iter(list(outcomes))
