"""OSCAL catalogs -> a catalogue; the newer catalog's withdrawn controls -> the mapping from
an older one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..._catalogues.model import Catalogue
    from ..._mappings.model import Mapping
    from ..store import Source, Store


def read(store: Store, found: Source, **options: Any) -> Catalogue:
    from ..._importers.oscal import oscal_catalogue

    return oscal_catalogue(store.document(found).data, path=found.pure_path(), **options)


def read_revision(store: Store, found: Source, *, old: Catalogue, new: Catalogue) -> Mapping:
    """``found`` is the NEWER catalog: its withdrawn controls say where they went."""
    from ..._importers.oscal import oscal_mapping

    return oscal_mapping(old, store.document(found).data, path=found.pure_path(), new=new)


def withdrawal_links(store: Store, found: Source) -> dict[str, tuple[str, list[str]]]:
    """Each withdrawn control's status word and the controls its links name."""
    from ..._importers.oscal import withdrawal_links as links

    return links(store.document(found).data, path=found.pure_path())
