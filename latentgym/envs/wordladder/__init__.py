"""Word ladder: the env definition registered in the catalogue."""

from __future__ import annotations

from ..definition import EnvDefinition
from .engine import WordLadderConfig, WordLadderGame, WordLadderRules, solved_reward
from .latents import catalogue


def intro(rules: WordLadderRules, config: WordLadderConfig, n: int) -> str:
    return (
        f"You will play {n} games of Word Ladder in sequence: turn a start word into a target word in "
        f"at most {rules.max_turns_per_episode} moves, changing one letter per move; every move must "
        "give a valid English word. Answer each turn with only the next word in brackets, e.g. [cat]."
    )


DEFINITION = EnvDefinition(
    name="wordladder",
    title="Word Ladder",
    game=WordLadderGame,
    rules=WordLadderRules,
    latents=catalogue,
    intro=intro,
    some_info_hint="Hint: the word pairs and their solutions may share patterns; watch the words you use.",
    some_info_reminder="What did the earlier solutions share?",
    full_info_hint="IMPORTANT: a pattern links the games of this sequence.",
    full_info_reminder="Use the pattern.",
    presets={"rl_training": {"max_turns_per_episode": 10}},
    default_num_episodes=5,
    default_latent="hub_word_4letter",
)

__all__ = ["DEFINITION", "WordLadderConfig", "WordLadderGame", "WordLadderRules", "solved_reward"]
