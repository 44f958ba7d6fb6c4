"""Catalogue, Theme, Item, ItemRef and NumberingScheme value classes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from .._core import display
from .._core.convert import Data, as_document, compact, raise_if, strings
from .._core.document import Document
from .._core.errors import Problem, UnknownReferenceError
from .._core.suggest import suggest

if TYPE_CHECKING:
    from .ref import ItemRef

__all__ = [
    "PRIMARY_KIND",
    "Catalogue",
    "Item",
    "ItemRef",
    "NumberingScheme",
    "Theme",
]

# expected_items counts items of this kind; others (indicators of failure, withdrawn
# controls) are carried alongside without changing what "complete" means.
PRIMARY_KIND = "characteristic"


@frozen(kw_only=True)
class Item(Data):
    """One item of a catalogue (a characteristic, an indicator, a requirement, ...).

    ``label`` and ``text`` are set only from a cited source, which ``evidence`` names.
    """

    __data__ = ("id", "kind?", "label?", "text?", "evidence?", "note?")

    id: str
    theme: str
    position: int
    kind: str = "characteristic"
    label: str | None = None
    text: str | None = None
    evidence: tuple[str, ...] = ()
    note: str | None = None


@frozen(kw_only=True)
class Theme(Data):
    __data__ = ("id", "title", "description?", "expected_items?", "evidence?", "items")
    id: str
    title: str
    items: tuple[Item, ...]
    description: str | None = None
    expected_items: int | None = None
    evidence: tuple[str, ...] = ()


@frozen(kw_only=True)
class NumberingScheme(Data):
    """A council's own item codes, each naming a canonical item ID of the catalogue."""

    __data__ = ("id", "title?", "source?", "note?", "codes{}")

    id: str
    codes: tuple[tuple[str, str], ...]
    title: str | None = None
    source: str | None = None
    note: str | None = None

    @cached_property
    def table(self) -> Mapping[str, str]:
        return dict(self.codes)


