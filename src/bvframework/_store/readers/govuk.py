"""gov.uk guidance pages (govspeak HTML) -> a catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..._catalogues.model import Catalogue
    from ..store import Source, Store


def read(store: Store, found: Source, *, onto: Any = None, **options: Any) -> Catalogue:
    from ..._importers.govuk import govuk_catalogue

    return govuk_catalogue(
        store.read_text(found),
        path=found.pure_path(),
        onto=store.catalogue(onto) if onto is not None else None,
        **options,
    )
