"""Disjoint sets (union-find) over integer nodes, deterministic representatives.

The representative of a set is always its smallest node, so labels do not depend on the
order in which edges are added; with nodes numbered by sorted record id this makes every
identifier derived from a set independent of input order.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building large structures.

    Linking a million records creates tens of millions of objects that all stay alive;
    each full collection walks all of them, which costs a large share of the run for
    nothing (these structures hold no reference cycles to free). Reference counting
    still frees everything as usual; the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class DisjointSets:
    """Union-find with path halving; ``find`` returns the smallest node of the set."""

    __slots__ = ("parent",)

    def __init__(self, size: int = 0) -> None:
        self.parent: list[int] = list(range(size))

    def add(self) -> int:
        """Add a singleton node and return its number."""
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, node: int) -> int:
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b``; ``True`` when they were apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if ra < rb:
            self.parent[rb] = ra
        else:
            self.parent[ra] = rb
        return True

    def labels(self) -> list[int]:
        """Representative (smallest member) of every node."""
        return [self.find(i) for i in range(len(self.parent))]
