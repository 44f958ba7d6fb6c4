"""Translation of scores between scales, saying exactly what is known and what was lost.

A source level stands for its band of the 0-1 delivery axis. Its candidates on the target
scale are the target levels whose bands overlap that band with positive length; the overlap
weights say how much of the source band each covers. Nothing finer than the source band is
ever claimed: a policy may pick one candidate, but the result records that it did.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from attrs import frozen

from .._core.convert import Data
from .._core.errors import AmbiguousTranslationError
from .._core.suggest import check_choice
from .._core.vocab import LOSSES, POLICIES, Loss, Policy

if TYPE_CHECKING:
    from .model import Level, Scale

__all__ = ["LOSSES", "POLICIES", "Translation", "translate"]


@frozen(kw_only=True)
class Translation(Data):
    """One value carried from ``source`` to ``target`` under ``policy``.

    ``levels`` are the target level IDs it may correspond to, worst first, with ``weights``
    summing to 1 (empty for a state). ``candidates`` are all overlapping levels whatever the
    policy. ``loss`` says what the result does not know: ``none`` (``exact``: same band),
    ``coarser`` (one target level, wider than the source band: the way back is lost),
    ``ambiguous`` (several candidates, all kept) or ``chosen`` (several candidates, the
    policy picked one). A state passes through as ``state`` with no levels.
    """

    __data__ = (
        "value",
        "source",
        "target",
        "policy",
        "levels",
        "weights",
        "candidates",
        "exact",
        "loss",
        "state",
    )

    value: str
    source: str
    target: str
    policy: str
    levels: tuple[str, ...]
    weights: tuple[float, ...]
    candidates: tuple[str, ...]
    exact: bool
    loss: Loss
    state: str | None = None

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    @property
    def level(self) -> str | None:
        """The single target level, when the result is one level."""
        return self.levels[0] if len(self.levels) == 1 else None

    def describe(self) -> str:
        """One line a person can read: what it maps to and what was lost."""
        if self.state is not None:
            return f"{self.value} is the state {self.state!r}: not a score, carried as it is"
        shown = ", ".join(
            f"{lv} ({w:.0%})" if len(self.levels) > 1 else lv
            for lv, w in zip(self.levels, self.weights, strict=True)
        )
        why = {
            "none": "exact",
            "coarser": f"{self.target} is coarser here: the finer {self.source} value is lost",
            "ambiguous": "ambiguous: could be any of these",
            "chosen": f"{self.policy} choice among {', '.join(self.candidates)}",
        }[self.loss]
        return f"{self.value} -> {shown} ({why})"


def _overlaps(level: Level, target: Scale) -> list[tuple[Level, Fraction]]:
    width = level.high - level.low
    out = []
    for candidate in target.levels:
        overlap = min(level.high, candidate.high) - max(level.low, candidate.low)
        if overlap > 0:
            out.append((candidate, overlap / width))
    return out


def _nearest(level: Level, candidates: list[tuple[Level, Fraction]]) -> Level:
    """The candidate containing the band's midpoint; on a boundary, the worse of the two."""
    middle = (level.low + level.high) / 2
    for candidate, _ in candidates:
        if candidate.low <= middle <= candidate.high:
            return candidate
    raise AssertionError("contiguous bands always contain the midpoint")  # pragma: no cover


def translate(
    value: object, source: Scale, target: Scale, *, policy: Policy = "range"
) -> Translation:
    """Translate one score (label, alias or ID on ``source``) to ``target``.

    >>> from bvframework import load_scale
    >>> gfp, five = load_scale("good-fair-poor"), load_scale("numeric-1-5")
    >>> translate("Fair", gfp, five).levels
    ('3', '4')
    >>> translate("Fair", gfp, five, policy="conservative").describe()
    'fair -> 3 (conservative choice among 3, 4)'
    >>> translate(4, five, gfp).loss
    'coarser'
    >>> translate("Exc*", five, gfp).state
    'excluded'
    """
    check_choice(policy, POLICIES, what="policy", plural="policies")
    parsed = source.parse(value)
    common = {"value": parsed, "source": source.id, "target": target.id, "policy": policy}
    if source.is_state(parsed):
        return Translation(
            **common,
            levels=(),
            weights=(),
            candidates=(),
            exact=True,
            loss="none",
            state=parsed,
        )
    level = source.level(parsed)
    overlaps = _overlaps(level, target)
    candidates = tuple(c.id for c, _ in overlaps)
    if len(overlaps) == 1:
        ((only, _),) = overlaps
        same = (only.low, only.high) == (level.low, level.high)
        return Translation(
            **common,
            levels=(only.id,),
            weights=(1.0,),
            candidates=candidates,
            exact=same,
            loss="none" if same else "coarser",
        )
    if policy == "strict":
        raise AmbiguousTranslationError(
            f"{source.id} {parsed!r} could be any of {', '.join(candidates)} on {target.id}; "
            "choose a policy (range, distribution, conservative, optimistic, nearest)"
        )
    if policy in ("range", "distribution"):
        return Translation(
            **common,
            levels=candidates,
            weights=tuple(float(w) for _, w in overlaps),
            candidates=candidates,
            exact=False,
            loss="ambiguous",
        )
    picked = {
        "conservative": lambda: overlaps[0][0],
        "optimistic": lambda: overlaps[-1][0],
        "nearest": lambda: _nearest(level, overlaps),
    }[policy]()
    return Translation(
        **common,
        levels=(picked.id,),
        weights=(1.0,),
        candidates=candidates,
        exact=False,
        loss="chosen",
    )
