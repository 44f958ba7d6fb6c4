"""Carrying an assessment to another version of its framework through a mapping."""

from __future__ import annotations

import statistics

from attrs import evolve, frozen

from .._core.convert import Data
from .._core.errors import CompositionError
from .._core.suggest import check_choice
from .._core.vocab import (
    MERGE_POLICIES,
    MIGRATION_OUTCOMES,
    MergePolicy,
    MigrationOutcome,
    SourceDisposition,
)
from .._mappings.model import Mapping
from .model import Assessment, Score

__all__ = ["MERGE_POLICIES", "LedgerEntry", "Migration", "migrate"]


# What happened to each input item, by its disposition in the mapping.
OUTCOMES: dict[SourceDisposition, MigrationOutcome] = {
    "unchanged": "carried",
    "reworded": "carried",
    "merged": "merged",
    "split": "split",
    "removed": "removed",
    "unmapped": "unmapped",
}


@frozen(kw_only=True)
class LedgerEntry(Data):
    """One input item: its score, what happened to it, and the target items it reached."""

    __data__ = ("item", "code", "value", "outcome", "targets")

    item: str
    code: str
    value: str | None
    outcome: MigrationOutcome
    targets: tuple[str, ...] = ()

    @property
    def carried_over(self) -> bool:
        return self.outcome not in ("removed", "unmapped")


@frozen(kw_only=True)
class Migration:
    """The migrated assessment and a ledger with exactly one entry per input item."""

    assessment: Assessment
    ledger: tuple[LedgerEntry, ...]
    mapping: str
    merge_policy: MergePolicy
    source: Assessment
    """The assessment as it was before the migration."""

    def counts(self) -> dict[MigrationOutcome, int]:
        out = dict.fromkeys(MIGRATION_OUTCOMES, 0)
        for entry in self.ledger:
            out[entry.outcome] += 1
        return out


def _combine(
    sources: list[Score], assessment: Assessment, policy: str
) -> tuple[str | None, str | None]:
    """(value, upper) for a merged target from its sources' scores."""
    scale = assessment.scale
    ranks: list[int] = []
    for score in sources:
        if score.value is not None and not scale.is_state(score.value):
            ranks.append(scale.rank(score.value))
            if score.upper is not None:
                ranks.append(scale.rank(score.upper))
    if not ranks:
        values = {s.value for s in sources}
        if len(values) == 1:
            return values.pop(), None
        return (None if None in values else "not-assessed"), None
    ids = scale.level_ids
    if policy == "worst":
        return ids[min(ranks)], None
    if policy == "best":
        return ids[max(ranks)], None
    if policy == "median":
        return ids[statistics.median_low(ranks)], None
    low, high = ids[min(ranks)], ids[max(ranks)]
    return low, (high if high != low else None)


def migrate(
    assessment: Assessment, mapping: Mapping, *, merge_policy: MergePolicy = "worst"
) -> Migration:
    """Carry ``assessment`` to the target version of ``mapping``.

        Unchanged and reworded items carry their score over. A merged target combines its
        sources by ``merge_policy`` (``worst``, ``best``, ``median`` (the lower median) or
        ``range``) and says so in its ``provenance``; a split target inherits its source's score
        and is flagged ``inferred``; an added (or unmapped) target is not assessed. Every input
        item has one ledger entry; removed and unmapped ones are not carried over. A target item no
    mapping links to the assessed version has an unknown score (None), not "not assessed".

        >>> from bvframework import load_assessment, identity
        >>> blaby = load_assessment("best-value/blaby-2025")
        >>> same = migrate(blaby, identity(blaby.catalogue))
        >>> same.counts()["carried"], same.assessment.summary().levels["5"]
        (70, 24)
    """
    check_choice(merge_policy, MERGE_POLICIES, what="merge policy", plural="policies")
    here = assessment.catalogue
    if mapping.source_key != here.key:
        raise CompositionError(
            f"assessment {assessment.id!r} is on {here.key}; mapping {mapping.key} starts "
            f"from {mapping.source_key}"
        )
    target = mapping.target_catalogue
    if target is None:
        raise CompositionError(f"mapping {mapping.key} has no target catalogue to migrate onto")
    if mapping.source_catalogue is None:
        mapping = mapping.with_catalogues(here, target)
    by_item = {s.item: s for s in assessment.scores}
    backward: dict[str, list[str]] = {}
    forward: dict[str, list[str]] = {}
    for source, dest in mapping.links:
        backward.setdefault(dest, []).append(source)
        forward.setdefault(source, []).append(dest)
    origins = mapping.origins()
    scores = []
    for item in target.items:
        origin = origins[item.id]
        sources = [by_item[s] for s in backward.get(item.id, [])]
        if origin in ("unchanged", "reworded", "split"):
            (src,) = sources
            scores.append(
                evolve(
                    src,
                    item=item.id,
                    code=item.id,
                    listed=True,
                    inferred=src.inferred or origin == "split",
                    provenance=f"{origin} from {src.code}"
                    + (" (inferred: one of its parts)" if origin == "split" else ""),
                )
            )
        elif origin == "merged":
            value, upper = _combine(sources, assessment, merge_policy)
            parts = ", ".join(
                f"{s.code} ({'?' if s.value is None else assessment.scale.label_of(s.value)})"
                for s in sources
            )
            scores.append(
                Score(
                    item=item.id,
                    value=value,
                    upper=upper,
                    code=item.id,
                    provenance=f"merged from {parts} by {merge_policy}",
                )
            )
        elif origin == "added":
            scores.append(
                Score(
                    item=item.id,
                    value="not-assessed",
                    code=item.id,
                    listed=False,
                    provenance="added in this version",
                )
            )
        else:  # unmapped: the council may have scored its counterpart; nobody says which
            scores.append(
                Score(
                    item=item.id,
                    value=None,
                    code=item.id,
                    listed=False,
                    provenance="no mapping links it to the assessed version",
                )
            )
    dispositions = mapping.dispositions()
    ledger = tuple(
        LedgerEntry(
            item=s.item,
            code=s.code,
            value=s.value,
            outcome=OUTCOMES[dispositions[s.item]],
            targets=tuple(sorted(forward.get(s.item, ()))),
        )
        for s in assessment.scores
    )
    migrated = assessment.replace_scores(
        tuple(scores),
        id=f"{assessment.id}-on-{target.version}",
        catalogue=target,
        catalogue_ref=target.ref_for_files,
        numbering=None,
        notes=f"Migrated from {here.key} through {mapping.key} (merge policy: {merge_policy}).",
        published=(),
    )
    return Migration(
        assessment=migrated,
        ledger=ledger,
        mapping=mapping.key,
        merge_policy=merge_policy,
        source=assessment,
    )
