"""The public API is a contract: this test pins it."""

from __future__ import annotations

import bvframework

EXPECTED = {
    "KINDS",
    "IMPORTERS",
    "MappingDiff",
    "Revision",
    "align",
    "AlignOptions",
    "diff_mappings",
    "import_catalogue",
    "revise",
    "synthetic_catalogue",
    "MERGE_POLICIES",
    "Assessment",
    "AssessmentSummary",
    "Comparison",
    "ComparisonRow",
    "HeatMap",
    "LedgerEntry",
    "LedgerLine",
    "Migration",
    "PublishedTotals",
    "Score",
    "Share",
    "compare",
    "dump_assessment",
    "heatmap",
    "load_assessment",
    "migrate",
    "read_table",
    "render_heatmap",
    "rescale",
    "write_csv",
    "POLICIES",
    "Crosswalk",
    "Level",
    "Scale",
    "State",
    "Translation",
    "load_scale",
    "translate",
    "AmbiguousTranslationError",
    "BvFrameworkError",
    "Catalogue",
    "CompositionError",
    "DataError",
    "Item",
    "ItemRef",
    "Mapping",
    "MappingSummary",
    "MissingDependencyError",
    "NumberingScheme",
    "Problem",
    "PublishedComparison",
    "ReconciledCount",
    "Reconciliation",
    "Relation",
    "Theme",
    "UnknownLabelError",
    "UnknownReferenceError",
    "__version__",
    "assessment_from_rows",
    "compose",
    "find_mapping",
    "identity",
    "load_catalogue",
    "load_mapping",
    # added by the input-layer redesign (issue 9)
    "NoItemScoresError",
    "Store",
    "UsageError",
    # exchange formats and crosswalks (issue 12)
    "EXPORT_FORMATS",
    "MAPPING_FORMATS",
    "Identifiers",
    "Provenance",
    "export_mapping",
    "import_mapping",
    "import_revision",
    "LinkAnnotations",
    "MappingInfo",
    # other tools' libraries (issue 20)
    "LIBRARY_FORMATS",
    "Library",
    "import_library",
    # benchmarking a cohort (issue 19)
    "Benchmark",
    "CouncilPosition",
    "ItemDistribution",
    "ItemPosition",
    "ThemePosition",
    "benchmark",
    "load_cohort",
    "render_benchmark",
}


def test_exports_are_pinned() -> None:
    assert set(bvframework.__all__) == EXPECTED
    for name in bvframework.__all__:
        assert hasattr(bvframework, name), name


def test_errors_derive_from_the_builtins_callers_expect() -> None:
    assert issubclass(bvframework.DataError, ValueError)
    assert issubclass(bvframework.UnknownReferenceError, KeyError)
    assert issubclass(bvframework.UnknownLabelError, ValueError)
    assert issubclass(bvframework.AmbiguousTranslationError, ValueError)
    assert issubclass(bvframework.CompositionError, ValueError)
    assert issubclass(bvframework.MissingDependencyError, ImportError)
    for name in bvframework.__all__:
        obj = getattr(bvframework, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, bvframework.BvFrameworkError), name


def test_records_are_frozen_and_slotted() -> None:
    import attrs

    for cls in (
        bvframework.Catalogue,
        bvframework.Theme,
        bvframework.Item,
        bvframework.ItemRef,
        bvframework.Mapping,
        bvframework.Relation,
        bvframework.MappingSummary,
        bvframework.Problem,
        bvframework.Scale,
        bvframework.Level,
        bvframework.State,
        bvframework.Translation,
        bvframework.Crosswalk,
        bvframework.Assessment,
        bvframework.Score,
        bvframework.AssessmentSummary,
        bvframework.Migration,
        bvframework.LedgerEntry,
        bvframework.Comparison,
        bvframework.LedgerLine,
        bvframework.HeatMap,
        bvframework.MappingDiff,
        bvframework.Revision,
        bvframework.Benchmark,
        bvframework.CouncilPosition,
        bvframework.ThemePosition,
        bvframework.ItemPosition,
        bvframework.ItemDistribution,
    ):
        assert attrs.has(cls)
        assert "__slots__" in cls.__dict__, cls
        params = cls.__attrs_attrs__
        assert all(a.kw_only for a in params), cls
