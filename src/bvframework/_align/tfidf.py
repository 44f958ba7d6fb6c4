"""TF-IDF for ``align``: terms as integers, document frequencies and unit vectors computed
once and shared by the candidate stage, the clause stage and the joins.

A text's terms are its words and word pairs (``keys``: word IDs, then pair keys above every
word ID); its vector is sublinear tf times smoothed idf, scaled to unit length. Every sum
here adds the same products in the same order as the plain definition (the old vector's
terms in their order of first appearance, products from 0.0; adding a 0.0 product changes
no float), so the cosines are the same to the last bit whichever loop computes them.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain, pairwise, repeat
from operator import add as plus
from operator import and_, is_, mul, neg, rshift, sub, truediv

__all__ = ["Tfidf", "clause_similarity", "dot", "indexed", "keys", "streaming", "top"]

Edges = dict[tuple[int, int], float]
Vector = dict[int, float]

_PAIR_SHIFT = 24  # word-pair keys: (a + 1) << 24 | b, above every word ID (< 2 ** 24 words)
_COMMON = 0.2  # a term in more than this share of the new texts is not indexed (a stop word)


def keys(text: str, words: dict[str, int]) -> list[int]:
    """The text's terms as integers: word IDs (new words numbered as met), then word-pair
    keys (no strings kept)."""
    ids, pairs = _split(text, words)
    return ids + pairs


def _split(text: str, words: dict[str, int]) -> tuple[list[int], list[int]]:
    """:func:`keys` in its two parts: the word IDs and the word-pair keys."""
    ids = [words.setdefault(w, len(words)) for w in text.split()]
    return ids, [((a + 1) << _PAIR_SHIFT) + b for a, b in pairwise(ids)]


def _tf(most: int) -> list[float]:
    """Sublinear term frequency 1 + log(count) for counts up to ``most`` (index 0 unused)."""
    return [0.0] + [1 + math.log(c) for c in range(1, most + 1)]


def _unit(terms: Iterable[int], raw: list[float]) -> Vector:
    norm = math.sqrt(sum(map(mul, raw, raw))) or 1.0
    return dict(zip(terms, [x / norm for x in raw], strict=True))


def dot(u: Vector, v: Vector) -> float:
    """The dot product of two vectors, summed in ``u``'s order."""
    total: float = sum(map(mul, u.values(), map(v.get, u, repeat(0.0))))
    return total


class Tfidf:
    """A TF-IDF model of ``texts`` (every item's whole text): idf from their document
    frequencies, computed once, on first use. ``vectors`` gives every text's unit vector
    (made once); ``vector`` weighs one text, one of them or another such as a clause,
    against the same frequencies (a term no text has counts as in none)."""

    __slots__ = (
        "_by_text",
        "_df",
        "_idf",
        "_texts",
        "_tf",
        "_vectors",
        "cosines",
        "made",
        "words",
    )

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self.words: dict[str, int] = {}
        self._df: Counter[int] | None = None
        self._idf: list[float] = []
        self._tf = _tf(255)
        self._vectors: list[Vector] | None = None
        self._by_text: dict[str, int] = {}
        self.made: dict[str, Vector] = {}  # text -> its vector, for those asked for
        self.cosines: dict[tuple[str, str], float] = {}  # (text, clause) -> cosine

    def _count(self, every: bool) -> list[Counter[int]]:
        """Document frequencies (once), and each text's term counts if ``every``."""
        counts = [Counter(keys(t, self.words)) for t in self._texts] if every else []
        if self._df is None:
            if every:
                self._df = Counter(chain.from_iterable(counts))
            else:  # only the frequencies: no text's counts kept
                words = self.words
                self._df = Counter(chain.from_iterable(set(keys(t, words)) for t in self._texts))
            total = len(self._texts)
            most = max(self._df.values(), default=0)
            self._idf = [math.log((1 + total) / (1 + d)) + 1 for d in range(most + 1)]
        return counts

    @property
    def vectors(self) -> list[Vector]:
        """Every text's unit vector, in order."""
        if self._vectors is None:
            self._vectors = [self._weigh(count) for count in self._count(every=True)]
        return self._vectors

    def _weigh(self, counts: Counter[int]) -> Vector:
        tf, idf, df = self._tf, self._idf, self._df
        assert df is not None
        if counts and max(counts.values()) >= len(tf):
            tf = self._tf = _tf(max(counts.values()))
        return _unit(counts, [tf[c] * idf[df[k]] for k, c in counts.items()])

    def vector(self, text: str) -> Vector:
        """The unit vector of ``text`` (made once; ``made`` holds those asked for)."""
        found = self.made.get(text)
        if found is None:
            if self._vectors is not None:
                if not self._by_text:
                    self._by_text = {t: k for k, t in reversed(list(enumerate(self._texts)))}
                at = self._by_text.get(text)
                if at is not None:
                    found = self.made[text] = self._vectors[at]
                    return found
            if self._df is None:
                self._count(every=False)
            found = self.made[text] = self._weigh(Counter(keys(text, self.words)))
        return found


