"""The 165 wordle latents: predicates over the sorted wordle pool (the original's ids and rules).

Each latent's description states its predicate exactly; the full_info hint and reminder repeat
that description (wordle is the one env whose full_info names the latent).
"""

from __future__ import annotations

from collections import Counter

from .._words import wordle_pool
from .._words.predicates import Predicate, contains, ends_with, member, starts_with
from .._words.sets import WORDLE_ATTRIBUTES, WORDLE_CATEGORIES
from ..latent import Complexity, FilterLatent, Latent, choose_without_replacement

VOWELS = frozenset("aeiou")
COMMON = frozenset("etaoinshrdlcu")
RARE = frozenset("qzxjkvbwfgyp")
LETTER_FREQ = {
    "e": 12.70,
    "t": 9.06,
    "a": 8.17,
    "o": 7.51,
    "i": 6.97,
    "n": 6.75,
    "s": 6.33,
    "h": 6.09,
    "r": 5.99,
    "d": 4.25,
    "l": 4.03,
    "c": 2.78,
    "u": 2.76,
    "m": 2.41,
    "w": 2.36,
    "f": 2.23,
    "g": 2.02,
    "y": 1.97,
    "p": 1.93,
    "b": 1.29,
    "v": 0.98,
    "k": 0.77,
    "j": 0.15,
    "x": 0.15,
    "q": 0.10,
    "z": 0.07,
}
CLUSTERS = frozenset("br st tr gr cr bl cl fl pl sl dr fr pr sc sk sm sn sp sw tw".split())


def vowels(w: str) -> int:
    return sum(c in VOWELS for c in w)


def mean_freq(w: str) -> float:
    return sum(LETTER_FREQ.get(c, 0.0) for c in w) / len(w)


def levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def matches_shape(w: str, shape: str) -> bool:
    return len(w) == len(shape) and all((c in VOWELS) == (s == "V") for c, s in zip(w, shape))


def _at(*rules: tuple[int, str]) -> Predicate:
    return lambda w: all(len(w) > p and w[p] == c for p, c in rules)


def _vowel_count(n: int) -> Predicate:
    return lambda w: vowels(w) == n


def _distinct_letters(n: int) -> Predicate:
    return lambda w: len(set(w)) == n


def _shape(shape: str) -> Predicate:
    return lambda w: matches_shape(w, shape)


def _near(ref: str) -> Predicate:
    return lambda w: levenshtein(w, ref) <= 2


