"""Relation, PublishedComparison and Mapping: a mapping file as checked, frozen values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Mapping as MappingABC
from functools import cached_property
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from .._catalogues.model import Catalogue
from .._core import display
from .._core.convert import as_document, compact, raise_if, strings
from .._core.document import Document
from .._core.errors import KeyPath, Problem, UnknownReferenceError
from .._core.vocab import KINDS, Origin, RelationKind, Relationship, SourceDisposition
from .analysis import Link, LinkGraph, classify, relations_from_links

if TYPE_CHECKING:
    from .reconcile import Reconciliation
    from .summary import MappingSummary

__all__ = ["KINDS", "Mapping", "PublishedComparison", "Relation"]

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


@frozen(kw_only=True)
class Mapping:
    """Relations from one version of a framework to another.

    ``source_catalogue``/``target_catalogue`` are the catalogues it was checked against (None
    when checked on its own; then only items named in relations are known).
    """

    framework: str
    source_version: str
    target_version: str
    complete: bool
    relations: tuple[Relation, ...] = field(repr=lambda rs: f"<{len(rs)} relations>")
    published: tuple[PublishedComparison, ...] = field(
        default=(), repr=lambda ps: f"<{len(ps)} published comparisons>"
    )
    title: str | None = None
    notes: str | None = None
    source_catalogue: Catalogue | None = field(default=None, eq=False, repr=False)
    target_catalogue: Catalogue | None = field(default=None, eq=False, repr=False)

    @property
    def key(self) -> str:
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
        """The set relationship of every link, read off the link graph: ``equivalent`` (1:1),
        ``subset-of`` (a source merged with others into one target), ``superset-of`` (a
        source split into several targets), ``intersects-with`` (a link in both a merge and
        a split). This is what crosswalk formats (OSCAL, SSSOM) say per link, where change
        kinds (merged, split) are not set relations."""
        graph = LinkGraph.of(self.links)
        out: dict[Link, Relationship] = {}
        for source, target in self.links:
            merge = graph.in_degree(target) > 1
            split = graph.out_degree(source) > 1
            out[(source, target)] = (
                "intersects-with"
                if merge and split
                else "subset-of"
                if merge
                else "superset-of"
                if split
                else "equivalent"
            )
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
        confidence: MappingABC[Link, float] | None = None,
        reasons: MappingABC[Link, str] | None = None,
        removed_notes: MappingABC[str, str] | None = None,
        complete: bool = True,
        sort: bool = True,
        title: str | None = None,
        notes: str | None = None,
        source: Catalogue | None = None,
        target: Catalogue | None = None,
        check: bool = True,
    ) -> Mapping:
        """The mapping whose link graph is ``links`` (link -> unchanged?), with the canonical
        relations for them, then ``removed`` and ``added`` items; ``kept`` relations come
        first as they are. Every importer, ``align`` and ``compose`` build mappings here.

        A relation's ``confidence`` is the lowest ``confidence`` of its links (None when none
        of them has one); its ``reason`` the distinct ``reasons`` of its links, in order.
        ``sort`` orders the relations by kind, then IDs; without it they stay canonical
        relations, removed, added, in the order given. ``check`` runs every
        check of :meth:`from_dict` against ``source``/``target``.

        >>> m = Mapping.from_links({("a", "x"): True}, framework="demo", source_version="1",
        ...                        target_version="2", removed=["b"])
        >>> [(r.kind, r.sources, r.targets) for r in m.relations]
        [('unchanged', ('a',), ('x',)), ('removed', ('b',), ())]
        """
        scores = confidence or {}
        words = reasons or {}

        def reason(froms: tuple[str, ...], tos: tuple[str, ...]) -> str | None:
            found = dict.fromkeys(words[(s, t)] for s in froms for t in tos if (s, t) in words)
            return "; ".join(found) or None

        built = [
            Relation(
                kind=kind,
                sources=froms,
                targets=tos,
                method=method,
                confidence=min(
                    (scores[(s, t)] for s in froms for t in tos if (s, t) in scores),
                    default=None,
                ),
                reason=reason(froms, tos),
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
        mapping = cls(
            framework=framework,
            source_version=source_version,
            target_version=target_version,
            complete=complete,
            title=title,
            notes=notes,
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
        out: dict[str, Any] = {
            "framework": self.framework,
            "from": self.source_version,
            "to": self.target_version,
        }
        out |= compact({"title": self.title})
        out["complete"] = self.complete
        out |= compact({"notes": self.notes})
        if self.published:
            out["published"] = [p.to_dict() for p in self.published]
        out["relations"] = [r.to_dict() for r in self.relations]
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

    def check_header(self) -> None:
        for side, catalogue, key in (("from", self.source, "from"), ("to", self.target, "to")):
            if catalogue is None:
                continue
            if catalogue.framework != self.raw["framework"]:
                self.fail(
                    f"mapping is for framework {self.raw['framework']!r} but the {side} "
                    f"catalogue is {catalogue.key}",
                    ("framework",),
                )
            elif catalogue.version != self.raw[key]:
                self.fail(
                    f"{key!r} is {self.raw[key]!r} but the catalogue given is {catalogue.key}",
                    (key,),
                )

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
        self.check_header()
        relations: list[tuple[int, Relation]] = []
        for i, raw in enumerate(self.raw["relations"]):
            built = self.relation(i, raw)
            if built is not None:
                relations.append((i, built))
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
        return Mapping(
            framework=self.raw["framework"],
            source_version=self.raw["from"],
            target_version=self.raw["to"],
            complete=self.raw["complete"],
            title=self.raw.get("title"),
            notes=self.raw.get("notes"),
            published=published,
            relations=tuple(r for _, r in relations),
            source_catalogue=self.source,
            target_catalogue=self.target,
        )
