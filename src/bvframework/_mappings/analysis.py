"""What a set of links says about each item, read off the link graph.

A mapping is a set of links source -> target. Each link carries one bit, ``same``: True when
it comes from an ``unchanged`` relation (wording identical), False otherwise. Everything else
(dispositions, origins, the canonical relations) is derived from the graph, so mappings that
were written differently but link the same items the same way analyse the same.

The graph is bipartite and only degrees and neighbours are asked of it, so it is two plain
dicts of adjacency (source -> targets, target -> sources): no graph library is needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .._core.vocab import (
    ORIGINS,
    SOURCE_DISPOSITIONS,
    Origin,
    RelationKind,
    SourceDisposition,
)

__all__ = [
    "ORIGINS",
    "SOURCE_DISPOSITIONS",
    "Link",
    "LinkGraph",
    "classify",
    "relations_from_links",
]

Link = tuple[str, str]
CanonicalRelation = tuple[RelationKind, tuple[str, ...], tuple[str, ...]]


class LinkGraph:
    """Adjacency of a set of links, both ways, in first-seen order (an internal helper,
    built per analysis: a plain slotted class, cheaper to define than a record)."""

    __slots__ = ("backward", "forward")

    def __init__(
        self, *, forward: Mapping[str, tuple[str, ...]], backward: Mapping[str, tuple[str, ...]]
    ) -> None:
        self.forward = forward
        self.backward = backward

    @classmethod
    def of(cls, links: Iterable[Link]) -> LinkGraph:
        forward: dict[str, list[str]] = {}
        backward: dict[str, list[str]] = {}
        for source, target in links:
            forward.setdefault(source, []).append(target)
            backward.setdefault(target, []).append(source)
        return cls(
            forward={k: tuple(v) for k, v in forward.items()},
            backward={k: tuple(v) for k, v in backward.items()},
        )

    def out_degree(self, source: str) -> int:
        return len(self.forward.get(source, ()))

    def in_degree(self, target: str) -> int:
        return len(self.backward.get(target, ()))


def classify(
    *,
    sources: Sequence[str],
    targets: Sequence[str],
    links: Mapping[Link, bool],
    removed: Iterable[str] = (),
    added: Iterable[str] = (),
) -> tuple[dict[str, SourceDisposition], dict[str, Origin]]:
    """Disposition of every source item and origin of every target item.

    ``removed`` and ``added`` are the items a relation explicitly removes or adds; an item
    with no link and no such relation is ``unmapped`` (not known), never assumed removed.

    >>> d, o = classify(sources=["a", "b"], targets=["x"], links={("a", "x"): True})
    >>> d, o
    ({'a': 'unchanged', 'b': 'unmapped'}, {'x': 'unchanged'})
    """
    graph = LinkGraph.of(links)
    removed_set, added_set = set(removed), set(added)

    def one_to_one(source: str, target: str) -> SourceDisposition:
        return "unchanged" if links[(source, target)] else "reworded"

    dispositions: dict[str, SourceDisposition] = {}
    for source in sources:
        outs = graph.forward.get(source, ())
        if not outs:
            dispositions[source] = "removed" if source in removed_set else "unmapped"
        elif len(outs) >= 2:
            dispositions[source] = "split"
        elif graph.in_degree(outs[0]) >= 2:
            dispositions[source] = "merged"
        else:
            dispositions[source] = one_to_one(source, outs[0])
    origins: dict[str, Origin] = {}
    for target in targets:
        ins = graph.backward.get(target, ())
        if not ins:
            origins[target] = "added" if target in added_set else "unmapped"
        elif len(ins) >= 2:
            origins[target] = "merged"
        elif graph.out_degree(ins[0]) >= 2:
            origins[target] = "split"
        else:
            origin: Origin = one_to_one(ins[0], target)  # type: ignore[assignment]
            origins[target] = origin
    return dispositions, origins


def relations_from_links(links: Mapping[Link, bool]) -> list[CanonicalRelation]:
    """The canonical relations that produce exactly ``links``, sorted.

    Every target with several sources becomes one ``merged`` relation, every source with
    several targets one ``split`` relation (a link may sit in both: a mapping is a set of
    links, so that is harmless), and every remaining link is a 1:1 ``unchanged`` or
    ``reworded`` relation.

    >>> relations_from_links({("a", "x"): False, ("b", "x"): False, ("c", "y"): True})
    [('merged', ('a', 'b'), ('x',)), ('unchanged', ('c',), ('y',))]
    """
    graph = LinkGraph.of(links)
    out: list[CanonicalRelation] = []
    for target, sources in graph.backward.items():
        if len(sources) >= 2:
            out.append(("merged", tuple(sorted(sources)), (target,)))
    for source, targets in graph.forward.items():
        if len(targets) >= 2:
            out.append(("split", (source,), tuple(sorted(targets))))
    forward, backward = graph.forward, graph.backward  # every link's ends are in both
    for (source, target), same in links.items():
        if len(forward[source]) == 1 and len(backward[target]) == 1:
            out.append(("unchanged" if same else "reworded", (source,), (target,)))
    return sorted(out)
