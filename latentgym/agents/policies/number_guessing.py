"""Scripted number-guessing policies: random, binary search, history-aware and oracle."""

from __future__ import annotations

import random
import re
from collections import Counter

from ...envs.number_guessing import parse_guess
from ..transcript import EpisodeView, TranscriptView
from . import Secret

RANGE_RE = re.compile(r"in \[(-?\d+), (-?\d+)\]")
FOUND_RE = re.compile(r"Correct: (\d+)\.")
REVEAL_RE = re.compile(r"The number was (\d+)\.")
SET_HINT_RE = re.compile(r"one of (\d+) specific numbers")
GUESSES_RE = re.compile(r"You have (\d+) guesses")


def bounds(episode: EpisodeView) -> tuple[int, int]:
    """The interval still consistent with this game's replies."""
    m = RANGE_RE.search(episode.opening)
    low, high = (int(m.group(1)), int(m.group(2))) if m else (1, 1000)
    for action, reply in episode.turns:
        guess = parse_guess(action)  # the env answers "Higher." or "Lower." about this guess
        if guess is None:
            continue
        if reply.startswith("Higher."):
            low = max(low, guess + 1)
        elif reply.startswith("Lower."):
            high = min(high, guess - 1)
    return low, max(low, high)


def revealed_targets(view: TranscriptView) -> list[int]:
    """Targets the transcript shows: found by the agent, or revealed by information feedback."""
    seen = []
    for ep in view.previous_same_env:
        if m := ep.find(FOUND_RE, REVEAL_RE):
            seen.append(int(m.group(1)))
    return seen


def guesses_left(episode: EpisodeView) -> int | None:
    """Guesses left in this game, from the opening's announced cap (``None`` if not announced)."""
    m = GUESSES_RE.search(episode.opening)
    return int(m.group(1)) - len(episode.turns) if m else None


def affordable(guess: int, low: int, high: int, left: int | None) -> bool:
    """Whether a miss at ``guess`` still leaves enough guesses to bisect what remains."""
    if left is None:
        return True
    worst = max(guess - low, high - guess)
    return left - 1 >= worst.bit_length()


def bracket(n: int) -> str:
    return f"[{n}]"


def random_policy(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    m = RANGE_RE.search(view.current.opening)
    low, high = (int(m.group(1)), int(m.group(2))) if m else (1, 1000)
    return bracket(rng.randint(low, high))


def memoryless(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    low, high = bounds(view.current)
    return bracket((low + high) // 2)


def median_of_intervals(intervals: list[tuple[int, int]]) -> int | None:
    """The middle integer of a union of disjoint inclusive intervals (sorted)."""
    spans = sorted((a, b) for a, b in intervals if a <= b)
    total = sum(b - a + 1 for a, b in spans)
    if total == 0:
        return None
    k = (total - 1) // 2
    for a, b in spans:
        if k < b - a + 1:
            return a + k
        k -= b - a + 1
    return None


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    """Try recurring targets first, then the hull of earlier targets, then plain bisection.

    A remembered target is tried only while a miss would leave enough guesses to finish by
    bisection, so exploiting memory never costs a game that bisection alone would have won.
    The hull guess suits range latents; when the prompt says the targets form a small set, a new
    target is as likely outside the hull as inside, so it bisects the live bounds instead.
    """
    low, high = bounds(view.current)
    seen = revealed_targets(view)
    left = guesses_left(view.current)
    live = sorted({t for t in seen if low <= t <= high and affordable(t, low, high, left)})
    if live:
        counts = Counter(t for t in seen if low <= t <= high)
        if len(live) <= 2:
            return bracket(max(live, key=lambda t: (counts[t], -t)))
        return bracket(live[(len(live) - 1) // 2])
    if len(seen) >= 2 and not SET_HINT_RE.search(view.system):
        lo, hi = max(low, min(seen)), min(high, max(seen))
        if lo <= hi:
            return bracket((lo + hi) // 2)
    return bracket((low + high) // 2)


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    """Bisect over the latent's support (its value set or intervals) within the live bounds."""
    low, high = bounds(view.current)
    context = secret.context if secret else {}
    if "values" in context:
        live = [v for v in context["values"] if low <= v <= high]
        if live:
            return bracket(live[(len(live) - 1) // 2])
    elif "intervals" in context:
        spans = [(max(low, a), min(high, b)) for a, b in context["intervals"]]
        mid = median_of_intervals(spans)
        if mid is not None:
            return bracket(mid)
    return bracket((low + high) // 2)


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}

__all__ = ["POLICIES", "bounds", "revealed_targets"]
