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
from collections.abc import Iterable, Sequence
from fractions import Fraction

from attrs import frozen

from .._catalogues.model import Catalogue
from .._core.errors import CompositionError, UnknownLabelError, UnknownReferenceError
from .._core.vocab import Change, MergePolicy
from .._mappings.model import Mapping
from .._scales.model import Scale
from .common import choose_scale, choose_version, cohort
from .compare import (
    _change,
    _rescale,
    _Spans,
    carry,
    missing_reason,
    range_reason,
    version_gaps,
    with_states,
)
from .migrate import migrate
from .model import Assessment, Score
from .peers import (
    RANGE_POLICY,
    Benchmark,
    CouncilPosition,
    ItemDistribution,
    ItemPosition,
    ThemePosition,
)

__all__ = [
    "benchmark",
    "choose_scale",
    "choose_version",
    "cohort",
]


# -- the algorithm ---------------------------------------------------------------------------
@frozen(kw_only=True)
class _Carried:
    """One assessment on the common version and scale: each item's (low, high) rank
    interval, or None, and its row of the long table."""

    assessment: Assessment
    spans: dict[str, Score]
    positions: tuple[ItemPosition, ...]


def _written(scale: Scale, score: Score) -> str | None:
    if score.label is not None:
        return score.label
    if score.value is None:
        return None
    text = scale.label_of(score.value)
    if score.is_range and score.upper is not None:
        return f"{text} to {scale.label_of(score.upper)}"
    return text


_Described = tuple[str | None, str | None, str | None, str | None, bool, str]


def _describe(
    original: Scale, scale: Scale, *, before: Score, span: Score, gap: str | None
) -> _Described:
    """(label as written, low, high, state, comparable, reason) of one carried score,
    in compare's words: worked out once per distinct score of a run (a cohort has
    thousands of items, a handful of distinct scores)."""
    label = _written(original, before)
    missing = missing_reason(scale, span, gap)
    if missing is not None:
        state = span.value if gap is None and span.value is not None else None
        return label, None, None, state, False, missing
    assert span.value is not None
    high = span.upper or span.value
    reason = range_reason(scale, span) if high != span.value else ""
    return label, span.value, high, None, True, reason


def _carry_one(
    assessment: Assessment,
    *,
    target: Catalogue,
    scale: Scale,
    carried_through: dict[str, tuple[Mapping, dict[str, str]]],
    merge_policy: MergePolicy,
    seen: _Spans,
    described: dict[tuple[str | None, ...], _Described],
    in_cohort: bool,
) -> _Carried:
    here = assessment.catalogue
    codes: dict[str, str] = {s.item: s.code for s in assessment.scores}
    gaps: dict[str, str] = {}
    if here.key != target.key:
        mapping, gaps = carried_through[here.key]
        on_target = migrate(assessment, mapping, merge_policy=merge_policy).assessment
        backward: dict[str, list[str]] = {}
        for source, dest in mapping.links:
            backward.setdefault(dest, []).append(source)
        codes = {item: ", ".join(codes[s] for s in sources) for item, sources in backward.items()}
    else:
        on_target = assessment
    original = on_target.scale
    spans = _rescale(on_target, scale, policy=RANGE_POLICY, seen=seen)
    by_item = {s.item: s for s in spans.scores}
    source_scores = {s.item: s for s in on_target.scores}
    positions = []
    council, date, ident = assessment.council.strip(), assessment.date, assessment.id
    for item in target.items:
        span = by_item[item.id]
        before = source_scores[item.id]
        gap = gaps.get(item.id)
        key = (
            original.id, before.value, before.upper, before.label, span.value, span.upper, gap,
        )  # fmt: skip
        found = described.get(key)
        if found is None:
            found = described[key] = _describe(original, scale, before=before, span=span, gap=gap)
        label, low, high, state, comparable, reason = found
        translated = span.translated if comparable else None
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
                translated=translated is not None,
                policy=None if translated is None else translated.policy,
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
    carried_through: dict[str, tuple[Mapping, dict[str, str]]] = {}
    used: list[str] = []
    for key in sorted({a.catalogue.key for a in assessments} - {version.key}):
        source = next(a.catalogue for a in assessments if a.catalogue.key == key)
        mapping = carry(key, version.key, mappings)
        used.append(mapping.key)
        placed = mapping.with_catalogues(source, version)
        carried_through[key] = (placed, version_gaps(placed, key, version.key))
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
