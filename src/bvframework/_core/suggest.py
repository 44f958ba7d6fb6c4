"""Close matches for a misspelt name, for "did you mean" hints."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process, utils

__all__ = ["suggest"]


def suggest(query: str, options: Iterable[str], *, limit: int = 3) -> list[str]:
    """Up to ``limit`` options closest to ``query``, best first (ties in input order)."""
    found = process.extract(
        query,
        list(dict.fromkeys(options)),
        scorer=fuzz.ratio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=60,
    )
    return [match for match, _, _ in found]
