"""The one-episode game contract that every core environment implements.

A game is reset from an explicit episode config (the original LatentGym field names) and a
rule set, then stepped with the agent's raw reply text. It never sees earlier episodes: the
sequence protocol in :mod:`latentgym.envs.sequence` chains games and owns the text between them.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

InvalidReason = Literal[
    "format",
    "wrong_length",
    "repeat",
    "not_a_word",
    "out_of_range",
    "duplicate_digits",
    "unknown_button",
    "not_one_letter",
]

SUCCESS_THRESHOLD = 0.01
"""An episode counts as a success when its reward is at least this (partial credit counts)."""


class RuleSet(BaseModel):
    """Rule parameters shared by every env; each env subclasses it with its own fields.

    Frozen and strict about unknown keys so a typo in ``-T`` or ``load_game(**rules)`` fails
    loudly with the list of valid names instead of being ignored.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_turns_per_episode: int = Field(ge=1, description="Turn cap per episode (T).")
    safety_max_turns: int = Field(
        default=100, ge=1, description="Hard per-episode bound for modes without an action cap."
    )


@dataclass(frozen=True, slots=True)
class StepResult:
    """What one agent turn produced.

    Attributes:
        reply: The env's reply text for this turn (without end-of-episode feedback).
        valid: Whether a legal action was parsed and applied.
        reason: Why the turn was invalid (``None`` when valid).
        result: The env's structured outcome of the turn (see each env's docs).
        done: Whether this turn ended the episode.
        reward: The episode reward on the ending turn, else 0.0.
        info: Env-specific info dict with the original's key names.
    """

    reply: str
    valid: bool
    reason: InvalidReason | None
    result: Any
    done: bool
    reward: float
    info: dict[str, Any] = field(default_factory=dict)


class Game(ABC):
    """One episode of a core environment.

    Subclasses set ``env_name`` and implement :meth:`reset`, :meth:`step` and
    :meth:`end_feedback`. The game owns no global state; any randomness during play comes from
    the ``rng`` handed in by the sequence (seeded per sequence) so a seed reproduces a run.
    """

    env_name: ClassVar[str]

    def __init__(
        self, config: Mapping[str, Any], rules: RuleSet, rng: random.Random | None = None
    ) -> None:
        self.config = dict(config)
        self.rules = rules
        self.rng = rng if rng is not None else random.Random(0)
        self.max_turns = int(self.config.get("max_turns_per_episode", rules.max_turns_per_episode))
        self.turn = 0
        self.done = False
        self.reward = 0.0

    @abstractmethod
    def reset(self) -> str:
        """Start the episode and return its initial observation."""

    @abstractmethod
    def step(self, text: str) -> StepResult:
        """Apply one agent reply. Must not be called once :attr:`done` is true."""

    @abstractmethod
    def end_feedback(self, information: bool) -> str:
        """The env-specific part of the end-of-episode feedback.

        Args:
            information: ``False`` for the ``standard`` variant (outcome only), ``True`` for the
                ``information`` variant, which also reveals the ground truth.
        """

    def transition_note(self) -> str:
        """Extra text for the transition after this episode (empty for most envs)."""
        return ""

    def _check_not_done(self) -> None:
        if self.done:
            raise RuntimeError(f"{self.env_name}: step() called after the episode ended")
