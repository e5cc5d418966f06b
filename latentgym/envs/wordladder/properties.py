"""Path properties of the wordladder filter latents (a pair passes when one of its first 20
canonical shortest paths has the property)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

VOWELS = frozenset("aeiou")
PHONETIC_GROUPS = (frozenset("bpdt"), frozenset("fvsz"), frozenset("mnlr"))

Path = Sequence[str]
Change = tuple[int, str, str]  # (position, old letter, new letter)


def changes(path: Path) -> list[Change]:
    out = []
    for a, b in zip(path, path[1:]):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                out.append((i, x, y))
                break
    return out


def _left_to_right(path: Path) -> bool:
    pos = [p for p, _, _ in changes(path)]
    return all(a <= b for a, b in zip(pos, pos[1:]))


def _right_to_left(path: Path) -> bool:
    pos = [p for p, _, _ in changes(path)]
    return all(a >= b for a, b in zip(pos, pos[1:]))


def _outside_in(path: Path) -> bool:
    pos = [p for p, _, _ in changes(path)]
    centre = max(pos) / 2
    gaps = [abs(p - centre) for p in pos]
    return all(a >= b for a, b in zip(gaps, gaps[1:]))


def _vowel_swaps(path: Path) -> bool:
    return all(x in VOWELS and y in VOWELS for _, x, y in changes(path))


def _consonant_swaps(path: Path) -> bool:
    return all(x not in VOWELS and y not in VOWELS for _, x, y in changes(path))


def _alternating(path: Path) -> bool:
    kinds = [x in VOWELS for _, x, _ in changes(path)]
    return all(a != b for a, b in zip(kinds, kinds[1:]))


def _phonetic(path: Path) -> bool:
    for _, x, y in changes(path):
        if x in VOWELS or y in VOWELS:
            continue
        if not any(x in g and y in g for g in PHONETIC_GROUPS):
            return False
    return True


def _intermediates(test: Callable[[str], bool]) -> Callable[[Path], bool]:
    def check(path: Path) -> bool:
        return all(test(w) for w in path[1:-1])

    return check


def _pattern(shape: str) -> Callable[[str], bool]:
    regex = re.compile("".join("[aeiou]" if c == "v" else "[b-df-hj-np-tv-z]" for c in shape))
    return lambda w: regex.fullmatch(w) is not None


PATH_PROPERTIES: dict[str, Callable[[Path], bool]] = {
    "order_left_to_right": _left_to_right,
    "order_right_to_left": _right_to_left,
    "order_outside_in": _outside_in,
    "subs_vowel_swaps": _vowel_swaps,
    "subs_consonant_swaps": _consonant_swaps,
    "subs_alternating": _alternating,
    "subs_phonetic_group": _phonetic,
    "family_contains_or": _intermediates(lambda w: "or" in w),
    "family_contains_an": _intermediates(lambda w: "an" in w),
    "family_contains_at": _intermediates(lambda w: "at" in w),
    "family_ends_e": _intermediates(lambda w: w.endswith("e")),
    "family_ends_d": _intermediates(lambda w: w.endswith("d")),
    "family_pattern_cvcc": _intermediates(_pattern("cvcc")),
    "family_pattern_cvcv": _intermediates(_pattern("cvcv")),
}
"""Filter latent id -> property of one path (start..target inclusive)."""


def min_distance(latent_id: str) -> int:
    """Family latents need distance >= 3 (two intermediates); the others >= 2."""
    return 3 if latent_id.startswith("family_") else 2
