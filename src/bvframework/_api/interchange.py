"""Other tools' files in and out: importing catalogues and mappings, exporting mappings."""

from __future__ import annotations

import os
from collections.abc import Mapping as MappingABC
from typing import TYPE_CHECKING, Any

from .load import Ref, store_for
from .output import write

if TYPE_CHECKING:
    from .._catalogues.model import Catalogue
    from .._importers.common import Library
    from .._mappings.model import Mapping
    from .._store.store import Store

__all__ = [
    "export_mapping",
    "import_catalogue",
    "import_library",
    "import_mapping",
    "import_revision",
    "write_layout",
]


def import_catalogue(
    kind: str, path: Ref, *, store: Store | None = None, **options: Any
) -> Catalogue:
    """A catalogue from an official document or another framework's file.

    ``kind`` is ``govuk`` (options ``onto``, ``themes``, ``framework``, ``version``,
    ``max_items``: a page of more list items is refused, default 20,000),
    ``oscal`` (``framework``, ``version``, ``include_withdrawn``), ``asvs`` (``version``) or
    ``table`` (``framework``, ``version``, ``title``).

    :raises UnknownReferenceError: an unknown kind, or no such file.
    :raises UsageError: an option ``kind`` does not take.
    :raises DataError: the file is not of that kind, or has problems (all listed).
    """
    from .._store.formats import read_format

    catalogue: Catalogue = read_format(store_for(store), "catalogue", kind, path, **options)
    return catalogue


def import_mapping(
    path: Ref,
    format: str,
    *,
    source: str | None = None,
    target: str | None = None,
    index: int | None = None,
    metadata: Ref | None = None,
    store: Store | None = None,
) -> Mapping:
    """A mapping from another tool's file: ``format`` is ``oscal-mapping`` (an OSCAL
    mapping collection, JSON or YAML, 1.0.4 to 1.2.x; XML is refused, saying how to
    convert it) or ``sssom`` (SSSOM TSV). ``metadata``: an SSSOM mapping set's metadata
    kept in a file of its own (SSSOM's external variant; by default ``FILE.yml`` beside a
    ``FILE.tsv`` is read where there is one), merged under the table's own ``#`` block.

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

    :raises UsageError: ``source``/``target`` not ``framework/version``; an option the
        format does not take.
    :raises DataError: the file is not of that format, or has problems (all listed).
    """
    from .._store.formats import read_format

    options: dict[str, Any] = {
        "source": source,
        "target": target,
        "index": index,
        "metadata": metadata,
    }
    mapping: Mapping = read_format(
        store_for(store),
        "mapping",
        format,
        path,
        **{k: v for k, v in options.items() if v is not None},
    )
    return mapping


def import_library(
    path: Ref,
    format: str = "ciso",
    *,
    framework: str | None = None,
    version: str | None = None,
    index: int | None = None,
    source: Ref | Catalogue | None = None,
    target: Ref | Catalogue | None = None,
    store: Store | None = None,
) -> Library:
    """Whatever another tool's library file holds: ``format`` ``ciso`` (a CISO Assistant
    library, YAML or JSON). A framework library gives a :class:`Library` whose
    ``catalogue`` holds its assessable requirements (``framework``/``version`` name it;
    default: from the framework URN) and whose ``scale`` is its ``scores_definition``
    (None when it states no scores); a mapping library gives one whose ``mapping`` links
    the requirements of ``source`` and ``target`` (each a catalogue, a catalogue file or
    reference, or the CISO Assistant framework library itself; without them an item is the
    last part of its URN). ``index`` chooses one of several frameworks or mapping sets.

    >>> import bvframework as bv
    >>> lib = bv.import_library("tests/data/ciso/toy-framework.yaml")
    >>> lib.kind, lib.catalogue.key, len(lib.catalogue), [lv.label for lv in lib.scale.levels]
    ('framework', 'toy/1.0', 3, ['Absent', 'Partial', 'Done'])

    :raises UnknownReferenceError: an unknown format, or no such file.
    :raises UsageError: an option that does not apply to what the library holds.
    :raises DataError: not such a library, or malformed (every problem located).
    """
    from .._store.formats import read_format

    options: dict[str, Any] = {
        "framework": framework,
        "version": version,
        "index": index,
        "source": source,
        "target": target,
    }
    library: Library = read_format(
        store_for(store),
        "library",
        format,
        path,
        **{k: v for k, v in options.items() if v is not None},
    )
    return library


