"""Where the bundled data lives, in a wheel or in a source checkout.

A wheel carries ``catalogues/``, ``mappings/``, ``scales/`` and ``assessments/`` inside the
package as ``bvframework/_data/...`` (hatchling force-include). An editable install or a
plain checkout has them at the repository root instead, next to ``src/``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

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
def data_root() -> Path:
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_data"
    if packaged.is_dir():
        return packaged
    checkout = package.parents[1]
    if (checkout / "catalogues").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    return packaged  # nothing bundled: lookups fail with a clear message


def is_bundled_ref(ref: str) -> bool:
    """``framework/version`` shape: path segments of safe characters, no ``..``."""
    return _REF.fullmatch(ref) is not None and ".." not in ref.split("/")


def find_bundled(kind: str, ref: str) -> Path | None:
    """The bundled file of ``kind`` for ``ref`` (``best-value/statutory-2024-05``), or None."""
    if not is_bundled_ref(ref):
        return None
    base = data_root() / FOLDERS[kind] / ref
    for suffix in (".yaml", ".yml"):
        candidate = base.with_name(base.name + suffix)
        if candidate.is_file():
            return candidate
    return None


@cache
def bundled_refs(kind: str) -> tuple[str, ...]:
    """Every bundled reference of one kind, sorted."""
    root = data_root() / FOLDERS[kind]
    if not root.is_dir():
        return ()
    found = [
        path.relative_to(root).with_suffix("").as_posix()
        for path in root.rglob("*")
        if path.suffix in (".yaml", ".yml") and path.is_file()
    ]
    return tuple(sorted(found))
