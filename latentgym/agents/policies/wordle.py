"""Scripted wordle policies over the wordle pool: random, a consistent-candidate solver, the same
solver weighted by a posterior over latents learned from revealed targets, and the oracle."""

from __future__ import annotations

import random
import re
from collections import Counter
from functools import cache

from ...envs import get_env
from ...envs._words import wordle_pool
from ...envs.latent import FilterLatent
from ...envs.wordle import marks
from ..transcript import EpisodeView, TranscriptView
from . import Secret
from ._revealed_words import revealed_words
from ._latent_prior import word_weights

MARK_RE = re.compile(r"^([A-Z]+) ([GYX]+)", re.MULTILINE)


def history(episode: EpisodeView) -> tuple[tuple[str, str], ...]:
    out = []
    for _, reply in episode.turns:
        m = MARK_RE.match(reply)
        if m:
            out.append((m.group(1).lower(), m.group(2)))
    return tuple(out)


@cache
def consistent(hist: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Pool words consistent with every (guess, marks) so far (cached prefix by prefix)."""
    if not hist:
        return wordle_pool()
    return tuple(w for w in consistent(hist[:-1]) if marks(hist[-1][0], w) == hist[-1][1])


def score(words: tuple[str, ...]) -> dict[str, float]:
    """How many candidates share each of a word's distinct letters (a cheap information proxy)."""
    freq = Counter(c for w in words for c in set(w))
    return {w: sum(freq[c] for c in set(w)) for w in words}


def pick(words: tuple[str, ...], weights: dict[str, float] | None = None) -> str:
    if not words:
        return "[crane]"
    base = _score(words)
    if weights:
        return f"[{max(words, key=lambda w: (weights.get(w, 0.0), base[w], w))}]"
    return f"[{max(words, key=lambda w: (base[w], w))}]"


@cache
def _score(words: tuple[str, ...]) -> dict[str, float]:
    return score(words)


@cache
def _pool_set() -> frozenset[str]:
    return frozenset(wordle_pool())


def revealed_targets(view: TranscriptView) -> tuple[str, ...]:
    """Targets of earlier word games (of any word env, so mixed sequences transfer)."""
    pool = _pool_set()
    return tuple(w for w in (x.lower() for x in revealed_words(view)) if w in pool)


def random_policy(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return f"[{rng.choice(wordle_pool())}]"


def memoryless(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return pick(consistent(history(view.current)))


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    words = consistent(history(view.current))
    return pick(words, word_weights("wordle", revealed_targets(view)))


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    words = consistent(history(view.current))
    if secret is not None:
        lat = get_env("wordle").latent(secret.latent_id)
        if isinstance(lat, FilterLatent):
            allowed = frozenset(lat.candidates())
            words = tuple(w for w in words if w in allowed) or words
    return pick(words)


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}
