"""Secretary: values are shown one at a time; accept one, hoping it is the largest.

Description:
    ``num_draws`` values in [0, 1] are revealed in order. At each shown value the agent accepts
    it (ending the game) or continues to the next; a passed value never returns, and the last
    value must be taken if it is reached.
Actions:
    ``[accept]`` or ``[continue]``. ``strict`` parsing (default): the stripped, lowercased reply
    must be exactly one of them, else ``format`` (the turn is consumed, the position stays).
    ``lenient`` parsing: the first case-insensitive match anywhere; no match counts as continue.
Observations:
    The current value (4 decimals) after its position counted from 1: ``3:0.8857``; the last
    adds `` (last)``. An accept replies ``Accepted 3:0.8857.``; the end feedback says ``Max
    picked.`` or ``Max missed.``, and with ``information`` adds the maximum, its position and
    every value (3 decimals): ``Max missed: 0.912 at 7. Values: 0.644, ...``.
Rewards:
    1.0 if the accepted value is the maximum, else ``0.5 * v / max(draws)``.
Episode end:
    An accept; any valid action (strict) or any reply (lenient) while the last value is shown;
    in strict mode, turn ``safety_max_turns``, where the value shown is accepted (forced) unless
    the reply accepts it anyway.
Arguments:
    Config keys ``draws``, ``num_draws``, ``max_turns_per_episode`` (both equal to
    ``len(draws)``); rules ``secretary_parse``, ``safety_max_turns``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Self

from ..base import EpisodeConfig, Field, Game, RuleSet, Turn
from ..errors import LatentGymError

NUM_DRAWS = 10
LENIENT_RE = re.compile(r"\[(accept|continue)\]", re.IGNORECASE)
STRICT_ACTIONS = {"[accept]": "accept", "[continue]": "continue"}

Parse = Literal["strict", "lenient"]


class SecretaryRules(RuleSet):
    """Rules of the secretary game; defaults are the frontier-evaluation set."""

    counts_turns = False

    max_turns_per_episode: int = Field(default=NUM_DRAWS, ge=1, description="Values per game (N = num_draws).")
    secretary_parse: Parse = Field(
        default="strict", description="strict: the reply must be exactly one action; lenient: unreadable = continue."
    )


class SecretaryConfig(EpisodeConfig):
    """One game: the values in the order they are shown (``num_draws`` must match their count)."""

    draws: tuple[float, ...]
    num_draws: int | None = None

    def __post_init__(self) -> None:
        if not self.draws:
            raise LatentGymError("secretary config: draws is empty")
        if self.num_draws is not None and self.num_draws != len(self.draws):
            raise LatentGymError(
                f"secretary config: num_draws={self.num_draws} but there are {len(self.draws)} draws; they must match"
            )

    @classmethod
    def parse(cls, raw: Mapping[str, Any] | Self) -> Self:
        """As :meth:`EpisodeConfig.parse`; an original ``max_turns_per_episode`` must match the draws."""
        config = super().parse(raw)
        cap = raw.get("max_turns_per_episode") if isinstance(raw, Mapping) else None
        if cap is not None and int(cap) != len(config.draws):
            raise LatentGymError(
                f"secretary config: max_turns_per_episode={cap} but there are {len(config.draws)} draws; they must match"
            )
        return config


def secretary_reward(value: float, draws: Sequence[float]) -> float:
    top = max(draws)
    return 1.0 if value >= top else 0.5 * value / top


def shown(value: float, decimals: int = 4) -> str:
    """A value as the texts write it: ``0.8857`` with ``decimals`` decimals."""
    return f"{value:.{decimals}f}"


def parse_action(text: str, mode: Parse) -> str | None:
    if mode == "strict":
        return STRICT_ACTIONS.get(text.strip().lower())
    m = LENIENT_RE.search(text)
    return m.group(1).lower() if m else None


CAP_TEXT = "Turn limit reached: the value shown is taken."


class SecretaryGame(Game[SecretaryRules, SecretaryConfig]):
    env_name = "secretary"
    config_type = SecretaryConfig
    cap_note = f" {CAP_TEXT}"

    @property
    def max_turns(self) -> int:
        """N, the number of values (one per valid action)."""
        return len(self.config.draws)

    @property
    def turn_cap(self) -> int:
        """Strict parsing can loop on unreadable replies: ``safety_max_turns`` bounds it (see
        :meth:`play`, which takes the value shown there). Lenient play ends within N turns."""
        return self.rules.safety_max_turns if self.rules.secretary_parse == "strict" else self.max_turns

    def _show(self, i: int) -> str:
        """The text that shows value ``i`` (0-based): ``position:value``, the position from 1."""
        return f"{i + 1}:{shown(self.config.draws[i])}"

    def start(self) -> str:
        self.position = 0
        self.accepted: int | None = None
        return self._show(0)

    def play(self, text: str) -> Turn:
        strict = self.rules.secretary_parse == "strict"
        action = parse_action(text, self.rules.secretary_parse)
        last = self.position == self.max_turns - 1
        if strict and self.turn >= self.turn_cap and action != "accept" and not (action and last):
            return self._accept(f"{CAP_TEXT} ", forced=action is None)
        if action is None and strict:
            reply = f"Invalid: reply exactly [accept] or [continue]. {self._show(self.position)}"
            return Turn(reply=reply, valid=False, reason="format")
        if action == "accept" or last:
            return self._accept("" if action else "Last value taken. ")
        self.position += 1
        reply = (
            self._show(self.position)
            if action
            else f"No action read: treated as [continue]. {self._show(self.position)}"
        )
        if self.position == self.max_turns - 1:
            reply += " (last)"
        result = ("shown", self.config.draws[self.position], self.position)
        return Turn(reply=reply, valid=action is not None, reason=None if action else "format", result=result)

    def _accept(self, prefix: str, forced: bool = False) -> Turn:
        self.accepted = self.position
        value = self.config.draws[self.position]
        reply = f"{prefix}Accepted {self._show(self.position)}."
        return Turn(
            reply=reply,
            valid=not forced,
            reason="format" if forced else None,
            result=("accepted", self.position),
            reward=secretary_reward(value, self.config.draws),
        )

    def reward_at_cap(self) -> float:
        """At the hard bound the value shown is taken (lenient play with more values than turns)."""
        self.accepted = self.position
        return secretary_reward(self.config.draws[self.position], self.config.draws)

    def info(self, turn: Turn) -> dict[str, Any]:
        draws = self.config.draws
        top = max(draws)
        return {
            "reward": self.reward,
            "draws": list(draws),
            "max_value": top,
            "max_position": draws.index(top),
            "accepted_value": draws[self.accepted] if self.accepted is not None else None,
            "accepted_position": self.accepted,
            "num_draws": len(draws),
        }

    def end_feedback(self, information: bool) -> str:
        draws = self.config.draws
        top = max(draws)
        picked = self.accepted is not None and draws[self.accepted] >= top
        outcome = f"Max {'picked' if picked else 'missed'}"
        if not information:
            return outcome + "."
        listed = ", ".join(shown(v, 3) for v in draws)
        return f"{outcome}: {shown(top, 3)} at {draws.index(top) + 1}. Values: {listed}."
