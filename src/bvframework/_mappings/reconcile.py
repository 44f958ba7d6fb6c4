"""Published comparisons set against the itemised relations.

A published figure ("41 unchanged, 2 removed, 13 added") is never a result: it is checked
against what the mapping itemises, and against the catalogue sizes it implies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from .._core.convert import Data

if TYPE_CHECKING:
    from .model import Mapping, PublishedComparison

__all__ = ["ReconciledCount", "Reconciliation", "reconcile"]

# Published counts of these kinds are counts of target items; all others of source items.
_TARGET_SIDE = frozenset({"added"})


@frozen(kw_only=True)
class ReconciledCount(Data):
    """One published count beside what the mapping itemises of that kind."""

    __data__ = ("kind", "published", "itemised", "not_itemised", "status", "candidates", "why")

    kind: str
    published: int
    itemised: int
    candidates: tuple[str, ...] = ()
    """Items that may explain a difference (suggested relations only), most likely first."""
    why: str = ""

    @property
    def not_itemised(self) -> int:
        return max(self.published - self.itemised, 0)

    @property
    def status(self) -> str:
        if self.itemised == self.published:
            return "itemised"
        if self.itemised > self.published:
            return "contradicted"
        return "partly itemised" if self.itemised else "not itemised"


@frozen(kw_only=True)
class Reconciliation(Data):
    """A published comparison, count by count, and what its totals imply."""

    __data__ = ("source", "quote", "note", "counts", "fully_itemised", "checks")

    source: str
    quote: str | None
    note: str | None
    counts: tuple[ReconciledCount, ...]
    checks: tuple[str, ...]

    @property
    def fully_itemised(self) -> bool:
        return all(c.status == "itemised" for c in self.counts)

    @property
    def contradicted(self) -> bool:
        return any(c.status == "contradicted" for c in self.counts)


def _size_checks(mapping: Mapping, counts: dict[str, int]) -> list[str]:
    """What the published counts imply about catalogue sizes, against what is known."""
    checks: list[str] = []
    if {"merged", "split"} & counts.keys():
        return checks  # n:m kinds make item totals ambiguous: say nothing rather than guess
    for side, kinds, catalogue in (
        ("source", ("unchanged", "reworded", "removed"), mapping.source_catalogue),
        ("target", ("unchanged", "reworded", "added"), mapping.target_catalogue),
    ):
        present = [k for k in kinds if k in counts]
        if not present:
            continue
        implied = sum(counts[k] for k in present)
        terms = " + ".join(f"{k} {counts[k]}" for k in present)
        if catalogue is None or catalogue.expected_items is None:
            checks.append(
                f"{side}: the published counts account for {implied} items ({terms}); "
                f"the {side} catalogue's size is not known"
            )
            continue
        expected = catalogue.expected_items
        if implied == expected:
            checks.append(
                f"{side}: the published counts account for all {expected} items ({terms})"
            )
        else:
            gap = expected - implied
            checks.append(
                f"{side}: the published counts account for {implied} items ({terms}) but "
                f"{catalogue.key} has {expected}: "
                + (
                    f"{gap} are not accounted for by the published comparison"
                    if gap > 0
                    else f"{-gap} more than the catalogue has"
                )
            )
    return checks


_MAX_CANDIDATES = 12


def _confidence(mapping: Mapping) -> tuple[dict[str, float], dict[str, float]]:
    """Each source and target item's confidence (the lowest of its suggested relations);
    items only in relations without a confidence (curated, published) are certain: absent."""
    sources: dict[str, float] = {}
    targets: dict[str, float] = {}
    for relation in mapping.relations:
        if relation.confidence is None:
            continue
        for item in relation.sources:
            sources[item] = min(sources.get(item, 1.0), relation.confidence)
        for item in relation.targets:
            targets[item] = min(targets.get(item, 1.0), relation.confidence)
    return sources, targets


def _candidates(
    mapping: Mapping, kind: str, published: int, itemised: int
) -> tuple[tuple[str, ...], str]:
    """Which suggested items may explain why ``itemised`` differs from ``published``."""
    if itemised == published:
        return (), ""
    src_conf, tgt_conf = _confidence(mapping)
    if not src_conf and not tgt_conf:
        return (), ""
    target_side = kind in _TARGET_SIDE
    kinds = mapping.origins() if target_side else mapping.dispositions()
    confidence = tgt_conf if target_side else src_conf
    gap = abs(itemised - published)
    if itemised > published:
        pool = [i for i, k in kinds.items() if k == kind and i in confidence]
        pool.sort(key=lambda i: confidence[i])  # the least sure first
        why = f"{gap} more {kind} than published: the least certain {kind} items"
    else:
        near = {"unchanged": "reworded", "removed": "reworded", "added": "reworded"}.get(kind)
        pool = [i for i, k in kinds.items() if k == near and i in confidence]
        if kind == "unchanged":  # a small rewording may have been counted as unchanged
            pool.sort(key=lambda i: -confidence[i])
            why = f"{gap} fewer unchanged than published: the reworded items closest to unchanged"
        else:  # a removal and an addition may have been aligned as a rewording
            pool.sort(key=lambda i: confidence[i])
            why = f"{gap} fewer {kind} than published: the least certain reworded items"
    return tuple(pool[: min(max(gap, 3), _MAX_CANDIDATES)]), why


def _reconcile_one(mapping: Mapping, published: PublishedComparison) -> Reconciliation:
    summary = mapping.summary()
    counts = dict(published.counts)
    rows = []
    for kind, value in published.counts:
        itemised = (summary.targets if kind in _TARGET_SIDE else summary.sources)[kind]
        candidates, why = _candidates(mapping, kind, value, itemised)
        rows.append(
            ReconciledCount(
                kind=kind, published=value, itemised=itemised, candidates=candidates, why=why
            )
        )
    return Reconciliation(
        source=published.source,
        quote=published.quote,
        note=published.note,
        counts=tuple(rows),
        checks=tuple(_size_checks(mapping, counts)),
    )


def reconcile(mapping: Mapping) -> tuple[Reconciliation, ...]:
    """Each published comparison of ``mapping`` against its itemised relations.

    Counts of ``added`` are compared with target items by origin; every other kind with
    source items by disposition.
    """
    return tuple(_reconcile_one(mapping, p) for p in mapping.published)
