"""Scripted bandit policies: random, explore-then-commit, pattern-aware and oracle.

All but ``random`` share one sequential test: a prior over which button is best, updated by
this game's pulls under a two-level model (best pays ~0.75, others ~0.35), committing once one
button's posterior passes :data:`CONFIDENCE`. ``memoryless`` starts each game from a flat prior
and explores round-robin; ``adaptive`` builds its prior from a Bayesian mixture of best-button
patterns (favourites, subsets, rotations, periods, memory rules...) fitted to the bests that
earlier games revealed; ``oracle`` uses the true latent's rule.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable

from ...envs.bandits.engine import BUTTONS
from ..transcript import EpisodeView, TranscriptView
from . import Secret
from ._index_dist import EPS, Dist, frequency, mixture, point, spread

K = len(BUTTONS)
CONFIDENCE = 0.95
HI, LO = 0.75, 0.35

PULL_RE = re.compile(r"^(\w+): ([01])$")
COMMIT_RE = re.compile(r"(?:Selected|counted as) (\w+) on turn \d+: (correct|wrong)")
BEST_RE = re.compile(r"Best: (\w+)\.")
PROBS_RE = re.compile(r"Probabilities: ([^\n]+)\.")
TURNS_RE = re.compile(r"Up to (\d+) turns")


class Past:
    """What one finished game revealed: its best button (if known), excluded picks, its worst."""

    def __init__(self, episode: EpisodeView) -> None:
        self.best: int | None = None
        self.worst: int | None = None
        self.excluded: set[int] = set()
        text = episode.text
        m = COMMIT_RE.search(text)
        if m and m.group(1) in BUTTONS:
            idx = BUTTONS.index(m.group(1))
            if m.group(2) == "correct":
                self.best = idx
            else:
                self.excluded.add(idx)
        if (b := BEST_RE.search(text)) and b.group(1) in BUTTONS:
            self.best = BUTTONS.index(b.group(1))
        if p := PROBS_RE.search(text):
            ranked = [item.split()[0] for item in p.group(1).split(", ")]
            if ranked and ranked[-1] in BUTTONS:
                self.best = BUTTONS.index(ranked[0])
                self.worst = BUTTONS.index(ranked[-1])
        stats = pull_stats(episode)
        if self.best is None:
            means = [(s + 1) / (n + 2) if i not in self.excluded else -1.0 for i, (s, n) in enumerate(stats)]
            self.estimate = max(range(K), key=lambda i: means[i])
        else:
            self.estimate = self.best
        if self.worst is None:
            pulled = [i for i, (s, n) in enumerate(stats) if n and i != self.estimate]
            self.worst_estimate = min(pulled, key=lambda i: stats[i][0] / stats[i][1]) if pulled else None
        else:
            self.worst_estimate = self.worst


def pull_stats(episode: EpisodeView) -> list[tuple[int, int]]:
    """(successes, pulls) per button in this game."""
    wins, pulls = [0] * K, [0] * K
    for _, reply in episode.turns:
        m = PULL_RE.match(reply)
        if m and m.group(1) in BUTTONS:
            i = BUTTONS.index(m.group(1))
            pulls[i] += 1
            wins[i] += int(m.group(2))
    return list(zip(wins, pulls))


def _point(i: int) -> Dist:
    return point(i, K)


def _uniform(exclude: set[int] = frozenset()) -> Dist:  # type: ignore[assignment]
    return spread((j for j in range(K) if j not in exclude), K)


def _fib(e: int) -> int:
    a, b = 1, 1
    for _ in range(e):
        a, b = b, (a + b) % K
    return a % K


# A rule maps (game index e, earlier games) to a distribution over the best button, or None.
Rule = Callable[[int, list[Past]], Dist | None]


def _prev(past: list[Past]) -> int | None:
    return past[-1].estimate if past else None


def _freq(e: int, past: list[Past]) -> Dist:
    return frequency((p.best for p in past), K)


def _affine(a: int, c: int) -> Rule:
    return lambda e, past: _point((a * e + c) % K)


def _seq(f: Callable[[int], int]) -> Rule:
    return lambda e, past: _point(f(e))


def _period(p: int) -> Rule:
    def rule(e: int, past: list[Past]) -> Dist | None:
        if e >= p:
            return _point(past[e - p].estimate)
        return _uniform({q.estimate for q in past})

    return rule


def _hot(e: int, past: list[Past]) -> Dist | None:
    prev = _prev(past)
    return None if prev is None else [0.8 * (j == prev) + 0.2 / K for j in range(K)]


def _cold(e: int, past: list[Past]) -> Dist | None:
    prev = _prev(past)
    return None if prev is None else _uniform({prev})


def _walk(e: int, past: list[Past]) -> Dist | None:
    prev = _prev(past)
    if prev is None:
        return None
    return [0.5 * (j in ((prev + 1) % K, (prev - 1) % K)) + EPS / K for j in range(K)]


def _mirror(e: int, past: list[Past]) -> Dist | None:
    prev = _prev(past)
    return None if prev is None or e % 2 == 0 else _point(K - 1 - prev)


def _shadow(e: int, past: list[Past]) -> Dist | None:
    worst = past[-1].worst_estimate if past else None
    return None if worst is None else [0.7 * (j == worst) + 0.3 / K for j in range(K)]


# (family prior weight, members)
FAMILIES: list[tuple[float, list[Rule]]] = [
    (2.0, [_freq]),
    (1.0, [_affine(a, c) for a in range(1, K) for c in range(K)]),
    (1.0, [_seq(lambda e: 0 if e % 2 == 0 else 4), _seq(_fib), _seq(lambda e: e * (e + 1) // 2 % K)]),
    (1.0, [_period(2), _period(K)]),
    (1.0, [_hot, _cold, _walk, _mirror, _shadow]),
]


def _normalise(d: Dist) -> Dist:
    total = sum(d)
    return [x / total for x in d] if total > 0 else _uniform()


def _predict(d: Dist | None) -> Dist:
    return _normalise(d) if d is not None else _uniform()


def _likelihood(pred: Dist, p: Past) -> float:
    if p.best is not None:
        return pred[p.best]
    if p.excluded:
        return 1 - sum(pred[j] for j in p.excluded)
    return 1.0  # the game showed nothing about its best button


def mixture_prior(past: list[Past], families: list[tuple[float, list[Rule]]] = FAMILIES) -> Dist:
    """Posterior-weighted prediction of this game's best button from the earlier games."""
    return mixture(past, families, K, _predict, _likelihood)


