"""Progress and explanations for the ``logging`` module, without importing it.

A program that wants bvframework's messages configures ``logging`` (the command line does
so for ``-v``, or when standard error is a terminal), so ``logging`` is imported by then;
when it is not, nobody listens and these functions return at once: a run that shows
nothing pays nothing (``logging`` costs about a millisecond to import). Loggers are named
under ``bvframework.`` (``bvframework.store``, ``bvframework.fetch``,
``bvframework.import``, ``bvframework.align``).
"""

from __future__ import annotations

import sys
import time

__all__ = ["Progress", "debug", "info", "listening", "reading"]


def listening() -> bool:
    """Whether anyone could be listening (``logging`` is imported)."""
    return "logging" in sys.modules


def info(name: str, message: str, *args: object) -> None:
    """Log ``message % args`` at INFO (shown on a terminal and with -v) to ``name``."""
    if "logging" in sys.modules:
        import logging

        logging.getLogger(name).info(message, *args)


def reading(name: str, size: int) -> None:
    """Say that a large file (``size`` characters) is being read (``bvframework.store``)."""
    info("bvframework.store", "reading %s (%.1f MB)", name, size / 1e6)


def debug(name: str, message: str, *args: object) -> None:
    """Log ``message % args`` at DEBUG (shown with -v) to ``name``."""
    if "logging" in sys.modules:
        import logging

        logging.getLogger(name).debug(message, *args)


class Progress:
    """Progress through ``total`` units of something long, logged at INFO at most once
    every ``every`` seconds (and at the end), as ``what: done of total (percent)``.

    >>> progress = Progress("bvframework.fetch", "downloading", total=100, unit="bytes")
    >>> progress.advance(40)
    >>> progress.done
    40
    """

    def __init__(
        self, name: str, what: str, *, total: int | None = None, unit: str = "", every: float = 1.0
    ) -> None:
        self.name, self.what, self.total, self.unit, self.every = name, what, total, unit, every
        self.done = 0
        self._last = time.monotonic()

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        if "logging" in sys.modules and time.monotonic() - self._last >= self.every:
            self._last = time.monotonic()
            self._say()

    def finish(self) -> None:
        """Log where it ended (when anything is listening)."""
        if "logging" in sys.modules:
            self._say()

    def _say(self) -> None:
        unit = f" {self.unit}" if self.unit else ""
        if self.total:
            share = f" ({100 * self.done / self.total:.0f}%)"
            info(
                self.name,
                "%s: %s of %s%s%s",
                self.what,
                f"{self.done:,}",
                f"{self.total:,}",
                unit,
                share,
            )
        else:
            info(self.name, "%s: %s%s", self.what, f"{self.done:,}", unit)
