"""A checked cache of large YAML files' strict parse, kept in the user's cache folder.

Parsing an 11.7 MB catalogue strictly takes seconds (libyaml's composer alone is most of
it); the same data read back as JSON takes a twentieth of that. So the strict parse of a
YAML file of :data:`MIN_BYTES` or more is kept as JSON in ``<cache>/parsed/`` (the folder
``bvframework fetch`` keeps official texts in: ``BVFRAMEWORK_CACHE``, else the platform's
cache folder), and the next run that reads the same bytes reads that instead.

An entry is used only when everything about it checks out: it belongs to the user running
(a cache folder shared with others is not trusted), its header names this format and this
bvframework version, the SHA-256 of the bytes just read from the file, and the SHA-256 of
its own payload. Anything else (a file changed by a byte, another version, a
truncated, corrupt or foreign entry) is a miss: the file is parsed as if there were no
cache and the entry written again. Failing to read or write the cache is never an error
(a read-only home, a full disk): the run goes on without it.

Only data that the strict loader accepted is cached, and the data alone: the line of each
value is found by parsing the file again the first time an error message asks for one.

Off for files under :data:`MIN_BYTES` (they parse in under half a second, and a small
file, such as an assessment, is not copied into a cache folder), for standard input, for
the package's own data (compiled into the wheel), for JSON files (already fast), and
whenever ``BVFRAMEWORK_PARSE_CACHE`` is ``0``, ``off``, ``no`` or ``false``. The folder is
kept under :data:`MAX_TOTAL_BYTES`, least recently used entries removed first.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

from .._core.document import LARGE

if TYPE_CHECKING:
    from .._core.document import Document

__all__ = ["MAX_TOTAL_BYTES", "MIN_BYTES", "VARIABLE", "enabled", "folder", "parse_yaml_file"]

VARIABLE = "BVFRAMEWORK_PARSE_CACHE"
MIN_BYTES = LARGE
MAX_TOTAL_BYTES = 256 * 1024 * 1024
FORMAT = 1
"""The entry layout's version (the parser's own is ``yamlio.PARSE_FORMAT``)."""
_SUFFIX = ".parsed.json"


def enabled() -> bool:
    """Whether ``BVFRAMEWORK_PARSE_CACHE`` leaves the cache on (it is unless set to 0,
    off, no or false)."""
    return os.environ.get(VARIABLE, "").strip().lower() not in ("0", "off", "no", "false")


def folder() -> str:
    from .sources import cache_root

    return os.path.join(cache_root(), "parsed")


def _log(message: str, *args: object) -> None:
    from .._core.progress import debug

    debug("bvframework.store", message, *args)


def parse_yaml_file(data: bytes, text: str, name: str) -> Document:
    """The strict parse of ``text`` (the file ``name`` holding ``data``): from the cache
    when it holds these bytes' parse, else parsed (and then cached, when large enough).

    :raises DataError: the text is not valid YAML for the strict loader (never cached).
    """
    from .._core.yamlio import parse_yaml
    from .files import decode

    def again() -> str:  # the text for line numbers, from the bytes the Store keeps
        return decode(data, name)[0]

    if len(data) < MIN_BYTES or name == "<stdin>" or not enabled():
        return parse_yaml(text, source=name, again=again)
    import hashlib

    from .._core.version import __version__
    from .._core.yamlio import PARSE_FORMAT

    header = {
        "format": f"{FORMAT}.{PARSE_FORMAT}",
        "bvframework": __version__,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    path = os.path.join(folder(), _entry_name(header))
    found = _read(path, header)
    if found is not None:
        from .._core.document import Document
        from .._core.progress import info
        from .._core.yamlio import Located

        info("bvframework.store", "read %s from the parse cache", name)
        return Document(data=found[0], source=name, marks=Located(again, name))
    doc = parse_yaml(text, source=name, again=again)
    _write(path, header, doc.data)
    return doc


def _entry_name(header: dict[str, str]) -> str:
    import hashlib

    named = "\0".join((header["format"], header["bvframework"], header["sha256"]))
    return hashlib.sha256(named.encode()).hexdigest() + _SUFFIX


def _read(path: str, header: dict[str, str]) -> tuple[Any] | None:
    """``(data,)`` from the entry at ``path`` if it is whole and for ``header``; else None
    (no entry, unreadable, foreign, corrupt: all the same, a miss)."""
    import hashlib
    import json

    from .._core.collect import paused

    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                _log("parse cache: %s is not this user's own; ignored", path)
                return None
            if info.st_size > MAX_TOTAL_BYTES:
                return None
            content = handle.read()
        head, _, payload = content.partition(b"\n")
        stated = json.loads(head)
        if not isinstance(stated, dict) or any(stated.get(k) != v for k, v in header.items()):
            _log("parse cache: %s is for other bytes or another version; ignored", path)
            return None
        if stated.get("payload") != hashlib.sha256(payload).hexdigest():
            _log("parse cache: %s is damaged; ignored", path)
            return None
        with paused():  # a tree of lists and dicts: nothing for the collector to find
            data = json.loads(payload)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError) as exc:
        _log("parse cache: %s cannot be read (%s); ignored", path, type(exc).__name__)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept longest
    return (data,)


def _refuse(value: object) -> object:
    raise TypeError(type(value).__name__)


def _write(path: str, header: dict[str, str], data: Any) -> None:
    """Write the entry atomically (a temporary file renamed over it); any failure leaves
    the cache as it was and the run goes on."""
    import hashlib
    import json
    import secrets

    try:  # dates, binary and sets (YAML has them) have no JSON form: such files are not kept
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_refuse)
        body = text.encode("utf-8")
        del text  # the file's size again: let it go before the file is written
    except (TypeError, ValueError, RecursionError, UnicodeEncodeError) as exc:
        _log("parse cache: not kept (%s)", exc)
        return
    stated = {**header, "payload": hashlib.sha256(body).hexdigest()}
    head = json.dumps(stated, separators=(",", ":")).encode()
    where = os.path.dirname(path)
    temp = os.path.join(where, f".{secrets.token_hex(8)}.tmp")
    try:
        os.makedirs(where, mode=0o700, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        handle = os.open(temp, flags, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(head + b"\n")
            out.write(body)  # not joined to the head: a copy of the whole
        os.replace(temp, path)
    except OSError as exc:
        _log("parse cache: cannot write %s (%s); going on without it", where, exc.strerror)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return
    _trim(where, keep=path)


def _trim(where: str, *, keep: str) -> None:
    """Remove the least recently used entries until the folder is under the bound."""
    try:
        entries = []
        for entry in os.scandir(where):
            if entry.name.endswith(_SUFFIX):
                info = entry.stat()
                entries.append((info.st_mtime, info.st_size, entry.path))
        total = sum(size for _, size, _ in entries)
        for _, size, old in sorted(entries):
            if total <= MAX_TOTAL_BYTES:
                break
            if old != keep:
                os.unlink(old)
                total -= size
    except OSError:
        return
