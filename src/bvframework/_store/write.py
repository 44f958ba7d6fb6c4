"""Writing outputs: atomically, never over an input, never a formula into a spreadsheet.

Every output goes to a temporary file in the target's folder, is flushed to disk, then
renamed over the target (atomic on POSIX and Windows): a reader sees the old file or the
new one, never a part; a killed writer leaves the old file as it was. ``-`` is standard
output, never a file named ``-``.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable

from .._core.errors import DataError, Problem, UsageError
from .files import STDIN

__all__ = ["make_folder", "refuse_inputs", "write_output"]


def refuse_inputs(target: str, inputs: Iterable[str], *, option: str) -> None:
    """:raises UsageError: ``target`` is one of the files (real paths) read in this run."""
    if target == STDIN:
        return
    try:
        resolved = os.path.realpath(target)
    except (OSError, ValueError):
        return
    for path in inputs:
        if resolved == path:
            raise UsageError(f"{option} {target}: that is an input of this command; refused")


def _check_text(text: str, target: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DataError(
            [
                Problem(
                    message=f"the output would hold an unpaired surrogate at character "
                    f"{exc.start}; nothing written",
                    source=target,
                )
            ]
        ) from None


def write_output(target: str, content: str | bytes) -> None:
    """Write ``content`` to ``target`` (``-``: standard output) atomically.

    :raises DataError: the folder does not exist or cannot be written, or the text cannot
        be encoded (a lone surrogate); the target is then left as it was.
    """
    if isinstance(content, str):
        _check_text(content, target)
        data = content.encode("utf-8")
    else:
        data = content
    if target == STDIN:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if "\x00" in target or any(ord(c) < 32 for c in target):
        raise UsageError(f"output name {target!r} contains control characters; refused")
    folder = os.path.dirname(target) or "."
    name = os.path.basename(target)
    if os.path.isdir(target):
        raise DataError([Problem(message="is a folder; name a file to write", source=target)])
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    except FileNotFoundError:
        raise DataError(
            [Problem(message=f"no folder {str(folder)!r} to write into", source=target)]
        ) from None
    except OSError as exc:
        raise DataError(
            [Problem(message=f"cannot write: {exc.strerror or exc}", source=target)]
        ) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):  # keep the permissions a replaced file had
            os.chmod(temp, os.stat(target).st_mode & 0o7777 if os.path.exists(target) else 0o644)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def make_folder(path: str) -> None:
    """Make the folder ``path`` and any missing above it (nothing when it exists).

    :raises DataError: it cannot be made (the message names it).
    """
    if not path:
        return
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        problem = Problem(message=f"cannot make the folder: {exc.strerror or exc}", source=path)
        raise DataError([problem]) from None
