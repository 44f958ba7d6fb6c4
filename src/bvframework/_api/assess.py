"""Assessments by reference: carried across versions, translated, compared, drawn and
migrated. The orchestration every command and API call shares."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._core.errors import UsageError
from .cohort import check_used, version_of
from .cohort import known_catalogues as _known
from .load import Ref, find_mapping, store_for
from .output import write

if TYPE_CHECKING:
    from .._assessments.compare import Comparison
    from .._assessments.migrate import Migration
    from .._assessments.model import Assessment
    from .._catalogues.model import Catalogue
    from .._core.vocab import ComparePolicy, MergePolicy
    from .._mappings.model import Mapping
    from .._render.heatmap import HeatMap
    from .._scales.model import Scale
    from .._store.options import TableOptions
    from .._store.store import Store

__all__ = [
    "compare",
    "compare_refs",
    "heatmap",
    "migrate_ref",
    "render_heatmap",
]


def compare(
    *assessments: Assessment,
    scale: Scale | None = None,
    version: Catalogue | None = None,
    policy: ComparePolicy = "nearest",
    merge_policy: MergePolicy = "worst",
    mappings: Sequence[Mapping] = (),
    store: Store | None = None,
) -> Comparison:
    """Bring assessments to one ``scale`` and ``version``: :func:`compare` of the pure
    layer, each assessment carried through the shortest chain of the ``mappings`` given
    (preferred) and the bundled ones (read through ``store``; only the mappings on the way
    are built). Defaults do not depend on the order of ``assessments``: the scale they all
    share, else the one with the most levels (ties by ID); the latest version every one
    routes to. :attr:`Comparison.chosen` says what was chosen.

    :raises CompositionError: fewer than two assessments, or no common version.
    """
    from attrs import evolve

    from .._assessments.compare import compare as pure_compare
    from .._core.errors import CompositionError
    from .cohort import common_defaults

    if len(assessments) < 2:
        raise CompositionError("compare needs two or more assessments")
    scale, target, routes, chosen = common_defaults(
        assessments, scale=scale, version=version, mappings=mappings, store=store
    )
    result = pure_compare(
        *assessments,
        scale=scale,
        version=target,
        policy=policy,
        merge_policy=merge_policy,
        mappings=routes,
    )
    return evolve(result, chosen=tuple(chosen))


def compare_refs(
    refs: Sequence[Ref],
    *,
    on: Ref | None = None,
    version: str | None = None,
    policy: ComparePolicy = "nearest",
    merge_policy: MergePolicy = "worst",
    mappings: Sequence[Ref] = (),
    options: TableOptions | None = None,
    anchor: int | None = None,
    store: Store | None = None,
) -> Comparison:
    """Load, route and compare assessments named by reference (a manifest standing for
    the assessments it lists). The common scale and version default to those of the
    assessment at ``anchor`` when given (a change map is drawn on its file's), else to
    defaults that do not depend on the order (:func:`common_defaults`: said in
    :attr:`Comparison.chosen`); every mapping given must be on a route."""
    from .cohort import load_many

    s = store_for(store)
    assessments = load_many(refs, options=options, store=s)
    if len(assessments) < 2:
        raise UsageError(
            f"compare needs two or more assessments; {len(assessments)} given"
            + (" (the manifest lists one)" if len(refs) == 1 else "")
        )
    given = [s.mapping(ref) for ref in mappings]
    scale = s.scale(on) if on else None
    target = (
        version_of(version, assessments[anchor or 0], _known(assessments, given), store=s)
        if version
        else None
    )
    if anchor is not None:
        scale = scale or assessments[anchor].scale
        target = target or assessments[anchor].catalogue
    result = compare(
        *assessments,
        scale=scale,
        version=target,
        policy=policy,
        merge_policy=merge_policy,
        mappings=given,
        store=s,
    )
    check_used(
        given,
        [os.fspath(m) for m in mappings],
        [a.catalogue.key for a in assessments] + [result.catalogue.key],
        store=s,
    )
    return result


def migrate_ref(
    ref: Ref,
    version: str,
    *,
    merge_policy: MergePolicy = "worst",
    mappings: Sequence[Ref] = (),
    options: TableOptions | None = None,
    store: Store | None = None,
) -> Migration:
    """The assessment ``ref`` carried to ``version`` (``framework/version``, a version of
    its framework, or a catalogue file), with a ledger of every item."""
    from .._assessments.migrate import migrate

    s = store_for(store)
    a = s.assessment(ref, options)
    given = [s.mapping(m) for m in mappings]
    target = version_of(version, a, _known([a], given), store=s)
    mapping = find_mapping(a.catalogue.key, target.key, mappings=given, store=s)
    check_used(given, [os.fspath(m) for m in mappings], [a.catalogue.key, target.key], store=s)
    return migrate(a, mapping.with_catalogues(a.catalogue, target), merge_policy=merge_policy)


def heatmap(
    assessment: Assessment,
    *,
    against: Assessment | None = None,
    scale: Scale | None = None,
    policy: ComparePolicy = "nearest",
    mappings: Sequence[Mapping] = (),
    title: str | None = None,
    store: Store | None = None,
) -> HeatMap:
    """A heat map of ``assessment``; with ``against``, a change map of ``assessment``
    compared with it on ``scale`` (default: the scale of ``assessment``). ``title``
    replaces the default (the council and the assessment, or the change counts)."""
    from attrs import evolve

    from .._render.heatmap import build, build_change

    if against is None:
        drawn = build(assessment)
        return drawn if title is None else evolve(drawn, title=title)
    comparison = compare(
        against,
        assessment,
        scale=scale or assessment.scale,
        version=assessment.catalogue,
        policy=policy,
        mappings=mappings,
        store=store,
    )
    drawn = build_change(comparison)
    return drawn if title is None else evolve(drawn, title=title)


def render_heatmap(assessment: Assessment, path: str | os.PathLike[str], **options: Any) -> None:
    """Write a heat map to ``path`` (atomically); the format follows the suffix (``.html``,
    ``.svg``, ``.png``, or ``.xlsx``: the workbook with the grid and a sheet of items);
    options as :func:`heatmap`."""
    from .._render.outputs import HEATMAP_SUFFIXES, heatmap_bytes, suffix_of

    suffix = suffix_of(path)
    if suffix not in HEATMAP_SUFFIXES:
        raise UsageError(f"{os.fspath(path)}: a heat map is written as .html, .svg, .png or .xlsx")
    write(path, heatmap_bytes(heatmap(assessment, **options), assessment, suffix))
