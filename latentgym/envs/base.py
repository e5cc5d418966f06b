"""The one-episode game contract that every core environment implements.

A game is reset from an explicit episode config (the original LatentGym field names) and a
rule set, then stepped with the agent's raw reply text. It never sees earlier episodes: the
sequence protocol in :mod:`latentgym.envs.sequence` chains games and owns the text between them.
"""

from __future__ import annotations

import dataclasses
import random
import types
import typing
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Literal, Self, TypeVar, dataclass_transform

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

MAX_TURNS_BOUND = 10_000
"""The largest ``max_turns_per_episode`` or ``safety_max_turns`` a rule set accepts."""

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


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(Field,))
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
        default=100,
        ge=1,
        le=MAX_TURNS_BOUND,
        description="Hard bound on the turns of one game, in every env and mode; at least T.",
    )

    counts_turns: ClassVar[bool] = True
    """Whether ``max_turns_per_episode`` is a number of turns (then it may not exceed
    ``safety_max_turns``); hangman's is lives and secretary's a number of values."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(frozen=True, kw_only=True)(cls)

    def __post_init__(self) -> None:
        hints = _type_hints(type(self))
        for f in _fields(self):
            value = getattr(self, f.name)
            error = _check(value, hints[f.name], f.metadata.get("rule"))
            if error:
                raise LatentGymError(f"invalid rule {f.name}={value!r}: {error}")
        if self.max_turns_per_episode > MAX_TURNS_BOUND:
            raise LatentGymError(
                f"invalid rule max_turns_per_episode={self.max_turns_per_episode}: must be <= {MAX_TURNS_BOUND}"
            )
        if self.counts_turns and self.max_turns_per_episode > self.safety_max_turns:
            raise LatentGymError(
                f"invalid rule max_turns_per_episode={self.max_turns_per_episode}: must be <= "
                f"safety_max_turns={self.safety_max_turns}, the hard bound on one game's turns "
                f"(raise safety_max_turns too, up to {MAX_TURNS_BOUND})"
            )

    @classmethod
    def fields(cls) -> dict[str, RuleField]:
        """Rule name -> its default, description and bounds."""
        out = {}
        for f in _fields(cls):
            meta = f.metadata.get("rule") or RuleField(None)
            default = None if f.default is dataclasses.MISSING else f.default
            out[f.name] = dataclasses.replace(meta, default=default)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in _fields(self)}


dataclasses.dataclass(frozen=True, kw_only=True)(RuleSet)


_HINTS: dict[type, dict[str, Any]] = {}


def _type_hints(cls: type) -> dict[str, Any]:
    """The resolved field annotations of a rule set or config class (computed once per class)."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _fields(obj: Any) -> tuple[dataclasses.Field[Any], ...]:
    """The dataclass fields of a rule set or config (made dataclasses by ``__init_subclass__``,
    which type checkers do not see)."""
    return dataclasses.fields(obj)


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


@dataclass(frozen=True, slots=True, kw_only=True)
class StepResult:
    """What one agent turn produced.

    Attributes:
        reply: The env's reply text for this turn (without end-of-episode feedback).
        valid: Whether a legal action was parsed and applied.
        reason: Why the turn was invalid (``None`` when valid).
        result: The env's structured outcome of the turn (see each env's docs).
        done: Whether this turn ended the episode.
        reward: The episode reward on the ending turn, else 0.0.
        info: The env's info dict with the original's key names, a snapshot of this turn.
    """

    reply: str
    valid: bool
    reason: InvalidReason | None = None
    result: Any = None
    done: bool = False
    reward: float = 0.0
    info: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True, kw_only=True)
class Turn:
    """What an engine's :meth:`Game.play` hook made of one reply (read once by :meth:`Game.step`).

    Attributes:
        reply: The env's reply text.
        valid: Whether a legal action was parsed and applied.
        reason: Why the reply was invalid (``None`` when valid).
        result: The structured outcome of the turn.
        action: The parsed action, for the info dict (``None`` when nothing was read).
        reward: Set when this reply ends the episode (a win, a commit, lives run out);
            ``None`` while it goes on. The turn cap is the base class's business.
    """

    reply: str
    valid: bool = True
    reason: InvalidReason | None = None
    result: Any = None
    action: Any = None
    reward: float | None = None


