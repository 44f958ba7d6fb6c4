"""Routing: the shortest chain of mappings from one version to another (pure).

Steps are anything with a ``from``/``to`` key (a :class:`Mapping`, or a header the input
layer read without building the mapping); the caller builds and composes only the steps
on the route.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    from .model import Mapping

__all__ = ["MappingHeader", "mapping_steps", "shortest_route"]

S = TypeVar("S")


class MappingHeader(NamedTuple):
    """A mapping's two sides, read without building it: a routing step that is built only
    when a route goes through it (``ref`` names it for the input layer). Plain data: routing
    reads every bundled mapping's header on every command that routes."""

    source_key: str
    target_key: str
    ref: str


def mapping_steps(mappings: Sequence[Mapping]) -> list[tuple[str, str, Mapping]]:
    """Each mapping as a routing step: (``framework/from``, ``framework/to``, the mapping)."""
    return [(m.source_key, m.target_key, m) for m in mappings]


def shortest_route(source: str, target: str, steps: Sequence[tuple[str, str, S]]) -> list[S] | None:
    """The steps of a shortest chain ``source`` -> ``target`` (breadth first; among
    equally short chains, earlier steps win), ``[]`` when they are the same, None when no
    chain exists.

    >>> shortest_route("a", "c", [("a", "b", 1), ("b", "c", 2), ("a", "c", 3)])
    [3]
    """
    if source == target:
        return []
    onward: dict[str, list[tuple[str, S]]] = {}
    for start, end, step in steps:
        onward.setdefault(start, []).append((end, step))
    came: dict[str, tuple[str, S]] = {}
    queue = deque([source])
    seen = {source}
    while queue:
        here = queue.popleft()
        for there, step in onward.get(here, ()):
            if there in seen:
                continue
            seen.add(there)
            came[there] = (here, step)
            if there == target:
                chain = []
                at = there
                while at != source:
                    at, taken = came[at]
                    chain.append(taken)
                return chain[::-1]
            queue.append(there)
    return None
