"""Candidate structures of the wordladder latents, computed from the ladder graphs.

``scripts/build_word_data.py`` runs :func:`build_ladder_data` once and commits the result, since
the filter latents enumerate up to 20 shortest paths for every pair (about a minute); run time
only reads the committed file. Every function is deterministic: sorted inputs, canonical path
order, fixed string seeds, so the data never depends on hash seeds or process state.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import islice
from typing import Any

from .graph import LadderGraph
from .properties import PATH_PROPERTIES, min_distance

LENGTHS = (3, 4, 5)
MAX_DISTANCE = 6
PATHS_PER_PAIR = 20
HUB_CANDIDATES = 50
HUB_SAMPLE_STARTS = 100
HUB_SAMPLE_PAIRS = 500
HUB_PATHS_PER_PAIR = 5
VOCAB_OFFSETS = 200
VOCAB_SIZE = 40
VOCAB_SEEDS = 20
VOCAB_MIN_PAIRS = 5


def filter_survivors(graph: LadderGraph) -> dict[str, list[tuple[int, int]]]:
    """Per filter latent: directed pairs (s, t) at distance 2..6 (3..6 for family_*) for which
    one of the first 20 canonical shortest paths has the property, reverse duplicates dropped."""
    survivors: dict[str, list[tuple[int, int]]] = {k: [] for k in PATH_PROPERTIES}
    seen: dict[str, set[tuple[int, int]]] = {k: set() for k in PATH_PROPERTIES}
    words = graph.words
    for s in range(len(words)):
        dist = graph.bfs(s).dist
        for t in range(len(words)):
            d = dist[t]
            if d < 2 or d > MAX_DISTANCE:
                continue
            paths = list(islice(graph.paths(words[s], words[t]), PATHS_PER_PAIR))
            for latent_id, prop in PATH_PROPERTIES.items():
                if d < min_distance(latent_id) or (t, s) in seen[latent_id]:
                    continue
                if any(prop(p) for p in paths):
                    survivors[latent_id].append((s, t))
                    seen[latent_id].add((s, t))
    return survivors


def hub_candidates(graph: LadderGraph) -> list[str]:
    """The 50 words most often on the first 5 shortest paths of a fixed-seed sample of pairs."""
    words = graph.words
    rng = random.Random(f"latentgym|wordladder|hubs|{len(words[0])}")
    starts = sorted(rng.sample(range(len(words)), min(HUB_SAMPLE_STARTS, len(words))))
    pairs: list[tuple[int, int]] = []
    for s in starts:
        dist = graph.bfs(s).dist
        pairs.extend((s, t) for t in range(len(words)) if 3 <= dist[t] <= MAX_DISTANCE)
    if len(pairs) > HUB_SAMPLE_PAIRS:
        pairs = rng.sample(pairs, HUB_SAMPLE_PAIRS)
    counts: Counter[str] = Counter()
    for s, t in pairs:
        for path in islice(graph.paths(words[s], words[t]), HUB_PATHS_PER_PAIR):
            counts.update(path[1:-1])
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [w for w, _ in ranked[:HUB_CANDIDATES]]


def hub_pairs(graph: LadderGraph, hub: str) -> list[tuple[int, int]]:
    """Pairs s < t (neither the hub) with 3 <= d(s,t) <= 6 and d(s,h) + d(h,t) = d(s,t)."""
    h = graph.index[hub]
    to_hub = graph.bfs(h).dist
    out = []
    for s in range(len(graph.words)):
        if s == h or to_hub[s] < 0:
            continue
        dist = graph.bfs(s).dist
        for t in range(s + 1, len(graph.words)):
            d = dist[t]
            if t != h and 3 <= d <= MAX_DISTANCE and to_hub[s] + to_hub[t] == d:
                out.append((s, t))
    return out


def vocabularies(graph: LadderGraph) -> list[tuple[list[str], list[tuple[str, str]]]]:
    """Greedy 40-word vocabularies (one per offset, duplicates dropped) with their valid pairs."""
    words = graph.words
    by_degree = sorted(words, key=lambda w: (-graph.degree(w), w))[:VOCAB_SEEDS]
    out: list[tuple[list[str], list[tuple[str, str]]]] = []
    seen: set[tuple[str, ...]] = set()
    for offset in range(VOCAB_OFFSETS):
        start = random.Random(offset).choice(by_degree)
        chosen = {graph.index[start]}
        while len(chosen) < VOCAB_SIZE:
            links: Counter[int] = Counter()
            for u in chosen:
                links.update(v for v in graph.adjacency[u] if v not in chosen)
            if not links:
                break
            best = min(links, key=lambda v: (-links[v], words[v]))
            chosen.add(best)
        vocab = tuple(sorted(words[i] for i in chosen))
        if vocab in seen:
            continue
        seen.add(vocab)
        pairs = vocabulary_pairs(graph, vocab)
        if len(pairs) >= VOCAB_MIN_PAIRS:
            out.append((list(vocab), pairs))
    return out


def vocabulary_pairs(graph: LadderGraph, vocab: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs s < t of the vocabulary at full-graph distance 2..6 equal to the in-vocabulary one."""
    sub = LadderGraph(tuple(vocab))
    out = []
    for s in sub.words:
        for t in sub.words:
            if s < t:
                d = graph.distance(s, t)
                if 2 <= d <= MAX_DISTANCE and sub.distance(s, t) == d:
                    out.append((s, t))
    return out


def build_ladder_data(vocab: Mapping[int, Sequence[str]]) -> dict[str, Any]:
    """Everything the wordladder latents sample from, as JSON-able data."""
    graphs = {n: LadderGraph(tuple(vocab[n])) for n in LENGTHS}
    filters: dict[str, dict[str, Any]] = {}
    per_length = {n: filter_survivors(graphs[n]) for n in LENGTHS}
    for latent_id in PATH_PROPERTIES:
        counts = {n: len(per_length[n][latent_id]) for n in LENGTHS}
        best = max(LENGTHS, key=lambda n: (counts[n], -n))
        filters[latent_id] = {"length": best, "pairs": per_length[best][latent_id], "counts": counts}
    hubs = {}
    for n in LENGTHS:
        g = graphs[n]
        hubs[str(n)] = {h: hub_pairs(g, h) for h in hub_candidates(g)}
    vocabs = {str(n): vocabularies(graphs[n]) for n in LENGTHS}
    return {"filters": filters, "hubs": hubs, "vocabularies": vocabs}
