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
or moves searched, often to a space the budget covers whole. The adaptive player guesses the same
restrictions from its earlier chains in the sequence (a word recurring on them as a hub, the words
used so far as a vocabulary, a family or move kind every earlier chain follows) and falls back to
the unrestricted search whenever a guess leads nowhere.
"""

from __future__ import annotations

import heapq
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ...envs.wordladder.graph import LadderGraph
from ...envs.wordladder.latents import graph
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


def chains(view: TranscriptView) -> list[list[str]]:
    """Earlier games' ladders: the optimal path when the feedback shows one, else the agent's own
    chain with its backtracks cut out (only solved games)."""
    out = []
    for ep in view.previous_same_env:
        shown = PATH_RE.search(ep.feedback or "")
        if shown:
            out.append(_words(shown.group(1)))
            continue
        chain = _chain(ep)
        if len(chain) > 1 and chain[-1] == goal(ep)[1]:
            out.append(_cut_loops(chain))
    return out


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
    prefer: frozenset[str] = frozenset(),
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

    def score(path: Key) -> tuple[int, int, int, float]:
        word = path[-1]
        h = _hamming(word, goal_word)
        return (len(path) - len(start) + h, h, -sum(w in prefer for w in path[len(start) :]), tie(word))

    heap: list[tuple[tuple[int, int, int, float], int, Key]] = []
    counter = 0
    closed: set[str] = set()
    best: tuple[tuple[int, int, int, float], Key] | None = None
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
    prefer: frozenset[str] = frozenset(),
) -> str:
    """One turn of the bounded player: towards ``via`` first when it is given and not yet on the
    chain, searching only what ``check`` allows (a ``strict`` restriction is kept while it allows
    any move; a loose one only while its search reaches the goal), stepping back when stuck."""
    current = chain[-1]
    g = _ladder(current)
    if g is None or current not in g.index or target not in g.index:
        return f"[{target}]"
    if via is not None and via != target and via in g.index and via not in chain:
        plan = search(g, chain, via, rng, budget=PLAN_BUDGET, prefer=prefer)
        if plan is not None and (plan.reached or strict):
            return f"[{plan.move}]"
    if check is not None:
        plan = search(g, chain, target, rng, check=check, budget=PLAN_BUDGET, prefer=prefer)
        direct = plan is not None and plan.reached and plan.length <= _hamming(current, target) + SLACK
        if plan is not None and (direct or strict):
            return f"[{plan.move}]"
    effort = BUDGET << min(len(chain) - 1, 8)  # a player who is still not there thinks harder
    plan = search(g, chain, target, rng, budget=effort, prefer=prefer)
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


def _move_check(prop: Callable[[Sequence[str]], bool]) -> Check:
    return prop


def path_check(latent_id: str, target: str) -> Check | None:
    prop = PATH_PROPERTIES.get(latent_id)
    if prop is None:
        return None
    return _family_check(prop, target) if latent_id.startswith("family_") else _move_check(prop)


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


def inferred_hub(earlier: list[list[str]], chain: Sequence[str], target: str) -> str | None:
    """A word in the middle of at least two earlier ladders (of the most, the one fewest letters
    off the way from the current word to the target); None before two ladders share one."""
    counts: Counter[str] = Counter()
    for ladder in earlier:
        counts.update(set(ladder[1:-1]))
    if not counts:
        return None
    top = max(counts.values())
    if top < 2:
        return None
    current = chain[-1]
    cands = [w for w, c in counts.items() if c == top and len(w) == len(current) and w not in (current, target)]
    if not cands:
        return None
    hub = min(cands, key=lambda w: (_hamming(current, w) + _hamming(w, target), w))
    return hub if _hamming(current, hub) + _hamming(hub, target) <= _hamming(current, target) + 2 else None


def inferred_properties(earlier: list[list[str]]) -> list[str]:
    """Path properties every earlier ladder has (each with at least two intermediate words for a
    family), most specific first (families, then move kinds, then orders)."""
    usable = [ladder for ladder in earlier if len(ladder) >= 3]
    if not usable:
        return []
    out = []
    for latent_id, prop in PATH_PROPERTIES.items():
        fits = [p for p in usable if not latent_id.startswith("family_") or len(p) >= 4]
        if fits and all(prop(p) for p in fits):
            out.append(latent_id)
    rank = {"family": 0, "subs": 1, "order": 2}
    return sorted(out, key=lambda k: rank[k.split("_")[0]])  # stable: catalogue order within a rank


def adaptive(view: TranscriptView, rng: random.Random, secret: Secret | None) -> str:
    _, target = goal(view.current)
    chain = _chain(view.current)
    earlier = chains(view)
    seen = frozenset(w for ladder in earlier for w in ladder)
    hub = inferred_hub(earlier, chain, target)
    if hub is not None:
        return next_move(chain, target, rng, via=hub, strict=False, prefer=seen)
    props = inferred_properties(earlier)
    if props and len(earlier) >= 2:
        return next_move(chain, target, rng, check=path_check(props[0], target), strict=False, prefer=seen)
    if len(seen) >= 8:
        return next_move(chain, target, rng, check=vocabulary_check(seen, target), strict=False, prefer=seen)
    return next_move(chain, target, rng, prefer=seen)


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
