"""``AlignOptions``: every setting of ``align`` in one value, and the choice of a backend for
the texts at hand."""

from __future__ import annotations

import importlib.util
import statistics
from collections.abc import Sequence

import attrs

__all__ = ["SHORT_WORDS", "AlignOptions", "choose_backend", "is_short", "median_words"]

# Texts whose median length is at most this many words are titles ("Dual Authorization",
# "Information security roles and responsibilities"): TF-IDF has too few words to weigh
# there, and the semantic backends do better (docs/alignment.md, short titles).
SHORT_WORDS = 5


@attrs.frozen(kw_only=True, slots=True)
class AlignOptions:
    """How ``align`` works; every field has a default, and ``None`` means "the backend's
    own default" (docs/alignment.md says how each was chosen).

    - ``similarity``: ``tfidf``, ``lexical``, ``semantic``, ``hybrid``; None chooses for the
      texts (:func:`choose_backend`). ``scorer``: the rapidfuzz scorer of ``lexical``.
    - ``threshold``: the least similarity of a 1:1 pair; ``cutoff``: of a candidate;
      ``candidates``: kept per item and side; ``margin``: how far below either end's best
      edge a pair may be.
    - ``merge_similarity``, ``split_similarity``, ``merge_threshold`` (containment),
      ``by_clause`` (the least clause similarity counted; None: no clause matching): when a
      left-over item joins a paired one (:mod:`.joins`).
    - ``id_weight``: what sharing an ID adds (0 hides IDs); ``order_weight``: what being at
      the same place in both catalogues adds (a tie-breaker).
    - ``intersects``: also propose ``intersects-with`` links between items that divide
      their meaning between each other (frameworks that regroup rather than revise; see
      :func:`.joins.shared_parts`); ``intersect_similarity`` is the least clause-to-clause
      similarity for one. On by default: it adds no link on the revisions measured.
    - ``structure``: solve the 1:1 pairs again with the first pairs' themes as votes,
      preferring the candidate in the theme the item's siblings went to
      (:mod:`.structure`). On by default: it costs no corpus measured anything.
    """

    similarity: str | None = None
    scorer: str | None = None
    threshold: float | None = None
    cutoff: float | None = None
    candidates: int = 5
    margin: float | None = None
    merge_similarity: float | None = None
    split_similarity: float | None = None
    merge_threshold: float = 0.75
    by_clause: float | None = 0.25
    id_weight: float = 0.01
    order_weight: float = 0.0001
    intersects: bool = True
    intersect_similarity: float | None = None
    structure: bool = True


def median_words(texts: Sequence[str]) -> float:
    """The median number of words of the texts that have any (0 when none has)."""
    lengths = [len(t.split()) for t in texts if t]
    return statistics.median(lengths) if lengths else 0.0


def is_short(words: float) -> bool:
    """Whether texts of a median of ``words`` words are short titles (none at all is not)."""
    return 0 < words <= SHORT_WORDS


def choose_backend(texts: Sequence[str], *, words: float | None = None) -> tuple[str, str]:
    """The backend for these (normalised) texts and why: ``hybrid`` for short titles when
    the semantic extra is installed, else ``tfidf``. ``words``: their median number of
    words, where the caller has it already."""
    words = median_words(texts) if words is None else words
    if is_short(words):
        if importlib.util.find_spec("wordllama") is not None:
            return "hybrid", f"chosen for short texts: median {words:g} words"
        return "tfidf", (
            f"short texts (median {words:g} words) align better with 'hybrid': "
            "pip install 'bvframework[semantic]'"
        )
    return "tfidf", f"chosen for texts of median {words:g} words"
