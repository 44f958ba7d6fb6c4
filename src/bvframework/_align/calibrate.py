"""A link's confidence: the share of links like it that are right.

A raw similarity is not a probability: a TF-IDF cosine of 0.3 is a near-certain pair on
NIST SP 800-53 while a cosine of 0.13 is right about half the time, and the same position
means less between three-word titles than between paragraphs. ``align`` turns each link's
evidence into an estimate of the chance it is right:

- a **pair** (1:1) by where its similarity sits between the backend's pair threshold and 1
  (``position``), through a curve for its backend and kind of text (long, or short
  titles: :data:`.options.SHORT_WORDS`); a pair of identical texts is 1.0;
- a **join** (a merge or split on evidence, :mod:`.joins`), a late **pair** of two items
  left over (``leftover``), a pair the themes chose over the one the text alone chose
  (``structure``, :mod:`.structure`) and an ``intersects`` link, by the share of such links that
  were right, whatever their similarity: the measurements showed no trend with it.

The curves and shares were read off NIST SP 800-53 rev4 -> rev5 (long texts) and its
control titles (short) by :func:`fit`, and are checked on OWASP ASVS and ISO/IEC 27001:
``python benchmarks/links.py --fit`` prints them again from the corpora, and
``benchmarks/links.py`` prints the share of links right per confidence band on every
corpus, so a drift shows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Literal

__all__ = ["CURVES", "SHARES", "Curve", "Stage", "confidence", "fit", "position"]

Stage = Literal["same", "pair", "structure", "leftover", "join", "intersects"]
Curve = tuple[tuple[float, float], ...]  # (position, share right), position rising

# (backend, short texts) -> the pair curve, as `python benchmarks/links.py --fit` reads it
# off NIST SP 800-53 rev4 -> rev5 (long: 780-790 pairs a backend) and its control titles
# (short: 219-249 pairs), pairs chosen on text alone: what a similarity says where the
# themes say nothing. Where they confirm a pair it is right more often (the low end of
# tfidf's long curve, 0.45, is 0.71 then): the curves are conservative there.
CURVES: dict[tuple[str, bool], Curve] = {
    ("hybrid", False): ((0.03, 0.5), (0.195, 0.81), (0.748, 0.99)),
    ("hybrid", True): ((0.036, 0.56), (0.109, 0.58), (0.359, 0.89), (0.724, 0.97)),
    ("lexical", False): ((0.037, 0.08), (0.109, 0.6), (0.196, 0.93), (0.401, 0.99), (0.736, 0.99)),
    ("lexical", True): ((0.035, 0.0), (0.113, 0.3), (0.212, 0.52), (0.386, 0.88), (0.757, 0.99)),
    ("semantic", False): ((0.115, 0.55), (0.395, 0.68), (0.851, 0.99)),
    ("semantic", True): ((0.04, 0.56), (0.29, 0.62), (0.819, 0.98)),
    ("tfidf", False): ((0.031, 0.45), (0.19, 0.96), (0.689, 0.99)),
    ("tfidf", True): ((0.042, 0.29), (0.099, 0.67), (0.202, 0.85), (0.382, 0.88), (0.692, 0.95)),
}
# (stage, short texts) -> the share right, every backend pooled, from the same corpora with
# themes counted (the default): joins 66 of 105 (long) and 8 of 12 (short), late pairs 6 of
# 21 and 27 of 77, pairs the themes chose 13 of 17 and 60 of 75. Intersects-with links are
# too few there to measure (0 of 2: NIST revises, it does not regroup) and all right on
# the synthetic regrouping (benchmarks/links.py): no real regrouped framework with stated
# links is at hand, so they are trusted as much as a join, on the same two-sided kind of
# evidence.
SHARES: dict[tuple[Stage, bool], float] = {
    ("intersects", False): 0.63,
    ("intersects", True): 0.67,
    ("join", False): 0.63,
    ("join", True): 0.67,
    ("leftover", False): 0.29,
    ("leftover", True): 0.35,
    ("structure", False): 0.76,
    ("structure", True): 0.8,
}
BINS = (0.0, 0.07, 0.14, 0.27, 0.5, 1.0)  # positions, for fitting a pair curve
LEAST = 5  # links a bin needs to stand on its own (fewer: pooled with its neighbour)


def position(similarity: float, threshold: float) -> float:
    """Where ``similarity`` sits between the pair ``threshold`` (0) and 1 (1).

    >>> position(0.12, 0.12), position(0.5, 0.0), position(0.05, 0.12), position(1.0, 0.12)
    (0.0, 0.5, 0.0, 1.0)
    """
    span = max(1.0 - threshold, 1e-9)
    return min(max((similarity - threshold) / span, 0.0), 1.0)


def _on(curve: Curve, x: float) -> float:
    """The curve's share at ``x``: linear between its points, flat beyond its ends."""
    if x <= curve[0][0]:
        return curve[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(curve):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return curve[-1][1]


def confidence(
    stage: Stage, similarity: float, *, threshold: float, backend: str, short: bool
) -> float:
    """The estimated chance that a link found at ``stage`` with this ``similarity`` is
    right, for ``backend`` on short or long texts (see the module).

    >>> confidence("same", 1.0, threshold=0.12, backend="tfidf", short=False)
    1.0
    >>> confidence("pair", 0.9, threshold=0.12, backend="tfidf", short=False)
    0.99
    >>> confidence("join", 0.3, threshold=0.12, backend="tfidf", short=False)
    0.63
    """
    if stage == "same":
        return 1.0
    if stage != "pair":
        return SHARES[(stage, short)]
    curve = CURVES.get((backend, short), CURVES[("tfidf", short)])
    return _on(curve, position(similarity, threshold))


def fit(found: Iterable[tuple[float, bool]]) -> Curve:
    """A pair curve read off links found at pair ``position`` s, right or not: the share
    right per :data:`BINS` bin (sparse bins pooled, then made never to fall), placed at
    the mean position of the bin's links.

    >>> fit([(0.01, False), (0.02, True)] * 3 + [(0.6, True)] * 5)
    ((0.015, 0.5), (0.6, 1.0))
    """
    bins: list[list[tuple[float, bool]]] = [[] for _ in BINS[1:]]
    for x, right in found:
        k = next((k for k, edge in enumerate(BINS[1:]) if x < edge), len(BINS) - 2)
        bins[k].append((x, right))
    groups: list[list[tuple[float, bool]]] = []
    for b in (b for b in bins if b):  # a sparse bin is pooled with the next
        if groups and len(groups[-1]) < LEAST:
            groups[-1] = groups[-1] + b
        else:
            groups.append(b)
    if len(groups) > 1 and len(groups[-1]) < LEAST:  # ...and the last with the one before
        groups[-2:] = [groups[-2] + groups[-1]]
    pooled: list[list[tuple[float, bool]]] = []
    for group in groups:  # adjacent violators pooled: the shares never fall
        pooled.append(group)
        while len(pooled) > 1 and _share(pooled[-2]) > _share(pooled[-1]):
            pooled[-2:] = [pooled[-2] + pooled[-1]]
    return tuple((round(sum(x for x, _ in g) / len(g), 3), round(_share(g), 2)) for g in pooled)


def _share(links: Sequence[tuple[float, bool]]) -> float:
    return sum(right for _, right in links) / len(links)
