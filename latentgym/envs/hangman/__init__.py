"""Hangman: the env definition registered in the catalogue."""

from __future__ import annotations

from ..definition import EnvDefinition
from .engine import HangmanConfig, HangmanGame, HangmanRules, board_text
from .latents import catalogue


def intro(rules: HangmanRules, config: HangmanConfig, n: int) -> str:
    lives = rules.max_turns_per_episode
    cap = f" A game also ends after {lives} turns." if rules.hangman_cap_mode == "all_turns" else ""
    return (
        f"You will play {n} games of Hangman in sequence. Each turn, guess one letter or the "
        "whole word in brackets, e.g. [E] or [APPLE], and put brackets around nothing else. "
        f"Hits are revealed on the board; a wrong letter or word costs one of {lives} lives. "
        f"Solve the word before the lives run out.{cap}"
    )


DEFINITION = EnvDefinition(
    name="hangman",
    title="Hangman",
    game=HangmanGame,
    rules=HangmanRules,
    latents=catalogue,
    intro=intro,
    some_info_hint="Hint: the words may share properties.",
    some_info_reminder="What did the previous words share?",
    full_info_hint=(
        "Hint: all words in this sequence share one hidden property (for example their length, "
        "first letter or vowel pattern)."
    ),
    full_info_reminder="Use the shared property.",
    presets={"rl_training": {"max_turns_per_episode": 10, "hangman_cap_mode": "all_turns"}},
    default_num_episodes=10,
    default_latent="starts_with_S",
)

__all__ = ["DEFINITION", "HangmanConfig", "HangmanGame", "HangmanRules", "board_text"]
