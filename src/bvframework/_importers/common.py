"""Pieces shared by the importers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from .._catalogues.model import Catalogue

if TYPE_CHECKING:
    from .._mappings.model import Mapping
    from .._scales.model import Scale

__all__ = ["Library", "LibraryKind", "build_catalogue", "slug"]

LibraryKind = Literal["framework", "mapping"]


@frozen(kw_only=True)
class Library:
    """What one library file of another tool holds, as bvframework's models: a framework
    (``catalogue``, and ``scale`` where it states how requirements are scored) or a
    crosswalk (``mapping``)."""

    kind: LibraryKind
    catalogue: Catalogue | None = None
    scale: Scale | None = None
    mapping: Mapping | None = None


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
