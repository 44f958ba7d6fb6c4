"""Where each council of a cohort stands among its peers, theme by theme, without inventing
precision (pure: assessments and mappings in, a :class:`Benchmark` out).

Every assessment is carried to the common version (:func:`~.compare.carry`, :func:`migrate`)
and translated onto the common scale under the ``range`` policy (compare's own translation):
a score is then an interval of common levels, ``low`` to ``high``: every common level whose
band overlaps its own band with positive length. Nothing below ever picks one of them.

For a council and a theme, with threshold level L: ``assessed`` counts the items with a
level (a state such as excluded or grey never counts), ``at_or_above_low`` the items
certainly at or above L (``low >= L``) and ``at_or_above_high`` those possibly at or above
L (``high >= L``). A peer is *certainly below* when its high share is under the council's
low share, *certainly above* when its low share is over the council's high share; the rest
overlap. The rank is the interval ``1 + certainly above`` to ``1 + not certainly below``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from .._catalogues.model import Catalogue
from .._core import display
from .._core.errors import CompositionError, UnknownLabelError, UnknownReferenceError
from .._core.vocab import Change, MergePolicy, Policy
from .._mappings.model import Mapping
from .._scales.model import Scale
from .compare import _change, _rescale, _Spans, carry, with_states
from .migrate import migrate
from .model import Assessment, Score

__all__ = [
    "Benchmark",
    "CouncilPosition",
    "ItemDistribution",
    "ItemPosition",
    "ThemePosition",
    "benchmark",
    "choose_scale",
    "choose_version",
    "cohort",
]

RANGE_POLICY: Policy = "range"
"""Benchmarks judge on every level a score may be: the only policy that invents nothing."""


# -- results ---------------------------------------------------------------------------------
@frozen(kw_only=True)
class ItemPosition:
    """One council's score of one item of the common version.

    ``low``/``high`` are common level IDs (equal for a single level, None when the item has
    no level there: a state, an unknown score, an item not carried over). ``translated``
    says the original scale is not the common one (``policy`` then names how it was
    translated); ``comparable`` is False when the item has no level, and ``reason`` says
    why, or what a translation or merge left open ("Fair is 3 or 4 on numeric-1-5").
    """

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "council": self.council,
            "date": self.date,
            "assessment": self.assessment,
            "item": self.item,
            "code": self.code,
            "theme": self.theme,
            "original_scale": self.scale,
            "original_label": self.label,
            "low": self.low,
            "high": self.high,
            "state": self.state,
            "translated": self.translated,
            "policy": self.policy,
            "comparable": self.comparable,
            "reason": self.reason,
            "cohort": self.cohort,
        }


@frozen(kw_only=True)
class ThemePosition:
    """One council on one theme: its interval of items at or above the threshold and where
    it stands among the peers assessed on the theme."""

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "theme_id": self.theme_id,
            "theme": self.theme,
            "assessed": self.assessed,
            "at_or_above_low": self.at_or_above_low,
            "at_or_above_high": self.at_or_above_high,
            "peers_certainly_above": self.peers_certainly_above,
            "peers_certainly_below": self.peers_certainly_below,
            "rank_best": self.rank_best,
            "rank_worst": self.rank_worst,
        }


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


# -- defaults that never depend on argument order --------------------------------------------
def choose_version(
    catalogues: Sequence[Catalogue], mappings: Sequence[Mapping]
) -> tuple[Catalogue, str]:
    """The latest version (by publication date, then key) that every one of ``catalogues``
    routes to through ``mappings``, and a sentence saying so.

    :raises CompositionError: no version is reachable from every input.
    """
    from .._mappings.route import mapping_steps, shortest_route

    known: dict[str, Catalogue] = {}
    for catalogue in catalogues:
        known.setdefault(catalogue.key, catalogue)
    for mapping in mappings:
        for side in (mapping.source_catalogue, mapping.target_catalogue):
            if side is not None:
                known.setdefault(side.key, side)
    steps = mapping_steps(mappings)
    starts = sorted({c.key for c in catalogues})
    common = [
        key
        for key in sorted(known)
        if all(shortest_route(start, key, steps) is not None for start in starts)
    ]
    if not common:
        raise CompositionError(
            f"no version is reachable from every assessment ({', '.join(starts)}): "
            "give a mapping that joins them, or compare fewer"
        )
    best = max(common, key=lambda key: (known[key].published or "", key))
    if len(starts) == 1:
        return known[best], f"version {best}: every assessment is on it"
    return known[best], (
        f"version {best}: the latest version every assessment routes to (from {', '.join(starts)})"
    )


def choose_scale(scales: Sequence[Scale]) -> tuple[Scale, str]:
    """The scale every assessment shares, else the one with the most levels (ties by ID),
    and a sentence saying so."""
    if not scales:
        raise CompositionError("a benchmark needs at least one assessment")
    distinct: dict[str, Scale] = {}
    for scale in scales:
        distinct.setdefault(scale.id, scale)
    if len(distinct) == 1:
        (only,) = distinct.values()
        return only, f"scale {only.id}: every assessment uses it"
    best = min(distinct.values(), key=lambda s: (-len(s.levels), s.id))
    return best, (
        f"scale {best.id}: the one with the most levels ({len(best.levels)}) of "
        f"{', '.join(sorted(distinct))}"
    )


def cohort(assessments: Sequence[Assessment]) -> dict[str, list[Assessment]]:
    """Each council's assessments (councils are the same only when their names match),
    latest last: ordered by date, then ID, whatever order they were given in.

    :raises CompositionError: a council has two assessments and one of them is undated, or
        two share a date and ID (which one is latest cannot be told).
    """
    by_council: dict[str, list[Assessment]] = {}
    for assessment in assessments:
        by_council.setdefault(assessment.council.strip(), []).append(assessment)
    for name, group in by_council.items():
        if len(group) < 2:
            continue
        if any(not a.date for a in group):
            raise CompositionError(
                f"council {name!r} has {len(group)} assessments and not all are dated: "
                "which is the latest cannot be told (give each a date)"
            )
        group.sort(key=lambda a: (a.date or "", a.id))
        for earlier, later in itertools.pairwise(group):
            if (earlier.date, earlier.id) == (later.date, later.id):
                raise CompositionError(
                    f"council {name!r} has two assessments {later.id!r} dated {later.date}"
                )
    return dict(sorted(by_council.items()))


# -- the algorithm ---------------------------------------------------------------------------
@frozen(kw_only=True)
class _Carried:
    """One assessment on the common version and scale: each item's (low, high) rank
    interval, or None, and its row of the long table."""

    assessment: Assessment
    spans: dict[str, Score]
    positions: tuple[ItemPosition, ...]


def _between(scale: Scale, low: str, high: str) -> str:
    apart = scale.rank(high) - scale.rank(low)
    return f"{scale.label_of(low)} {'or' if apart == 1 else 'to'} {scale.label_of(high)}"


def _written(scale: Scale, score: Score) -> str | None:
    if score.label is not None:
        return score.label
    if score.value is None:
        return None
    text = scale.label_of(score.value)
    if score.is_range and score.upper is not None:
        return f"{text} to {scale.label_of(score.upper)}"
    return text


def _state_reason(scale: Scale, state: str) -> str:
    if state == "excluded":
        return "excluded by the council"
    if state == "not-assessed":
        return "not assessed by the council"
    found = scale.state(state)
    why = f" ({found.meaning})" if found.meaning else ""
    return f"{found.label} on {scale.id} is a state, not a level{why}"


_Described = tuple[str | None, str | None, str | None, str | None, bool, str]


def _describe(
    original: Scale,
    scale: Scale,
    *,
    before: Score,
    span: Score,
    origin: str | None,
    source_key: str,
    target_key: str,
) -> _Described:
    """(label as written, low, high, state, comparable, reason) of one carried score:
    worked out once per distinct score of a run (a cohort has thousands of items, a
    handful of distinct scores)."""
    label = _written(original, before)
    state = span.value if span.value is not None and scale.is_state(span.value) else None
    low = None if span.value is None or state is not None else span.value
    high = (span.upper or span.value) if low is not None else None
    if span.value is None:
        reason = f"not in {source_key}: unmapped" if origin == "unmapped" else "score not published"
        return label, None, None, None, False, reason
    if origin == "added":
        return label, None, None, None, False, f"not in {source_key}: added in {target_key}"
    if state is not None:
        why = _state_reason(original if original.is_state(state) else scale, state)
        return label, None, None, state, False, why
    if low != high:
        assert low is not None
        assert high is not None
        return (
            label,
            low,
            high,
            None,
            True,
            f"{label} is {_between(scale, low, high)} on {scale.id}",
        )
    return label, low, high, None, True, ""


def _carry_one(
    assessment: Assessment,
    *,
    target: Catalogue,
    scale: Scale,
    carried_through: dict[str, Mapping],
    merge_policy: MergePolicy,
    seen: _Spans,
    described: dict[tuple[str | None, ...], _Described],
    in_cohort: bool,
) -> _Carried:
    here = assessment.catalogue
    mapping: Mapping | None = None
    codes: dict[str, str] = {s.item: s.code for s in assessment.scores}
    origin_of: dict[str, str] = {}
    if here.key != target.key:
        mapping = carried_through[here.key]
        on_target = migrate(assessment, mapping, merge_policy=merge_policy).assessment
        backward: dict[str, list[str]] = {}
        for source, dest in mapping.links:
            backward.setdefault(dest, []).append(source)
        codes = {item: ", ".join(codes[s] for s in sources) for item, sources in backward.items()}
        origin_of = dict(mapping.origins())
    else:
        on_target = assessment
    original = on_target.scale
    translated = original.id != scale.id
    spans = _rescale(on_target, scale, policy=RANGE_POLICY, seen=seen)
    by_item = {s.item: s for s in spans.scores}
    source_scores = {s.item: s for s in on_target.scores}
    positions = []
    council, date, ident = assessment.council.strip(), assessment.date, assessment.id
    for item in target.items:
        span = by_item[item.id]
        before = source_scores[item.id]
        origin = origin_of.get(item.id)
        key = (
            original.id, before.value, before.upper, before.label,
            span.value, span.upper, origin, here.key,
        )  # fmt: skip
        found = described.get(key)
        if found is None:
            found = described[key] = _describe(
                original,
                scale,
                before=before,
                span=span,
                origin=origin,
                source_key=here.key,
                target_key=target.key,
            )
        label, low, high, state, comparable, reason = found
        positions.append(
            ItemPosition(
                assessment=ident,
                council=council,
                date=date,
                item=item.id,
                code=codes.get(item.id, ""),
                theme=item.theme,
                scale=original.id,
                label=label,
                low=low,
                high=high,
                state=state,
                translated=translated and comparable,
                policy=RANGE_POLICY if translated and comparable else None,
                comparable=comparable,
                reason=reason,
                cohort=in_cohort,
            )
        )
    return _Carried(assessment=assessment, spans=by_item, positions=tuple(positions))


def _theme_counts(
    positions: Iterable[ItemPosition], scale: Scale, threshold: int
) -> dict[str, tuple[int, int, int]]:
    """theme -> (assessed, certainly at or above, possibly at or above)."""
    counts: dict[str, list[int]] = {}
    for p in positions:
        row = counts.setdefault(p.theme, [0, 0, 0])
        if p.low is None or p.high is None:
            continue
        row[0] += 1
        if scale.rank(p.low) >= threshold:
            row[1] += 1
        if scale.rank(p.high) >= threshold:
            row[2] += 1
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}


def _positions(
    counts: dict[str, dict[str, tuple[int, int, int]]], catalogue: Catalogue
) -> dict[str, tuple[ThemePosition, ...]]:
    """council -> one ThemePosition per theme: peers counted by sorting the shares once
    per theme (exact fractions), not by comparing every pair."""
    out: dict[str, list[ThemePosition]] = {name: [] for name in counts}
    for theme in catalogue.themes:
        shares = {
            name: (Fraction(lo, n), Fraction(hi, n))
            for name, by_theme in counts.items()
            for n, lo, hi in [by_theme.get(theme.id, (0, 0, 0))]
            if n
        }
        lows = sorted(s[0] for s in shares.values())
        highs = sorted(s[1] for s in shares.values())
        for name, by_theme in counts.items():
            n, lo, hi = by_theme.get(theme.id, (0, 0, 0))
            if not n:
                out[name].append(
                    ThemePosition(
                        theme_id=theme.id,
                        theme=theme.title,
                        assessed=0,
                        at_or_above_low=0,
                        at_or_above_high=0,
                        peers_certainly_above=0,
                        peers_certainly_below=0,
                        peers_compared=0,
                        rank_best=None,
                        rank_worst=None,
                    )
                )
                continue
            share_low, share_high = shares[name]
            # A council is never certainly above or below itself (its low <= its high).
            below = bisect.bisect_left(highs, share_low)
            above = len(lows) - bisect.bisect_right(lows, share_high)
            peers = len(shares) - 1
            out[name].append(
                ThemePosition(
                    theme_id=theme.id,
                    theme=theme.title,
                    assessed=n,
                    at_or_above_low=lo,
                    at_or_above_high=hi,
                    peers_certainly_above=above,
                    peers_certainly_below=below,
                    peers_compared=peers,
                    rank_best=1 + above,
                    rank_worst=1 + peers - below,
                )
            )
    return {name: tuple(themes) for name, themes in out.items()}


def _distributions(
    positions: Sequence[ItemPosition], catalogue: Catalogue, scale: Scale, threshold: int
) -> tuple[ItemDistribution, ...]:
    by_item: dict[str, list[ItemPosition]] = {item.id: [] for item in catalogue.items}
    for p in positions:
        by_item[p.item].append(p)
    out = []
    for item in catalogue.items:
        levels = dict.fromkeys(scale.level_ids, 0)
        ranges: dict[tuple[str, str], int] = {}
        states: dict[str, int] = {}
        unknown = assessed = low_n = high_n = 0
        for p in by_item[item.id]:
            if p.low is not None and p.high is not None:
                assessed += 1
                if p.low == p.high:
                    levels[p.low] += 1
                else:
                    ranges[(p.low, p.high)] = ranges.get((p.low, p.high), 0) + 1
                low_n += scale.rank(p.low) >= threshold
                high_n += scale.rank(p.high) >= threshold
            elif p.state is not None:
                states[p.state] = states.get(p.state, 0) + 1
            else:
                unknown += 1
        out.append(
            ItemDistribution(
                item=item.id,
                theme=item.theme,
                levels=tuple(levels.items()),
                ranges=tuple(
                    sorted(
                        ranges.items(), key=lambda kv: (scale.rank(kv[0][0]), scale.rank(kv[0][1]))
                    )
                ),
                states=tuple(sorted(states.items())),
                unknown=unknown,
                assessed=assessed,
                at_or_above_low=low_n,
                at_or_above_high=high_n,
            )
        )
    return tuple(out)


def benchmark(
    assessments: Sequence[Assessment],
    *,
    scale: Scale | None = None,
    version: Catalogue | None = None,
    threshold: str | None = None,
    mappings: Sequence[Mapping] = (),
    merge_policy: MergePolicy = "range",
    council: str | None = None,
) -> Benchmark:
    """Benchmark a cohort: each council's latest assessment against its peers, theme by
    theme (see the module's documentation for the definitions).

    ``scale`` defaults to the scale every assessment shares, else the one with the most
    levels (ties by ID); ``version`` to the latest version every assessment routes to
    through ``mappings`` (this function reads nothing: the API adds the bundled mappings);
    ``threshold`` (a level of the common scale, by ID or label) to the scale's
    second-highest level; a merged item is by default the range of its sources' levels.
    ``council`` names the council whose profile the renderers draw. The result does not
    depend on the order of ``assessments``.

    :raises CompositionError: no assessment, no common version, or a council's latest
        assessment cannot be told.
    :raises UnknownLabelError: ``threshold`` is not a level of the common scale.
    """
    if not assessments:
        raise CompositionError("a benchmark needs at least one assessment")
    chosen: list[str] = []
    groups = cohort(assessments)
    if council is not None and council.strip() not in groups:
        raise UnknownReferenceError(
            f"council {council!r} is not in the cohort",
            suggestions=list(groups)[:5],
        )
    if version is None:
        version, why = choose_version([a.catalogue for a in assessments], mappings)
        chosen.append(why)
    if scale is None:
        scale, why = choose_scale([a.scale for a in assessments])
        chosen.append(why)
    common = with_states(scale, [a.scale for a in assessments])
    if threshold is None:
        level = common.levels[-2] if len(common.levels) > 1 else common.levels[-1]
        chosen.append(f"threshold {level.label}: the second-highest level of {common.id}")
    else:
        parsed = common.parse(threshold)
        if common.is_state(parsed):
            raise UnknownLabelError(f"the threshold must be a level of {common.id}, not a state")
        level = common.level(parsed)
    rank = common.rank(level.id)
    carried_through: dict[str, Mapping] = {}
    used: list[str] = []
    for key in sorted({a.catalogue.key for a in assessments} - {version.key}):
        source = next(a.catalogue for a in assessments if a.catalogue.key == key)
        mapping = carry(key, version.key, mappings)
        used.append(mapping.key)
        carried_through[key] = mapping.with_catalogues(source, version)
    seen: _Spans = {}
    described: dict[tuple[str | None, ...], _Described] = {}
    latest: dict[str, _Carried] = {}
    previous: dict[str, _Carried] = {}
    positions: list[ItemPosition] = []
    for name, group in groups.items():
        for n, assessment in enumerate(group):
            in_cohort = n == len(group) - 1
            carried = _carry_one(
                assessment,
                target=version,
                scale=common,
                carried_through=carried_through,
                merge_policy=merge_policy,
                seen=seen,
                described=described,
                in_cohort=in_cohort,
            )
            positions += carried.positions
            if in_cohort:
                latest[name] = carried
            elif n == len(group) - 2:
                previous[name] = carried
    counts = {
        name: _theme_counts(carried.positions, common, rank) for name, carried in latest.items()
    }
    themes = _positions(counts, version)
    councils = []
    for name, carried in latest.items():
        before = previous.get(name)
        changes: tuple[tuple[Change, int], ...] = ()
        if before is not None:
            tally: dict[Change, int] = dict.fromkeys(
                ("improved", "declined", "same", "not comparable"), 0
            )
            for item in version.items:
                tally[
                    _change(
                        common,
                        before.spans[item.id],
                        carried.spans[item.id],
                        year_on_year=True,
                    )
                ] += 1
            changes = tuple(tally.items())
        councils.append(
            CouncilPosition(
                council=name,
                date=carried.assessment.date,
                assessment=carried.assessment.id,
                themes=themes[name],
                previous=None if before is None else before.assessment.id,
                previous_date=None if before is None else before.assessment.date,
                changes=changes,
            )
        )
    in_cohort_positions = [p for p in positions if p.cohort]
    return Benchmark(
        scale=common,
        catalogue=version,
        threshold=level.id,
        councils=tuple(councils),
        items=_distributions(in_cohort_positions, version, common, rank),
        positions=tuple(positions),
        chosen=tuple(chosen),
        focus=None if council is None else council.strip(),
        mappings=tuple(used),
        merge_policy=merge_policy,
    )
