"""Scripted policies, one module per env, as plain functions of the transcript.

Each env module defines ``POLICIES``: agent name -> ``policy(view, rng, secret) -> reply text``.

- ``random``: valid-looking but uninformed actions.
- ``memoryless``: plays each game competently and ignores earlier games.
- ``adaptive``: reads only the transcript, infers the latent from earlier games and exploits it.
- ``oracle``: is handed the hidden latent (:class:`Secret`): the ceiling.
"""

from __future__ import annotations

import hashlib
import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...envs.errors import unknown
from ...envs.mixed import game_secret, is_mixed
from ..transcript import TranscriptView

AGENTS: tuple[str, ...] = ("random", "memoryless", "adaptive", "oracle")

POLICY_MODULES: dict[str, str] = {
    "number_guessing": "latentgym.agents.policies.number_guessing",
    "wordle": "latentgym.agents.policies.wordle",
    "hangman": "latentgym.agents.policies.hangman",
    "wordladder": "latentgym.agents.policies.wordladder",
    "mastermind": "latentgym.agents.policies.mastermind",
    "bandits": "latentgym.agents.policies.bandits",
    "secretary": "latentgym.agents.policies.secretary",
}
"""Env id -> module defining ``POLICIES``: one line per env."""


@dataclass(frozen=True)
class Secret:
    """What the oracle may know: the latent id and the sequence's hidden context."""

    env: str
    latent_id: str
    context: dict[str, Any] = field(default_factory=dict)


Policy = Callable[[TranscriptView, random.Random, "Secret | None"], str]


def get_policy(env: str, agent: str) -> Policy:
    if agent not in AGENTS:
        raise unknown("scripted agent", agent, AGENTS)
    if env not in POLICY_MODULES:
        raise unknown("env with scripted agents", env, POLICY_MODULES)
    return importlib.import_module(POLICY_MODULES[env]).POLICIES[agent]


def transcript_rng(view: TranscriptView, agent: str) -> random.Random:
    """A deterministic RNG derived from what the agent has seen (same transcript, same reply).

    The digest covers the agent's name, the system text, then every game's opening and
    (reply, step reply) pairs in order; a view read by a :class:`~latentgym.agents.transcript.Transcript`
    keeps it running, so only what is new is hashed.
    """
    if view.stream is not None:
        return random.Random(view.stream.hexdigest(agent, view.system))
    digest = hashlib.sha256(agent.encode())
    digest.update(view.system.encode())
    for ep in view.episodes:
        digest.update(ep.opening.encode())
        for action, reply in ep.turns:
            digest.update(action.encode())
            digest.update(reply.encode())
    return random.Random(digest.hexdigest())


def act(view: TranscriptView, agent: str, secret: Secret | None = None) -> str:
    """The scripted agent's reply to the current state of the transcript."""
    if not view.episodes:
        raise ValueError("the transcript has no game header; is this a LatentGym conversation?")
    policy = get_policy(view.current.env, agent)
    if secret is not None and is_mixed(secret.env):
        env, latent_id, context = game_secret(secret.context, view.current.index)
        secret = Secret(env, latent_id, context)
    if secret is not None and "schedule" in secret.context:
        from ...envs.composite import episode_context

        base_id, context = episode_context(secret.context, view.current.index)
        secret = Secret(secret.env, base_id or secret.latent_id, context)
    return policy(view, transcript_rng(view, agent), secret)
