"""The 105 hangman latents: predicates over the uppercase hangman pool, sampled
uniformly with replacement. full_info stays generic, so no latent carries its own hint."""

from __future__ import annotations

from .._words import hangman_pool
from .._words.predicates import Predicate, contains, ends_with, member, starts_with
from .._words.sets import HANGMAN_CATEGORIES
from ..latent import Complexity, FilterLatent, Latent

VOWELS = frozenset("AEIOU")
COMMON = frozenset("ETAOINSHRDLU")
SCORE = {
    "E": 12.7,
    "T": 9.1,
    "A": 8.2,
    "O": 7.5,
    "I": 7.0,
    "N": 6.7,
    "S": 6.3,
    "H": 6.1,
    "R": 6.0,
    "D": 4.3,
    "L": 4.0,
    "C": 2.8,
    "U": 2.8,
    "M": 2.4,
    "W": 2.4,
    "F": 2.2,
    "G": 2.0,
    "Y": 2.0,
    "P": 1.9,
    "B": 1.5,
    "V": 1.0,
    "K": 0.8,
    "J": 0.15,
    "X": 0.15,
    "Q": 0.10,
    "Z": 0.07,
}
CLUSTERS_3 = frozenset("SCR SPR STR THR".split())
CLUSTERS_2 = frozenset("BL BR CH CL CR DR FL FR GL GR PL PR SC SH SK SL SM SN SP ST SW TH TR TW WH WR".split())


def vowels(w: str) -> int:
    return sum(c in VOWELS for c in w)


def score(w: str) -> float:
    return sum(SCORE.get(c, 0.0) for c in w) / len(w)


def _length(n: int) -> Predicate:
    return lambda w: len(w) == n


def _vowel_count(n: int) -> Predicate:
    return lambda w: vowels(w) == n


def _specs() -> list[tuple[str, Complexity, str, Predicate]]:
    s: list[tuple[str, Complexity, str, Predicate]] = []
    add = s.append
    for n in range(3, 11):
        add((f"length_{n}", "easy", f"The word has exactly {n} letters.", _length(n)))
    add(("length_11_plus", "easy", "The word has 11 or more letters.", lambda w: len(w) >= 11))
    add(("length_short", "easy", "The word has 3 to 5 letters.", lambda w: 3 <= len(w) <= 5))
    add(("length_medium", "easy", "The word has 6 to 8 letters.", lambda w: 6 <= len(w) <= 8))
    add(("length_long", "easy", "The word has 9 or more letters.", lambda w: len(w) >= 9))
    for n in range(6):
        add((f"vowel_count_{n}", "easy", f"The word has exactly {n} vowels.", _vowel_count(n)))
    add(("vowel_count_6_plus", "easy", "The word has 6 or more vowels.", lambda w: vowels(w) >= 6))
    add(("vowel_ratio_low", "easy", "Under 25% of the letters are vowels.", lambda w: vowels(w) / len(w) < 0.25))
    add(("vowel_ratio_high", "easy", "Over 45% of the letters are vowels.", lambda w: vowels(w) / len(w) > 0.45))
    add(
        (
            "easy_word",
            "easy",
            "4-6 letters, no Q/X/Z/J, letter-frequency score at least 5.0.",
            lambda w: 4 <= len(w) <= 6 and not set(w) & set("QXZJ") and score(w) >= 5.0,
        )
    )
    add(("all_words", "easy", "Any word of the pool.", lambda w: True))

    add(("vowel_heavy", "medium", "More vowels than consonants.", lambda w: vowels(w) > len(w) - vowels(w)))
    add(("consonant_heavy", "medium", "More consonants than vowels.", lambda w: len(w) - vowels(w) > vowels(w)))
    for c in "SCPBMTARDFHLWGN":
        add((f"starts_with_{c}", "medium", f"The word starts with {c}.", starts_with(c)))
    for c in "ESDYNTRLG":
        add((f"ends_with_{c}", "medium", f"The word ends with {c}.", ends_with(c)))
    for e in "ING TION LY ED ER EST NESS MENT ABLE LESS FUL".split():
        add((f"ending_{e}", "medium", f"The word ends with {e}.", ends_with(e)))
    add(
        ("common_letters_only", "medium", "Every letter is one of E T A O I N S H R D L U.", lambda w: set(w) <= COMMON)
    )
    add(("has_rare_letter", "medium", "The word contains Q, X, Z or J.", lambda w: bool(set(w) & set("QXZJ"))))
    for c in "QXZJ":
        add((f"contains_{c}", "medium", f"The word contains {c}.", contains(c)))
    add(("no_E", "medium", "The word has no E.", lambda w: "E" not in w))
    add(("high_frequency_score", "medium", "Letter-frequency score at least 6.0.", lambda w: score(w) >= 6.0))
    add(("low_frequency_score", "medium", "Letter-frequency score below 4.0.", lambda w: score(w) < 4.0))
    add(("no_repeated_letters", "medium", "No letter repeats.", lambda w: len(set(w)) == len(w)))
    add(("has_repeated_letters", "medium", "Some letter repeats.", lambda w: len(set(w)) < len(w)))
    add(("has_double_letter", "medium", "Two equal letters in a row.", lambda w: any(a == b for a, b in zip(w, w[1:]))))
    add(
        (
            "has_start_cluster",
            "medium",
            "The word starts with a consonant cluster.",
            lambda w: w[:3] in CLUSTERS_3 or w[:2] in CLUSTERS_2,
        )
    )
    add(
        (
            "medium_word",
            "medium",
            "5-8 letters and letter-frequency score 3.0-7.0.",
            lambda w: 5 <= len(w) <= 8 and 3.0 <= score(w) <= 7.0,
        )
    )

    for c in "ELSOTRNPFM":
        add((f"double_{c}", "hard", f"The word contains {c}{c}.", contains(c * 2)))
    for c in "ch sh th st br tr pr gr cr sp".split():
        add((f"cluster_{c}", "hard", f"The word starts with {c.upper()}.", starts_with(c.upper())))
    for name, words in HANGMAN_CATEGORIES.items():
        label = name.replace("_", " ")
        add(
            (
                f"category_{name}",
                "hard",
                f"The word is in a fixed list of {label} words.",
                member(x.upper() for x in words),
            )
        )
    add(
        (
            "hard_word",
            "hard",
            "7+ letters and letter-frequency score at most 5.0.",
            lambda w: len(w) >= 7 and score(w) <= 5.0,
        )
    )
    return s


def to_config(word: str) -> dict[str, object]:
    return {"target_word": word.lower()}


def upper_pool() -> tuple[str, ...]:
    return tuple(w.upper() for w in hangman_pool())


def catalogue() -> dict[str, Latent]:
    return {
        latent_id: FilterLatent(
            latent_id,
            complexity,
            description,
            predicate=predicate,
            pool=upper_pool,
            to_config=to_config,
            min_pool=5,
        )
        for latent_id, complexity, description, predicate in _specs()
    }
