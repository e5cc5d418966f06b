"""Scripted mastermind policies: random, and one search (:func:`search`) that the memoryless,
adaptive and oracle agents run over different pools of codes.

- ``memoryless``: the whole code space;
- ``adaptive``: reads the codes earlier games revealed (cracked, or shown by information feedback),
  weighs the catalogue's predicates by how well they explain them (a Bayesian posterior over
  latents, each sampling uniformly from its pool) and searches the codes of the plausible latents,
  weighted by their predictive probability (the whole space, as memoryless, before any reveal);
- ``oracle``: the latent's pool.

The search guesses the code that splits the pool codes consistent with the feedback so far into the
most feedback classes (then one of those codes, which may win at once, then the smallest expected
class weight), so each guess learns as much about the pool as it can. Candidate guesses are the
consistent codes (a seeded sample of ``SPLIT_GUESSES`` when there are more), or every code once the
pool is small. So the oracle and memoryless differ only in what they know, not in how well they
search.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
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
    dup = duplicates_allowed(view)
    return search(view, rng, np.arange(len(code_space(dup)), dtype=np.intp), None, opening=WHOLE_SPACE)


@cache
def _latent_pools(duplicates: bool) -> dict[str, frozenset[Code]]:
    """Pools of the latents whose code space matches the game's (some latents need repeated digits)."""
    space = code_space(duplicates)
    return {
        lid: frozenset(c for c in space if pred(c))
        for lid, pred in predicates().items()
        if (lid in D4_IDS) == duplicates
    }


@cache
def _membership(duplicates: bool) -> tuple[tuple[str, ...], np.ndarray]:
    """The latents of the game's code space, and which codes each one's pool holds (latents x codes)."""
    index, _ = _feedback_table(duplicates)
    pools = {lid: members for lid, members in _latent_pools(duplicates).items() if members}
    held = np.zeros((len(pools), len(index)), dtype=bool)
    for row, members in enumerate(pools.values()):
        held[row, [index[c] for c in members]] = True
    return tuple(pools), held


def code_weights(seen: Sequence[Code], duplicates: bool) -> np.ndarray | None:
    """Posterior predictive weight of every code of the space (scaled to a maximum of 1): latents
    whose pool holds every revealed code, each weighted by the likelihood ``|pool| ** -k`` of ``k``
    uniform draws; ``None`` when nothing is revealed or no latent explains it."""
    if not seen:
        return None
    index, _ = _feedback_table(duplicates)
    if any(c not in index for c in seen):
        return None
    _, held = _membership(duplicates)
    fits = held[:, [index[c] for c in seen]].all(1)
    if not fits.any():
        return None
    sizes = held[fits].sum(1).astype(float)
    log_post = -len(seen) * np.log(sizes)
    post = np.exp(log_post - log_post.max())
    weights = (post / sizes) @ held[fits]
    return weights / weights.max()


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    dup = duplicates_allowed(view)
    weights = code_weights(revealed_codes(view), dup)
    if weights is None:
        return memoryless(view, rng, secret)
    pool = np.flatnonzero(weights > 0)
    return search(view, rng, pool, weights[pool], fallback=lambda: memoryless(view, rng, secret))


FEEDBACKS = (CODE_LENGTH + 1) ** 2
"""Feedback classes as ``black * (CODE_LENGTH + 1) + white``."""

SPLIT_GUESSES = 400
"""At most this many pool codes (a seeded sample) are scored as the next guess."""

SPLIT_WORK = 150_000
"""Every code of the space is scored as the next guess when (codes x consistent pool) is at most this."""

MINOR_CLASS = 0.05
"""A feedback class counts as a part when its weight is at least this share of the heaviest code's
(with equal weights: every non-empty class)."""

WHOLE_SPACE = ""
"""The opening key of the whole code space (the memoryless agent's pool)."""


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
    """The latent's pool as indices into the game's code space (``None`` if it is not inside it;
    ``WHOLE_SPACE``: every code)."""
    index, _ = _feedback_table(duplicates)
    if latent_id == WHOLE_SPACE:
        return np.arange(len(index), dtype=np.intp)
    pool = get_env("mastermind").latent(latent_id).candidates()  # type: ignore[attr-defined]
    if any(tuple(c) not in index for c in pool):
        return None
    return np.array(sorted(index[tuple(c)] for c in pool), dtype=np.intp)


