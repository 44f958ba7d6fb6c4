"""Official texts onto the user's machine: downloaded from gov.uk or read from a saved
copy, checked against the bundled counts, kept in the cache."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from attrs import frozen

from .load import Ref, store_for

if TYPE_CHECKING:
    from .._catalogues.model import Catalogue
    from .._store.fetch import CachedText
    from .._store.store import Store

__all__ = ["Fetched", "fetch"]


@frozen(kw_only=True)
class Fetched:
    """One official text on the user's machine: the text as cached, the catalogue it
    gives, and whether it was downloaded (or read from a file) in this run."""

    text: CachedText
    catalogue: Catalogue
    downloaded: bool


def _download(key: str, *, store: Store, notice: Callable[[str], None]) -> Any:
    """:func:`~bvframework._store.fetch.download`, an unreachable server's line saying how
    to do without one (a page saved from a browser)."""
    from attrs import evolve

    from .._core.errors import ReadError
    from .._store.fetch import download

    try:
        return download(key, limit=store.limits.file_bytes, notice=notice)
    except ReadError as exc:
        first = exc.problems[0]
        if not first.message.startswith("cannot reach it"):
            raise
        flag, version = store.spell("from"), store.spell("version")
        given = f"{flag}FILE" if flag.endswith("=") else f"{flag} FILE"
        named = f"{version}{'' if version.endswith('=') else ' '}{key.split('/', 1)[1]}"
        hint = f" Without internet: save the page from a browser and give it with {given} {named}"
        raise ReadError([evolve(first, message=first.message + hint)]) from None


def fetch(
    framework: str,
    *,
    version: str | None = None,
    source: Ref | None = None,
    refresh: bool = False,
    notice: Callable[[str], None] = lambda message: None,
    store: Store | None = None,
) -> list[Fetched]:
    """Put the official texts of ``framework``'s versions (or one ``version``) in the cache:
    downloaded from gov.uk, or read from a saved copy (``source``, with ``version``).
    Each page is checked against the bundled counts before it is kept.

    :raises UsageError: ``source`` without ``version``.
    :raises ReadError: the download failed.
    :raises DataError: the page's structure is not the guide'store.
    """
    from .._core.errors import DataError, UsageError
    from .._store.fetch import SOURCES, CachedText, html_of, outline_in, read_cached, store_text
    from .._store.official import overlay

    store = store_for(store)
    if source and not version:
        raise UsageError(
            f"{store.spell('from')} is one version's page: name it with {store.spell('version')}"
        )
    keys = (
        [f"{framework}/{version}"]
        if version
        else [k for k in SOURCES if k.startswith(f"{framework}/")]
    )
    results = []
    for key in keys:
        cached = None
        if not refresh and not source:
            try:
                cached = read_cached(key, limits=store.limits)
            except DataError as exc:
                notice(f"{exc.problems[0]}; downloading it again")
        if cached is not None:
            results.append(
                Fetched(text=cached, catalogue=overlay(store, key, cached), downloaded=False)
            )
            continue
        if source:
            found = store.locate("catalogue", source)
            data = store.read_bytes(found)
            url, via = f"file:{found.name}", "file"
        else:
            data, url, via = _download(key, store=store, notice=notice)
        body, _ = html_of(data, name=url)
        # Checked before anything is kept: a page whose structure changed is never cached.
        trial = CachedText(
            catalogue=key,
            url=url,
            fetched="",
            sha256="",
            via=via,  # type: ignore[arg-type]
            body=body,
            outline=outline_in(data),
        )
        overlay(store, key, trial)
        text = store_text(key, data, url=url, via=via)  # type: ignore[arg-type]
        results.append(Fetched(text=text, catalogue=overlay(store, key, text), downloaded=True))
    return results