@dataclass_transform(kw_only_default=True, frozen_default=True)
class EpisodeConfig:
    """Base of the typed episode configs: frozen, keyword-only dataclasses (applied automatically).

    Field names are the original's config keys, so :meth:`parse` reads the original's dicts
    (trajectory files, recorded runs) as well as our own draws. Keys a game does not read (a
    latent's ``hub_word``, the original's per-episode ``max_turns_per_episode``, which lives in
    the rules here) are ignored. Values are converted to the annotated types once, here.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(frozen=True, kw_only=True)(cls)

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | Self) -> Self:
        """The typed config of an original-style dict (a typed config is returned as is)."""
        if isinstance(raw, cls):
            return raw
        if not isinstance(raw, Mapping):
            raise LatentGymError(f"{cls.__name__}: an episode config must be a mapping, got {type(raw).__name__}")
        values: dict[str, Any] = {}
        for name, convert, required, expected in _config_plan(cls):
            if name in raw:
                try:
                    values[name] = convert(raw[name])
                except (TypeError, ValueError):
                    raise LatentGymError(
                        f"{cls.__name__}: bad value {name}={raw[name]!r} (expected {expected})"
                    ) from None
            elif required:
                raise LatentGymError(f"{cls.__name__}: the episode config needs {name!r}; got keys {sorted(raw)}")
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        """The config in the original's dict form."""
        return {f.name: _plain(getattr(self, f.name)) for f in _fields(self)}


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` as echoed in a reply: at most ``limit`` characters, so a huge reply cannot make
    the observation huge."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


Converter = Callable[[Any], Any]

_PLANS: dict[type, list[tuple[str, Converter, bool, str]]] = {}


def _config_plan(cls: type) -> list[tuple[str, Converter, bool, str]]:
    """Per field of a config class: (name, converter, required, expected type), built once."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = _type_hints(cls)
        plan = _PLANS[cls] = [
            (
                f.name,
                _converter(hints[f.name]),
                f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
                getattr(hints[f.name], "__name__", None) or str(hints[f.name]),
            )
            for f in _fields(cls)
        ]
    return plan


def _converter(annotation: Any) -> Converter:
    """A function that converts a value to ``annotation`` (int, float, str, bool,
    tuple[X, ...], dict[K, V], X | None), raising TypeError or ValueError when it cannot."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = _converter(next(a for a in args if a is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        item = _converter(args[0])
        return lambda value: tuple(item(v) for v in value)
    if origin is dict:
        key, val = _converter(args[0]), _converter(args[1])
        return lambda value: {key(k): val(v) for k, v in dict(value).items()}
    if annotation is bool:
        return _to_bool
    if annotation in (int, float):
        return lambda value: annotation(_not_bool(value))
    if annotation is str:
        return str
    return lambda value: value


def _to_bool(value: Any) -> bool:
    if not isinstance(value, (bool, int)):
        raise TypeError(value)
    return bool(value)


def _not_bool(value: Any) -> Any:
    """Refuse ``True``/``False`` where a number is expected (``int(True)`` would be 1)."""
    if isinstance(value, bool):
        raise TypeError(value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


RulesT = TypeVar("RulesT", bound="RuleSet")
ConfigT = TypeVar("ConfigT", bound=EpisodeConfig)


class Game(ABC, Generic[RulesT, ConfigT]):
    """One episode of a core environment.

    The base class owns the turn loop: :meth:`step` refuses a step after the end, counts the
    turn, calls the engine's :meth:`play` hook, ends the episode at the turn cap (reward
    :meth:`reward_at_cap`, reply suffix :attr:`cap_note`), pays the reward only on the ending
    turn and snapshots :meth:`info`. An engine writes :meth:`start`, :meth:`play`,
    :meth:`info` and :meth:`end_feedback`, and sets ``env_name`` and ``config_type``.

    The game owns no global state: randomness during play comes from the ``rng`` handed in by
    the sequence (seeded per sequence), so a seed reproduces a run. A built game is ready to
    step, with its opening observation in :attr:`opening`; :meth:`reset` restarts it and
    returns the opening again.
    """

    env_name: ClassVar[str]
    config_type: type[EpisodeConfig]
    cap_note: ClassVar[str] = ""
    """Appended to the reply of a turn that ends the episode by reaching the turn cap."""

    def __init__(self, config: ConfigT | Mapping[str, Any], rules: RulesT, rng: random.Random | None = None) -> None:
        self.config: ConfigT = self.config_type.parse(config)  # type: ignore[assignment]
        self.rules = rules
        self.rng = rng if rng is not None else random.Random(0)
        # The hard bound, applied here only: rules and config are fixed per game.
        self._cap = min(self.turn_cap, rules.safety_max_turns)
        self.turn = 0
        self.done = False
        self.reward = 0.0
        self.opening = self.start()
        """The initial observation of the current episode."""

    @property
    def max_turns(self) -> int:
        """T, the rules' turn cap per episode."""
        return self.rules.max_turns_per_episode

    @property
    def turn_cap(self) -> int:
        """The env's own turn cap: T unless an env says otherwise. A game ends at this turn or at
        ``safety_max_turns``, the hard bound every env and front end shares, whichever is first."""
        return self.max_turns

    def reset(self) -> str:
        """Restart the episode and return its initial observation."""
        self.turn = 0
        self.done = False
        self.reward = 0.0
        self.opening = self.start()
        return self.opening

    def step(self, text: str) -> StepResult:
        """Apply one agent reply. Raises once the episode is over."""
        if self.done:
            raise RuntimeError(f"{self.env_name}: step() called after the episode ended")
        self.turn += 1
        turn = self.play(text)
        reply = turn.reply
        if turn.reward is not None:
            self.done, self.reward = True, turn.reward
        elif self.turn >= self._cap:
            self.done, self.reward = True, self.reward_at_cap()
            reply += self.cap_note
        return StepResult(
            reply=reply,
            valid=turn.valid,
            reason=turn.reason,
            result=turn.result,
            done=self.done,
            reward=self.reward if self.done else 0.0,
            info=self.info(turn),
        )

    @abstractmethod
    def start(self) -> str:
        """Reset the engine's own state and return the initial observation."""

    @abstractmethod
    def play(self, text: str) -> Turn:
        """Parse one reply and apply it (``self.turn`` already counts it); one path per outcome."""

    def reward_at_cap(self) -> float:
        """The reward when the turn cap ends an unfinished episode (0 unless partial credit)."""
        return 0.0

    @abstractmethod
    def info(self, turn: Turn) -> dict[str, Any]:
        """The original's info dict for ``turn``, read after it was applied (a new dict)."""

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
