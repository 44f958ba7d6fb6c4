"""Counts of what a mapping does: by relation kind, by source disposition, by target origin."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping as MappingABC
from types import MappingProxyType
from typing import TYPE_CHECKING

from attrs import field, frozen

from .._core.convert import Data
from .analysis import ORIGINS, SOURCE_DISPOSITIONS

if TYPE_CHECKING:
    from .model import Mapping

__all__ = ["MappingSummary", "summarise"]


def _counts(names: tuple[str, ...], counter: Counter[str]) -> MappingABC[str, int]:
    return MappingProxyType({name: counter.get(name, 0) for name in names})


@frozen(kw_only=True)
class MappingSummary(Data):
    """What a mapping does, counted. Every kind is present, with zero where none occur.

    ``relations`` counts relation records by kind, ``sources`` counts source items by
    disposition and ``targets`` target items by origin (``unmapped``: in no relation, so
    unknown), ``links`` counts distinct source->target links and ``moved`` the 1:1 pairs
    whose theme differs.
    """

    __data__ = ("relations", "sources", "targets", "links", "moved")

    relations: MappingABC[str, int] = field(hash=False)
    sources: MappingABC[str, int] = field(hash=False)
    targets: MappingABC[str, int] = field(hash=False)
    links: int
    moved: int


def summarise(mapping: Mapping) -> MappingSummary:
    from .._core.vocab import KINDS

    return MappingSummary(
        relations=_counts(KINDS, Counter(r.kind for r in mapping.relations)),
        sources=_counts(SOURCE_DISPOSITIONS, Counter(mapping.dispositions().values())),
        targets=_counts(ORIGINS, Counter(mapping.origins().values())),
        links=len(mapping.links),
        moved=len(mapping.moved()),
    )
