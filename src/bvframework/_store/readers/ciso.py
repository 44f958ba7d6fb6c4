"""CISO Assistant libraries (YAML or JSON) -> a catalogue and its scale, or a mapping."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..._catalogues.model import Catalogue
    from ..._importers.common import Library
    from ..store import Source, Store


def read(
    store: Store,
    found: Source,
    *,
    framework: str | None = None,
    version: str | None = None,
    index: int | None = None,
    source: str | os.PathLike[str] | Catalogue | None = None,
    target: str | os.PathLike[str] | Catalogue | None = None,
) -> Library:
    from ..._importers.ciso_mapping import ciso_library

    return ciso_library(
        store.document(found),
        framework=framework,
        version=version,
        index=index,
        source=side_catalogue(store, source),
        target=side_catalogue(store, target),
    )


def side_catalogue(
    store: Store, ref: str | os.PathLike[str] | Catalogue | None
) -> Catalogue | None:
    """A mapping library's side: a catalogue given, a CISO Assistant framework library (its
    catalogue), or a catalogue by reference or file."""
    from ..._catalogues.model import Catalogue
    from ..._importers.ciso import ciso_catalogue

    if ref is None or isinstance(ref, Catalogue):
        return ref
    found = store.locate("catalogue", ref)
    data = store.document(found).data
    if isinstance(data, dict) and "objects" in data:
        return store.once(
            "ciso catalogue", found.key, lambda: ciso_catalogue(store.document(found))
        )
    return store.catalogue(ref)
