"""The 41 secretary latents: where (and how) the maximum of the 10 values appears in game e.

Unless a latent says otherwise, the draws are 10 independent U(0, 1) values and
``place_max(i)`` sets ``draws[i] = min(1.0, max(draws) + 0.1)``, so the maximum is unique and
equals 1.0 or the previous maximum + 0.1. Contexts hold only per-sequence values (none of the
41 latents draws any beyond the per-game choices), so they are empty; hints go by group.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from ..latent import Complexity, Config, Generate, Generated, GeneratorLatent, Latent
from .engine import NUM_DRAWS

N = NUM_DRAWS
FIB_POSITIONS = (1, 1, 2, 3, 5, 8)
PRIMES = (2, 3, 5, 7)

_EMPHASIS = "Important: the games share a consistent, exploitable pattern."
GROUP_HINTS: dict[str, tuple[str, str]] = {
    "P": ("The maximum tends to sit in a particular place in the sequence.", "Where has the maximum been sitting?"),
    "T": ("The maximum stands out against a fixed value threshold.", "Remember the threshold the maximum clears."),
    "Q": ("The maximum's position shifts predictably from game to game.", "Follow how the maximum's position shifts."),
    "S": ("The values form a recognisable shape around the maximum.", "Read the shape of the values."),
    "L": ("Nearby values signal where the maximum is.", "Watch the values just before the maximum."),
    "M": ("The maximum's position depends on the previous game's.", "Use the previous game's maximum position."),
    "X": (
        "The maximum's position follows a set of indices from mathematics.",
        "Which index set fits the positions so far?",
    ),
    "G": ("Work out what it is from the games you play.", "Use the pattern you have found."),
}


def place_max(draws: list[float], i: int) -> list[float]:
    draws[i] = min(1.0, max(draws) + 0.1)
    return draws


def _uniform(rng: random.Random) -> list[float]:
    return [rng.random() for _ in range(N)]


Rule = Callable[[random.Random, int, list[int]], int]


def _config(draws: list[float]) -> Config:
    return {"draws": draws, "num_draws": len(draws)}


def _positional(rule: Rule) -> Generate:
    """U(0, 1) draws with place_max at ``rule(rng, e, earlier_positions)``."""

    def generate(rng: random.Random, n: int) -> Generated:
        positions: list[int] = []
        configs = []
        for e in range(n):
            positions.append(rule(rng, e, positions))
            configs.append(_config(place_max(_uniform(rng), positions[-1])))
        return configs, {}

    return generate


def _per_game(build: Callable[[random.Random, int], list[float]]) -> Generate:
    """A latent whose values are built game by game by ``build(rng, e)``."""

    def generate(rng: random.Random, n: int) -> Generated:
        return [_config(build(rng, e)) for e in range(n)], {}

    return generate


def _choice(options: tuple[int, ...] | range) -> Rule:
    return lambda rng, e, prev: rng.choice(options)


def _fixed_high(rng: random.Random, e: int) -> list[float]:
    draws = [rng.uniform(0, 0.9) for _ in range(N)]
    draws[rng.randrange(N)] = 1.0
    return draws


def _threshold(low: float, high: float) -> Callable[[random.Random, int], list[float]]:
    def build(rng: random.Random, e: int) -> list[float]:
        draws = [rng.uniform(0.1, low - 0.05) for _ in range(N)]
        draws[rng.randrange(N)] = rng.uniform(low, high)
        return draws

    return build


def _step_function(rng: random.Random, e: int) -> list[float]:
    draws = [
        rng.uniform(0.1, 0.3) if i < 3 else rng.uniform(0.4, 0.6) if i < 6 else rng.uniform(0.7, 0.95) for i in range(N)
    ]
    draws[rng.randrange(6, 10)] = rng.uniform(0.95, 1.0)
    return draws


def _inverse_order(rng: random.Random, e: int) -> list[float]:
    m = rng.uniform(0.9, 1.0)
    return [m - i * m / 11 for i in range(N)]


def _sorted_order(rng: random.Random, e: int) -> list[float]:
    a, b = rng.uniform(0, 0.1), rng.uniform(0.9, 1.0)
    return [a + i * (b - a) / 9 for i in range(N)]


def _valley(rng: random.Random, e: int) -> list[float]:
    draws = [0.3 + 0.6 * abs(i - 5) / 5 + rng.uniform(-0.05, 0.05) for i in range(N)]
    draws[rng.choice((0, 9))] = rng.uniform(0.95, 1.0)
    return draws


def _mountain(rng: random.Random, e: int) -> list[float]:
    draws = [max(0.1, 0.9 - 0.5 * abs(i - 5) / 5 + rng.uniform(-0.05, 0.05)) for i in range(N)]
    draws[5] = rng.uniform(0.95, 1.0)
    return draws


def _relative_jump(rng: random.Random, e: int) -> list[float]:
    draws = _uniform(rng)
    i = rng.randrange(1, 10)
    draws[i - 1] = rng.uniform(0.05, 0.25)
    return place_max(draws, i)


def _early_decoy(rng: random.Random, e: int) -> list[float]:
    draws = _uniform(rng)
    for j in range(3):
        draws[j] = rng.uniform(0.7, 0.89)
    return place_max(draws, rng.randrange(5, 10))


def _max_after_min(rng: random.Random, e: int) -> list[float]:
    draws = _uniform(rng)
    m = rng.randrange(0, 7)
    draws[m] = rng.uniform(0, 0.05)
    return place_max(draws, min(9, m + rng.choice((1, 2))))


def _ascending_spike(rng: random.Random, e: int) -> list[float]:
    s, d = rng.uniform(0.1, 0.2), rng.uniform(0.03, 0.06)
    draws = [min(0.7, s + i * d + rng.uniform(-0.02, 0.02)) for i in range(N)]
    draws[rng.randrange(5, 10)] = rng.uniform(0.9, 1.0)
    return draws


def _third_rotation(rng: random.Random, e: int, prev: list[int]) -> int:
    return rng.choice((range(0, 3), range(3, 6), range(6, 10))[e % 3])


def _mirror(rng: random.Random, e: int, prev: list[int]) -> int:
    return rng.randrange(N) if e == 0 else N - 1 - prev[-1]


def _walk(rng: random.Random, e: int, prev: list[int]) -> int:
    return rng.randrange(N) if e == 0 else (prev[-1] + rng.choice((-1, 1))) % N


def _streak(rng: random.Random, e: int, prev: list[int]) -> int:
    return rng.randrange(N) if e % 3 == 0 else prev[-1]


# (id, complexity, group, description, generator)
_ROWS: list[tuple[str, Complexity, str, str, Generate]] = [
    ("best_is_last", "easy", "P", "The maximum is always the last value.", _positional(lambda rng, e, p: 9)),
    ("best_is_first", "easy", "P", "The maximum is always the first value.", _positional(lambda rng, e, p: 0)),
    ("fixed_high", "easy", "T", "Other values are below 0.9; the maximum is exactly 1.0.", _per_game(_fixed_high)),
    ("first_half_bias", "easy", "P", "The maximum is among the first five values.", _positional(_choice(range(0, 5)))),
    ("second_half_bias", "easy", "P", "The maximum is among the last five values.", _positional(_choice(range(5, 10)))),
    *[
        (
            f"fixed_position_{k}",
            "easy",
            "P",
            f"The maximum is always value {k + 1} (index {k}).",
            _positional((lambda k: lambda rng, e, p: k)(k)),
        )
        for k in range(5)
    ],
    (
        "best_at_even",
        "easy",
        "P",
        "The maximum sits at an even index (0, 2, 4, 6, 8).",
        _positional(_choice((0, 2, 4, 6, 8))),
    ),
    (
        "best_at_odd",
        "easy",
        "P",
        "The maximum sits at an odd index (1, 3, 5, 7, 9).",
        _positional(_choice((1, 3, 5, 7, 9))),
    ),
    (
        "threshold_05",
        "easy",
        "G",
        "Other values are in [0.1, 0.45]; the maximum is in [0.5, 0.65].",
        _per_game(_threshold(0.5, 0.65)),
    ),
    (
        "alternating_position",
        "medium",
        "Q",
        "The maximum is in indices 0-2 in even games and 6-9 in odd games.",
        _positional(lambda rng, e, p: rng.randrange(0, 3) if e % 2 == 0 else rng.randrange(6, 10)),
    ),
    (
        "position_shift",
        "medium",
        "Q",
        "The maximum of game e is at index e mod 10.",
        _positional(lambda rng, e, p: e % N),
    ),
    (
        "countdown",
        "medium",
        "Q",
        "The maximum of game e is at index (9 - e) mod 10.",
        _positional(lambda rng, e, p: (9 - e) % N),
    ),
    (
        "third_rotation",
        "medium",
        "Q",
        "The maximum rotates through indices 0-2, 3-5 and 6-9 from game to game.",
        _positional(_third_rotation),
    ),
    (
        "position_cycle_258",
        "medium",
        "Q",
        "The maximum cycles through indices 2, 5, 8.",
        _positional(lambda rng, e, p: (2, 5, 8)[e % 3]),
    ),
    (
        "position_cycle_1379",
        "medium",
        "Q",
        "The maximum cycles through indices 1, 3, 7, 9.",
        _positional(lambda rng, e, p: (1, 3, 7, 9)[e % 4]),
    ),
    (
        "threshold_08",
        "medium",
        "T",
        "Other values are below 0.75; the maximum is in [0.8, 0.95].",
        _per_game(_threshold(0.8, 0.95)),
    ),
    (
        "threshold_06",
        "medium",
        "T",
        "Other values are below 0.55; the maximum is in [0.6, 0.75].",
        _per_game(_threshold(0.6, 0.75)),
    ),
    *[
        (
            f"best_in_quarter_{q}",
            "medium",
            "P",
            f"The maximum sits at index {2 * q} or {2 * q + 1}.",
            _positional((lambda q: _choice((2 * q, 2 * q + 1)))(q)),
        )
        for q in range(4)
    ],
    (
        "step_function",
        "hard",
        "S",
        "Values rise in three steps; the maximum (>= 0.95) is in the top step (indices 6-9).",
        _per_game(_step_function),
    ),
    ("inverse_order", "hard", "S", "Values fall steadily; the first is the maximum.", _per_game(_inverse_order)),
    ("sorted_order", "hard", "S", "Values rise steadily; the last is the maximum.", _per_game(_sorted_order)),
    ("prime_positions", "hard", "X", "The maximum sits at a prime index (2, 3, 5, 7).", _positional(_choice(PRIMES))),
    ("valley_pattern", "hard", "S", "Values dip towards the middle; the maximum is at one end.", _per_game(_valley)),
    ("mountain_pattern", "hard", "S", "Values peak in the middle; the maximum is at index 5.", _per_game(_mountain)),
    ("relative_jump", "hard", "L", "The maximum comes right after a low value (0.05-0.25).", _per_game(_relative_jump)),
    (
        "early_decoy",
        "hard",
        "L",
        "The first three values are high decoys; the maximum is at index 5-9.",
        _per_game(_early_decoy),
    ),
    (
        "max_after_min",
        "hard",
        "L",
        "The maximum comes one or two values after a near-zero value.",
        _per_game(_max_after_min),
    ),
    (
        "ascending_spike",
        "hard",
        "S",
        "Values climb slowly (at most 0.7); the maximum spikes to >= 0.9 in indices 5-9.",
        _per_game(_ascending_spike),
    ),
    (
        "fibonacci_positions",
        "very_hard",
        "X",
        "The maximum sits at a Fibonacci index (1, 2, 3, 5, 8).",
        _positional(_choice(FIB_POSITIONS)),
    ),
    (
        "modular_pattern",
        "very_hard",
        "X",
        "The maximum of game e is at index e mod 10.",
        _positional(lambda rng, e, p: e % N),
    ),
    (
        "mirror_episodes",
        "very_hard",
        "M",
        "The maximum's index mirrors the previous game's (9 - previous).",
        _positional(_mirror),
    ),
    (
        "random_walk_position",
        "very_hard",
        "M",
        "The maximum moves one index left or right (wrapping) each game.",
        _positional(_walk),
    ),
    (
        "same_position_streak",
        "very_hard",
        "M",
        "The maximum keeps its index for three games, then jumps.",
        _positional(_streak),
    ),
    (
        "increasing_position",
        "very_hard",
        "M",
        "The maximum of game e is at index min(e, 9).",
        _positional(lambda rng, e, p: min(e, N - 1)),
    ),
]

LATENT_GROUPS: dict[str, str] = {row[0]: row[2] for row in _ROWS}


def catalogue() -> dict[str, Latent]:
    latents = [
        GeneratorLatent(
            lid,
            cplx,
            desc,
            hint=f"{_EMPHASIS} {GROUP_HINTS[group][0]}",
            reminder=GROUP_HINTS[group][1],
            group=group,
            generate=gen,
        )
        for lid, cplx, group, desc, gen in _ROWS
    ]
    return {lat.id: lat for lat in latents}
