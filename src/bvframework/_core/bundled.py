"""Where the bundled data lives, in a wheel or in a source checkout.

A wheel carries ``catalogues/``, ``mappings/``, ``scales/`` and ``assessments/`` inside the
package as ``bvframework/_data/...`` (hatchling force-include). An editable install or a
plain checkout has them at the repository root instead, next to ``src/``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from .errors import UnknownReferenceError
from .suggest import suggest
from .yamlio import Document, parse_yaml

__all__ = ["bundled_refs", "data_root", "find_bundled", "read_bundled"]

KINDS = ("catalogues", "mappings", "scales", "assessments")


@cache
def data_root() -> Traversable:
    packaged = resources.files("bvframework").joinpath("_data")
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "catalogues").is_dir():
        return checkout
    return packaged  # nothing bundled: lookups fail with a clear message


def _parts(ref: str) -> list[str]:
    return [p for p in ref.strip("/").split("/") if p]


def find_bundled(kind: str, ref: str) -> Traversable | None:
    """The bundled file for ``ref`` (e.g. ``best-value/statutory-2024-05``), or None."""
    parts = _parts(ref)
    if not parts or any(p in (".", "..") for p in parts):
        return None
    node = data_root().joinpath(kind)
    for part in parts[:-1]:
        node = node.joinpath(part)
    for suffix in (".yaml", ".yml"):
        candidate = node.joinpath(parts[-1] + suffix)
        if candidate.is_file():
            return candidate
    return None


@cache
def bundled_refs(kind: str) -> tuple[str, ...]:
    """Every bundled reference of one kind, sorted."""
    root = data_root().joinpath(kind)
    found: list[str] = []

    def walk(node: Traversable, prefix: str) -> None:
        if not node.is_dir():
            return
        for child in node.iterdir():
            if child.is_dir():
                walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith((".yaml", ".yml")):
                found.append(prefix + child.name.rsplit(".", 1)[0])

    walk(root, "")
    return tuple(sorted(found))


def read_bundled(kind: str, ref: str, *, what: str) -> Document:
    """Parse a bundled file, or raise :class:`UnknownReferenceError` listing close matches."""
    found = find_bundled(kind, ref)
    if found is None:
        raise UnknownReferenceError(
            f"no bundled {what} {ref!r} and no such file",
            suggestions=suggest(ref, bundled_refs(kind)),
        )
    return parse_yaml(found.read_text(encoding="utf-8"), source=f"bvframework:{kind}/{ref}")


def is_path_like(ref: str | Path) -> bool:
    """A reference that names a file rather than a bundled entry."""
    if isinstance(ref, Path):
        return True
    return ref.endswith((".yaml", ".yml", ".json")) or Path(ref).is_file()
