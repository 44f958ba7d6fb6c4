"""align's exact 1:1 matching (``_align/matching.py``) against networkx's general
maximum-weight matching, and the order tie-break that makes ties not the solver's."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bvframework._align.align import order_bonus
from bvframework._align.matching import max_weight_matching

Edge = tuple[int, int, float]


def networkx_matching(edges: list[Edge]) -> list[tuple[int, int]]:
    graph = nx.Graph()
    graph.add_weighted_edges_from((a, -1 - b, w) for a, b, w in edges)
    return sorted((a, -1 - b) if a >= 0 else (b, -1 - a) for a, b in nx.max_weight_matching(graph))


graphs = st.dictionaries(
    st.tuples(st.integers(0, 6), st.integers(0, 6)),
    st.floats(0.01, 1.0, allow_nan=False),
    min_size=1,
    max_size=30,
).map(lambda d: [(a, b, w) for (a, b), w in d.items()])


@settings(max_examples=300)
@given(graphs)
def test_the_matching_weighs_as_much_as_networkx(edges: list[Edge]) -> None:
    weight = {(a, b): w for a, b, w in edges}
    mine = max_weight_matching(edges)
    assert len({a for a, _ in mine}) == len(mine) == len({b for _, b in mine})  # a matching
    assert all(pair in weight for pair in mine)  # of edges only
    best = sum(weight[p] for p in networkx_matching(edges))
    assert abs(sum(weight[p] for p in mine) - best) <= 1e-9


@given(st.lists(st.floats(0.01, 1.0, allow_nan=False), min_size=1, max_size=6, unique=True))
def test_where_the_best_is_unique_both_find_it(weights: list[float]) -> None:
    # a star (one old item, several new ones) and a path: each has one best matching
    star = [(0, k, w) for k, w in enumerate(weights)]
    assert max_weight_matching(star) == networkx_matching(star)
    path = [(k // 2, (k + 1) // 2, w) for k, w in enumerate(weights)]
    assert max_weight_matching(path) == networkx_matching(path)


def test_a_hand_worked_component() -> None:
    # 0-0 0.9, 0-1 0.8, 1-0 0.7: taking 0-0 alone weighs 0.9, 0-1 and 1-0 weigh 1.5
    assert max_weight_matching([(0, 0, 0.9), (0, 1, 0.8), (1, 0, 0.7)]) == [(0, 1), (1, 0)]
    # more old items than new: the matching is computed on the smaller side
    edges = [(0, 0, 0.5), (1, 0, 0.6), (2, 0, 0.4)]
    assert max_weight_matching(edges) == [(1, 0)]


@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_the_order_bonus_prefers_the_straight_pairing(
    a: float, b: float, c: float, d: float
) -> None:
    """Two old places x1 < x2 and two new ones y1 < y2: pairing them in order is never
    worse than crossing them, and strictly better when both differ (the crossed sum of
    squares is larger by 2 (x2 - x1)(y2 - y1)); by the distance itself they could tie."""
    x1, x2 = sorted((a, b))
    y1, y2 = sorted((c, d))
    straight = order_bonus(x1, y1) + order_bonus(x2, y2)
    crossed = order_bonus(x1, y2) + order_bonus(x2, y1)
    assert straight - crossed == pytest.approx(2 * (x2 - x1) * (y2 - y1), abs=1e-12)
