"""Writing results: every output goes through here (atomic, never over an input)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._store.store import Store

__all__ = ["write"]


def write(
    target: str | os.PathLike[str],
    content: str | bytes,
    *,
    store: Store | None = None,
    option: str = "-o",
    parents: bool = False,
    force: bool = False,
) -> None:
    """Write ``content`` to ``target`` (``-``: standard output) atomically, refusing a
    target that is one of the files ``store`` read, or is not a regular file; a read-only
    file is replaced only with ``force``; ``parents`` makes missing folders.

    :raises UsageError: ``target`` names an input.
    :raises DataError: ``target`` cannot be written (not a regular file, read-only, a
        missing folder, a full disk).
    """
    from .._store.write import make_folder, refuse_inputs, write_output

    path = os.fspath(target)
    if store is not None:
        refuse_inputs(path, store.inputs, option=option)
    if parents and path != "-":
        make_folder(os.path.dirname(path))
    write_output(path, content, force=force)
