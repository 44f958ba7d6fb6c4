"""Removed, added and unmapped items through a composition, worked out by hand.

The rule (``bv.compose``): an item is removed only when every path from it ends in a
removal, and added only when every path to it starts at an addition; where a path meets an
unmapped item (one no relation names), the result stays unmapped: nothing is assumed.
"""

from __future__ import annotations

from typing import Any

import bvframework as bv


def catalogue(version: str, *items: str) -> bv.Catalogue:
    return bv.Catalogue.from_dict(
        {
            "framework": "demo",
            "version": version,
            "title": version,
            "themes": [{"id": "T", "title": "T", "items": [{"id": i} for i in items]}],
        }
    )


def mapping(source: bv.Catalogue, target: bv.Catalogue, *relations: dict[str, Any]) -> bv.Mapping:
    return bv.Mapping.from_dict(
        {
            "framework": "demo",
            "from": source.version,
            "to": target.version,
            "complete": False,
            "relations": list(relations),
        },
        source=source,
        target=target,
    )


def test_removed_only_when_every_path_ends_in_a_removal() -> None:
    v1, v2, v3 = (
        catalogue("1", "a", "b", "c", "d"),
        catalogue("2", "x", "y", "z"),
        catalogue("3", "p"),
    )
    first = mapping(
        v1,
        v2,
        {"kind": "split", "from": ["a"], "to": ["x", "y"]},
        {"kind": "reworded", "from": ["b"], "to": ["z"]},
        {"kind": "removed", "from": ["c"]},
        # d: in no relation (unmapped)
    )
    second = mapping(
        v2,
        v3,
        {"kind": "removed", "from": ["x"]},
        # y: in no relation (unmapped)
        {"kind": "removed", "from": ["z"]},
        {"kind": "added", "to": ["p"]},
    )
    composed = bv.compose(first, second)
    assert composed.dispositions() == {
        "a": "unmapped",  # x is removed, but y is not known
        "b": "removed",  # its one path ends in z's removal
        "c": "removed",  # removed on the first step
        "d": "unmapped",  # never mapped
    }
    assert composed.origins() == {"p": "added"}
    assert composed.links == {}


def test_added_only_when_every_path_starts_at_an_addition() -> None:
    v1 = catalogue("1", "a")
    v2 = catalogue("2", "w", "x", "x2", "y")
    v3 = catalogue("3", "p", "q", "r", "s")
    first = mapping(
        v1,
        v2,
        {"kind": "reworded", "from": ["a"], "to": ["w"]},
        {"kind": "added", "to": ["x"]},
        {"kind": "added", "to": ["x2"]},
        # y: in no relation (unmapped)
    )
    second = mapping(
        v2,
        v3,
        {"kind": "merged", "from": ["x", "y"], "to": ["p"]},
        {"kind": "unchanged", "from": ["w"], "to": ["q"]},
        {"kind": "reworded", "from": ["x2"], "to": ["s"]},
        # r: in no relation (unmapped)
    )
    composed = bv.compose(first, second)
    assert composed.origins() == {
        "p": "unmapped",  # x was added, but y is not known
        "q": "reworded",  # from a: reworded, then unchanged
        "r": "unmapped",  # never mapped
        "s": "added",  # its one path starts at x2's addition
    }
    assert composed.dispositions() == {"a": "reworded"}
    assert dict(composed.links) == {("a", "q"): False}
