"""Official texts over bundled catalogues: the wording that ``bvframework fetch`` keeps in
the user's cache, read back (SHA-256 checked) and laid over the bundled catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import evolve

from .._core.errors import UnknownReferenceError
from .formats import importing
from .store import Source

if TYPE_CHECKING:
    from .._catalogues.model import Catalogue
    from .fetch import CachedText
    from .store import Store

__all__ = ["official", "overlay"]


def official(store: Store, key: str) -> Catalogue:
    """The bundled catalogue ``key`` with the wording of its official text, from the cache
    that ``bvframework fetch`` fills (SHA-256 checked), once per Store.

    :raises UnknownReferenceError: nothing cached for it (the message says how to get it),
        or no official source is known for it.
    :raises DataError: the cached text is damaged or its structure is not the guide's.
    """
    from .fetch import cache_root, check_key, read_cached

    check_key(key)

    def build() -> Catalogue:
        cached = read_cached(key, limits=store.limits)
        if cached is None:
            raise UnknownReferenceError(
                f"the official text of {key} is not in the cache ({cache_root()}); get it "
                f"with: bvframework fetch {key.split('/', maxsplit=1)[0]}"
            )
        return overlay(store, key, cached)

    return store.once("official", key, build)


def overlay(store: Store, key: str, text: CachedText) -> Catalogue:
    """The bundled catalogue ``key`` with ``text``'s wording, every count checked."""
    from pathlib import PurePath

    from .._importers.govuk import govuk_catalogue

    bundled = store.catalogue(key)
    day = text.fetched[:10]
    provenance = (
        f"{text.url} (fetched {day}, sha256 {text.sha256[:12]}; Open Government Licence v3.0)"
    )
    with importing("gov.uk page", Source(kind="catalogue", name=text.url)):
        catalogue = govuk_catalogue(
            text.body,
            path=PurePath(f"{bundled.version}.html"),
            onto=bundled,
            provenance=provenance,
            outline=list(text.outline) or None,
        )
    return evolve(catalogue, origin=key)
