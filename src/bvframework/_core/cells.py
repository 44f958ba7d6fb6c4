"""Spreadsheet cells that cannot run: text that would start a formula is neutralised."""

from __future__ import annotations

import re

__all__ = ["neutralise_cell"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_cell(value: str) -> str:
    """A text cell a spreadsheet will not run as a formula: ``=SUM(A1)`` -> ``'=SUM(A1)``.

    Numbers (``-1``, ``+3.5``) are left as they are.

    >>> neutralise_cell("=HYPERLINK(\\"x\\")"), neutralise_cell("-1"), neutralise_cell("ok")
    ('\\'=HYPERLINK("x")', '-1', 'ok')
    """
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value
