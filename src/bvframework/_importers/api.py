"""``import_catalogue(kind, path, ...)``: one entry point for every importer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._catalogues.model import Catalogue
from .._core.errors import UnknownReferenceError
from .._core.suggest import suggest

__all__ = ["IMPORTERS", "import_catalogue"]

IMPORTERS = ("govuk", "oscal", "asvs", "table")


def import_catalogue(kind: str, path: str | Path, **options: Any) -> Catalogue:
    """A catalogue from an official document or another framework's file.

    ``kind`` is ``govuk`` (options ``onto``, ``themes``, ``framework``, ``version``),
    ``oscal`` (``framework``, ``version``, ``include_withdrawn``), ``asvs`` (``version``) or
    ``table`` (``framework``, ``version``, ``title``).
    """
    if kind == "govuk":
        from .govuk import govuk_catalogue

        return govuk_catalogue(path, **options)
    if kind == "oscal":
        from .oscal import oscal_catalogue

        return oscal_catalogue(path, **options)
    if kind == "asvs":
        from .asvs import asvs_catalogue

        return asvs_catalogue(path, **options)
    if kind == "table":
        from .table import table_catalogue

        return table_catalogue(path, **options)
    raise UnknownReferenceError(
        f"unknown importer {kind!r} (importers: {', '.join(IMPORTERS)})",
        suggestions=suggest(kind, IMPORTERS),
    )
