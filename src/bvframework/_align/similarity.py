"""Similarity backends for ``align``: each gives the candidate pairs of two lists of
texts with their similarity (0-1), the ``limit`` best of every row and column at ``cutoff``
or above.

- ``tfidf`` (the default): cosine of TF-IDF vectors (words and word pairs, sublinear tf).
  Up to ``_EXHAUSTIVE`` new texts every pair sharing an informative term is scored through
  an inverted index; beyond, a streaming pass in time and memory linear in the input.
- ``lexical``: a rapidfuzz scorer (``token_sort`` by default), rapidfuzz's C++ loop doing
  the n x m work, blocked by rare words beyond four million pairs.
- ``semantic``: cosine of WordLlama sentence embeddings (the ``semantic`` extra; its
  weights ship in its wheel and load offline), blockwise matrix products with numpy.
- ``hybrid``: the mean of the tfidf and semantic cosines, over the union of both
  backends' candidates.
"""

from __future__ import annotations

import functools
import heapq
import re
from collections.abc import Callable, Sequence
from typing import Any

from .._core.errors import MissingDependencyError
from .._core.vocab import SIMILARITIES, Similarity
from .tfidf import Tfidf, clause_similarity, dot, indexed, streaming, top

__all__ = [
    "DEFAULTS",
    "MERGE_SIMILARITY",
    "SCORERS",
    "SIMILARITIES",
    "Similarity",
    "candidates",
    "clause_similarity",
    "clauses",
    "normalise_text",
    "several_clauses",
]

Edges = dict[tuple[int, int], float]


def _sorted_tokens(text: str) -> str:
    return " ".join(sorted(text.split()))


# name -> (prepare each text once, rapidfuzz scorer). token_sort is ratio on pre-sorted
# tokens: the same score as fuzz.token_sort_ratio without re-sorting every comparison.
SCORERS = ("tfidf", "token_sort", "token_set", "ratio", "wratio")
# backend -> (pair threshold, candidate cutoff, merge similarity): cosines of TF-IDF vectors
# run lower than rapidfuzz ratios or embedding cosines for the same pair; each chosen from
# the measurements in docs/alignment.md. A merge similarity above 1 turns that rule off.
DEFAULTS: dict[str, tuple[float, float, float]] = {
    "tfidf": (0.12, 0.06, 0.25),
    "lexical": (0.6, 0.5, 2.0),
    "semantic": (0.6, 0.45, 0.7),
    "hybrid": (0.35, 0.2, 0.65),
}
MERGE_SIMILARITY = DEFAULTS["tfidf"][2]


def _scorer(name: str) -> tuple[Callable[[str], str], Callable[..., float]]:
    from rapidfuzz import fuzz

    scorers: dict[str, tuple[Callable[[str], str], Callable[..., float]]] = {
        "token_sort": (_sorted_tokens, fuzz.ratio),
        "token_set": (str, fuzz.token_set_ratio),
        "ratio": (str, fuzz.ratio),
        "wratio": (str, fuzz.WRatio),
    }
    return scorers[name]


_BLOCK_ABOVE = 4_000_000  # pairs; beyond this, compare only pairs sharing a rare word
_RARE_WORDS = 8


def _blocks(old: Sequence[str], new: Sequence[str]) -> list[list[int]]:
    """For each old text, the new texts sharing one of its rarest words.

    Revisions keep most of an item's distinctive words, so a true partner almost always
    shares one of the eight rarest (losing all eight to a one-third rewording has odds
    about (1/3)^8). It turns the n x m comparisons into a few per item.
    """
    index: dict[str, list[int]] = {}
    for j, text in enumerate(new):
        for word in set(text.split()):
            index.setdefault(word, []).append(j)
    out = []
    for text in old:
        words = sorted(set(text.split()) & index.keys(), key=lambda w: (len(index[w]), w))
        found: set[int] = set()
        for word in words[:_RARE_WORDS]:
            found.update(index[word])
        out.append(sorted(found))
    return out


