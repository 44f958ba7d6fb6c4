"""``align``: a suggested mapping between two catalogues, from text similarity.

1. Similarity: by default the cosine of TF-IDF vectors (words and word pairs, sublinear
   term frequency, idf over both versions), scored through an inverted index so that only
   pairs sharing a term are compared; or a rapidfuzz scorer (``token_sort``...), where
   rapidfuzz's C++ loop does the n x m work and, beyond four million pairs, only pairs that
   share one of an item's rarest words are scored (blocking). The ``candidates`` best above
   ``cutoff`` on each side are kept (a sparse candidate graph).
2. 1:1 pairs: edges far (``margin``) below the best either end could have are dropped; the
   rest of the candidate graph is split into connected components and each is solved
   exactly for the maximum total similarity (networkx ``max_weight_matching``).
3. Merges and splits: an item left over joins a paired candidate when that one's text
   contains at least ``merge_threshold`` of its words (containment: "A" is wholly inside a
   merged "A + B", whatever their lengths) or, with tfidf, when their similarity reaches
   ``merge_similarity`` (a requirement "covered by" or "incorporated into" another is
   rephrased, so containment misses it).
4. What is left is removed (old) or added (new). Moves follow from the themes.

IDs are only a weak tie-breaker (``id_weight``): revisions reuse IDs for different things.
"""

from __future__ import annotations

import heapq
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from attrs import evolve

from .._catalogues.model import Catalogue
from .._core.errors import CompositionError
from .._core.suggest import check_choice
from .._mappings.model import Mapping, Relation

__all__ = ["SCORERS", "align", "normalise_text"]


def _sorted_tokens(text: str) -> str:
    return " ".join(sorted(text.split()))


# name -> (prepare each text once, rapidfuzz scorer). token_sort is ratio on pre-sorted
# tokens: the same score as fuzz.token_sort_ratio without re-sorting every comparison.
SCORERS = ("tfidf", "token_sort", "token_set", "ratio", "wratio")
# scorer -> (pair threshold, candidate cutoff): cosines of TF-IDF vectors run lower than
# rapidfuzz ratios for the same pair; both chosen from the measurements in docs/alignment.md
DEFAULTS: dict[str, tuple[float, float]] = {"tfidf": (0.12, 0.06), "token_sort": (0.6, 0.5)}
MERGE_SIMILARITY = 0.5  # tfidf: a left-over item this similar to a paired one joins it


def _scorer(name: str) -> tuple[Callable[[str], str], Callable[..., float]]:
    from rapidfuzz import fuzz

    scorers: dict[str, tuple[Callable[[str], str], Callable[..., float]]] = {
        "token_sort": (_sorted_tokens, fuzz.ratio),
        "token_set": (str, fuzz.token_set_ratio),
        "ratio": (str, fuzz.ratio),
        "wratio": (str, fuzz.WRatio),
    }
    return scorers[name]


def containment(part: str, whole: str) -> float:
    """Share of ``part``'s words (with repeats) that ``whole`` also has: 1.0 when a merged
    or split text simply contains the other.

    >>> containment("use tls", "always use tls everywhere")
    1.0
    """
    words = Counter(part.split())
    if not words:
        return 0.0
    return sum((words & Counter(whole.split())).values()) / sum(words.values())


def normalise_text(text: str) -> str:
    """Case, punctuation and spacing removed: what the scorers compare.

    >>> normalise_text("Verify that the  application's (web) UI, ...")
    'verify that the application s web ui'
    """
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text.casefold())).strip()


