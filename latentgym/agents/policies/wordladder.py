"""Scripted word-ladder policies on the ladder graph: random rungs, BFS, BFS preferring words
seen in earlier games (ties between shortest paths only), and the oracle (the hub's route)."""

from __future__ import annotations

import random
import re

from ...envs.wordladder.latents import graph
from ..transcript import EpisodeView, TranscriptView
from . import Secret

GOAL_RE = re.compile(r"Turn ([A-Z]+) into ([A-Z]+)")
CHAIN_RE = re.compile(r"(?:OK|Solved in \d+ moves): ([A-Z >]+)")
PATH_RE = re.compile(r"Optimal path \(\d+ steps\): ([A-Z >]+)")


def position(episode: EpisodeView) -> tuple[str, str]:
    m = GOAL_RE.search(episode.opening)
    current, target = (m.group(1).lower(), m.group(2).lower()) if m else ("", "")
    for _, reply in episode.turns:
        c = CHAIN_RE.search(reply)
        if c:
            current = c.group(1).split(" > ")[-1].strip().lower()
    return current, target


def seen_words(view: TranscriptView) -> set[str]:
    out: set[str] = set()
    for ep in view.previous_same_env:
        for text in [*ep.replies, ep.feedback or ""]:
            for m in (CHAIN_RE.search(text), PATH_RE.search(text)):
                if m:
                    out.update(w.strip().lower() for w in m.group(1).split(">"))
    return out


def next_step(current: str, target: str, prefer: set[str] | None = None) -> str:
    g = graph(len(current)) if len(current) in (3, 4, 5) else None
    if g is None or current not in g.index or target not in g.index:
        return f"[{target}]"
    paths = g.paths(current, target)
    best = next(paths, None)
    if best is None or len(best) < 2:
        return f"[{target}]"
    if prefer:
        for i, path in enumerate(paths):
            if i >= 20:
                break
            if sum(w in prefer for w in path) > sum(w in prefer for w in best):
                best = path
    return f"[{best[1]}]"


def random_policy(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    current, _ = position(view.current)
    g = graph(len(current)) if len(current) in (3, 4, 5) else None
    if g is None or current not in g.index or not g.adjacency[g.index[current]]:
        return f"[{current}]"
    return f"[{g.words[rng.choice(g.adjacency[g.index[current]])]}]"


def memoryless(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return next_step(*position(view.current))


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    return next_step(*position(view.current), prefer=seen_words(view))


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    current, target = position(view.current)
    context = secret.context if secret else {}
    prefer = set(context.get("vocabulary") or []) | ({context["hub_word"]} if "hub_word" in context else set())
    return next_step(current, target, prefer=prefer or None)


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}
