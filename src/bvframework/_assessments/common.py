"""Defaults that never depend on the order assessments are given in: the common version,
the common scale, and each council's assessments in date order (pure)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .._catalogues.model import Catalogue
from .._core.errors import CompositionError
from .._mappings.model import Mapping
from .._scales.model import Scale
from .model import Assessment

__all__ = ["choose_scale", "choose_version", "cohort", "common_versions", "latest_version"]


def common_versions(starts: Sequence[str], steps: Sequence[tuple[str, str, object]]) -> list[str]:
    """The versions (``framework/version``) every one of ``starts`` routes to through
    ``steps`` (``(from, to, step)``, as :func:`shortest_route` takes them), sorted; a
    version reaches itself."""
    from .._mappings.route import shortest_route

    keys = sorted({*starts, *(end for _, end, _ in steps)})
    return [key for key in keys if all(shortest_route(s, key, steps) is not None for s in starts)]


def latest_version(candidates: Sequence[Catalogue], starts: Sequence[str]) -> tuple[Catalogue, str]:
    """The latest of ``candidates`` (by publication date, then key) and a sentence saying
    why it was chosen.

    :raises CompositionError: there is no candidate.
    """
    froms = sorted(set(starts))
    if not candidates:
        raise CompositionError(
            f"no version is reachable from every assessment ({', '.join(froms)}): "
            "give a mapping that joins them, or compare fewer"
        )
    best = max(candidates, key=lambda c: (c.published or "", c.key))
    if len(froms) == 1 and froms[0] == best.key:
        return best, f"version {best.key}: every assessment is on it"
    return best, (
        f"version {best.key}: the latest version every assessment routes to "
        f"(from {', '.join(froms)})"
    )


def choose_version(
    catalogues: Sequence[Catalogue], mappings: Sequence[Mapping]
) -> tuple[Catalogue, str]:
    """The latest version (by publication date, then key) that every one of ``catalogues``
    routes to through ``mappings``, and a sentence saying so.

    :raises CompositionError: no version is reachable from every input.
    """
    from .._mappings.route import mapping_steps

    known: dict[str, Catalogue] = {}
    for catalogue in catalogues:
        known.setdefault(catalogue.key, catalogue)
    for mapping in mappings:
        for side in (mapping.source_catalogue, mapping.target_catalogue):
            if side is not None:
                known.setdefault(side.key, side)
    starts = [c.key for c in catalogues]
    keys = common_versions(starts, mapping_steps(mappings))
    return latest_version([known[k] for k in keys if k in known], starts)


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
