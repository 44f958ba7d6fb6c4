"""Reading bytes and text from files and standard input, within limits.

Every failure here is a located :class:`DataError` (exit 2 at the command line): a missing
or unreadable file, one over the size limit, text in no encoding we can tell.
"""

from __future__ import annotations

import codecs
import os
import sys

from attrs import frozen

from .._core.errors import Problem, ReadError

__all__ = ["STDIN", "Limits", "decode", "read_source_bytes"]

STDIN = "-"


@frozen(kw_only=True)
class Limits:
    """Bounds on untrusted input (see docs/development.md); every one is far above what a
    real framework file needs (NIST SP 800-53 rev5 as OSCAL JSON is 3.2 MB)."""

    file_bytes: int = 64 * 1024 * 1024
    xlsx_unpacked_bytes: int = 256 * 1024 * 1024
    xlsx_cells: int = 2_000_000
    table_rows: int = 50_000
    table_columns: int = 200
    cell_chars: int = 100_000


def _problem(message: str, name: str) -> ReadError:
    return ReadError([Problem(message=message, source=name)])


def read_source_bytes(path: str | os.PathLike[str], *, limits: Limits) -> bytes:
    """The bytes of a file, or of standard input for ``-``.

    :raises ReadError: no such file, not a file, unreadable, or larger than the limit.
    """
    name = os.fspath(path)
    if name == STDIN:
        data = sys.stdin.buffer.read(limits.file_bytes + 1)
    else:
        if "\x00" in name:
            raise _problem("a file name cannot contain a NUL character", repr(name))
        try:
            if os.path.isdir(name):
                raise _problem("is a folder, not a file", name)
            size = os.stat(name).st_size
            if size > limits.file_bytes:
                raise _problem(
                    f"{size:,} bytes is more than the limit of {limits.file_bytes:,}", name
                )
            with open(name, "rb") as handle:
                data = handle.read(limits.file_bytes + 1)
        except FileNotFoundError:
            raise _problem("no such file", name) from None
        except PermissionError:
            raise _problem("permission denied", name) from None
        except OSError as exc:
            raise _problem(f"cannot read: {exc.strerror or exc}", name) from None
    if len(data) > limits.file_bytes:
        raise _problem(f"more than the limit of {limits.file_bytes:,} bytes", name)
    return data


def decode(data: bytes, name: str, *, guess: bool = False) -> tuple[str, str | None]:
    """(text, notice): UTF-8 (with or without BOM) and UTF-16 with a BOM; with ``guess``,
    Windows-1252 when the bytes are not UTF-8 (what Excel writes), with a notice saying so.

    :raises ReadError: the bytes are in no encoding we accept.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise _problem(f"not valid UTF-16 at byte {exc.start}", name) from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        if not guess:
            raise _problem(f"not UTF-8 text (byte {exc.start}); save it as UTF-8", name) from None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise _problem(
            f"neither UTF-8 nor Windows-1252 text (byte {exc.start}); save it as UTF-8", name
        ) from None
    return text, f"{name}: not UTF-8; read as Windows-1252 (Excel's default)"
