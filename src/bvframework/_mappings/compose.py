"""Composition of mappings across versions, and the identity mapping."""

from __future__ import annotations

from collections import defaultdict

from attrs import frozen

from .._catalogues.model import Catalogue
from .._core.errors import CompositionError
from .analysis import Link, relations_from_links
from .model import Mapping, Relation
from .relation import LinkAnnotations, MappingInfo

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


@frozen(kw_only=True)
class _Chain:
    """A composition under way: links and what is known of each end, without building a
    Mapping at every step (a chain of 50 mappings builds one, at the end)."""

    framework: str
    target_framework: str
    source_version: str
    target_version: str
    via: str
    links: dict[Link, bool]
    confidence: dict[Link, float]
    """Each link's confidence as the mapping built so far states it (what reading it back
    gives): the lowest of the relations it is in."""
    paths: dict[Link, float]
    """Each link's confidence along its best path, before relations: what the mapping is
    built from, so each relation states the lowest of its own links."""
    removed: frozenset[str]
    added: frozenset[str]
    source_items: tuple[str, ...]
    target_items: tuple[str, ...]
    complete: bool
    source_catalogue: Catalogue | None
    target_catalogue: Catalogue | None

    @classmethod
    def of(cls, mapping: Mapping) -> _Chain:
        disp, orig = mapping.dispositions(), mapping.origins()
        return cls(
            framework=mapping.framework,
            target_framework=mapping.target_framework,
            source_version=mapping.source_version,
            target_version=mapping.target_version,
            via=mapping.source_key,
            links=dict(mapping.links),
            confidence=(stated := _confidences(mapping)),
            paths=stated,
            removed=frozenset(s for s, d in disp.items() if d == "removed"),
            added=frozenset(t for t, o in orig.items() if o == "added"),
            source_items=mapping.source_items,
            target_items=mapping.target_items,
            complete=mapping.complete,
            source_catalogue=mapping.source_catalogue,
            target_catalogue=mapping.target_catalogue,
        )

    def mapping(self) -> Mapping:
        return Mapping.from_links(
            self.links,
            framework=self.framework,
            target_framework=self.target_framework,
            source_version=self.source_version,
            target_version=self.target_version,
            removed=[s for s in self.source_items if s in self.removed],
            added=[t for t in self.target_items if t in self.added],
            facts=LinkAnnotations(method="composed", confidence=self.paths),
            info=MappingInfo(
                complete=self.complete,
                title=f"{self.framework}/{self.source_version} -> {self.target_framework}/"
                f"{self.target_version} (composed via {self.via})",
            ),
            source=self.source_catalogue,
            target=self.target_catalogue,
            check=False,
        )


def _by_relation(links: dict[Link, bool], confidence: dict[Link, float]) -> dict[Link, float]:
    """Each link's confidence as the composed mapping states it, without building it: the
    lowest of the known ``confidence`` of each relation it is in (of both, for a link in a
    merge and a split), as :func:`_confidences` reads a built mapping."""
    if not confidence:
        return confidence
    out: dict[Link, float] = {}
    for _, sources, targets in relations_from_links(links):
        group = [(s, t) for s in sources for t in targets if (s, t) in links]
        known = [confidence[link] for link in group if link in confidence]
        if known:
            lowest = min(known)
            for link in group:
                out[link] = min(out.get(link, lowest), lowest)
    return out


def _compose_two(first: _Chain, second: Mapping) -> _Chain:
    if (first.target_framework, first.target_version) != (
        second.framework,
        second.source_version,
    ):
        key = f"{first.framework}/{first.source_version}--" + (
            f"{first.target_version}"
            if first.framework == first.target_framework
            else f"{first.target_framework}/{first.target_version}"
        )
        raise CompositionError(
            f"cannot compose {key} with {second.key}: the first must end at the "
            "version where the second starts"
        )
    onward: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for (middle, target), same in second.links.items():
        onward[middle].append((target, same))
    conf1, conf2 = first.confidence, _confidences(second)
    links: dict[Link, bool] = {}
    confidence: dict[Link, float] = {}
    for (source, middle), same1 in first.links.items():
        for target, same2 in onward.get(middle, ()):
            link = (source, target)
            links[link] = links.get(link, False) or (same1 and same2)
            if (source, middle) in conf1 or (middle, target) in conf2:
                path = conf1.get((source, middle), 1.0) * conf2.get((middle, target), 1.0)
                confidence[link] = max(confidence.get(link, 0.0), path)

    second_disp, second_orig = second.dispositions(), second.origins()
    linked_sources = {s for s, _ in links}
    linked_targets = {t for _, t in links}
    forward: dict[str, list[str]] = defaultdict(list)
    for source, middle in first.links:
        forward[source].append(middle)
    removed = set()
    for source in first.source_items:
        if source in linked_sources:
            continue
        middles = forward.get(source, [])
        if source in first.removed or (
            middles and all(second_disp.get(m) == "removed" for m in middles)
        ):
            removed.add(source)
    added = set()
    back: dict[str, list[str]] = defaultdict(list)
    for middle, target in second.links:
        back[target].append(middle)
    for target in second.target_items:
        if target in linked_targets:
            continue
        middles = back.get(target, [])
        if second_orig.get(target) == "added" or (
            middles and all(m in first.added for m in middles)
        ):
            added.add(target)
    return _Chain(
        framework=first.framework,
        target_framework=second.target_framework,
        source_version=first.source_version,
        target_version=second.target_version,
        via=f"{second.framework}/{second.source_version}"
        if first.framework != second.framework
        else second.source_version,
        links=links,
        confidence=_by_relation(links, confidence),
        paths=confidence,
        removed=frozenset(removed),
        added=frozenset(added),
        source_items=first.source_items,
        target_items=second.target_items,
        complete=first.complete and second.complete,
        source_catalogue=first.source_catalogue,
        target_catalogue=second.target_catalogue,
    )


def compose(first: Mapping, second: Mapping, *more: Mapping) -> Mapping:
    """Chain mappings A->B, B->C, ... into A->...; kinds come from the composed links.

    A composed link is ``unchanged`` only if some path to it is unchanged all the way. An
    item is ``removed`` only when every path from it ends in a removal; where a path meets an
    unmapped item the result stays unmapped (and the result is complete only when every
    input is). Published comparisons do not carry over: they describe one transition.
    """
    chain = _Chain.of(first)
    for mapping in (second, *more):
        chain = _compose_two(chain, mapping)
    return chain.mapping()
