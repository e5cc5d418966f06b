"""Scripted secretary policies: random, the classic 1/e rule, pattern-aware and oracle.

A record (a value above every earlier one of the game) is the only possible maximum. ``oracle``
uses the true latent's rule: a value threshold, a cue in the values before the maximum, or
:func:`decide`, which generalises the 1/e rule to a prior over the maximum's position (accept a
record once the prior mass already passed reaches :data:`SKIP_MASS`, or once the record's
position holds most of the remaining mass).

``adaptive`` plays the 1/e rule in the first game. Then it reads what each earlier game revealed
(:class:`Seen`: the maximum's position and value, exactly or "after the accepted one" when it was
missed, and the other values) and uses, in order: a value threshold when earlier maxima stood
clear of all other values; a cue in the values just before the maximum that every known maximum
followed (:data:`VALUE_CUES`); else the record rule that maximises the chance of taking the
maximum under the posterior over its position (:func:`accept_plan`), a Bayesian mixture of
position patterns (:data:`ADAPTIVE_FAMILIES`) with a no-pattern hypothesis (alone, it gives the
classic rule for 10 values: pass 3, then take the first record).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from ..transcript import EpisodeView, TranscriptView
from . import Secret
from ._index_dist import Dist, frequency, mixture, point, spread

N = 10
SKIP_MASS = 0.3

VALUE_RE = re.compile(r"(\d+):(\d\.\d+)")
ACCEPTED_RE = re.compile(r"Accepted (\d+):(\d\.\d+)")
MAX_RE = re.compile(r"Max (?:picked|missed): (\d\.\d+) at (\d+)\.")
VALUES_RE = re.compile(r"Values: ([0-9., ]+)\.")


def seen_values(episode: EpisodeView) -> list[float]:
    """Values shown so far in this game, in order."""
    values: dict[int, float] = {}
    for text in [episode.opening, *episode.replies]:
        for m in VALUE_RE.finditer(text):
            values[int(m.group(1)) - 1] = float(m.group(2))
    return [values[i] for i in sorted(values)]


def stands_clear(top: float, others: list[float]) -> bool:
    """Whether a maximum ``top`` stands 0.1 clear of the other values (or is 1 at the shown precision)."""
    return top >= 0.99995 or all(top >= x + 0.0999 for x in others if x < top)


def passed_over(values: list[float], gap: bool) -> bool:
    """Whether the value just shown is no record (with ``gap``: no record standing 0.1 clear)."""
    if len(values) < 2:
        return False
    v, earlier = values[-1], max(values[:-1])
    return v <= earlier or (gap and v < 0.99995 and v < earlier + 0.0999)


class Past:
    """What a finished game revealed: the maximum's position (or a set containing it) and values."""

    def __init__(self, episode: EpisodeView) -> None:
        text = episode.text
        values = seen_values(episode)
        acc = ACCEPTED_RE.search(text)
        accepted = int(acc.group(1)) - 1 if acc else len(values) - 1
        self.taken: float | None = float(acc.group(2)) if acc else None
        """The value accepted, as the boundary text shows it."""
        picked = "Max picked" in text
        self.position: int | None = accepted if picked else None
        self.max_value: float | None = float(acc.group(2)) if picked and acc else None
        self.others: list[float] = [v for i, v in enumerate(values) if i != self.position]
        if m := MAX_RE.search(text):
            self.position, self.max_value = int(m.group(2)) - 1, float(m.group(1))
        self.values = values
        if v := VALUES_RE.search(text):
            every = [float(x) for x in v.group(1).split(", ")]
            self.others = [x for i, x in enumerate(every) if i != self.position]
            self.values = every
        elif self.max_value is None and acc and episode.score:
            self.max_value = 0.5 * float(acc.group(2)) / episode.score  # the feedback shows the true score
        taken = values[accepted] if accepted < len(values) else 1.0
        earlier = [j for j in range(min(accepted, len(values))) if values[j] > taken]
        if self.position is None and self.max_value is not None:
            close = [j for j in earlier if abs(values[j] - self.max_value) < 0.02]
            if len(close) == 1:
                self.position = close[0]
        # Where the maximum may be when it was missed: a passed higher value, or a later one.
        self.possible = earlier + list(range(accepted + 1, N))
        self.gap = None if self.max_value is None else stands_clear(self.max_value, self.others)


