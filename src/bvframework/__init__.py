"""bvframework: diff and map versions of a governance framework, and benchmark
self-assessments scored on different scales.

>>> import bvframework as bv
>>> m = bv.load_mapping("best-value/draft-2023-07--statutory-2024-05")
>>> m.summary().sources["removed"], m.reconcile()[0].counts[1].published
(1, 2)

Names are imported on first use (PEP 562), so ``import bvframework`` costs little more
than attrs: an algorithm's dependencies load when it is called.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._core import display as _display
from ._core.version import __version__

# public name -> the private module that defines it
_WHERE = {
    "IMPORTERS": "_core.vocab",
    "EXPORT_FORMATS": "_core.vocab",
    "MAPPING_FORMATS": "_core.vocab",
    "KINDS": "_core.vocab",
    "MERGE_POLICIES": "_core.vocab",
    "POLICIES": "_core.vocab",
    "AmbiguousTranslationError": "_core.errors",
    "BvFrameworkError": "_core.errors",
    "CompositionError": "_core.errors",
    "DataError": "_core.errors",
    "MissingDependencyError": "_core.errors",
    "NoItemScoresError": "_core.errors",
    "Problem": "_core.errors",
    "UnknownLabelError": "_core.errors",
    "UnknownReferenceError": "_core.errors",
    "UsageError": "_core.errors",
    "Catalogue": "_catalogues.model",
    "Item": "_catalogues.model",
    "ItemRef": "_catalogues.model",
    "NumberingScheme": "_catalogues.model",
    "Theme": "_catalogues.model",
    "Mapping": "_mappings.model",
    "PublishedComparison": "_mappings.model",
    "Relation": "_mappings.model",
    "Provenance": "_mappings.details",
    "Identifiers": "_interchange.identifiers",
    "MappingSummary": "_mappings.summary",
    "ReconciledCount": "_mappings.reconcile",
    "Reconciliation": "_mappings.reconcile",
    "MappingDiff": "_mappings.check",
    "diff_mappings": "_mappings.check",
    "compose": "_mappings.compose",
    "identity": "_mappings.compose",
    "Level": "_scales.model",
    "Scale": "_scales.model",
    "State": "_scales.model",
    "Crosswalk": "_scales.translate",
    "Translation": "_scales.translate",
    "translate": "_scales.translate",
    "Assessment": "_assessments.model",
    "PublishedTotals": "_assessments.model",
    "Score": "_assessments.model",
    "AssessmentSummary": "_assessments.summary",
    "Share": "_assessments.summary",
    "LedgerEntry": "_assessments.migrate",
    "Migration": "_assessments.migrate",
    "migrate": "_assessments.migrate",
    "Comparison": "_assessments.compare",
    "ComparisonRow": "_assessments.compare",
    "LedgerLine": "_assessments.compare",
    "rescale": "_assessments.compare",
    "dump_assessment": "_assessments.tables",
    "write_csv": "_assessments.tables",
    "HeatMap": "_render.heatmap",
    "align": "_align.align",
    "Revision": "_align.synthetic",
    "revise": "_align.synthetic",
    "synthetic_catalogue": "_align.synthetic",
    "Store": "_store.store",
    "assessment_from_rows": "_api",
    "compare": "_api",
    "find_mapping": "_api",
    "heatmap": "_api",
    "import_catalogue": "_api",
    "import_mapping": "_api",
    "export_mapping": "_api",
    "load_assessment": "_api",
    "load_catalogue": "_api",
    "load_mapping": "_api",
    "load_scale": "_api",
    "read_table": "_api",
    "render_heatmap": "_api",
}

__all__ = [
    "EXPORT_FORMATS",
    "IMPORTERS",
    "KINDS",
    "MAPPING_FORMATS",
    "MERGE_POLICIES",
    "POLICIES",
    "AmbiguousTranslationError",
    "Assessment",
    "AssessmentSummary",
    "BvFrameworkError",
    "Catalogue",
    "Comparison",
    "ComparisonRow",
    "CompositionError",
    "Crosswalk",
    "DataError",
    "HeatMap",
    "Identifiers",
    "Item",
    "ItemRef",
    "LedgerEntry",
    "LedgerLine",
    "Level",
    "Mapping",
    "MappingDiff",
    "MappingSummary",
    "Migration",
    "MissingDependencyError",
    "NoItemScoresError",
    "NumberingScheme",
    "Problem",
    "Provenance",
    "PublishedComparison",
    "PublishedTotals",
    "ReconciledCount",
    "Reconciliation",
    "Relation",
    "Revision",
    "Scale",
    "Score",
    "Share",
    "State",
    "Store",
    "Theme",
    "Translation",
    "UnknownLabelError",
    "UnknownReferenceError",
    "UsageError",
    "__version__",
    "align",
    "assessment_from_rows",
    "compare",
    "compose",
    "diff_mappings",
    "dump_assessment",
    "export_mapping",
    "find_mapping",
    "heatmap",
    "identity",
    "import_catalogue",
    "import_mapping",
    "load_assessment",
    "load_catalogue",
    "load_mapping",
    "load_scale",
    "migrate",
    "read_table",
    "render_heatmap",
    "rescale",
    "revise",
    "synthetic_catalogue",
    "translate",
    "write_csv",
]

# Models display as HTML in notebooks through renderers they do not import.
_display.provide(f"{__name__}._render.notebook")


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


if TYPE_CHECKING:
    from ._align.align import align
    from ._align.synthetic import Revision, revise, synthetic_catalogue
    from ._api import (
        assessment_from_rows,
        compare,
        export_mapping,
        find_mapping,
        heatmap,
        import_catalogue,
        import_mapping,
        load_assessment,
        load_catalogue,
        load_mapping,
        load_scale,
        read_table,
        render_heatmap,
    )
    from ._assessments.compare import Comparison, ComparisonRow, LedgerLine, rescale
    from ._assessments.migrate import LedgerEntry, Migration, migrate
    from ._assessments.model import Assessment, PublishedTotals, Score
    from ._assessments.summary import AssessmentSummary, Share
    from ._assessments.tables import dump_assessment, write_csv
    from ._catalogues.model import Catalogue, Item, ItemRef, NumberingScheme, Theme
    from ._core.errors import (
        AmbiguousTranslationError,
        BvFrameworkError,
        CompositionError,
        DataError,
        MissingDependencyError,
        NoItemScoresError,
        Problem,
        UnknownLabelError,
        UnknownReferenceError,
        UsageError,
    )
    from ._core.vocab import (
        EXPORT_FORMATS,
        IMPORTERS,
        KINDS,
        MAPPING_FORMATS,
        MERGE_POLICIES,
        POLICIES,
    )
    from ._interchange.identifiers import Identifiers
    from ._mappings.check import MappingDiff, diff_mappings
    from ._mappings.compose import compose, identity
    from ._mappings.details import Provenance
    from ._mappings.model import Mapping, PublishedComparison, Relation
    from ._mappings.reconcile import ReconciledCount, Reconciliation
    from ._mappings.summary import MappingSummary
    from ._render.heatmap import HeatMap
    from ._scales.model import Level, Scale, State
    from ._scales.translate import Crosswalk, Translation, translate
    from ._store.store import Store
