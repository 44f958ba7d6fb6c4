"""Reading catalogues from files or from the bundled data."""

from __future__ import annotations

import os
from pathlib import Path

from attrs import evolve

from .._core.bundled import is_path_like, read_bundled
from .._core.yamlio import read_document
from .model import Catalogue

__all__ = ["load_catalogue"]


def load_catalogue(ref: str | os.PathLike[str]) -> Catalogue:
    """A catalogue from a file path or a bundled reference such as
    ``"best-value/statutory-2024-05"``.

    >>> load_catalogue("best-value/statutory-2024-05").expected_items
    70
    """
    if isinstance(ref, os.PathLike) or is_path_like(ref):
        doc = read_document(Path(ref))
        origin = str(Path(ref).resolve())
    else:
        doc = read_bundled("catalogues", ref, what="catalogue")
        origin = ref
    return evolve(Catalogue.from_dict(doc), origin=origin)
