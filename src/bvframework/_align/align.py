"""``align``: a suggested mapping between two catalogues, from text similarity.

1. Similarity, by one of the backends in :mod:`.similarity` (tfidf by default; lexical,
   semantic, hybrid): the ``candidates`` best above ``cutoff`` on each side are kept (a
   sparse candidate graph), in time and memory linear in the catalogues for tfidf.
2. 1:1 pairs: edges far (``margin``) below the best either end could have are dropped; the
   rest of the candidate graph is split into connected components and each is solved
   exactly for the maximum total similarity (:mod:`.matching`).
3. Merges and splits (:mod:`.joins`): an item left over joins its most similar paired
   candidate (whole text or one clause) only on evidence the pair does not already explain:
   text it carries that the paired item's own partner lacks, a similarity of
   ``merge_similarity`` (an old item joining) or ``split_similarity`` (a new one: new
   items on old topics are usually added, not split off), or containment with some
   carried text. Two items still left over that are each other's best candidate at the
   pair threshold are then paired.
4. What is left is removed (old) or added (new). Moves follow from the themes.

IDs are only a weak tie-breaker (``id_weight``): revisions reuse IDs for different things.
"""

from __future__ import annotations

import enum
import logging
import time
from typing import Any, NamedTuple

from attrs import evolve

from .._catalogues.model import Catalogue
from .._core.collect import while_paused
from .._core.errors import CompositionError, UnknownReferenceError
from .._core.suggest import check_choice
from .._core.vocab import Relationship
from .._mappings.model import Mapping, Relation
from .._mappings.relation import LinkAnnotations, MappingInfo
from .calibrate import Stage, confidence
from .clauses import Clauses, clause_scorer, intersecting
from .joins import CARRIED, JoinRules, join, pair_left_over
from .matching import max_weight_matching
from .options import AlignOptions, choose_backend, is_short, median_words
from .similarity import DEFAULTS, SCORERS, SIMILARITIES, Similarity, normalise_text
from .similarity import candidates as similar_pairs
from .structure import supported
from .tfidf import Tfidf

# A left-over item at least this similar (TF-IDF cosine) to one clause of a paired item
# joins it: NIST's incorporated-into links point at statement parts (#ac-2_smt.k).
CLAUSE_SIMILARITY = 0.25
# backend -> the similarity at which a new item left over joins a paired old one as a split
# without carrying text its partner lacks (see .joins): revisions add new items on old
# topics far more often than they split one, so this is higher than the merge similarity
SPLIT_SIMILARITY: dict[str, float] = {
    "tfidf": 0.7,
    "lexical": 2.0,
    "semantic": 0.85,
    "hybrid": 2.0,  # off: on short titles, a split by similarity alone is mostly wrong
}
# Short texts (a median of SHORT_WORDS words or fewer: titles) carry too few words for
# "carried text" to mean anything, and a shared word or two is all the similarity two
# titles have: on NIST titles, joins on carried text were right 1 time in 7 (hybrid) and 2
# in 9 (tfidf); joins on similarity alone 2 in 9 (tfidf) and 7 in 30 (semantic). There,
# items join only on hybrid similarity (7 in 13), or not at all (docs/alignment.md).
OFF = 2.0
SHORT_JOINS: dict[str, float] = {"tfidf": OFF, "lexical": OFF, "semantic": OFF, "hybrid": 0.65}

__all__ = [
    "SCORERS",
    "SIMILARITIES",
    "AlignOptions",
    "Suggestion",
    "align",
    "normalise_text",
    "suggest",
]
Link = tuple[str, str]


def _text(item: Any) -> str:
    return normalise_text(item.text or item.label or "")


