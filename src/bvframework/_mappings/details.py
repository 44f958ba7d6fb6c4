"""What a mapping may say beyond its relations: single links' details and provenance.

Kept apart from :mod:`.model` so that reading a mapping that says neither (the bundled
ones, most files) never builds these classes.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from typing import Any

from attrs import frozen

from .._core.convert import Data, from_data
from .._core.vocab import MappingStatus, MatchingRationale, ProvenanceMethod, Relationship
from .analysis import Link

__all__ = ["LinkDetail", "Provenance"]


@frozen(kw_only=True, order=True)
class LinkDetail(Data):
    """What one link says that its relation does not: its set ``relationship`` where the
    link graph would give another, its ``reason`` where its relation's words would not
    say which is this link's (``MERGED TO`` for one source of a merge, ``COVERED BY`` for
    the other)."""

    __data__ = ("source:from", "target:to", "relationship?", "reason?")

    source: str
    target: str
    relationship: Relationship | None = None
    reason: str | None = None

    @property
    def link(self) -> Link:
        return (self.source, self.target)


@frozen(kw_only=True)
class Provenance(Data):
    """How a mapping was made, in the words crosswalk formats use: OSCAL's
    ``mapping-provenance`` (``method``, ``matching-rationale``, ``status``) and SSSOM's
    mapping set metadata (``mapping_date``, ``license``, ``creator_label``). Unset parts are
    inferred on export (:meth:`Mapping.provenance_for_export`)."""

    __data__ = ("method?", "matching_rationale?", "status?", "date?", "licence?", "author?")

    method: ProvenanceMethod | None = None
    matching_rationale: MatchingRationale | None = None
    status: MappingStatus | None = None
    date: str | None = None
    licence: str | None = None
    author: str | None = None

    @classmethod
    def from_dict(cls, data: MappingABC[str, Any]) -> Provenance:
        """Provenance as a mapping file writes it (the keys ``to_dict`` writes)."""
        return from_data(cls, data)
