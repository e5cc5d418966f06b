"""Wordle: the env definition registered in the catalogue."""

from __future__ import annotations

from ..definition import EnvDefinition
from .engine import WordleConfig, WordleGame, WordleRules, marks, partial_credit
from .latents import catalogue


def intro(rules: WordleRules, config: WordleConfig, n: int) -> str:
    length = config.length
    return (
        f"You will play {n} games of Wordle in sequence. Each game hides a {length}-letter word; "
        f"you have {rules.max_turns_per_episode} guesses. Reply with one guess in brackets, e.g. "
        f"[{'crane' if length == 5 else 'a' * length}], and put brackets around nothing else. "
        "Each guess is marked per letter: G = right letter, right spot; Y = in the word, "
        "elsewhere; X = not in the word."
    )


DEFINITION = EnvDefinition(
    name="wordle",
    title="Wordle",
    game=WordleGame,
    rules=WordleRules,
    latents=catalogue,
    intro=intro,
    some_info_hint="Hint: the secret words may share a hidden pattern.",
    some_info_reminder="Think about what the secret words so far have in common.",
    full_info_hint="Hint: every secret word obeys one hidden rule.",
    full_info_reminder="Remember the rule the secret words obey.",
    presets={"rl_training": {"max_turns_per_episode": 6}},
    default_num_episodes=10,
    default_latent="starts_with_S",
)

__all__ = ["DEFINITION", "WordleConfig", "WordleGame", "WordleRules", "marks", "partial_credit"]
