"""The official texts on the user's machine: downloaded from gov.uk on request, kept in the
user's cache with where and when they came from and a SHA-256, verified on every use.

Nothing is fetched unless asked (``bvframework fetch``). gov.uk's Content API is tried first
(the page's HTML body in ``details.body``), the HTML page second. ``BVFRAMEWORK_GOVUK_URL``
points at a mirror, a proxy or a test server; ``BVFRAMEWORK_CACHE`` overrides where the
cache is. The texts are Crown copyright, published under the Open Government Licence v3.0.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from attrs import frozen

from .._core.errors import DataError, Problem, ReadError, UnknownReferenceError
from .._core.text import printable
from .._core.version import __version__
from .sources import SOURCES, cache_root

if TYPE_CHECKING:
    from .files import Limits

__all__ = [
    "SOURCES",
    "CachedText",
    "Fetched",
    "cache_root",
    "deadline",
    "download",
    "govuk_base",
    "html_of",
    "outline_in",
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
    outline: tuple[str, ...] = ()
    """The page's own outline (the Content API's ``details.headers``; empty for a page)."""

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
        except (ValueError, AttributeError, RecursionError):  # deep nesting is not a page
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


def outline_in(data: bytes) -> tuple[str, ...]:
    """The heading texts of a Content API answer's ``details.headers`` (empty for a page,
    or an answer without them)."""
    from .._importers.govuk import outline_of

    text = data.decode("utf-8", errors="replace").lstrip()
    if not text.startswith("{"):
        return ()
    try:
        details = json.loads(text).get("details", {})
    except (ValueError, AttributeError, RecursionError):
        return ()
    return tuple(outline_of(details.get("headers"))) if isinstance(details, dict) else ()


DEADLINE_VARIABLE = "BVFRAMEWORK_FETCH_SECONDS"
DEADLINE = 60.0
"""Seconds one download may take from first byte sent to last byte read, however the
server paces it (``BVFRAMEWORK_FETCH_SECONDS`` sets another)."""
_SHOWN = 80  # characters of a server's own text (a reason phrase, a status line) shown


def deadline() -> float:
    """The overall limit on one download: ``BVFRAMEWORK_FETCH_SECONDS``, else 60 s.

    :raises DataError: the variable is not a positive number.
    """
    given = os.environ.get(DEADLINE_VARIABLE)
    if not given:
        return DEADLINE
    try:
        seconds = float(given)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < 86_400:
        raise DataError(
            [
                Problem(
                    message=f"must be a number of seconds above 0, not {given[:20]!r}",
                    source=DEADLINE_VARIABLE,
                )
            ]
        )
    return seconds


def _cut(text: object) -> str:
    """A server's text as one short printable excerpt."""
    shown = printable(str(text).strip())
    return shown if len(shown) <= _SHOWN else shown[: _SHOWN - 3] + "..."


