"""How assessments kept as tables are read: one bundle of options for every table file of a
command (its own module: commands that read no table never define it)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from attrs import frozen

if TYPE_CHECKING:
    from .._catalogues.model import Catalogue
    from .._scales.model import Scale

__all__ = ["TABLE_OPTIONS", "TableOptions"]

TABLE_OPTIONS = ("catalogue", "numbering", "scale", "council", "date", "sheet", "id")
"""The options of :class:`TableOptions`, in the order messages list them."""


@frozen(kw_only=True)
class TableOptions:
    """How to read an assessment kept as a table (CSV, TSV, XLSX): the same options for
    every table file of a command."""

    catalogue: Catalogue | str | os.PathLike[str] | None = None
    numbering: str | None = None
    scale: Scale | str | os.PathLike[str] | None = None
    council: str | None = None
    date: str | None = None
    sheet: str | None = None
    id: str | None = None

    def given(self) -> list[str]:
        return [name for name in TABLE_OPTIONS if getattr(self, name) is not None]
