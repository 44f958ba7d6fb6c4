"""Closed vocabularies, as ``Literal`` types with the tuple of their values.

Each tuple is derived from its ``Literal`` so the two cannot drift apart; the CLI builds its
``choices=`` from these tuples and the models check values against them.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "CHANGES",
    "COMPARE_POLICIES",
    "DATA_KINDS",
    "IMPORTERS",
    "ITEMS_PUBLISHED",
    "KINDS",
    "LEDGER_OUTCOMES",
    "LOSSES",
    "MERGE_POLICIES",
    "MIGRATION_OUTCOMES",
    "ORIGINS",
    "POLICIES",
    "RELATIONSHIPS",
    "SOURCE_DISPOSITIONS",
    "SUMMARY_BASES",
    "Change",
    "ComparePolicy",
    "DataKind",
    "Importer",
    "ItemsPublished",
    "LedgerOutcome",
    "Loss",
    "MergePolicy",
    "MigrationOutcome",
    "Origin",
    "Policy",
    "RelationKind",
    "Relationship",
    "SourceDisposition",
    "SummaryBasis",
]

RelationKind = Literal["unchanged", "reworded", "merged", "split", "removed", "added"]
SourceDisposition = Literal["unchanged", "reworded", "merged", "split", "removed", "unmapped"]
Origin = Literal["unchanged", "reworded", "merged", "split", "added", "unmapped"]
Policy = Literal["strict", "range", "distribution", "conservative", "optimistic", "nearest"]
ComparePolicy = Literal["strict", "range", "conservative", "optimistic", "nearest"]
Loss = Literal["none", "coarser", "ambiguous", "chosen"]
MergePolicy = Literal["worst", "best", "median", "range"]
MigrationOutcome = Literal["carried", "merged", "split", "removed", "unmapped"]
LedgerOutcome = Literal[
    "compared",
    "only in one",
    "excluded",
    "not assessed",
    "unknown",
    "ambiguous",
    "not carried over",
]
# Year on year (one council) a change is improved/declined; between councils higher/lower.
Change = Literal["improved", "declined", "higher", "lower", "same", "not comparable"]
ItemsPublished = Literal["all", "some", "none"]
SummaryBasis = Literal["items", "published"]
DataKind = Literal["catalogue", "mapping", "scale", "assessment"]
Importer = Literal["govuk", "oscal", "asvs", "table"]
# What one link says of its two items as sets (crosswalk formats: OSCAL, SSSOM)
Relationship = Literal["equivalent", "subset-of", "superset-of", "intersects-with"]

KINDS: tuple[RelationKind, ...] = get_args(RelationKind)
SOURCE_DISPOSITIONS: tuple[SourceDisposition, ...] = get_args(SourceDisposition)
ORIGINS: tuple[Origin, ...] = get_args(Origin)
POLICIES: tuple[Policy, ...] = get_args(Policy)
COMPARE_POLICIES: tuple[ComparePolicy, ...] = get_args(ComparePolicy)
LOSSES: tuple[Loss, ...] = get_args(Loss)
MERGE_POLICIES: tuple[MergePolicy, ...] = get_args(MergePolicy)
MIGRATION_OUTCOMES: tuple[MigrationOutcome, ...] = get_args(MigrationOutcome)
LEDGER_OUTCOMES: tuple[LedgerOutcome, ...] = get_args(LedgerOutcome)
CHANGES: tuple[Change, ...] = get_args(Change)
ITEMS_PUBLISHED: tuple[ItemsPublished, ...] = get_args(ItemsPublished)
SUMMARY_BASES: tuple[SummaryBasis, ...] = get_args(SummaryBasis)
DATA_KINDS: tuple[DataKind, ...] = get_args(DataKind)
IMPORTERS: tuple[Importer, ...] = get_args(Importer)
RELATIONSHIPS: tuple[Relationship, ...] = get_args(Relationship)
