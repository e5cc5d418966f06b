"""Build the committed word data under ``latentgym/envs/_words/`` from pinned packages.

Pinned sources (checked at run; the output is a deterministic function of them):

- ``english-words==2.0.2``: the Unix ``web2`` list (public domain), the original's NLTK source.
- ``wordfreq==3.1.1``: English frequency lists (MIT code; data under CC BY-SA 4.0) for ranking
  and for inflected forms.

Usage: ``python scripts/build_word_data.py`` (about a minute; run from the repository root).
"""

from __future__ import annotations

import gzip
import importlib.metadata
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from latentgym.envs._words.sets import (  # noqa: E402
    HANGMAN_CATEGORIES,
    WORDLE_ATTRIBUTES,
    WORDLE_CATEGORIES,
)
from latentgym.envs.wordladder.precompute import LENGTHS, build_ladder_data  # noqa: E402

PINS = {"english-words": "2.0.2", "wordfreq": "3.1.1"}
K_WORDLE = 50_000
K_HANGMAN = 50_000
K_LADDER = 500
OUT = ROOT / "latentgym" / "envs" / "_words"
AZ = re.compile(r"[a-z]+")


def check_pins() -> None:
    for name, version in PINS.items():
        found = importlib.metadata.version(name)
        if found != version:
            raise SystemExit(f"{name}=={version} is required, found {found}")


def write_gz(name: str, payload: bytes) -> None:
    # mtime=0 keeps the file byte-identical across builds.
    with open(OUT / name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(payload)


def main() -> None:
    check_pins()
    from english_words import get_english_words_set
    from wordfreq import iter_wordlist, top_n_list

    start = time.time()
    web2 = {w for w in get_english_words_set(["web2"], lower=False, alpha=False) if AZ.fullmatch(w)}
    ranked = [w for w in iter_wordlist("en", "large") if AZ.fullmatch(w)]
    base = web2 | set(ranked)

    wordle_sets = {w for s in (*WORDLE_CATEGORIES.values(), *WORDLE_ATTRIBUTES.values()) for w in s}
    wordle = {w for w in top_n_list("en", K_WORDLE) if len(w) == 5 and AZ.fullmatch(w) and w in base}
    wordle |= {w for w in wordle_sets if len(w) == 5}
    hangman_sets = {w for s in HANGMAN_CATEGORIES.values() for w in s}
    hangman = {w for w in top_n_list("en", K_HANGMAN) if len(w) >= 3 and AZ.fullmatch(w)}
    hangman |= hangman_sets
    # Ladder nodes: the most frequent words that web2 also lists, so abbreviations and names that
    # wordfreq ranks high (cnn, ian, wwe) never become rungs; every node is in the dictionary.
    ladder = {n: sorted([w for w in ranked if len(w) == n and w in web2][:K_LADDER]) for n in LENGTHS}
    dictionary = base | wordle | hangman

    meta = {"pins": PINS, "K_wordle": K_WORDLE, "K_hangman": K_HANGMAN, "K_ladder": K_LADDER}
    pools = {
        "meta": meta,
        "wordle": sorted(wordle),
        "hangman": sorted(hangman),
        "ladder": {str(n): ladder[n] for n in LENGTHS},
    }
    write_gz("dictionary.txt.gz", "\n".join(sorted(dictionary)).encode())
    write_gz("pools.json.gz", json.dumps(pools, separators=(",", ":")).encode())
    ladder_data = build_ladder_data(ladder)
    write_gz("ladder.json.gz", json.dumps(ladder_data, separators=(",", ":")).encode())
    sizes = {p.name: p.stat().st_size for p in sorted(OUT.glob("*.gz"))}
    print(
        f"dictionary {len(dictionary)}, wordle {len(wordle)}, hangman {len(hangman)}, "
        f"ladder {[len(ladder[n]) for n in LENGTHS]}; files {sizes}; {time.time() - start:.0f}s"
    )


if __name__ == "__main__":
    main()
