"""Number guessing: the env definition registered in the catalogue."""

from __future__ import annotations

from ..definition import EnvDefinition
from .engine import NumberGuessingConfig, NumberGuessingGame, NumberGuessingRules, parse_guess
from .latents import catalogue


def intro(rules: NumberGuessingRules, config: NumberGuessingConfig, n: int) -> str:
    low, high = config.min_range, config.max_range
    return (
        f"You will play {n} games of Number Guessing in sequence. In each game a secret integer "
        f"lies in [{low}, {high}] (inclusive). After each guess you are told whether the secret "
        "is higher or lower, or that you found it. Use as few guesses as possible. Reply with "
        f"your guess in brackets, e.g. [{(low + high) // 2}], and put brackets around nothing else."
    )


DEFINITION = EnvDefinition(
    name="number_guessing",
    title="Number Guessing",
    game=NumberGuessingGame,
    rules=NumberGuessingRules,
    latents=catalogue,
    intro=intro,
    some_info_hint="Hint: the secret numbers may follow a pattern across games.",
    some_info_reminder="Use what the earlier games showed.",
    full_info_hint="Hint: the secret numbers follow a fixed pattern across games.",
    full_info_reminder="Remember the pattern of the secret numbers.",
    presets={"rl_training": {"max_turns_per_episode": 10}},
    default_num_episodes=10,
    default_latent="set_of_3",
)

__all__ = ["DEFINITION", "NumberGuessingConfig", "NumberGuessingGame", "NumberGuessingRules", "parse_guess"]