def _candidates(
    old: Sequence[str],
    new: Sequence[str],
    *,
    scorer: Callable[..., float],
    limit: int,
    cutoff: float,
) -> dict[tuple[int, int], float]:
    """The ``limit`` best pairs of every old item and of every new item (one scoring pass)."""
    from rapidfuzz import process

    rows: dict[int, list[tuple[float, int]]] = {}
    cols: dict[int, list[tuple[float, int]]] = {}
    if not new:
        return {}
    blocks = _blocks(old, new) if len(old) * len(new) > _BLOCK_ABOVE else None
    for i, query in enumerate(old):
        if not query:
            continue
        if blocks is None:
            hits = process.extract(query, new, scorer=scorer, limit=None, score_cutoff=cutoff * 100)
        else:
            subset = blocks[i]
            hits = [
                (c, sc, subset[k])
                for c, sc, k in process.extract(
                    query,
                    [new[j] for j in subset],
                    scorer=scorer,
                    limit=None,
                    score_cutoff=cutoff * 100,
                )
            ]
        for _, score, j in hits:
            rows.setdefault(i, []).append((score / 100, j))
            cols.setdefault(j, []).append((score / 100, i))
    return top(rows, cols, limit, (len(old), len(new)))


def _tfidf_candidates(
    old: Sequence[str],
    new: Sequence[str],
    *,
    limit: int,
    cutoff: float,
    model: Tfidf | None = None,
) -> Edges:
    """TF-IDF cosine (words and word pairs, sublinear tf, smoothed idf over both versions)
    through an inverted index: only pairs sharing a term are scored, so the work follows
    the overlap, not n x m. The ``limit`` best of every row and column at ``cutoff`` or
    above are kept. ``model``: the TF-IDF model of ``[*old, *new]``, if already made."""
    if len(new) > _EXHAUSTIVE:
        return _tfidf_streaming(old, new, limit=limit, cutoff=cutoff)
    if model is None:
        model = Tfidf([*old, *new])
    return indexed(model, len(old), limit=limit, cutoff=cutoff)


_EXHAUSTIVE = 2_000  # new items; beyond this, candidates come from each item's rare terms
_tfidf_streaming = streaming  # the path beyond _EXHAUSTIVE (the name tests call it by)


@functools.lru_cache(maxsize=1)
def _model() -> Any:
    """WordLlama, loaded offline from the weights in its own wheel; once per process (old
    and new texts, and every later ``align``, embed with the same model).

    :raises MissingDependencyError: wordllama is not installed, or cannot load offline.
    """
    try:
        import os

        import wordllama
        from wordllama import WordLlama
    except ImportError:
        raise MissingDependencyError(
            "semantic similarity needs wordllama: pip install 'bvframework[semantic]'"
        ) from None
    folder = os.path.dirname(wordllama.__file__)
    try:  # its weights are in the wheel; never download
        return WordLlama.load(cache_dir=folder, disable_download=True)
    except Exception as exc:
        raise MissingDependencyError(
            f"wordllama is installed but its model did not load offline ({type(exc).__name__})"
        ) from None


def embed(texts: Sequence[str]) -> Any:
    """L2-normalised WordLlama embeddings of ``texts`` (a float32 numpy matrix)."""
    import numpy as np

    model = _model()
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    vectors = np.asarray(model.embed(list(texts), norm=True), dtype=np.float32)
    vectors[[not t for t in texts]] = 0.0  # an empty text is like nothing
    return vectors


