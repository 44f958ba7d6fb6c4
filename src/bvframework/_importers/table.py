"""A plain table (CSV or XLSX) with columns theme, id, text: a catalogue of anything."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from .._catalogues.model import Catalogue
from .._core.errors import DataError, Problem
from .._core.table import Table
from .common import build_catalogue

__all__ = ["table_catalogue"]


def table_catalogue(
    table: Table, *, path: PurePath, framework: str, version: str, title: str | None = None
) -> Catalogue:
    """Rows ``theme, id, text`` (optional ``theme_title``, ``label``, ``kind``), in order.

    Every row needs a theme and an ID; the text is optional. Problems name the row.
    """
    rows = table.rows
    problems = []
    themes: dict[str, dict[str, Any]] = {}
    for row in rows:
        n, cells = row.line, row.cells
        missing = [c for c in ("theme", "id") if not cells.get(c)]
        if missing:
            problems.append(
                Problem(message=f"row without {' and '.join(missing)}", source=str(path), line=n)
            )
            continue
        theme = themes.setdefault(
            cells["theme"],
            {
                "id": cells["theme"],
                "title": cells.get("theme_title") or cells["theme"],
                "items": [],
            },
        )
        item: dict[str, Any] = {"id": cells["id"]}
        for key in ("text", "label", "kind"):
            if cells.get(key):
                item[key] = cells[key]
        if "text" in item or "label" in item:
            item["evidence"] = [f"{path.name}, row {n}"]
        theme["items"].append(item)
    if not rows:
        problems.append(
            Problem(message="no rows (expected columns theme, id, text)", source=str(path))
        )
    if problems:
        raise DataError(problems)
    return build_catalogue(
        framework=framework,
        version=version,
        title=title or path.stem,
        themes=list(themes.values()),
        source=str(path),
    )
