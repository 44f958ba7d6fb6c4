"""OWASP ASVS: a flat JSON release -> a catalogue; a transition file -> the mapping between
two releases already imported."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..._catalogues.model import Catalogue
    from ..._mappings.model import Mapping
    from ..store import Source, Store


def read(store: Store, found: Source, **options: Any) -> Catalogue:
    from ..._importers.asvs import asvs_catalogue

    return asvs_catalogue(store.document(found).data, path=found.pure_path(), **options)


def read_revision(store: Store, found: Source, *, old: Catalogue, new: Catalogue) -> Mapping:
    from ..._importers.asvs import asvs_mapping

    data = store.document(found).data
    return asvs_mapping(data, path=found.pure_path(), source=old, target=new)
