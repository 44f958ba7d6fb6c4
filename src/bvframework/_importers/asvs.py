"""OWASP ASVS: the flat JSON export, and the project's transition mapping YAML files."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from .._catalogues.model import Catalogue
from .._core.errors import DataError, Problem
from .._core.schema import excerpt
from .._mappings.model import Mapping
from .._mappings.relation import LinkAnnotations, MappingInfo
from .common import build_catalogue

__all__ = ["asvs_catalogue", "asvs_mapping", "parse_tag"]

_VERSION = re.compile(r"(\d+\.\d+\.[0-9a-z]+)")
_REF = re.compile(r"v(?P<version>[0-9a-z.]+?)-(?P<id>\d+(?:\.\d+)+)")
# Tags that carry targets: all name content of the other version.
_LINKING = (
    "MOVED TO",
    "SPLIT TO",
    "MERGED TO",
    "COVERED BY",
    "DEPRECATED BY",
    "MOVED FROM",
    "SPLIT FROM",
    "MERGED FROM",
    "COVERS",
    "DEPRECATES",
)


def _version_of(path: PurePath, given: str | None) -> str:
    if given:
        return given
    found = _VERSION.search(path.name)
    if not found:
        raise DataError(
            [
                Problem(
                    message="cannot tell the ASVS version from the file name; pass version=",
                    source=str(path),
                )
            ]
        )
    return found.group(1)


def asvs_catalogue(data: Any, *, path: PurePath, version: str | None = None) -> Catalogue:
    """A catalogue from ASVS's flat JSON (``{"requirements": [...]}``).

    Chapters become themes and requirements items (ID without the ``V``: ``1.2.3``, the
    form the mapping files use). Entries whose text is a ``[DELETED ...]`` placeholder are
    not requirements of that version and are left out.
    """
    version = _version_of(path, version)
    rows = data.get("requirements") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise DataError(
            [Problem(message="expected an object with a 'requirements' list", source=str(path))]
        )
    themes: dict[str, dict[str, Any]] = {}
    problems = []
    for n, row in enumerate(rows):
        try:
            req_id, text = str(row["req_id"]), str(row["req_description"]).strip()
            chapter, chapter_name = str(row["chapter_id"]), str(row["chapter_name"])
        except (KeyError, TypeError) as exc:
            problems.append(
                Problem(
                    message=f"requirement {n} lacks {exc}",
                    source=str(path),
                    path=("requirements", n),
                )
            )
            continue
        if text.upper().startswith("[DELETED"):
            continue
        theme = themes.setdefault(chapter, {"id": chapter, "title": chapter_name, "items": []})
        theme["items"].append(
            {"id": req_id.lstrip("Vv"), "text": text, "evidence": [f"{path.name}: {req_id}"]}
        )
    if problems:
        raise DataError(problems)
    return build_catalogue(
        framework="owasp-asvs",
        version=version,
        title=f"OWASP ASVS {version}",
        themes=list(themes.values()),
        source=str(path),
        licence="CC-BY-SA-4.0",
        expected_items=sum(len(t["items"]) for t in themes.values()),
    )


def parse_tag(tag: str) -> list[tuple[str, list[str]]]:
    """``"MODIFIED, MOVED TO v5.0.0-1.2.3"`` -> ``[("MODIFIED", []), ("MOVED TO", ["1.2.3"])]``.

    >>> parse_tag("DELETED, COVERED BY v5.0.0-12.2.1, v5.0.0-12.3.1")
    [('DELETED', []), ('COVERED BY', ['12.2.1', '12.3.1'])]
    """
    out: list[tuple[str, list[str]]] = []
    for part in re.split(r",\s*", tag.strip()):
        ref = _REF.fullmatch(part.strip())
        if ref and out:
            out[-1][1].append(ref.group("id"))
            continue
        words = part.strip()
        targets = [m.group("id") for m in _REF.finditer(words)]
        name = _REF.sub("", words).strip()
        out.append((name, targets))
    return out


def _links_of(
    raw: Any, mapping_file: PurePath
) -> tuple[dict[tuple[str, str], bool], dict[str, str], str, dict[tuple[str, str], str]]:
    """Links (key item, other item) -> unchanged?, the tag per key item, the version the
    keys belong to, and each link's own word (``MERGED TO``, ``COVERED BY``...)."""
    if not isinstance(raw, dict):
        raise DataError(
            [Problem(message="expected a mapping of requirement -> tags", source=str(mapping_file))]
        )
    links: dict[tuple[str, str], bool] = {}
    reasons: dict[tuple[str, str], str] = {}
    notes: dict[str, str] = {}
    versions: set[str] = set()
    for key, value in raw.items():
        ref = _REF.fullmatch(str(key))
        if ref is None:
            raise DataError(
                [
                    Problem(
                        message=f"{excerpt(key)} is not a requirement reference",
                        source=str(mapping_file),
                        path=(str(key),),
                    )
                ]
            )
        item = ref.group("id")
        versions.add(ref.group("version"))
        if isinstance(value, dict | list) and len(value) != 1:
            raise DataError(
                [
                    Problem(
                        message=f"{excerpt(key)}: expected one tag, got {len(value)}",
                        source=str(mapping_file),
                        path=(str(key),),
                    )
                ]
            )
        tag = next(iter(value.values())) if isinstance(value, dict) else value
        tag = tag[0] if isinstance(tag, list) else tag
        if _REF.fullmatch(str(tag).strip()):  # a bare "v5.0.0-1.1.1": renumbered, same text
            tag = f"MOVED TO {tag}"
        parts = parse_tag(str(tag))
        names = {name for name, _ in parts}
        changed = bool(names & {"MODIFIED", "GRAMMAR"}) or "DELETED" in names
        for name, targets in parts:
            if name in _LINKING:
                for target in targets:
                    links[(item, target)] = links.get((item, target), False) or not changed
                    reasons.setdefault((item, target), name)
        notes[item] = str(tag)
    if len(versions) != 1:
        raise DataError(
            [
                Problem(
                    message=f"keys mix versions: {', '.join(sorted(versions))}",
                    source=str(mapping_file),
                )
            ]
        )
    return links, notes, versions.pop(), reasons


