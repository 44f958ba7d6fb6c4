"""OSCAL mapping collections (JSON or YAML) -> a mapping; XML refused, saying what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import side

if TYPE_CHECKING:
    from ..._mappings.model import Mapping
    from ..store import Source, Store


def read(
    store: Store,
    found: Source,
    *,
    source: str | None = None,
    target: str | None = None,
    index: int | None = None,
) -> Mapping:
    from ..._interchange.oscal import from_oscal, refuse_xml

    refuse_xml(store.read_text(found), found.name)
    return from_oscal(
        store.document(found).data,
        source_name=found.name,
        source=side(store, source, "source"),
        target=side(store, target, "target"),
        index=index,
    )
