"""Bandits: the env definition registered in the catalogue."""

from __future__ import annotations

from ..definition import EnvDefinition
from .engine import BUTTONS, BanditsConfig, BanditsGame, BanditsRules, best_button, parse_commit
from .latents import catalogue


def intro(rules: BanditsRules, config: BanditsConfig, n: int) -> str:
    buttons = config.buttons
    t = rules.max_turns_per_episode
    return (
        f"You will play {n} games of Bandits in sequence. Each game has {len(buttons)} buttons "
        f"({', '.join(buttons)}); each pays 1 with its own hidden probability. Find the best "
        f"button within {t} turns: explore by pulling one button per turn, e.g. [{buttons[0]}], "
        f"and commit with [select {buttons[0]}], which ends the game. A correct commit scores "
        f"more the earlier it comes. On turn {t - 1} you must stop exploring; on turn {t} the "
        "button you name counts as your choice. Put brackets around nothing else."
    )


DEFINITION = EnvDefinition(
    name="bandits",
    title="Bandits",
    game=BanditsGame,
    rules=BanditsRules,
    latents=catalogue,
    intro=intro,
    some_info_hint="Hint: the button probabilities may share a hidden pattern or constraint across games.",
    some_info_reminder="Use what you learned about the buttons.",
    full_info_hint="Hint: the best button follows a hidden pattern across games.",
    full_info_reminder="Use the pattern of the best buttons.",
    presets={"rl_training": {"max_turns_per_episode": 30}},
    default_num_episodes=10,
    default_latent="loyal_favorite_2",
    game_options=("pull_outcomes",),
)

__all__ = ["BUTTONS", "BanditsConfig", "BanditsGame", "BanditsRules", "DEFINITION", "best_button", "parse_commit"]
