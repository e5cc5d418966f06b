"""The 7 number-guessing latents: each draws a per-sequence context, then one target per game.

Every context records the latent's support as ``intervals`` (inclusive ``[lo, hi]`` pairs) or
``values``, so the oracle agent and tests can check the defining property directly.
"""

from __future__ import annotations

import random

from ..latent import Config, Generate, Generated, GeneratorLatent, Latent


def _config(target: int, low: int, high: int) -> Config:
    return {"target_number": target, "min_range": low, "max_range": high}


def _set_of(size: int) -> Generate:
    def generate(rng: random.Random, n: int) -> Generated:
        values = sorted(rng.sample(range(1, 1001), size))
        return [_config(rng.choice(values), 1, 1000) for _ in range(n)], {"values": values}

    return generate


def _range_100(rng: random.Random, n: int) -> Generated:
    a = rng.randint(1, 900)
    return [_config(rng.randint(a, a + 100), 1, 1000) for _ in range(n)], {"intervals": [[a, a + 100]]}


def _range_1000(rng: random.Random, n: int) -> Generated:
    a = rng.randint(1, 9000)
    return [_config(rng.randint(a, a + 1000), 1, 10000) for _ in range(n)], {"intervals": [[a, a + 1000]]}


def _dynamic_range(rng: random.Random, n: int) -> Generated:
    o = rng.randint(1, 1000)
    a = rng.randint(o, o + 9000)
    configs = [_config(rng.randint(a, a + 1000), o, o + 10000) for _ in range(n)]
    return configs, {"intervals": [[a, a + 1000]], "shown": [o, o + 10000]}


def _dynamic_full_range(rng: random.Random, n: int) -> Generated:
    low = rng.randint(1, 1000)
    configs = [_config(rng.randint(low, low + 1000), low, low + 1000) for _ in range(n)]
    return configs, {"intervals": [[low, low + 1000]], "shown": [low, low + 1000]}


def _two_ranges(rng: random.Random, n: int) -> Generated:
    r1 = rng.randint(1, 4000)
    r2 = rng.randint(r1 + 1000, 9500)
    configs = []
    for _ in range(n):
        r = rng.choice((r1, r2))
        configs.append(_config(rng.randint(r, r + 500), 1, 10000))
    return configs, {"intervals": [[r1, r1 + 500], [r2, r2 + 500]]}


_SET_REMINDER = "Remember: the secret is always one of a small fixed set of numbers."
_RANGE_REMINDER = "Remember: the secret always lies in one fixed, narrower range."


def catalogue() -> dict[str, Latent]:
    latents = [
        GeneratorLatent(
            "set_of_2",
            "easy",
            "Every target is one of the same 2 numbers in [1, 1000].",
            hint="Every secret number in this sequence is one of 2 specific numbers.",
            reminder=_SET_REMINDER,
            generate=_set_of(2),
        ),
        GeneratorLatent(
            "set_of_3",
            "easy",
            "Every target is one of the same 3 numbers in [1, 1000].",
            hint="Every secret number in this sequence is one of 3 specific numbers.",
            reminder=_SET_REMINDER,
            generate=_set_of(3),
        ),
        GeneratorLatent(
            "range_100",
            "medium",
            "Every target lies in one fixed 100-wide range inside [1, 1000].",
            hint="Every secret number lies in one contiguous range of width 100 inside the shown range.",
            reminder=_RANGE_REMINDER,
            generate=_range_100,
        ),
        GeneratorLatent(
            "range_1000",
            "medium",
            "Every target lies in one fixed 1000-wide range inside [1, 10000].",
            hint="Every secret number lies in one contiguous range of width 1000 inside the shown range.",
            reminder=_RANGE_REMINDER,
            generate=_range_1000,
        ),
        GeneratorLatent(
            "dynamic_range",
            "hard",
            "The shown range is 10000 wide with a random offset; every target lies in one fixed "
            "1000-wide sub-range of it.",
            hint="Every secret number lies in one fixed 1000-wide sub-range of the shown range.",
            reminder=_RANGE_REMINDER,
            generate=_dynamic_range,
        ),
        GeneratorLatent(
            "dynamic_full_range",
            "hard",
            "The shown range is a random 1000-wide range, and targets are uniform over all of it.",
            hint="The shown range is itself the fixed constraint: targets are spread over all of it.",
            reminder="Remember: the shown range is the whole constraint.",
            generate=_dynamic_full_range,
        ),
        GeneratorLatent(
            "two_ranges",
            "hard",
            "Every target lies in one of two fixed, disjoint 500-wide ranges inside [1, 10000].",
            hint="Every secret number lies in one of two fixed, disjoint ranges of width 500.",
            reminder="Remember: the secret always lies in one of two fixed, narrow ranges.",
            generate=_two_ranges,
        ),
    ]
    return {lat.id: lat for lat in latents}