def _semantic_candidates(a: Any, b: Any, *, limit: int, cutoff: float) -> Edges:
    """Cosines of the embeddings ``a`` (old) and ``b`` (new), a block of rows at a time
    (about 64 MB of scores at once)."""
    import numpy as np

    rows: dict[int, list[tuple[float, int]]] = {}
    cols: dict[int, list[tuple[float, int]]] = {}
    if not len(a) or not len(b):
        return {}
    step = max(1, (1 << 24) // len(b))
    k = min(limit, len(b))
    for start in range(0, len(a), step):
        block = a[start : start + step] @ b.T
        best = np.argpartition(-block, k - 1, axis=1)[:, :k]
        for r, js in enumerate(best):
            for j in js:
                score = float(block[r, j])
                if score >= cutoff:
                    rows.setdefault(start + r, []).append((score, int(j)))
        kk = min(limit, block.shape[0])
        best_rows = np.argpartition(-block, kk - 1, axis=0)[:kk, :]
        for j in range(block.shape[1]):
            for r in best_rows[:, j]:
                score = float(block[r, j])
                if score >= cutoff:
                    cols.setdefault(j, []).append((score, start + int(r)))
    for j, found in cols.items():  # keep the column lists short across blocks
        cols[j] = heapq.nlargest(limit, found, key=lambda h: (h[0], -h[1]))
    return top(rows, cols, limit, (len(a), len(b)))


def _hybrid_candidates(
    old: Sequence[str],
    new: Sequence[str],
    *,
    limit: int,
    cutoff: float,
    model: Tfidf | None = None,
) -> Edges:
    """The mean of the tfidf and semantic cosines of every pair either backend proposes."""
    import numpy as np

    model = Tfidf([*old, *new]) if model is None else model
    vectors = model.vectors
    a, b = embed(old), embed(new)
    pairs = set(_tfidf_candidates(old, new, limit=limit, cutoff=0.0, model=model))
    pairs |= set(_semantic_candidates(a, b, limit=limit, cutoff=0.0))
    rows: dict[int, list[tuple[float, int]]] = {}
    cols: dict[int, list[tuple[float, int]]] = {}
    for i, j in pairs:
        lexical = dot(vectors[i], vectors[len(old) + j])
        score = (lexical + float(np.dot(a[i], b[j]))) / 2
        if score >= cutoff:
            rows.setdefault(i, []).append((score, j))
            cols.setdefault(j, []).append((score, i))
    return top(rows, cols, limit, (len(old), len(new)))


_CLAUSE = re.compile(r"[.;:]\s+|\n+|\s\([a-z0-9]{1,3}\)\s")
_CLAUSE_WORDS = 3  # shorter fragments ("and", "(a)") are not clauses


_PUNCTUATION = re.compile(r"[^\w\s]")


def normalise_text(text: str) -> str:
    """Case, punctuation and spacing removed: what the scorers compare (one pass of a
    regular expression; ``split`` collapses the same whitespace ``\\s`` matches).

    >>> normalise_text("Verify that the  application's (web) UI, ...")
    'verify that the application s web ui'
    """
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


_BOUNDARY = re.compile(r"[.;:\n(]")  # a character every boundary above starts with


def several_clauses(text: str) -> bool:
    """False when ``text`` cannot have two clauses: it has no boundary at all."""
    return _BOUNDARY.search(text) is not None


def clauses(text: str, normalise: Callable[[str], str], *, whole: str | None = None) -> list[str]:
    """The clauses of a text (split at sentence, list and statement-part boundaries),
    normalised; fragments of fewer than three words are dropped. ``whole``: the whole
    text normalised, if already made (a text without a boundary is one clause)."""
    if whole is not None and _BOUNDARY.search(text) is None:
        return [whole] if len(whole.split()) >= _CLAUSE_WORDS else []
    parts = (normalise(part) for part in _CLAUSE.split(text))
    return [part for part in parts if len(part.split()) >= _CLAUSE_WORDS]


def candidates(
    similarity: Similarity,
    old: Sequence[str],
    new: Sequence[str],
    *,
    scorer: str,
    limit: int,
    cutoff: float,
    model: Tfidf | None = None,
) -> Edges:
    """The candidate pairs of ``old`` x ``new`` with their similarity, by ``similarity``
    (``scorer`` names the rapidfuzz function for ``lexical``; ``model``: a TF-IDF model of
    ``[*old, *new]`` already made, for tfidf)."""
    if similarity == "tfidf":
        return _tfidf_candidates(old, new, limit=limit, cutoff=cutoff, model=model)
    if similarity == "semantic":
        return _semantic_candidates(embed(old), embed(new), limit=limit, cutoff=cutoff)
    if similarity == "hybrid":
        return _hybrid_candidates(old, new, limit=limit, cutoff=cutoff, model=model)
    prepare, score_fn = _scorer(scorer)
    return _candidates(
        [prepare(t) for t in old],
        [prepare(t) for t in new],
        scorer=score_fn,
        limit=limit,
        cutoff=cutoff,
    )