def asvs_mapping(data: Any, *, path: PurePath, source: Catalogue, target: Catalogue) -> Mapping:
    """A mapping from an ASVS transition file (``mapping_v4.0.3_to_v5.0.0.yml``).

    Every tag with targets (MOVED TO, SPLIT TO, MERGED TO, COVERED BY, DEPRECATED BY, and the
    FROM forms of a backward file) is a link; a link is ``unchanged`` when the item was not
    also tagged MODIFIED or GRAMMAR. Items with no target are removed (DELETED, with its
    reason as note) or added; the relations are the canonical ones for those links.
    A backward file (new -> old) is read the other way round.
    """
    mapping_file = path
    links, notes, keyed, reasons = _links_of(data, mapping_file)
    name = mapping_file.name
    if keyed not in (source.version, target.version):
        raise DataError(
            [
                Problem(
                    message=f"the file's requirements are of version {keyed}, neither "
                    f"{source.version} nor {target.version}",
                    source=str(mapping_file),
                )
            ]
        )
    forward = keyed == source.version
    if not forward:
        links = {(b, a): same for (a, b), same in links.items()}
        reasons = {(b, a): word for (a, b), word in reasons.items()}
    linked_s = {a for a, _ in links}
    linked_t = {b for _, b in links}
    return Mapping.from_links(
        links,
        framework=source.framework,
        source_version=source.version,
        target_version=target.version,
        removed=[item.id for item in source.items if item.id not in linked_s],
        added=[item.id for item in target.items if item.id not in linked_t],
        facts=LinkAnnotations(
            method="published", reasons=reasons, removed_notes=notes if forward else {}
        ),
        info=MappingInfo(
            title=f"OWASP ASVS {source.version} -> {target.version}",
            notes=f"Imported from {name}",
        ),
        sort=False,
        source=source,
        target=target,
    )
