"""The TF-IDF engine of ``align`` (``_align/tfidf.py``) against straightforward reference
computations written here: string terms, one dict per vector, sums added one product at a
time. The engine promises the same floats to the last bit (the same products added in the
same order), so these compare with ``==``, and edges in the same order (their order breaks
ties between equal matchings)."""

from __future__ import annotations

import gc
import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bvframework._align import tfidf
from bvframework._align.align import align, normalise_text

Vector = dict[str, float]
Edges = dict[tuple[int, int], float]

# -- the reference --------------------------------------------------------------------


def grams(text: str) -> list[str]:
    words = text.split()
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def added(products: Sequence[float]) -> float:
    """Floats added one at a time from 0.0 (``sum`` compensates from Python 3.12)."""
    total = 0.0
    for p in products:
        total += p
    return total


def weigh(text: str, df: Counter[str], total: int) -> Vector:
    counts = Counter(grams(text))
    raw = {
        g: (1 + math.log(k)) * (math.log((1 + total) / (1 + df[g])) + 1) for g, k in counts.items()
    }
    norm = math.sqrt(added([x * x for x in raw.values()])) or 1.0
    return {g: x / norm for g, x in raw.items()}


def frequencies(texts: Sequence[str]) -> Counter[str]:
    return Counter(g for text in texts for g in set(grams(text)))


def vectors(texts: Sequence[str]) -> list[Vector]:
    df = frequencies(texts)
    return [weigh(text, df, len(texts)) for text in texts]


def best_of(
    limit: int,
    rows: dict[int, list[tuple[float, int]]],
    cols: dict[int, list[tuple[float, int]]],
    n: int,
    m: int,
) -> Edges:
    """The ``limit`` best of each row, then of each column (ties: nearer the same place)."""
    n, m = max(n, 1), max(m, 1)
    edges: Edges = {}
    for i, found in rows.items():
        ranked = sorted(found, key=lambda h: (h[0], -abs(i / n - h[1] / m), -h[1]), reverse=True)
        for score, j in ranked[:limit]:
            edges[(i, j)] = min(score, 1.0)
    for j, found in cols.items():
        ranked = sorted(found, key=lambda h: (h[0], -abs(j / m - h[1] / n), -h[1]), reverse=True)
        for score, i in ranked[:limit]:
            edges[(i, j)] = min(score, 1.0)
    return edges


def reference_indexed(old: Sequence[str], new: Sequence[str], limit: int, cutoff: float) -> Edges:
    """Every pair sharing a term no more than a fifth of the new texts have (at least 50)
    scored over those terms, in a dict per old text in the order its terms meet them."""
    made = vectors([*old, *new])
    olds, news = made[: len(old)], made[len(old) :]
    index: dict[str, list[tuple[int, float]]] = {}
    for j, v in enumerate(news):
        for g, w in v.items():
            index.setdefault(g, []).append((j, w))
    common = max(50, int(0.2 * len(new)))
    rows: dict[int, list[tuple[float, int]]] = {}
    cols: dict[int, list[tuple[float, int]]] = {}
    for i, u in enumerate(olds):
        scores: dict[int, float] = {}
        for g, w in u.items():
            postings = index.get(g, [])
            if len(postings) <= common:
                for j, x in postings:
                    scores[j] = scores.get(j, 0.0) + w * x
        for j, score in scores.items():
            if score >= cutoff:
                rows.setdefault(i, []).append((score, j))
                cols.setdefault(j, []).append((score, i))
    return best_of(limit, rows, cols, len(old), len(new))


