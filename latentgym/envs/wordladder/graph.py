"""The ladder graph: words of one length joined when they differ in exactly one position.

Everything here is deterministic and independent of hash seeds: neighbours are listed by position,
then alphabetically, BFS keeps each node's parents in discovery order, and paths are enumerated by
backtracking from the target through those parents in order (the canonical path order).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from string import ascii_lowercase


def differs_by_one(a: str, b: str) -> bool:
    """True when the words have the same length and differ in exactly one position."""
    if len(a) != len(b):
        return False
    diff = 0
    for x, y in zip(a, b):
        if x != y:
            diff += 1
            if diff > 1:
                return False
    return diff == 1


@dataclass(frozen=True)
class Bfs:
    """Single-source BFS result: distances and parents (discovery order) by node index."""

    source: int
    dist: tuple[int, ...]
    parents: tuple[tuple[int, ...], ...]


@dataclass
class LadderGraph:
    """An undirected ladder graph over a sorted word list of one length."""

    words: tuple[str, ...]
    adjacency: tuple[tuple[int, ...], ...] = field(init=False)
    index: dict[str, int] = field(init=False)
    _bfs: dict[int, Bfs] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.words = tuple(sorted(set(self.words)))
        self.index = {w: i for i, w in enumerate(self.words)}
        adjacency = []
        for word in self.words:
            row = []
            for pos in range(len(word)):
                for letter in ascii_lowercase:
                    if letter == word[pos]:
                        continue
                    j = self.index.get(word[:pos] + letter + word[pos + 1 :])
                    if j is not None:
                        row.append(j)
            adjacency.append(tuple(row))
        self.adjacency = tuple(adjacency)

    def degree(self, word: str) -> int:
        return len(self.adjacency[self.index[word]])

    def bfs(self, source: int) -> Bfs:
        """BFS from ``source`` (cached per process)."""
        cached = self._bfs.get(source)
        if cached is not None:
            return cached
        n = len(self.words)
        dist = [-1] * n
        parents: list[list[int]] = [[] for _ in range(n)]
        dist[source] = 0
        queue = deque([source])
        adjacency = self.adjacency
        while queue:
            u = queue.popleft()
            du = dist[u] + 1
            for v in adjacency[u]:
                if dist[v] < 0:
                    dist[v] = du
                    parents[v].append(u)
                    queue.append(v)
                elif dist[v] == du:
                    parents[v].append(u)
        result = Bfs(source, tuple(dist), tuple(tuple(p) for p in parents))
        self._bfs[source] = result
        return result

    def distance(self, a: str, b: str) -> int:
        """BFS distance, or -1 when unreachable."""
        return self.bfs(self.index[a]).dist[self.index[b]]

    def paths(self, a: str, b: str) -> Iterator[list[str]]:
        """Shortest paths a -> b in canonical order (backtracked from b via ordered parents)."""
        tree = self.bfs(self.index[a])
        target = self.index[b]
        if tree.dist[target] < 0:
            return
        words = self.words

        def walk(node: int) -> Iterator[list[int]]:
            if node == tree.source:
                yield [node]
                return
            for parent in tree.parents[node]:
                for head in walk(parent):
                    yield head + [node]

        for path in walk(target):
            yield [words[i] for i in path]

    def shortest_path(self, a: str, b: str) -> list[str]:
        """The first shortest path in canonical order (empty when unreachable)."""
        return next(self.paths(a, b), [])


def first_paths(graph: LadderGraph, a: str, b: str, k: int) -> list[list[str]]:
    """The first ``k`` shortest paths in canonical order."""
    out = []
    for path in graph.paths(a, b):
        out.append(path)
        if len(out) >= k:
            break
    return out


def path_through(graph: LadderGraph, a: str, hub: str, b: str) -> list[str]:
    """Shortest a -> hub followed by shortest hub -> b, with the hub once."""
    return graph.shortest_path(a, hub) + graph.shortest_path(hub, b)[1:]


def words_of(paths: Sequence[Sequence[str]]) -> set[str]:
    return {w for p in paths for w in p}
