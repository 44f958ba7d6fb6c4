"""Where the bundled data lives, in a wheel or in a source checkout.

A wheel carries ``catalogues/``, ``mappings/``, ``scales/`` and ``assessments/`` inside the
package as ``bvframework/_data/...`` (hatchling force-include). An editable install or a
plain checkout has them at the repository root instead, next to ``src/``.
"""

from __future__ import annotations

import os
import re
from functools import cache

__all__ = ["FOLDERS", "bundled_refs", "data_root", "find_bundled", "is_bundled_ref"]

# data kind -> folder
FOLDERS = {
    "catalogue": "catalogues",
    "mapping": "mappings",
    "scale": "scales",
    "assessment": "assessments",
}
_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(?:/[A-Za-z0-9][A-Za-z0-9._-]*)*")


@cache
def data_root() -> str:
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    packaged = os.path.join(package, "_data")
    if os.path.isdir(packaged):
        return packaged
    checkout = os.path.dirname(os.path.dirname(package))
    if os.path.isdir(os.path.join(checkout, "catalogues")) and os.path.isfile(
        os.path.join(checkout, "pyproject.toml")
    ):
        return checkout
    return packaged  # nothing bundled: lookups fail with a clear message


def is_bundled_ref(ref: str) -> bool:
    """``framework/version`` shape: path segments of safe characters, no ``..``."""
    return _REF.fullmatch(ref) is not None and ".." not in ref.split("/")


def find_bundled(kind: str, ref: str) -> str | None:
    """The bundled file of ``kind`` for ``ref`` (``best-value/statutory-2024-05``), or None."""
    if not is_bundled_ref(ref):
        return None
    base = os.path.join(data_root(), FOLDERS[kind], *ref.split("/"))
    for suffix in (".yaml", ".yml"):
        if os.path.isfile(base + suffix):
            return base + suffix
    return None


@cache
def bundled_refs(kind: str) -> tuple[str, ...]:
    """Every bundled reference of one kind, sorted."""
    root = os.path.join(data_root(), FOLDERS[kind])
    found = []
    for folder, _, files in os.walk(root):
        for name in files:
            stem, suffix = os.path.splitext(name)
            if suffix in (".yaml", ".yml"):
                relative = os.path.relpath(os.path.join(folder, stem), root)
                found.append(relative.replace(os.sep, "/"))
    return tuple(sorted(found))
