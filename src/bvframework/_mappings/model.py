"""Relation, PublishedComparison and Mapping: a mapping file as checked, frozen values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Mapping as MappingABC
from functools import cached_property
from typing import TYPE_CHECKING, Any

from attrs import Factory, field, frozen

from .._catalogues.model import Catalogue
from .._core import display
from .._core.convert import as_document, compact, raise_if, strings
from .._core.document import Document
from .._core.errors import KeyPath, Problem, UnknownReferenceError
from .._core.vocab import (
    KINDS,
    Origin,
    RelationKind,
    Relationship,
    SourceDisposition,
)
from .analysis import Link, LinkGraph, classify, relations_from_links

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

# kind -> (min sources, max sources, min targets, max targets); None = unbounded
_SHAPES: dict[RelationKind, tuple[int, int | None, int, int | None]] = {
    "unchanged": (1, 1, 1, 1),
    "reworded": (1, 1, 1, 1),
    "merged": (2, None, 1, 1),
    "split": (1, 1, 2, None),
    "removed": (1, None, 0, 0),
    "added": (0, 0, 1, None),
}
_SHAPE_WORDS = {
    "unchanged": "exactly one 'from' and one 'to'",
    "reworded": "exactly one 'from' and one 'to'",
    "merged": "two or more 'from' and exactly one 'to'",
    "split": "exactly one 'from' and two or more 'to'",
    "removed": "one or more 'from' and no 'to'",
    "added": "one or more 'to' and no 'from'",
}


@frozen(kw_only=True, order=True)
class Relation:
    """One relation: links every item of ``sources`` to every item of ``targets``."""

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

    def to_dict(self) -> dict[str, Any]:
        return compact(
            {
                "kind": self.kind,
                "from": list(self.sources) or None,
                "to": list(self.targets) or None,
                "note": self.note,
                "evidence": list(self.evidence) or None,
                "method": self.method,
                "confidence": self.confidence,
                "reason": self.reason,
            }
        )


@frozen(kw_only=True)
class PublishedComparison:
    """Counts somebody published for this transition: reconciled, never used as results."""

    source: str
    counts: tuple[tuple[str, int], ...]
    quote: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return compact({"source": self.source, "quote": self.quote, "note": self.note}) | {
            "counts": dict(self.counts)
        }


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
        """The same relations re-checked against (other) catalogues."""
        return Mapping.from_dict(self.to_dict(), source=source, target=target)

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
        removed: Iterable[str] = (),
        added: Iterable[str] = (),
        kept: Sequence[Relation] = (),
        method: str | None = None,
        methods: MappingABC[Link, str] | None = None,
        confidence: MappingABC[Link, float] | None = None,
        reasons: MappingABC[Link, str] | None = None,
        link_notes: MappingABC[Link, str] | None = None,
        removed_notes: MappingABC[str, str] | None = None,
        complete: bool = True,
        sort: bool = True,
        title: str | None = None,
        notes: str | None = None,
        target_framework: str | None = None,
        relationships: MappingABC[Link, Relationship] | None = None,
        provenance: Provenance | None = None,
        source: Catalogue | None = None,
        target: Catalogue | None = None,
        check: bool = True,
    ) -> Mapping:
        """The mapping whose link graph is ``links`` (link -> unchanged?), with the canonical
        relations for them, then ``removed`` and ``added`` items; ``kept`` relations come
        first as they are. Every importer, ``align`` and ``compose`` build mappings here.

        A relation's ``confidence`` is the lowest ``confidence`` of its links (None when none
        of them has one); its ``reason`` the one ``reasons`` gives every one of its links
        (links whose reason their relation does not say keep it as a :class:`LinkDetail`);
        its ``note`` the distinct ``link_notes`` of its links, in order; its ``method`` the
        one its links share in ``methods``, else ``method``.
        ``sort`` orders the relations by kind, then IDs; without it they stay canonical
        relations, removed, added, in the order given. ``check`` runs every
        check of :meth:`from_dict` against ``source``/``target``. ``relationships`` states
        links' set relationships; only those the graph would not give are kept.

        >>> m = Mapping.from_links({("a", "x"): True}, framework="demo", source_version="1",
        ...                        target_version="2", removed=["b"])
        >>> [(r.kind, r.sources, r.targets) for r in m.relations]
        [('unchanged', ('a',), ('x',)), ('removed', ('b',), ())]
        """
        scores = confidence or {}

        def joined(
            words: MappingABC[Link, str] | None, froms: tuple[str, ...], tos: tuple[str, ...]
        ) -> str | None:
            if not words:
                return None
            found = dict.fromkeys(words[(s, t)] for s in froms for t in tos if (s, t) in words)
            return "; ".join(found) or None

        def shared(
            words: MappingABC[Link, str] | None, froms: tuple[str, ...], tos: tuple[str, ...]
        ) -> str | None:
            found = {words.get((s, t)) for s in froms for t in tos} if words else {None}
            return found.pop() if len(found) == 1 else None

        def method_of(froms: tuple[str, ...], tos: tuple[str, ...]) -> str | None:
            found = (
                {methods[(s, t)] for s in froms for t in tos if (s, t) in methods}
                if methods
                else set()
            )
            return found.pop() if len(found) == 1 else method

        built = [
            Relation(
                kind=kind,
                sources=froms,
                targets=tos,
                method=method_of(froms, tos),
                note=joined(link_notes, froms, tos),
                confidence=min(
                    (scores[(s, t)] for s in froms for t in tos if (s, t) in scores),
                    default=None,
                ),
                reason=shared(reasons, froms, tos),
            )
            for kind, froms, tos in relations_from_links(links)
        ]
        gone = removed_notes or {}
        built += [
            Relation(kind="removed", sources=(s,), method=method, note=gone.get(s)) for s in removed
        ]
        built += [Relation(kind="added", targets=(t,), method=method) for t in added]
        if sort:
            built.sort(key=lambda r: (KINDS.index(r.kind), r.sources, r.targets))
        derived = derived_relationships(links)
        by_relation = _relation_reasons(built)
        given_reasons = reasons or {}
        details = []
        for link in sorted(set(relationships or {}) | set(given_reasons)):
            if link not in links:
                continue
            stated = (relationships or {}).get(link)
            reason = given_reasons.get(link)
            relationship = stated if stated != derived[link] else None
            own = reason if reason != by_relation.get(link) else None
            if relationship or own:  # only what the graph and relations would not say
                details.append(
                    _detail(source=link[0], target=link[1], relationship=relationship, reason=own)
                )
        mapping = cls(
            framework=framework,
            target_framework=target_framework or framework,
            source_version=source_version,
            target_version=target_version,
            complete=complete,
            title=title,
            notes=notes,
            provenance=provenance,
            details=tuple(details),
            relations=(*kept, *built),
            source_catalogue=source,
            target_catalogue=target,
        )
        return mapping.with_catalogues(source, target) if check else mapping

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
        return _Builder(doc, source, target).build()

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


def _detail(**values: Any) -> LinkDetail:
    from .details import LinkDetail  # only mappings that state link details need it

    return LinkDetail(**values)


def _provenance(data: MappingABC[str, Any] | None) -> Provenance | None:
    if data is None:
        return None
    from .details import Provenance  # only mappings that state provenance need it

    return Provenance.from_dict(data)


def derived_relationships(links: MappingABC[Link, bool]) -> dict[Link, Relationship]:
    """Each link's set relationship as the link graph gives it (see
    :meth:`Mapping.relationships`)."""
    graph = LinkGraph.of(links)
    out: dict[Link, Relationship] = {}
    for (source, target), same in links.items():
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


class _Builder:
    """Checks one mapping document against its catalogues, collecting every problem."""

    def __init__(self, doc: Document, source: Catalogue | None, target: Catalogue | None):
        self.doc = doc
        self.raw = doc.data
        self.source = source
        self.target = target
        self.problems: list[Problem] = []

    def fail(self, message: str, path: KeyPath = ()) -> None:
        self.problems.append(self.doc.problem(message, path))

    def check_header(self) -> tuple[str, str, str, str] | None:
        """The two sides (framework, version each), checked against the catalogues."""
        try:
            sides = split_sides(self.raw.get("framework"), self.raw["from"], self.raw["to"])
        except ValueError as exc:
            self.fail(str(exc), ("framework",))
            return None
        for key, catalogue, framework, version in (
            ("from", self.source, sides[0], sides[1]),
            ("to", self.target, sides[2], sides[3]),
        ):
            if catalogue is None:
                continue
            if catalogue.framework != framework:
                where = "framework" if "/" not in self.raw[key] else key
                self.fail(
                    f"mapping is for framework {framework!r} but the {key} catalogue is "
                    f"{catalogue.key}",
                    (where,),
                )
            elif catalogue.version != version:
                self.fail(
                    f"{key!r} is {self.raw[key]!r} but the catalogue given is {catalogue.key}",
                    (key,),
                )
        return sides

    def details(self, relations: list[tuple[int, Relation]]) -> list[LinkDetail]:
        """The stated link details, each naming a link some relation makes, once."""
        links = {link for _, r in relations for link in r.links}
        out: dict[tuple[str, str], LinkDetail] = {}
        for i, raw in enumerate(self.raw.get("links", ())):
            path: KeyPath = ("links", i)
            source = self.resolve(self.source, raw["from"], (*path, "from"))
            target = self.resolve(self.target, raw["to"], (*path, "to"))
            if source is None or target is None:
                continue
            if (source, target) not in links:
                self.fail(f"no relation links {source!r} to {target!r}", path)
            elif (source, target) in out:
                self.fail(f"the link {source!r} -> {target!r} is listed twice", path)
            else:
                out[(source, target)] = _detail(
                    source=source,
                    target=target,
                    relationship=raw.get("relationship"),
                    reason=raw.get("reason"),
                )
        return sorted(out.values())

    def resolve(self, catalogue: Catalogue | None, ref: str, path: KeyPath) -> str | None:
        if catalogue is None:
            return ref
        try:
            return catalogue.resolve(ref)
        except UnknownReferenceError as exc:
            self.fail(str(exc), path)
            return None

    def relation(self, i: int, raw: MappingABC[str, Any]) -> Relation | None:
        kind = raw["kind"]
        path: KeyPath = ("relations", i)
        ids: dict[str, list[str]] = {}
        ok = True
        for key, catalogue in (("from", self.source), ("to", self.target)):
            ids[key] = []
            for j, ref in enumerate(raw.get(key, ())):
                resolved = self.resolve(catalogue, ref, (*path, key, j))
                if resolved is None:
                    ok = False
                elif resolved in ids[key]:
                    self.fail(f"{ref!r} is listed twice", (*path, key, j))
                    ok = False
                else:
                    ids[key].append(resolved)
        lo_s, hi_s, lo_t, hi_t = _SHAPES[kind]
        n_s, n_t = len(raw.get("from", ())), len(raw.get("to", ()))
        if (
            n_s < lo_s
            or (hi_s is not None and n_s > hi_s)
            or n_t < lo_t
            or (hi_t is not None and n_t > hi_t)
        ):
            self.fail(
                f"{'an' if kind[0] in 'aeiou' else 'a'} {kind!r} relation needs "
                f"{_SHAPE_WORDS[kind]}; it has {n_s} 'from' and "
                f"{n_t} 'to'",
                path,
            )
            ok = False
        if not ok:
            return None
        return Relation(
            kind=kind,
            sources=tuple(ids["from"]),
            targets=tuple(ids["to"]),
            note=raw.get("note"),
            evidence=strings(raw.get("evidence")),
            method=raw.get("method"),
            confidence=raw.get("confidence"),
            reason=raw.get("reason"),
        )

    def check_links(self, relations: list[tuple[int, Relation]]) -> None:
        """Removed/added items must not be linked; unchanged/reworded items have one link."""
        for side, attr, lonely in (("from", "sources", "removed"), ("to", "targets", "added")):
            uses: dict[str, list[tuple[int, str]]] = {}
            for i, relation in relations:
                for item in getattr(relation, attr):
                    uses.setdefault(item, []).append((i, relation.kind))
            for item, where in uses.items():
                kinds = [k for _, k in where]
                if len(where) < 2:
                    continue
                listed = ", ".join(f"relations[{i}] ({k})" for i, k in where)
                first = where[0][0]
                if lonely in kinds:
                    self.fail(
                        f"{side} item {item!r} is {lonely} and also in another relation: {listed}",
                        ("relations", first),
                    )
                elif "unchanged" in kinds or "reworded" in kinds:
                    self.fail(
                        f"{side} item {item!r} is in a 1:1 relation and also in another: {listed}",
                        ("relations", first),
                    )

    def check_complete(self, relations: list[tuple[int, Relation]]) -> None:
        for side, catalogue, attr in (
            ("from", self.source, "sources"),
            ("to", self.target, "targets"),
        ):
            if catalogue is None:
                continue
            used = {item for _, r in relations for item in getattr(r, attr)}
            missing = [item.id for item in catalogue.items if item.id not in used]
            if missing:
                shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
                self.fail(
                    f"'complete' is true but {len(missing)} {side} items of {catalogue.key} "
                    f"are in no relation: {shown}",
                    ("complete",),
                )

    def build(self) -> Mapping:
        sides = self.check_header()
        relations: list[tuple[int, Relation]] = []
        for i, raw in enumerate(self.raw["relations"]):
            built = self.relation(i, raw)
            if built is not None:
                relations.append((i, built))
        details = self.details(relations)
        self.check_links(relations)
        if self.raw["complete"]:
            self.check_complete(relations)
        published = tuple(
            PublishedComparison(
                source=p["source"],
                quote=p.get("quote"),
                note=p.get("note"),
                counts=tuple((k, int(v)) for k, v in p["counts"].items()),
            )
            for p in self.raw.get("published", ())
        )
        raise_if(self.problems)
        assert sides is not None  # a problem was recorded otherwise
        return Mapping(
            framework=sides[0],
            source_version=sides[1],
            target_framework=sides[2],
            target_version=sides[3],
            complete=self.raw["complete"],
            provenance=_provenance(self.raw.get("provenance")),
            details=tuple(details),
            title=self.raw.get("title"),
            notes=self.raw.get("notes"),
            published=published,
            relations=tuple(r for _, r in relations),
            source_catalogue=self.source,
            target_catalogue=self.target,
        )
