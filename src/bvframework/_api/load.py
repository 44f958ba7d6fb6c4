"""Loading by reference, and routing between versions: the API's ground floor.

Each call reads through a :class:`Store` (a new one unless ``store=`` is given, so a
long-running program always sees files as they are now). Error messages name options the
way the caller's interface does (``catalogue=`` from Python, ``--catalogue`` from the
command line: the Store is given the spelling).
"""

from __future__ import annotations

import os
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from .._core.errors import UnknownReferenceError, UsageError
from .._store.store import Store

if TYPE_CHECKING:
    from .._assessments.model import Assessment
    from .._catalogues.model import Catalogue
    from .._core.vocab import ItemsPublished
    from .._mappings.model import Mapping
    from .._scales.model import Scale
    from .._store.options import TableOptions

__all__ = [
    "Ref",
    "Store",
    "TableOptions",
    "assessment_from_rows",
    "cli_store",
    "find_mapping",
    "is_table",
    "load_assessment",
    "load_assessments",
    "load_catalogue",
    "load_mapping",
    "load_scale",
    "read_table",
    "routes_to",
    "store_for",
    "table_options",
]

Ref = str | os.PathLike[str]


def store_for(store: Store | None) -> Store:
    """``store``, or a new one for this call."""
    return store if store is not None else Store()


def load_catalogue(
    ref: Ref, *, text: Literal["bundled", "cached"] = "bundled", store: Store | None = None
) -> Catalogue:
    """A catalogue from a file path or a bundled reference such as
    ``"best-value/statutory-2024-05"``.

    ``text="cached"`` gives a bundled catalogue with the wording of its official text, from
    the cache that ``bvframework fetch`` fills (nothing is downloaded here).

    >>> load_catalogue("best-value/statutory-2024-05").expected_items
    70

    :raises UnknownReferenceError: no such bundled catalogue or file; with ``text="cached"``,
        no official text in the cache (the message says how to get it).
    :raises DataError: the file has problems (all of them are listed), or the cached text
        does not match the SHA-256 recorded when it was fetched.
    """
    if text == "cached":
        from .._store.official import official

        return official(store_for(store), os.fspath(ref))
    return store_for(store).catalogue(ref)


def load_scale(
    ref: Ref,
    *,
    bands: MappingABC[str, tuple[float, float]] | None = None,
    store: Store | None = None,
) -> Scale:
    """A scale by built-in ID or path; ``bands`` overrides some levels' bands.

    >>> load_scale("six-colour").level("dark-green").band
    (0.8, 1.0)
    >>> load_scale("rag", bands={"amber": (0.4, 0.8), "green": (0.8, 1.0)}).level("amber").band
    (0.4, 0.8)
    """
    scale = store_for(store).scale(ref)
    return scale.with_bands(bands) if bands else scale


def load_mapping(
    ref: Ref,
    *,
    source: Catalogue | Ref | None = None,
    target: Catalogue | Ref | None = None,
    store: Store | None = None,
) -> Mapping:
    """A mapping from a file path or a bundled reference, checked against its catalogues.

    ``source``/``target`` (a :class:`Catalogue`, a path or a bundled reference) default to
    the catalogues beside the mapping file (``../../catalogues/<framework>/<version>.yaml``)
    or, failing that, the bundled ones; when neither exists the mapping is checked on its
    own.

    >>> m = load_mapping("best-value/draft-2023-07--statutory-2024-05")
    >>> m.complete
    False
    """
    return store_for(store).mapping(ref, source=source, target=target)


def find_mapping(
    source: str, target: str, *, mappings: Sequence[Mapping] = (), store: Store | None = None
) -> Mapping:
    """The mapping between two catalogues (``framework/version``): the shortest chain of the
    ``mappings`` given (preferred) and the bundled ones, composed; the identity from a
    version to itself. Only the mappings on the chain are built.

    :raises UnknownReferenceError: no chain of mappings leads there.
    """
    from .._mappings.route import MappingHeader, shortest_route

    s = store_for(store)
    if source == target:
        from .._mappings.compose import identity

        for mapping in mappings:
            for cat in (mapping.source_catalogue, mapping.target_catalogue):
                if cat is not None and cat.key == source:
                    return identity(cat)
        # a catalogue read from a file in this run is known by its key: no bundled copy
        return identity(s.read_catalogue(source) or s.catalogue(source))
    steps: list[tuple[str, str, Mapping | MappingHeader]] = [
        (m.source_key, m.target_key, m) for m in mappings
    ]
    for head in s.bundled_headers():
        steps.append((head.source_key, head.target_key, head))
    route = shortest_route(source, target, steps)
    if route is None:
        raise UnknownReferenceError(
            f"no bundled mapping or chain of mappings leads from {source} to {target}; "
            f"give one with {s.spell('mapping')}"
        )
    built = [step if not isinstance(step, MappingHeader) else s.mapping(step.ref) for step in route]
    s.used_mappings += [step for step in route if not isinstance(step, MappingHeader)]
    if len(built) == 1:
        return built[0]
    from .._mappings.compose import compose

    return compose(*built)