def posterior(prior: Dist, stats: list[tuple[int, int]], hi: float = HI, lo: float = LO) -> Dist:
    hi, lo = min(max(hi, 1e-3), 1 - 1e-3), min(max(lo, 1e-3), 1 - 1e-3)
    win, loss = math.log(hi / lo), math.log((1 - hi) / (1 - lo))
    logs = [math.log(max(p, 1e-12)) + s * win + (n - s) * loss for p, (s, n) in zip(prior, stats)]
    top = max(logs)
    return _normalise([math.exp(x - top) for x in logs])


def budget(view: TranscriptView) -> int:
    m = TURNS_RE.search(view.current.opening)
    return int(m.group(1)) if m else 30


def sequential(view: TranscriptView, prior: Dist, hi: float = HI, lo: float = LO, round_robin: bool = False) -> str:
    """Pull the most promising button; commit when confident or before the budget runs out."""
    stats = pull_stats(view.current)
    turn = len(view.current.turns) + 1
    post = posterior(prior, stats, hi, lo)
    leader = max(range(K), key=lambda i: post[i])
    if post[leader] >= CONFIDENCE or turn >= budget(view) - 1:
        return f"[select {BUTTONS[leader]}]"
    counts = [n for _, n in stats]
    if round_robin and min(counts) < 2:
        return f"[{BUTTONS[min(range(K), key=lambda i: counts[i])]}]"
    runner = max((i for i in range(K) if i != leader), key=lambda i: post[i])
    pick = leader if counts[leader] <= counts[runner] + 2 else runner
    return f"[{BUTTONS[pick]}]"


def random_policy(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    name = rng.choice(BUTTONS)
    return f"[select {name}]" if rng.random() < 0.15 else f"[{name}]"


def memoryless(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return sequential(view, _uniform(), round_robin=True)


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    past = [Past(ep) for ep in view.previous_same_env]
    return sequential(view, mixture_prior(past))


def _oracle_rule(latent_id: str, context: dict) -> Rule:
    fixed = {
        "clockwise_rotation": lambda e: e % K,
        "counterclockwise_rotation": lambda e: (4 - e) % K,
        "ping_pong": lambda e: 0 if e % 2 == 0 else 4,
        "skip_2": lambda e: 2 * e % K,
        "skip_3": lambda e: 3 * e % K,
        "fibonacci": _fib,
        "triangular": lambda e: e * (e + 1) // 2 % K,
    }
    if latent_id.startswith("loyal_favorite_"):
        k = int(latent_id.rsplit("_", 1)[1])
        return lambda e, past: _point(k)
    if latent_id in fixed:
        return _seq(fixed[latent_id])
    subsets = {
        "binary_switch_0_1": {0, 1},
        "binary_switch_0_last": {0, 4},
        "even_indices_only": {0, 2, 4},
        "odd_indices_only": {1, 3},
        "prime_indices": {2, 3},
    }
    if latent_id in subsets:
        return lambda e, past: _uniform(set(range(K)) - subsets[latent_id])
    if latent_id == "fixed_probabilities":
        gt = context["ground_truth"]
        return lambda e, past: _point(max(range(K), key=lambda i: (gt[BUTTONS[i]], -i)))
    if latent_id == "bottom_excluded":
        return lambda e, past: _uniform({context["excluded"]})
    if latent_id == "same_ranking":
        return lambda e, past: _point(context["ranking"][0])
    if latent_id == "top_two_fixed":
        return lambda e, past: _uniform(set(range(K)) - set(context["pair"]))
    if latent_id == "swap_top_two":
        return lambda e, past: _point(context["pair"][e % 2])
    if latent_id == "cycle_length_5":
        return lambda e, past: _point(context["permutation"][e % K])
    memory = {"shadow": _shadow, "random_walk": _walk, "cold_hand": _cold, "hot_hand": _hot, "mirror_mode": _mirror}
    return memory.get(latent_id, lambda e, past: None)


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    if secret is None:
        return memoryless(view, rng, secret)
    past = [Past(ep) for ep in view.previous_same_env]
    prior = _oracle_rule(secret.latent_id, secret.context)(len(past), past)
    prior = _normalise([max(p, 1e-4) for p in prior]) if prior is not None else _uniform()
    if secret.latent_id == "one_hot":
        return sequential(view, prior, hi=1.0, lo=0.0, round_robin=False)
    return sequential(view, prior)


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}

__all__ = ["POLICIES", "Past", "mixture_prior", "posterior", "pull_stats"]
