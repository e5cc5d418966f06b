"""Split a conversation back into games, using only what the model saw.

The sequence protocol marks each game with a header (``## Game k of N: Title``) and each ending
with ``Game k over. Score: x.``; scripted agents read the transcript through this view, so they
never touch hidden state (the oracle gets its secret separately).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..envs import get_env, list_envs
from ..envs.sequence import END_RE, HEADER_RE


@dataclass
class EpisodeView:
    """One game as the agent saw it.

    Attributes:
        index: 0-based game index.
        env: Env id of this game (from the header's title).
        opening: The game's initial observation.
        turns: ``(agent reply, env step reply)`` pairs, in order.
        feedback: End feedback (and transition text) once the game is over, else ``None``.
        score: The score announced at the end, else ``None``.
    """

    index: int
    env: str
    opening: str
    turns: list[tuple[str, str]] = field(default_factory=list)
    feedback: str | None = None
    score: float | None = None

    @property
    def over(self) -> bool:
        return self.score is not None

    @property
    def replies(self) -> list[str]:
        return [r for _, r in self.turns]

    @property
    def text(self) -> str:
        """Everything the env said in this game after its opening: step replies, then feedback."""
        return "\n".join(self.replies) + "\n" + (self.feedback or "")

    def find(self, *patterns: re.Pattern[str]) -> re.Match[str] | None:
        """The first pattern that matches :attr:`text` (e.g. a solved line, else a reveal)."""
        text = self.text
        for pattern in patterns:
            m = pattern.search(text)
            if m:
                return m
        return None


@dataclass
class TranscriptView:
    """The whole conversation, split into games."""

    system: str
    num_episodes: int
    episodes: list[EpisodeView]
    pending_action: str | None = None

    @property
    def current(self) -> EpisodeView:
        return self.episodes[-1]

    @property
    def previous(self) -> list[EpisodeView]:
        """Games already finished."""
        return [e for e in self.episodes if e.over]

    @property
    def previous_same_env(self) -> list[EpisodeView]:
        """Finished games of the current game's env (all of them unless the sequence is mixed).

        Per-env latents count their own games, so policies that read game-specific text use these.
        """
        env = self.current.env
        return [e for e in self.episodes if e.over and e.env == env]


@cache
def _titles() -> dict[str, str]:
    return {get_env(name).title: name for name in list_envs()}


def parse_transcript(messages: Sequence[tuple[str, str]]) -> TranscriptView:
    """Build the view from ``(role, text)`` pairs (roles: system, user, assistant)."""
    system = "\n".join(text for role, text in messages if role == "system")
    view = TranscriptView(system=system, num_episodes=0, episodes=[])
    last_action: str | None = None
    for role, text in messages:
        if role == "assistant":
            last_action = text
            continue
        if role != "user":
            continue
        _absorb(view, text, last_action)
        last_action = None
    return view


def _absorb(view: TranscriptView, text: str, action: str | None) -> None:
    head = HEADER_RE.search(text)
    end = END_RE.search(text)
    cut = min(m.start() for m in (head, end) if m) if (head or end) else len(text)
    step_reply = text[:cut].strip()
    if view.episodes and action is not None:
        view.current.turns.append((action, step_reply))
    if end and view.episodes:
        stop = head.start() if head and head.start() > end.start() else len(text)
        view.current.feedback = text[end.start():stop].strip()
        view.current.score = float(end.group(2))
    if head:
        k, n, title = int(head.group(1)), int(head.group(2)), head.group(3).strip()
        view.num_episodes = n
        env = _titles().get(title, title)
        view.episodes.append(EpisodeView(index=k - 1, env=env, opening=text[head.end():].strip()))
