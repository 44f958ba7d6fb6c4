"""The result of a benchmark: where each council of a cohort stands among its peers, theme
by theme, the distribution of every item, and the long table of every score (the
algorithm is :mod:`.benchmark`)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from attrs import field, frozen

from .._catalogues.model import Catalogue
from .._core import display
from .._core.convert import Data
from .._core.errors import UnknownReferenceError
from .._core.vocab import Change, MergePolicy, Policy
from .._scales.model import Scale

__all__ = [
    "RANGE_POLICY",
    "Benchmark",
    "CouncilPosition",
    "ItemDistribution",
    "ItemPosition",
    "ThemePosition",
]

RANGE_POLICY: Policy = "range"
"""Benchmarks judge on every level a score may be: the only policy that invents nothing."""


@frozen(kw_only=True)
class ItemPosition(Data):
    """One council's score of one item of the common version.

    ``low``/``high`` are common level IDs (equal for a single level, None when the item has
    no level there: a state, an unknown score, an item not carried over). ``translated``
    says the original scale is not the common one (``policy`` then names how it was
    translated); ``comparable`` is False when the item has no level, and ``reason`` says
    why, or what a translation or merge left open ("Fair is 3 or 4 on numeric-1-5").
    """

    __data__ = (
        "council", "date", "assessment", "item", "code", "theme", "scale:original_scale",
        "label:original_label", "low", "high", "state", "translated", "policy", "comparable",
        "reason", "cohort",
    )  # fmt: skip

    assessment: str
    council: str
    date: str | None
    item: str
    code: str
    theme: str
    scale: str
    label: str | None
    low: str | None
    high: str | None
    state: str | None
    translated: bool
    policy: str | None
    comparable: bool
    reason: str
    cohort: bool

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high != self.low


@frozen(kw_only=True)
class ThemePosition(Data):
    """One council on one theme: its interval of items at or above the threshold and where
    it stands among the peers assessed on the theme."""

    __data__ = (
        "theme_id", "theme", "assessed", "at_or_above_low", "at_or_above_high",
        "peers_certainly_above", "peers_certainly_below", "rank_best", "rank_worst",
    )  # fmt: skip

    theme_id: str
    theme: str
    assessed: int
    at_or_above_low: int
    at_or_above_high: int
    peers_certainly_above: int
    peers_certainly_below: int
    peers_compared: int
    rank_best: int | None
    rank_worst: int | None

    @property
    def share_low(self) -> Fraction | None:
        return Fraction(self.at_or_above_low, self.assessed) if self.assessed else None

    @property
    def share_high(self) -> Fraction | None:
        return Fraction(self.at_or_above_high, self.assessed) if self.assessed else None

    @property
    def peers_overlapping(self) -> int:
        return self.peers_compared - self.peers_certainly_above - self.peers_certainly_below


@frozen(kw_only=True)
class CouncilPosition:
    """One council of the cohort: its latest assessment's position on every theme, and
    against its own previous assessment (when there is one) the change per item, judged
    year on year on every level each score may be."""

    council: str
    date: str | None
    assessment: str
    themes: tuple[ThemePosition, ...]
    previous: str | None = None
    previous_date: str | None = None
    changes: tuple[tuple[Change, int], ...] = ()

    def theme(self, theme_id: str) -> ThemePosition:
        for position in self.themes:
            if position.theme_id == theme_id:
                return position
        raise UnknownReferenceError(f"no theme {theme_id!r} in the benchmark")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "council": self.council,
            "date": self.date,
            "themes": [t.to_dict() for t in self.themes],
        }
        out["assessment"] = self.assessment
        if self.previous is not None:
            out["previous"] = {
                "assessment": self.previous,
                "date": self.previous_date,
                "changes": dict(self.changes),
            }
        return out


@frozen(kw_only=True)
class ItemDistribution:
    """One item across the cohort: how many councils are certainly at each level, how many
    at each range of levels (a translation that could be several), in each state, and with
    no level (not published, not carried over)."""

    item: str
    theme: str
    levels: tuple[tuple[str, int], ...]
    ranges: tuple[tuple[tuple[str, str], int], ...]
    states: tuple[tuple[str, int], ...]
    unknown: int
    assessed: int
    at_or_above_low: int
    at_or_above_high: int

    @property
    def below_certain(self) -> int:
        """Councils whose every possible level is under the threshold."""
        return self.assessed - self.at_or_above_high

    @property
    def below_possible(self) -> int:
        """Councils some of whose possible levels are under the threshold."""
        return self.assessed - self.at_or_above_low

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "theme": self.theme,
            "levels": dict(self.levels),
            "ranges": [{"low": lo, "high": hi, "councils": n} for (lo, hi), n in self.ranges],
            "states": dict(self.states),
            "unknown": self.unknown,
            "assessed": self.assessed,
            "at_or_above_low": self.at_or_above_low,
            "at_or_above_high": self.at_or_above_high,
        }


@frozen(kw_only=True)
class Benchmark:
    """A cohort on one scale and one version: per council and theme an interval and peer
    counts (:attr:`councils`, sorted by name), per item the distribution (:attr:`items`),
    and the long table of every score (:attr:`positions`)."""

    scale: Scale = field(repr=False)
    catalogue: Catalogue = field(repr=False)
    threshold: str
    councils: tuple[CouncilPosition, ...]
    items: tuple[ItemDistribution, ...] = field(repr=False)
    positions: tuple[ItemPosition, ...] = field(repr=False)
    chosen: tuple[str, ...] = ()
    """What was chosen by default and why (common version, scale, threshold)."""
    focus: str | None = None
    """The council whose profile is drawn (``council=``), if any."""
    mappings: tuple[str, ...] = ()
    merge_policy: MergePolicy = "range"

    @property
    def version(self) -> str:
        return self.catalogue.key

    def council(self, name: str) -> CouncilPosition:
        for position in self.councils:
            if position.council == name:
                return position
        raise UnknownReferenceError(
            f"no council {name!r} in the cohort",
            suggestions=[c.council for c in self.councils][:5],
        )

    def relation(self, a: str, b: str, theme_id: str) -> str | None:
        """How council ``b`` stands against council ``a`` on a theme: ``above`` (certainly),
        ``below`` (certainly), ``overlap``, or None when either has no assessed item."""
        first, second = self.council(a).theme(theme_id), self.council(b).theme(theme_id)
        if not first.assessed or not second.assessed:
            return None
        assert first.share_low is not None
        assert first.share_high is not None
        assert second.share_low is not None
        assert second.share_high is not None
        if second.share_high < first.share_low:
            return "below"
        if second.share_low > first.share_high:
            return "above"
        return "overlap"

    def bottom(self, n: int = 10) -> tuple[ItemDistribution, ...]:
        """The characteristics most often under the threshold: most councils certainly
        below, then most possibly below, then catalogue order."""
        order = {d.item: i for i, d in enumerate(self.items)}
        ranked = sorted(
            (d for d in self.items if d.assessed),
            key=lambda d: (-d.below_certain, -d.below_possible, order[d.item]),
        )
        return tuple(ranked[:n])

    def records(self) -> list[dict[str, Any]]:
        """One record per council and theme (the JSON's rows, flattened)."""
        out = []
        for council in self.councils:
            for theme in council.themes:
                out.append({"council": council.council, "date": council.date} | theme.to_dict())
        return out

    def to_frame(self, *, long: bool = False) -> Any:
        """A pandas DataFrame (the ``pandas`` extra): :meth:`records` (one row per council
        and theme); with ``long``, the long table of every score (the CSV's rows)."""
        from .._core.frames import frame

        if long:
            levels = list(self.scale.level_ids)
            return frame(
                [p.to_dict() for p in self.positions],
                feature="Benchmark.to_frame()",
                ordered={"low": levels, "high": levels},
            )
        return frame(
            self.records(),
            feature="Benchmark.to_frame()",
            integers=["rank_best", "rank_worst"],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.catalogue.key,
            "scale": self.scale.id,
            "threshold": self.threshold,
            "policy": RANGE_POLICY,
            "merge_policy": self.merge_policy,
            "chosen": list(self.chosen),
            "councils": [c.to_dict() for c in self.councils],
            "items": [d.to_dict() for d in self.items],
        }

    def _repr_html_(self) -> str:
        return display.html(self)
