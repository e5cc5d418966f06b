"""Scripted word-ladder policies: random rungs, a bounded-search player, the same player with what it
infers from earlier games, and the oracle (the same player handed the latent).

The single-task player does not plan the whole ladder: each turn it runs a best-first search from
the current word towards its goal, scored by the letters still wrong (Hamming distance), that may
expand only ``BUDGET`` words; when the goal is inside that horizon it follows the path found,
otherwise it moves towards the most promising word it saw. It never steps onto a word already on
its chain, and steps back along the chain when every way forward is used up. In the full ladder
graph (tens of neighbours per word) the horizon is a move or two, so ladders that need a detour
(a letter changed away from the target) cost it extra moves.

The latent shrinks the search, so the same effort reaches further: a known hub splits the game
into two short legs (start -> hub -> target); a known vocabulary or path family restricts the words
or moves searched, often to a space the budget covers whole.

The adaptive player infers the latent as the other word games' adaptive players do: a posterior
over the catalogue's hypotheses (each hub of a hub latent, each vocabulary of a vocabulary latent,
each filter latent) from what earlier games revealed, the (start, target) pairs of their openings
(and the optimal paths when the feedback shows them, and the group a full_info hint names). A pair
is drawn uniformly from a hypothesis's pairs, so one whose few pairs hold every revealed pair soon
dominates. With no earlier game, or no hypothesis holding half the posterior, it plays as the
memoryless player; otherwise it plans as the oracle does with the most probable hypothesis, keeping
to it only while its plan reaches its goal (hub or target) unless it is all but certain (a wrong
restriction kept to would walk a long way round).
"""

from __future__ import annotations

import heapq
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ...envs._words import ladder_data
from ...envs.wordladder.graph import LadderGraph
from ...envs.wordladder.latents import HINTS, graph
from ...envs.wordladder.properties import PATH_PROPERTIES
from ..transcript import EpisodeView, TranscriptView
from . import Secret

GOAL_RE = re.compile(r"^([A-Z]+) to ([A-Z]+)\.", re.MULTILINE)
CHAIN_RE = re.compile(r"^(?:Solved: )?([A-Z]+(?: > [A-Z]+)+)")
PATH_RE = re.compile(r"Optimal path \(\d+ steps\): ([A-Z >]+)")

BUDGET = 1
"""Words one turn's search may expand in the full ladder graph at the first move (about a move
ahead); it doubles with every move made in the game, so a player still not there thinks harder."""

PLAN_BUDGET = 400
"""Words a search may expand inside a restricted space (a vocabulary, a family, a leg to a known hub):
a short list can be planned through whole."""

SLACK = 2
"""Extra moves over the letters still wrong that a guessed restriction's plan may take to be followed."""

Key = tuple[str, ...]
Check = Callable[[Key], bool]
"""A restriction on a path prefix (start .. newest word): False forbids the prefix."""


def position(episode: EpisodeView) -> tuple[str, str]:
    return _chain(episode)[-1], goal(episode)[1]


def goal(episode: EpisodeView) -> tuple[str, str]:
    m = GOAL_RE.search(episode.opening)
    return (m.group(1).lower(), m.group(2).lower()) if m else ("", "")


def _chain(episode: EpisodeView) -> list[str]:
    """The game's chain so far (start first), from the last valid move's reply."""
    chain: list[str] = []
    for _, reply in episode.turns:
        c = CHAIN_RE.search(reply)
        if c:
            chain = _words(c.group(1))
    return chain or [goal(episode)[0]]


def _words(text: str) -> list[str]:
    return [w.strip().lower() for w in text.split(">") if w.strip()]


def _cut_loops(chain: Sequence[str]) -> list[str]:
    out: list[str] = []
    for w in chain:
        if w in out:
            del out[out.index(w) + 1 :]
        else:
            out.append(w)
    return out


def _stack(chain: Sequence[str]) -> list[str]:
    """The chain with backtracks popped: stepping back onto the word before the last is a retreat."""
    stack: list[str] = []
    for w in chain:
        if len(stack) >= 2 and stack[-2] == w:
            stack.pop()
        else:
            stack.append(w)
    return stack


