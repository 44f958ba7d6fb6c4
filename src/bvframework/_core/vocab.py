"""Closed vocabularies, as ``Literal`` types with the tuple of their values.

Each tuple is derived from its ``Literal`` so the two cannot drift apart; the CLI builds its
``choices=`` from these tuples and the models check values against them.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "CHANGES",
    "CISO_WORDS",
    "COMPARE_POLICIES",
    "DATA_KINDS",
    "ITEMS_PUBLISHED",
    "KINDS",
    "LEDGER_OUTCOMES",
    "LOSSES",
    "MAPPING_STATUSES",
    "MATCHING_RATIONALES",
    "MERGE_POLICIES",
    "MIGRATION_OUTCOMES",
    "ORIGINS",
    "POLICIES",
    "PROVENANCE_METHODS",
    "RELATIONSHIPS",
    "SIMILARITIES",
    "SOURCE_DISPOSITIONS",
    "SUMMARY_BASES",
    "Change",
    "ComparePolicy",
    "DataKind",
    "ItemsPublished",
    "LedgerOutcome",
    "Loss",
    "MappingStatus",
    "MatchingRationale",
    "MergePolicy",
    "MigrationOutcome",
    "Origin",
    "Policy",
    "ProvenanceMethod",
    "RelationKind",
    "Relationship",
    "Similarity",
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
# What one link says of its two items as sets: NIST IR 8477's set-theory relationships, the
# words OSCAL's mapping model uses (SSSOM and CISO Assistant have their own for each).
Relationship = Literal["equal-to", "equivalent-to", "subset-of", "superset-of", "intersects-with"]
# A mapping's provenance, in OSCAL's mapping-provenance words.
ProvenanceMethod = Literal["human", "automation", "hybrid"]
MatchingRationale = Literal["syntactic", "semantic", "functional"]
MappingStatus = Literal["complete", "not-complete", "draft", "deprecated", "superseded"]
# How align compares texts (its backends).
Similarity = Literal["tfidf", "lexical", "semantic", "hybrid"]

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
RELATIONSHIPS: tuple[Relationship, ...] = get_args(Relationship)
# CISO Assistant's word for each set relationship (RequirementMapping.relationship): it has
# no word for "equivalent", so a reworded 1:1 link is "equal" too
CISO_WORDS: dict[Relationship, str] = {
    "equal-to": "equal",
    "equivalent-to": "equal",
    "subset-of": "subset",
    "superset-of": "superset",
    "intersects-with": "intersect",
}
PROVENANCE_METHODS: tuple[ProvenanceMethod, ...] = get_args(ProvenanceMethod)
MATCHING_RATIONALES: tuple[MatchingRationale, ...] = get_args(MatchingRationale)
MAPPING_STATUSES: tuple[MappingStatus, ...] = get_args(MappingStatus)
SIMILARITIES: tuple[Similarity, ...] = get_args(Similarity)
