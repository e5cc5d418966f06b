"""Word predicates that several word games' latents are built from."""

from __future__ import annotations

from collections.abc import Callable, Iterable

Predicate = Callable[[str], bool]


def contains(text: str) -> Predicate:
    return lambda w: text in w


def starts_with(prefix: str) -> Predicate:
    return lambda w: w.startswith(prefix)


def ends_with(suffix: str) -> Predicate:
    return lambda w: w.endswith(suffix)


def member(words: Iterable[str]) -> Predicate:
    members = frozenset(words)
    return lambda w: w in members