def _ladder(word: str) -> LadderGraph | None:
    return graph(len(word)) if len(word) in (3, 4, 5) else None


def _hamming(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b))


@dataclass(frozen=True)
class Plan:
    """The search's advice: the next word, and whether the goal was inside the horizon."""

    move: str
    reached: bool
    length: int = 0


def search(
    g: LadderGraph,
    chain: Sequence[str],
    goal_word: str,
    rng: random.Random,
    *,
    check: Check | None = None,
    budget: int | None = None,
) -> Plan | None:
    """Best-first search from the chain's last word towards ``goal_word``, expanding at most
    ``budget`` words, never through words already on the chain; None when no move is allowed."""
    budget = BUDGET if budget is None else budget
    current = chain[-1]
    used = set(chain)
    start: Key = tuple(_cut_loops(chain))
    ties: dict[str, float] = {}

    def tie(word: str) -> float:
        if word not in ties:
            ties[word] = rng.random()
        return ties[word]

    def score(path: Key) -> tuple[int, int, float]:
        word = path[-1]
        h = _hamming(word, goal_word)
        return (len(path) - len(start) + h, h, tie(word))

    heap: list[tuple[tuple[int, int, float], int, Key]] = []
    counter = 0
    closed: set[str] = set()
    best: tuple[tuple[int, int, float], Key] | None = None
    for j in g.adjacency[g.index[current]]:
        word = g.words[j]
        path = (*start, word)
        if word in used or (check is not None and not check(path)):
            continue
        if word == goal_word:
            return Plan(word, True, 1)
        heapq.heappush(heap, (score(path), counter, path))
        counter += 1
    expanded = 0
    while heap and expanded < budget:
        s, _, path = heapq.heappop(heap)
        word = path[-1]
        if word in closed:
            continue
        closed.add(word)
        expanded += 1
        if best is None or (s[1], s[0], s[2:]) < (best[0][1], best[0][0], best[0][2:]):
            best = (s, path)
        for j in g.adjacency[g.index[word]]:
            nxt = g.words[j]
            if nxt in used or nxt in closed or nxt in path:
                continue
            longer = (*path, nxt)
            if check is not None and not check(longer):
                continue
            if nxt == goal_word:
                return Plan(longer[len(start)], True, len(longer) - len(start))
            heapq.heappush(heap, (score(longer), counter, longer))
            counter += 1
    if best is None:
        return None
    return Plan(best[1][len(start)], False)


def next_move(
    chain: Sequence[str],
    target: str,
    rng: random.Random,
    *,
    via: str | None = None,
    check: Check | None = None,
    strict: bool = True,
) -> str:
    """One turn of the bounded player: towards ``via`` first when it is given and not yet on the
    chain, searching only what ``check`` allows (a ``strict`` restriction is kept while it allows
    any move; a loose one only while its search reaches the goal), stepping back when stuck."""
    current = chain[-1]
    g = _ladder(current)
    if g is None or current not in g.index or target not in g.index:
        return f"[{target}]"
    if via is not None and via != target and via in g.index and via not in chain:
        plan = search(g, chain, via, rng, budget=PLAN_BUDGET)
        if plan is not None and (plan.reached or strict):
            return f"[{plan.move}]"
    if check is not None:
        plan = search(g, chain, target, rng, check=check, budget=PLAN_BUDGET)
        direct = plan is not None and plan.reached and plan.length <= _hamming(current, target) + SLACK
        if plan is not None and (direct or strict):
            return f"[{plan.move}]"
    effort = BUDGET << min(len(chain) - 1, 8)  # a player who is still not there thinks harder
    plan = search(g, chain, target, rng, budget=effort)
    if plan is not None:
        return f"[{plan.move}]"
    stack = _stack(chain)
    if len(stack) >= 2:
        return f"[{stack[-2]}]"  # a dead end: step back
    neighbours = g.adjacency[g.index[current]]
    return f"[{g.words[neighbours[0]]}]" if neighbours else f"[{target}]"


