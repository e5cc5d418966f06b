"""The 54 mastermind latents: predicates over 4-digit codes in 1..6.

Most latents sample from the 360 codes without repeated digits. The 14 latents marked
``dup=True`` (:data:`D4_IDS`) have no such code, so they sample from all 1,296 codes and set
``duplicates_allowed: true`` (docs/deviations.md#mastermind-repeat-latents). Codes are drawn
uniformly with replacement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache
from itertools import permutations, product

from ..latent import Complexity, Config, FilterLatent, Latent
from .engine import CODE_LENGTH, NUM_NUMBERS

Code = tuple[int, ...]
Predicate = Callable[[Code], bool]

PRIMES = frozenset({2, 3, 5})


@cache
def no_dup_codes() -> tuple[Code, ...]:
    return tuple(permutations(range(1, NUM_NUMBERS + 1), CODE_LENGTH))


@cache
def all_codes() -> tuple[Code, ...]:
    return tuple(product(range(1, NUM_NUMBERS + 1), repeat=CODE_LENGTH))


def code_space(duplicates: bool) -> tuple[Code, ...]:
    """The sorted code space a game draws from (and a solver searches)."""
    return all_codes() if duplicates else no_dup_codes()


def _config(duplicates: bool) -> Callable[[Code], Config]:
    def to_config(code: Code) -> Config:
        return {
            "secret_code": list(code),
            "code_length": CODE_LENGTH,
            "num_numbers": NUM_NUMBERS,
            "duplicates_allowed": duplicates,
        }

    return to_config


def _alternating(c: Code) -> bool:
    return len(set(c)) == 2 and c[0] == c[2] and c[1] == c[3]


def _sorted_consecutive(c: Code) -> bool:
    s = sorted(c)
    return all(b - a == 1 for a, b in zip(s, s[1:]))


# (id, complexity, description, predicate, duplicates space)
_ROWS: list[tuple[str, Complexity, str, Predicate, bool]] = [
    ("ascending", "easy", "Digits never decrease from left to right.", lambda c: list(c) == sorted(c), False),
    (
        "descending",
        "easy",
        "Digits never increase from left to right.",
        lambda c: list(c) == sorted(c, reverse=True),
        False,
    ),
    ("consecutive", "easy", "The sorted digits are consecutive numbers.", _sorted_consecutive, False),
    ("first_not_equals_last", "easy", "The first and last digits differ.", lambda c: c[0] != c[3], False),
    ("all_same", "easy", "All four digits are the same.", lambda c: len(set(c)) == 1, True),
    (
        "no_adjacent_same",
        "easy",
        "No two neighbouring digits are equal.",
        lambda c: all(a != b for a, b in zip(c, c[1:])),
        False,
    ),
    ("no_repeats", "easy", "All digits are distinct.", lambda c: len(set(c)) == len(c), False),
    *[
        (f"contains_{d}", "easy", f"The code contains the digit {d}.", (lambda d: lambda c: d in c)(d), False)
        for d in range(1, 7)
    ],
    (
        "mixed_parity",
        "easy",
        "The code has at least one odd and one even digit.",
        lambda c: any(d % 2 for d in c) and any(d % 2 == 0 for d in c),
        False,
    ),
    ("has_extreme", "easy", "The code contains 1 or 6.", lambda c: 1 in c or 6 in c, False),
    ("first_less_than_last", "easy", "The first digit is smaller than the last.", lambda c: c[0] < c[3], False),
    ("first_greater_than_last", "easy", "The first digit is larger than the last.", lambda c: c[0] > c[3], False),
    ("sum_even", "easy", "The digit sum is even.", lambda c: sum(c) % 2 == 0, False),
    ("sum_odd", "easy", "The digit sum is odd.", lambda c: sum(c) % 2 == 1, False),
    (
        "strictly_ascending",
        "medium",
        "Digits strictly increase from left to right.",
        lambda c: all(a < b for a, b in zip(c, c[1:])),
        False,
    ),
    (
        "strictly_descending",
        "medium",
        "Digits strictly decrease from left to right.",
        lambda c: all(a > b for a, b in zip(c, c[1:])),
        False,
    ),
    ("first_equals_last", "medium", "The first and last digits are equal.", lambda c: c[0] == c[3], True),
    ("palindrome", "medium", "The code reads the same backwards.", lambda c: tuple(reversed(c)) == tuple(c), True),
    ("alternating", "medium", "Two distinct digits alternate (ABAB).", _alternating, True),
    ("has_pair", "medium", "Some digit occurs at least twice.", lambda c: max(Counter(c).values()) >= 2, True),
    (
        "adjacent_same",
        "medium",
        "Some two neighbouring digits are equal.",
        lambda c: any(a == b for a, b in zip(c, c[1:])),
        True,
    ),
    ("middle_same", "medium", "The two middle digits are equal.", lambda c: c[1] == c[2], True),
    ("no_1", "medium", "The code has no 1.", lambda c: 1 not in c, False),
    ("no_6", "medium", "The code has no 6.", lambda c: 6 not in c, False),
    ("all_odd", "medium", "Every digit is odd (1, 3, 5).", lambda c: all(d % 2 for d in c), True),
    ("all_even", "medium", "Every digit is even (2, 4, 6).", lambda c: all(d % 2 == 0 for d in c), True),
    ("all_low", "medium", "Every digit is at most 3.", lambda c: all(d <= 3 for d in c), True),
    ("all_high", "medium", "Every digit is at least 4.", lambda c: all(d >= 4 for d in c), True),
    ("no_extremes", "medium", "The code has neither 1 nor 6.", lambda c: 1 not in c and 6 not in c, False),
    *[
        (f"first_is_{d}", "medium", f"The first digit is {d}.", (lambda d: lambda c: c[0] == d)(d), False)
        for d in range(1, 7)
    ],
    *[
        (f"last_is_{d}", "medium", f"The last digit is {d}.", (lambda d: lambda c: c[3] == d)(d), False)
        for d in range(1, 7)
    ],
    ("first_is_min", "medium", "The first digit is the smallest.", lambda c: c[0] == min(c), False),
    ("last_is_max", "medium", "The last digit is the largest.", lambda c: c[3] == max(c), False),
    ("sum_low", "medium", "The digit sum is at most 10.", lambda c: sum(c) <= 10, False),
    ("sum_high", "medium", "The digit sum is at least 18.", lambda c: sum(c) >= 18, False),
    ("sum_divisible_by_3", "medium", "The digit sum is a multiple of 3.", lambda c: sum(c) % 3 == 0, False),
    ("has_triple", "hard", "Some digit occurs at least three times.", lambda c: max(Counter(c).values()) >= 3, True),
    ("all_prime", "hard", "Every digit is prime (2, 3, 5).", lambda c: all(d in PRIMES for d in c), True),
    ("no_prime", "hard", "No digit is prime (only 1, 4, 6).", lambda c: all(d not in PRIMES for d in c), True),
]

D4_IDS: frozenset[str] = frozenset(row[0] for row in _ROWS if row[4])
"""The latents that need repeated digits (docs/deviations.md#mastermind-repeat-latents)."""


def predicates() -> dict[str, Predicate]:
    """Latent id -> predicate over a code tuple (used by the adaptive agent and tests)."""
    return {row[0]: row[3] for row in _ROWS}


def catalogue() -> dict[str, Latent]:
    latents = [
        FilterLatent(
            lid,
            cplx,
            desc,
            predicate=pred,
            pool=no_dup_codes if not dup else all_codes,
            to_config=_config(dup),
        )
        for lid, cplx, desc, pred, dup in _ROWS
    ]
    return {lat.id: lat for lat in latents}
