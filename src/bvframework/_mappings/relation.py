"""Relations between items of two versions, and published comparisons."""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from .._core.convert import Data
from .._core.vocab import (
    RelationKind,
    Relationship,
)
from .analysis import Link

if TYPE_CHECKING:
    from .details import LinkDetail, Provenance

__all__ = [
    "SHAPES",
    "SHAPE_WORDS",
    "LinkAnnotations",
    "MappingInfo",
    "PublishedComparison",
    "Relation",
    "link_detail",
    "provenance_of",
    "split_sides",
]

SHAPE_WORDS = {
    "unchanged": "exactly one 'from' and one 'to'",
    "reworded": "exactly one 'from' and one 'to'",
    "merged": "two or more 'from' and exactly one 'to'",
    "split": "exactly one 'from' and two or more 'to'",
    "removed": "one or more 'from' and no 'to'",
    "added": "one or more 'to' and no 'from'",
}


@frozen(kw_only=True, order=True)
class Relation(Data):
    """One relation: links every item of ``sources`` to every item of ``targets``."""

    __data__ = (
        "kind",
        "sources:from?",
        "targets:to?",
        "note?",
        "evidence?",
        "method?",
        "confidence?",
        "reason?",
    )

    kind: RelationKind
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    note: str | None = field(default=None, order=False)
    evidence: tuple[str, ...] = field(default=(), order=False)
    method: str | None = field(default=None, order=False)
    confidence: float | None = field(default=None, order=False)
    reason: str | None = field(default=None, order=False)
    """The source's own word for the change, kept as it was (``MERGED TO``,
    ``COVERED BY``, ``incorporated-into``), where the source has one."""

    @property
    def links(self) -> tuple[Link, ...]:
        return tuple((s, t) for s in self.sources for t in self.targets)


@frozen(kw_only=True)
class PublishedComparison(Data):
    """Counts somebody published for this transition: reconciled, never used as results."""

    __data__ = ("source", "quote?", "note?", "counts{}")

    source: str
    counts: tuple[tuple[str, int], ...]
    quote: str | None = None
    note: str | None = None


def split_sides(framework: str | None, source: str, target: str) -> tuple[str, str, str, str]:
    """``(source framework, source version, target framework, target version)`` from a
    mapping file's ``framework``, ``from`` and ``to``: a side is ``framework/version`` (a
    crosswalk between two frameworks) or a bare version of ``framework``.

    >>> split_sides("best-value", "draft-2023-07", "statutory-2024-05")
    ('best-value', 'draft-2023-07', 'best-value', 'statutory-2024-05')
    >>> split_sides(None, "owasp-asvs/4.0.3", "nist-sp-800-53/5.0.1")
    ('owasp-asvs', '4.0.3', 'nist-sp-800-53', '5.0.1')

    :raises ValueError: a bare version with no ``framework`` (the message says which side).
    """
    out: list[str] = []
    for side, value in (("from", source), ("to", target)):
        if "/" in value:
            out += value.split("/", 1)
        elif framework is None:
            raise ValueError(
                f"{side!r} is a bare version ({value!r}): give 'framework', or write "
                f"{side}: framework/{value}"
            )
        else:
            out += [framework, value]
    return out[0], out[1], out[2], out[3]


# kind -> (min sources, max sources, min targets, max targets); None = unbounded
SHAPES: dict[RelationKind, tuple[int, int | None, int, int | None]] = {
    "unchanged": (1, 1, 1, 1),
    "reworded": (1, 1, 1, 1),
    "merged": (2, None, 1, 1),
    "split": (1, 1, 2, None),
    "removed": (1, None, 0, 0),
    "added": (0, 0, 1, None),
}


def link_detail(**values: Any) -> LinkDetail:
    from .details import LinkDetail  # only mappings that state link details need it

    return LinkDetail(**values)


def provenance_of(data: MappingABC[str, Any] | None) -> Provenance | None:
    if data is None:
        return None
    from .details import Provenance  # only mappings that state provenance need it

    return Provenance.from_dict(data)


@frozen(kw_only=True, eq=False)
class LinkAnnotations:
    """What a source says of individual links beyond the link graph, for
    :meth:`Mapping.from_links`: how each link was found (``methods``, else ``method`` for
    every relation), how sure it is (``confidence``), its reason and note in the source's
    own words, its stated set relationship; and notes on removed items. Maps are keyed by
    link, ``(source ID, target ID)``."""

    method: str | None = None
    methods: MappingABC[Link, str] = field(factory=dict)
    confidence: MappingABC[Link, float] = field(factory=dict)
    reasons: MappingABC[Link, str] = field(factory=dict)
    notes: MappingABC[Link, str] = field(factory=dict)
    relationships: MappingABC[Link, Relationship] = field(factory=dict)
    removed_notes: MappingABC[str, str] = field(factory=dict)


@frozen(kw_only=True)
class MappingInfo:
    """What a mapping says of itself, for :meth:`Mapping.from_links`: a title, notes, its
    provenance, and whether every item of both versions is accounted for (``complete``)."""

    title: str | None = None
    notes: str | None = None
    provenance: Provenance | None = None
    complete: bool = True