def _family_check(prop: Callable[[Sequence[str]], bool], target: str) -> Check:
    """Intermediate words must have the family's property (the target is exempt)."""
    return lambda path: prop(path) if path[-1] == target else prop((*path, target))


def path_check(latent_id: str, target: str) -> Check | None:
    prop = PATH_PROPERTIES.get(latent_id)
    if prop is None:
        return None
    return _family_check(prop, target) if latent_id.startswith("family_") else prop


def vocabulary_check(words: Iterable[str], target: str) -> Check:
    allowed = frozenset(words) | {target}
    return lambda path: path[-1] in allowed


def random_policy(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    current, _ = position(view.current)
    g = _ladder(current)
    if g is None or current not in g.index or not g.adjacency[g.index[current]]:
        return f"[{current}]"
    return f"[{g.words[rng.choice(g.adjacency[g.index[current]])]}]"


def memoryless(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    _, target = goal(view.current)
    return next_move(_chain(view.current), target, rng)


CONFIDENCE = 0.5
"""Posterior share the most probable hypothesis needs before the adaptive player plans with it."""

SURE = 0.95
"""Posterior share above which the adaptive player keeps to its hypothesis as the oracle keeps to the
latent; below it, it follows a restricted plan only while that plan reaches the target directly."""


@dataclass(frozen=True)
class Hypothesis:
    """One way the catalogue could have drawn the sequence: a hub latent's hub (``kind`` "hub",
    ``key`` the hub word), a vocabulary latent's vocabulary ("vocab", its words in ``vocabulary``) or
    a filter latent ("filter", the latent id); ``pairs`` are the (start, target) pairs it draws
    from, as ``s * len(words) + t`` over the ladder graph's word indices."""

    kind: str
    key: str
    group: str
    pairs: frozenset[int] = field(repr=False)
    vocabulary: frozenset[str] = field(default=frozenset(), repr=False)


@cache
def hypotheses(length: int) -> tuple[Hypothesis, ...]:
    """Every hypothesis of the catalogue for ``length``-letter games (built once per length)."""
    data = ladder_data()
    g = graph(length)
    size = len(g.words)
    out = [
        Hypothesis("hub", h, "hub", frozenset(s * size + t for s, t in pairs))
        for h, pairs in sorted(data["hubs"].get(str(length), {}).items())
    ]
    out += [
        Hypothesis(
            "vocab",
            str(i),
            "vocab",
            frozenset(g.index[a] * size + g.index[b] for a, b in pairs),
            frozenset(words),
        )
        for i, (words, pairs) in enumerate(data["vocabularies"].get(str(length), []))
    ]
    out += [
        Hypothesis("filter", lid, lid.split("_")[0], frozenset(s * size + t for s, t in e["pairs"]))
        for lid, e in data["filters"].items()
        if e["length"] == length and e["pairs"]
    ]
    return tuple(out)


@cache
def priors(length: int, n: int) -> tuple[tuple[Hypothesis, float], ...]:
    """The prior of each hypothesis for sequences of ``n`` games, as the catalogue draws them: a
    latent uniformly among those of the word length, then a hub or vocabulary uniformly among the
    latent's eligible ones (those with at least ``n`` pairs)."""
    eligible = [h for h in hypotheses(length) if h.kind == "filter" or len(h.pairs) >= n]
    per_kind = {kind: sum(h.kind == kind for h in eligible) for kind in ("hub", "vocab")}
    latents = sum(h.kind == "filter" for h in eligible) + sum(1 for count in per_kind.values() if count)
    return tuple((h, 1 / latents / per_kind.get(h.kind, 1)) for h in eligible)


def _fits_path(h: Hypothesis, path: Sequence[str]) -> bool:
    """A shown optimal path passes through the hub, or stays inside the vocabulary."""
    if h.kind == "hub":
        return h.key in path
    if h.kind == "vocab":
        return all(w in h.vocabulary for w in path)
    return True


@lru_cache(maxsize=4096)
def posterior(
    pairs: tuple[tuple[str, str], ...], paths: tuple[tuple[str, ...], ...], n: int, group: str
) -> tuple[tuple[Hypothesis, float], ...]:
    """Hypotheses consistent with the earlier games' (start, target) pairs, the optimal paths the
    feedback showed and the group a hint names, most probable first, with their posterior shares
    (each pair drawn uniformly without replacement from the hypothesis's pairs)."""
    if not pairs:
        return ()
    g = _ladder(pairs[0][0])
    if g is None or any(a not in g.index or b not in g.index for a, b in pairs):
        return ()
    size = len(g.words)
    keys = [g.index[a] * size + g.index[b] for a, b in pairs]
    scored = []
    for h, weight in priors(len(pairs[0][0]), n):
        if (group and h.group != group) or not all(k in h.pairs for k in keys):
            continue
        if not all(_fits_path(h, p) for p in paths):
            continue
        for i in range(len(keys)):
            weight /= max(1, len(h.pairs) - i)
        scored.append((h, weight))
    total = sum(w for _, w in scored)
    scored.sort(key=lambda hw: (-hw[1], hw[0].kind, hw[0].key))
    return tuple((h, w / total) for h, w in scored)


def hinted_group(system: str) -> str:
    """The latent group a full_info hint names in the system prompt ('' when none does)."""
    return next((group for group, hint in HINTS.items() if hint in system), "")


def revealed(view: TranscriptView) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, ...], ...]]:
    """The earlier games' (start, target) pairs, and the optimal paths their feedback showed."""
    earlier = view.previous_same_env
    shown = (PATH_RE.search(ep.feedback or "") for ep in earlier)
    return tuple(goal(ep) for ep in earlier), tuple(tuple(_words(m.group(1))) for m in shown if m)


