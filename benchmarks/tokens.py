"""Billed input tokens per sequence, per env, next to an "information floor".

Not a test: nothing asserts. Each turn an LLM agent resends the whole conversation, so what a
user pays for is the sum over turns of the context sent (system message + every message so far).
For the fixed action streams of ``run.py`` (the scripted ``memoryless`` agent's replies, seeds
0-19, first latent, ``no_info``/``standard``, N = 10; recorded once in ``benchmarks/out/``), this
prints per env:

- ``billed/seq``: billed input tokens per sequence, ``sum over turns of tokens(context)``, where a
  turn's context is the system message, the first user message and every (reply, observation)
  pair before that turn. Message texts only: no chat-template overhead (a few tokens per message,
  the same for every wording);
- ``floor/seq``: the same sum for the same turns and replies with every observation stated in its
  information content (:func:`floor_observation`; the system message is kept as written);
- ``x floor``: the ratio of the two;
- ``tok/turn``: billed input per turn (the mean context); hangman's figure to compare, because its
  cap rule, and so its number of turns, differs from the original's;
- ``system``: tokens of the system message (resent every turn, identical in both columns);
- ``vs before`` and ``est. vs orig``: ratios to :data:`BEFORE`, this script's figures measured
  before the wording rewrite, and to the original's figure derived from them
  (``BEFORE / the side-by-side ratio``; an estimate, see :data:`ORIGINAL_RATIOS`).

Tokenizer: OpenAI's ``o200k_base`` through ``tiktoken``, with the encoding file LiteLLM ships in
its wheel (``litellm/litellm_core_utils/tokenizers``; no download). Without tiktoken or that file
the script says so and falls back to ``ceil(characters / 4)``, clearly labelled.

Usage: ``python benchmarks/tokens.py [--envs ...] [--seeds 20] [--show ENV]``
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams import CACHE, bench_environment, recorded, stream_path

from latentgym.envs import list_envs
from latentgym.envs.sequence import END_RE, HEADER_RE

O200K_FILE = "fb374d419588a4632f3f557e76b4b70aebbca790"
"""tiktoken's cache name for o200k_base (sha1 of its download URL), as LiteLLM ships it."""

BEFORE = {
    # env: billed input tokens per sequence, o200k, this script's workload, measured at commit
    # 3c338ab (before the wording rewrite), 2026-12-01.
    "number_guessing": 75_201,
    "wordle": 17_388,
    "hangman": 53_702,
    "wordladder": 12_919,
    "mastermind": 32_949,
    "bandits": 291_967,
    "secretary": 71_844,
}
ORIGINAL_RATIOS = {
    # Ours / original billed input tokens per sequence, o200k, as measured side by side with the original (same configs
    # and actions, measured before the rewrite). The original's absolute figures are not available
    # here: "est. vs orig" divides by BEFORE / ratio, which assumes that workload gave the
    # same ratio as this one. Hangman has no such ratio (its cap rule differs).
    "number_guessing": 0.90,
    "secretary": 0.96,
    "mastermind": 0.79,
    "wordladder": 0.72,
    "wordle": 0.62,
    "bandits": 0.60,
}


def tokenizer() -> tuple[Callable[[str], int], str]:
    """(count function, label): o200k_base when it can be loaded offline, else chars / 4."""
    try:
        import tiktoken

        spec = importlib.util.find_spec("litellm")  # located, not imported (importing it takes seconds)
        folder = Path(spec.origin).parent / "litellm_core_utils" / "tokenizers" if spec and spec.origin else None
        if folder is not None and (folder / O200K_FILE).is_file():
            os.environ["TIKTOKEN_CACHE_DIR"] = str(folder)
            encoding = tiktoken.get_encoding("o200k_base")
            return (lambda text: len(encoding.encode(text, disallowed_special=()))), "o200k_base (tiktoken)"
    except ImportError:
        pass
    return (lambda text: math.ceil(len(text) / 4)), "APPROXIMATION: ceil(chars / 4), no o200k tokenizer found"


def compact(value: Any) -> str:
    """A value in as few characters as JSON allows (floats at the 4 digits the envs show)."""
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return ",".join(compact(v) for v in value)
    if isinstance(value, dict):
        return ",".join(f"{k}={compact(v)}" for k, v in value.items())
    return json.dumps(value)


_ESSENTIAL_RE = re.compile(r"\d+:\d+(?:\.\d+)?|\S:\S|\d+(?:\.\d+)?|\b[A-Z]{2,}\b")
_REVEAL_KEYS = ("target_number", "target_word", "secret_code", "best_button", "max_value")


def essentials(text: str) -> str:
    """The data in a game's opening: numbers, words in capitals, board cells (``0:_``), position:value pairs."""
    return " ".join(_ESSENTIAL_RE.findall(text))


