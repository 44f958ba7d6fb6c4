"""Pieces shared by the importers."""

from __future__ import annotations

import re
from typing import Any

from .._catalogues.model import Catalogue

__all__ = ["build_catalogue", "slug"]


def slug(text: str) -> str:
    """A version or framework name usable as an ID: ``4.0.3``, ``rev5.0.1``, ``nist-800-53``."""
    out = re.sub(r"[^A-Za-z0-9._-]+", "-", text.strip()).strip("-._")
    return re.sub(r"([._-])[._-]+", r"\1", out) or "unnamed"


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
