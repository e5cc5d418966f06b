"""Split a conversation back into games, using only what the model saw.

The sequence protocol marks each game with a header (``## Game k of N: Title``) and each ending
with ``Game k over. Score: x.``; scripted agents read the transcript through this view, so they
never touch hidden state (the oracle gets its secret separately).

:class:`Transcript` reads a conversation incrementally: a caller that sees the conversation grow
(the Inspect provider, :func:`~latentgym.agents.rollout.play`) feeds each new message once, so a
turn costs the same at the end of a sequence as at its start. :func:`parse_transcript` is the
same reader fed every message at once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

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
    _text: tuple[int, str | None, str] | None = field(default=None, repr=False, compare=False)
    _found: dict[tuple[re.Pattern[str], ...], re.Match[str] | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def over(self) -> bool:
        return self.score is not None

    @property
    def replies(self) -> list[str]:
        return [r for _, r in self.turns]

    @property
    def text(self) -> str:
        """Everything the env said in this game after its opening: step replies, then feedback.

        Built once per state of the game (policies read finished games on every later turn).
        """
        cached = self._text
        if cached is None or cached[0] != len(self.turns) or cached[1] is not self.feedback:
            text = "\n".join(self.replies) + "\n" + (self.feedback or "")
            cached = self._text = (len(self.turns), self.feedback, text)
        return cached[2]

    def find(self, *patterns: re.Pattern[str]) -> re.Match[str] | None:
        """The first pattern that matches :attr:`text` (e.g. a solved line, else a reveal).

        A finished game's answers are kept: its text no longer changes.
        """
        if self.over and patterns in self._found and self._text is not None and self._text[0] == len(self.turns):
            return self._found[patterns]
        text = self.text
        found = None
        for pattern in patterns:
            m = pattern.search(text)
            if m:
                found = m
                break
        if self.over:
            self._found[patterns] = found
        return found


@dataclass
class TranscriptView:
    """The whole conversation, split into games."""

    system: str
    num_episodes: int
    episodes: list[EpisodeView]
    pending_action: str | None = None
    stream: _DigestStream | None = field(default=None, repr=False, compare=False)
    """What :func:`~latentgym.agents.policies.transcript_rng` hashes, kept as it grows (``None``
    for a view built by hand: the RNG then hashes the view itself)."""

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


class _DigestStream:
    """The texts the scripted agents' RNG hashes, in order: each game's opening, then its
    (reply, step reply) pairs. Per agent, a running SHA-256 over them, so a turn hashes only what
    is new; the digest equals hashing the agent, the system text and the whole stream at once."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self._running: dict[str, tuple[Any, int, str]] = {}

    def add(self, *texts: str) -> None:
        self.chunks.extend(t.encode() for t in texts)

    def hexdigest(self, agent: str, system: str) -> str:
        state = self._running.get(agent)
        if state is None or state[2] != system:
            digest, done = hashlib.sha256(agent.encode()), 0
            digest.update(system.encode())
        else:
            digest, done, _ = state
        for chunk in self.chunks[done:]:
            digest.update(chunk)
        self._running[agent] = (digest, len(self.chunks), system)
        return digest.copy().hexdigest()


class Transcript:
    """A conversation read incrementally: :meth:`feed` each message once, in order; :attr:`view`
    is always the view of everything fed so far (the same object, updated in place)."""

    def __init__(self) -> None:
        self.view = TranscriptView(system="", num_episodes=0, episodes=[], stream=_DigestStream())
        self.count = 0
        """Messages fed so far."""
        self._systems: list[str] = []
        self._last_action: str | None = None

    def feed(self, role: str, text: str) -> None:
        self.count += 1
        if role == "system":
            self._systems.append(text)
            self.view.system = "\n".join(self._systems)
        elif role == "assistant":
            self._last_action = text
        elif role == "user":
            _absorb(self.view, text, self._last_action)
            self._last_action = None

    def extend(self, messages: Sequence[tuple[str, str]]) -> TranscriptView:
        """Feed ``messages`` (the ones after those already fed) and return the view."""
        for role, text in messages:
            self.feed(role, text)
        return self.view


def parse_transcript(messages: Sequence[tuple[str, str]]) -> TranscriptView:
    """Build the view from ``(role, text)`` pairs (roles: system, user, assistant)."""
    return Transcript().extend(messages)


def _absorb(view: TranscriptView, text: str, action: str | None) -> None:
    head = HEADER_RE.search(text)
    end = END_RE.search(text)
    cut = min(m.start() for m in (head, end) if m) if (head or end) else len(text)
    step_reply = text[:cut].strip()
    if view.episodes and action is not None:
        view.current.turns.append((action, step_reply))
        if view.stream is not None:
            view.stream.add(action, step_reply)
    if end and view.episodes:
        stop = head.start() if head and head.start() > end.start() else len(text)
        view.current.feedback = text[end.start() : stop].strip()
        view.current.score = float(end.group(2))
    if head:
        k, n, title = int(head.group(1)), int(head.group(2)), head.group(3).strip()
        view.num_episodes = n
        env = _titles().get(title, title)
        opening = text[head.end() :].strip()
        view.episodes.append(EpisodeView(index=k - 1, env=env, opening=opening))
        if view.stream is not None:
            view.stream.add(opening)
