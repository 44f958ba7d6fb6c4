"""Composition of mappings across versions, and the identity mapping."""

from __future__ import annotations

from collections import defaultdict

from .._catalogues.model import Catalogue
from .._core.errors import CompositionError
from .analysis import Link
from .model import Mapping, Relation

__all__ = ["compose", "identity"]


def identity(catalogue: Catalogue) -> Mapping:
    """The mapping of a catalogue onto itself: every item ``unchanged``, complete.

    >>> from bvframework import load_catalogue
    >>> m = identity(load_catalogue("best-value/statutory-2024-05"))
    >>> m.summary().sources["unchanged"], m.complete
    (70, True)
    """
    return Mapping(
        framework=catalogue.framework,
        source_version=catalogue.version,
        target_version=catalogue.version,
        complete=True,
        relations=tuple(
            Relation(kind="unchanged", sources=(i.id,), targets=(i.id,), method="identity")
            for i in catalogue.items
        ),
        source_catalogue=catalogue,
        target_catalogue=catalogue,
    )


def _confidences(mapping: Mapping) -> dict[Link, float]:
    out: dict[Link, float] = {}
    for relation in mapping.relations:
        if relation.confidence is not None:
            for link in relation.links:
                out[link] = min(out.get(link, 1.0), relation.confidence)
    return out


def _compose_two(first: Mapping, second: Mapping) -> Mapping:
    if first.framework != second.framework or first.target_version != second.source_version:
        raise CompositionError(
            f"cannot compose {first.key} with {second.key}: the first must end at the "
            "version where the second starts"
        )
    onward: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for (middle, target), same in second.links.items():
        onward[middle].append((target, same))
    conf1, conf2 = _confidences(first), _confidences(second)
    links: dict[Link, bool] = {}
    confidence: dict[Link, float] = {}
    for (source, middle), same1 in first.links.items():
        for target, same2 in onward.get(middle, ()):
            link = (source, target)
            links[link] = links.get(link, False) or (same1 and same2)
            if (source, middle) in conf1 or (middle, target) in conf2:
                path = conf1.get((source, middle), 1.0) * conf2.get((middle, target), 1.0)
                confidence[link] = max(confidence.get(link, 0.0), path)

    first_disp, second_disp = first.dispositions(), second.dispositions()
    first_orig, second_orig = first.origins(), second.origins()
    linked_sources = {s for s, _ in links}
    linked_targets = {t for _, t in links}
    forward: dict[str, list[str]] = defaultdict(list)
    for source, middle in first.links:
        forward[source].append(middle)
    removed = []
    for source in first.source_items:
        if source in linked_sources:
            continue
        middles = forward.get(source, [])
        if first_disp.get(source) == "removed" or (
            middles and all(second_disp.get(m) == "removed" for m in middles)
        ):
            removed.append(source)
    added = []
    back: dict[str, list[str]] = defaultdict(list)
    for middle, target in second.links:
        back[target].append(middle)
    for target in second.target_items:
        if target in linked_targets:
            continue
        middles = back.get(target, [])
        if second_orig.get(target) == "added" or (
            middles and all(first_orig.get(m) == "added" for m in middles)
        ):
            added.append(target)

    return Mapping.from_links(
        links,
        framework=first.framework,
        source_version=first.source_version,
        target_version=second.target_version,
        removed=removed,
        added=added,
        method="composed",
        confidence=confidence,
        complete=first.complete and second.complete,
        title=f"{first.source_version} -> {second.target_version} "
        f"(composed via {first.target_version})",
        source=first.source_catalogue,
        target=second.target_catalogue,
        check=False,
    )


def compose(first: Mapping, second: Mapping, *more: Mapping) -> Mapping:
    """Chain mappings A->B, B->C, ... into A->...; kinds come from the composed links.

    A composed link is ``unchanged`` only if some path to it is unchanged all the way. An
    item is ``removed`` only when every path from it ends in a removal; where a path meets an
    unmapped item the result stays unmapped (and the result is complete only when every
    input is). Published comparisons do not carry over: they describe one transition.
    """
    result = _compose_two(first, second)
    for mapping in more:
        result = _compose_two(result, mapping)
    return result
