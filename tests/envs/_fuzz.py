"""Random and adversarial agent texts for engine fuzzing."""

from __future__ import annotations

import random

FIXED = [
    "",
    " ",
    "[]",
    "[ ]",
    "[[crane]]",
    "[" * 500,
    "]" * 500,
    "[a]" * 300,
    "x" * 100_000,
    "[" + "a" * 10_000 + "]",
    "```\n[crane]\n```",
    "ünïcödé [çrane] 🙂",
    "[CRANE]",
    "[c r a n e]",
    "[12345]",
    "[_____]",
    "[E]",
    "[e][t][a]",
    "\x00[a]\x00",
    "[cold][cord][card]",
    "[\n]",
]


def texts(rng: random.Random, words: list[str], n: int) -> list[str]:
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDE[] _0123456789\n`é🙂"
    out = list(FIXED)
    while len(out) < n:
        kind = rng.randrange(4)
        if kind == 0:
            out.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(40))))
        elif kind == 1:
            out.append(f"[{rng.choice(words)}]")
        elif kind == 2:
            out.append(" ".join(f"[{rng.choice(words)}]" for _ in range(rng.randrange(1, 5))))
        else:
            out.append(f"I think... ```[{rng.choice(words)}]``` so [{rng.choice(words)[: rng.randrange(1, 6)]}]")
    return out
