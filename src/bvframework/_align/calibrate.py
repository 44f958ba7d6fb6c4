"""A link's confidence: the share of links like it that are right, from its similarity.

A raw similarity is not a probability: a TF-IDF cosine of 0.3 is a near-certain pair on
NIST SP 800-53 while a cosine of 0.13 is right about half the time. ``align`` turns each
link's evidence into an estimate of the chance it is right, by where its similarity sits
between the backend's pair threshold and 1 (``position``), through one piecewise-linear
curve. The curve was read off NIST SP 800-53 rev4 -> rev5 (pairs, IDs hidden) and checked
on OWASP ASVS 4.0.3 -> 5.0.0; ``benchmarks/run.py`` prints the share of links right per
confidence band on both, for every backend, so a drift shows.

Merges and splits are one inference more than a pair (which paired item, and that the
left-over is carried at all): on both corpora about four in five are right, whatever their
similarity, so a join's confidence is the pair curve's scaled by ``JOIN_SHARE``.
"""

from __future__ import annotations

import itertools

__all__ = ["JOIN_SHARE", "PAIR_CURVE", "calibrated"]

# (position of the similarity between the pair threshold (0) and 1 (1), share right)
PAIR_CURVE: tuple[tuple[float, float], ...] = (
    (0.0, 0.55),
    (0.07, 0.75),
    (0.14, 0.9),
    (0.27, 0.97),
    (0.5, 0.99),
    (1.0, 1.0),
)
JOIN_SHARE = 0.82


def calibrated(similarity: float, threshold: float, *, join: bool = False) -> float:
    """The estimated chance that a link of this ``similarity`` is right, for a backend
    whose pair threshold is ``threshold``; a ``join`` (merge or split) counts less.

    >>> calibrated(0.12, 0.12), calibrated(1.0, 0.12)
    (0.55, 1.0)
    >>> round(calibrated(0.5, 0.12, join=True), 3)
    0.807
    """
    span = max(1.0 - threshold, 1e-9)
    position = min(max((similarity - threshold) / span, 0.0), 1.0)
    share = PAIR_CURVE[-1][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(PAIR_CURVE):
        if position <= x1:
            share = y0 + (y1 - y0) * (position - x0) / (x1 - x0)
            break
    return share * JOIN_SHARE if join else share
