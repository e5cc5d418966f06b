"""Targets revealed by finished word games, whichever word game each one was.

In a mixed sequence (e.g. wordle and hangman sharing ``starts_with_S``) the adaptive agents
learn from every earlier word game, so evidence transfers across envs.
"""

from __future__ import annotations

import re

from ..transcript import EpisodeView, TranscriptView

REVEAL_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "wordle": (
        re.compile(r"^Solved: ([A-Z]+) \(", re.MULTILINE),
        re.compile(r"The word was ([A-Z]+)\."),
    ),
    "hangman": (
        re.compile(r"Solved: the word is ([A-Z]+)\."),
        re.compile(r"The word was ([A-Z]+)\."),
    ),
}


def episode_target(episode: EpisodeView) -> str | None:
    """The target word a finished game showed (uppercase), if it showed one."""
    m = episode.find(*REVEAL_PATTERNS.get(episode.env, ()))
    return m.group(1).upper() if m else None


def revealed_words(view: TranscriptView) -> tuple[str, ...]:
    """Targets of all finished word games, in order (uppercase)."""
    return tuple(w for ep in view.previous if (w := episode_target(ep)))
