"""Scripted mastermind policies: random, consistent-code solver, catalogue-aware and oracle.

``adaptive`` reads the codes earlier games revealed (cracked, or shown by information feedback)
and weighs the catalogue's predicates by how well they explain them (a Bayesian posterior over
latents, each sampling uniformly from its pool); it then guesses the consistent code with the
highest predictive probability.

``oracle`` knows the latent's pool and searches it: it guesses the code that splits the pool
codes consistent with the feedback so far into the most feedback classes (then one of those
codes, which may win at once, then the smallest expected class), so each guess learns as much
about the latent's codes as it can. Candidate guesses are the consistent codes (a seeded sample
of ``SPLIT_GUESSES`` when there are more), or every code once the pool is small.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import cache

import numpy as np

from ...envs import get_env
from ...envs.mastermind.engine import CODE_LENGTH, parse_code, pegs
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


FEEDBACKS = (CODE_LENGTH + 1) ** 2
"""Feedback classes as ``black * (CODE_LENGTH + 1) + white``."""

SPLIT_GUESSES = 400
"""At most this many consistent codes (a seeded sample) are scored as the next guess."""

SPLIT_WORK = 150_000
"""Every code of the space is scored as the next guess when (codes x consistent pool) is at most this."""


@cache
def _feedback_table(duplicates: bool) -> tuple[dict[Code, int], np.ndarray]:
    """Index of each code of the space, and the feedback class of every (code, code) pair."""
    space = code_space(duplicates)
    codes = np.array(space, dtype=np.int8)
    black = (codes[:, None, :] == codes[None, :, :]).sum(-1, dtype=np.int16)
    counts = np.stack([(codes == d).sum(1) for d in range(1, int(codes.max()) + 1)], axis=1).astype(np.int8)
    overlap = np.minimum(counts[:, None, :], counts[None, :, :]).sum(-1, dtype=np.int16)
    table = (black * (CODE_LENGTH + 1) + overlap - black).astype(np.uint8)
    return {c: i for i, c in enumerate(space)}, table


@cache
def _latent_indices(latent_id: str, duplicates: bool) -> np.ndarray | None:
    """The latent's pool as indices into the game's code space (``None`` if it is not inside it)."""
    index, _ = _feedback_table(duplicates)
    pool = get_env("mastermind").latent(latent_id).candidates()  # type: ignore[attr-defined]
    if any(tuple(c) not in index for c in pool):
        return None
    return np.array(sorted(index[tuple(c)] for c in pool), dtype=np.intp)


def _best_splits(guesses: np.ndarray, pool: np.ndarray, table: np.ndarray) -> list[int]:
    """The guesses that split ``pool`` into the most feedback classes, then those in ``pool`` (which
    may win at once), then the smallest expected class."""
    classes = table[np.ix_(guesses, pool)].astype(np.intp) + FEEDBACKS * np.arange(len(guesses))[:, None]
    sizes = np.bincount(classes.ravel(), minlength=FEEDBACKS * len(guesses)).reshape(len(guesses), FEEDBACKS)
    parts = (sizes > 0).sum(1)
    spread = (sizes.astype(np.int64) ** 2).sum(1)
    keep = parts == parts.max()
    inside = np.isin(guesses, pool)
    if (keep & inside).any():
        keep &= inside
    keep &= spread == spread[keep].min()
    return [int(g) for g in guesses[keep]]


@cache
def _opening_splits(latent_id: str, duplicates: bool) -> tuple[int, ...]:
    pool = _latent_indices(latent_id, duplicates)
    assert pool is not None
    return tuple(_best_splits(pool, pool, _feedback_table(duplicates)[1]))


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    if secret is None:
        return memoryless(view, rng, secret)
    dup = duplicates_allowed(view)
    index, table = _feedback_table(dup)
    pool = _latent_indices(secret.latent_id, dup)
    hist = history(view.current)
    if pool is None or any(g not in index for g, _, _ in hist):
        candidates = get_env("mastermind").latent(secret.latent_id).candidates()  # type: ignore[attr-defined]
        left = consistent(candidates, hist)
        return _bracket(rng.choice(left)) if left else memoryless(view, rng, secret)
    space = code_space(dup)
    if not hist:
        return _bracket(space[rng.choice(_opening_splits(secret.latent_id, dup))])
    keep = np.ones(len(pool), dtype=bool)
    for g, b, w in hist:
        row = table[index[g], pool]
        keep &= row == b * (CODE_LENGTH + 1) + w  # (a code scored below all black is not the guess)
    pool = pool[keep]
    if not len(pool):
        return memoryless(view, rng, secret)
    if len(pool) <= 2:
        return _bracket(space[rng.choice(list(pool))])
    if len(pool) * len(space) <= SPLIT_WORK:
        guesses = np.arange(len(space), dtype=np.intp)  # any code, consistent or not
    elif len(pool) > SPLIT_GUESSES:
        guesses = np.array(sorted(rng.sample(list(pool), SPLIT_GUESSES)), dtype=np.intp)
    else:
        guesses = pool
    return _bracket(space[rng.choice(_best_splits(guesses, pool, table))])


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}

__all__ = ["POLICIES", "consistent", "history", "revealed_codes"]
