"""Mastermind: the env definition registered in the catalogue."""

from __future__ import annotations

from ..definition import EnvDefinition
from .engine import MastermindConfig, MastermindGame, MastermindRules, parse_code, pegs
from .latents import catalogue


def intro(rules: MastermindRules, config: MastermindConfig, n: int) -> str:
    length, digits = config.code_length, config.num_numbers
    repeats = "Digits may repeat." if config.duplicates_allowed else "No digit repeats within a code."
    example = " ".join(str(d) for d in range(1, length + 1))
    return (
        f"You will play {n} games of Mastermind in sequence. Each game hides a code of {length} "
        f"digits from 1 to {digits}. {repeats} You have {rules.max_turns_per_episode} guesses per "
        f"game. Guess with the digits in brackets, separated by spaces, e.g. [{example}]. Each guess "
        "gets black pegs (right digit, right place) and white pegs (right digit, wrong place)."
    )


DEFINITION = EnvDefinition(
    name="mastermind",
    title="Mastermind",
    game=MastermindGame,
    rules=MastermindRules,
    latents=catalogue,
    intro=intro,
    some_info_hint="Hint: the secret codes may share a pattern across games.",
    some_info_reminder="What do the codes so far have in common?",
    full_info_hint=(
        "Hint: every secret code in this sequence follows one hidden structural rule (for "
        "example ascending digits, a palindrome, or a constraint on certain digits)."
    ),
    full_info_reminder="Use the codes' shared pattern to narrow your search.",
    presets={"rl_training": {"max_turns_per_episode": 10, "turn_penalty": 0.0}},
    default_num_episodes=10,
    default_latent="ascending",
)

__all__ = ["DEFINITION", "MastermindConfig", "MastermindGame", "MastermindRules", "parse_code", "pegs"]
