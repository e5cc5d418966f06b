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
    The current value (4 decimals) and its position, ``k/N`` counted from 1.
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
from typing import Any, Literal


from ..base import Field, Game, RuleSet, StepResult, new_step
from ..errors import LatentGymError

NUM_DRAWS = 10
LENIENT_RE = re.compile(r"\[(accept|continue)\]", re.IGNORECASE)
STRICT_ACTIONS = {"[accept]": "accept", "[continue]": "continue"}

Parse = Literal["strict", "lenient"]


class SecretaryRules(RuleSet):
    """Rules of the secretary game; defaults are the frontier-evaluation set."""

    max_turns_per_episode: int = Field(default=NUM_DRAWS, ge=1, description="Values per game (N = num_draws).")
    secretary_parse: Parse = Field(
        default="strict", description="strict: the reply must be exactly one action; lenient: unreadable = continue."
    )


def secretary_reward(value: float, draws: list[float]) -> float:
    top = max(draws)
    return 1.0 if value >= top else 0.5 * value / top


def parse_action(text: str, mode: Parse) -> str | None:
    if mode == "strict":
        return STRICT_ACTIONS.get(text.strip().lower())
    m = LENIENT_RE.search(text)
    return m.group(1).lower() if m else None


class SecretaryGame(Game):
    env_name = "secretary"

    def __init__(self, config: dict[str, Any], rules: RuleSet, rng: Any = None) -> None:
        super().__init__(config, rules, rng)
        self.draws = list(map(float, self.config["draws"]))
        self.n = len(self.draws)
        for key in ("num_draws", "max_turns_per_episode"):
            value = self.config.get(key, self.n)
            if value != self.n and int(value) != self.n:
                raise LatentGymError(
                    f"secretary config: {key}={self.config[key]} but there are {self.n} draws; they must match"
                )
        if self.n == 0:
            raise LatentGymError("secretary config: draws is empty")
        self.max_turns = self.n
        self.mode: Parse = getattr(rules, "secretary_parse", "strict")
        self.top = max(self.draws)
        self.position = 0
        self.accepted: int | None = None

    def _show(self, i: int) -> str:
        """The line that shows value ``i`` (0-based), ending in a full stop."""
        return f"Value {i + 1}/{self.n}: {self.draws[i]:.4f}."

    def reset(self) -> str:
        self.turn = 0
        self.done = False
        self.reward = 0.0
        self.position = 0
        self.accepted = None
        return self._show(0)

    def step(self, text: str) -> StepResult:
        if self.done:
            self._step_after_end()
        self.turn = turn = self.turn + 1
        strict = self.mode == "strict"
        action = parse_action(text, self.mode)
        last = self.position == self.n - 1
        if strict and action != "accept" and not (action and last):
            if turn >= self.rules.safety_max_turns:
                return self._accept("Turn limit reached: the value shown is taken. ", forced=action is None)
        if action is None and strict:
            reply = f"Invalid: reply with exactly [accept] or [continue]. {self._show(self.position)}"
            return self._result(reply, False, "format", None)
        if action == "accept" or last:
            return self._accept("" if action else "Last value: it is taken. ")
        self.position = position = self.position + 1
        reply = self._show(position) if action else f"No action read: treated as [continue]. {self._show(position)}"
        if position == self.n - 1:
            reply += " (last: any reply takes it)"
        # The common turn (the next value is shown), built inline (see _result).
        details = (self._info, self.reward, None)
        return new_step((reply, action is not None, None if action else "format", ("shown", self.draws[position], position), False, 0.0, details))

    def _accept(self, prefix: str, forced: bool = False) -> StepResult:
        self.done = True
        self.accepted = self.position
        value = self.draws[self.position]
        self.reward = secretary_reward(value, self.draws)
        reply = f"{prefix}Accepted value {self.position + 1}/{self.n}: {value:.4f}."
        return self._result(reply, not forced, "format" if forced else None, ("accepted", self.position))

    def _result(self, reply: str, valid: bool, reason: Any, result: Any) -> StepResult:
        done = self.done
        details = (self._info, self.reward, self.accepted)
        return new_step((reply, valid, reason, result, done, self.reward if done else 0.0, details))

    def _info(self, reward: float, accepted: int | None) -> dict[str, Any]:
        return {
            "reward": reward,
            "draws": list(self.draws),
            "max_value": self.top,
            "max_position": self.draws.index(self.top),
            "accepted_value": self.draws[accepted] if accepted is not None else None,
            "accepted_position": accepted,
            "num_draws": self.n,
        }

    def end_feedback(self, information: bool) -> str:
        picked = self.accepted is not None and self.draws[self.accepted] >= self.top
        parts = [f"Maximum {'picked' if picked else 'missed'}."]
        if information:
            pos = self.draws.index(self.top)
            parts.append(f"It was {self.top:.3f}, value {pos + 1}/{self.n}.")
            parts.append("Values: " + ", ".join(f"{v:.3f}" for v in self.draws) + ".")
        return " ".join(parts)