def _text(item: Any) -> str:
    return normalise_text(item.text or item.label or "")


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
            rows.setdefault(i, []).append((score, j))
            cols.setdefault(j, []).append((score, i))
    edges: dict[tuple[int, int], float] = {}
    for i, found in rows.items():
        for score, j in heapq.nlargest(limit, found, key=lambda h: (h[0], -h[1])):
            edges[(i, j)] = score / 100
    for j, found in cols.items():
        for score, i in heapq.nlargest(limit, found, key=lambda h: (h[0], -h[1])):
            edges[(i, j)] = score / 100
    return edges


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
    import math

    counts = [Counter(_grams(text)) for text in (*old, *new)]
    df: Counter[str] = Counter(term for c in counts for term in c)
    total = len(counts)
    idf = {term: math.log((1 + total) / (1 + n)) + 1 for term, n in df.items()}
    vectors = []
    for c in counts:
        vector = {t: (1 + math.log(k)) * idf[t] for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
        vectors.append({t: x / norm for t, x in vector.items()})
    olds, news = vectors[: len(old)], vectors[len(old) :]
    common = max(50, int(_COMMON * len(new)))
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
    edges: dict[tuple[int, int], float] = {}
    for i, found in rows.items():
        for score, j in heapq.nlargest(limit, found, key=lambda h: (h[0], -h[1])):
            edges[(i, j)] = min(score, 1.0)
    for j, found in cols.items():
        for score, i in heapq.nlargest(limit, found, key=lambda h: (h[0], -h[1])):
            edges[(i, j)] = min(score, 1.0)
    return edges


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
    most = max((len(f) for f in postings.values() if type(f) is list), default=1)
    idf = [math.log((1 + total) / (1 + d)) + 1 for d in range(most + 1)]
    tf = [0.0] + [1 + math.log(c) for c in range(1, 256)]

    def weights(keys: Sequence[int]) -> dict[int, float]:
        vector = {}
        for k, c in Counter(keys).items():
            found = postings.get(k)
            d = 0 if found is None else 1 if type(found) is int else len(found)
            vector[k] = (tf[c] if c < 256 else 1 + math.log(c)) * idf[d]
        norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
        return {k: x / norm for k, x in vector.items()}

    new_vectors: list[tuple[array[int], array[float]]] = []
    for keys in new_keys:
        vector = weights(keys)
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
            if type(found) is int:  # the common case: a term of one new text
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
                for j in postings[key]:  # type: ignore[union-attr]
                    shared[j] = shared.get(j, 0.0) + query[key]
        best = heapq.nlargest(_RESCORE, shared.items(), key=lambda p: (p[1], -p[0]))
        row = []
        for j, _ in best:
            keys, values = new_vectors[j]
            score = sum(query.get(k, 0.0) * w for k, w in zip(keys, values, strict=True))
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


def _assign(edges: dict[tuple[int, int], float], threshold: float, margin: float) -> dict[int, int]:
    """Maximum-similarity 1:1 assignment over the plausible edges, exact per component.

    An edge is plausible when it reaches ``threshold`` and is within ``margin`` of the best
    edge of both its ends: a pair far below what either item could have is never chosen by
    a sensible reviewer, and dropping it keeps the components small enough to solve exactly.
    """
    import networkx as nx  # maximum-weight matching: the one algorithm that needs it

    best_old: dict[int, float] = {}
    best_new: dict[int, float] = {}
    for (i, j), w in edges.items():
        if w >= threshold:
            best_old[i] = max(best_old.get(i, 0.0), w)
            best_new[j] = max(best_new.get(j, 0.0), w)
    graph = nx.Graph()
    for (i, j), w in edges.items():
        if w >= threshold and w >= best_old[i] - margin and w >= best_new[j] - margin:
            graph.add_edge(("o", i), ("n", j), weight=w)
    pairs: dict[int, int] = {}
    for component in nx.connected_components(graph):
        sub = graph.subgraph(component)
        if sub.number_of_edges() == 1:
            ((a, b),) = sub.edges
            matching = {(a, b)}
        else:
            matching = nx.max_weight_matching(sub)
        for a, b in matching:
            (side_a, x), (_, y) = a, b
            i, j = (x, y) if side_a == "o" else (y, x)
            pairs[i] = j
    return pairs


def align(
    old: Catalogue,
    new: Catalogue,
    *,
    scorer: str = "tfidf",
    threshold: float | None = None,
    merge_threshold: float = 0.75,
    merge_similarity: float | None = None,
    cutoff: float | None = None,
    candidates: int = 5,
    id_weight: float = 0.01,
    margin: float = 0.1,
    curated: Mapping | None = None,
) -> Mapping:
    """A suggested mapping ``old`` -> ``new`` covering every item of both.

    Relations carry ``method: suggested`` and a ``confidence`` (the lowest similarity of
    their links); ``curated`` relations are kept as they are and the rest is aligned around
    them. Items without text are matched only through ``curated`` or left removed/added.

    >>> from bvframework import Catalogue
    >>> def cat(version, texts):
    ...     items = [{"id": f"R{i}", "text": t, "evidence": ["demo"]} for i, t in enumerate(texts)]
    ...     return Catalogue.from_dict({"framework": "demo", "version": version, "title": version,
    ...                                 "themes": [{"id": "T", "title": "T", "items": items}]})
    >>> m = align(cat("v1", ["Log every failed login attempt", "Use TLS for all traffic"]),
    ...           cat("v2", ["Use TLS 1.2 or later for all traffic", "Log every failed login"]))
    >>> [(r.kind, r.sources, r.targets) for r in m.relations]
    [('reworded', ('R0',), ('R1',)), ('reworded', ('R1',), ('R0',))]
    """
    check_choice(scorer, SCORERS, what="scorer", plural="scorers")
    default_threshold, default_cutoff = DEFAULTS.get(scorer, DEFAULTS["token_sort"])
    threshold = default_threshold if threshold is None else threshold
    cutoff = default_cutoff if cutoff is None else cutoff
    fixed_old: set[str] = set()
    fixed_new: set[str] = set()
    kept: list[Relation] = []
    if curated is not None:
        if (curated.source_key, curated.target_key) != (old.key, new.key):
            raise CompositionError(f"curated mapping {curated.key} is not {old.key} -> {new.key}")
        for relation in curated.relations:
            kept.append(evolve(relation, method=relation.method or "curated"))
            fixed_old.update(relation.sources)
            fixed_new.update(relation.targets)
    olds = [item for item in old.items if item.id not in fixed_old]
    news = [item for item in new.items if item.id not in fixed_new]
    old_text = [_text(item) for item in olds]
    new_text = [_text(item) for item in news]
    if scorer == "tfidf":
        edges = _tfidf_candidates(old_text, new_text, limit=candidates, cutoff=cutoff)
    else:
        prepare, score_fn = _scorer(scorer)
        edges = _candidates(
            [prepare(t) for t in old_text],
            [prepare(t) for t in new_text],
            scorer=score_fn,
            limit=candidates,
            cutoff=cutoff,
        )
    if id_weight:
        by_id = {item.id: j for j, item in enumerate(news)}
        for i, item in enumerate(olds):
            j = by_id.get(item.id)
            if j is not None and (i, j) in edges:
                edges[(i, j)] = min(edges[(i, j)] + id_weight, 1.0)
    pairs = _assign(edges, threshold, margin)
    links: dict[tuple[str, str], bool] = {}
    score: dict[tuple[str, str], float] = {}
    for i, j in pairs.items():
        link = (olds[i].id, news[j].id)
        links[link] = old_text[i] == new_text[j] and bool(old_text[i])
        score[link] = min(edges[(i, j)], 1.0)
    paired_new = set(pairs.values())
    # Merges and splits: a left-over item whose text is contained in (or contains) a paired
    # item's joins it. Containment, not whole-text similarity: "A" against "A + B" is 1.0.
    best_merge: dict[int, tuple[float, int]] = {}
    best_split: dict[int, tuple[float, int]] = {}
    # With tfidf, a left-over item also joins its most similar paired candidate when their
    # similarity reaches ``merge_similarity`` ("covered by", "incorporated into": the words
    # are rephrased, so containment misses them).
    similar = (
        merge_similarity
        if merge_similarity is not None
        else (MERGE_SIMILARITY if scorer == "tfidf" else 2.0)
    )
    for (i, j), weight in edges.items():
        if i not in pairs and j in paired_new:
            c = containment(old_text[i], new_text[j])
            c = max(c, weight if weight >= similar else 0.0)
            if c >= min(merge_threshold, similar) and (c, -j) > best_merge.get(i, (-1.0, 0)):
                best_merge[i] = (c, -j)
        if j not in paired_new and i in pairs:
            c = containment(new_text[j], old_text[i])
            c = max(c, weight if weight >= similar else 0.0)
            if c >= min(merge_threshold, similar) and (c, -i) > best_split.get(j, (-1.0, 0)):
                best_split[j] = (c, -i)
    for i, (c, neg_j) in best_merge.items():
        link = (olds[i].id, news[-neg_j].id)
        links[link], score[link] = False, c
    for j, (c, neg_i) in best_split.items():
        link = (olds[-neg_i].id, news[j].id)
        links[link], score[link] = False, c
    linked_old = {s for s, _ in links}
    linked_new = {t for _, t in links}
    return Mapping.from_links(
        links,
        framework=old.framework,
        target_framework=new.framework,
        source_version=old.version,
        target_version=new.version,
        removed=[item.id for item in olds if item.id not in linked_old],
        added=[item.id for item in news if item.id not in linked_new],
        kept=kept,
        method="suggested",
        confidence={link: round(value, 3) for link, value in score.items()},
        title=f"Suggested: {old.key} -> "
        f"{new.key if new.framework != old.framework else new.version}",
        notes=f"Aligned by text similarity ({scorer}, pair threshold {threshold}, "
        f"merge threshold {merge_threshold}); review before use.",
        source=old,
        target=new,
        check=False,  # valid by construction: IDs from the catalogues, canonical relations
    )
