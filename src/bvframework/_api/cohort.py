"""Cohorts: assessments named by a manifest or by files, their common version and scale
chosen whatever order they come in, and benchmarked.

Every command that takes several assessments (compare, report, heatmap, benchmark) reads
them through :func:`load_many`, so a manifest can stand in for the files anywhere.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._core.errors import DataError, Problem, UsageError
from .load import Ref, routes_to, store_for, table_options

if TYPE_CHECKING:
    from .._assessments.model import Assessment
    from .._assessments.peers import Benchmark
    from .._catalogues.model import Catalogue
    from .._core.vocab import MergePolicy
    from .._mappings.model import Mapping
    from .._scales.model import Scale
    from .._store.manifest import Manifest, ManifestEntry
    from .._store.options import TableOptions
    from .._store.store import Store

__all__ = [
    "benchmark",
    "check_used",
    "common_defaults",
    "is_manifest",
    "known_catalogues",
    "load_cohort",
    "load_many",
    "render_benchmark",
    "version_of",
]

_TABLE_ONLY = ("catalogue", "numbering", "scale", "sheet")


def _manifest(ref: Ref, store: Store) -> Manifest | None:
    """The manifest ``ref`` names, read through the Store (once, and recorded as an
    input); None when ``ref`` is an assessment or cannot be read as a file (reading it as
    an assessment then says why)."""
    name = os.fspath(ref)
    if name == "-" or not os.path.isfile(name):
        return None  # a bundled reference or standard input: an assessment
    from .._core.errors import UnknownReferenceError
    from .._store.manifest import is_manifest_bytes, manifest_from_bytes

    try:
        source = store.locate("assessment", ref)
    except (UnknownReferenceError, DataError):
        return None
    if source.path is None or source.bundled is not None:
        return None
    data = store.read_bytes(source)
    if not is_manifest_bytes(data, source=name, limits=store.limits):
        return None
    return manifest_from_bytes(data, source=name, limits=store.limits)


def is_manifest(ref: Ref, *, store: Store | None = None) -> bool:
    """Whether ``ref`` names a cohort manifest (a table with a ``file`` column and no
    score, or YAML with an ``assessments`` list) rather than an assessment."""
    return _manifest(ref, store_for(store)) is not None


def _with_row(base: TableOptions | None, row: TableOptions) -> TableOptions:
    """The command's options for table files, with the manifest row's own values over
    them."""
    from attrs import evolve

    from .._store.options import TableOptions

    return evolve(base or TableOptions(), **{name: getattr(row, name) for name in row.given()})


def _entry(s: Store, entry: ManifestEntry, options: TableOptions | None) -> Assessment:
    if entry.is_table:
        return s.assessment(entry.file, _with_row(options, entry.options))
    wrong = [name for name in _TABLE_ONLY if getattr(entry.options, name) is not None]
    if wrong:
        raise DataError(
            [
                Problem(
                    message=f"{entry.file}: {', '.join(wrong)} "
                    f"appl{'y' if len(wrong) > 1 else 'ies'} to table files (CSV, TSV, XLSX); "
                    "a YAML assessment names its own",
                    source=None,
                    line=entry.line,
                )
            ]
        )
    assessment = s.assessment(entry.file)
    changes = {
        name: getattr(entry.options, name)
        for name in ("council", "date", "id")
        if getattr(entry.options, name) is not None
    }
    if not changes:
        return assessment
    from attrs import evolve

    return evolve(assessment, **changes)


def load_many(
    refs: Sequence[Ref], *, options: TableOptions | None = None, store: Store | None = None
) -> list[Assessment]:
    """Assessments by reference, a manifest standing for the assessments it lists (table
    files read with ``options``, a manifest row's own values winning). Every problem of
    every file is reported at once."""
    s = store_for(store)
    out: list[Assessment] = []
    problems: list[Problem] = []
    for ref in refs:
        manifest = _manifest(ref, s)
        if manifest is None:
            out.append(s.assessment(ref, options))
            continue
        for entry in manifest.entries:
            try:
                out.append(_entry(s, entry, options))
            except DataError as exc:
                problems += [
                    p if p.source is not None else _located(p, manifest.source)
                    for p in exc.problems
                ]
    if problems:
        raise DataError(problems)
    return out


def _located(problem: Problem, source: str) -> Problem:
    from attrs import evolve

    return evolve(problem, source=source)


def load_cohort(
    refs: Ref | Sequence[Ref], *, store: Store | None = None, **options: Any
) -> list[Assessment]:
    """The assessments a manifest lists (or several manifests, or files; see
    :mod:`bvframework` docs/assessments.md for the manifest's columns). ``options``
    (``catalogue=``, ``numbering=``, ``scale=``, ``council=``, ``date=``, ``sheet=``)
    apply to every table file; a manifest row's own values win over them. A table file
    with no council anywhere is named after its file's stem.

    :raises DataError: every problem of the manifest and of the files it lists.
    """
    s = store_for(store)
    listed = [refs] if isinstance(refs, str | os.PathLike) else list(refs)
    return load_many(listed, options=table_options(options, store=s), store=s)


def version_of(
    version: str, first: Assessment, known: Sequence[Catalogue], *, store: Store | None = None
) -> Catalogue:
    """The catalogue ``version`` names: a file; ``framework/version``; or a version of
    ``first``'s framework. One already loaded (in ``known``) is used as it is."""
    if version.lower().endswith((".yaml", ".yml", ".json")):
        return store_for(store).catalogue(version)
    ref = version if "/" in version else f"{first.catalogue.framework}/{version}"
    for catalogue in known:
        if catalogue.key == ref:
            return catalogue
    return store_for(store).catalogue(ref)


def check_used(
    given: Sequence[Mapping], refs: Sequence[str], involved: Sequence[str], *, store: Store
) -> None:
    """Every mapping given must have been on the way from one version involved to another;
    one that was not is an error, not silence.

    :raises UsageError: a mapping given was on no route.
    """
    used = {id(m) for m in store.used_mappings}
    for mapping, ref in zip(given, refs, strict=True):
        if id(mapping) not in used:
            raise UsageError(
                f"{store.spell('mapping')} {ref}: {mapping.source_key} -> {mapping.target_key} "
                "is on no way between the versions involved "
                f"({', '.join(dict.fromkeys(involved))})"
            )


def known_catalogues(
    assessments: Sequence[Assessment], mappings: Sequence[Mapping]
) -> list[Catalogue]:
    """The catalogues already loaded: the assessments', and the mappings' two sides."""
    out = [a.catalogue for a in assessments]
    out += [c for m in mappings for c in (m.source_catalogue, m.target_catalogue) if c]
    return out


def common_defaults(
    assessments: Sequence[Assessment],
    *,
    scale: Scale | None,
    version: Catalogue | None,
    mappings: Sequence[Mapping] = (),
    store: Store | None = None,
) -> tuple[Scale, Catalogue, list[Mapping], list[str]]:
    """The common scale and version (each as given, else chosen whatever the order of
    ``assessments``: the scale all share or else the one with the most levels, ties by
    ID; the latest version every assessment routes to through the ``mappings`` given and
    the bundled ones), the mappings that carry each assessment there, and what was chosen
    and why, in words.

    :raises CompositionError: no version every assessment routes to.
    """
    from .._assessments.common import choose_scale, common_versions, latest_version
    from .._core.errors import UnknownReferenceError

    s = store_for(store)
    chosen: list[str] = []
    if version is None:
        steps: list[tuple[str, str, object]] = [(m.source_key, m.target_key, m) for m in mappings]
        steps += [(h.source_key, h.target_key, h) for h in s.bundled_headers()]
        starts = [a.catalogue.key for a in assessments]
        known = {c.key: c for c in known_catalogues(assessments, mappings)}
        candidates = []
        for key in common_versions(starts, steps):
            if key in known:
                candidates.append(known[key])
                continue
            try:
                candidates.append(s.catalogue(key))
            except UnknownReferenceError:
                continue  # a version named by a mapping whose catalogue we cannot read
        version, why = latest_version(candidates, starts)
        chosen.append(why)
    if scale is None:
        scale, why = choose_scale([a.scale for a in assessments])
        chosen.append(why)
    routes = routes_to(version, [a.catalogue for a in assessments], mappings=mappings, store=s)
    return scale, version, routes, chosen


def benchmark(
    assessments: Ref | Sequence[Assessment | Ref],
    *,
    scale: Scale | Ref | None = None,
    version: Catalogue | str | None = None,
    at_or_above: str | None = None,
    council: str | None = None,
    mappings: Sequence[Mapping | Ref] = (),
    merge_policy: MergePolicy = "range",
    store: Store | None = None,
    **options: Any,
) -> Benchmark:
    """Where each council of a cohort stands among its peers, theme by theme, without
    inventing precision: :func:`~bvframework._assessments.benchmark.benchmark` of the
    assessments given (objects, files, bundled references, or a manifest listing them).

    ``scale`` (a :class:`Scale` or its ID or file) and ``version`` (a :class:`Catalogue`,
    ``framework/version``, a version of the first assessment's framework, or a file)
    default to the scale every assessment shares, else the one with the most levels
    (ties by ID), and the latest version every assessment routes to through ``mappings``
    and the bundled ones; ``at_or_above`` (a level of the common scale) to its
    second-highest level; :attr:`Benchmark.chosen` says what was chosen and why.
    ``council`` names the council whose profile is drawn. ``options`` are the table
    options of :func:`load_cohort`.

    >>> import bvframework as bv
    >>> b = bv.benchmark(["best-value/blaby-2025", "best-value/runnymede-2024"])
    >>> b.version, b.scale.id, b.threshold
    ('best-value/statutory-2024-05', 'numeric-1-5', '4')
    >>> blaby = b.council("Blaby District Council").theme("CI")
    >>> blaby.assessed, blaby.at_or_above_low, blaby.rank_best, blaby.rank_worst
    (9, 8, 1, 1)

    :raises CompositionError: no assessment, no common version, or a council's latest
        assessment cannot be told.
    :raises DataError: every problem of the files read.
    """
    from attrs import evolve

    from .._assessments.benchmark import benchmark as pure_benchmark
    from .._assessments.model import Assessment
    from .._catalogues.model import Catalogue
    from .._scales.model import Scale

    s = store_for(store)
    given = [assessments] if isinstance(assessments, str | os.PathLike) else list(assessments)
    refs = [a for a in given if not isinstance(a, Assessment)]
    read = load_many(refs, options=table_options(options, store=s), store=s) if refs else []
    loaded = [a for a in given if isinstance(a, Assessment)] + read
    built = [m if not isinstance(m, str | os.PathLike) else s.mapping(m) for m in mappings]
    common_scale = scale if isinstance(scale, Scale) or scale is None else s.scale(scale)
    target = version
    if isinstance(version, str) and loaded:
        target = version_of(version, loaded[0], known_catalogues(loaded, built), store=s)
    assert target is None or isinstance(target, Catalogue)
    if not loaded:
        from .._core.errors import CompositionError

        raise CompositionError("a benchmark needs at least one assessment")
    common_scale, target, routes, chosen = common_defaults(
        loaded, scale=common_scale, version=target, mappings=built, store=s
    )
    refs_given = [os.fspath(m) for m in mappings if isinstance(m, str | os.PathLike)]
    if refs_given:
        check_used(
            [m for m, g in zip(built, mappings, strict=True) if isinstance(g, str | os.PathLike)],
            refs_given,
            [a.catalogue.key for a in loaded] + [target.key],
            store=s,
        )
    result = pure_benchmark(
        loaded,
        scale=common_scale,
        version=target,
        threshold=at_or_above,
        mappings=routes,
        merge_policy=merge_policy,
        council=council,
    )
    return evolve(result, chosen=(*chosen, *result.chosen))


def render_benchmark(
    bench: Benchmark,
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    council: str | None = None,
    store: Store | None = None,
) -> None:
    """Write a benchmark to ``path`` (atomically); the format follows the suffix:
    ``.html`` (the page), ``.xlsx`` (the workbook), ``.csv`` (the long table), ``.json``,
    or ``.svg``/``.png`` (the profile of ``council``, default the benchmark's focus).

    :raises UsageError: another suffix, or a profile with no council named.
    """
    from .._render.outputs import benchmark_bytes, suffix_of
    from .output import write

    write(
        os.fspath(path),
        benchmark_bytes(bench, suffix_of(path), title=title, council=council),
        store=store,
    )