def top(
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
        # heapq.nlargest(limit, ...), by one sort in C
        ranked = sorted(found, key=lambda h: (h[0], -abs(at - h[1] / size), -h[1]), reverse=True)
        return ranked[:limit]

    edges: Edges = {}
    for i, found in rows.items():
        for score, j in best(i / n, found, m):
            edges[(i, j)] = min(score, 1.0)
    for j, found in cols.items():
        for score, i in best(j / m, found, n):
            edges[(i, j)] = min(score, 1.0)
    return edges


def indexed(model: Tfidf, split: int, *, limit: int, cutoff: float) -> Edges:
    """TF-IDF cosines of the old texts (the model's first ``split``) with the new ones,
    over the terms at most ``_COMMON`` of the new texts share, through an inverted index:
    only pairs sharing a term are scored. The ``limit`` best of every row and column at
    ``cutoff`` or above are kept."""
    olds, news = model.vectors[:split], model.vectors[split:]
    m = len(news)
    common = max(50, int(_COMMON * m))
    index: dict[int, tuple[list[int], list[float]]] = {}
    for j, vector in enumerate(news):
        for term, weight in vector.items():
            found = index.get(term)
            if found is None:
                index[term] = ([j], [weight])
            else:
                found[0].append(j)
                found[1].append(weight)
    rows: dict[int, list[tuple[float, int]]] = {}
    cols: dict[int, list[tuple[float, int]]] = {}
    none: tuple[list[int], list[float]] = ([], [])
    everyone = range(m)
    for i, vector in enumerate(olds):
        # a row's scores in a list: each pair's products are added in the order of the
        # old vector's terms, from 0.0, as a dict keyed by the new text would add them
        live = [(index.get(t, none), w) for t, w in vector.items()]
        live = [(p, w) for p, w in live if 0 < len(p[0]) <= common]
        acc = [0.0] * m
        for (js, others), weight in live:
            for j, other in zip(js, others, strict=True):
                acc[j] += weight * other
        if cutoff > 0.0:
            hits = [j for j in everyone if acc[j] >= cutoff]
        else:  # products are positive: a pair scored is above 0.0, one not scored is 0.0
            hits = [j for j in everyone if acc[j] > 0.0]
        if not hits:
            continue
        # new columns open in the order a dict would have met them: their first term
        pending = {j for j in hits if j not in cols}
        for (js, _), _ in live:
            if not pending:
                break
            for j in js:
                if j in pending:
                    cols[j] = []
                    pending.discard(j)
        rows[i] = [(acc[j], j) for j in hits]
        for j in hits:
            cols[j].append((acc[j], i))
    return top(rows, cols, limit, (len(olds), m))


_RARE_DF = 16  # a term in at most this many new items is rare enough to propose candidates
_FEW_RARE = 4  # an item with fewer rare terms also uses its next rarest ones...
_TOO_COMMON = 1_000  # ...but never one in more new items than this
_RESCORE = 8  # candidates per item scored exactly (the most rare terms shared first)
_SORT_BELOW = 64  # candidates: fewer are ranked by one sort, more by a bounded heap

Postings = int | list[int]
"""The new text having a term, or the new texts having it (ascending)."""
Index = dict[int, dict[int, Postings]]
"""Postings in two levels: a word's under ``_WORDS``, then the word (always a list); a word
pair's under its first word, then its second. Every key is then a word ID's own int
object: a flat table keyed by the terms held about a million word-pair ints at 50,000
items (30 MB)."""
_WORDS = -1
_LOW = (1 << _PAIR_SHIFT) - 1
_NONE: dict[int, Postings] = {}


def _index(
    new: Sequence[str], words: dict[str, int]
) -> tuple[Index, dict[int, list[int]], array[int], array[int], dict[int, list[int]]]:
    """The new texts' terms indexed (words numbered in ``words`` as met): the postings of
    every term; those of the terms of several texts again, by term; every text's distinct
    terms in one flat array (no object per text), text j's at ``[starts[j]:starts[j +
    1]]`` in order of first appearance; and, for a text repeating a term, its terms'
    counts in that order."""
    seen: defaultdict[int, list[int]] = defaultdict(list)  # word -> the new texts having it
    by_first: defaultdict[int, dict[int, Postings]] = defaultdict(dict)  # pairs' postings
    multi: dict[int, list[int]] = {}
    all_terms, starts = array("q"), array("q", [0])
    repeated: dict[int, list[int]] = {}
    for j, text in enumerate(new):
        ids, pairs = _split(text, words)
        text_keys = ids + pairs
        if len(set(text_keys)) < len(text_keys):
            counts = Counter(text_keys)
            repeated[j] = list(counts.values())
            all_terms.extend(counts)
        else:
            all_terms.extend(text_keys)
        starts.append(len(all_terms))
        for having in map(seen.__getitem__, dict.fromkeys(ids)):
            having.append(j)
        # a pair's postings: j itself where text j is the first with it (most pairs: set
        # in C), a list from the second text on
        seconds = list(map(by_first.__getitem__, ids[:-1]))
        firsts = list(map(dict.setdefault, seconds, ids[1:], repeat(j)))
        if firsts.count(j) < len(firsts):  # pairs earlier texts have too
            for second, b, term, first in zip(seconds, ids[1:], pairs, firsts, strict=True):
                if first is j:  # new, or again in text j
                    continue
                if isinstance(first, int):
                    second[b] = multi[term] = [first, j]
                elif first[-1] is not j:
                    first.append(j)
    multi.update((word, js) for word, js in seen.items() if len(js) > 1)
    index: Index = dict(by_first)  # plain dicts: a look-up adds nothing
    index[_WORDS] = dict(seen)  # a word's postings: a list, however many texts have it
    return index, multi, all_terms, starts, repeated


def _postings(index: Index, terms: list[int]) -> list[Postings | None]:
    """The postings of each term (None: no new text has it), looked up in C."""
    firsts = map(sub, map(rshift, terms, repeat(_PAIR_SHIFT)), repeat(1))  # a word's: -1
    return list(
        map(dict.get, map(index.get, firsts, repeat(_NONE)), map(and_, terms, repeat(_LOW)))
    )


def _postings_of(index: Index, ids: list[int]) -> list[Postings | None]:
    """The same for the terms of a text of these words, none repeated: its words', then
    its pairs' (no term made or taken apart)."""
    found = list(map(index[_WORDS].get, ids))
    found += map(dict.get, map(index.get, ids, repeat(_NONE)), ids[1:])
    return found


def streaming(old: Sequence[str], new: Sequence[str], *, limit: int, cutoff: float) -> Edges:
    """TF-IDF cosine for large catalogues, in time and memory linear in their size.

    The new texts are indexed once (terms as integers; every text's terms and weights in
    two flat arrays; idf over the new texts). Each old text is then scored on its own (one
    the same as a new text takes that one's terms and weights): the new texts
    sharing its rare terms are its candidates, the ``_RESCORE`` sharing the most rare
    weight are scored exactly (full cosine, common terms included), and only the ``limit``
    best of its row and of every column are kept (bounded heaps). Memory: the index and
    the arrays, O(terms of the new texts), plus O((n + m) * limit).
    """
    words: dict[str, int] = {}
    index, multi, all_terms, starts, repeated = _index(new, words)
    total = len(new)
    most = max(map(len, multi.values()), default=1)
    idf = [math.log((1 + total) / (1 + d)) + 1 for d in range(most + 1)]
    unseen, once = idf[0], idf[1]
    idf_of = {key: idf[len(js)] for key, js in multi.items()}.get
    tf = _tf(255)

    def weights(
        terms: Sequence[int], counts: list[int] | None, found: list[int | list[int] | None] | None
    ) -> list[float]:
        """The unit weights of a text's terms (``counts``: how often each is in it, None
        when once each, so tf is 1 and tf x idf is the idf itself; ``found``: the
        postings of its terms, None for a new text, whose terms all have some)."""
        nonlocal tf
        if counts is None:
            raw = list(map(idf_of, terms, repeat(once)))
            if found is not None and any(map(is_, found, repeat(None))):  # C, no __eq__
                raw = [unseen if f is None else x for x, f in zip(raw, found, strict=True)]
        else:
            if max(counts) >= len(tf):
                tf = _tf(max(counts))
            if found is None:
                raw = [tf[c] * idf_of(k, once) for k, c in zip(terms, counts, strict=True)]
            else:
                raw = [
                    tf[c] * (unseen if f is None else idf_of(k, once))
                    for k, c, f in zip(terms, counts, found, strict=True)
                ]
        norm = math.sqrt(sum(map(mul, raw, raw))) or 1.0
        return list(map(truediv, raw, repeat(norm)))

    all_weights = array("d")  # the weights of all_terms
    for j in range(total):
        all_weights.extend(weights(all_terms[starts[j] : starts[j + 1]], repeated.get(j), None))
    del repeated
    # an old text the same as a new one (an item unchanged) has its terms and its vector:
    # idf is over the new texts and every term of it is in one, so the same floats
    same = {text: j for j, text in enumerate(new)}
    negative = [-i for i in range(len(old))]  # one -i each, shared by its column entries
    columns: dict[int, list[tuple[float, int]]] = {}
    edges: Edges = {}
    zeros = repeat(0.0)
    for i, text in enumerate(old):
        twin = same.get(text)
        if twin is not None:
            start, end = starts[twin], starts[twin + 1]
            terms, unit = all_terms[start:end].tolist(), all_weights[start:end].tolist()
            # its terms are the twin's: those of several texts are in multi, the rest the
            # twin's alone (its postings: the twin), with no look-up in the index
            found_of: list[Postings | None] = list(map(multi.get, terms, repeat(twin)))
        else:
            ids, pairs = _split(text, words)
            text_keys = ids + pairs
            terms = list(dict.fromkeys(text_keys))  # in order, once each
            if len(terms) == len(text_keys):
                found_of = _postings_of(index, ids)
                unit = weights(terms, None, found_of)
            else:
                found_of = _postings(index, terms)
                unit = weights(terms, list(Counter(text_keys).values()), found_of)
        shared: dict[int, float] = {}
        add = shared.get
        rare = 0
        others: list[tuple[int, int]] = []
        for key, weight, found in zip(terms, unit, found_of, strict=True):
            if found is None:
                continue
            if isinstance(found, int):  # the common case: a term of one new text
                shared[found] = add(found, 0.0) + weight
                rare += 1
            elif len(found) <= _RARE_DF:
                for j in found:
                    shared[j] = add(j, 0.0) + weight
                rare += 1
            elif len(found) <= _TOO_COMMON:
                others.append((len(found), key))
        query = dict(zip(terms, unit, strict=True))
        if rare < _FEW_RARE:  # a generic text: its rarest common terms propose too
            for _, key in sorted(others)[: _FEW_RARE - rare]:
                many = multi[key]  # up to _TOO_COMMON distinct new texts: added in C
                sums = map(plus, map(add, many, zeros), repeat(query[key]))
                shared.update(zip(many, sums, strict=True))
        # the _RESCORE largest (similarity, -j); j itself rides along, kept, not copied
        ranked = zip(shared.values(), map(neg, shared), shared, strict=True)
        if len(shared) > _SORT_BELOW:
            best = heapq.nlargest(_RESCORE, ranked)
        else:  # the same, by one sort in C
            best = sorted(ranked, reverse=True)
            del best[_RESCORE:]
        row = []
        look = query.get
        for _, neg_j, j in best:
            start, end = starts[j], starts[j + 1]
            new_terms, values = all_terms[start:end], all_weights[start:end]
            score: float = sum(map(mul, map(look, new_terms, zeros), values))
            if score >= cutoff:
                row.append((score, neg_j, j))
                heap = columns.setdefault(j, [])
                entry = (score, negative[i])
                if len(heap) < limit:
                    heapq.heappush(heap, entry)
                elif entry > heap[0]:
                    heapq.heapreplace(heap, entry)
        row.sort(reverse=True)
        for score, _, j in row[:limit]:
            edges[(i, j)] = min(score, 1.0)
    for j, heap in columns.items():
        for score, neg_i in heap:
            edges[(-neg_i, j)] = min(score, 1.0)
    return edges


def clause_similarity(
    pairs: Sequence[tuple[str, list[str]]], corpus: Sequence[str] | Tfidf
) -> list[float]:
    """For each (short text, clauses of a long one), the best TF-IDF cosine between the
    short text and one clause: an item incorporated into one part of a longer item is
    found there, where the longer item's other parts would dilute a whole-text cosine.
    idf comes from ``corpus`` (every item's whole text, or a model of them, which also
    keeps each (text, clause) cosine for the stages that ask again)."""
    model = corpus if isinstance(corpus, Tfidf) else Tfidf(corpus)
    vector, made, known = model.vector, model.made.get, model.cosines
    zeros = repeat(0.0)
    scores = []
    for text, parts in pairs:
        u = made(text) or vector(text)
        terms, weights = u.keys(), u.values()
        best = 0.0
        for part in parts:
            value = known.get((text, part))
            if value is None:
                v = made(part) or vector(part)
                # no term in common: the cosine is 0.0 without adding a product; else
                # dot(u, v), inline
                value = known[(text, part)] = (
                    0.0 if terms.isdisjoint(v) else sum(map(mul, weights, map(v.get, terms, zeros)))
                )
            best = max(best, value)
        scores.append(best)
    return scores