class _Watch:
    """Ends a download at its deadline: the sockets it opened are shut down, which wakes a
    read blocked on a server that drips a byte at a time."""

    def __init__(self) -> None:
        import threading

        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[Any] = []

    def add(self, sock: Any) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: Any) -> None:
        import socket

        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _opener(watch: _Watch) -> Any:
    """urllib's opener (proxies and redirects as usual) whose connections report their
    sockets to ``watch``."""
    import http.client
    import urllib.request

    class _HTTP(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            watch.add(self.sock)

    class _HTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            watch.add(self.sock)

    class _HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(_HTTP, req)

    class _HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(_HTTPS, req)

    return urllib.request.build_opener(_HTTPHandler, _HTTPSHandler)


def _body(response: Any, *, limit: int, watch: _Watch) -> bytes:
    """The body, read in pieces; as long as its Content-Length says, no longer than
    ``limit``."""
    from .._core.progress import Progress

    declared = response.headers.get("Content-Length")
    chunked = getattr(response, "chunked", False)  # then Content-Length is not the length
    total = int(declared) if declared and declared.strip().isdigit() and not chunked else None
    progress = Progress("bvframework.fetch", "received", total=total, unit="bytes")
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = response.read(min(1 << 16, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        progress.advance(len(chunk))
    progress.finish()
    if watch.expired:
        raise TimeoutError
    if size > limit:
        raise _RefusedError(f"larger than {limit:,} bytes")
    if total is not None and total != size:
        raise _RefusedError(
            f"the answer was cut short: {size:,} of the {total:,} bytes it declared; nothing kept"
        )
    return b"".join(chunks)


class _RefusedError(Exception):
    """A body that arrived but is not to be kept (the message says why)."""


def _why(exc: BaseException) -> str:
    """One line saying why a download failed, for every failure of the connection, the
    protocol or the body."""
    import http.client
    import socket
    import ssl
    import urllib.error

    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {_cut(exc.reason)}"
    if isinstance(exc, _RefusedError):
        return str(exc)
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"no answer within {TIMEOUT:.0f} s"
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            return f"no answer within {TIMEOUT:.0f} s"
        if isinstance(reason, BaseException) and not isinstance(reason, OSError):
            return _why(reason)
        text = _cut(reason) if isinstance(reason, str) else type(reason).__name__
        if isinstance(reason, ssl.SSLError):
            return f"no secure connection ({_cut(reason)})"
        return f"cannot reach it ({text}); no network?"
    if isinstance(exc, http.client.IncompleteRead):
        return "the answer was cut short before its end; nothing kept"
    if isinstance(exc, http.client.LineTooLong):
        return f"not a valid HTTP answer: {_cut(exc)}"
    if isinstance(exc, http.client.BadStatusLine | http.client.RemoteDisconnected):
        line = exc.args[0] if exc.args else ""
        return f"not a valid HTTP answer (status line {_cut(repr(line))})"
    if isinstance(exc, http.client.HTTPException):
        detail = _cut(exc) or type(exc).__name__
        return f"not a valid HTTP answer ({detail})"
    if isinstance(exc, OSError):
        return f"cannot download ({_cut(exc.strerror or exc)})"
    return f"cannot download ({_cut(exc) or type(exc).__name__})"


def _late(seconds: float) -> str:
    return (
        f"no complete answer within {seconds:g} s (the limit on one download; "
        f"{DEADLINE_VARIABLE} sets another)"
    )


def _get(
    url: str, *, limit: int, notice: Callable[[str], None], seconds: float | None = None
) -> bytes:
    """The body of a GET, or a one-line :class:`ReadError` saying why not.

    This is the one HTTP boundary: every failure of the connection, of the protocol
    (a malformed status line, a flood of headers, a header line too long) or of the body
    (cut short of its Content-Length, over ``limit``, slower than the overall deadline)
    ends here as one located line.
    """
    import threading
    import urllib.request

    seconds = deadline() if seconds is None else seconds
    notice(f"downloading {printable(url)}")
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json, text/html"}
    )
    watch = _Watch()
    timer = threading.Timer(seconds, watch.expire)
    timer.daemon = True
    timer.start()
    try:
        with _opener(watch).open(request, timeout=min(TIMEOUT, seconds)) as response:
            return _body(response, limit=limit, watch=watch)
    except Exception as exc:  # the boundary: every failure becomes one line
        why = _late(seconds) if watch.expired else _why(exc)
        raise ReadError([Problem(message=why, source=url)]) from None
    finally:
        timer.cancel()


def download(key: str, *, limit: int, notice: Callable[[str], None]) -> tuple[bytes, str, Via]:
    """The official page of ``key``: (bytes as received, URL, how). Content API first; on
    an HTTP error or an answer without a body, the HTML page. Both together take no longer
    than :func:`deadline`.

    :raises ReadError: neither could be had (the last reason is given).
    """
    import time

    path = SOURCES[key]
    base = govuk_base()
    api = f"{base}/api/content{path}"
    seconds = deadline()
    end = time.monotonic() + seconds
    try:
        data = _get(api, limit=limit, notice=notice, seconds=seconds)
        html_of(data, name=api)
        return data, api, "content-api"
    except DataError as first:
        notice(
            f"the Content API did not give the page ({printable(first.problems[0].message)}); "
            "trying the HTML page"
        )
    page = f"{base}{path}"
    left = end - time.monotonic()
    if left <= 0:
        raise ReadError([Problem(message=_late(seconds), source=page)])
    data = _get(page, limit=limit, notice=notice, seconds=left)
    return data, page, "html"


@contextlib.contextmanager
def _locked(folder: str, *, exclusive: bool) -> Iterator[None]:
    """The cache entry in ``folder`` held while its two files are written (exclusive) or
    read (shared): two writers never interleave, and a reader never sees one writer's page
    with another's record. Where the platform has no advisory locks (or the folder is
    read-only), nothing is held: each file is still replaced atomically."""
    try:
        import fcntl
    except ImportError:  # Windows
        yield
        return
    try:
        handle = os.open(os.path.join(folder, ".lock"), os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(handle)  # closing releases the lock


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
    with _locked(folder, exclusive=True):
        write_output(os.path.join(folder, "page.bin"), data, force=True)
        write_output(
            os.path.join(folder, "source.json"), json.dumps(meta, indent=2) + "\n", force=True
        )
    return CachedText(
        catalogue=key,
        url=url,
        fetched=meta["fetched"],
        sha256=digest,
        via=via,
        body=html,
        outline=outline_in(data),
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
        with _locked(folder, exclusive=False):
            meta = json.loads(read_source_bytes(meta_path, limits=limits))
            data = read_source_bytes(page_path, limits=limits)
        recorded = str(meta["sha256"])
        url, fetched, via = str(meta["url"]), str(meta["fetched"]), meta["via"]
    except (ValueError, KeyError, TypeError, RecursionError):
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
        outline=outline_in(data),
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
