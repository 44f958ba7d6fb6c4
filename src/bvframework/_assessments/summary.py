"""Counts of an assessment by level and state, overall and per theme."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from attrs import evolve, field, frozen

from .._core.convert import Data
from .._core.errors import NoItemScoresError
from .._core.suggest import check_choice
from .._core.vocab import SUMMARY_BASES, SummaryBasis

if TYPE_CHECKING:
    from .._scales.model import Scale
    from .model import Assessment, Score

__all__ = ["AssessmentSummary", "Share", "summarise"]


@frozen(kw_only=True)
class Share:
    """``count`` of ``of``: a share, as councils publish it (``45 of 66 (68%)``)."""

    count: int
    of: int

    @property
    def fraction(self) -> float:
        return self.count / self.of if self.of else 0.0

    def __str__(self) -> str:
        return f"{self.count} of {self.of} ({self.fraction:.0%})"


@frozen(kw_only=True)
class AssessmentSummary(Data):
    """Counts per level (``levels``, worst first, zero levels included) and per state.

    ``basis`` says where the counts come from: ``items`` (the item scores) or ``published``
    (totals the council published, when it did not publish every item's score). ``unknown``
    counts items scored but not published, ``ranges`` items whose score is a range (after a
    merge carried with the ``range`` policy); neither is in ``levels``.
    """

    __data__ = ("scale", "basis", "levels", "states", "assessed", "unknown", "ranges", "themes?")

    scale: str
    basis: str
    levels: Mapping[str, int] = field(hash=False)
    states: Mapping[str, int] = field(hash=False)
    unknown: int = 0
    ranges: int = 0
    themes: Mapping[str, AssessmentSummary] = field(hash=False, factory=dict)

    @property
    def assessed(self) -> int:
        """Items with a level (states, unknown and ranges excluded)."""
        return sum(self.levels.values())

    def share_at_or_above(self, level: str, *, include_states: Iterable[str] = ()) -> Share:
        """Items at ``level`` or better, out of those with a level (plus any states named).

        Councils differ on the denominator: Blaby's "45 of 66" leaves out its 4 excluded
        items; Runnymede's "55 of 73" counts its 2 grey items. Name such states in
        ``include_states`` to reproduce the latter.
        """
        ids = list(self.levels)
        level = check_choice(level, ids, what=f"level of scale {self.scale!r}", plural="levels")
        count = sum(self.levels[lv] for lv in ids[ids.index(level) :])
        return Share(count=count, of=self.assessed + self._states(include_states))

    def share_of(self, level: str, *, include_states: Iterable[str] = ()) -> Share:
        level = check_choice(
            level, list(self.levels), what=f"level of scale {self.scale!r}", plural="levels"
        )
        return Share(count=self.levels[level], of=self.assessed + self._states(include_states))

    def _states(self, names: Iterable[str]) -> int:
        states = list(self.states)
        return sum(
            self.states[check_choice(s, states, what="state", plural="states")] for s in names
        )


def _counts(scale: Scale, scores: Iterable[Score], basis: str) -> AssessmentSummary:
    counted: Counter[str] = Counter()
    unknown = ranges = 0
    for score in scores:
        if score.value is None:
            unknown += 1
        elif score.is_range:
            ranges += 1
        else:
            counted[score.value] += 1
    return AssessmentSummary(
        scale=scale.id,
        basis=basis,
        levels=MappingProxyType({lv: counted[lv] for lv in scale.level_ids}),
        states=MappingProxyType({st: counted[st] for st in scale.state_ids}),
        unknown=unknown,
        ranges=ranges,
    )


def summarise(assessment: Assessment, *, basis: SummaryBasis | None = None) -> AssessmentSummary:
    scale = assessment.scale
    if basis is None:
        basis = "items" if assessment.items_published == "all" else "published"
    if basis == "published":
        if not assessment.published:
            raise NoItemScoresError(
                f"assessment {assessment.id!r} publishes no totals; use basis='items'"
            )
        counts = dict(assessment.published[0].counts)
        return AssessmentSummary(
            scale=scale.id,
            basis="published",
            levels=MappingProxyType({lv: counts.get(lv, 0) for lv in scale.level_ids}),
            states=MappingProxyType({st: counts.get(st, 0) for st in scale.state_ids}),
            unknown=0,
            themes={},
            ranges=sum(1 for s in assessment.scores if s.value is not None and s.is_range),
        )
    check_choice(basis, SUMMARY_BASES, what="basis", plural="bases")
    by_theme: dict[str, list[Score]] = {t.id: [] for t in assessment.catalogue.themes}
    for score in assessment.scores:
        by_theme[assessment.catalogue.item(score.item).theme].append(score)
    return evolve(
        _counts(scale, assessment.scores, "items"),
        themes=MappingProxyType({t: _counts(scale, s, "items") for t, s in by_theme.items()}),
    )
