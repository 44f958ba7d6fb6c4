"""What a set of links says about each item, read off the link graph.

A mapping is a set of links source -> target. Each link carries one bit, ``same``: True when
it comes from an ``unchanged`` relation (wording identical), False otherwise. Everything else
(dispositions, origins, the canonical relations) is derived from the graph, so mappings that
were written differently but link the same items the same way analyse the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

__all__ = [
    "ORIGINS",
    "SOURCE_DISPOSITIONS",
    "Link",
    "classify",
    "link_graph",
    "relations_from_links",
]

Link = tuple[str, str]
SOURCE_DISPOSITIONS = ("unchanged", "reworded", "merged", "split", "removed", "unmapped")
ORIGINS = ("unchanged", "reworded", "merged", "split", "added", "unmapped")

_SRC, _TGT = "from", "to"


def link_graph(links: Mapping[Link, bool]) -> nx.DiGraph:
    """Bipartite directed graph; nodes are ``("from", id)`` and ``("to", id)``.

    Tagging the side keeps a mapping of a version onto itself (the identity) bipartite.
    """
    graph = nx.DiGraph()
    for (source, target), same in links.items():
        graph.add_edge((_SRC, source), (_TGT, target), same=same)
    return graph


def classify(
    *,
    sources: Sequence[str],
    targets: Sequence[str],
    links: Mapping[Link, bool],
    removed: Iterable[str] = (),
    added: Iterable[str] = (),
) -> tuple[dict[str, str], dict[str, str]]:
    """Disposition of every source item and origin of every target item.

    ``removed`` and ``added`` are the items a relation explicitly removes or adds; an item
    with no link and no such relation is ``unmapped`` (not known), never assumed removed.
    """
    graph = link_graph(links)
    removed_set, added_set = set(removed), set(added)

    def one_to_one(source: str, target: str) -> str:
        return "unchanged" if links[(source, target)] else "reworded"

    dispositions: dict[str, str] = {}
    for source in sources:
        node = (_SRC, source)
        outs = [t for _, t in graph.out_edges(node)] if node in graph else []
        if not outs:
            dispositions[source] = "removed" if source in removed_set else "unmapped"
        elif len(outs) >= 2:
            dispositions[source] = "split"
        elif graph.in_degree(outs[0]) >= 2:
            dispositions[source] = "merged"
        else:
            dispositions[source] = one_to_one(source, outs[0][1])
    origins: dict[str, str] = {}
    for target in targets:
        node = (_TGT, target)
        ins = [s for s, _ in graph.in_edges(node)] if node in graph else []
        if not ins:
            origins[target] = "added" if target in added_set else "unmapped"
        elif len(ins) >= 2:
            origins[target] = "merged"
        elif graph.out_degree(ins[0]) >= 2:
            origins[target] = "split"
        else:
            origins[target] = one_to_one(ins[0][1], target)
    return dispositions, origins


def relations_from_links(
    links: Mapping[Link, bool],
) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The canonical relations that produce exactly ``links``, sorted.

    Every target with several sources becomes one ``merged`` relation, every source with
    several targets one ``split`` relation (a link may sit in both: a mapping is a set of
    links, so that is harmless), and every remaining link is a 1:1 ``unchanged`` or
    ``reworded`` relation.
    """
    graph = link_graph(links)
    out: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for node in graph.nodes:
        side, item = node
        if side == _TGT and graph.in_degree(node) >= 2:
            froms = tuple(sorted(s for (_, s), _ in graph.in_edges(node)))
            out.append(("merged", froms, (item,)))
        elif side == _SRC and graph.out_degree(node) >= 2:
            tos = tuple(sorted(t for _, (_, t) in graph.out_edges(node)))
            out.append(("split", (item,), tos))
    for (source, target), same in links.items():
        if graph.out_degree((_SRC, source)) == 1 and graph.in_degree((_TGT, target)) == 1:
            out.append(("unchanged" if same else "reworded", (source,), (target,)))
    return sorted(out)
