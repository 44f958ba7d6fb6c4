"""Items' clauses for ``align``: split once per item, scored against the other side's
clauses (joins), and the intersects-with stage over the items that have several."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .joins import Edges, shared_parts
from .similarity import clause_similarity, clauses, normalise_text, several_clauses
from .tfidf import Tfidf

__all__ = ["Clauses", "clause_scorer", "intersecting"]


class Clauses:
    """Each item's clauses, split once however many candidates it is."""

    def __init__(
        self,
        olds: Sequence[Any],
        news: Sequence[Any],
        old_text: Sequence[str],
        new_text: Sequence[str],
    ) -> None:
        self._items = {"old": olds, "new": news}
        self._texts = {"old": old_text, "new": new_text}  # normalised already
        self._split: dict[tuple[str, int], list[str]] = {}

    def of(self, side: str, k: int) -> list[str]:
        if (side, k) not in self._split:
            text = self._items[side][k].text or ""
            whole = self._texts[side][k] if text else None
            self._split[(side, k)] = clauses(text, normalise_text, whole=whole)
        return self._split[(side, k)]

    def several(self, side: str, k: int) -> bool:
        """Whether the item has two clauses or more (no split where its text has no
        boundary at all, as most short items have none)."""
        return several_clauses(self._items[side][k].text or "") and len(self.of(side, k)) > 1


def clause_scorer(
    *,
    parts: Clauses,
    old_text: Sequence[str],
    new_text: Sequence[str],
    pairs: dict[int, int],
    least: float | None,
    model: Tfidf,
) -> Callable[[list[tuple[int, int]]], Edges]:
    """For candidate edges between a left-over item and a paired one, the similarity of
    the left-over text to the paired item's best clause (see
    :func:`.similarity.clause_similarity`); only where the paired text has several
    clauses, and only scores of ``least`` or more (None: no clause matching)."""

    def score(edges: list[tuple[int, int]]) -> Edges:
        if least is None:
            return {}
        wanted: list[tuple[tuple[int, int], str, list[str]]] = []
        for i, j in edges:
            if i not in pairs and parts.several("new", j):
                wanted.append(((i, j), old_text[i], parts.of("new", j)))
            elif i in pairs and parts.several("old", i):
                wanted.append(((i, j), new_text[j], parts.of("old", i)))
        if not wanted:
            return {}
        found = clause_similarity([(t, p) for _, t, p in wanted], model)
        scored = zip(wanted, found, strict=True)
        return {edge: value for (edge, _, _), value in scored if value >= least}

    return score


def intersecting(
    edges: Edges, *, linked: set[tuple[int, int]], parts: Clauses, model: Tfidf, least: float
) -> Edges:
    """The intersects-with links among the candidate ``edges`` (see
    :func:`.joins.shared_parts`): only items of several clauses can divide their meaning,
    so only theirs are split and scored."""
    several = {
        side: {k for k in {e[n] for e in edges} if parts.several(side, k)}
        for n, side in enumerate(("old", "new"))
    }
    kept = [(i, j) for i, j in edges if i in several["old"] and j in several["new"]]
    return shared_parts(
        kept,
        linked=linked,
        old_parts={i: parts.of("old", i) for i in several["old"]},
        new_parts={j: parts.of("new", j) for j in several["new"]},
        corpus=model,
        least=least,
    )