def floor_observation(step: Any, observation: str) -> str:
    """One observation stated in its information content.

    - the step reply: the structured ``result`` of the game's step, compactly (``lower``,
      ``XXXGX``, ``0,4``, ``pull,red,1``); ``invalid`` for an invalid reply;
    - at a game's end: ``score=<s>``, plus the secret when the text reveals it (an info value
      under a target/secret key that the observation states);
    - when the next game starts: ``G<k>:`` and the essentials of its opening (numbers, words in
      capitals, board cells).
    """
    game = step.step
    parts = [compact(game.result) if game.valid else "invalid"]
    end = END_RE.search(observation)
    if end:
        parts.append(f"score={end.group(2)}")
        lowered = observation.lower()
        for key in _REVEAL_KEYS:
            value = (game.info or {}).get(key)
            if value is not None and compact(value).lower().replace(",", " ") in lowered.replace(",", " "):
                parts.append(f"{key.split('_')[0]}={compact(value)}")
                break
    head = HEADER_RE.search(observation)
    if head:
        parts.append(f"G{head.group(1)}: {essentials(observation[head.end() :])}")
    return " ".join(parts)


def floor_opening(user: str) -> str:
    head = HEADER_RE.search(user)
    return f"G1/{head.group(2)}: {essentials(user[head.end() :])}" if head else essentials(user)


@dataclass
class Tally:
    billed: int = 0
    floor: int = 0
    turns: int = 0
    system: int = 0


def measure(env: str, seeds: range, count: Callable[[str], int]) -> Tally:
    """Totals over the recorded streams of ``env`` (divide by the number of sequences)."""
    environment = bench_environment(env)
    tally = Tally()
    for seed, actions in recorded(env, seeds):
        seq = environment.make(seed)
        opening = seq.start()
        system = count(opening.system)
        context = system + count(opening.user)
        floor_context = system + count(floor_opening(opening.user))
        tally.system += system
        for reply in actions:
            tally.billed += context  # the model call that produced ``reply``
            tally.floor += floor_context
            tally.turns += 1
            out = seq.step(reply)
            reply_tokens = count(reply)
            context += reply_tokens + count(out.observation)
            floor_context += reply_tokens + count(floor_observation(out, out.observation))
            if out.done or out.truncated:
                break
    return tally


def show(env: str, seeds: range) -> None:
    """Print one sequence as sent and as the floor states it."""
    environment = bench_environment(env)
    seed, actions = recorded(env, seeds)[0]
    seq = environment.make(seed)
    opening = seq.start()
    print(f"system: {opening.system}\nuser:   {opening.user!r}\nfloor:  {floor_opening(opening.user)!r}")
    for reply in actions:
        out = seq.step(reply)
        print(f"reply:  {reply}\nuser:   {out.observation!r}\nfloor:  {floor_observation(out, out.observation)!r}")
        if out.done or out.truncated:
            break


def ratio(ours: float, other: float | None) -> str:
    return f"{ours / other:.2f}x" if other else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--envs", nargs="*", default=list_envs())
    parser.add_argument("--seeds", type=int, default=20, help="sequences per env (recorded streams 0..seeds-1)")
    parser.add_argument("--show", metavar="ENV", help="print one sequence of ENV as sent and as the floor")
    args = parser.parse_args()
    seeds = range(args.seeds)
    if args.show:
        show(args.show, seeds)
        return
    count, label = tokenizer()
    print(
        f"tokenizer: {label}; workload: memoryless streams, seeds 0-{args.seeds - 1}, first latent, "
        f"no_info/standard, N=10"
    )
    print(
        f"{'env':16} {'billed/seq':>10} {'floor/seq':>9} {'x floor':>7} {'tok/turn':>8} {'turns/seq':>9} "
        f"{'system':>6} {'vs before':>9} {'est. vs orig':>12}"
    )
    for env in args.envs:
        fresh = not stream_path(env, seeds).exists()
        if fresh:
            print(
                f"{env}: no recorded streams in {CACHE}: recording them with today's policy, so 'vs before' is not shown"
            )
        t = measure(env, seeds, count)
        sequences = args.seeds
        billed = t.billed / sequences
        before = BEFORE.get(env) if args.seeds == 20 and label.startswith("o200k") and not fresh else None
        original = before / ORIGINAL_RATIOS[env] if before and env in ORIGINAL_RATIOS else None
        print(
            f"{env:16} {billed:10.0f} {t.floor / sequences:9.0f} {ratio(t.billed, t.floor):>7} "
            f"{t.billed / t.turns:8.0f} {t.turns / sequences:9.1f} {t.system / sequences:6.0f} "
            f"{ratio(billed, before):>9} {ratio(billed, original):>12}"
        )


if __name__ == "__main__":
    main()
