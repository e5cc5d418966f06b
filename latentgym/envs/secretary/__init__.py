"""Secretary: the env definition registered in the catalogue."""

from __future__ import annotations

from ..definition import EnvDefinition
from .engine import NUM_DRAWS, SecretaryConfig, SecretaryGame, SecretaryRules, parse_action, secretary_reward
from .latents import catalogue


def intro(rules: SecretaryRules, config: SecretaryConfig, n: int) -> str:
    draws = len(config.draws)
    strict = rules.secretary_parse == "strict"
    form = (
        "Reply exactly [accept] or [continue], nothing else."
        if strict
        else "Answer [accept] or [continue]; anything else counts as [continue]."
    )
    return (
        f"You will play {n} games of Secretary in sequence. Each shows {draws} values in [0, 1], one "
        "at a time, as position:value. Accept the one shown or continue; a passed value never "
        f"returns, and the last must be taken. {form} The largest value scores 1; any other "
        "0.5 x value / largest."
    )


DEFINITION = EnvDefinition(
    name="secretary",
    title="Secretary",
    game=SecretaryGame,
    rules=SecretaryRules,
    latents=catalogue,
    intro=intro,
    some_info_hint="Hint: the position of the largest value may follow a pattern across games.",
    some_info_reminder="Where was the largest value in earlier games?",
    full_info_hint="Important: the games share a consistent, exploitable pattern.",
    full_info_reminder="Use the pattern you have found.",
    presets={"rl_training": {"max_turns_per_episode": NUM_DRAWS, "secretary_parse": "lenient"}},
    default_num_episodes=10,
    default_latent="fixed_position_2",
)

__all__ = ["DEFINITION", "SecretaryConfig", "SecretaryGame", "SecretaryRules", "parse_action", "secretary_reward"]
