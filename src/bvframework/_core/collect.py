"""Building a large acyclic tree without the cyclic garbage collector looking at it.

CPython's collector runs every 700 new container objects and, as a tree of millions of
them grows, keeps walking the older ones: composing an 11 MB YAML file spent two thirds
of its time there, and writing a 20,000-relation mapping half of it, finding nothing (a
parse tree, a node tree and a data tree hold no cycles; they are freed by reference
counting). :class:`paused` turns the collector off for such a build and back on after
(it stays off if it was off); garbage with cycles made meanwhile is collected later.
"""

from __future__ import annotations

import gc
from types import TracebackType

__all__ = ["paused"]


class paused:  # noqa: N801 - used as a context manager, like contextlib's
    """``with paused(): ...``: the cyclic garbage collector is off inside."""

    __slots__ = ("_was",)

    def __enter__(self) -> None:
        self._was = gc.isenabled()
        gc.disable()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._was:
            gc.enable()