class Seen(Past):
    """:class:`Past` as the adaptive agent reads it. A maximum that was passed is looked for
    through the interval its two-decimal score allows (``Past`` matches one estimate within 0.02,
    which a small score makes coarse); once its position is known, its value is the one shown and
    it no longer counts among the other values."""

    def __init__(self, episode: EpisodeView) -> None:
        super().__init__(episode)
        if self.position is None and self.taken is not None and episode.score and len(self.values) > 1:
            taken, score = self.taken, episode.score
            low, high = 0.5 * taken / (score + 0.005), 0.5 * taken / max(score - 0.005, 1e-9)
            best = max(range(len(self.values)), key=self.values.__getitem__)
            if taken < self.values[best] and low - 1e-4 <= self.values[best] <= high + 1e-4:
                self.position = best
        if self.position is not None and self.position < len(self.values):
            top = self.max_value = self.values[self.position]
            self.others = [x for j, x in enumerate(self.values) if j != self.position]
            self.gap = stands_clear(top, self.others)


def _point(i: int) -> Dist:
    return point(i, N)


def _over(positions) -> Dist:
    return spread(positions, N)


UNIFORM = _over(range(N))

Rule = Callable[[int, list[Past]], Dist | None]


def _prev(past: list[Past]) -> int | None:
    return past[-1].position if past else None


def _freq(e: int, past: list[Past]) -> Dist:
    return frequency((p.position for p in past), N)


def _seq(f: Callable[[int], int]) -> Rule:
    return lambda e, past: _point(f(e))


def _alternating(e: int, past: list[Past]) -> Dist:
    return _over(range(0, 3) if e % 2 == 0 else range(6, 10))


def _thirds(e: int, past: list[Past]) -> Dist:
    return _over((range(0, 3), range(3, 6), range(6, 10))[e % 3])


def _mirror(e: int, past: list[Past]) -> Dist | None:
    prev = _prev(past)
    return None if prev is None else _point(N - 1 - prev)


def _walk(e: int, past: list[Past]) -> Dist | None:
    prev = _prev(past)
    return None if prev is None else _over(((prev + 1) % N, (prev - 1) % N))


def _streak(e: int, past: list[Past]) -> Dist | None:
    prev = _prev(past)
    return None if prev is None or e % 3 == 0 else _point(prev)


FAMILIES: list[tuple[float, list[Rule]]] = [
    (2.0, [_freq]),
    (
        1.0,
        [_seq((lambda c: lambda e: (e + c) % N)(c)) for c in range(N)]
        + [_seq((lambda c: lambda e: (c - e) % N)(c)) for c in range(N)],
    ),
    (1.0, [_seq(lambda e: (2, 5, 8)[e % 3]), _seq(lambda e: (1, 3, 7, 9)[e % 4]), _alternating, _thirds]),
    (1.0, [_mirror, _walk, _streak]),
]


def _likelihood(dist: Dist, past: Past) -> float:
    if past.position is not None:
        return dist[past.position]
    return sum(dist[j] for j in past.possible) + 1e-9


def learned_threshold(past: list[Past]) -> float | None:
    """A cut between earlier maxima and all other values, when two or more games show one."""
    maxima = [p.max_value for p in past if p.max_value is not None]
    others = [v for p in past for v in p.others]
    if len(maxima) < 2 or not others or min(maxima) <= max(others) + 0.02:
        return None
    return (min(maxima) + max(others)) / 2


def decide(
    values: list[float], prior: Dist, threshold: float | None = None, gap: bool = False, skip: float = SKIP_MASS
) -> str:
    """Accept or continue; ``gap``: the maximum is known to stand 0.1 clear of the others."""
    if not values:
        return "[continue]"
    i = len(values) - 1
    v = values[-1]
    if i >= N - 1:
        return "[accept]"
    if threshold is not None:
        return "[accept]" if v >= threshold else "[continue]"
    if passed_over(values, gap):
        return "[continue]"
    remaining = sum(prior[i:])
    here = prior[i] / remaining if remaining > 0 else 1.0
    if prior[i] > 0 and (here >= 0.5 or sum(prior[:i]) >= skip):
        return "[accept]"
    return "[continue]"