def reference_streaming(old: Sequence[str], new: Sequence[str], limit: int, cutoff: float) -> Edges:
    """idf over the new texts; an old text's candidates are the new texts sharing its rare
    terms (in at most 16 new texts; a text with fewer than 4 of them also uses its rarest
    terms in at most 1,000: words before pairs, then in the order the words were first
    met), the 8 sharing the most rare weight scored exactly; the best ``limit`` of each
    row, and of each column (kept in a bounded heap)."""
    df = frequencies(new)
    news = [weigh(text, df, len(new)) for text in new]
    having: dict[str, list[int]] = {}
    for j, text in enumerate(new):
        for g in dict.fromkeys(grams(text)):
            having.setdefault(g, []).append(j)
    met = {w: k for k, w in enumerate(dict.fromkeys(" ".join([*new, *old]).split()))}

    def rank(g: str) -> tuple[int, ...]:
        return (0, met[g]) if " " not in g else (1, *(met[w] for w in g.split()))

    columns: dict[int, list[tuple[float, int]]] = {}
    edges: Edges = {}
    for i, text in enumerate(old):
        u = weigh(text, df, len(new))
        shared: dict[int, float] = {}
        rare, others = 0, []
        for g, w in u.items():
            js = having.get(g, [])
            if 0 < len(js) <= 16:
                rare += 1
                for j in js:
                    shared[j] = shared.get(j, 0.0) + w
            elif 16 < len(js) <= 1000:
                others.append((len(js), rank(g), g))
        if rare < 4:
            for _, _, g in sorted(others)[: 4 - rare]:
                for j in having[g]:
                    shared[j] = shared.get(j, 0.0) + u[g]
        ranked = sorted(shared.items(), key=lambda p: (p[1], -p[0]), reverse=True)[:8]
        row = []
        for j, _ in ranked:
            score = added([u.get(g, 0.0) * x for g, x in news[j].items()])
            if score >= cutoff:
                row.append((score, j))
                heap = columns.setdefault(j, [])
                if len(heap) < limit:
                    heapq.heappush(heap, (score, -i))
                elif (score, -i) > heap[0]:
                    heapq.heapreplace(heap, (score, -i))
        for score, j in sorted(row, key=lambda h: (h[0], -h[1]), reverse=True)[:limit]:
            edges[(i, j)] = min(score, 1.0)
    for j, heap in columns.items():
        for score, neg_i in heap:
            edges[(-neg_i, j)] = min(score, 1.0)
    return edges


# -- texts ----------------------------------------------------------------------------

WORDS = ["access", "control", "audit", "log", "policy", "account", "user", "review", "data", "tls"]
texts = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join), max_size=25
)


@settings(max_examples=150, deadline=None)
@given(old=texts, new=texts, limit=st.integers(1, 4), cutoff=st.sampled_from([0.0, 0.06, 0.3]))
def test_indexed_scores_are_the_references_to_the_last_bit(
    old: list[str], new: list[str], limit: int, cutoff: float
) -> None:
    got = tfidf.indexed(tfidf.Tfidf([*old, *new]), len(old), limit=limit, cutoff=cutoff)
    assert list(got.items()) == list(reference_indexed(old, new, limit, cutoff).items())


def test_indexed_leaves_out_terms_most_new_texts_share() -> None:
    # "the" is in all 300 new texts (more than a fifth): it scores nothing on its own
    new = [f"the w{k} x{k}" for k in range(300)]
    old = ["the w1 x1", "the", "the w5"]
    got = tfidf.indexed(tfidf.Tfidf([*old, *new]), len(old), limit=2, cutoff=0.0)
    assert list(got.items()) == list(reference_indexed(old, new, 2, 0.0).items())
    assert not any(i == 1 for i, _ in got)


@settings(max_examples=150, deadline=None)
@given(old=texts, new=texts, limit=st.integers(1, 4), cutoff=st.sampled_from([0.0, 0.06, 0.3]))
def test_streaming_is_the_reference_to_the_last_bit(
    old: list[str], new: list[str], limit: int, cutoff: float
) -> None:
    got = tfidf.streaming(old, new, limit=limit, cutoff=cutoff)
    assert list(got.items()) == list(reference_streaming(old, new, limit, cutoff).items())


def test_streaming_on_rare_and_common_terms() -> None:
    # 90 new texts share "common" (not rare: in more than 16), each has its own words too;
    # an old text with only common terms is proposed candidates by its rarest ones (more
    # than 64 of them: ranked by a heap, not a sort)
    new = [f"common shared{k % 3} own{k} mine{k} plus{k}" for k in range(90)]
    new += ["common common common repeated repeated"]  # repeated terms: tf above 1
    old = ["own3 mine3 common", "common shared1", "shared2 common unseen words", "own7 own7"]
    for cutoff in (0.0, 0.06):
        got = tfidf.streaming(old, new, limit=3, cutoff=cutoff)
        assert list(got.items()) == list(reference_streaming(old, new, 3, cutoff).items())
    assert (0, 3) in tfidf.streaming(old, new, limit=3, cutoff=0.06)


@settings(max_examples=100, deadline=None)
@given(corpus=texts.filter(bool), others=texts)
def test_model_vectors_and_any_other_text(corpus: list[str], others: list[str]) -> None:
    model = tfidf.Tfidf(corpus)
    df = frequencies(corpus)

    def expected(text: str) -> dict[int, float]:  # the reference's, keyed as the model keys
        named = dict(zip(grams(text), tfidf.keys(text, model.words), strict=True))
        return {named[g]: x for g, x in weigh(text, df, len(corpus)).items()}

    wanted = [expected(text) for text in corpus]
    assert model.vectors == wanted
    for text in [*corpus, *others, "zz unseen words"]:
        assert model.vector(text) == expected(text)


