"""SSSOM TSV (a ``#`` YAML metadata block above a table, or metadata in a file of its own)
-> a mapping."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..._core.errors import DataError, Problem
from .common import side

if TYPE_CHECKING:
    from ..._mappings.model import Mapping
    from ..store import Source, Store


def read(
    store: Store,
    found: Source,
    *,
    source: str | None = None,
    target: str | None = None,
    metadata: str | os.PathLike[str] | None = None,
) -> Mapping:
    from ..._interchange.sssom import from_sssom, merge_metadata

    left, right = side(store, source, "source"), side(store, target, "target")
    meta, rows = sssom_table(store, found)
    external = external_metadata(store, found, metadata)
    if external is not None:
        meta = merge_metadata(meta, external)
    return from_sssom(meta, rows, source_name=found.name, source=left, target=right)


def external_metadata(
    store: Store, found: Source, given: str | os.PathLike[str] | None
) -> dict[str, Any] | None:
    """The metadata file given, else ``FILE.yml`` (or ``.yaml``) beside ``FILE.tsv`` where
    there is one (SSSOM's external variant), parsed strictly; None when there is none."""
    if given is None:
        if found.path is None or found.bundled is not None:
            return None
        stem = os.path.splitext(found.path)[0]
        beside = [p for p in (stem + ".yml", stem + ".yaml") if os.path.isfile(p)]
        if not beside:
            return None
        given = beside[0]
    source = store.locate("mapping", given)
    data = store.document(source).data
    if not isinstance(data, dict):
        raise DataError(
            [Problem(message="an SSSOM metadata file must be a YAML mapping", source=source.name)]
        )
    return data


def sssom_table(store: Store, found: Source) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """An SSSOM TSV file: its ``#`` YAML metadata block and its rows (column -> cell),
    read within the Store's limits."""
    from ..._core.yamlio import parse_yaml
    from ..tables import csv_grid

    text = store.read_text(found)
    lines = text.splitlines()
    header = [ln for ln in lines if ln.startswith("#")]
    meta_text = "\n".join(ln[2:] if ln.startswith("# ") else ln[1:] for ln in header)
    meta = (
        parse_yaml(meta_text, source=f"{found.name} (metadata)").data if meta_text.strip() else {}
    )
    if not isinstance(meta, dict):
        raise DataError(
            [Problem(message="the # metadata block is not a YAML mapping", source=found.name)]
        )
    body = "\n".join(ln for ln in lines if not ln.startswith("#"))
    grid, _ = csv_grid(body.encode("utf-8"), source=found.name, limits=store.limits, delimiter="\t")
    if not grid:
        raise DataError(
            [
                Problem(
                    message="has no header row (subject_id, predicate_id, object_id, ...)",
                    source=found.name,
                )
            ]
        )
    from ..._interchange.sssom import missing_columns

    columns = [c.strip() for c in grid[0][1]]
    missing = missing_columns(columns)
    if missing:
        raise DataError(
            [
                Problem(
                    message=f"the header row lacks {', '.join(missing)}",
                    source=found.name,
                    line=len(header) + 1,
                )
            ]
        )
    rows = [
        dict(zip(columns, cells, strict=False))
        for _, cells in grid[1:]
        if any(c.strip() for c in cells)
    ]
    return meta, rows
