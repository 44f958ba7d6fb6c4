"""Merges and splits: which items left over after the 1:1 pairs join a paired item, and on
what evidence (``align``'s third stage).

A left-over item is one the 1:1 assignment did not pair: an old item (withdrawn, or merged
into another) or a new one (added, or split from an old one). It joins at most one paired
item: the candidate it is most similar to, counting the best clause of a longer text as
well as its whole text (an item incorporated into one part of a longer one). It joins only
on evidence the pair alone does not explain:

- **carried text** (``novel``): the share of the left-over item's words, weighted by
  rarity, that the paired item has and its own partner does not. A real merge "A, B ->
  A + B" carries B's words into A + B, words A did not have; a new item that only shares a
  topic with an old one ("account management" enhancements beside "account management")
  shares words the old item's partner has too, so it carries nothing and stays added;
- **similarity** of the whole text or of one clause, at a level the backend defines
  (``merge_similarity`` for an old item joining; ``split_similarity``, higher, for a new
  item: revisions add new items on old topics far more often than they split one);
- **containment** (``merge_threshold``): the left-over text is inside the paired one
  ("A" inside "A + B"), together with some carried text.

Each join says which rule admitted it and its similarity; ``align`` turns the two into a
confidence (:mod:`.calibrate`): joins on carried text or containment alone are right less
often than their similarity would say of a pair.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence, Set
from itertools import chain
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from .tfidf import Tfidf

__all__ = [
    "CARRIED",
    "Evidence",
    "Join",
    "JoinRules",
    "carried",
    "containment",
    "join",
    "pair_left_over",
    "shared_parts",
]

Edges = dict[tuple[int, int], float]
_CLEAR = 0.1  # how much better a clause's best home must be than its next
CARRIED = 0.2  # the share of carried text that makes a join on its own (above 1: never)


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


@attrs.frozen(kw_only=True, slots=True)
class JoinRules:
    """The levels at which a left-over item joins a paired one (see the module)."""

    merge_similarity: float
    split_similarity: float
    merge_threshold: float = 0.75
    novel: float = CARRIED  # carried text that makes a join on its own (with ``floor``)
    floor: float = 0.0  # the least similarity a join on carried text needs


Evidence = Literal["similarity", "carried", "contained"]


@attrs.frozen(kw_only=True, slots=True)
class Join:
    """One left-over item joining a paired one: its best similarity (whole text or one
    clause) and the rule that admitted it (``similarity`` when that alone passes its level,
    else ``carried`` text, else containment with some carried text: ``contained``)."""

    old: int
    new: int
    similarity: float
    evidence: Evidence
    merge: bool  # the left-over item is the old one


def _idf(texts: Sequence[str]) -> dict[str, float]:
    df: Counter[str] = Counter(chain.from_iterable(map(set, map(str.split, texts))))
    total = len(texts)
    return {w: math.log((1 + total) / (1 + d)) + 1 for w, d in df.items()}


def carried(part: str, whole: str, partner: str, idf: dict[str, float]) -> float:
    """Share of ``part``'s words, each weighted by (1 + log tf) x idf, that ``whole`` has
    and ``partner`` (whole's own 1:1 partner) does not.

    >>> idf = {w: 1.0 for w in "a b c d".split()}
    >>> carried("c d", "a b c d", "a b", idf)
    1.0
    >>> carried("a b", "a b c", "a b", idf)
    0.0
    """
    counts = Counter(part.split())
    if not counts:
        return 0.0
    inside, before = set(whole.split()), set(partner.split())
    weights = {w: (1 + math.log(k)) * idf.get(w, 1.0) for w, k in counts.items()}
    new = sum(v for w, v in weights.items() if w in inside and w not in before)
    return new / sum(weights.values())


def join(
    *,
    edges: Edges,
    pairs: dict[int, int],
    old_text: Sequence[str],
    new_text: Sequence[str],
    clause: Callable[[list[tuple[int, int]]], Edges],
    rules: JoinRules,
) -> list[Join]:
    """Each left-over item's join, if its evidence holds (see the module). ``clause``
    gives the clause similarity of the candidate edges asked for (left-over, paired)."""
    partner_of_new = {j: i for i, j in pairs.items()}
    wanted = [
        (i, j)
        for i, j in edges
        if (i not in pairs and j in partner_of_new) or (j not in partner_of_new and i in pairs)
    ]
    if not wanted:
        return []
    clauses = clause(wanted)
    idf = _idf([*old_text, *new_text])
    best: dict[tuple[bool, int], tuple[float, float, float, int]] = {}
    for i, j in wanted:
        merge = i not in pairs
        similarity = max(edges[(i, j)], clauses.get((i, j), 0.0))
        if merge:
            part, whole, partner = old_text[i], new_text[j], old_text[partner_of_new[j]]
            key, other = (True, i), j
        else:
            part, whole, partner = new_text[j], old_text[i], new_text[pairs[i]]
            key, other = (False, j), i
        novel = carried(part, whole, partner, idf)
        rank = (similarity, novel, containment(part, whole), -other)
        if rank > best.get(key, (-1.0, 0.0, 0.0, 0)):
            best[key] = rank
    joins = []
    for (merge, k), (similarity, novel, contained, neg_other) in sorted(best.items()):
        level = rules.merge_similarity if merge else rules.split_similarity
        by_carried = novel >= rules.novel and similarity >= rules.floor
        by_containment = contained >= rules.merge_threshold and novel >= rules.novel / 2
        if similarity >= level or by_carried or by_containment:
            evidence: Evidence = (
                "similarity" if similarity >= level else "carried" if by_carried else "contained"
            )
            i, j = (k, -neg_other) if merge else (-neg_other, k)
            joins.append(
                Join(old=i, new=j, similarity=min(similarity, 1.0), evidence=evidence, merge=merge)
            )
    return joins


def pair_left_over(
    edges: Edges, free_old: set[int], free_new: set[int], threshold: float
) -> dict[int, tuple[int, float]]:
    """Items still free after the pairs and joins that are each other's best free
    candidate at ``threshold`` or above: pairs the 1:1 stage's margin rule left out (an
    edge far below what either end had with an item that has since been taken)."""
    best_old: dict[int, tuple[float, int]] = {}
    best_new: dict[int, tuple[float, int]] = {}
    for (i, j), w in edges.items():
        if i in free_old and j in free_new and w >= threshold:
            if (w, -j) > best_old.get(i, (-1.0, 0)):
                best_old[i] = (w, -j)
            if (w, -i) > best_new.get(j, (-1.0, 0)):
                best_new[j] = (w, -i)
    return {
        i: (-neg_j, w) for i, (w, neg_j) in sorted(best_old.items()) if best_new[-neg_j][1] == -i
    }


def shared_parts(
    edges: Sequence[tuple[int, int]],
    *,
    linked: Set[tuple[int, int]],
    old_parts: Mapping[int, list[str]],
    new_parts: Mapping[int, list[str]],
    corpus: Sequence[str] | Tfidf,
    least: float,
) -> Edges:
    """For frameworks that regroup rather than revise: the candidate ``edges`` not
    ``linked`` yet whose items divide their meaning between each other, with the
    similarity of the part they share.

    A regrouped new item takes one part of an old item and one of another, so its whole
    text is only half like either; a clause of it is nearly all of a clause of each. So a
    clause has a *home*: the candidate on the other side whose best clause is most like it
    (TF-IDF cosine, at ``least`` or more), clearly (by ``_CLEAR``) more than the next. An
    old item and a new one are linked when a clause of each has its home in the other and
    both are *divided*: their clauses have homes in two places or more. An item whose
    clauses all go one place was revised, not regrouped, and a clause shared with many
    items (boilerplate) has no home; on NIST SP 800-53, which revises, this links nothing
    its own pairs did not (docs/alignment.md)."""
    from .similarity import clause_similarity

    divisible = [(i, j) for i, j in edges if len(old_parts[i]) > 1 and len(new_parts[j]) > 1]
    # a link needs a clause of the old item at ``least`` or more in the new one: only the
    # items of such edges need their homes found (the same result, a fraction of the work)
    open_edges = [(i, j) for i, j in divisible if (i, j) not in linked]
    if not open_edges:
        return {}
    wanted = [(edge, k) for edge in open_edges for k in range(len(old_parts[edge[0]]))]
    found = clause_similarity([(old_parts[i][k], new_parts[j]) for (i, j), k in wanted], corpus)
    near = {edge for (edge, _), value in zip(wanted, found, strict=True) if value >= least}
    olds, news = {i for i, _ in near}, {j for _, j in near}
    old_home = _homes([e for e in divisible if e[0] in olds], old_parts, new_parts, corpus, least)
    new_home = _homes(
        [(j, i) for i, j in divisible if j in news], new_parts, old_parts, corpus, least
    )
    places_old: dict[int, set[int]] = {}
    for (i, _), (j, _) in old_home.items():
        places_old.setdefault(i, set()).add(j)
    places_new: dict[int, set[int]] = {}
    for (j, _), (i, _) in new_home.items():
        places_new.setdefault(j, set()).add(i)
    back = {(i, j) for (j, _), (i, _) in new_home.items()}
    best: Edges = {}
    for (i, _), (j, value) in sorted(old_home.items()):
        if (i, j) in linked or (i, j) not in back:
            continue
        if len(places_old[i]) > 1 and len(places_new.get(j, ())) > 1:
            best[(i, j)] = max(best.get((i, j), 0.0), value)
    return best


def _homes(
    edges: Sequence[tuple[int, int]],
    parts: Mapping[int, list[str]],
    others: Mapping[int, list[str]],
    corpus: Sequence[str] | Tfidf,
    least: float,
) -> dict[tuple[int, int], tuple[int, float]]:
    """(item, clause) -> (its home among the item's candidates, the similarity there), for
    the clauses that have one (see :func:`shared_parts`)."""
    from .similarity import clause_similarity

    wanted = [(edge, k) for edge in edges for k in range(len(parts[edge[0]]))]
    found = clause_similarity([(parts[a][k], others[b]) for (a, b), k in wanted], corpus)
    ranked: dict[tuple[int, int], list[tuple[float, int]]] = {}
    for ((a, b), k), value in zip(wanted, found, strict=True):
        ranked.setdefault((a, k), []).append((value, -b))
    homes: dict[tuple[int, int], tuple[int, float]] = {}
    for key, here in ranked.items():
        here.sort(reverse=True)
        value, neg_b = here[0]
        runner_up = here[1][0] if len(here) > 1 else 0.0
        if value >= least and value - runner_up >= _CLEAR:
            homes[key] = (-neg_b, value)
    return homes
