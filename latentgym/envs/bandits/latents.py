"""The 29 bandit latents: which button is best in game e of a sequence.

Unless a latent says otherwise, ``gt(best)`` draws p[best] ~ U(0.7, 0.8) and every other
p ~ U(0.25, 0.45). The context holds only the values drawn once per sequence (a favourite, a
pair, a permutation, a ranking...), never per-game outcomes; hints go by group.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from ..latent import Complexity, Config, Generate, Generated, GeneratorLatent, Latent
from .engine import BUTTONS

K = len(BUTTONS)

GROUP_HINTS: dict[str, tuple[str, str]] = {
    "F": ("Hint: the buttons follow a consistent pattern across games.", "Remember the consistent button pattern."),
    "R": (
        "Hint: the best button changes predictably from game to game; track earlier bests.",
        "Track how the best button moved so far.",
    ),
    "S": (
        "Hint: the best button always comes from a small subset of buttons.",
        "The best button comes from a small subset.",
    ),
    "M": (
        "Hint: the best button depends on the previous game's best button.",
        "Think about the previous game's best button.",
    ),
    "X": (
        "Hint: the best button follows a mathematical sequence over the button order.",
        "Which sequence over the button order fits so far?",
    ),
    "K": ("Hint: the buttons' ranking never changes between games.", "The ranking of the buttons stays the same."),
}


def gt(rng: random.Random, best: int) -> dict[str, float]:
    probs = {b: rng.uniform(0.25, 0.45) for b in BUTTONS}
    probs[BUTTONS[best]] = rng.uniform(0.7, 0.8)
    return probs


def _config(probs: dict[str, float]) -> Config:
    return {"ground_truth": probs, "buttons": list(BUTTONS)}


Rule = Callable[[random.Random, int, list[int]], int]


def _by_best(rule: Rule) -> Generate:
    """Latent from a best-button rule ``rule(rng, e, earlier_bests)``, with gt() probabilities."""

    def generate(rng: random.Random, n: int) -> Generated:
        bests: list[int] = []
        configs = []
        for e in range(n):
            bests.append(rule(rng, e, bests))
            configs.append(_config(gt(rng, bests[-1])))
        return configs, {}

    return generate


def _const(k: int) -> Generate:
    return _by_best(lambda rng, e, prev: k)


def _choice(options: tuple[int, ...]) -> Generate:
    return _by_best(lambda rng, e, prev: rng.choice(options))


def _one_hot(rng: random.Random, n: int) -> Generated:
    configs = []
    for _ in range(n):
        best = rng.randrange(K)
        configs.append(_config({b: 1.0 if i == best else 0.0 for i, b in enumerate(BUTTONS)}))
    return configs, {}


def _fixed_probabilities(rng: random.Random, n: int) -> Generated:
    probs = gt(rng, rng.randrange(K))
    return [_config(dict(probs)) for _ in range(n)], {"ground_truth": probs}


def _bottom_excluded(rng: random.Random, n: int) -> Generated:
    excluded = rng.randrange(K)
    others = [i for i in range(K) if i != excluded]
    configs = []
    for _ in range(n):
        probs = gt(rng, rng.choice(others))
        probs[BUTTONS[excluded]] = 0.0
        configs.append(_config(probs))
    return configs, {"excluded": excluded}


def _shadow(rng: random.Random, n: int) -> Generated:
    configs: list[Config] = []
    for e in range(n):
        if e == 0:
            best = rng.randrange(K)
        else:
            prev = configs[-1]["ground_truth"]
            best = min(range(K), key=lambda i: (prev[BUTTONS[i]], i))
        configs.append(_config(gt(rng, best)))
    return configs, {}


def _same_ranking(rng: random.Random, n: int) -> Generated:
    ranking = rng.sample(range(K), K)
    configs = []
    for _ in range(n):
        probs = {}
        for r, i in enumerate(ranking):
            probs[BUTTONS[i]] = max(0.05, 0.8 - 0.15 * r + rng.uniform(-0.05, 0.05))
        configs.append(_config({b: probs[b] for b in BUTTONS}))
    return configs, {"ranking": ranking}


def _pair_latent(swap: bool) -> Generate:
    def generate(rng: random.Random, n: int) -> Generated:
        pair = rng.sample(range(K), 2)
        configs = []
        for e in range(n):
            best = pair[e % 2] if swap else rng.choice(pair)
            other = pair[1] if best == pair[0] else pair[0]
            probs = gt(rng, best)
            probs[BUTTONS[other]] = max(probs[BUTTONS[other]], 0.55)
            configs.append(_config(probs))
        return configs, {"pair": pair}

    return generate


def _cycle_length_5(rng: random.Random, n: int) -> Generated:
    perm = rng.sample(range(K), K)
    return [_config(gt(rng, perm[e % K])) for e in range(n)], {"permutation": perm}


def _random_walk(rng: random.Random, e: int, prev: list[int]) -> int:
    return rng.randrange(K) if e == 0 else (prev[-1] + rng.choice((-1, 1))) % K


def _cold_hand(rng: random.Random, e: int, prev: list[int]) -> int:
    return rng.randrange(K) if e == 0 else rng.choice([i for i in range(K) if i != prev[-1]])


def _hot_hand(rng: random.Random, e: int, prev: list[int]) -> int:
    if e == 0:
        return rng.randrange(K)
    return prev[-1] if rng.random() < 0.8 else rng.randrange(K)


def _mirror(rng: random.Random, e: int, prev: list[int]) -> int:
    return K - 1 - prev[-1] if e % 2 == 1 else rng.randrange(K)


def _fib(e: int) -> int:
    a, b = 1, 1
    for _ in range(e):
        a, b = b, (a + b) % K
    return a % K


# (id, complexity, group, description, generator)
_ROWS: list[tuple[str, Complexity, str, str, Generate]] = [
    *[
        (f"loyal_favorite_{k}", "easy", "F", f"The {BUTTONS[k]} button (index {k}) is always best.", _const(k))
        for k in range(K)
    ],
    ("binary_switch_0_1", "easy", "S", "The best button is red or blue, at random each game.", _choice((0, 1))),
    ("binary_switch_0_last", "easy", "S", "The best button is red or purple, at random each game.", _choice((0, 4))),
    (
        "clockwise_rotation",
        "easy",
        "R",
        "The best button in game e is index e mod 5.",
        _by_best(lambda rng, e, p: e % K),
    ),
    (
        "counterclockwise_rotation",
        "easy",
        "R",
        "The best button in game e is index (4 - e) mod 5.",
        _by_best(lambda rng, e, p: (4 - e) % K),
    ),
    ("even_indices_only", "easy", "F", "The best button has an even index (red, green, purple).", _choice((0, 2, 4))),
    ("odd_indices_only", "easy", "F", "The best button has an odd index (blue, yellow).", _choice((1, 3))),
    ("one_hot", "easy", "F", "One random button pays always, the others never.", _one_hot),
    ("fixed_probabilities", "easy", "F", "The same probabilities are reused in every game.", _fixed_probabilities),
    ("bottom_excluded", "easy", "F", "One button never pays; the best is random among the others.", _bottom_excluded),
    (
        "ping_pong",
        "medium",
        "R",
        "The best button is red in even games and purple in odd games.",
        _by_best(lambda rng, e, p: 0 if e % 2 == 0 else 4),
    ),
    ("shadow", "medium", "M", "The best button is the previous game's worst button.", _shadow),
    ("same_ranking", "medium", "K", "The buttons keep one fixed ranking in every game.", _same_ranking),
    (
        "top_two_fixed",
        "medium",
        "S",
        "The best button is one of a fixed pair, at random each game.",
        _pair_latent(swap=False),
    ),
    (
        "swap_top_two",
        "medium",
        "R",
        "The best button alternates between the two buttons of a fixed pair.",
        _pair_latent(swap=True),
    ),
    (
        "cycle_length_5",
        "medium",
        "R",
        "The best button cycles through a fixed order of all five buttons.",
        _cycle_length_5,
    ),
    ("skip_2", "hard", "X", "The best button in game e is index 2e mod 5.", _by_best(lambda rng, e, p: 2 * e % K)),
    ("skip_3", "hard", "X", "The best button in game e is index 3e mod 5.", _by_best(lambda rng, e, p: 3 * e % K)),
    (
        "random_walk",
        "hard",
        "M",
        "The best button moves one step left or right (wrapping) each game.",
        _by_best(_random_walk),
    ),
    ("cold_hand", "hard", "M", "The best button is never the previous game's best.", _by_best(_cold_hand)),
    ("hot_hand", "hard", "M", "The previous best stays best with probability 0.8.", _by_best(_hot_hand)),
    (
        "mirror_mode",
        "very_hard",
        "M",
        "In odd games the best index is 4 minus the previous best; even games are random.",
        _by_best(_mirror),
    ),
    (
        "fibonacci",
        "very_hard",
        "X",
        "The best index in game e is the e-th Fibonacci number (1, 1, 2, 3, ...) mod 5.",
        _by_best(lambda rng, e, p: _fib(e)),
    ),
    ("prime_indices", "very_hard", "X", "The best button has a prime index (green or yellow).", _choice((2, 3))),
    (
        "triangular",
        "very_hard",
        "X",
        "The best index in game e is e(e+1)/2 mod 5.",
        _by_best(lambda rng, e, p: e * (e + 1) // 2 % K),
    ),
]


LATENT_GROUPS: dict[str, str] = {row[0]: row[2] for row in _ROWS}


def catalogue() -> dict[str, Latent]:
    latents = [
        GeneratorLatent(
            lid,
            cplx,
            desc,
            hint=GROUP_HINTS[group][0],
            reminder=GROUP_HINTS[group][1],
            group=group,
            generate=gen,
        )
        for lid, cplx, group, desc, gen in _ROWS
    ]
    return {lat.id: lat for lat in latents}
