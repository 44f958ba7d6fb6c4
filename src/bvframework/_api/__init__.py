"""The Python API: the one place that turns references into results.

Every entry point that names a file or bundled data lives here: it reads through the input
layer (a :class:`Store`), hands objects to the pure models and algorithms, and renders
through ``_render``. The command line is a thin shell over these functions. Submodules are
imported on first use, so the command line's ``--help`` imports none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = [
    "assessment_from_rows",
    "benchmark",
    "compare",
    "export_mapping",
    "find_mapping",
    "heatmap",
    "import_catalogue",
    "import_library",
    "import_mapping",
    "import_revision",
    "load_assessment",
    "load_catalogue",
    "load_cohort",
    "load_mapping",
    "load_scale",
    "read_table",
    "render_benchmark",
    "render_heatmap",
]

_WHERE = {
    "assessment_from_rows": "load",
    "find_mapping": "load",
    "load_assessment": "load",
    "load_catalogue": "load",
    "load_mapping": "load",
    "load_scale": "load",
    "read_table": "load",
    "benchmark": "cohort",
    "load_cohort": "cohort",
    "render_benchmark": "cohort",
    "compare": "assess",
    "heatmap": "assess",
    "render_heatmap": "assess",
    "export_mapping": "interchange",
    "import_catalogue": "interchange",
    "import_library": "interchange",
    "import_mapping": "interchange",
    "import_revision": "interchange",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


if TYPE_CHECKING:
    from .assess import compare, heatmap, render_heatmap
    from .cohort import benchmark, load_cohort, render_benchmark
    from .interchange import (
        export_mapping,
        import_catalogue,
        import_library,
        import_mapping,
        import_revision,
    )
    from .load import (
        assessment_from_rows,
        find_mapping,
        load_assessment,
        load_catalogue,
        load_mapping,
        load_scale,
        read_table,
    )
