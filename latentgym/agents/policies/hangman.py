"""Scripted hangman policies: random letters, letter frequency over the pool words consistent
with the board, the same weighted by a latent posterior from revealed words, and the oracle."""

from __future__ import annotations

import random
import re
from collections import Counter
from functools import cache
from string import ascii_uppercase

from ...envs._words import hangman_pool
from ..transcript import EpisodeView, TranscriptView
from . import Secret
from ._latent_prior import latent_pool, word_weights
from ._revealed_words import revealed_words

CELL_RE = re.compile(r"(\d+):([A-Z_])")
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


def random_policy(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return f"[{rng.choice(ascii_uppercase)}]"


def memoryless(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    board, guessed, words = state(view.current)
    return choose(candidates(board, guessed, words), guessed, None)


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    board, guessed, words = state(view.current)
    return choose(candidates(board, guessed, words), guessed, word_weights("hangman", revealed_words(view)))


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    board, guessed, words = state(view.current)
    found = candidates(board, guessed, words)
    allowed = None if secret is None else latent_pool("hangman", secret.latent_id)
    if allowed is not None:
        found = [w for w in found if w in allowed] or found
    return choose(found, guessed, None)


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}
