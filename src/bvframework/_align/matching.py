"""A maximum-weight matching of a small bipartite graph, exactly (``align``'s 1:1 stage).

The Hungarian algorithm (shortest augmenting paths with potentials, O(n^2 m)) on the
component's weights, where a pair that is not an edge counts 0: the assignment that
maximises the total then uses only edges (all weights are positive) and leaves the rest
unmatched. ``align``'s components are small (a few nodes; tens where titles repeat), so
this is a few thousand steps, without importing a graph library (networkx's general
matching cost 24 MB of memory to import, a tenth of a 50,000-item align's peak).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["max_weight_matching"]


def max_weight_matching(edges: Sequence[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The pairs ``(a, b)`` of a matching of the bipartite graph of ``edges`` (``a`` on
    one side, ``b`` on the other, positive weights) whose total weight is the largest.

    >>> max_weight_matching([(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.7)])
    [(0, 1), (1, 0)]
    >>> max_weight_matching([(0, 0, 0.9), (0, 1, 0.2), (1, 0, 0.2)])
    [(0, 0)]
    """
    lefts = list(dict.fromkeys(a for a, _, _ in edges))
    rights = list(dict.fromkeys(b for _, b, _ in edges))
    flip = len(lefts) > len(rights)  # rows: the smaller side
    rows, cols = (rights, lefts) if flip else (lefts, rights)
    row_at = {x: k for k, x in enumerate(rows)}
    col_at = {x: k for k, x in enumerate(cols)}
    cost = [[0.0] * len(cols) for _ in rows]
    for a, b, w in edges:
        r, c = (row_at[b], col_at[a]) if flip else (row_at[a], col_at[b])
        cost[r][c] = -w
    found = []
    for r, c in enumerate(_assignment(cost)):
        if cost[r][c] < 0:
            a, b = (cols[c], rows[r]) if flip else (rows[r], cols[c])
            found.append((a, b))
    return sorted(found)


def _assignment(cost: list[list[float]]) -> list[int]:
    """For each row, its column in a minimum-cost assignment of every row (rows <= columns)."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)  # column -> its row (1-based; 0: none)
    for row in range(1, n + 1):
        owner[0], j0 = row, 0
        least, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            line, ui = cost[i0 - 1], u[i0]
            for j in range(1, m + 1):
                if not used[j]:
                    here = line[j - 1] - ui - v[j]
                    if here < least[j]:
                        least[j], way[j] = here, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:  # the augmenting path, back to the start
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    out = [0] * n
    for j in range(1, m + 1):
        if owner[j]:
            out[owner[j] - 1] = j - 1
    return out
