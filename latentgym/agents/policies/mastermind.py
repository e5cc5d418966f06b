"""Scripted mastermind policies: random, consistent-code solver, catalogue-aware and oracle.

``adaptive`` reads the codes earlier games revealed (cracked, or shown by information feedback)
and weighs the catalogue's predicates by how well they explain them (a Bayesian posterior over
latents, each sampling uniformly from its pool); it then guesses the consistent code with the
highest predictive probability.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import cache

from ...envs import get_env
from ...envs.mastermind.engine import parse_code, pegs
from ...envs.mastermind.latents import D4_IDS, Code, code_space, predicates
from ..transcript import EpisodeView, TranscriptView
from . import Secret

FEEDBACK_RE = re.compile(r"^(\d+) black, (\d+) white")
CRACKED_RE = re.compile(r"Cracked! ([\d ]+) is the code")
REVEAL_RE = re.compile(r"The code was ([\d ]+)\.")


def _code(text: str) -> Code:
    return tuple(int(d) for d in text.split())


def duplicates_allowed(view: TranscriptView) -> bool:
    return "Digits may repeat" in view.system


def history(episode: EpisodeView) -> list[tuple[Code, int, int]]:
    """(guess, black, white) for every scored guess of this game."""
    out = []
    for action, reply in episode.turns:
        m = FEEDBACK_RE.match(reply)  # the pegs of the guess in ``action``
        code = parse_code(action)
        if m and code is not None:
            out.append((tuple(code), int(m.group(1)), int(m.group(2))))
    return out


def consistent(pool: Sequence[Code], hist: list[tuple[Code, int, int]]) -> list[Code]:
    tried = {g for g, _, _ in hist}
    return [c for c in pool if c not in tried and all(pegs(c, g) == (b, w) for g, b, w in hist)]


def revealed_codes(view: TranscriptView) -> list[Code]:
    codes = []
    for ep in view.previous_same_env:
        if m := ep.find(CRACKED_RE, REVEAL_RE):
            codes.append(_code(m.group(1)))
    return codes


def _bracket(code: Code) -> str:
    return "[" + " ".join(map(str, code)) + "]"


def random_policy(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return _bracket(rng.choice(code_space(duplicates_allowed(view))))


def memoryless(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    pool = consistent(code_space(duplicates_allowed(view)), history(view.current))
    return _bracket(rng.choice(pool) if pool else rng.choice(code_space(duplicates_allowed(view))))


@cache
def _latent_pools(duplicates: bool) -> dict[str, frozenset[Code]]:
    """Pools of the latents whose code space matches the game's (some latents need repeated digits)."""
    space = code_space(duplicates)
    return {
        lid: frozenset(c for c in space if pred(c))
        for lid, pred in predicates().items()
        if (lid in D4_IDS) == duplicates
    }


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    dup = duplicates_allowed(view)
    pool = consistent(code_space(dup), history(view.current))
    if not pool:
        return memoryless(view, rng, secret)
    seen = revealed_codes(view)
    pools = _latent_pools(dup)
    weights = {}
    for lid, members in pools.items():
        if members and all(c in members for c in seen):
            weights[lid] = (1.0 / len(members)) ** len(seen)
    if not weights:
        return _bracket(rng.choice(pool))
    scores = {c: sum(w / len(pools[lid]) for lid, w in weights.items() if c in pools[lid]) for c in pool}
    top = max(scores.values())
    return _bracket(rng.choice([c for c in pool if scores[c] >= top * 0.999]))


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    if secret is None:
        return memoryless(view, rng, secret)
    candidates = get_env("mastermind").latent(secret.latent_id).candidates()  # type: ignore[attr-defined]
    pool = consistent(candidates, history(view.current))
    return _bracket(rng.choice(pool)) if pool else memoryless(view, rng, secret)


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}

__all__ = ["POLICIES", "consistent", "history", "revealed_codes"]
