"""Type declarations of the public API: each public name, once, with the private module
that defines it. ``bvframework/__init__.py`` reads this file to import each name on first use
(PEP 562), so ``import bvframework`` costs little more than attrs."""

from ._align.align import (
    align as align,
)
from ._align.options import (
    AlignOptions as AlignOptions,
)
from ._align.synthetic import (
    Revision as Revision,
)
from ._align.synthetic import (
    revise as revise,
)
from ._align.synthetic import (
    synthetic_catalogue as synthetic_catalogue,
)
from ._api import (
    assessment_from_rows as assessment_from_rows,
)
from ._api import (
    benchmark as benchmark,
)
from ._api import (
    compare as compare,
)
from ._api import (
    export_mapping as export_mapping,
)
from ._api import (
    find_mapping as find_mapping,
)
from ._api import (
    heatmap as heatmap,
)
from ._api import (
    import_catalogue as import_catalogue,
)
from ._api import (
    import_library as import_library,
)
from ._api import (
    import_mapping as import_mapping,
)
from ._api import (
    import_revision as import_revision,
)
from ._api import (
    load_assessment as load_assessment,
)
from ._api import (
    load_catalogue as load_catalogue,
)
from ._api import (
    load_cohort as load_cohort,
)
from ._api import (
    load_mapping as load_mapping,
)
from ._api import (
    load_scale as load_scale,
)
from ._api import (
    read_table as read_table,
)
from ._api import (
    render_benchmark as render_benchmark,
)
from ._api import (
    render_heatmap as render_heatmap,
)
from ._assessments.compare import (
    Comparison as Comparison,
)
from ._assessments.compare import (
    ComparisonRow as ComparisonRow,
)
from ._assessments.compare import (
    LedgerLine as LedgerLine,
)
from ._assessments.compare import (
    rescale as rescale,
)
from ._assessments.migrate import (
    LedgerEntry as LedgerEntry,
)
from ._assessments.migrate import (
    Migration as Migration,
)
from ._assessments.migrate import (
    migrate as migrate,
)
from ._assessments.model import (
    Assessment as Assessment,
)
from ._assessments.model import (
    PublishedTotals as PublishedTotals,
)
from ._assessments.model import (
    Score as Score,
)
from ._assessments.peers import (
    Benchmark as Benchmark,
)
from ._assessments.peers import (
    CouncilPosition as CouncilPosition,
)
from ._assessments.peers import (
    ItemDistribution as ItemDistribution,
)
from ._assessments.peers import (
    ItemPosition as ItemPosition,
)
from ._assessments.peers import (
    ThemePosition as ThemePosition,
)
from ._assessments.summary import (
    AssessmentSummary as AssessmentSummary,
)
from ._assessments.summary import (
    Share as Share,
)
from ._assessments.tables import (
    dump_assessment as dump_assessment,
)
from ._assessments.tables import (
    write_csv as write_csv,
)
from ._catalogues.model import (
    Catalogue as Catalogue,
)
from ._catalogues.model import (
    Item as Item,
)
from ._catalogues.model import (
    NumberingScheme as NumberingScheme,
)
from ._catalogues.model import (
    Theme as Theme,
)
from ._catalogues.ref import (
    ItemRef as ItemRef,
)
from ._core.errors import (
    AmbiguousTranslationError as AmbiguousTranslationError,
)
from ._core.errors import (
    BvFrameworkError as BvFrameworkError,
)
from ._core.errors import (
    CompositionError as CompositionError,
)
from ._core.errors import (
    DataError as DataError,
)
from ._core.errors import (
    MissingDependencyError as MissingDependencyError,
)
from ._core.errors import (
    NoItemScoresError as NoItemScoresError,
)
from ._core.errors import (
    Problem as Problem,
)
from ._core.errors import (
    UnknownLabelError as UnknownLabelError,
)
from ._core.errors import (
    UnknownReferenceError as UnknownReferenceError,
)
from ._core.errors import (
    UsageError as UsageError,
)
from ._core.version import __version__ as __version__

__all__: list[str]

from ._core.vocab import (
    KINDS as KINDS,
)
from ._core.vocab import (
    MERGE_POLICIES as MERGE_POLICIES,
)
from ._core.vocab import (
    POLICIES as POLICIES,
)
from ._importers.common import (
    Library as Library,
)
from ._interchange.identifiers import (
    Identifiers as Identifiers,
)
from ._mappings.check import (
    MappingDiff as MappingDiff,
)
from ._mappings.check import (
    diff_mappings as diff_mappings,
)
from ._mappings.compose import (
    compose as compose,
)
from ._mappings.compose import (
    identity as identity,
)
from ._mappings.details import (
    Provenance as Provenance,
)
from ._mappings.model import (
    Mapping as Mapping,
)
from ._mappings.model import (
    PublishedComparison as PublishedComparison,
)
from ._mappings.model import (
    Relation as Relation,
)
from ._mappings.reconcile import (
    ReconciledCount as ReconciledCount,
)
from ._mappings.reconcile import (
    Reconciliation as Reconciliation,
)
from ._mappings.relation import (
    LinkAnnotations as LinkAnnotations,
)
from ._mappings.relation import (
    MappingInfo as MappingInfo,
)
from ._mappings.summary import (
    MappingSummary as MappingSummary,
)
from ._render.heatmap import (
    HeatMap as HeatMap,
)
from ._scales.crosswalk import (
    Crosswalk as Crosswalk,
)
from ._scales.model import (
    Level as Level,
)
from ._scales.model import (
    Scale as Scale,
)
from ._scales.model import (
    State as State,
)
from ._scales.translate import (
    Translation as Translation,
)
from ._scales.translate import (
    translate as translate,
)
from ._store.formats import (
    EXPORT_FORMATS as EXPORT_FORMATS,
)
from ._store.formats import (
    IMPORTERS as IMPORTERS,
)
from ._store.formats import (
    LIBRARY_FORMATS as LIBRARY_FORMATS,
)
from ._store.formats import (
    MAPPING_FORMATS as MAPPING_FORMATS,
)
from ._store.store import (
    Store as Store,
)
