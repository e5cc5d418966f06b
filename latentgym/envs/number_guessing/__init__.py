"""Number guessing: the env definition registered in the catalogue."""

from __future__ import annotations

from ..definition import EnvDefinition
from .engine import NumberGuessingConfig, NumberGuessingGame, NumberGuessingRules, parse_guess
from .latents import catalogue


def intro(rules: NumberGuessingRules, config: NumberGuessingConfig, n: int) -> str:
    return (
        f"You will play {n} games of Number Guessing in sequence. Each game hides an integer in the "
        "inclusive range it states; after each guess you learn whether the secret is higher or lower. "
        "Use as few guesses as possible. Reply with one number in brackets, e.g. "
        f"[{(config.min_range + config.max_range) // 2}], and put brackets around nothing else."
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
