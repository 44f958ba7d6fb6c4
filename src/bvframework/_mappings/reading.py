"""Reading a mapping's data: every rule it is checked against, every problem reported."""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from typing import TYPE_CHECKING, Any

from .._catalogues.model import Catalogue
from .._core.convert import raise_if, strings
from .._core.document import Document
from .._core.errors import KeyPath, Problem, UnknownReferenceError

if TYPE_CHECKING:
    from .details import LinkDetail

from .relation import (
    SHAPE_WORDS,
    SHAPES,
    PublishedComparison,
    Relation,
    link_detail,
    provenance_of,
    split_sides,
)

__all__ = ["MappingReader"]


class MappingReader:
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
                out[(source, target)] = link_detail(
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
        lo_s, hi_s, lo_t, hi_t = SHAPES[kind]
        n_s, n_t = len(raw.get("from", ())), len(raw.get("to", ()))
        if (
            n_s < lo_s
            or (hi_s is not None and n_s > hi_s)
            or n_t < lo_t
            or (hi_t is not None and n_t > hi_t)
        ):
            self.fail(
                f"{'an' if kind[0] in 'aeiou' else 'a'} {kind!r} relation needs "
                f"{SHAPE_WORDS[kind]}; it has {n_s} 'from' and "
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

    def build(self) -> dict[str, Any]:
        """The mapping's fields, every problem checked (all reported in one DataError)."""
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
        return dict(  # noqa: C408 (the Mapping's keyword arguments)
            framework=sides[0],
            source_version=sides[1],
            target_framework=sides[2],
            target_version=sides[3],
            complete=self.raw["complete"],
            provenance=provenance_of(self.raw.get("provenance")),
            details=tuple(details),
            title=self.raw.get("title"),
            notes=self.raw.get("notes"),
            published=published,
            relations=tuple(r for _, r in relations),
            source_catalogue=self.source,
            target_catalogue=self.target,
        )