def _best_splits(guesses: np.ndarray, pool: np.ndarray, weights: np.ndarray, table: np.ndarray) -> list[int]:
    """The guesses that split ``pool`` (code weights ``weights``) into the most feedback classes,
    then those in ``pool`` (which may win at once), then the smallest expected class weight."""
    classes = table[np.ix_(guesses, pool)].astype(np.intp) + FEEDBACKS * np.arange(len(guesses))[:, None]
    top = float(weights.max())
    mass = np.bincount(
        classes.ravel(),
        weights=np.broadcast_to(weights / top, classes.shape).ravel(),
        minlength=FEEDBACKS * len(guesses),
    ).reshape(len(guesses), FEEDBACKS)
    parts = (mass >= MINOR_CLASS - 1e-9).sum(1)
    spread = np.round((mass**2).sum(1), 6)
    keep = parts == parts.max()
    inside = np.isin(guesses, pool)
    if (keep & inside).any():
        keep &= inside
    keep &= spread == spread[keep].min()
    return [int(g) for g in guesses[keep]]


@cache
def _opening_splits(latent_id: str, duplicates: bool) -> tuple[int, ...]:
    """The best first guesses of a latent's pool (``WHOLE_SPACE``: of every code)."""
    pool = _latent_indices(latent_id, duplicates)
    assert pool is not None
    return tuple(_best_splits(pool, pool, np.ones(len(pool)), _feedback_table(duplicates)[1]))


def search(
    view: TranscriptView,
    rng: random.Random,
    pool: np.ndarray,
    weights: np.ndarray | None,
    opening: str | None = None,
    fallback: Callable[[], str] | None = None,
) -> str:
    """The shared search of the memoryless, adaptive and oracle agents: of the ``pool`` codes
    (indices into the game's code space, with ``weights``, equal when ``None``) consistent with this
    game's feedback, guess one of two left (the heavier), else the code splitting them into the most
    feedback classes (see :func:`_best_splits`). Candidate guesses: every code of the space when the
    pool is small, else the consistent pool codes (a seeded sample of ``SPLIT_GUESSES`` when more).
    ``opening``: the latent id whose cached first guesses to play on an empty board. ``fallback``:
    the reply when no pool code is consistent (default: a random consistent code of the space)."""
    dup = duplicates_allowed(view)
    index, table = _feedback_table(dup)
    space = code_space(dup)
    hist = history(view.current)
    if any(g not in index for g, _, _ in hist):
        left = consistent([space[i] for i in pool], hist) or consistent(space, hist) or space
        return _bracket(rng.choice(left))
    if not hist and opening is not None:
        return _bracket(space[rng.choice(_opening_splits(opening, dup))])
    w = np.ones(len(pool)) if weights is None else weights
    keep = w > 0
    for g, b, white in hist:
        keep &= (
            table[index[g], pool] == b * (CODE_LENGTH + 1) + white
        )  # (a code scored below all black is not the guess)
    pool, w = pool[keep], w[keep]
    if not len(pool):
        if fallback is not None:
            return fallback()
        return _bracket(rng.choice(consistent(space, hist) or space))
    if len(pool) <= 2:
        return _bracket(space[rng.choice([int(c) for c in pool[w >= w.max() * (1 - 1e-9)]])])
    if len(pool) * len(space) <= SPLIT_WORK:
        guesses = np.arange(len(space), dtype=np.intp)  # any code, consistent or not
    elif len(pool) > SPLIT_GUESSES:
        guesses = np.array(sorted(rng.sample([int(c) for c in pool], SPLIT_GUESSES)), dtype=np.intp)
    else:
        guesses = pool
    return _bracket(space[rng.choice(_best_splits(guesses, pool, w, table))])


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    if secret is None:
        return memoryless(view, rng, secret)
    dup = duplicates_allowed(view)
    pool = _latent_indices(secret.latent_id, dup)
    if pool is None:
        candidates = get_env("mastermind").latent(secret.latent_id).candidates()  # type: ignore[attr-defined]
        left = consistent(candidates, history(view.current))
        return _bracket(rng.choice(left)) if left else memoryless(view, rng, secret)
    return search(view, rng, pool, None, opening=secret.latent_id, fallback=lambda: memoryless(view, rng, secret))


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}

__all__ = ["POLICIES", "consistent", "history", "revealed_codes"]