@frozen(kw_only=True)
class Catalogue:
    """One version of a framework: ordered themes of ordered items.

    >>> cat = Catalogue.from_dict({
    ...     "framework": "demo", "version": "v1", "title": "Demo",
    ...     "themes": [{"id": "A", "title": "Alpha", "items": [{"id": "A-1"}, {"id": "A-2"}]}],
    ...     "numbering": [{"id": "council", "codes": {"A001": "A-1"}}],
    ... })
    >>> [item.id for item in cat.items]
    ['A-1', 'A-2']
    >>> cat.resolve("A001"), str(cat.ref("A-2"))
    ('A-1', 'demo/v1/A-2')
    """

    framework: str
    version: str
    title: str
    themes: tuple[Theme, ...] = field(
        repr=lambda ts: f"<{len(ts)} themes, {sum(len(t.items) for t in ts)} items>"
    )
    status: str | None = None
    published: str | None = None
    source: str | None = None
    licence: str | None = None
    expected_items: int | None = None
    completeness: str | None = None
    notes: str | None = None
    numbering: tuple[NumberingScheme, ...] = ()
    identifier_templates: tuple[tuple[str, str], ...] = ()
    """What the file declares under ``identifiers`` (``prefix``, ``iri``, ``urn``)."""
    origin: str | None = field(default=None, eq=False, repr=False)
    """Where it was read from: the bundled reference or the file's absolute path."""

    @property
    def ref_for_files(self) -> str:
        """How a data file should name this catalogue: bundled key, else its file."""
        return self.origin or self.key

    # -- identity and lookup -------------------------------------------------------------
    @property
    def key(self) -> str:
        """``framework/version``: the bundled reference of this catalogue."""
        return f"{self.framework}/{self.version}"

    @cached_property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for theme in self.themes for item in theme.items)

    @cached_property
    def _by_id(self) -> Mapping[str, Item]:
        return {item.id: item for item in self.items}

    @cached_property
    def _codes(self) -> Mapping[str, tuple[tuple[str, str], ...]]:
        found: dict[str, list[tuple[str, str]]] = {}
        for scheme in self.numbering:
            for code, item_id in scheme.codes:
                found.setdefault(code, []).append((scheme.id, item_id))
        return {code: tuple(hits) for code, hits in found.items()}

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._by_id

    def ref(self, item_id: str) -> ItemRef:
        """The version-qualified reference of an item (ID or council code)."""
        from .ref import ItemRef

        return ItemRef(framework=self.framework, version=self.version, id=self.resolve(item_id))

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise UnknownReferenceError(
            f"{self.key} has no theme {theme_id!r}",
            suggestions=[t.id for t in self.themes],
        )

    def scheme(self, scheme_id: str) -> NumberingScheme:
        for scheme in self.numbering:
            if scheme.id == scheme_id:
                return scheme
        raise UnknownReferenceError(
            f"{self.key} has no numbering scheme {scheme_id!r}",
            suggestions=[s.id for s in self.numbering],
        )

    def resolve(self, ref: str, *, scheme: str | None = None) -> str:
        """The canonical item ID for an ID, a council code or a qualified reference.

        With ``scheme`` only that numbering scheme's codes are accepted (and canonical IDs).
        """
        if "/" in ref:
            from .ref import ItemRef

            qualified = ItemRef.parse(ref)
            if (qualified.framework, qualified.version) != (self.framework, self.version):
                raise UnknownReferenceError(
                    f"{ref!r} belongs to {qualified.framework}/{qualified.version}, not {self.key}"
                )
            ref = qualified.id
        if ref in self._by_id:
            return ref
        if scheme is not None:
            hit = self.scheme(scheme).table.get(ref)
            if hit is not None:
                return hit
        else:
            hits = self._codes.get(ref, ())
            targets = {item_id for _, item_id in hits}
            if len(targets) == 1:
                return hits[0][1]
            if len(targets) > 1:
                named = ", ".join(f"{s}: {i}" for s, i in hits)
                raise UnknownReferenceError(
                    f"code {ref!r} means different items in {self.key} ({named}); "
                    "name the numbering scheme"
                )
        options = list(self._by_id)
        options += list(self.scheme(scheme).table if scheme else self._codes)
        close = suggest(ref, options)
        within = f" (scheme {scheme!r})" if scheme else ""
        raise UnknownReferenceError(f"{self.key}{within} has no item {ref!r}", suggestions=close)

    def item(self, ref: str, *, scheme: str | None = None) -> Item:
        return self._by_id[self.resolve(ref, scheme=scheme)]

    # -- completeness --------------------------------------------------------------------
    @property
    def primary_items(self) -> tuple[Item, ...]:
        """The items ``expected_items`` counts (kind ``characteristic``)."""
        return tuple(item for item in self.items if item.kind == PRIMARY_KIND)

    @property
    def is_complete(self) -> bool:
        """True when the source's item count is known and every item is listed."""
        return self.expected_items is not None and self.expected_items == len(self.primary_items)

    def completeness_line(self) -> str:
        listed = len(self.primary_items)
        if self.expected_items is None:
            noun = "item" if listed == 1 else "items"
            return f"{listed} {noun} listed; the source's item count is not known"
        if listed == self.expected_items:
            return f"all {listed} items listed"
        return f"{listed} of {self.expected_items} items listed"

    def records(self) -> list[dict[str, Any]]:
        """One record per item, in order: ID, theme, theme title, position, kind, label,
        text, note, and one column per numbering scheme with the item's code there."""
        codes = {s.id: {v: k for k, v in s.codes} for s in self.numbering}
        out = []
        for theme in self.themes:
            for item in theme.items:
                record: dict[str, Any] = {
                    "item": item.id,
                    "theme": theme.id,
                    "theme_title": theme.title,
                    "position": item.position,
                    "kind": item.kind,
                    "label": item.label,
                    "text": item.text,
                    "note": item.note,
                }
                record |= {scheme: table.get(item.id) for scheme, table in codes.items()}
                out.append(record)
        return out

    def to_frame(self) -> Any:
        """:meth:`records` as a pandas DataFrame indexed by item ID (the ``pandas`` extra)."""
        from .._core.frames import frame

        return frame(
            self.records(),
            feature="Catalogue.to_frame()",
            categories={"theme": [t.id for t in self.themes]},
            integers=["position"],
            index="item",
        )

    def _repr_html_(self) -> str:
        return display.html(self)

    # -- conversion ----------------------------------------------------------------------
    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any] | Document, *, filename: str | None = None
    ) -> Catalogue:
        """Build and check a catalogue; every problem is reported in one :class:`DataError`."""
        doc = as_document(data, "catalogue", filename)
        raw = doc.data
        problems: list[Problem] = []
        seen_items: dict[str, tuple[int, int]] = {}
        seen_themes: set[str] = set()
        themes: list[Theme] = []
        for t, theme in enumerate(raw["themes"]):
            if theme["id"] in seen_themes:
                problems.append(doc.problem(f"duplicate theme id {theme['id']!r}", ("themes", t)))
            seen_themes.add(theme["id"])
            items: list[Item] = []
            for i, item in enumerate(theme["items"]):
                path = ("themes", t, "items", i)
                if item["id"] in seen_items:
                    ft, fi = seen_items[item["id"]]
                    problems.append(
                        doc.problem(
                            f"duplicate item id {item['id']!r} (first at themes[{ft}].items[{fi}])",
                            (*path, "id"),
                        )
                    )
                seen_items.setdefault(item["id"], (t, i))
                if ("label" in item or "text" in item) and not item.get("evidence"):
                    problems.append(
                        doc.problem("an item with a label or text needs 'evidence'", path)
                    )
                items.append(
                    Item(
                        id=item["id"],
                        theme=theme["id"],
                        position=i + 1,
                        kind=item.get("kind", "characteristic"),
                        label=item.get("label"),
                        text=item.get("text"),
                        evidence=strings(item.get("evidence")),
                        note=item.get("note"),
                    )
                )
            expected = theme.get("expected_items")
            counted = sum(1 for it in items if it.kind == PRIMARY_KIND)
            if expected is not None and counted > expected:
                problems.append(
                    doc.problem(
                        f"lists {counted} items but expected_items is {expected}",
                        ("themes", t),
                    )
                )
            themes.append(
                Theme(
                    id=theme["id"],
                    title=theme["title"],
                    description=theme.get("description"),
                    expected_items=expected,
                    evidence=strings(theme.get("evidence")),
                    items=tuple(items),
                )
            )
        total = sum(1 for th in themes for it in th.items if it.kind == PRIMARY_KIND)
        expected_total = raw.get("expected_items")
        if expected_total is not None:
            if total > expected_total:
                problems.append(
                    doc.problem(f"lists {total} items but expected_items is {expected_total}")
                )
            theme_sum = sum(t.expected_items or 0 for t in themes)
            if all(t.expected_items is not None for t in themes) and theme_sum != expected_total:
                problems.append(
                    doc.problem(
                        f"themes expect {theme_sum} items in all but expected_items is "
                        f"{expected_total}",
                        ("expected_items",),
                    )
                )
        schemes: list[NumberingScheme] = []
        seen_schemes: set[str] = set()
        for s, scheme in enumerate(raw.get("numbering", ())):
            if scheme["id"] in seen_schemes:
                problems.append(
                    doc.problem(f"duplicate numbering scheme {scheme['id']!r}", ("numbering", s))
                )
            seen_schemes.add(scheme["id"])
            for code, target in scheme["codes"].items():
                where = ("numbering", s, "codes", code)
                if target not in seen_items:
                    problems.append(
                        doc.problem(f"code {code!r} names unknown item {target!r}", where)
                    )
                elif code in seen_items and code != target:
                    problems.append(
                        doc.problem(
                            f"code {code!r} is also the ID of another item; it would be ambiguous",
                            where,
                        )
                    )
            schemes.append(
                NumberingScheme(
                    id=scheme["id"],
                    title=scheme.get("title"),
                    source=scheme.get("source"),
                    note=scheme.get("note"),
                    codes=tuple((str(k), str(v)) for k, v in scheme["codes"].items()),
                )
            )
        raise_if(problems)
        return cls(
            framework=raw["framework"],
            version=raw["version"],
            title=raw["title"],
            status=raw.get("status"),
            published=raw.get("published"),
            source=raw.get("source"),
            licence=raw.get("licence"),
            expected_items=expected_total,
            completeness=raw.get("completeness"),
            notes=raw.get("notes"),
            themes=tuple(themes),
            numbering=tuple(schemes),
            identifier_templates=tuple(raw.get("identifiers", {}).items()),
        )

    def to_dict(self) -> dict[str, Any]:
        head = compact(
            {
                "framework": self.framework,
                "version": self.version,
                "title": self.title,
                "status": self.status,
                "published": self.published,
                "source": self.source,
                "licence": self.licence,
            }
        )
        head["expected_items"] = self.expected_items
        tail = compact({"completeness": self.completeness, "notes": self.notes})
        body: dict[str, Any] = {"themes": [t.to_dict() for t in self.themes]}
        if self.numbering:
            body["numbering"] = [s.to_dict() for s in self.numbering]
        if self.identifier_templates:
            body["identifiers"] = dict(self.identifier_templates)
        return head | tail | body
