"""Spreadsheet cells that cannot run, and that read back as they were written.

A text cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR at the
start, unless it is a number) is written with a leading ``'``, the spreadsheet's own mark
for "this is text". A cell that already starts with ``'`` before such a character gets
one more, so that :func:`restore_cell`, which takes exactly one mark off where the writer
would have put one, gives back the very text written: ``- first bullet`` ->
``'- first bullet`` -> ``- first bullet``; ``'=x`` -> ``''=x`` -> ``'=x``.
"""

from __future__ import annotations

import re

from .text import printable

__all__ = ["neutralise_cell", "restore_cell", "spreadsheet_text"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _needs_mark(value: str) -> bool:
    """Whether the writer marks ``value``: it would run as a formula, or it is a mark
    followed by something that would (so that the reader's one removal is exact)."""
    while value.startswith("'"):
        value = value[1:]
        if not value.startswith(("'", *_FORMULA_START)):
            return False
    return value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value)


def neutralise_cell(value: str) -> str:
    """A text cell a spreadsheet will not run as a formula: ``=SUM(A1)`` -> ``'=SUM(A1)``.

    Numbers (``-1``, ``+3.5``) are left as they are.

    >>> neutralise_cell("=HYPERLINK(\\"x\\")"), neutralise_cell("-1"), neutralise_cell("ok")
    ('\\'=HYPERLINK("x")', '-1', 'ok')
    """
    return "'" + value if _needs_mark(value) else value


def restore_cell(value: str) -> str:
    """The text :func:`neutralise_cell` was given: one ``'`` taken off where it put one.

    >>> restore_cell("'- first bullet"), restore_cell("''=x"), restore_cell("'tis")
    ('- first bullet', "'=x", "'tis")
    """
    if value.startswith("'") and _needs_mark(value[1:]):
        return value[1:]
    return value


def spreadsheet_text(value: str) -> str:
    """Text for an XLSX cell: control characters shown as escapes (the one rule of
    :func:`~bvframework._core.text.printable`; line breaks and tabs kept), then made
    formula-safe."""
    return neutralise_cell(printable(value, keep="\n\t"))
