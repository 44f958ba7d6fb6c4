"""Building a large acyclic tree without the cyclic garbage collector looking at it.

CPython's collector runs every 700 new container objects and, as a tree of millions of
them grows, keeps walking the older ones: composing an 11 MB YAML file spent two thirds
of its time there, and writing a 20,000-relation mapping half of it, finding nothing (a
parse tree, a node tree and a data tree hold no cycles; they are freed by reference
counting). :class:`paused` turns the collector off for such a build and back on after
(it stays off if it was off); garbage with cycles made meanwhile is collected later.
:func:`while_paused` does the same for every call of a function (``align``: millions of
small objects, none in cycles).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from types import TracebackType
from typing import ParamSpec, TypeVar

__all__ = ["paused", "while_paused"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


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


def while_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """``fn`` with the collector :class:`paused` for each call (restored after, as it was)."""

    @functools.wraps(fn)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused():
            return fn(*args, **kwargs)

    return run
