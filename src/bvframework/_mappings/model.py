"""Relation, PublishedComparison and Mapping: a mapping file as checked, frozen values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Mapping as MappingABC
from functools import cached_property
from typing import TYPE_CHECKING, Any

from attrs import Factory, field, frozen

from .._catalogues.model import Catalogue
from .._core import display
from .._core.convert import as_document, compact
from .._core.document import Document
from .._core.vocab import (
    KINDS,
    Origin,
    RelationKind,
    Relationship,
    SourceDisposition,
)
from .analysis import Link, LinkGraph, classify, relations_from_links
from .relation import (
    LinkAnnotations,
    MappingInfo,
    PublishedComparison,
    Relation,
    link_detail,
    split_sides,
)

if TYPE_CHECKING:
    from .details import LinkDetail, Provenance
    from .reconcile import Reconciliation
    from .summary import MappingSummary

__all__ = [
    "KINDS",
    "Mapping",
    "PublishedComparison",
    "Relation",
    "split_sides",
]


@frozen(kw_only=True)
class Mapping:
    """Relations from one version of a framework to another, or from one framework to
    another (a crosswalk: ``target_framework`` differs from ``framework``).

    ``source_catalogue``/``target_catalogue`` are the catalogues it was checked against (None
    when checked on its own; then only items named in relations are known).
    """

    framework: str
    """The source's framework (and the target's, unless ``target_framework`` says otherwise)."""
    source_version: str
    target_version: str
    complete: bool
    target_framework: str = field(default=Factory(lambda self: self.framework, takes_self=True))
    provenance: Provenance | None = None
    """How it was made, where the file says (None: it does not; exports infer it)."""
    details: tuple[LinkDetail, ...] = field(default=(), repr=False)
    """Links whose relationship or reason is stated apart from their relation."""
    relations: tuple[Relation, ...] = field(repr=lambda rs: f"<{len(rs)} relations>")
    published: tuple[PublishedComparison, ...] = field(
        default=(), repr=lambda ps: f"<{len(ps)} published comparisons>"
    )
    title: str | None = None
    notes: str | None = None
    source_catalogue: Catalogue | None = field(default=None, eq=False, repr=False)
    target_catalogue: Catalogue | None = field(default=None, eq=False, repr=False)

    @property
    def source_key(self) -> str:
        """``framework/version`` of the source catalogue."""
        return f"{self.framework}/{self.source_version}"

    @property
    def target_key(self) -> str:
        """``framework/version`` of the target catalogue."""
        return f"{self.target_framework}/{self.target_version}"

    @property
    def is_crosswalk(self) -> bool:
        """True when it relates two different frameworks rather than two versions."""
        return self.framework != self.target_framework

    @property
    def key(self) -> str:
        if self.is_crosswalk:
            return f"{self.source_key}--{self.target_key}"
        return f"{self.framework}/{self.source_version}--{self.target_version}"

    # -- the link graph ------------------------------------------------------------------
    @cached_property
    def links(self) -> MappingABC[Link, bool]:
        """Every link, with True where it comes from an ``unchanged`` relation."""
        out: dict[Link, bool] = {}
        for relation in self.relations:
            for link in relation.links:
                out[link] = out.get(link, False) or relation.kind == "unchanged"
        return dict(sorted(out.items()))

    @cached_property
    def source_items(self) -> tuple[str, ...]:
        if self.source_catalogue is not None:
            return tuple(item.id for item in self.source_catalogue.items)
        return tuple(dict.fromkeys(s for r in self.relations for s in r.sources))

    @cached_property
    def target_items(self) -> tuple[str, ...]:
        if self.target_catalogue is not None:
            return tuple(item.id for item in self.target_catalogue.items)
        return tuple(dict.fromkeys(t for r in self.relations for t in r.targets))

    @cached_property
    def _classified(self) -> tuple[dict[str, SourceDisposition], dict[str, Origin]]:
        return classify(
            sources=self.source_items,
            targets=self.target_items,
            links=self.links,
            removed=[s for r in self.relations if r.kind == "removed" for s in r.sources],
            added=[t for r in self.relations if r.kind == "added" for t in r.targets],
        )

    def dispositions(self) -> dict[str, SourceDisposition]:
        """Source item -> one of ``unchanged reworded merged split removed unmapped``."""
        return dict(self._classified[0])

    def origins(self) -> dict[str, Origin]:
        """Target item -> one of ``unchanged reworded merged split added unmapped``."""
        return dict(self._classified[1])

    def moved(self) -> tuple[Link, ...]:
        """1:1 pairs whose theme differs (needs both catalogues; empty without them)."""
        if self.source_catalogue is None or self.target_catalogue is None:
            return ()
        dispositions = self._classified[0]
        out = []
        for source, target in self.links:
            if dispositions.get(source) in ("unchanged", "reworded"):
                before = self.source_catalogue.item(source).theme
                after = self.target_catalogue.item(target).theme
                if before != after:
                    out.append((source, target))
        return tuple(out)

    def summary(self) -> MappingSummary:
        from .summary import summarise

        return summarise(self)

    def reconcile(self) -> tuple[Reconciliation, ...]:
        from .reconcile import reconcile

        return reconcile(self)

    def with_catalogues(self, source: Catalogue | None, target: Catalogue | None) -> Mapping:
        """The same relations re-checked against (other) catalogues. The data is this
        mapping's own, so it conforms to the schema; only the checks against the catalogues
        run again (none when they are the ones it was checked against)."""
        if source is self.source_catalogue and target is self.target_catalogue:
            return self
        return self._checked(source, target)

    def _checked(self, source: Catalogue | None, target: Catalogue | None) -> Mapping:
        """Every check of :meth:`from_dict` against ``source``/``target``, run on this
        mapping's own data (which conforms to the schema: it is not checked again)."""
        data = Document(data=self.to_dict(), conforms=frozenset({"mapping"}))
        return Mapping.from_dict(data, source=source, target=target)

    def relationships(self) -> dict[Link, Relationship]:
        """The set relationship of every link (NIST IR 8477's words, as OSCAL uses them):
        stated in the file (``relationships``), else read off the link graph: ``equal-to``
        (1:1, wording unchanged), ``equivalent-to`` (1:1, reworded), ``subset-of`` (a source
        merged with others into one target), ``superset-of`` (a source split into several
        targets), ``intersects-with`` (a link in both a merge and a split). This is what
        crosswalk formats say per link, where change kinds (merged, split) are not set
        relations."""
        out = derived_relationships(self.links)
        out.update((d.link, d.relationship) for d in self.details if d.relationship)
        return out

    def reasons(self) -> dict[Link, str]:
        """Each link's reason, in the source's own words: stated for the link, else its
        relation's (both relations', where a link sits in a merge and a split); links
        with none are left out."""
        out = _relation_reasons(self.relations)
        out.update((d.link, d.reason) for d in self.details if d.reason)
        return out

    def records(self) -> list[dict[str, Any]]:
        """One record per relation: kind, its items (``;``-joined), how many, method,
        confidence, reason, note."""
        return [
            {
                "kind": r.kind,
                "from": "; ".join(r.sources) or None,
                "to": "; ".join(r.targets) or None,
                "n_from": len(r.sources),
                "n_to": len(r.targets),
                "method": r.method,
                "confidence": r.confidence,
                "reason": r.reason,
                "note": r.note,
            }
            for r in self.relations
        ]

    def to_frame(self) -> Any:
        """:meth:`records` as a pandas DataFrame (the ``pandas`` extra); ``kind`` is a
        categorical of the relation kinds in their usual order."""
        from .._core.frames import frame

        return frame(
            self.records(),
            feature="Mapping.to_frame()",
            categories={"kind": list(KINDS)},
            floats=["confidence"],
        )

    def _repr_html_(self) -> str:
        return display.html(self)

    # -- conversion ----------------------------------------------------------------------
    @classmethod
    def from_links(
        cls,
        links: MappingABC[Link, bool],
        *,
        framework: str,
        source_version: str,
        target_version: str,
        target_framework: str | None = None,
        removed: Iterable[str] = (),
        added: Iterable[str] = (),
        kept: Sequence[Relation] = (),
        facts: LinkAnnotations | None = None,
        info: MappingInfo | None = None,
        source: Catalogue | None = None,
        target: Catalogue | None = None,
        sort: bool = True,
        check: bool = True,
    ) -> Mapping:
        """The mapping whose link graph is ``links`` (link -> unchanged?), with the canonical
        relations for them, then ``removed`` and ``added`` items; ``kept`` relations come
        first as they are. Every importer, ``align`` and ``compose`` build mappings here.

        What is known of single links comes in ``facts`` (:class:`LinkAnnotations`): a relation's
        ``confidence`` is the lowest of its links' (None when none of them has one); its
        ``reason`` the one given for every one of its links (links whose reason their
        relation does not say keep it as a :class:`LinkDetail`); its ``note`` the distinct
        notes of its links, in order; its ``method`` the one its links share, else
        ``facts.method``. Stated set relationships are kept only where the graph would not
        give them. ``info`` (:class:`MappingInfo`) is what the mapping says of itself.
        ``sort`` orders the relations by kind, then IDs; without it they stay canonical
        relations, removed, added, in the order given. ``check`` runs every check of
        :meth:`from_dict` against ``source``/``target``.

        >>> m = Mapping.from_links({("a", "x"): True}, framework="demo", source_version="1",
        ...                        target_version="2", removed=["b"])
        >>> [(r.kind, r.sources, r.targets) for r in m.relations]
        [('unchanged', ('a',), ('x',)), ('removed', ('b',), ())]
        """
        facts = facts or LinkAnnotations()
        info = info or MappingInfo()
        method: str | None = facts.method
        methods: MappingABC[Link, str] = facts.methods
        scores: MappingABC[Link, float] = facts.confidence
        reasons: MappingABC[Link, str] = facts.reasons
        link_notes: MappingABC[Link, str] = facts.notes
        relationships: MappingABC[Link, Relationship] = facts.relationships

        def joined(words: MappingABC[Link, str] | None, pairs: list[Link]) -> str | None:
            if not words:
                return None
            found = dict.fromkeys(words[link] for link in pairs if link in words)
            return "; ".join(found) or None

        def shared(words: MappingABC[Link, str] | None, pairs: list[Link]) -> str | None:
            found = set(map(words.get, pairs)) if words else {None}
            return found.pop() if len(found) == 1 else None

        def method_of(pairs: list[Link]) -> str | None:
            found = {methods[link] for link in pairs if link in methods} if methods else set()
            return found.pop() if len(found) == 1 else method

        def relation(kind: RelationKind, froms: tuple[str, ...], tos: tuple[str, ...]) -> Relation:
            pairs = [(s, t) for s in froms for t in tos]  # its links
            return Relation(
                kind=kind,
                sources=froms,
                targets=tos,
                method=method_of(pairs),
                note=joined(link_notes, pairs),
                confidence=min((scores[link] for link in pairs if link in scores), default=None),
                reason=shared(reasons, pairs),
            )

        built = [relation(*canonical) for canonical in relations_from_links(links)]
        gone = facts.removed_notes
        built += [
            Relation(kind="removed", sources=(s,), method=method, note=gone.get(s)) for s in removed
        ]
        built += [Relation(kind="added", targets=(t,), method=method) for t in added]
        if sort:
            built.sort(key=lambda r: (KINDS.index(r.kind), r.sources, r.targets))
        by_relation = _relation_reasons(built)
        given_reasons = reasons or {}
        said = [link for link in sorted({*(relationships or {}), *given_reasons}) if link in links]
        derived = derived_relationships(links, only=said)  # of the links something is said of
        details = []
        for link in said:
            stated = (relationships or {}).get(link)
            reason = given_reasons.get(link)
            relationship = stated if stated != derived[link] else None
            own = reason if reason != by_relation.get(link) else None
            if relationship or own:  # only what the graph and relations would not say
                details.append(
                    link_detail(
                        source=link[0],
                        target=link[1],
                        relationship=relationship,
                        reason=own,
                    )
                )
        mapping = cls(
            framework=framework,
            target_framework=target_framework or framework,
            source_version=source_version,
            target_version=target_version,
            complete=info.complete,
            title=info.title,
            notes=info.notes,
            provenance=info.provenance,
            details=tuple(details),
            relations=(*kept, *built),
            source_catalogue=source,
            target_catalogue=target,
        )
        return mapping._checked(source, target) if check else mapping

    @classmethod
    def from_dict(
        cls,
        data: MappingABC[str, Any] | Document,
        *,
        source: Catalogue | None = None,
        target: Catalogue | None = None,
        filename: str | None = None,
    ) -> Mapping:
        """Build and check a mapping; every problem is reported in one :class:`DataError`.

        IDs may be canonical IDs, qualified references or council codes of the catalogues;
        they are stored canonical.
        """
        doc = as_document(data, "mapping", filename)
        from .reading import MappingReader

        return cls(**MappingReader(doc, source, target).build())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any]
        if self.is_crosswalk:
            out = {"from": self.source_key, "to": self.target_key}
        else:
            out = {
                "framework": self.framework,
                "from": self.source_version,
                "to": self.target_version,
            }
        out |= compact({"title": self.title})
        out["complete"] = self.complete
        out |= compact({"notes": self.notes})
        if self.provenance is not None and (provenance := self.provenance.to_dict()):
            out["provenance"] = provenance
        if self.published:
            out["published"] = [p.to_dict() for p in self.published]
        out["relations"] = [r.to_dict() for r in self.relations]
        if self.details:
            out["links"] = [d.to_dict() for d in self.details]
        return out


def _relation_reasons(relations: Iterable[Relation]) -> dict[Link, str]:
    """Each link's reason as its relations give it (distinct, ``; ``-joined)."""
    found: dict[Link, dict[str, None]] = {}
    for relation in relations:
        if relation.reason:
            for link in relation.links:
                found.setdefault(link, {})[relation.reason] = None
    return {link: "; ".join(words) for link, words in found.items()}


def derived_relationships(
    links: MappingABC[Link, bool], *, only: Iterable[Link] | None = None
) -> dict[Link, Relationship]:
    """Each link's set relationship as the link graph gives it (see
    :meth:`Mapping.relationships`); ``only``: of these links alone (none made for the
    others, as when a mapping states a few of its thousands)."""
    if only is not None:
        only = list(only)
        if not only:
            return {}
    graph = LinkGraph.of(links)
    out: dict[Link, Relationship] = {}
    for source, target in links if only is None else only:
        same = links[(source, target)]
        merge = graph.in_degree(target) > 1
        split = graph.out_degree(source) > 1
        out[(source, target)] = (
            "intersects-with"
            if merge and split
            else "subset-of"
            if merge
            else "superset-of"
            if split
            else "equal-to"
            if same
            else "equivalent-to"
        )
    return out
