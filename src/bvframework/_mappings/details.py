"""What a mapping may say beyond its relations: single links' details and provenance.

Kept apart from :mod:`.model` so that reading a mapping that says neither (the bundled
ones, most files) never builds these classes.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from typing import Any

from attrs import frozen

from .._core.convert import compact
from .._core.vocab import MappingStatus, MatchingRationale, ProvenanceMethod, Relationship
from .analysis import Link

__all__ = ["LinkDetail", "Provenance"]


@frozen(kw_only=True, order=True)
class LinkDetail:
    """What one link says that its relation does not: its set ``relationship`` where the
    link graph would give another, its ``reason`` where its relation's words would not
    say which is this link's (``MERGED TO`` for one source of a merge, ``COVERED BY`` for
    the other)."""

    source: str
    target: str
    relationship: Relationship | None = None
    reason: str | None = None

    @property
    def link(self) -> Link:
        return (self.source, self.target)

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.source, "to": self.target} | compact(
            {"relationship": self.relationship, "reason": self.reason}
        )


@frozen(kw_only=True)
class Provenance:
    """How a mapping was made, in the words crosswalk formats use: OSCAL's
    ``mapping-provenance`` (``method``, ``matching-rationale``, ``status``) and SSSOM's
    mapping set metadata (``mapping_date``, ``license``, ``creator_label``). Unset parts are
    inferred on export (:meth:`Mapping.provenance_for_export`)."""

    method: ProvenanceMethod | None = None
    matching_rationale: MatchingRationale | None = None
    status: MappingStatus | None = None
    date: str | None = None
    licence: str | None = None
    author: str | None = None

    @classmethod
    def from_dict(cls, data: MappingABC[str, Any]) -> Provenance:
        return cls(
            method=data.get("method"),
            matching_rationale=data.get("matching_rationale"),
            status=data.get("status"),
            date=data.get("date"),
            licence=data.get("licence"),
            author=data.get("author"),
        )

    def to_dict(self) -> dict[str, Any]:
        return compact(
            {
                "method": self.method,
                "matching_rationale": self.matching_rationale,
                "status": self.status,
                "date": self.date,
                "licence": self.licence,
                "author": self.author,
            }
        )
