"""The 20 wordladder latents: 6 generators (hub word, restricted vocabulary) and 14 filters
(path order, substitution kind, word family), all drawn from the committed precomputed data.

Generation is a pure function of (latent, seed, N): it reads sorted, precomputed lists and uses
only the RNG handed in (docs/deviations.md#pure-sequences).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import cache
from typing import Any

from .._words import ladder_data, ladder_vocabulary
from ..errors import LatentGymError
from ..latent import (
    Complexity,
    Config,
    FilterLatent,
    Generate,
    Generated,
    GeneratorLatent,
    Latent,
    choose_without_replacement,
)
from .graph import LadderGraph
from .properties import PATH_PROPERTIES


@cache
def graph(length: int) -> LadderGraph:
    return LadderGraph(ladder_vocabulary(length))


@cache
def sub_graph(vocab: tuple[str, ...]) -> LadderGraph:
    return LadderGraph(vocab)


def _config(start: str, target: str, path: list[str], **extra: Any) -> Config:
    return {
        "start_word": start,
        "target_word": target,
        "optimal_path": path,
        "optimal_steps": len(path) - 1,
        **extra,
    }


def _need(items: list[Any], n: int, what: str) -> None:
    if not items:
        raise LatentGymError(f"no {what} has at least {n} pairs; use a smaller number of episodes")


@cache
def _hubs(length: int) -> dict[str, tuple[tuple[int, int], ...]]:
    return {h: tuple(map(tuple, p)) for h, p in ladder_data()["hubs"][str(length)].items()}


@cache
def _eligible_hubs(length: int, n: int) -> list[str]:
    return sorted(h for h, pairs in _hubs(length).items() if len(pairs) >= n)


def _hub_path(a: str, hub: str, b: str) -> tuple[str, ...]:
    """The optimal path through ``hub`` (as ``path_through``), from cached halves: there are far
    fewer (word, hub) halves than (start, hub, target) triples."""
    return _pair_path(a, hub) + _pair_path(hub, b)[1:]


def _hub_generator(length: int) -> Generate:
    def generate(rng: random.Random, n: int) -> Generated:
        hubs = _hubs(length)
        eligible = _eligible_hubs(length, n)
        _need(eligible, n, f"{length}-letter hub")
        hub = rng.choice(eligible)
        words = graph(length).words
        configs = []
        for s, t in rng.sample(hubs[hub], n):
            a, b = words[s], words[t]
            configs.append(_config(a, b, list(_hub_path(a, hub, b)), hub_word=hub, word_length=length))
        return configs, {"hub_word": hub}

    return generate


def _vocab_generator(length: int) -> Generate:
    def generate(rng: random.Random, n: int) -> Generated:
        vocabs = ladder_data()["vocabularies"][str(length)]
        eligible = [i for i, (_, pairs) in enumerate(vocabs) if len(pairs) >= n]
        _need(eligible, n, f"{length}-letter vocabulary")
        words, pairs = vocabs[rng.choice(eligible)]
        sub = sub_graph(tuple(words))
        configs = [
            _config(a, b, sub.shortest_path(a, b), vocabulary=list(words), word_length=length)
            for a, b in rng.sample(pairs, n)
        ]
        return configs, {"vocabulary": list(words)}

    return generate


@cache
def filter_pairs(latent_id: str) -> tuple[tuple[str, str], ...]:
    """The latent's surviving directed pairs (words), in canonical candidate order."""
    entry = ladder_data()["filters"][latent_id]
    words = graph(entry["length"]).words
    return tuple((words[s], words[t]) for s, t in entry["pairs"])


@cache
def _pair_path(a: str, b: str) -> tuple[str, ...]:
    """The canonical optimal path of a pair, computed once per process (pairs recur often)."""
    return tuple(graph(len(a)).shortest_path(a, b))


