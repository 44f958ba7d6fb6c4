"""A plain table (CSV, TSV, XLSX: theme, id, text) -> a catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..._catalogues.model import Catalogue
    from ..store import Source, Store


def read(store: Store, found: Source, **options: Any) -> Catalogue:
    """:raises UsageError: no framework or version named (a table names neither)."""
    from ..._core.errors import UsageError
    from ..._importers.table import table_catalogue

    if not (options.get("framework") and options.get("version")):
        raise UsageError(
            f"import table needs {store.spell('framework')} and {store.spell('version')}"
        )

    return table_catalogue(store.table(found), path=found.pure_path(), **options)