def _specs() -> list[tuple[str, Complexity, str, Predicate]]:
    s: list[tuple[str, Complexity, str, Predicate]] = []
    add = s.append
    for n in range(5):
        add((f"vowel_count_{n}", "easy", f"The word has exactly {n} vowels (a, e, i, o, u).", _vowel_count(n)))
    add(
        (
            "no_repeated_letters",
            "easy",
            "No letter appears more than once in the word.",
            lambda w: len(set(w)) == len(w),
        )
    )
    add(
        (
            "one_repeated_letter",
            "easy",
            "Exactly one letter appears exactly twice, and no letter appears more than twice.",
            lambda w: sorted(Counter(w).values()).count(2) == 1 and max(Counter(w).values()) == 2,
        )
    )
    add(
        (
            "multiple_repeated_letters",
            "easy",
            "At least two different letters each appear two or more times.",
            lambda w: sum(v >= 2 for v in Counter(w).values()) >= 2,
        )
    )
    add(
        (
            "common_letters_only",
            "easy",
            "Every letter is one of e, t, a, o, i, n, s, h, r, d, l, c, u.",
            lambda w: set(w) <= COMMON,
        )
    )
    add(
        (
            "has_rare_letter",
            "easy",
            "The word contains at least one of q, z, x, j, k, v, b, w, f, g, y, p.",
            lambda w: bool(set(w) & RARE),
        )
    )
    for n in (3, 4, 5):
        add((f"unique_letters_{n}", "easy", f"The word has exactly {n} distinct letters.", _distinct_letters(n)))
    for c in "ELSOTFRNPD":
        add((f"double_{c}", "easy", f"The word contains the double letter '{c.lower() * 2}'.", contains(c.lower() * 2)))
    add(
        (
            "has_double_letter",
            "easy",
            "The word has the same letter twice in a row somewhere.",
            lambda w: any(a == b for a, b in zip(w, w[1:])),
        )
    )

    add(
        (
            "vowel_odd_positions",
            "medium",
            "The 2nd and 4th letters are both vowels.",
            lambda w: len(w) >= 4 and w[1] in VOWELS and w[3] in VOWELS,
        )
    )
    add(
        (
            "vowel_even_positions",
            "medium",
            "The 1st, 3rd and 5th letters are all vowels.",
            lambda w: len(w) >= 5 and all(w[i] in VOWELS for i in (0, 2, 4)),
        )
    )
    add(
        (
            "vowels_clustered",
            "medium",
            "The word has two vowels next to each other.",
            lambda w: any(a in VOWELS and b in VOWELS for a, b in zip(w, w[1:])),
        )
    )
    add(
        ("first_half_alphabet", "medium", "Every letter is between a and m.", lambda w: all("a" <= c <= "m" for c in w))
    )
    add(
        (
            "second_half_alphabet",
            "medium",
            "Every letter is between n and z.",
            lambda w: all("n" <= c <= "z" for c in w),
        )
    )
    add(
        (
            "mixed_balanced",
            "medium",
            "The word has at least 2 distinct letters from a-m and at least 2 from n-z.",
            lambda w: len({c for c in w if c <= "m"}) >= 2 and len({c for c in w if c >= "n"}) >= 2,
        )
    )
    add(
        (
            "consonant_cluster_start",
            "medium",
            "The word starts with one of the clusters " + ", ".join(sorted(CLUSTERS)) + ".",
            lambda w: w[:2] in CLUSTERS,
        )
    )
    add(("vowel_start", "medium", "The word starts with a vowel.", lambda w: w[:1] in VOWELS and bool(w)))
    add(
        (
            "single_consonant_start",
            "medium",
            "The first letter is a consonant and the second a vowel.",
            lambda w: len(w) >= 2 and w[0] not in VOWELS and w[1] in VOWELS,
        )
    )
    for c in "SBPCMDR":
        add((f"starts_with_{c}", "medium", f"The word starts with '{c.lower()}'.", starts_with(c.lower())))
    positions = [("E", 1), ("T", 0), ("R", 4)]
    positions += [(c, p) for c in "ETAOINSR" for p in range(5) if (c, p) not in positions]
    for c, p in positions:
        add((f"position_{c}_at_{p}", "medium", f"Letter {p + 1} of the word is '{c.lower()}'.", _at((p, c.lower()))))
    for c in "BR ST TR GR PR CH SH TH BL CL FL PL SL SP SC".split():
        add((f"cluster_start_{c}-cluster", "medium", f"The word starts with '{c.lower()}'.", starts_with(c.lower())))
    for c in "EA OU AI OO EE ER AR OR ING TION".split():
        add((f"contains_{c}", "medium", f"The word contains '{c.lower()}'.", contains(c.lower())))
    for shape in ("CVCVC", "CVCCV", "VCCVC"):
        add(
            (
                f"pattern_{shape}",
                "medium",
                f"The word follows the consonant/vowel pattern {shape} (C = consonant, V = vowel).",
                _shape(shape),
            )
        )

    for e in "ER LY ED AL LE NT ST CH SH TH NG ND SE".split():
        add((f"ending_{e}", "hard", f"The word ends with '{e.lower()}'.", ends_with(e.lower())))
    add(
        (
            "letter_freq_high",
            "hard",
            "The mean English frequency of its letters is above 7.0%.",
            lambda w: mean_freq(w) > 7.0,
        )
    )
    add(
        (
            "letter_freq_medium",
            "hard",
            "The mean English frequency of its letters is between 4.0% and 7.0%.",
            lambda w: 4.0 <= mean_freq(w) <= 7.0,
        )
    )
    add(
        (
            "letter_freq_low",
            "hard",
            "The mean English frequency of its letters is below 4.0%.",
            lambda w: mean_freq(w) < 4.0,
        )
    )
    for ref in "CRANE STALE PROUD SLATE RAISE ROAST TEARS".split():
        add(
            (
                f"near_{ref}",
                "hard",
                f"The word is within 2 single-letter edits (insert, delete, replace) of '{ref.lower()}'.",
                _near(ref.lower()),
            )
        )
    multi = {
        "S_start_E_end": ((0, "s"), (4, "e")),
        "R_at_1_N_at_3": ((1, "r"), (3, "n")),
        "A_at_2": ((2, "a"),),
        "T_start_E_end": ((0, "t"), (4, "e")),
        "S_start_T_end": ((0, "s"), (4, "t")),
        "B_start_E_end": ((0, "b"), (4, "e")),
        "C_start_E_end": ((0, "c"), (4, "e")),
        "P_start_E_end": ((0, "p"), (4, "e")),
        "A_at_1_T_end": ((1, "a"), (4, "t")),
        "E_at_1_R_end": ((1, "e"), (4, "r")),
        "O_at_1_T_end": ((1, "o"), (4, "t")),
        "A_at_2_E_end": ((2, "a"), (4, "e")),
        "I_at_2_T_end": ((2, "i"), (4, "t")),
        "O_at_2_T_end": ((2, "o"), (4, "t")),
        "S_start_S_end": ((0, "s"), (4, "s")),
        "T_start_T_end": ((0, "t"), (4, "t")),
    }
    for name, rules in multi.items():
        text = " and ".join(f"letter {p + 1} is '{c}'" for p, c in rules)
        add((f"multi_position_{name}", "hard", f"In the word, {text}.", _at(*rules)))
    for kind, sets in (("category", WORDLE_CATEGORIES), ("attribute", WORDLE_ATTRIBUTES)):
        for name, words in sets.items():
            label = name.replace("_", " ")
            add((f"{kind}_{name}", "hard", f"The word is one of a small fixed list of {label} words.", member(words)))
    return s


def to_config(word: str) -> dict[str, object]:
    return {"target_word": word, "word_length": len(word)}


def catalogue() -> dict[str, Latent]:
    out: dict[str, Latent] = {}
    for latent_id, complexity, description, predicate in _specs():
        out[latent_id] = FilterLatent(
            latent_id,
            complexity,
            description,
            hint=f"IMPORTANT: every secret word in this sequence obeys one rule: {description} "
            "Use it to choose your guesses and save turns.",
            reminder=f"Same rule for the next word: {description}",
            predicate=predicate,
            pool=wordle_pool,
            to_config=to_config,
            choose=choose_without_replacement,
        )
    return out
