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
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from .._core.errors import MissingDependencyError
from .._core.vocab import SIMILARITIES, Similarity

__all__ = [
    "DEFAULTS",
    "MERGE_SIMILARITY",
    "SCORERS",
    "SIMILARITIES",
    "Similarity",
    "candidates",
    "clause_similarity",
    "clauses",
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
    return _top(rows, cols, limit, (len(old), len(new)))


_COMMON = 0.2  # a term in more than this share of the new texts is not indexed (a stop word)


def _grams(text: str) -> list[str]:
    words = text.split()
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _tfidf_candidates(
    old: Sequence[str], new: Sequence[str], *, limit: int, cutoff: float
) -> dict[tuple[int, int], float]:
    """TF-IDF cosine (words and word pairs, sublinear tf, smoothed idf over both versions)
    through an inverted index: only pairs sharing a term are scored, so the work follows
    the overlap, not n x m. The ``limit`` best of every row and column at ``cutoff`` or
    above are kept."""
    if len(new) > _EXHAUSTIVE:
        return _tfidf_streaming(old, new, limit=limit, cutoff=cutoff)
    return _indexed(_tfidf_vectors([*old, *new]), len(old), limit=limit, cutoff=cutoff)


def _indexed(
    vectors: Sequence[dict[str, float]], split: int, *, limit: int, cutoff: float
) -> Edges:
    """:func:`_tfidf_candidates` on vectors already made (old ones before ``split``)."""
    olds, news = vectors[:split], vectors[split:]
    common = max(50, int(_COMMON * len(news)))
    index: dict[str, list[tuple[int, float]]] = {}
    for j, vector in enumerate(news):
        for term, weight in vector.items():
            index.setdefault(term, []).append((j, weight))
    rows: dict[int, list[tuple[float, int]]] = {}
    cols: dict[int, list[tuple[float, int]]] = {}
    for i, vector in enumerate(olds):
        scores: dict[int, float] = {}
        for term, weight in vector.items():
            postings = index.get(term, ())
            if len(postings) > common:
                continue
            for j, other in postings:
                scores[j] = scores.get(j, 0.0) + weight * other
        for j, score in scores.items():
            if score >= cutoff:
                rows.setdefault(i, []).append((score, j))
                cols.setdefault(j, []).append((score, i))
    return _top(rows, cols, limit, (len(olds), len(news)))


_EXHAUSTIVE = 2_000  # new items; beyond this, candidates come from each item's rare terms
_RARE_DF = 16  # a term in at most this many new items is rare enough to propose candidates
_FEW_RARE = 4  # an item with fewer rare terms also uses its next rarest ones...
_TOO_COMMON = 1_000  # ...but never one in more new items than this
_RESCORE = 8  # candidates per item scored exactly (the most rare terms shared first)
_PAIR = 1 << 24  # word-pair keys: _PAIR + a * _PAIR + b, above every word ID


def _keys(text: str, words: dict[str, int]) -> list[int]:
    """The text's terms as integers: word IDs, then word-pair keys (no strings kept)."""
    ids = [words.setdefault(w, len(words)) for w in text.split()]
    return ids + [_PAIR + a * _PAIR + b for a, b in itertools.pairwise(ids)]


def _tfidf_streaming(
    old: Sequence[str], new: Sequence[str], *, limit: int, cutoff: float
) -> dict[tuple[int, int], float]:
    """TF-IDF cosine for large catalogues, in time and memory linear in their size.

    The new texts are indexed once (terms as integers, each text's weights in two compact
    arrays; idf over the new texts). Each old text is then scored on its own: the new texts
    sharing its rare terms are its candidates, the ``_RESCORE`` sharing the most rare
    weight are scored exactly (full cosine, common terms included), and only the ``limit``
    best of its row and of every column are kept (bounded heaps). Memory: the index and
    the arrays, O(terms of the new texts), plus O((n + m) * limit).
    """
    import math
    from array import array

    words: dict[str, int] = {}
    postings: dict[int, int | list[int]] = {}  # term -> the new text, or texts, having it
    new_keys = []
    for j, text in enumerate(new):
        keys = _keys(text, words)
        new_keys.append(array("q", keys))
        for key in set(keys):
            found = postings.get(key)
            if found is None:
                postings[key] = j
            elif isinstance(found, int):
                postings[key] = [found, j]
            else:
                found.append(j)
    total = len(new)
    most = max((len(f) for f in postings.values() if isinstance(f, list)), default=1)
    idf = [math.log((1 + total) / (1 + d)) + 1 for d in range(most + 1)]
    tf = [0.0] + [1 + math.log(c) for c in range(1, 256)]

    def weights(keys: Sequence[int]) -> dict[int, float]:
        vector = {}
        for k, c in Counter(keys).items():
            found = postings.get(k)
            d = 0 if found is None else 1 if isinstance(found, int) else len(found)
            vector[k] = (tf[c] if c < 256 else 1 + math.log(c)) * idf[d]
        norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
        return {k: x / norm for k, x in vector.items()}

    new_vectors: list[tuple[array[int], array[float]]] = []
    for text_keys in new_keys:
        vector = weights(text_keys)
        new_vectors.append((array("q", vector.keys()), array("d", vector.values())))
    del new_keys
    columns: dict[int, list[tuple[float, int]]] = {}
    edges: dict[tuple[int, int], float] = {}
    for i, text in enumerate(old):
        query = weights(_keys(text, words))
        shared: dict[int, float] = {}
        rare = 0
        others: list[tuple[int, int]] = []
        for key, weight in query.items():
            found = postings.get(key)
            if found is None:
                continue
            if isinstance(found, int):  # the common case: a term of one new text
                shared[found] = shared.get(found, 0.0) + weight
                rare += 1
            elif len(found) <= _RARE_DF:
                for j in found:
                    shared[j] = shared.get(j, 0.0) + weight
                rare += 1
            elif len(found) <= _TOO_COMMON:
                others.append((len(found), key))
        if rare < _FEW_RARE:  # a generic text: its rarest common terms propose too
            for _, key in sorted(others)[: _FEW_RARE - rare]:
                many = postings[key]
                for j in many if isinstance(many, list) else (many,):
                    shared[j] = shared.get(j, 0.0) + query[key]
        best = heapq.nlargest(_RESCORE, shared.items(), key=lambda p: (p[1], -p[0]))
        row = []
        for j, _ in best:
            terms, values = new_vectors[j]
            score = sum(query.get(k, 0.0) * w for k, w in zip(terms, values, strict=True))
            if score >= cutoff:
                row.append((score, j))
                heap = columns.setdefault(j, [])
                entry = (score, -i)
                if len(heap) < limit:
                    heapq.heappush(heap, entry)
                elif entry > heap[0]:
                    heapq.heapreplace(heap, entry)
        for score, j in heapq.nlargest(limit, row, key=lambda h: (h[0], -h[1])):
            edges[(i, j)] = min(score, 1.0)
    for j, heap in columns.items():
        for score, neg_i in heap:
            edges[(-neg_i, j)] = min(score, 1.0)
    return edges


def _top(
    rows: dict[int, list[tuple[float, int]]],
    cols: dict[int, list[tuple[float, int]]],
    limit: int,
    shape: tuple[int, int],
) -> Edges:
    """The ``limit`` best of every row and column; equal scores go to the pair nearer the
    same place in both catalogues (revisions mostly keep their order), so a title shared
    by several items ("Policy and Procedures") keeps the candidate in its own place."""
    n, m = max(shape[0], 1), max(shape[1], 1)

    def best(at: float, found: list[tuple[float, int]], size: int) -> list[tuple[float, int]]:
        def key(hit: tuple[float, int]) -> tuple[float, float, int]:
            return hit[0], -abs(at - hit[1] / size), -hit[1]

        return heapq.nlargest(limit, found, key=key)

    edges: Edges = {}
    for i, found in rows.items():
        for score, j in best(i / n, found, m):
            edges[(i, j)] = min(score, 1.0)
    for j, found in cols.items():
        for score, i in best(j / m, found, n):
            edges[(i, j)] = min(score, 1.0)
    return edges


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
    return _top(rows, cols, limit, (len(a), len(b)))


def _weigh(counts: Counter[str], df: Counter[str], total: int) -> dict[str, float]:
    """A text's unit TF-IDF vector: sublinear tf, smoothed idf over ``total`` texts."""
    import math

    vector = {
        t: (1 + math.log(k)) * (math.log((1 + total) / (1 + df[t])) + 1) for t, k in counts.items()
    }
    norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
    return {t: x / norm for t, x in vector.items()}


def _tfidf_vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    counts = [Counter(_grams(text)) for text in texts]
    df: Counter[str] = Counter(term for c in counts for term in c)
    return [_weigh(c, df, len(counts)) for c in counts]


def _hybrid_candidates(
    old: Sequence[str], new: Sequence[str], *, limit: int, cutoff: float
) -> Edges:
    """The mean of the tfidf and semantic cosines of every pair either backend proposes."""
    import numpy as np

    vectors = _tfidf_vectors([*old, *new])
    a, b = embed(old), embed(new)
    pairs = set(
        _tfidf_streaming(old, new, limit=limit, cutoff=0.0)
        if len(new) > _EXHAUSTIVE
        else _indexed(vectors, len(old), limit=limit, cutoff=0.0)
    )
    pairs |= set(_semantic_candidates(a, b, limit=limit, cutoff=0.0))
    rows: dict[int, list[tuple[float, int]]] = {}
    cols: dict[int, list[tuple[float, int]]] = {}
    for i, j in pairs:
        u, v = vectors[i], vectors[len(old) + j]
        lexical = sum(w * v.get(t, 0.0) for t, w in u.items())
        score = (lexical + float(np.dot(a[i], b[j]))) / 2
        if score >= cutoff:
            rows.setdefault(i, []).append((score, j))
            cols.setdefault(j, []).append((score, i))
    return _top(rows, cols, limit, (len(old), len(new)))


_CLAUSE = re.compile(r"[.;:]\s+|\n+|\s\([a-z0-9]{1,3}\)\s")
_CLAUSE_WORDS = 3  # shorter fragments ("and", "(a)") are not clauses


def clauses(text: str, normalise: Callable[[str], str]) -> list[str]:
    """The clauses of a text (split at sentence, list and statement-part boundaries),
    normalised; fragments of fewer than three words are dropped."""
    parts = (normalise(part) for part in _CLAUSE.split(text))
    return [part for part in parts if len(part.split()) >= _CLAUSE_WORDS]


def clause_similarity(pairs: Sequence[tuple[str, list[str]]], corpus: Sequence[str]) -> list[float]:
    """For each (short text, clauses of a long one), the best TF-IDF cosine between the
    short text and one clause: an item incorporated into one part of a longer item is
    found there, where the longer item's other parts would dilute a whole-text cosine.
    idf comes from ``corpus`` (every item's whole text)."""
    df: Counter[str] = Counter(t for text in corpus for t in set(_grams(text)))
    vectors: dict[str, dict[str, float]] = {}  # a clause or text met again is weighed once

    def vector(text: str) -> dict[str, float]:
        if text not in vectors:
            vectors[text] = _weigh(Counter(_grams(text)), df, len(corpus))
        return vectors[text]

    scores = []
    for text, parts in pairs:
        u = vector(text)
        best = 0.0
        for part in parts:
            v = vector(part)
            best = max(best, sum(w * v.get(t, 0.0) for t, w in u.items()))
        scores.append(best)
    return scores


def candidates(
    similarity: Similarity,
    old: Sequence[str],
    new: Sequence[str],
    *,
    scorer: str,
    limit: int,
    cutoff: float,
) -> Edges:
    """The candidate pairs of ``old`` x ``new`` with their similarity, by ``similarity``
    (``scorer`` names the rapidfuzz function for ``lexical``)."""
    if similarity == "tfidf":
        return _tfidf_candidates(old, new, limit=limit, cutoff=cutoff)
    if similarity == "semantic":
        return _semantic_candidates(embed(old), embed(new), limit=limit, cutoff=cutoff)
    if similarity == "hybrid":
        return _hybrid_candidates(old, new, limit=limit, cutoff=cutoff)
    prepare, score_fn = _scorer(scorer)
    return _candidates(
        [prepare(t) for t in old],
        [prepare(t) for t in new],
        scorer=score_fn,
        limit=limit,
        cutoff=cutoff,
    )
