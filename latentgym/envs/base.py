"""The one-episode game contract that every core environment implements.

A game is reset from an explicit episode config (the original LatentGym field names) and a
rule set, then stepped with the agent's raw reply text. It never sees earlier episodes: the
sequence protocol in :mod:`latentgym.envs.sequence` chains games and owns the text between them.
"""

from __future__ import annotations

import dataclasses
import functools
import random
import types
import typing
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, NamedTuple, NoReturn

from .errors import LatentGymError

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


@dataclass(frozen=True, slots=True)
class RuleField:
    """Bounds and documentation of one rule parameter (see :func:`Field`)."""

    default: Any
    description: str = ""
    ge: float | None = None
    gt: float | None = None
    le: float | None = None


def Field(  # noqa: N802 - reads like the dataclass/pydantic field it stands for
    default: Any = dataclasses.MISSING,
    *,
    ge: float | None = None,
    gt: float | None = None,
    le: float | None = None,
    description: str = "",
) -> Any:
    """Declare a rule parameter with a default, bounds and a description."""
    meta = RuleField(None if default is dataclasses.MISSING else default, description, ge, gt, le)
    return dataclasses.field(default=default, metadata={"rule": meta})


class RuleSet:
    """Rule parameters shared by every env; each env subclasses it with its own fields.

    Subclasses are frozen, keyword-only dataclasses (applied automatically). Values are checked
    on construction against their annotation (int, float, bool, str or a ``Literal``) and bounds,
    and unknown names are rejected, so a typo in ``-T`` or ``load_game(**rules)`` fails loudly
    with the valid choices. A plain dataclass rather than a pydantic model keeps
    ``import latentgym.envs`` light.
    """

    max_turns_per_episode: int = Field(ge=1, description="Turn cap per episode (T).")
    safety_max_turns: int = Field(
        default=100, ge=1, description="Hard per-episode bound for modes without an action cap."
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(frozen=True, kw_only=True)(cls)

    def __post_init__(self) -> None:
        hints = _type_hints(type(self))
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            error = _check(value, hints[f.name], f.metadata.get("rule"))
            if error:
                raise LatentGymError(f"invalid rule {f.name}={value!r}: {error}")

    @classmethod
    def fields(cls) -> dict[str, RuleField]:
        """Rule name -> its default, description and bounds."""
        out = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            meta = f.metadata.get("rule") or RuleField(None)
            default = None if f.default is dataclasses.MISSING else f.default
            out[f.name] = dataclasses.replace(meta, default=default)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


dataclasses.dataclass(frozen=True, kw_only=True)(RuleSet)


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _check(value: Any, annotation: Any, meta: RuleField | None) -> str | None:
    """Why ``value`` does not fit ``annotation`` and ``meta``'s bounds (``None`` if it does)."""
    if typing.get_origin(annotation) is Literal:
        choices = typing.get_args(annotation)
        return None if value in choices else f"valid choices: {', '.join(map(str, choices))}"
    if annotation is bool:
        return None if isinstance(value, bool) else "expected true or false"
    if annotation is int and (isinstance(value, bool) or not isinstance(value, int)):
        return "expected an integer"
    if annotation is float and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return "expected a number"
    if annotation is str and not isinstance(value, str):
        return "expected a string"
    if meta is not None:
        if meta.ge is not None and value < meta.ge:
            return f"must be >= {meta.ge}"
        if meta.gt is not None and value <= meta.gt:
            return f"must be > {meta.gt}"
        if meta.le is not None and value > meta.le:
            return f"must be <= {meta.le}"
    return None


class StepResult(NamedTuple):
    """What one agent turn produced.

    A NamedTuple rather than a frozen dataclass because one is built on every step; games build
    it with :data:`new_step`, which skips the generated ``__new__`` (a third of the cost).

    Attributes:
        reply: The env's reply text for this turn (without end-of-episode feedback).
        valid: Whether a legal action was parsed and applied.
        reason: Why the turn was invalid (``None`` when valid).
        result: The env's structured outcome of the turn (see each env's docs).
        done: Whether this turn ended the episode.
        reward: The episode reward on the ending turn, else 0.0.
        details: How to build :attr:`info`: a function followed by its arguments, a snapshot of
            the turn. Few consumers read ``info`` and its dict costs as much as the rest of a
            step, so it is built on demand. A ready dict is accepted too.
    """

    reply: str
    valid: bool
    reason: InvalidReason | None
    result: Any
    done: bool
    reward: float
    details: tuple[Any, ...] | Mapping[str, Any] = ()

    @property
    def info(self) -> dict[str, Any]:
        """Env-specific info dict with the original's key names (a new dict on every read)."""
        details = self.details
        if isinstance(details, Mapping):
            return dict(details)
        if not details:
            return {}
        build, *args = details
        return build(*args)


new_step: Callable[[tuple[Any, ...]], StepResult] = types.MethodType(tuple.__new__, StepResult)
"""``new_step((reply, valid, reason, result, done, reward, details))``: a StepResult without the
NamedTuple's Python-level ``__new__`` (a bound ``tuple.__new__``, cheaper than a partial)."""


def _default_rng() -> random.Random:
    """A replayed game without an RNG gets a lazily created one seeded with 0."""
    from .catalogue import LazyRandom

    return LazyRandom(0)  # type: ignore[return-value]


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
        self.config = config  # read-only: games copy what they keep, so no defensive copy
        self.rules = rules
        self.rng = rng if rng is not None else _default_rng()
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

    def _step_after_end(self) -> NoReturn:
        """Refuse a step once the episode is over (callers test ``self.done`` inline: hot path)."""
        raise RuntimeError(f"{self.env_name}: step() called after the episode ended")
