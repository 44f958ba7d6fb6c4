"""Writing outputs: atomically, never over an input, never a formula into a spreadsheet.

Every output goes to a temporary file in the target's folder, is flushed to disk, then
renamed over the target (atomic on POSIX and Windows): a reader sees the old file or the
new one, never a part; a killed writer leaves the old file as it was. ``-`` is standard
output, never a file named ``-``. Only a regular file is ever replaced: a device, FIFO,
socket or folder is refused, and so is a read-only file unless the caller forces it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import sys
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


def _target(target: str, *, force: bool) -> str:
    """The file to replace for ``target``: itself, or the regular file a symbolic link
    leads to (the link is kept).

    :raises DataError: it exists and is a folder, a device, a FIFO or a socket (replacing
        ``/dev/null`` with a file would break the system), or it is read-only and not
        ``force``.
    """
    real = os.path.realpath(target) if os.path.islink(target) else target
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real
    except OSError as exc:
        raise DataError(
            [Problem(message=f"cannot write: {exc.strerror or exc}", source=target)]
        ) from None
    if stat.S_ISDIR(mode):
        raise DataError([Problem(message="is a folder; name a file to write", source=target)])
    if not stat.S_ISREG(mode):
        kind = (
            "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a FIFO"
            if stat.S_ISFIFO(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        where = f" ({real})" if real != target else ""
        raise DataError(
            [
                Problem(
                    message=f"is {kind}{where}, not a regular file; refused (write to a "
                    "file, or to standard output with -o -)",
                    source=target,
                )
            ]
        )
    if not mode & 0o222 and not force:
        raise DataError(
            [
                Problem(
                    message="is read-only; refused (make it writable, or use --force to "
                    "replace it)",
                    source=target,
                )
            ]
        )
    return real


def _create_temp(folder: str, name: str, target: str) -> tuple[int, str]:
    """A new, empty file beside the target, created with mode 0666 less the umask (as
    any new file of this user would be)."""
    for _ in range(100):
        temp = os.path.join(folder, f".{name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666), temp
        except FileExistsError:
            continue
        except FileNotFoundError:
            raise DataError(
                [Problem(message=f"no folder {str(folder)!r} to write into", source=target)]
            ) from None
        except OSError as exc:
            raise DataError(
                [Problem(message=f"cannot write: {exc.strerror or exc}", source=target)]
            ) from None
    raise DataError([Problem(message="cannot create a temporary file beside it", source=target)])


_BINARY = getattr(os, "O_BINARY", 0)


def write_output(target: str, content: str | bytes, *, force: bool = False) -> None:
    """Write ``content`` to ``target`` (``-``: standard output) atomically.

    A new file gets the permissions the umask gives any new file; a replaced file keeps
    its own. A symbolic link to a regular file is followed and the file it leads to is
    replaced (the link stays).

    :raises DataError: the folder does not exist or cannot be written, the target is not
        a regular file, it is read-only (unless ``force``), the disk is full, or the text
        cannot be encoded (a lone surrogate); the target is then left as it was.
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
    real = _target(target, force=force)
    folder = os.path.dirname(real) or "."
    handle, temp = _create_temp(folder, os.path.basename(real), target)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileNotFoundError):  # keep the permissions a replaced file had
            os.chmod(temp, stat.S_IMODE(os.stat(real).st_mode))
        os.replace(temp, real)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        why = (
            "the disk is full"
            if exc.errno in (errno.ENOSPC, errno.EDQUOT)
            else exc.strerror or str(exc)
        )
        raise DataError(
            [Problem(message=f"cannot write: {why}; nothing written", source=target)]
        ) from None
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
