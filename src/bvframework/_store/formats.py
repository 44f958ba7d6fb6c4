"""Every foreign format the input layer reads, in one table.

A format is a reader module in :mod:`._store.readers` (a ``read(store, source, **options)``
function) plus one line in :data:`FORMATS`; nothing else names formats. The readers turn a
file into parsed data through the :class:`~._store.store.Store` (so every limit and the
per-run cache apply) and hand that data to a pure importer. Reader modules are imported
only when their format is read.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Literal, get_args

from attrs import frozen

from .._core.errors import BvFrameworkError, DataError, Problem

if TYPE_CHECKING:
    import os
    from collections.abc import Callable
    from collections.abc import Mapping as MappingABC

    from .._mappings.model import Mapping
    from .store import Source, Store

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "IMPORTERS",
    "LIBRARY_FORMATS",
    "MAPPING_FORMATS",
    "REVISION_FORMATS",
    "Format",
    "Importer",
    "LibraryFormat",
    "MappingFormat",
    "find_format",
    "importing",
    "read_format",
]

Role = Literal["catalogue", "mapping", "revision", "library", "export"]
"""What a format is for: reading a catalogue; reading a mapping; reading a revision's
mapping between two catalogues already imported (an ASVS transition file, an OSCAL
catalog's withdrawn links); reading another tool's library, whatever it holds (a framework
and its scale, or a crosswalk: a :class:`~._importers.common.Library`); or writing a
mapping (``export``)."""

Importer = Literal["govuk", "oscal", "asvs", "table"]
MappingFormat = Literal["oscal-mapping", "sssom"]
LibraryFormat = Literal["ciso"]
ExportFormat = Literal["oscal", "sssom", "ciso"]


@frozen(kw_only=True)
class Format:
    """One foreign format: the role it plays, its reader module, how messages name a file of
    it, and the options its reader takes (the CLI and the API check them against these)."""

    name: str
    role: Role
    reader: str
    """The module in ``_store.readers`` holding ``read(store, source, **options)``; for an
    export, the writer function in ``_interchange.export``."""
    what: str
    options: tuple[str, ...] = ()
    separate: bool = False
    """A revision format whose mapping is a file of its own (not stated by the newer
    release)."""


FORMATS: dict[tuple[Role, str], Format] = {
    (f.role, f.name): f
    for f in (
        Format(
            name="govuk",
            role="catalogue",
            reader="govuk",
            what="govuk",
            options=("onto", "themes", "framework", "version", "max_items"),
        ),
        Format(
            name="oscal",
            role="catalogue",
            reader="oscal",
            what="oscal",
            options=("framework", "version", "include_withdrawn"),
        ),
        Format(name="asvs", role="catalogue", reader="asvs", what="asvs", options=("version",)),
        Format(
            name="table",
            role="catalogue",
            reader="table",
            what="table",
            options=("framework", "version", "title"),
        ),
        Format(
            name="oscal-mapping",
            role="mapping",
            reader="oscal_mapping",
            what="oscal-mapping",
            options=("source", "target", "index"),
        ),
        Format(
            name="sssom",
            role="mapping",
            reader="sssom",
            what="sssom",
            options=("source", "target", "metadata"),
        ),
        Format(name="asvs", role="revision", reader="asvs", what="ASVS mapping", separate=True),
        Format(name="oscal", role="revision", reader="oscal", what="OSCAL"),
        Format(
            name="ciso",
            role="library",
            reader="ciso",
            what="CISO Assistant library",
            options=("framework", "version", "index", "source", "target"),
        ),
        Format(name="oscal", role="export", reader="oscal_text", what="OSCAL"),
        Format(name="sssom", role="export", reader="sssom_text", what="SSSOM"),
        Format(
            name="ciso",
            role="export",
            reader="ciso_text",
            what="CISO Assistant",
            options=("version",),
        ),
    )
}

IMPORTERS: tuple[Importer, ...] = get_args(Importer)
MAPPING_FORMATS: tuple[MappingFormat, ...] = get_args(MappingFormat)
LIBRARY_FORMATS: tuple[LibraryFormat, ...] = get_args(LibraryFormat)
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
REVISION_FORMATS: tuple[str, ...] = tuple(n for r, n in FORMATS if r == "revision")


def _check_table() -> None:
    """The Literal vocabularies and the table name the same formats."""
    for role, names in (
        ("catalogue", IMPORTERS),
        ("mapping", MAPPING_FORMATS),
        ("library", LIBRARY_FORMATS),
        ("export", EXPORT_FORMATS),
    ):
        assert {n for r, n in FORMATS if r == role} == set(names), role


_check_table()

_PLURAL = {
    "catalogue": "importers",
    "mapping": "mapping formats",
    "revision": "formats",
    "library": "library formats",
    "export": "formats",
}
_WHAT = {
    "catalogue": "importer",
    "mapping": "mapping format",
    "revision": "format",
    "library": "library format",
    "export": "format",
}


def find_format(role: Role, name: str) -> Format:
    """The format ``name`` of ``role``.

    :raises UnknownReferenceError: no such format (with suggestions).
    """
    from .._core.suggest import check_choice

    check_choice(
        name,
        tuple(n for r, n in FORMATS if r == role),
        what=_WHAT[role],
        plural=_PLURAL[role],
    )
    return FORMATS[(role, name)]


@contextmanager
def importing(what: str, source: Source) -> Iterator[None]:
    """The boundary around a reader: a file of an unexpected shape that slips past its
    checks ends as one located error, never as a traceback."""
    try:
        yield
    except BvFrameworkError:
        raise
    except (
        TypeError,
        AttributeError,
        KeyError,
        IndexError,
        ValueError,
        StopIteration,
        RecursionError,
    ) as exc:
        raise DataError(
            [
                Problem(
                    message=f"cannot be read as {what} (unexpected structure: "
                    f"{type(exc).__name__})",
                    source=source.name,
                )
            ]
        ) from None


def read_format(
    store: Store, role: Role, name: str, ref: str | os.PathLike[str], **options: Any
) -> Any:
    """Read ``ref`` as format ``name`` of ``role`` through ``store``, within its limits.

    :raises UnknownReferenceError: an unknown format, or no such file.
    :raises UsageError: an option the format does not take.
    :raises DataError: the file is not of that format, or has problems (all listed).
    """
    from .._core.errors import UsageError

    found = find_format(role, name)
    unknown = [o for o in options if o not in found.options and options[o] is not None]
    if role != "revision" and unknown:
        raise UsageError(
            f"{store.spell(unknown[0])} does not apply to {name} "
            f"(it takes: {', '.join(store.spell(o) for o in found.options) or 'no options'})"
        )
    source = store.locate("mapping" if role == "mapping" else "catalogue", ref)
    reader = importlib.import_module(f"{__package__}.readers.{found.reader}")
    read = reader.read_revision if role == "revision" else reader.read
    from .._core.progress import debug, info

    info("bvframework.import", "importing %s as %s", source.name, found.what)
    with importing(found.what, source):
        result = read(store, source, **options)
    debug("bvframework.import", "imported %s: %s", source.name, _counted(result))
    return result


def _counted(result: Any) -> str:
    """What an import gave, counted, for -v: a catalogue's items, a mapping's relations
    (a library holds either)."""
    held = [getattr(result, k, None) for k in ("catalogue", "mapping")]
    counts = [
        (len(p.relations), "relation") if hasattr(p, "relations") else (len(p), "item")
        for p in [p for p in held if p is not None] or [result]
    ]
    return ", ".join(f"{n:,} {what}{'' if n == 1 else 's'}" for n, what in counts)


def export_text(
    mapping: Mapping,
    name: str,
    *,
    date: str | None = None,
    source_ids: MappingABC[str, str] | None = None,
    target_ids: MappingABC[str, str] | None = None,
    **options: Any,
) -> str:
    """``mapping`` as the text of a file of export format ``name``; the same mapping and
    date always give the same text. ``source_ids``/``target_ids`` override the catalogues'
    identifier templates (``prefix``, ``iri``, ``urn``); ``options`` are the format's own
    (``ciso``: the library ``version``).

    :raises UnknownReferenceError: an unknown format.
    :raises UsageError: a template of the wrong shape; an option the format does not take.
    :raises DataError: the mapping cannot be said in that format.
    """
    from .._core.errors import UsageError
    from .._interchange import export

    found = find_format("export", name)
    given = {k: v for k, v in options.items() if v is not None}
    unknown = [o for o in given if o not in found.options]
    if unknown:
        raise UsageError(
            f"{unknown[0]} does not apply to {name} exports "
            f"(it takes: {', '.join(found.options) or 'no options'})"
        )
    export.check_templates(source_ids, target_ids)
    write: Callable[..., str] = getattr(export, found.reader)
    return write(mapping, date=date, source_ids=source_ids, target_ids=target_ids, **given)
