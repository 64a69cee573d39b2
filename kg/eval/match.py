"""One-to-one matching: maximum bipartite matching (Kuhn's augmenting paths).

A maximum matching gives every score its best one-to-one reading: no gold
item is credited twice and no predicted item is used twice, and an early
greedy choice can never block a later pair. Ties are broken by list order,
so results are deterministic.

>>> sorted(max_matching([[0, 1], [0]], 2))
[(0, 1), (1, 0)]
"""

from __future__ import annotations

import sys


def max_matching(adj: list[list[int]], n_right: int) -> list[tuple[int, int]]:
    """Maximum matching of a bipartite graph.

    ``adj[i]`` lists the right-side nodes that left node ``i`` may pair with.
    Returns ``(left, right)`` pairs.
    """
    owner: list[int] = [-1] * n_right  # right node -> left node

    def augment(i: int, seen: list[bool]) -> bool:
        for j in adj[i]:
            if seen[j]:
                continue
            seen[j] = True
            if owner[j] == -1 or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    limit = sys.getrecursionlimit()
    if len(adj) + 100 > limit:
        sys.setrecursionlimit(len(adj) + 100)
    for i in range(len(adj)):
        if adj[i]:
            augment(i, [False] * n_right)
    return [(i, j) for j, i in enumerate(owner) if i != -1]
