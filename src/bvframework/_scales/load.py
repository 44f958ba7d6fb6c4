"""Reading scales: a bundled ID (``six-colour``) or a file path."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .._core.bundled import bundled_refs, is_path_like, read_bundled
from .._core.yamlio import read_document
from .model import Scale

__all__ = ["bundled_scales", "load_scale"]


def load_scale(
    ref: str | os.PathLike[str], *, bands: Mapping[str, tuple[float, float]] | None = None
) -> Scale:
    """A scale by built-in ID or path; ``bands`` overrides some levels' bands.

    >>> load_scale("six-colour").level("dark-green").band
    (0.8, 1.0)
    >>> load_scale("rag", bands={"amber": (0.4, 0.8), "green": (0.8, 1.0)}).level("amber").band
    (0.4, 0.8)
    """
    if isinstance(ref, os.PathLike) or is_path_like(ref):
        scale = Scale.from_dict(read_document(Path(ref)))
    else:
        scale = Scale.from_dict(read_bundled("scales", ref, what="scale"))
    return scale.with_bands(bands) if bands else scale


def bundled_scales() -> tuple[str, ...]:
    return bundled_refs("scales")
