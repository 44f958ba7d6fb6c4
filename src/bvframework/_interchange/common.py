"""What every exchange format needs: stable UUIDs, each side's identifiers, the provenance
an export states, and the per-link facts a format row carries."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import uuid
from collections.abc import Iterator
from collections.abc import Mapping as MappingABC
from typing import Any, TypeVar

from attrs import evolve, frozen

from .._core.dates import date_problem
from .._core.errors import UsageError
from .._core.vocab import MatchingRationale, ProvenanceMethod, Relationship
from .._mappings.analysis import Link
from .._mappings.details import Provenance
from .._mappings.model import Mapping
from .._mappings.relation import LinkAnnotations, MappingInfo
from .identifiers import Identifiers

__all__ = [
    "NAMESPACE",
    "LinkCollector",
    "LinkFacts",
    "Templates",
    "choice",
    "content_digest",
    "export_date",
    "export_provenance",
    "identifiers",
    "link_facts",
    "removed_and_added",
    "side_name",
    "stable_uuid",
    "with_kind_words",
]

# The namespace of every UUID bvframework derives (uuid5 of this URL): the same content
# always gets the same UUID, so exports are byte-for-byte repeatable.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:bvframework:uuid")
# Relation methods made by people; align's are automation; a mix is hybrid.
_HUMAN = {"curated", "published", "identity", None}


def stable_uuid(*parts: str) -> str:
    """A version 5 UUID of ``parts`` (joined by newlines) in bvframework's namespace.

    >>> stable_uuid("a") == stable_uuid("a") != stable_uuid("b")
    True
    """
    return str(uuid.uuid5(NAMESPACE, "\n".join(parts)))


def content_digest(mapping: Mapping) -> str:
    """SHA-256 of the mapping's canonical JSON: changes exactly when its content does."""
    text = json.dumps(mapping.to_dict(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Templates = MappingABC[str, str]


def identifiers(
    mapping: Mapping, source: Templates | None = None, target: Templates | None = None
) -> tuple[Identifiers, Identifiers]:
    """How the source's and target's items are named: ``source``/``target`` templates
    given (``prefix``, ``iri``, ``urn``), else each catalogue's declared identifiers, else
    the defaults for its framework and version."""
    out = []
    for catalogue, framework, version, given in (
        (mapping.source_catalogue, mapping.framework, mapping.source_version, source),
        (mapping.target_catalogue, mapping.target_framework, mapping.target_version, target),
    ):
        declared = dict(catalogue.identifier_templates) if catalogue is not None else {}
        out.append(Identifiers.for_catalogue(framework, version, declared | dict(given or {})))
    return out[0], out[1]


def export_date(mapping: Mapping, date: str | None) -> str:
    """The date an export states: ``date`` given, else the mapping's ``provenance.date``,
    else ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), else today (UTC).

    :raises UsageError: ``date`` is not a real ``YYYY-MM-DD`` date.
    """
    chosen = date or (mapping.provenance.date if mapping.provenance else None)
    if chosen is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        seconds = int(epoch) if epoch.isdigit() else int(time.time())
        chosen = time.strftime("%Y-%m-%d", time.gmtime(seconds))
    why = date_problem(chosen)
    if why is not None:
        raise UsageError(f"date {why}")
    return chosen


def export_provenance(mapping: Mapping, date: str | None = None) -> Provenance:
    """The provenance an export states: what the mapping says, the rest inferred.

    ``method``: human when every relation was made by people (curated, published,
    identity), automation when every one was suggested by ``align``, else hybrid.
    ``matching_rationale``: syntactic for automation (text similarity), else semantic.
    ``status``: complete when the mapping is, else not-complete.
    """
    given = mapping.provenance or Provenance()
    methods = {r.method for r in mapping.relations}
    inferred: ProvenanceMethod = (
        "human" if methods <= _HUMAN else "automation" if methods == {"suggested"} else "hybrid"
    )
    method = given.method or inferred
    rationale: MatchingRationale = given.matching_rationale or (
        "syntactic" if method == "automation" else "semantic"
    )
    return evolve(
        given,
        method=method,
        matching_rationale=rationale,
        status=given.status or ("complete" if mapping.complete else "not-complete"),
        date=export_date(mapping, date),
    )


@frozen(kw_only=True)
class LinkFacts:
    """What one link carries into a format's row: its relationship, whether the wording is
    unchanged, its relation's method, confidence, reason and note, and (for a link in both
    a merge and a split) the other relation's words, keyed ``<kind>.<field>``."""

    source: str
    target: str
    relationship: Relationship
    unchanged: bool
    kind: str
    method: str | None
    confidence: float | None
    reason: str | None
    note: str | None
    by_kind: tuple[tuple[str, str], ...] = ()

    @property
    def words(self) -> dict[str, str | None]:
        """The facts no format has a field for, as ``key=value`` pairs would carry them:
        whether a 1:1 link is reworded, its reason, its relation's method; for a link in
        both a merge and a split, each relation's method and note, keyed
        ``<kind>.<field>``."""
        if self.by_kind:
            return {"reason": self.reason, **dict(self.by_kind)}
        return {
            "change": self.kind if self.kind in ("unchanged", "reworded") else None,
            "method": self.method,
            "reason": self.reason,
        }


def link_facts(mapping: Mapping) -> Iterator[LinkFacts]:
    """Every link once, in the mapping's link order (sorted), with its relation's facts
    (the first relation naming it; where a link sits in both a merge and a split, each
    relation's in ``by_kind``)."""
    relationships = mapping.relationships()
    reasons = mapping.reasons()
    holders: dict[Link, list[Any]] = {}
    for relation in mapping.relations:
        for link in relation.links:
            holders.setdefault(link, []).append(relation)
    for link, unchanged in mapping.links.items():
        relation, *rest = holders[link]
        by_kind = [
            (f"{holder.kind}.{name}", value)
            for holder in holders[link]
            for name in ("method", "note")
            if rest and (value := getattr(holder, name)) is not None
        ]
        yield LinkFacts(
            source=link[0],
            target=link[1],
            relationship=relationships[link],
            unchanged=unchanged,
            kind=relation.kind,
            method=relation.method,
            confidence=relation.confidence,
            reason=reasons.get(link),
            note=relation.note,
            by_kind=tuple(by_kind),
        )


def with_kind_words(
    mapping: Mapping, words: MappingABC[tuple[str, Link], MappingABC[str, str]]
) -> Mapping:
    """``mapping`` with each relation's method and note completed from what its
    links in two relations carried for relations of its kind (``words[(kind, link)]``:
    field -> value): the inverse of :attr:`LinkFacts.by_kind`."""
    if not words:
        return mapping
    relations = []
    for relation in mapping.relations:
        shared = [link for link in relation.links if (relation.kind, link) in words]
        if not shared:
            relations.append(relation)
            continue
        found: dict[str, dict[str, None]] = {}
        if len(shared) < len(relation.links):  # its own links gave what it has
            for name in ("method", "note"):
                if (value := getattr(relation, name)) is not None:
                    found.setdefault(name, {})[value] = None
        for link in shared:
            for name, value in words[(relation.kind, link)].items():
                found.setdefault(name, {})[value] = None
        joined = {name: "; ".join(values) for name, values in found.items()}
        relations.append(
            evolve(
                relation,
                method=joined.get("method", relation.method),
                note=joined.get("note", relation.note),
            )
        )
    return evolve(mapping, relations=tuple(relations))


_T = TypeVar("_T", bound=str)
_NOT_NAME = re.compile(r"[^A-Za-z0-9]+")


def choice(value: Any, allowed: tuple[_T, ...]) -> _T | None:
    """``value`` when it is one of ``allowed`` (a vocabulary tuple), typed as such; else
    None: how importers read another tool's closed words."""
    for option in allowed:
        if value == option:
            return option
    return None


def side_name(text: str, fallback: str) -> str:
    """A framework name from another tool's reference (``SOC2``, ``FedRAMP_rev5_HIGH``):
    letters and digits joined by ``-``, lower case; ``fallback`` when none are left."""
    return _NOT_NAME.sub("-", text).strip("-").lower() or fallback


def removed_and_added(mapping: Mapping) -> tuple[list[str], list[str]]:
    """Items the mapping says were removed and added (not the unmapped ones)."""
    removed = [s for s, d in mapping.dispositions().items() if d == "removed"]
    added = [t for t, o in mapping.origins().items() if o == "added"]
    return removed, added


class LinkCollector:
    """What an importer reads, link by link, before it becomes one :class:`Mapping`:
    the inverse of :func:`link_facts`, shared by every format's importer."""

    def __init__(self) -> None:
        self.links: dict[Link, bool] = {}
        self.stated: dict[Link, Relationship] = {}
        self.confidence: dict[Link, float] = {}
        self.reasons: dict[Link, str] = {}
        self.methods: dict[Link, str] = {}
        self.notes: dict[Link, str] = {}
        self.kind_words: dict[tuple[str, Link], dict[str, str]] = {}
        self.removed: dict[str, str | None] = {}
        self.added: dict[str, str | None] = {}
        self.removed_notes: dict[str, str] = {}

    def conflict(self, link: Link, relationship: Relationship) -> str | None:
        """Why ``link`` cannot be stated as ``relationship``, or None."""
        earlier = self.stated.get(link)
        if earlier is None or earlier == relationship:
            return None
        return (
            f"links {link[0]!r} to {link[1]!r} as {relationship}, but an earlier one says {earlier}"
        )

    def add(
        self,
        link: Link,
        relationship: Relationship,
        *,
        words: MappingABC[str, str],
        confidence: float | None = None,
        method: str | None = None,
        note: str | None = None,
    ) -> None:
        """One link: ``words`` are bvframework's own (``change``, ``reason``, ``method``,
        ``<kind>.method``, ``<kind>.note``) where the file carries them."""
        shared = False
        for key, value in words.items():
            kind, dot, name = key.partition(".")
            if dot and name in ("method", "note"):
                self.kind_words.setdefault((kind, link), {})[name] = value
                shared = True
        unchanged = words.get("change") == "unchanged" or (
            relationship == "equal-to" and "change" not in words
        )
        self.links[link] = self.links.get(link, False) or unchanged
        # a plain exactMatch (equivalent-to) is equal-to where the wording is unchanged
        self.stated[link] = (
            "equal-to" if relationship == "equivalent-to" and self.links[link] else relationship
        )
        if confidence is not None:
            self.confidence[link] = confidence
        if "reason" in words:
            self.reasons[link] = words["reason"]
        chosen = words.get("method", method)
        if chosen and not shared:
            self.methods[link] = chosen
        if note and not shared:
            self.notes[link] = note

    def mapping(
        self,
        *,
        sides: tuple[tuple[str, str], tuple[str, str]],
        method: str | None,
        provenance: Provenance,
        complete: bool,
        title: str | None,
        notes: str | None,
    ) -> Mapping:
        """The mapping these links make; removed and added items that are linked too are
        dropped (a link says more)."""
        linked_sources = {s for s, _ in self.links}
        linked_targets = {t for _, t in self.links}
        mapping = Mapping.from_links(
            self.links,
            framework=sides[0][0],
            source_version=sides[0][1],
            target_framework=sides[1][0],
            target_version=sides[1][1],
            removed=[s for s in self.removed if s not in linked_sources],
            added=[t for t in self.added if t not in linked_targets],
            facts=LinkAnnotations(
                method=method,
                methods=self.methods,
                confidence=self.confidence,
                reasons=self.reasons,
                notes=self.notes,
                relationships=self.stated,
                removed_notes=self.removed_notes,
            ),
            info=MappingInfo(title=title, notes=notes, provenance=provenance, complete=complete),
            check=False,
        )
        return with_kind_words(mapping, self.kind_words)