def routes_to(
    target: Catalogue,
    sources: Sequence[Catalogue],
    *,
    mappings: Sequence[Mapping] = (),
    store: Store | None = None,
) -> list[Mapping]:
    """For each of ``sources`` that is not ``target``, the mapping onto ``target``
    (:func:`find_mapping`), checked against both catalogues: what a comparison carries
    assessments through.

    :raises UnknownReferenceError: no chain leads from one of them to ``target``.
    """
    return [
        find_mapping(c.key, target.key, mappings=mappings, store=store).with_catalogues(c, target)
        for c in dict.fromkeys(sources)
        if c.key != target.key
    ]


def table_options(options: MappingABC[str, Any], *, store: Store | None = None) -> TableOptions:
    """The options for reading assessments kept as tables, checked.

    :raises UsageError: an option that is not one of them.
    """
    from .._store.options import TABLE_OPTIONS, TableOptions
    from .._store.store import api_spelling

    spell = store.spell if store is not None else api_spelling
    unknown = sorted(set(options) - set(TABLE_OPTIONS))
    if unknown:
        raise UsageError(
            f"unknown option {spell(unknown[0])} (options: "
            f"{', '.join(spell(o) for o in TABLE_OPTIONS)})"
        )
    plain = {k: v for k, v in options.items() if v is not None}
    for name in ("numbering", "council", "date", "sheet", "id"):
        if name in plain:
            plain[name] = str(plain[name])
    return TableOptions(**plain)


def load_assessment(ref: Ref, *, store: Store | None = None, **options: Any) -> Assessment:
    """An assessment from a YAML, CSV, TSV or XLSX file, or a bundled reference such as
    ``"best-value/blaby-2025"``.

    Tables take ``catalogue=`` (required), ``numbering=``, ``scale=`` (inferred from the
    labels when not given), ``council=``, ``id=``, ``date=`` and ``sheet=`` (XLSX).

    >>> load_assessment("best-value/blaby-2025").summary().levels["5"]
    24
    """
    return store_for(store).assessment(ref, table_options(options, store=store))


def read_table(path: Ref, *, store: Store | None = None, **options: Any) -> Assessment:
    """An assessment from a CSV, TSV or XLSX table (columns: item, score, and optionally
    theme, note, evidence, action); options as :func:`load_assessment`.

    :raises UsageError: ``catalogue=`` is missing.
    """
    s = store_for(store)
    return s.table_assessment(s.locate("assessment", path), table_options(options, store=s))


def assessment_from_rows(
    rows: Sequence[MappingABC[str, str]],
    *,
    catalogue: Catalogue | str,
    source: str,
    numbering: str | None = None,
    scale: Scale | str | None = None,
    council: str | None = None,
    id: str | None = None,
    date: str | None = None,
    items_published: ItemsPublished = "all",
    store: Store | None = None,
) -> Assessment:
    """An assessment from rows already read (dicts with ``item``/``code`` and ``score``
    keys, the first row being line 2 under a header)."""
    from .._assessments.tables import assessment_from_table
    from .._core.table import ASSESSMENT_COLUMNS, table_from_grid

    s = store_for(store)
    header = list(dict.fromkeys(k for row in rows for k in row))
    grid = [(1, header)] + [
        (n, [str(row.get(k) or "") for k in header]) for n, row in enumerate(rows, start=2)
    ]
    table = table_from_grid(grid, spec=ASSESSMENT_COLUMNS, source=source)
    return assessment_from_table(
        table,
        catalogue=s.catalogue(catalogue),
        scale=s.scale(scale) if scale is not None else None,
        scales=s.scales(),
        numbering=numbering,
        council=council,
        id=id,
        date=date,
        items_published=items_published,
    )


def cli_store() -> Store:
    """A Store that names options the command line's way (``--catalogue``)."""
    from .._store.store import cli_spelling

    return Store(spell=cli_spelling)


def load_assessments(
    refs: Sequence[Ref], *, options: TableOptions | None = None, store: Store | None = None
) -> list[Assessment]:
    """Assessments by reference, tables read with ``options``."""
    s = store_for(store)
    return [s.assessment(ref, options) for ref in refs]


def is_table(ref: str) -> bool:
    """Whether ``ref`` names a file read as a table (CSV, TSV, XLSX); standard input
    (``-``) may be one (the Store tells by its first line)."""
    from .._store.files import STDIN
    from .._store.store import TABLE_SUFFIXES

    return ref == STDIN or ref.lower().endswith(TABLE_SUFFIXES)
