"""Small helpers shared by the ``from_dict`` constructors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .document import Document
from .errors import DataError
from .schema import require

__all__ = ["as_document", "compact", "strings"]


def as_document(data: Mapping[str, Any] | Document, schema: str, filename: str | None) -> Document:
    """Wrap plain data as a :class:`Document` and check it against ``schema``."""
    doc = data if isinstance(data, Document) else Document.from_data(dict(data), source=filename)
    require(doc, schema)
    return doc


def strings(values: Iterable[Any] | None) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


def compact(data: Mapping[str, Any]) -> dict[str, Any]:
    """Drop keys whose value is None or an empty tuple/list, keeping key order."""
    return {k: v for k, v in data.items() if v is not None and v not in ((), [])}


def raise_if(problems: list[Any]) -> None:
    if problems:
        raise DataError(problems)
