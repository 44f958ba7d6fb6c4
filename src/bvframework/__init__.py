"""bvframework: diff and map versions of a governance framework, and benchmark
self-assessments scored on different scales.

>>> import bvframework as bv
>>> m = bv.load_mapping("best-value/draft-2023-07--statutory-2024-05")
>>> m.summary().sources["removed"], m.reconcile()[0].counts[1].published
(1, 2)
"""

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
from ._mappings.compose import compose, identity
from ._mappings.load import find_mapping, load_mapping
from ._mappings.model import KINDS, Mapping, PublishedComparison, Relation
from ._mappings.reconcile import ReconciledCount, Reconciliation
from ._mappings.summary import MappingSummary
from ._scales.load import load_scale
from ._scales.model import Level, Scale, State
from ._scales.translate import POLICIES, Crosswalk, Translation, translate

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "POLICIES",
    "AmbiguousTranslationError",
    "BvFrameworkError",
    "Catalogue",
    "CompositionError",
    "Crosswalk",
    "DataError",
    "Item",
    "ItemRef",
    "Level",
    "Mapping",
    "MappingSummary",
    "MissingDependencyError",
    "NumberingScheme",
    "Problem",
    "PublishedComparison",
    "ReconciledCount",
    "Reconciliation",
    "Relation",
    "Scale",
    "State",
    "Theme",
    "Translation",
    "UnknownLabelError",
    "UnknownReferenceError",
    "__version__",
    "compose",
    "find_mapping",
    "identity",
    "load_catalogue",
    "load_mapping",
    "load_scale",
    "translate",
]
