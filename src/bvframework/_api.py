"""The Python API's entry points that name files or bundled data.

Each call reads through a :class:`Store` (a new one unless ``store=`` is given, so a
long-running program always sees files as they are now), then hands objects to the pure
models, algorithms and renderers. Error messages name options the Python way
(``catalogue=``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ._store.options import TableOptions
from ._store.store import Store
from ._store.write import write_output

if TYPE_CHECKING:
    from ._assessments.compare import Comparison
    from ._assessments.model import Assessment
    from ._catalogues.model import Catalogue
    from ._core.vocab import ComparePolicy, ItemsPublished, MergePolicy
    from ._mappings.model import Mapping
    from ._render.heatmap import HeatMap
    from ._scales.model import Scale

__all__ = [
    "assessment_from_rows",
    "compare",
    "find_mapping",
    "heatmap",
    "import_catalogue",
    "load_assessment",
    "load_catalogue",
    "load_mapping",
    "load_scale",
    "read_table",
    "render_heatmap",
]

Ref = str | os.PathLike[str]
_TABLE_OPTIONS = ("catalogue", "numbering", "scale", "council", "date", "sheet", "id")


def _store(store: Store | None) -> Store:
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
        return _store(store).official(os.fspath(ref))
    return _store(store).catalogue(ref)


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
    scale = _store(store).scale(ref)
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
    return _store(store).mapping(ref, source=source, target=target)


def find_mapping(
    source: str, target: str, *, mappings: Sequence[Mapping] = (), store: Store | None = None
) -> Mapping:
    """The mapping between two catalogues (``framework/version``), composing a chain if
    needed, from the ``mappings`` given (preferred) and the bundled ones.

    :raises UnknownReferenceError: no chain of mappings leads there.
    """
    return _store(store).find_mapping(source, target, mappings=mappings)


def _table_options(options: MappingABC[str, Any]) -> TableOptions:
    unknown = sorted(set(options) - set(_TABLE_OPTIONS))
    if unknown:
        from ._core.errors import UsageError

        raise UsageError(
            f"unknown option {unknown[0]}= (options: {', '.join(o + '=' for o in _TABLE_OPTIONS)})"
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
    return _store(store).assessment(ref, _table_options(options))


def read_table(path: Ref, *, store: Store | None = None, **options: Any) -> Assessment:
    """An assessment from a CSV, TSV or XLSX table (columns: item, score, and optionally
    theme, note, evidence, action); options as :func:`load_assessment`.

    :raises UsageError: ``catalogue=`` is missing.
    """
    s = _store(store)
    return s.table_assessment(s.locate("assessment", path), _table_options(options))


def assessment_from_rows(
    rows: Sequence[MappingABC[str, str]],
    *,
    catalogue: Catalogue | str,
    source: str,
    numbering: str | None = None,
    scale: Scale | str | None = None,
    council: str = "unknown",
    id: str | None = None,
    date: str | None = None,
    items_published: ItemsPublished = "all",
    store: Store | None = None,
) -> Assessment:
    """An assessment from rows already read (dicts with ``item``/``code`` and ``score``
    keys, the first row being line 2 under a header)."""
    from ._assessments.tables import assessment_from_table
    from ._core.table import ASSESSMENT_COLUMNS, table_from_grid

    s = _store(store)
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


def import_catalogue(
    kind: str, path: Ref, *, store: Store | None = None, **options: Any
) -> Catalogue:
    """A catalogue from an official document or another framework's file.

    ``kind`` is ``govuk`` (options ``onto``, ``themes``, ``framework``, ``version``),
    ``oscal`` (``framework``, ``version``, ``include_withdrawn``), ``asvs`` (``version``) or
    ``table`` (``framework``, ``version``, ``title``).
    """
    return _store(store).import_catalogue(kind, path, **options)


def import_mapping(
    path: Ref,
    format: str,
    *,
    source: str | None = None,
    target: str | None = None,
    index: int | None = None,
    store: Store | None = None,
) -> Mapping:
    """A mapping from another tool's file: ``format`` is ``oscal-mapping`` (an OSCAL
    mapping collection, JSON or YAML, 1.0.4 to 1.2.x) or ``sssom`` (SSSOM TSV).

    ``source``/``target`` (``framework/version``) name the two sides where the file does
    not (files bvframework wrote name them). ``index`` picks one mapping of an OSCAL
    collection that holds several. An OSCAL mapping is ``complete: false``: OSCAL does not
    say that what is not mapped is absent.

    >>> import bvframework as bv
    >>> m = bv.load_mapping("best-value/runnymede-2024--draft-2023-07")
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "runnymede.sssom.tsv")
    >>> bv.export_mapping(m, "sssom", path, date="2026-11-25")
    >>> again = bv.import_mapping(path, "sssom")
    >>> bv.diff_mappings(m, again).links_agree, again.relationships() == m.relationships()
    (True, True)

    :raises DataError: the file is not of that format, or has problems (all listed).
    """
    return _store(store).import_mapping(format, path, source=source, target=target, index=index)


def export_mapping(
    mapping: Mapping,
    format: str,
    path: Ref | None = None,
    *,
    date: str | None = None,
    source_identifiers: MappingABC[str, str] | None = None,
    target_identifiers: MappingABC[str, str] | None = None,
) -> str | None:
    """``mapping`` in another tool's format: ``oscal`` (OSCAL 1.2.1 mapping-collection,
    JSON), ``sssom`` (SSSOM TSV) or ``ciso`` (a CISO Assistant library, YAML). Written
    atomically to ``path`` when given, else returned as text. ``date`` (YYYY-MM-DD) is the
    date the file states (default: the mapping's ``provenance.date``, else
    ``SOURCE_DATE_EPOCH``, else today); the same mapping and date give the same bytes.
    ``source_identifiers``/``target_identifiers`` (``prefix``, ``iri``, ``urn`` templates)
    name each side's items where the catalogues do not declare it, e.g. CISO Assistant's
    ``{"urn": "urn:intuitem:risk:req_node:owasp-asvs-4.0.3:v{id}"}``.

    :raises DataError: the mapping cannot be said in that format (an OSCAL mapping needs a
        link; CISO Assistant needs two different frameworks), or ``path`` cannot be written.
    """
    from ._interchange.export import export_text

    text = export_text(
        mapping,
        format,
        date=date,
        source_ids=source_identifiers,
        target_ids=target_identifiers,
    )
    if path is None:
        return text
    write_output(os.fspath(path), text)
    return None


def compare(
    *assessments: Assessment,
    scale: Scale,
    version: Catalogue | None = None,
    policy: ComparePolicy = "nearest",
    merge_policy: MergePolicy = "worst",
    mappings: Sequence[Mapping] = (),
    store: Store | None = None,
) -> Comparison:
    """Bring assessments to one ``scale`` and ``version``: :func:`compare` of the pure
    layer, with the bundled mappings added where the ``mappings`` given do not reach a
    version (read through ``store``; only the mappings on the way are built)."""
    from ._assessments.compare import compare as pure_compare

    target = version or (assessments[0].catalogue if assessments else None)
    routes = list(mappings)
    if target is not None:
        missing = [
            a.catalogue for a in assessments if not _reaches(a.catalogue.key, target.key, routes)
        ]
        if missing:
            routes += _store(store).routes_to(target, missing, mappings=mappings)
    return pure_compare(
        *assessments,
        scale=scale,
        version=version,
        policy=policy,
        merge_policy=merge_policy,
        mappings=routes,
    )


def _reaches(source: str, target: str, mappings: Sequence[Mapping]) -> bool:
    from ._mappings.route import mapping_steps, shortest_route

    return shortest_route(source, target, mapping_steps(mappings)) is not None


def heatmap(
    assessment: Assessment,
    *,
    against: Assessment | None = None,
    scale: Scale | None = None,
    policy: ComparePolicy = "nearest",
    mappings: Sequence[Mapping] = (),
    store: Store | None = None,
) -> HeatMap:
    """A heat map of ``assessment``; with ``against``, a change map of ``assessment``
    compared with it on ``scale`` (default: the scale of ``assessment``)."""
    from ._render.heatmap import build, build_change

    if against is None:
        return build(assessment)
    comparison = compare(
        against,
        assessment,
        scale=scale or assessment.scale,
        version=assessment.catalogue,
        policy=policy,
        mappings=mappings,
        store=store,
    )
    return build_change(comparison)


def render_heatmap(assessment: Assessment, path: str | os.PathLike[str], **options: Any) -> None:
    """Write a heat map to ``path`` (atomically); the format follows the suffix (``.html``,
    ``.svg``, ``.png``, or ``.xlsx``: the workbook with the grid and a sheet of items);
    options as :func:`heatmap`."""
    from ._core.errors import UsageError
    from ._render.heatmap import render

    suffix = Path(path).suffix.lower()
    if suffix not in (".html", ".svg", ".png", ".xlsx"):
        raise UsageError(f"{os.fspath(path)}: a heat map is written as .html, .svg, .png or .xlsx")
    drawn = heatmap(assessment, **options)
    if suffix == ".xlsx":
        from ._render.workbook import heatmap_workbook

        write_output(os.fspath(path), heatmap_workbook(drawn, assessment))
        return
    write_output(os.fspath(path), render(drawn, suffix))