PLAUSIBLE = 0.1
"""Posterior share a hub needs to be weighed as the way through a game."""


def likely_hub(ranked: Sequence[tuple[Hypothesis, float]], start: str, target: str) -> tuple[Hypothesis, float]:
    """Of the plausible hubs, the one fewest letters off the way from ``start`` to ``target`` (the
    more probable on a tie): earlier pairs often leave two neighbouring hubs both possible."""
    hubs = [(h, p) for h, p in ranked if h.kind == "hub" and p >= PLAUSIBLE]
    return min(hubs, key=lambda hp: (_hamming(start, hp[0].key) + _hamming(hp[0].key, target), -hp[1]))


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    """The memoryless player until the earlier games single out one hypothesis with posterior share
    :data:`CONFIDENCE`; then the oracle's plan for it (kept to only while it reaches the target
    directly, unless the share is :data:`SURE`)."""
    _, target = goal(view.current)
    chain = _chain(view.current)
    pairs, paths = revealed(view)
    ranked = posterior(pairs, paths, view.num_episodes, hinted_group(view.system))
    if not ranked or ranked[0][1] < CONFIDENCE or len(target) != len(pairs[0][0]):
        return next_move(chain, target, rng)
    h, share = ranked[0]
    if h.kind == "hub":
        h, share = likely_hub(ranked, chain[0], target)
    strict = share >= SURE
    if h.kind == "hub":
        return next_move(chain, target, rng, via=h.key, strict=strict)
    check = vocabulary_check(h.vocabulary, target) if h.kind == "vocab" else path_check(h.key, target)
    return next_move(chain, target, rng, check=check, strict=strict)


def oracle(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    _, target = goal(view.current)
    chain = _chain(view.current)
    context = secret.context if secret else {}
    latent_id = secret.latent_id if secret else ""
    if context.get("hub_word"):
        return next_move(chain, target, rng, via=str(context["hub_word"]))
    if context.get("vocabulary"):
        return next_move(chain, target, rng, check=vocabulary_check(context["vocabulary"], target))
    return next_move(chain, target, rng, check=path_check(latent_id, target))


POLICIES = {"random": random_policy, "memoryless": memoryless, "adaptive": adaptive, "oracle": oracle}
