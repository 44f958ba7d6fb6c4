"""Dates as the data files and options give them: real calendar dates only.

A pattern alone lets ``2024-02-30``, ``2024-13-01`` and ``0000-00-00`` through, and an
export would then state ``"last-modified": "2024-02-30T00:00:00Z"``. Every date read from a
file or given as an option is checked here: the whole text matches (no trailing newline),
then :meth:`datetime.date.fromisoformat` says whether the calendar has that day.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["date_problem"]

_FULL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PARTIAL = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def date_problem(text: str, *, partial: bool = False) -> str | None:
    """Why ``text`` is not a date (``YYYY-MM-DD``; with ``partial`` also ``YYYY`` and
    ``YYYY-MM``), or None when it is one.

    >>> date_problem("2024-02-29"), date_problem("2024-02-30")
    (None, "'2024-02-30' is not a real date (day is out of range for month)")
    >>> date_problem("2024-05", partial=True), date_problem("2024-13", partial=True)
    (None, "'2024-13' is not a real date (month must be in 1..12)")
    """
    shape = "YYYY, YYYY-MM or YYYY-MM-DD" if partial else "YYYY-MM-DD"
    if not (_PARTIAL if partial else _FULL).fullmatch(text):
        shown = text if len(text) <= 30 else text[:27] + "..."
        return f"{shown!r} is not {shape}"
    year, month, day = [*text.split("-"), "01", "01"][:3]
    try:
        date.fromisoformat(f"{year}-{month}-{day}")
    except ValueError as exc:
        return f"{text!r} is not a real date ({exc})"
    return None
