"""bvframework: diff and map versions of a governance framework, and benchmark
self-assessments scored on different scales.

>>> import bvframework as bv
>>> m = bv.load_mapping("best-value/draft-2023-07--statutory-2024-05")
>>> m.summary().sources["removed"], m.reconcile()[0].counts[1].published
(1, 2)
"""

from ._align.align import align
from ._align.synthetic import Revision, revise, synthetic_catalogue
from ._assessments.compare import Comparison, ComparisonRow, LedgerLine, compare, rescale
from ._assessments.load import (
    assessment_from_rows,
    dump_assessment,
    load_assessment,
    read_table,
    write_csv,
)
from ._assessments.migrate import MERGE_POLICIES, LedgerEntry, Migration, migrate
from ._assessments.model import Assessment, PublishedTotals, Score
from ._assessments.summary import AssessmentSummary, Share
from ._catalogues.load import load_catalogue
from ._catalogues.model import Catalogue, Item, ItemRef, NumberingScheme, Theme
from ._core.errors import (
    AmbiguousTranslationError,
    BvFrameworkError,
    CompositionError,
    DataError,
    MissingDependencyError,
    Problem,
    UnknownLabelError,
    UnknownReferenceError,
)
from ._importers.api import IMPORTERS, import_catalogue
from ._mappings.check import MappingDiff, diff_mappings
from ._mappings.compose import compose, identity
from ._mappings.load import find_mapping, load_mapping
from ._mappings.model import KINDS, Mapping, PublishedComparison, Relation
from ._mappings.reconcile import ReconciledCount, Reconciliation
from ._mappings.summary import MappingSummary
from ._render.heatmap import HeatMap
from ._render.heatmap import build as heatmap
from ._render.heatmap import render as render_heatmap
from ._scales.load import load_scale
from ._scales.model import Level, Scale, State
from ._scales.translate import POLICIES, Crosswalk, Translation, translate

__version__ = "0.1.0"

__all__ = [
    "IMPORTERS",
    "KINDS",
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
    "NumberingScheme",
    "Problem",
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
    "Theme",
    "Translation",
    "UnknownLabelError",
    "UnknownReferenceError",
    "__version__",
    "align",
    "assessment_from_rows",
    "compare",
    "compose",
    "diff_mappings",
    "dump_assessment",
    "find_mapping",
    "heatmap",
    "identity",
    "import_catalogue",
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
