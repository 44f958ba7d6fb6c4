"""Catalogues and mappings by reference: what a reference holds, diffs (itemised from the
official texts when the cache has them) and suggested mappings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .load import Ref, find_mapping, store_for

if TYPE_CHECKING:
    from .._catalogues.model import Catalogue
    from .._core.vocab import DataKind
    from .._mappings.model import Mapping
    from .._store.store import Store

__all__ = ["Diff", "bundled", "cache_folder", "diff", "kind_of", "suggest"]


def bundled(kind: DataKind) -> tuple[str, ...]:
    """The bundled references of ``kind``."""
    from .._store.bundled import bundled_refs

    return bundled_refs(kind)


def kind_of(ref: str, *, store: Store | None = None) -> DataKind:
    """What a reference or file holds: catalogue, mapping, scale or assessment.

    :raises UnknownReferenceError: nothing bundled or on disk by that name.
    :raises DataError: a file that is none of the four.
    """
    return store_for(store).kind_of(ref)


class Diff(NamedTuple):
    """What changed between two versions: the mapping (itemised from the official texts
    where the cache has them) and, where it could be itemised but is not, how to do it.
    (A named tuple: built on the main job's path, where an attrs class costs as much as
    the rest of the API's import.)"""

    mapping: Mapping
    hint: str | None = None


def _official(catalogue: Catalogue) -> bool:
    """A bundled catalogue whose official text can be fetched."""
    from .._store.sources import SOURCES

    return catalogue.origin == catalogue.key and catalogue.key in SOURCES


def _characteristics(catalogue: Catalogue) -> Catalogue:
    """The catalogue without indicators of failure: comparisons count characteristics."""
    from attrs import evolve

    from .._catalogues.model import PRIMARY_KIND

    themes = tuple(
        evolve(t, items=tuple(i for i in t.items if i.kind == PRIMARY_KIND))
        for t in catalogue.themes
    )
    return evolve(catalogue, themes=themes)


def _itemise(mapping: Mapping, store: Store) -> Mapping:
    """The bundled mapping completed by aligning the official texts (suggested), with its
    cited relations kept as they are and its published comparisons carried along."""
    from attrs import evolve

    from .._align.align import align
    from .._store.official import official

    assert mapping.source_catalogue is not None
    assert mapping.target_catalogue is not None
    old = _characteristics(official(store, mapping.source_catalogue.key))
    new = _characteristics(official(store, mapping.target_catalogue.key))
    aligned = align(old, new, curated=mapping.with_catalogues(old, new))
    return evolve(
        aligned,
        published=mapping.published,
        title=f"{mapping.source_version} -> {mapping.target_version}: suggested from the "
        "official texts",
    )


def diff(
    source: Ref, target: Ref, *, mappings: Sequence[Ref] = (), store: Store | None = None
) -> Diff:
    """What changed from catalogue ``source`` to ``target``: through the ``mappings`` given
    (files or bundled references) and the bundled ones, composed where needed. A bundled
    pair whose mapping is not complete is itemised from the official texts when the cache
    holds both (suggested relations, each with a confidence); otherwise the hint says how.

    :raises UnknownReferenceError: no chain of mappings leads from one to the other.
    :raises UsageError: two different catalogues that claim the same version.
    """
    from .._core.errors import UsageError
    from .._store.sources import has_official

    s = store_for(store)
    old, new = s.catalogue(source), s.catalogue(target)
    # one mapping is checked against the two catalogues; a chain against its own
    given = (
        [s.mapping(mappings[0], source=old, target=new)]
        if len(mappings) == 1
        else [s.mapping(ref) for ref in mappings]
    )
    if old.key == new.key and not given and {i.id for i in old.items} != {i.id for i in new.items}:
        raise UsageError(
            f"{source} and {target} both say they are {old.key} but their items differ: a "
            f"diff is between two versions (give each its own version, or a mapping with "
            f"{s.spell('mapping')})"
        )
    mapping = find_mapping(old.key, new.key, mappings=given, store=s)
    if mapping.source_catalogue is not old or mapping.target_catalogue is not new:
        mapping = mapping.with_catalogues(old, new)
    if given or mapping.complete or not (_official(old) and _official(new)):
        return Diff(mapping=mapping)
    if has_official(old.key) and has_official(new.key):
        return Diff(mapping=_itemise(mapping, s))
    return Diff(
        mapping=mapping,
        hint=f"`bvframework fetch {old.framework}` downloads both official texts (Open "
        "Government Licence v3.0); `diff` then suggests how every item maps",
    )


def _review_notes(mapping: Mapping) -> Mapping:
    """Suggested relations with the two texts beside each other, for the reviewer."""
    from attrs import evolve

    old, new = mapping.source_catalogue, mapping.target_catalogue
    if old is None or new is None:
        return mapping

    def short(text: str | None) -> str:
        text = " ".join((text or "").split())
        return text if len(text) <= 90 else text[:87] + "..."

    relations = []
    for given in mapping.relations:
        relation = given
        if relation.method == "suggested" and relation.note is None:
            olds = [short(old.item(i).text or old.item(i).label) for i in relation.sources]
            news = [short(new.item(i).text or new.item(i).label) for i in relation.targets]
            note = " | ".join(
                [*(f"old: {t}" for t in olds if t), *(f"new: {t}" for t in news if t)]
            )
            if note:
                relation = evolve(relation, note=note)
        relations.append(relation)
    # only notes change: the links, and so every check against the catalogues, stay as they
    # were (a round trip through to_dict and from_dict took 0.9 s at 20,000 relations)
    return evolve(mapping, relations=tuple(relations))


def suggest(
    old: Ref,
    new: Ref,
    *,
    curated: Ref | None = None,
    store: Store | None = None,
    **options: Any,
) -> Mapping:
    """A complete mapping suggested from the two catalogues' texts (:func:`align`, options
    as there), every suggested relation noted with the two texts for its reviewer;
    ``curated`` relations (a mapping file) are kept as they are."""
    from .._align.align import align

    s = store_for(store)
    source, target = s.catalogue(old), s.catalogue(new)
    kept = s.mapping(curated, source=source, target=target) if curated else None
    return _review_notes(align(source, target, curated=kept, **options))


def cache_folder() -> str:
    """Where fetched official texts are kept (``BVFRAMEWORK_CACHE``, else the platform's
    cache folder)."""
    from .._store.sources import cache_root

    return cache_root()
