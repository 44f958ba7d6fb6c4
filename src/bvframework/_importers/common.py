"""Pieces shared by the importers."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .._catalogues.model import Catalogue
from .._core.errors import DataError, Problem
from .._core.yamlio import read_document

__all__ = ["build_catalogue", "read_json_or_yaml", "slug"]


def slug(text: str) -> str:
    """A version or framework name usable as an ID: ``4.0.3``, ``rev5.0.1``, ``nist-800-53``."""
    out = re.sub(r"[^A-Za-z0-9._-]+", "-", text.strip()).strip("-._")
    return re.sub(r"([._-])[._-]+", r"\1", out) or "unnamed"


def read_json_or_yaml(path: Path) -> Any:
    """JSON parsed as JSON (fast, for large catalogues), anything else strictly as YAML."""
    if path.suffix.lower() == ".json":
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DataError([Problem(message="no such file", source=str(path))]) from None
        except json.JSONDecodeError as exc:
            raise DataError(
                [Problem(message=f"invalid JSON: {exc.msg}", source=str(path), line=exc.lineno)]
            ) from None
    return read_document(path).data


def build_catalogue(
    *,
    framework: str,
    version: str,
    title: str,
    themes: list[dict[str, Any]],
    source: str,
    **extra: Any,
) -> Catalogue:
    """A catalogue from plain theme/item dicts, checked like any catalogue file."""
    data: dict[str, Any] = {
        "framework": framework,
        "version": version,
        "title": title,
        "source": source,
        "themes": themes,
    } | {k: v for k, v in extra.items() if v is not None}
    return Catalogue.from_dict(data, filename=source)
