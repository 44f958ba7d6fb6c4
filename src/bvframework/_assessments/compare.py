"""Assessments on different scales and versions, brought to one scale and version."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import evolve

from .._catalogues.model import Catalogue
from .._core.errors import AmbiguousTranslationError, CompositionError, UnknownReferenceError
from .._core.suggest import check_choice
from .._core.vocab import (
    CHANGES,
    COMPARE_POLICIES,
    Change,
    ComparePolicy,
    LedgerOutcome,
    MergePolicy,
    Policy,
)
from .._mappings.model import Mapping
from .._scales.model import Level, Scale
from .._scales.translate import translate
from .comparison import Comparison, ComparisonRow, LedgerLine, score_kind
from .migrate import LedgerEntry, migrate
from .model import Assessment, Score, Translated

__all__ = [
    "CHANGES",
    "POLICY_CHOICES",
    "Comparison",
    "ComparisonRow",
    "LedgerLine",
    "compare",
    "rescale",
]

POLICY_CHOICES = COMPARE_POLICIES


def _span(score: Score, source: Scale, target: Scale, policy: Policy) -> tuple[str, str | None]:
    """(value, upper) on ``target`` for a level score (possibly a range) on ``source``."""
    assert score.value is not None
    low = source.level(score.value)
    high = source.level(score.upper) if score.upper is not None else low
    if low is high:
        t = translate(low.id, source, target, policy=policy)
    else:  # a range: one band from the bottom of its lowest level to the top of its highest
        band = Level(id="span", label="span", band=(low.band[0], high.band[1]))
        joined = Scale(id=source.id, title=source.title, levels=(band,), states=())
        t = translate("span", joined, target, policy=policy)
    return t.levels[0], (t.levels[-1] if len(t.levels) > 1 else None)


def with_states(scale: Scale, others: Sequence[Scale]) -> Scale:
    """``scale`` plus the states of ``others`` it lacks: states pass through translation,
    so the scale they arrive on must know them (Runnymede's grey on a 1-5 comparison)."""
    extra = []
    for other in others:
        extra += [s for s in other.states if s.id not in scale.state_ids and s not in extra]
    return evolve(scale, states=(*scale.states, *extra)) if extra else scale


_Spans = dict[tuple[int, int, str, str, str | None], tuple[str, str | None, Translated]]


def rescale(assessment: Assessment, scale: Scale, *, policy: Policy = "nearest") -> Assessment:
    """The same assessment with every score translated to ``scale`` under ``policy``.

    States pass through; an ambiguous translation under ``range``/``distribution`` becomes
    a range score (``value`` to ``upper``); ``strict`` raises on the first ambiguity.
    """
    return _rescale(assessment, scale, policy=policy, seen={})


def _rescale(assessment: Assessment, scale: Scale, *, policy: Policy, seen: _Spans) -> Assessment:
    """:func:`rescale` with the translations already made (``seen``, shared by every
    assessment of a comparison): a scale has a handful of levels, an assessment dozens of
    items and a comparison hundreds of assessments, so each distinct score is translated
    once."""
    if assessment.scale == scale:
        return assessment
    if assessment.scale.levels == scale.levels and assessment.scale.id == scale.id:
        # the same scale, with states of other assessments added: nothing is translated
        merged = with_states(scale, [assessment.scale])
        return assessment.replace_scores(assessment.scores, scale=merged, scale_ref=merged.id)
    target = scale  # the caller's object: alive for as long as ``seen`` is, so ids are safe
    scale = with_states(scale, [assessment.scale])
    out = []
    for score in assessment.scores:
        translated, provenance = score.translated, score.provenance
        if score.value is None or assessment.scale.is_state(score.value):
            value, upper = score.value, None
        else:
            provenance = score.history  # a translation of a translation keeps the first
            key = (id(assessment.scale), id(target), policy, score.value, score.upper)
            found = seen.get(key)
            if found is None:
                try:
                    span = _span(score, assessment.scale, scale, policy)
                except AmbiguousTranslationError as exc:
                    raise AmbiguousTranslationError(
                        f"{assessment.id} {score.code}: {exc}"
                    ) from None
                label = assessment.scale.label_of(score.value)
                if score.is_range and score.upper is not None:  # a merge kept as a range
                    label += f"-{assessment.scale.label_of(score.upper)}"
                origin = Translated(scale=assessment.scale.id, label=label, policy=policy)
                found = seen[key] = (*span, origin)
            value, upper, translated = found
        # The label as written belongs to the old scale: drop it with the old value. (Built
        # directly: attrs.evolve costs more than the translation, item by item.)
        out.append(
            Score(
                item=score.item,
                value=value,
                code=score.code,
                label=None,
                note=score.note,
                evidence=score.evidence,
                action=score.action,
                listed=score.listed,
                upper=upper,
                inferred=score.inferred,
                provenance=provenance,
                translated=translated,
            )
        )
    return assessment.replace_scores(tuple(out), scale=scale, scale_ref=scale.id)


def missing_reason(scale: Scale, score: Score, gap: str | None = None) -> str | None:
    """What happened to a score that has no level, in words ("not in
    best-value/draft-2023-07: unmapped", "excluded by the council", "score not published"),
    or None for a level. ``gap`` says why the item has no counterpart in the assessed
    version, where it has none."""
    if gap is not None:
        return gap
    if score.value is None:
        return "score not published"
    if not scale.is_state(score.value):
        return None
    if score.value == "excluded":
        return "excluded by the council"
    if score.value == "not-assessed":
        return "not assessed by the council"
    state = scale.state(score.value)
    meaning = f" ({state.meaning})" if state.meaning else ""
    return f"{state.label} is a state, not a level{meaning}"


def range_reason(scale: Scale, score: Score) -> str:
    """A score as the levels it may be: ``4``, or ``Fair is 3 or 4 on numeric-1-5`` for a
    translation that could be several levels (``3 to 5`` for a merge kept as a range)."""
    assert score.value is not None
    low = scale.label_of(score.value)
    if score.upper in (None, score.value):
        return low
    assert score.upper is not None
    high = scale.label_of(score.upper)
    between = "or" if scale.rank(score.upper) - scale.rank(score.value) == 1 else "to"
    t = score.translated
    if t is None:
        return f"{low} {between} {high}"
    return f"{t.label} is {low} {between} {high} on {scale.id}"


def _why_not(
    scale: Scale, before: Score, after: Score, gaps: tuple[str | None, str | None] = (None, None)
) -> str:
    """Why two scores cannot be ordered: what happened to one that has no level, or the
    levels each may be when they overlap."""
    for score, gap in zip((before, after), gaps, strict=True):
        missing = missing_reason(scale, score, gap)
        if missing is not None:
            return f"not comparable: {missing}"
    return f"not comparable: {range_reason(scale, before)}, against {range_reason(scale, after)}"


def _change(scale: Scale, before: Score, after: Score, *, year_on_year: bool) -> Change:
    if score_kind(scale, before) not in ("level", "range") or score_kind(scale, after) not in (
        "level",
        "range",
    ):
        return "not comparable"
    assert before.value is not None
    assert after.value is not None
    b_low, a_low = scale.rank(before.value), scale.rank(after.value)
    b_high = scale.rank(before.upper or before.value)
    a_high = scale.rank(after.upper or after.value)
    if a_low > b_high:
        return "improved" if year_on_year else "higher"
    if a_high < b_low:
        return "declined" if year_on_year else "lower"
    if (b_low, b_high) == (a_low, a_high) and b_low == b_high:
        return "same"
    return "not comparable"


def compare(
    *assessments: Assessment,
    scale: Scale,
    version: Catalogue | None = None,
    policy: ComparePolicy = "nearest",
    merge_policy: MergePolicy = "worst",
    mappings: Sequence[Mapping] = (),
) -> Comparison:
    """Bring assessments to one ``scale`` and ``version`` (default: the first one's, as
    given).

    Each assessment is migrated through the ``mappings`` given (the shortest chain of them,
    composed where needed) and translated under ``policy``; this function reads nothing,
    so a version the mappings do not reach is an error (``bvframework.compare`` adds the
    bundled mappings). The ledger has exactly one
    line per input item of each assessment. With two assessments each row says whether the
    second is ``improved``, ``declined``, ``same`` or ``not comparable`` against the first
    (for the same council they are ordered by date: year on year; between councils
    ``higher``/``lower``). Changes are judged on
    all the levels each translated score may be, so a Fair (3 or 4 on 1-5) against a 3 is
    ``not comparable`` whatever ``policy`` shows.
    """
    if len(assessments) < 2:
        raise CompositionError("compare needs two or more assessments")
    check_choice(policy, COMPARE_POLICIES, what="policy", plural="policies")
    target = version or assessments[0].catalogue
    same_council = len({a.council for a in assessments}) == 1
    if same_council and all(a.date for a in assessments):
        assessments = tuple(sorted(assessments, key=lambda a: a.date or ""))
    carried: list[Assessment] = []
    used: list[Mapping] = []
    migration_ledgers: list[tuple[LedgerEntry, ...] | None] = []
    gaps: list[dict[str, str]] = []  # per assessment: item -> why it has no counterpart
    for assessment in assessments:
        if assessment.catalogue.key == target.key:
            carried.append(assessment)
            migration_ledgers.append(None)
            gaps.append({})
            continue
        mapping = carry(assessment.catalogue.key, target.key, mappings)
        used.append(mapping)
        placed = mapping.with_catalogues(assessment.catalogue, target)
        gaps.append(version_gaps(placed, assessment.catalogue.key, target.key))
        migration = migrate(assessment, placed, merge_policy=merge_policy)
        carried.append(migration.assessment)
        migration_ledgers.append(migration.ledger)
    scale = with_states(scale, [a.scale for a in carried])
    seen: _Spans = {}
    rescaled = tuple(_rescale(a, scale, policy=policy, seen=seen) for a in carried)
    by_item = [{s.item: s for s in a.scores} for a in rescaled]
    # Changes are judged on every level each score may correspond to, whatever the display
    # policy: picking one candidate must never make a change appear (or disappear).
    spans = [
        {s.item: s for s in _rescale(a, scale, policy="range", seen=seen).scores} for a in carried
    ]
    rows = []
    for item in target.items:
        scores = tuple(m[item.id] for m in by_item)
        change = (
            _change(scale, spans[0][item.id], spans[1][item.id], year_on_year=same_council)
            if len(scores) == 2
            else None
        )
        reason = (
            _why_not(
                scale,
                spans[0][item.id],
                spans[1][item.id],
                (gaps[0].get(item.id), gaps[1].get(item.id)),
            )
            if change == "not comparable"
            else ""
        )
        rows.append(
            ComparisonRow(
                item=item.id, theme=item.theme, scores=scores, change=change, reason=reason
            )
        )
    levelled = [{i for i, s in m.items() if score_kind(scale, s) == "level"} for m in by_item]
    ledger: list[LedgerLine] = []
    for n, (original, migrated) in enumerate(zip(assessments, migration_ledgers, strict=True)):
        others = [levels for k, levels in enumerate(levelled) if k != n]
        entries = {e.item: e for e in migrated} if migrated is not None else {}
        for score in original.scores:
            entry = entries.get(score.item)
            targets = entry.targets if entry is not None else (score.item,)
            ledger.append(
                _ledger_line(
                    original=original,
                    score=score,
                    entry=entry,
                    targets=targets,
                    mine=by_item[n],
                    others=others,
                    scale=scale,
                    target=target.key,
                )
            )
    return Comparison(
        scale=scale,
        catalogue=target,
        policy=policy,
        ids=tuple(a.id for a in assessments),
        assessments=rescaled,
        rows=tuple(rows),
        ledger=tuple(ledger),
        year_on_year=same_council,
        mappings=tuple(m.key for m in used),
    )


def version_gaps(mapping: Mapping, source: str, target: str) -> dict[str, str]:
    """Items of the ``target`` version with no counterpart in ``source``, and why: added
    in the target, or linked to nothing (unmapped)."""
    out = {}
    for item, origin in mapping.origins().items():
        if origin == "unmapped":
            out[item] = f"not in {source}: unmapped"
        elif origin == "added":
            out[item] = f"not in {source}: added in {target}"
    return out


def carry(source: str, target: str, mappings: Sequence[Mapping]) -> Mapping:
    """The mapping ``source`` -> ``target`` (catalogue keys) from the shortest chain of
    ``mappings``, composed.

    :raises UnknownReferenceError: no chain of them leads there.
    """
    from .._mappings.compose import compose
    from .._mappings.route import mapping_steps, shortest_route

    for mapping in mappings:  # one given straight there (what the API hands over)
        if mapping.source_key == source and mapping.target_key == target:
            return mapping
    route = shortest_route(source, target, mapping_steps(mappings))
    if not route:
        raise UnknownReferenceError(
            f"no mapping given leads from {source} to {target}; pass mappings=[...]"
        )
    return route[0] if len(route) == 1 else compose(*route)


def _ledger_line(
    *,
    original: Assessment,
    score: Score,
    entry: LedgerEntry | None,
    targets: tuple[str, ...],
    mine: dict[str, Score],
    others: Sequence[set[str]],
    scale: Scale,
    target: str,
) -> LedgerLine:
    def line(outcome: LedgerOutcome, detail: str = "") -> LedgerLine:
        return LedgerLine(
            assessment=original.id, item=score.item, code=score.code, outcome=outcome, detail=detail
        )

    if entry is not None and not entry.carried_over:
        return line("not carried over", f"{entry.outcome} in {original.catalogue.key} -> {target}")
    if score.value is None:
        return line("unknown", "score not published")
    if original.scale.is_state(score.value):
        if score.value == "not-assessed":
            return line("not assessed")
        return line("excluded", f"state {score.value}")
    carried = [mine[t] for t in targets]
    if any(score_kind(scale, s) == "range" for s in carried):
        return line("ambiguous", "could be several levels after translation")
    if any(all(t in levels for levels in others) for t in targets):
        via = "" if entry is None or entry.outcome == "carried" else f"{entry.outcome}; "
        return line("compared", via + "as " + ", ".join(targets))
    return line("only in one", "no level for it in the other assessment(s)")
