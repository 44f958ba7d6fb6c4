"""Where the bundled data lives, in a wheel or in a source checkout.

A wheel carries ``catalogues/``, ``mappings/``, ``scales/`` and ``assessments/`` inside the
package as ``bvframework/_data/...`` (hatchling force-include). An editable install or a
plain checkout has them at the repository root instead, next to ``src/``.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import Any

__all__ = [
    "FOLDERS",
    "bundled_refs",
    "compiled",
    "compiled_data",
    "data_root",
    "find_bundled",
    "is_bundled_ref",
]

COMPILED = "bundled.marshal"
"""The bundled data parsed at build time (hatch_build.py), in a wheel's ``_data``."""

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


@cache
def compiled() -> dict[str, Any] | None:
    """Path under the data root -> parsed data of every bundled file, when the wheel
    carries them parsed (None in a checkout, or when written by another marshal format)."""
    import marshal

    path = os.path.join(data_root(), COMPILED)
    try:
        with open(path, "rb") as f:
            found = marshal.loads(f.read())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not isinstance(found, dict) or found.get("marshal") != marshal.version:
        return None
    files = found.get("files")
    return files if isinstance(files, dict) else None


def compiled_data(path: str) -> tuple[bool, Any]:
    """(found, data) of a bundled file from the compiled data."""
    files = compiled()
    if files is None:
        return False, None
    relative = os.path.relpath(path, data_root()).replace(os.sep, "/")
    return (True, files[relative]) if relative in files else (False, None)


def is_bundled_ref(ref: str) -> bool:
    """``framework/version`` shape: path segments of safe characters, no ``..``."""
    return _REF.fullmatch(ref) is not None and ".." not in ref.split("/")


def find_bundled(kind: str, ref: str) -> str | None:
    """The bundled file of ``kind`` for ``ref`` (``best-value/statutory-2024-05``), or None."""
    if not is_bundled_ref(ref):
        return None
    parsed = compiled()
    base = os.path.join(data_root(), FOLDERS[kind], *ref.split("/"))
    if parsed is not None:
        for suffix in (".yaml", ".yml"):
            if f"{FOLDERS[kind]}/{ref}{suffix}" in parsed:
                return base + suffix
        return None
    for suffix in (".yaml", ".yml"):
        if os.path.isfile(base + suffix):
            return base + suffix
    return None


@cache
def bundled_refs(kind: str) -> tuple[str, ...]:
    """Every bundled reference of one kind, sorted."""
    parsed = compiled()
    if parsed is not None:
        prefix = FOLDERS[kind] + "/"
        refs = [os.path.splitext(p[len(prefix) :])[0] for p in parsed if p.startswith(prefix)]
        return tuple(sorted(refs))
    root = os.path.join(data_root(), FOLDERS[kind])
    found = []
    for folder, _, files in os.walk(root):
        for name in files:
            stem, suffix = os.path.splitext(name)
            if suffix in (".yaml", ".yml"):
                relative = os.path.relpath(os.path.join(folder, stem), root)
                found.append(relative.replace(os.sep, "/"))
    return tuple(sorted(found))
