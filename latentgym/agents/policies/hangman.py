"""Scripted hangman policies: random letters, letter frequency over the pool words consistent
with the board, the same weighted by a latent posterior from revealed words, and the oracle.

The oracle knows the latent's pool, so it searches it rather than only avoiding misses: while
it has lives to spare (more than ``SAFE_LIVES``) it guesses the letter whose reveal pattern
splits the consistent latent words into the smallest expected remaining pool; with fewer lives
it guesses the letter most likely to hit, as the memoryless agent does. With two words left
(and two lives) it guesses one of them.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from functools import cache, lru_cache
from string import ascii_uppercase

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


def choose(words: list[str], guessed: set[str], weights: dict[str, float] | None) -> str:
    """Guess the word once it is likely enough, else the letter in the most (weighted) words."""
    if not words:
        left = [c for c in "ETAOINSHRDLCUMWFGYPBVKJXQZ" if c not in guessed]
        return f"[{left[0] if left else 'E'}]"
    if len(words) == 1:
        return f"[{words[0]}]"
    counts = Counter("".join("".join(set(w)) for w in words))
    mass = {c: n * 1e-9 for c, n in counts.items() if c not in guessed}
    heavy = [(weights[w], w) for w in words if weights.get(w)] if weights else []
    if heavy:
        total = sum(x for x, _ in heavy) + 1e-9 * len(words)
        top, word = max(heavy)
        if top / total >= 0.5:
            return f"[{word}]"
        for x, w in heavy:
            for c in set(w):
                if c in mass:
                    mass[c] += x
    if not mass:
        return f"[{words[0]}]"
    return f"[{max(mass, key=lambda c: (mass[c], c))}]"


SAFE_LIVES = 3
"""With this many lives left or fewer, the oracle guesses the letter most likely to hit."""


def split_letter(words: list[str], guessed: set[str]) -> str | None:
    """The unguessed letter whose reveal (the positions it fills, or a miss) leaves the smallest
    expected pool of ``words``; ties go to the letter in more words. ``None`` when none is left."""
    parts: dict[str, dict[int, int]] = {}
    for w in words:
        masks: dict[str, int] = {}
        for i, c in enumerate(w):
            masks[c] = masks.get(c, 0) | (1 << i)
        for c, m in masks.items():
            if c not in guessed:
                p = parts.setdefault(c, {})
                p[m] = p.get(m, 0) + 1
    best: tuple[tuple[int, int, str], str] | None = None
    for c, p in parts.items():
        hits = sum(p.values())
        key = (-(sum(v * v for v in p.values()) + (len(words) - hits) ** 2), hits, c)
        if best is None or key > best[0]:
            best = (key, c)
    return best[1] if best else None


def random_policy(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return f"[{rng.choice(ascii_uppercase)}]"


def memoryless(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    board, guessed, words = state(view.current)
    return choose(candidates(board, guessed, words), guessed, None)


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    board, guessed, words = state(view.current)
    return choose(candidates(board, guessed, words), guessed, word_weights("hangman", revealed_words(view)))


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    if secret is None:
        return memoryless(view, rng, secret)
    board, guessed, words = state(view.current)
    lives = lives_left(view.current, board, guessed, words)
    return oracle_reply(secret.latent_id, board, frozenset(guessed), frozenset(words), lives)


@lru_cache(maxsize=4096)
def oracle_reply(latent_id: str, board: str, guessed: frozenset[str], wrong_words: frozenset[str], lives: int) -> str:
    """The oracle's guess for a game state (cached: every game of a latent opens alike)."""
    found = candidates(board, set(guessed), set(wrong_words))
    allowed = latent_pool("hangman", latent_id)
    if allowed is not None:
        found = [w for w in found if w in allowed] or found
    if len(found) == 2 and lives >= 2:
        return f"[{found[0]}]"  # a wrong word costs one life and leaves the other word
    if lives <= SAFE_LIVES or len(found) < 2:
        return choose(found, set(guessed), None)  # few lives: the letter most likely to hit
    letter = split_letter(found, set(guessed))
    return f"[{letter}]" if letter else choose(found, set(guessed), None)


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}