def _with_paths(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """The pairs, once every pair's canonical path is cached: the pool is built once per process
    (about a second for all 14 filter latents), so generation afterwards never searches."""
    for a, b in pairs:
        _pair_path(a, b)
    return pairs


def _filter_pool(latent_id: str) -> Callable[[], tuple[tuple[str, str], ...]]:
    """The pool of a filter latent: its surviving pairs, with their paths cached."""
    return lambda: _with_paths(filter_pairs(latent_id))


def _pair_config(pair: tuple[str, str]) -> Config:
    a, b = pair
    return _config(a, b, list(_pair_path(a, b)), word_length=len(a))


HINTS = {
    "hub": "every shortest solution passes through one hub word (not named here)",
    "vocab": "only about 40 words are in play (not listed here)",
    "order": "the changed positions follow an order: left to right, right to left, or outside in",
    "subs": "the letter swaps follow a kind: vowel-only, consonant-only, alternating, or within a sound group",
    "family": "the intermediate words share a family: they contain or/an/at, end in e/d, or follow CVCC/CVCV",
}
REMINDERS = {
    "hub": "Remember the hub word the solutions pass through.",
    "vocab": "Remember the small set of words in play.",
    "order": "Remember the order in which positions change.",
    "subs": "Remember the kind of letter swaps.",
    "family": "Remember the family of intermediate words.",
}
DESCRIPTIONS = {
    "order_left_to_right": "A shortest solution changes positions left to right.",
    "order_right_to_left": "A shortest solution changes positions right to left.",
    "order_outside_in": "A shortest solution changes positions from the outside in.",
    "subs_vowel_swaps": "A shortest solution swaps only vowels for vowels.",
    "subs_consonant_swaps": "A shortest solution swaps only consonants for consonants.",
    "subs_alternating": "In a shortest solution the replaced letters alternate vowel and consonant.",
    "subs_phonetic_group": "In a shortest solution consonant swaps stay in one sound group (bpdt, fvsz, mnlr).",
    "family_contains_or": "A shortest solution's intermediate words all contain 'or'.",
    "family_contains_an": "A shortest solution's intermediate words all contain 'an'.",
    "family_contains_at": "A shortest solution's intermediate words all contain 'at'.",
    "family_ends_e": "A shortest solution's intermediate words all end in 'e'.",
    "family_ends_d": "A shortest solution's intermediate words all end in 'd'.",
    "family_pattern_cvcc": "A shortest solution's intermediate words all follow CVCC.",
    "family_pattern_cvcv": "A shortest solution's intermediate words all follow CVCV.",
}


def _hint(group: str) -> str:
    return f"IMPORTANT: a pattern links the games of this sequence: {HINTS[group]}."


def catalogue() -> dict[str, Latent]:
    out: dict[str, Latent] = {}
    for n in (3, 4, 5):
        out[f"hub_word_{n}letter"] = GeneratorLatent(
            f"hub_word_{n}letter",
            "hard",
            f"{n}-letter pairs whose shortest solutions all pass through one hub word.",
            hint=_hint("hub"),
            reminder=REMINDERS["hub"],
            group="hub",
            generate=_hub_generator(n),
        )
    for n in (3, 4, 5):
        out[f"restricted_vocab_{n}letter"] = GeneratorLatent(
            f"restricted_vocab_{n}letter",
            "medium",
            f"{n}-letter pairs solved inside one fixed vocabulary of about 40 words.",
            hint=_hint("vocab"),
            reminder=REMINDERS["vocab"],
            group="vocab",
            generate=_vocab_generator(n),
        )
    for latent_id in PATH_PROPERTIES:
        group = latent_id.split("_")[0]
        complexity: Complexity = "medium" if latent_id.startswith(("family_contains", "family_ends")) else "hard"
        out[latent_id] = FilterLatent(
            latent_id,
            complexity,
            DESCRIPTIONS[latent_id],
            hint=_hint(group),
            reminder=REMINDERS[group],
            group=group,
            predicate=lambda pair: True,  # the committed pool holds only survivors
            pool=_filter_pool(latent_id),
            to_config=_pair_config,
            choose=choose_without_replacement,
        )
    order = [k for k in out if k.startswith("restricted")]
    order += [k for k in out if k.startswith(("family_contains", "family_ends"))]
    order += [k for k in out if k.startswith(("hub", "order", "subs"))]
    order += [k for k in out if k.startswith("family_pattern")]
    return {k: out[k] for k in order}  # registration order: medium, then hard
