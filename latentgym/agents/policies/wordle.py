"""Scripted wordle policies over the wordle pool: random, a consistent-candidate solver, the same
solver weighted by a posterior over latents learned from revealed targets, and the oracle."""

from __future__ import annotations

import random
import re
from collections import Counter
from functools import cache

from ...envs._words import wordle_pool
from ...envs.wordle import marks
from ...envs.wordle.engine import GUESS_RE
from ..transcript import EpisodeView, TranscriptView
from . import Secret
from ._latent_prior import latent_pool, word_weights
from ._revealed_words import revealed_words

MARK_RE = re.compile(r"^([GYX]+) \(\d+ left\)")


def history(episode: EpisodeView) -> tuple[tuple[str, str], ...]:
    """(guess, marks) of each marked guess: the env marks the guess of the agent's own reply."""
    out = []
    for action, reply in episode.turns:
        m = MARK_RE.match(reply)
        guess = GUESS_RE.search(action)
        if m and guess:
            out.append((guess[1].lower(), m.group(1)))
    return tuple(out)


@cache
def consistent(hist: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """Pool words consistent with every (guess, marks) so far (cached prefix by prefix)."""
    if not hist:
        return wordle_pool()
    return tuple(w for w in consistent(hist[:-1]) if marks(hist[-1][0], w) == hist[-1][1])


@cache
def score(words: tuple[str, ...]) -> dict[str, float]:
    """How many candidates share each of a word's distinct letters (a cheap information proxy)."""
    freq = Counter(c for w in words for c in set(w))
    return {w: sum(freq[c] for c in set(w)) for w in words}


def pick(words: tuple[str, ...], weights: dict[str, float] | None = None) -> str:
    if not words:
        return "[crane]"
    base = score(words)
    if weights:
        return f"[{max(words, key=lambda w: (weights.get(w, 0.0), base[w], w))}]"
    return f"[{max(words, key=lambda w: (base[w], w))}]"


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


POSTERIOR_MASS = 0.9
"""Adaptive guesses among the most probable words that hold this share of the posterior."""


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    """Narrow the consistent words to the likely latents' words, then guess for information.

    Guessing the single most probable word wastes turns when many words are equally likely;
    restricting the candidates and keeping the memoryless information score does not.
    """
    words = consistent(history(view.current))
    weights = word_weights("wordle", revealed_targets(view))
    return pick(likely_words(words, weights) or words)


def likely_words(words: tuple[str, ...], weights: dict[str, float]) -> tuple[str, ...]:
    """The most probable of ``words`` holding :data:`POSTERIOR_MASS` of their posterior mass."""
    ranked = sorted((w for w in words if weights.get(w, 0.0) > 0.0), key=lambda w: (-weights[w], w))
    total = sum(weights[w] for w in ranked)
    kept, mass = [], 0.0
    for w in ranked:
        if mass >= POSTERIOR_MASS * total:
            break
        kept.append(w)
        mass += weights[w]
    return tuple(kept)


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    words = consistent(history(view.current))
    allowed = None if secret is None else latent_pool("wordle", secret.latent_id)
    if allowed is not None:
        words = tuple(w for w in words if w in allowed) or words
    return pick(words)


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}
