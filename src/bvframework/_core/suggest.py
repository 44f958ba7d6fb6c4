"""Close matches for a misspelt name, and the one "unknown choice" check."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from .errors import UnknownReferenceError

__all__ = ["check_choice", "suggest"]

T = TypeVar("T", bound=str)


def suggest(query: str, options: Iterable[str], *, limit: int = 3) -> list[str]:
    """Up to ``limit`` options closest to ``query``, best first (ties in input order).

    >>> suggest("sixcolour", ["rag", "six-colour", "numeric-1-5"])
    ['six-colour']
    """
    from rapidfuzz import fuzz, process, utils  # only when a name was misspelt

    found = process.extract(
        query,
        list(dict.fromkeys(options)),
        scorer=fuzz.ratio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=60,
    )
    return [match for match, _, _ in found]


def check_choice(value: str, choices: Sequence[T], *, what: str, plural: str = "") -> T:
    """``value`` when it is one of ``choices``, else :class:`UnknownReferenceError` naming
    them all and the closest ("did you mean").

    >>> check_choice("worst", ("worst", "best"), what="merge policy")
    'worst'
    """
    for choice in choices:
        if value == choice:
            return choice
    listed = ", ".join(choices)
    raise UnknownReferenceError(
        f"unknown {what} {value!r} ({plural or what + ' choices'}: {listed})",
        suggestions=suggest(str(value), choices),
    )