def import_revision(
    kind: str, old: Catalogue, new: Catalogue, path: Ref, *, store: Store | None = None
) -> Mapping:
    """The mapping between two imported releases that ``path`` states: ``asvs`` (an OWASP
    ASVS transition file) or ``oscal`` (``path`` is the NEWER OSCAL catalog, whose
    withdrawn controls say where they went).

    :raises DataError: the file is not of that kind, or has problems (all listed).
    """
    from .._store.formats import read_format

    mapping: Mapping = read_format(store_for(store), "revision", kind, path, old=old, new=new)
    return mapping


def export_mapping(
    mapping: Mapping,
    format: str,
    path: Ref | None = None,
    *,
    date: str | None = None,
    source_identifiers: MappingABC[str, str] | None = None,
    target_identifiers: MappingABC[str, str] | None = None,
    version: int | None = None,
    store: Store | None = None,
) -> str | None:
    """``mapping`` in another tool's format: ``oscal`` (OSCAL 1.2.1 mapping-collection,
    JSON), ``sssom`` (SSSOM TSV) or ``ciso`` (a CISO Assistant library, YAML). Written
    atomically to ``path`` when given, else returned as text. ``date`` (YYYY-MM-DD) is the
    date the file states (default: the mapping's ``provenance.date``, else
    ``SOURCE_DATE_EPOCH``, else today); the same mapping and date give the same bytes.
    ``source_identifiers``/``target_identifiers`` (``prefix``, ``iri``, ``urn`` templates)
    name each side's items where the catalogues do not declare it, e.g. CISO Assistant's
    ``{"urn": "urn:intuitem:risk:req_node:owasp-asvs-4.0.3:v{id}"}`` (``{nist_id}`` writes
    an OSCAL enhancement ``ac-2.1`` as ``ac-2(1)``). ``version``: the CISO Assistant
    library's version (default 1; raise it for a revised library, as CISO Assistant updates
    a loaded library only from a higher version).

    :raises UsageError: ``version`` with another format, or not a positive whole number.
    :raises DataError: the mapping cannot be said in that format (an OSCAL or CISO Assistant
        mapping needs a link; CISO Assistant needs two different frameworks), or ``path``
        cannot be written.
    """
    from .._store.formats import export_text

    text = export_text(
        mapping,
        format,
        date=date,
        source_ids=source_identifiers,
        target_ids=target_identifiers,
        version=version,
    )
    if path is None:
        return text
    write(os.fspath(path), text, store=store)
    return None


def write_layout(
    root: Ref, old: Catalogue, new: Catalogue, mapping: Mapping, *, store: Store | None = None
) -> list[str]:
    """Write two catalogues and the mapping between them under ``root`` in this repository's
    layout (``catalogues/<framework>/<version>.yaml``, ``mappings/<framework>/<from>--<to>.yaml``),
    folders made as needed; returns the paths written.

    :raises UsageError: a framework or version that is not a safe file name, or a path that
        names an input.
    """
    from .._core.errors import UsageError
    from .._core.yamlio import dump_yaml
    from .._store.bundled import is_bundled_ref

    for catalogue in (old, new):
        for what, text in (("framework", catalogue.framework), ("version", catalogue.version)):
            if not is_bundled_ref(text) or "/" in text:
                raise UsageError(
                    f"{what} {text!r} is not a safe file name (letters, digits, . _ -)"
                )
    base = os.fspath(root)
    files = [
        (os.path.join(base, "catalogues", c.framework, f"{c.version}.yaml"), c.to_dict())
        for c in (old, new)
    ]
    name = f"{mapping.source_version}--{mapping.target_version}.yaml"
    files.append((os.path.join(base, "mappings", mapping.framework, name), mapping.to_dict()))
    for path, data in files:
        write(path, dump_yaml(data), store=store, parents=True)
    return [path for path, _ in files]
