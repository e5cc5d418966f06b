"""Scripted hangman policies: random letters, and one search (:func:`search`) that the memoryless,
adaptive and oracle agents run over different pools of words consistent with the board.

- ``memoryless``: the dictionary's words of the board's length;
- ``adaptive``: the same dictionary pool weighted by a latent posterior from earlier games'
  revealed words (words no probable latent holds keep a small floor, ``UNEXPLAINED``; equal
  weights, as memoryless, while the posterior holds none of them);
- ``oracle``: the latent's pool.

The search guesses the only word left, or the heaviest once it holds half the pool's weight with a
life to spare; while more than ``SAFE_LIVES`` lives are left, the letter whose reveal pattern
splits the pool into the smallest expected remaining weight; with fewer, the letter most likely to
hit. So the oracle and memoryless differ only in what they know, not in how well they search.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from string import ascii_uppercase

import numpy as np

from ...envs._words import hangman_pool
from ..transcript import EpisodeView, TranscriptView
from . import Secret
from ._latent_prior import latent_pool, word_weights
from ._revealed_words import revealed_words

CELL_RE = re.compile(r"(\d+):([A-Z_])")
LIVES_RE = re.compile(r"Lives: (\d+)")
ACTION_RE = re.compile(r"\[([a-zA-Z]+)\]")


@cache
def by_length(n: int) -> str:
    return "\n".join(w.upper() for w in hangman_pool() if len(w) == n)


def state(episode: EpisodeView) -> tuple[str, set[str], set[str]]:
    """(board, guessed letters, wrong word guesses) from the transcript."""
    board = "".join(c for _, c in CELL_RE.findall(episode.opening))
    guessed: set[str] = set()
    words: set[str] = set()
    for action, reply in episode.turns:
        cells = CELL_RE.findall(reply)
        if cells:
            board = "".join(c for _, c in cells)
        m = ACTION_RE.search(action)
        if m:
            g = m.group(1).upper()
            (guessed if len(g) == 1 else words).add(g)
    return board, guessed, words


def lives_left(episode: EpisodeView, board: str, guessed: set[str], wrong_words: set[str]) -> int:
    """Lives left: the opening's lives less the missed letters and wrong words so far."""
    m = LIVES_RE.search(episode.opening)
    start = int(m.group(1)) if m else 6
    return start - sum(c not in board for c in guessed) - len(wrong_words)


def candidates(board: str, guessed: set[str], wrong_words: set[str]) -> list[str]:
    hidden = "[^" + "".join(sorted(guessed)) + "]" if guessed else "[A-Z]"
    pattern = "".join(hidden if c == "_" else c for c in board)
    found = re.findall(f"^{pattern}$", by_length(len(board)), re.MULTILINE)
    return [w for w in found if w not in wrong_words]


SAFE_LIVES = 3
"""With this many lives left or fewer, the search guesses the letter most likely to hit."""

WORD_SHARE = 0.5
"""The search guesses the heaviest word once it holds this share of the pool's weight."""

UNEXPLAINED = 0.002
"""The adaptive agent's weight floor for a consistent word that no probable latent holds (a share of
the heaviest word's weight): earlier games may point at a wrong latent."""


def fallback_letter(guessed: set[str] | frozenset[str]) -> str:
    left = [c for c in "ETAOINSHRDLCUMWFGYPBVKJXQZ" if c not in guessed]
    return f"[{left[0] if left else 'E'}]"


@cache
def _letter_classes(n: int) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
    """For the dictionary words of length ``n``: their row, the reveal class of every (word,
    letter) as one id (the letter's segment start plus the index of the positions it fills among
    that letter's position sets), the segment starts (one per letter, and the end), and whether a
    letter's first class is a miss."""
    words = by_length(n).split("\n") if by_length(n) else []
    masks = np.zeros((len(words), 26), dtype=np.int64)
    for i, w in enumerate(words):
        for j, c in enumerate(w):
            masks[i, ord(c) - 65] |= 1 << j
    ids = np.zeros(masks.shape, dtype=np.intp)
    starts = [0]
    miss_first = np.zeros(26, dtype=bool)
    for k in range(26):
        values, inverse = np.unique(masks[:, k], return_inverse=True)
        ids[:, k] = starts[-1] + inverse.reshape(-1)
        miss_first[k] = len(values) > 0 and values[0] == 0
        starts.append(starts[-1] + len(values))
    return {w: i for i, w in enumerate(words)}, ids, np.array(starts, dtype=np.intp), miss_first


