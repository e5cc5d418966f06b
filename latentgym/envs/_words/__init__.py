"""Pinned word data (built by ``scripts/build_word_data.py`` and committed).

Files are read lazily, once per process, on first use; ``import latentgym.envs`` loads nothing.

- ``dictionary.txt.gz``: the validity dictionary (web2 lowercase entries, wordfreq ``large``
  a-z entries, and every pool word), one word per line, sorted.
- ``pools.json.gz``: the sorted wordle and hangman target pools and the ladder vocabularies.
- ``ladder.json.gz``: the precomputed wordladder candidate structures (filter survivors, hub
  candidates with their eligible pairs, restricted vocabularies with their valid pairs).
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources
from typing import Any

DATA_FILES = ("dictionary.txt.gz", "pools.json.gz", "ladder.json.gz")


def _read(name: str) -> bytes:
    return gzip.decompress(resources.files(__package__).joinpath(name).read_bytes())


@cache
def dictionary() -> frozenset[str]:
    """Every word accepted as a guess or a ladder move."""
    return frozenset(_read("dictionary.txt.gz").decode().split())


@cache
def _pools() -> dict[str, Any]:
    pools: dict[str, Any] = json.loads(_read("pools.json.gz"))
    return pools


def wordle_pool() -> tuple[str, ...]:
    return _tuple("wordle")


def hangman_pool() -> tuple[str, ...]:
    return _tuple("hangman")


@cache
def _tuple(key: str) -> tuple[str, ...]:
    return tuple(_pools()[key])


@cache
def ladder_vocabulary(length: int) -> tuple[str, ...]:
    return tuple(_pools()["ladder"][str(length)])


def build_info() -> dict[str, Any]:
    """Package versions and K values the data was built with."""
    return dict(_pools()["meta"])


@cache
def ladder_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_read("ladder.json.gz"))
    return data
