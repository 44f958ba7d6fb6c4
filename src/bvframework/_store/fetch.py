"""The official texts on the user's machine: downloaded from gov.uk on request, kept in the
user's cache with where and when they came from and a SHA-256, verified on every use.

Nothing is fetched unless asked (``bvframework fetch``). gov.uk's Content API is tried first
(the page's HTML body in ``details.body``), the HTML page second. ``BVFRAMEWORK_GOVUK_URL``
points at a mirror, a proxy or a test server; ``BVFRAMEWORK_CACHE`` overrides where the
cache is. The texts are Crown copyright, published under the Open Government Licence v3.0.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from .._core.errors import DataError, Problem, ReadError, UnknownReferenceError
from .._core.version import __version__
from .sources import SOURCES, cache_root

if TYPE_CHECKING:
    from .files import Limits

__all__ = [
    "SOURCES",
    "CachedText",
    "Fetched",
    "cache_root",
    "download",
    "govuk_base",
    "html_of",
    "read_cached",
    "store_text",
]

LICENCE = "Open Government Licence v3.0 (Crown copyright)"
USER_AGENT = f"bvframework/{__version__} (Python; fetches Best Value guidance on request)"
TIMEOUT = 20.0

Via = Literal["content-api", "html", "file"]


@frozen(kw_only=True)
class CachedText:
    """One official text in the cache: the body as received, and where it came from."""

    catalogue: str
    url: str
    fetched: str
    sha256: str
    via: Via
    body: str
    """The page's HTML (from the Content API's ``details.body``, or the page itself)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "catalogue": self.catalogue,
            "url": self.url,
            "fetched": self.fetched,
            "sha256": self.sha256,
            "via": self.via,
            "licence": LICENCE,
        }


@frozen(kw_only=True)
class Fetched:
    """What ``fetch`` did for one version."""

    text: CachedText
    downloaded: bool


def govuk_base() -> str:
    """``BVFRAMEWORK_GOVUK_URL`` (default ``https://www.gov.uk``), without a final slash."""
    base = os.environ.get("BVFRAMEWORK_GOVUK_URL", "https://www.gov.uk").rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise DataError(
            [Problem(message="must start with https:// or http://", source="BVFRAMEWORK_GOVUK_URL")]
        )
    return base


def _folder(key: str) -> str:
    return os.path.join(cache_root(), *key.split("/"))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def html_of(data: bytes, *, name: str) -> tuple[str, Via]:
    """The page HTML in a Content API response or a saved page: (html, how it was read).

    :raises DataError: neither JSON with ``details.body`` nor HTML.
    """
    from .files import decode

    text, _ = decode(data, name)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            body = json.loads(stripped).get("details", {}).get("body")
        except (ValueError, AttributeError):
            body = None
        if not isinstance(body, str) or not body.strip():
            raise DataError(
                [
                    Problem(
                        message="JSON without details.body: not a gov.uk Content API page",
                        source=name,
                    )
                ]
            )
        return body, "content-api"
    if "<" not in text:
        raise DataError([Problem(message="neither HTML nor Content API JSON", source=name)])
    return text, "html"


def _get(url: str, *, limit: int, notice: Callable[[str], None]) -> bytes:
    """The body of a GET, or a one-line :class:`ReadError` saying why not."""
    import socket
    import urllib.error
    import urllib.request

    notice(f"downloading {url}")
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json, text/html"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data: bytes = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise ReadError([Problem(message=f"HTTP {exc.code} {exc.reason}", source=url)]) from None
    except TimeoutError:
        raise ReadError(
            [Problem(message=f"no answer within {TIMEOUT:.0f} s", source=url)]
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason if isinstance(exc.reason, str) else type(exc.reason).__name__
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            reason = f"no answer within {TIMEOUT:.0f} s"
        raise ReadError(
            [Problem(message=f"cannot reach it ({reason}); no network?", source=url)]
        ) from None
    except (OSError, ValueError) as exc:
        raise ReadError([Problem(message=f"cannot download ({exc})", source=url)]) from None
    if len(data) > limit:
        raise ReadError([Problem(message=f"larger than {limit:,} bytes", source=url)])
    return data


def download(key: str, *, limit: int, notice: Callable[[str], None]) -> tuple[bytes, str, Via]:
    """The official page of ``key``: (bytes as received, URL, how). Content API first; on
    an HTTP error or an answer without a body, the HTML page.

    :raises ReadError: neither could be had (the last reason is given).
    """
    path = SOURCES[key]
    base = govuk_base()
    api = f"{base}/api/content{path}"
    try:
        data = _get(api, limit=limit, notice=notice)
        html_of(data, name=api)
        return data, api, "content-api"
    except DataError as first:
        notice(
            f"the Content API did not give the page ({first.problems[0].message}); "
            "trying the HTML page"
        )
    page = f"{base}{path}"
    data = _get(page, limit=limit, notice=notice)
    return data, page, "html"


def store_text(key: str, data: bytes, *, url: str, via: Via) -> CachedText:
    """Keep ``data`` for ``key`` in the cache (written atomically), with its provenance."""
    from .write import write_output

    folder = _folder(key)
    os.makedirs(folder, exist_ok=True)
    digest = _sha256(data)
    html, _ = html_of(data, name=url)
    meta = {
        "catalogue": key,
        "url": url,
        "fetched": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sha256": digest,
        "via": via,
        "licence": LICENCE,
    }
    write_output(os.path.join(folder, "page.bin"), data)
    write_output(os.path.join(folder, "source.json"), json.dumps(meta, indent=2) + "\n")
    return CachedText(
        catalogue=key, url=url, fetched=meta["fetched"], sha256=digest, via=via, body=html
    )


def read_cached(key: str, *, limits: Limits) -> CachedText | None:
    """The cached text of ``key``, its SHA-256 checked; None when nothing is cached.

    :raises DataError: the cached file does not match its recorded hash (changed or
        damaged since it was fetched): fetch again with ``--refresh``.
    """
    from .files import read_source_bytes

    folder = _folder(key)
    meta_path = os.path.join(folder, "source.json")
    page_path = os.path.join(folder, "page.bin")
    if not (os.path.isfile(meta_path) and os.path.isfile(page_path)):
        return None
    try:
        meta = json.loads(read_source_bytes(meta_path, limits=limits))
        data = read_source_bytes(page_path, limits=limits)
        recorded = str(meta["sha256"])
        url, fetched, via = str(meta["url"]), str(meta["fetched"]), meta["via"]
    except (ValueError, KeyError, TypeError):
        raise DataError(
            [Problem(message="damaged cache record; fetch again with --refresh", source=meta_path)]
        ) from None
    if _sha256(data) != recorded:
        raise DataError(
            [
                Problem(
                    message="does not match the SHA-256 recorded when it was fetched (changed "
                    "or damaged since); fetch again with --refresh",
                    source=page_path,
                )
            ]
        )
    html, _ = html_of(data, name=page_path)
    return CachedText(
        catalogue=key,
        url=url,
        fetched=fetched,
        sha256=recorded,
        via=via if via in ("content-api", "html", "file") else "html",
        body=html,
    )


def check_key(key: str) -> str:
    """``key`` when its official text can be fetched.

    :raises UnknownReferenceError: no known source for it.
    """
    if key not in SOURCES:
        from .._core.suggest import suggest

        raise UnknownReferenceError(
            f"no official source known for {key!r} (known: {', '.join(SOURCES)})",
            suggestions=suggest(key, SOURCES),
        )
    return key