def _assign(edges: dict[tuple[int, int], float], threshold: float, margin: float) -> dict[int, int]:
    """Maximum-similarity 1:1 assignment over the plausible edges, exact per component.

    An edge is plausible when it reaches ``threshold`` and is within ``margin`` of the best
    edge of both its ends: a pair far below what either item could have is never chosen by
    a sensible reviewer, and dropping it keeps the components small enough to solve exactly.
    """
    best_old: dict[int, float] = {}
    best_new: dict[int, float] = {}
    for (i, j), w in edges.items():
        if w >= threshold:
            best_old[i] = max(best_old.get(i, 0.0), w)
            best_new[j] = max(best_new.get(j, 0.0), w)
    plausible = [  # in the candidates' order, which breaks ties between equal matchings
        (i, j, w)
        for (i, j), w in edges.items()
        if w >= threshold and w >= best_old[i] - margin and w >= best_new[j] - margin
    ]
    # connected components by union-find (old i is node i, new j node -1 - j): most are a
    # single edge, taken as it is; the rest are solved exactly, each on its own small graph
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in plausible:
        a, b = root(i), root(-1 - j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    components: dict[int, list[tuple[int, int, float]]] = {}
    for edge in plausible:
        components.setdefault(root(edge[0]), []).append(edge)
    pairs: dict[int, int] = {}
    for component in components.values():
        if len(component) == 1:
            ((i, j, _),) = component
            pairs[i] = j
            continue
        pairs.update(max_weight_matching(component))  # the component solved exactly
    return pairs


def order_bonus(at_old: float, at_new: float) -> float:
    """How near two places are, each a share of the way through its catalogue: 1 at the
    same share, less by the square of the distance. By the distance itself, two items
    that share a title and both moved the same way tie: places 1/8 and 2/8 against 5/8 and
    6/8 are 4/8 + 4/8 apart straight and 5/8 + 3/8 crossed.

    >>> order_bonus(1 / 8, 5 / 8) + order_bonus(2 / 8, 6 / 8)
    1.5
    >>> order_bonus(1 / 8, 6 / 8) + order_bonus(2 / 8, 5 / 8)
    1.46875
    """
    return 1 - (at_old - at_new) ** 2


def _backend(similarity: str | None, scorer: str | None) -> tuple[Similarity, str]:
    """The backend and rapidfuzz scorer asked for; a rapidfuzz ``scorer`` alone means
    ``lexical``, as before backends had names (and ``scorer="tfidf"`` means tfidf).

    :raises UnknownReferenceError: an unknown backend or scorer, or a scorer with a backend
        that has none.
    """
    if scorer is not None:
        check_choice(scorer, SCORERS, what="scorer", plural="scorers")
    if similarity is None:
        similarity = "tfidf" if scorer in (None, "tfidf") else "lexical"
    check_choice(similarity, SIMILARITIES, what="similarity", plural="similarities")
    if scorer not in (None, "tfidf") and similarity != "lexical":
        raise UnknownReferenceError(
            f"scorer {scorer!r} is a lexical scorer; similarity {similarity!r} has none"
        )
    chosen: Similarity = next(s for s in SIMILARITIES if s == similarity)
    return chosen, scorer if scorer not in (None, "tfidf") else "token_sort"


class _Unset(enum.Enum):
    UNSET = enum.auto()


_UNSET = _Unset.UNSET
_log = logging.getLogger("bvframework.align")
# backend -> the margin of a 1:1 pair below either end's best edge: embeddings of short
# titles sit close together, so the true partner is often a little below a look-alike
MARGIN: dict[str, float] = {"tfidf": 0.1, "lexical": 0.1, "semantic": 0.2, "hybrid": 0.2}
INTERSECT_SIMILARITY = 0.5


# aligning allocates millions of small objects and no cycles: every collection they would
# trigger walks the whole heap (a fifth of a 50,000-item align's CPU, the same peak)
@while_paused
def align(
    old: Catalogue,
    new: Catalogue,
    options: AlignOptions | None = None,
    *,
    curated: Mapping | None = None,
    similarity: str | _Unset | None = _UNSET,
    scorer: str | _Unset | None = _UNSET,
    threshold: float | _Unset | None = _UNSET,
    merge_threshold: float | _Unset = _UNSET,
    merge_similarity: float | _Unset | None = _UNSET,
    split_similarity: float | _Unset | None = _UNSET,
    cutoff: float | _Unset | None = _UNSET,
    candidates: int | _Unset = _UNSET,
    by_clause: float | _Unset | None = _UNSET,
    id_weight: float | _Unset = _UNSET,
    order_weight: float | _Unset = _UNSET,
    margin: float | _Unset | None = _UNSET,
    intersects: bool | _Unset = _UNSET,
    structure: bool | _Unset = _UNSET,
) -> Mapping:
    """A suggested mapping ``old`` -> ``new`` covering every item of both.

    ``options`` (:class:`AlignOptions`) says how; each keyword overrides its field (the
    keywords are the options' names). Relations carry ``method: suggested`` and a
    ``confidence``: the estimated chance that their least certain link is right
    (:mod:`.calibrate`); ``curated`` relations are kept as they are and the rest is
    aligned around them. Items without text are matched only through ``curated`` or left
    removed/added. The notes say which backend was used and why.

    ``similarity`` is the backend: ``tfidf``, ``lexical`` (a rapidfuzz ``scorer``:
    ``token_sort`` by default, ``token_set``, ``ratio``, ``wratio``), ``semantic``
    (WordLlama embeddings: the ``semantic`` extra) or ``hybrid`` (the mean of tfidf and
    semantic); by default ``tfidf``, or ``hybrid`` for short titles where the semantic
    extra is installed (:func:`.options.choose_backend`). With ``intersects``, items that
    share a clause-sized part of their meaning are also linked (``intersects-with``); with
    ``structure``, the 1:1 pairs prefer the themes the other pairs went to.

    >>> from bvframework import Catalogue
    >>> def cat(version, texts):
    ...     items = [{"id": f"R{i}", "text": t, "evidence": ["demo"]} for i, t in enumerate(texts)]
    ...     return Catalogue.from_dict({"framework": "demo", "version": version, "title": version,
    ...                                 "themes": [{"id": "T", "title": "T", "items": items}]})
    >>> m = align(cat("v1", ["Log every failed login attempt at the gateway",
    ...                      "Use TLS for all traffic between the services"]),
    ...           cat("v2", ["Use TLS 1.2 or later for all traffic between services",
    ...                      "Log every failed login at the gateway"]))
    >>> [(r.kind, r.sources, r.targets) for r in m.relations]
    [('reworded', ('R0',), ('R1',)), ('reworded', ('R1',), ('R0',))]
    """
    given: dict[str, Any] = {
        "similarity": similarity,
        "scorer": scorer,
        "threshold": threshold,
        "merge_threshold": merge_threshold,
        "merge_similarity": merge_similarity,
        "split_similarity": split_similarity,
        "cutoff": cutoff,
        "candidates": candidates,
        "by_clause": by_clause,
        "id_weight": id_weight,
        "order_weight": order_weight,
        "margin": margin,
        "intersects": intersects,
        "structure": structure,
    }
    opts = evolve(options or AlignOptions(), **{k: v for k, v in given.items() if v is not _UNSET})
    found = suggest(old, new, opts, curated=curated)
    score = {
        link: confidence(
            stage, value, threshold=found.threshold, backend=found.backend, short=found.short
        )
        for link, (stage, value) in found.how.items()
    }
    return Mapping.from_links(
        found.links,
        framework=old.framework,
        target_framework=new.framework,
        source_version=old.version,
        target_version=new.version,
        removed=found.removed,
        added=found.added,
        kept=found.kept,
        facts=LinkAnnotations(
            method="suggested",
            confidence={link: round(value, 3) for link, value in score.items()},
            relationships=found.stated,
        ),
        info=MappingInfo(
            title=f"Suggested: {old.key} -> "
            f"{new.key if new.framework != old.framework else new.version}",
            notes=found.notes,
        ),
        source=old,
        target=new,
        check=False,  # valid by construction: IDs from the catalogues, canonical relations
    )


class Suggestion(NamedTuple):
    """What :func:`suggest` found: each link and how it was found (its stage and
    similarity, which :mod:`.calibrate` turns into a confidence), the relationships it
    states, what is left removed and added, and how it aligned."""

    how: dict[Link, tuple[Stage, float]]
    stated: dict[Link, Relationship]
    removed: list[str]
    added: list[str]
    kept: list[Relation]
    backend: str
    short: bool
    threshold: float
    notes: str

    @property
    def links(self) -> dict[Link, bool]:
        """Each link, True where its two texts are the same."""
        return {link: stage == "same" for link, (stage, _) in self.how.items()}


def suggest(
    old: Catalogue, new: Catalogue, opts: AlignOptions, *, curated: Mapping | None = None
) -> Suggestion:
    """:func:`align`'s links before they are a mapping (the stages of the module).

    :raises CompositionError: ``curated`` is not a mapping ``old`` -> ``new``.
    :raises UnknownReferenceError: an unknown backend or scorer.
    """
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
    texts = [*old_text, *new_text]
    words = median_words(texts)
    why = ""
    wanted = opts.similarity
    if wanted is None and opts.scorer in (None, "tfidf"):
        wanted, why = choose_backend(texts, words=words)
    backend, scorer = _backend(wanted, opts.scorer)
    short = is_short(words)
    if short:
        joins = "on similarity only" if SHORT_JOINS[backend] < 1 else "off"
        why = f"{why}; short texts: merges and splits {joins}".lstrip("; ")
    _log.info(
        "aligning %d x %d items by %s%s",
        len(olds),
        len(news),
        backend if backend != "lexical" else scorer,
        f" ({why})" if why else "",
    )
    started = time.perf_counter()
    default_threshold, default_cutoff, default_similar = DEFAULTS[backend]
    threshold = default_threshold if opts.threshold is None else opts.threshold
    cutoff = default_cutoff if opts.cutoff is None else opts.cutoff
    tf = Tfidf(texts)  # made on first use, then shared by every stage
    edges = similar_pairs(
        backend, old_text, new_text, scorer=scorer, limit=opts.candidates, cutoff=cutoff, model=tf
    )
    if opts.id_weight:
        by_id = {item.id: j for j, item in enumerate(news)}
        for i, item in enumerate(olds):
            j = by_id.get(item.id)
            if j is not None and (i, j) in edges:
                edges[(i, j)] = min(edges[(i, j)] + opts.id_weight, 1.0)
    if opts.order_weight:  # equal evidence: the pair nearer the same place in both
        n, m = max(len(olds), 1), max(len(news), 1)
        for i, j in edges:
            edges[(i, j)] += opts.order_weight * order_bonus(i / n, j / m)
    _log.debug(
        "%d candidate pairs at similarity %s or more (%.1f s)",
        len(edges),
        cutoff,
        time.perf_counter() - started,
    )
    margin = MARGIN[backend] if opts.margin is None else opts.margin
    pairs = by_text = _assign(edges, threshold, margin)
    if opts.structure:  # solved again with the first pairs' themes as votes (.structure)
        themes = [item.theme for item in olds], [item.theme for item in news]
        voted = supported(edges, by_text, themes=themes, threshold=threshold)
        pairs = _assign(voted, 0.0, margin)
    _log.debug(
        "%d 1:1 pairs at %s or more (%.1f s)",
        len(pairs),
        threshold,
        time.perf_counter() - started,
    )
    how: dict[Link, tuple[Stage, float]] = {}  # each link's stage and similarity

    def same(i: int, j: int) -> bool:
        return old_text[i] == new_text[j] and bool(old_text[i])

    for i, j in pairs.items():  # a pair the themes chose over the text's: stage "structure"
        stage: Stage = "same" if same(i, j) else "pair" if by_text.get(i) == j else "structure"
        how[(olds[i].id, news[j].id)] = (stage, edges[(i, j)])
    rules = JoinRules(
        merge_similarity=(SHORT_JOINS[backend] if short else default_similar)
        if opts.merge_similarity is None
        else opts.merge_similarity,
        split_similarity=(OFF if short else SPLIT_SIMILARITY[backend])
        if opts.split_similarity is None
        else opts.split_similarity,
        merge_threshold=opts.merge_threshold,
        novel=OFF if short else CARRIED,
        floor=threshold,
    )
    parts = Clauses(olds, news, old_text, new_text)
    joined = 0
    scorer_of_clauses = clause_scorer(
        parts=parts,
        old_text=old_text,
        new_text=new_text,
        pairs=pairs,
        least=opts.by_clause,
        model=tf,
    )
    for found in join(
        edges=edges,
        pairs=pairs,
        old_text=old_text,
        new_text=new_text,
        clause=scorer_of_clauses,
        rules=rules,
    ):
        how[(olds[found.old].id, news[found.new].id)] = ("join", found.similarity)
        joined += 1
    linked_old_ids = {s for s, _ in how}
    linked_new_ids = {t for _, t in how}
    for i, (j, w) in pair_left_over(
        edges,
        {i for i, item in enumerate(olds) if item.id not in linked_old_ids},
        {j for j, item in enumerate(news) if item.id not in linked_new_ids},
        threshold,
    ).items():
        how[(olds[i].id, news[j].id)] = ("same" if same(i, j) else "leftover", w)
    stated: dict[tuple[str, str], Relationship] = {}
    if opts.intersects:
        least = INTERSECT_SIMILARITY
        if opts.intersect_similarity is not None:
            least = opts.intersect_similarity
        done = {(i, j) for i, j in edges if (olds[i].id, news[j].id) in how}
        for (i, j), value in intersecting(
            edges, linked=done, parts=parts, model=tf, least=least
        ).items():
            link = (olds[i].id, news[j].id)
            how[link], stated[link] = ("intersects", value), "intersects-with"
    linked_old = {s for s, _ in how}
    linked_new = {t for _, t in how}
    _log.info(
        "%d links (%d joins on evidence, %d intersects-with); %d removed, %d added (%.1f s)",
        len(how),
        joined,
        len(stated),
        len(olds) - len(linked_old),
        len(news) - len(linked_new),
        time.perf_counter() - started,
    )
    named = backend if backend != "lexical" else scorer
    return Suggestion(
        how=how,
        stated=stated,
        removed=[item.id for item in olds if item.id not in linked_old],
        added=[item.id for item in news if item.id not in linked_new],
        kept=kept,
        backend=backend,
        short=short,
        threshold=threshold,
        notes=f"Aligned by text similarity ({named}, "
        f"pair threshold {threshold}, "
        f"merge threshold {opts.merge_threshold}"
        f"{'; ' + why if why else ''}"
        f"{'; intersects-with links' if opts.intersects else ''}); review before use.",
    )