@settings(max_examples=100, deadline=None)
@given(corpus=texts.filter(bool), others=texts)
def test_a_model_weighs_other_texts_before_its_vectors_too(
    corpus: list[str], others: list[str]
) -> None:
    model = tfidf.Tfidf(corpus)  # frequencies only: no vectors made
    df = frequencies(corpus)
    for text in [*others, *corpus]:
        named = dict(zip(grams(text), tfidf.keys(text, model.words), strict=True))
        reference = {named[g]: x for g, x in weigh(text, df, len(corpus)).items()}
        assert model.vector(text) == reference


@settings(max_examples=100, deadline=None)
@given(corpus=texts.filter(bool), short=texts, parts=texts)
def test_clause_similarity_is_the_best_clause_cosine(
    corpus: list[str], short: list[str], parts: list[str]
) -> None:
    df = frequencies(corpus)
    pairs = [(text, parts) for text in short]
    expected = []
    for text, clauses in pairs:
        u = weigh(text, df, len(corpus))
        best = 0.0
        for part in clauses:
            v = weigh(part, df, len(corpus))
            best = max(best, added([w * v.get(g, 0.0) for g, w in u.items()]))
        expected.append(best)
    assert tfidf.clause_similarity(pairs, corpus) == expected
    assert tfidf.clause_similarity(pairs, tfidf.Tfidf(corpus)) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            [
                *"aZ_9é.,;:()'-ßİ\u0345",
                " ",
                "\t",
                "\n",
                "\u00a0",
                "\u2003",
                "\u3000",
                "\x1c",
                "\x85",
            ]
        )
    )
)
def test_normalise_text_is_the_two_pass_definition(text: str) -> None:
    expected = re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text.casefold())).strip()
    assert normalise_text(text) == expected


def test_align_restores_the_garbage_collector_as_it_was() -> None:
    from bvframework import Catalogue

    items = [{"id": "R0", "text": "use tls for all traffic", "evidence": ["demo"]}]
    cat = Catalogue.from_dict(
        {
            "framework": "demo",
            "version": "v1",
            "title": "v1",
            "themes": [{"id": "T", "title": "T", "items": items}],
        }
    )
    assert gc.isenabled()
    align(cat, cat)
    assert gc.isenabled()
    gc.disable()
    try:
        align(cat, cat)
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(AttributeError):  # an error inside: restored all the same
        align(cat, "not a catalogue")  # type: ignore[arg-type]
    assert gc.isenabled()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "org", "(a)", "(b)", "x.", "y;", "z:", "\n", "  ", "(", ".", "a1"]),
        max_size=14,
    ).map(" ".join)
)
def test_clauses_of_a_text_already_normalised_are_the_same(text: str) -> None:
    from bvframework._align.similarity import clauses

    assert clauses(text, normalise_text, whole=normalise_text(text)) == clauses(
        text, normalise_text
    )


def test_a_term_repeated_hundreds_of_times() -> None:
    # tf = 1 + log(count) past the engine's precomputed table (255)
    old = ["log " * 300 + "audit", "audit review", "tls " * 3]
    new = ["log " * 280 + "audit trail", "audit review", "tls key", "policy"]
    got = tfidf.indexed(tfidf.Tfidf([*old, *new]), len(old), limit=2, cutoff=0.0)
    assert list(got.items()) == list(reference_indexed(old, new, 2, 0.0).items())
    got = tfidf.streaming(old, new, limit=2, cutoff=0.0)
    assert list(got.items()) == list(reference_streaming(old, new, 2, 0.0).items())
    assert got[(0, 0)] > 0.9


@settings(max_examples=100, deadline=None)
@given(new=texts.filter(bool), picks=st.lists(st.integers(0, 24), max_size=10), others=texts)
def test_streaming_old_texts_the_same_as_new_ones(
    new: list[str], picks: list[int], others: list[str]
) -> None:
    # unchanged items: an old text equal to a new one takes that one's terms and vector
    old = [new[k % len(new)] for k in picks] + others + [new[0] + " " + new[0]]
    got = tfidf.streaming(old, new, limit=3, cutoff=0.0)
    assert list(got.items()) == list(reference_streaming(old, new, 3, 0.0).items())
