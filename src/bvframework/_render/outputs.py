"""Which file a result is written as: each output's suffixes, and the renderer that makes
its bytes (one table for the API and the command line)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._assessments.compare import Comparison
    from .._assessments.migrate import Migration
    from .._assessments.model import Assessment
    from .heatmap import HeatMap

__all__ = [
    "COMPARISON_SUFFIXES",
    "HEATMAP_SUFFIXES",
    "MIGRATION_SUFFIXES",
    "REPORT_SUFFIXES",
    "comparison_bytes",
    "heatmap_bytes",
    "migration_bytes",
    "suffix_of",
]

HEATMAP_SUFFIXES = (".html", ".svg", ".png", ".xlsx")
COMPARISON_SUFFIXES = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
MIGRATION_SUFFIXES = (".yaml", ".yml", ".csv")
REPORT_SUFFIXES = (".html", ".htm")


def suffix_of(path: str | os.PathLike[str]) -> str:
    """A file's suffix, lower case (``""`` for ``-``, standard output)."""
    return os.path.splitext(os.fspath(path))[1].lower()


def heatmap_bytes(heatmap: HeatMap, assessment: Assessment, suffix: str) -> str | bytes:
    """The heat map as a file of ``suffix`` (``.html``, ``.svg``, ``.png``, ``.xlsx``; any
    other, such as standard output's, is HTML)."""
    if suffix == ".xlsx":
        from .workbook import heatmap_workbook

        return heatmap_workbook(heatmap, assessment)
    from .heatmap import render

    return render(heatmap, suffix if suffix in HEATMAP_SUFFIXES else ".html")


def comparison_bytes(comparison: Comparison, format: str) -> str | bytes:
    """The comparison as ``csv``, ``json`` or ``xlsx`` (coloured cells, theme counts and
    the ledger)."""
    if format == "xlsx":
        from .workbook import comparison_workbook

        return comparison_workbook(comparison)
    if format == "json":
        import json

        return json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return comparison.to_csv()


def migration_bytes(migration: Migration, suffix: str) -> str:
    """The migrated assessment as a file of ``suffix``: ``.csv``, else YAML."""
    from .._assessments.tables import dump_assessment, write_csv

    if suffix == ".csv":
        return write_csv(migration.assessment)
    return dump_assessment(migration.assessment)
