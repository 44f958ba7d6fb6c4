"""Reading tables (CSV, or XLSX through the ``excel`` extra) as a list of row dicts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .errors import DataError, MissingDependencyError, Problem

__all__ = ["read_rows"]


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows keyed by the header row; XLSX reads its first sheet."""
    return _rows_from_xlsx(path) if path.suffix.lower() == ".xlsx" else _rows_from_csv(path)


def _rows_from_csv(path: Path) -> list[dict[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError([Problem(message="no such file", source=str(path))]) from None
    return list(csv.DictReader(io.StringIO(text)))


def _rows_from_xlsx(path: Path) -> list[dict[str, str]]:
    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError.for_extra(
            module="openpyxl", extra="excel", feature="reading XLSX assessments"
        ) from None
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = [["" if c is None else str(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]