def random_policy(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return "[accept]" if rng.random() < 0.2 else "[continue]"


CLASSIC_SKIP = round(N / 2.718281828)
"""Values the classic 1/e rule watches before it takes the first record (3 of 10)."""


def memoryless(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    """The classic rule: watch the first 3 (about N/e) values, then take the first record."""
    values = seen_values(view.current)
    i = len(values) - 1
    if i >= N - 1 or (i >= CLASSIC_SKIP and v_is_record(values)):
        return "[accept]"
    return "[continue]"


def v_is_record(values: list[float]) -> bool:
    return len(values) == 1 or values[-1] > max(values[:-1])


def _uniform(e: int, past: list[Past]) -> Dist:
    return UNIFORM


def _block(positions) -> Rule:
    return lambda e, past: _over(positions)


BLOCKS = [range(5), range(5, N), (0, 2, 4, 6, 8), (1, 3, 5, 7, 9), (2, 3, 5, 7), (1, 2, 3, 5, 8), (0, N - 1)]
ADAPTIVE_FAMILIES: list[tuple[float, list[Rule]]] = [
    (3.0, [_uniform]),  # no pattern: the maximum anywhere
    *FAMILIES,
    (1.0, [_block(b) for b in [*BLOCKS, *((2 * q, 2 * q + 1) for q in range(N // 2))]]),
]
"""The adaptive agent's hypotheses: no pattern, the patterns of :data:`FAMILIES`, and blocks of
positions (first or late half, even or odd, primes, Fibonacci, the ends, pairs)."""


def position_prior(past: list[Past]) -> Dist:
    """This game's best position under the posterior mixture of :data:`ADAPTIVE_FAMILIES`, where
    each rule is weighted by its family's weight and the likelihood of the earlier games."""
    return mixture(past, ADAPTIVE_FAMILIES, N, lambda d: d or UNIFORM, _likelihood)


def chance_max(prior: Dist, i: int) -> float:
    """Chance that a record at position ``i`` is the maximum when the maximum's position follows
    ``prior`` and the other values are independent (a record among i + 1 of them: 1 / (i + 1))."""
    after = sum(prior[i + 1 :])
    return prior[i] / (prior[i] + after / (i + 1)) if prior[i] + after > 0 else 0.0


def accept_plan(prior: Dist) -> list[bool]:
    """Per position, whether to take a record there, maximising the chance of taking the maximum
    under ``prior`` (backward induction; the last value is always taken)."""
    plan = [True] * N
    win = 0.0  # chance of taking the maximum by passing position k, given it lies after k
    for k in range(N - 1, -1, -1):
        here = chance_max(prior, k)
        plan[k] = k == N - 1 or here >= (1 - here) * win
        mass = sum(prior[k:])
        at_k = prior[k] / mass if mass > 0 else 0.0
        win = at_k * plan[k] + (1 - at_k) * (1 - plan[k] / (k + 1)) * win
    return plan


ValueCue = Callable[[list[float], int], bool]
VALUE_CUES: list[ValueCue] = [
    lambda values, i: i > 0 and 0.05 <= values[i - 1] <= 0.25,  # right after a low value
    lambda values, i: any(x < 0.05 for x in values[max(0, i - 2) : i]),  # 1-2 after a near-zero one
]


def value_cue(past: list[Past]) -> ValueCue | None:
    """A cue in the values just before the maximum that every earlier known maximum (two or more)
    followed; by chance a maximum follows the first with probability 0.2, the second 0.1."""
    known = [(p.values, p.position) for p in past if p.position is not None and p.position < len(p.values)]
    for cue in VALUE_CUES:
        if len(known) >= 2 and all(cue(values, i) for values, i in known):
            return cue
    return None


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    """The 1/e rule in the first game; then a learned threshold, a value cue, or the record rule
    that is optimal under the posterior over the maximum's position (see the module docstring).
    Once two earlier maxima stood 0.1 clear of the other values, only such records count."""
    past: list[Past] = [Seen(ep) for ep in view.previous_same_env]
    gaps = [p.gap for p in past if p.gap is not None]
    gap = len(gaps) >= 2 and all(gaps)
    values = seen_values(view.current)
    i = len(values) - 1
    if i < 0:
        return "[continue]"
    v, threshold = values[-1], learned_threshold(past)
    if i >= N - 1 or (threshold is not None and v >= threshold):
        return "[accept]"
    if passed_over(values, gap):
        return "[continue]"
    if not past:
        return "[accept]" if i >= CLASSIC_SKIP else "[continue]"
    if threshold is None and (cue := value_cue(past)):
        return "[accept]" if i > 0 and cue(values, i) else "[continue]"
    prior = position_prior(past)
    if threshold is not None:  # below it: only a clear record that the positions make likely
        return "[accept]" if gap and prior[i] >= 0.5 else "[continue]"
    return "[accept]" if accept_plan(prior)[i] else "[continue]"


THRESHOLDS = {
    "fixed_high": 0.99995,
    "threshold_05": 0.5,
    "threshold_08": 0.8,
    "threshold_06": 0.6,
    "step_function": 0.95,
    "valley_pattern": 0.95,
    "ascending_spike": 0.85,
}
POSITIONS: dict[str, Callable[[int], Dist]] = {
    "best_is_last": lambda e: _point(9),
    "best_is_first": lambda e: _point(0),
    "first_half_bias": lambda e: _over(range(5)),
    "second_half_bias": lambda e: _over(range(5, 10)),
    **{f"fixed_position_{k}": (lambda k: lambda e: _point(k))(k) for k in range(5)},
    "best_at_even": lambda e: _over((0, 2, 4, 6, 8)),
    "best_at_odd": lambda e: _over((1, 3, 5, 7, 9)),
    "alternating_position": lambda e: _alternating(e, []),
    "third_rotation": lambda e: _thirds(e, []),
    "position_shift": lambda e: _point(e % N),
    "modular_pattern": lambda e: _point(e % N),
    "increasing_position": lambda e: _point(min(e, N - 1)),
    "countdown": lambda e: _point((9 - e) % N),
    "position_cycle_258": lambda e: _point((2, 5, 8)[e % 3]),
    "position_cycle_1379": lambda e: _point((1, 3, 7, 9)[e % 4]),
    **{f"best_in_quarter_{q}": (lambda q: lambda e: _over((2 * q, 2 * q + 1)))(q) for q in range(4)},
    "inverse_order": lambda e: _point(0),
    "sorted_order": lambda e: _point(9),
    "mountain_pattern": lambda e: _point(5),
    "prime_positions": lambda e: _over((2, 3, 5, 7)),
    "fibonacci_positions": lambda e: _over((1, 2, 3, 5, 8)),
    "early_decoy": lambda e: _over(range(5, 10)),
}
MEMORY: dict[str, Rule] = {"mirror_episodes": _mirror, "random_walk_position": _walk, "same_position_streak": _streak}


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    values = seen_values(view.current)
    if secret is None or not values:
        return memoryless(view, rng, secret)
    lid = secret.latent_id
    if lid in THRESHOLDS:
        return decide(values, UNIFORM, THRESHOLDS[lid])
    i, v = len(values) - 1, values[-1]
    earlier = max(values[:-1]) if i > 0 else 0.0
    clear = v >= 0.99995 or v >= earlier + 0.0999  # place_max: the maximum stands 0.1 clear
    if lid == "relative_jump":
        hit = i > 0 and 0.05 <= values[-2] <= 0.25 and clear
        return "[accept]" if hit or i >= N - 1 else "[continue]"
    if lid == "max_after_min":
        hit = any(x < 0.05 for x in values[max(0, i - 2) : i]) and clear
        return "[accept]" if hit or i >= N - 1 else "[continue]"
    e = len(view.previous_same_env)
    if lid in POSITIONS:
        prior = POSITIONS[lid](e)
    else:
        past = [Past(ep) for ep in view.previous_same_env]
        prior = MEMORY.get(lid, lambda e, p: None)(e, past) or UNIFORM
    gap = lid not in ("inverse_order", "mountain_pattern")
    if gap and prior[0] == 0.0 and max(prior) < 0.9:
        # The maximum stands 0.1 clear and lies in a known set of positions after the first: the
        # values before that set are a baseline, so the first clear record inside the set is
        # almost surely the maximum (skipping part of the set only loses maxima).
        return decide(values, prior, gap=True, skip=0.0)
    return decide(values, prior, gap=gap)


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}

__all__ = ["POLICIES", "Past", "accept_plan", "decide", "position_prior", "seen_values"]