def letter_split(words: Sequence[str], weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per letter A-Z: the weight of ``words`` it hits, and the sum of squared weights of the
    classes its reveal (the positions it fills, or a miss) splits them into."""
    index, ids, starts, miss_first = _letter_classes(len(words[0]))
    rows = np.array([index[w] for w in words], dtype=np.intp)
    mass = np.bincount(ids[rows].ravel(), weights=np.repeat(weights, 26), minlength=int(starts[-1]))
    spread = np.add.reduceat(mass**2, starts[:-1]) if len(mass) else np.zeros(26)
    miss = np.where(miss_first, mass[np.minimum(starts[:-1], len(mass) - 1)], 0.0) if len(mass) else np.zeros(26)
    return weights.sum() - miss, spread


def best_letter(words: Sequence[str], guessed: frozenset[str], weights: np.ndarray, split: bool) -> str | None:
    """The unguessed letter in some of ``words`` that leaves the smallest expected weight of them
    (``split``), or that is in the most weight; ties go to the heavier hit, then the later letter.
    ``None`` when no such letter is left."""
    hits, spread = letter_split(words, weights)
    best: tuple[tuple[float, float, str], str] | None = None
    for c in ascii_uppercase:
        k = ord(c) - 65
        if c in guessed or hits[k] <= 1e-9:
            continue
        key = (-round(float(spread[k]), 6) if split else 0.0, round(float(hits[k]), 6), c)
        if best is None or key > best[0]:
            best = (key, c)
    return best[1] if best else None


def search(words: Sequence[str], guessed: frozenset[str], lives: int, weights: Sequence[float] | None = None) -> str:
    """The shared search of the memoryless, adaptive and oracle agents over a pool of ``words``
    consistent with the board (with ``weights``; equal when ``None``): guess the only word, or the
    heaviest once it holds ``WORD_SHARE`` of the weight with a life to spare; while more than
    ``SAFE_LIVES`` lives are left, the letter splitting the pool into the smallest expected
    weight; else the letter most likely to hit."""
    if not words:
        return fallback_letter(guessed)
    if len(words) == 1:
        return f"[{words[0]}]"
    ws = np.ones(len(words)) if weights is None else np.asarray(weights, dtype=float)
    ws = ws / ws.max()
    top = int(np.argmax(ws))
    if lives >= 2 and ws[top] >= WORD_SHARE * ws.sum():
        return f"[{words[top]}]"  # a wrong word costs one life
    letter = best_letter(words, guessed, ws, split=lives > SAFE_LIVES)
    return f"[{letter}]" if letter else f"[{words[top]}]"


def random_policy(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return f"[{rng.choice(ascii_uppercase)}]"


def _state(view: TranscriptView) -> tuple[str, frozenset[str], frozenset[str], int]:
    board, guessed, words = state(view.current)
    return board, frozenset(guessed), frozenset(words), lives_left(view.current, board, guessed, words)


def memoryless(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return reply(None, *_state(view))


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    board, guessed, wrong, lives = _state(view)
    weights = word_weights("hangman", revealed_words(view))
    found = candidates(board, set(guessed), set(wrong))
    mass = [weights.get(w, 0.0) for w in found]
    top = max(mass, default=0.0)
    if top <= 0:
        return reply(None, board, guessed, wrong, lives)  # nothing inferred: the memoryless search
    return search(found, guessed, lives, [x + UNEXPLAINED * top for x in mass])


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    if secret is None:
        return memoryless(view, rng, secret)
    return reply(secret.latent_id, *_state(view))


@lru_cache(maxsize=16384)
def reply(latent_id: str | None, board: str, guessed: frozenset[str], wrong_words: frozenset[str], lives: int) -> str:
    """The search's guess over the dictionary words consistent with a game state, kept to the
    latent's pool when it is given (cached: every game of a length opens alike)."""
    found = candidates(board, set(guessed), set(wrong_words))
    allowed = None if latent_id is None else latent_pool("hangman", latent_id)
    if allowed is not None:
        found = [w for w in found if w in allowed] or found
    return search(found, guessed, lives)


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}
