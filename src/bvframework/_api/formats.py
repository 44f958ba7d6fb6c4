"""The formats the input layer reads and the options each takes, for callers that offer
them as choices (the command line builds ``import``'s choices from these)."""

from __future__ import annotations

from .._store.formats import (
    EXPORT_FORMATS,
    FORMATS,
    IMPORTERS,
    LIBRARY_FORMATS,
    MAPPING_FORMATS,
    REVISION_FORMATS,
)

__all__ = [
    "EXPORT_FORMATS",
    "IMPORTERS",
    "LIBRARY_FORMATS",
    "MAPPING_FORMATS",
    "REVISION_FORMATS",
    "options_of",
    "separate_mapping",
]


def options_of(name: str) -> tuple[str, ...]:
    """The options the catalogue, mapping or library format ``name`` takes."""
    for role in ("catalogue", "mapping", "library"):
        found = FORMATS.get((role, name))
        if found is not None:
            return found.options
    return ()


def separate_mapping(name: str) -> bool:
    """Whether the revision format ``name`` keeps its mapping in a file of its own."""
    found = FORMATS.get(("revision", name))
    return found is not None and found.separate
