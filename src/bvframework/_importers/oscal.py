"""OSCAL catalogs (JSON or YAML): groups -> themes, controls and enhancements -> items."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from .._catalogues.model import Catalogue
from .._core.errors import DataError, KeyPath, Problem, format_path
from .._core.schema import excerpt
from .._mappings.model import Mapping
from .._mappings.relation import LinkAnnotations, MappingInfo
from .common import build_catalogue, slug

__all__ = ["oscal_catalogue", "oscal_mapping", "withdrawal_links"]

_PARAM = re.compile(r"\{\{\s*insert:\s*param,\s*([^}\s]+)\s*\}\}")


# The parts of an OSCAL catalog this importer reads, and the type each must have: a field
# name -> type, or -> a nested shape (a dict) or a list of one (a one-element list).
_PART: dict[str, Any] = {"name": str, "prose": str}
_PART["parts"] = [_PART]
_CONTROL: dict[str, Any] = {
    "id": str,
    "title": str,
    "parts": [_PART],
    "params": [{"id": str, "label": str, "select": {"choice": [str]}}],
    "props": [{"name": str}],
    "links": [{"href": str, "rel": str}],
}
_CONTROL["controls"] = [_CONTROL]
_CATALOG = {
    "metadata": {"title": str, "version": str},
    "groups": [{"id": str, "title": str, "controls": [_CONTROL]}],
}
_REQUIRED = {"groups", "id"}
_MAX_PROBLEMS = 20


def _shape(value: Any, shape: Any, path: KeyPath, problems: list[Problem], source: str) -> None:
    """Check ``value`` against ``shape``; only the fields read here are looked at."""
    if len(problems) >= _MAX_PROBLEMS:
        return
    where = format_path(("catalog", *path))
    if isinstance(shape, list):
        if not isinstance(value, list):
            problems.append(Problem(message=f"{where}: expected a list", source=source))
            return
        for i, item in enumerate(value):
            _shape(item, shape[0], (*path, i), problems, source)
    elif isinstance(shape, dict):
        if not isinstance(value, dict):
            problems.append(Problem(message=f"{where}: expected an object", source=source))
            return
        for key, sub in shape.items():
            if key in value:
                _shape(value[key], sub, (*path, key), problems, source)
            elif key in _REQUIRED and (key != "id" or "title" in shape):
                problems.append(Problem(message=f"{where}: missing {key!r}", source=source))
    elif not isinstance(value, shape) or isinstance(value, bool):
        problems.append(
            Problem(
                message=f"{where}: expected a {shape.__name__}, got {excerpt(value)}", source=source
            )
        )


def _catalog(data: Any, path: PurePath) -> dict[str, Any]:
    """The ``catalog`` object, checked in every field this importer reads.

    :raises DataError: not an OSCAL catalog, or a field of the wrong type (all listed, up to
        20, with where they are).
    """
    catalog = data.get("catalog") if isinstance(data, dict) else None
    if not isinstance(catalog, dict) or not isinstance(catalog.get("groups"), list):
        raise DataError(
            [Problem(message="not an OSCAL catalog: expected catalog.groups", source=str(path))]
        )
    problems: list[Problem] = []
    _shape(catalog, _CATALOG, (), problems, str(path))
    if problems:
        raise DataError(problems)
    return catalog


def _walk(controls: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for control in controls:
        yield control
        yield from _walk(control.get("controls", []))


def _prop(control: dict[str, Any], name: str) -> str | None:
    for prop in control.get("props", []):
        if prop.get("name") == name:
            return str(prop.get("value"))
    return None


def is_withdrawn(control: dict[str, Any]) -> bool:
    return (_prop(control, "status") or "").casefold() == "withdrawn"


def _prose(parts: list[dict[str, Any]], params: dict[str, str]) -> Iterator[str]:
    for part in parts:
        if part.get("prose"):
            yield _PARAM.sub(lambda m: f"[{params.get(m.group(1), m.group(1))}]", part["prose"])
        yield from _prose(part.get("parts", []), params)


def statement(control: dict[str, Any]) -> str:
    """The control's statement prose, parameters shown as their labels."""
    params = {
        p["id"]: p.get("label") or next(iter(p.get("select", {}).get("choice", [])), p["id"])
        for p in control.get("params", [])
        if "id" in p
    }
    statements = [p for p in control.get("parts", []) if p.get("name") == "statement"]
    return " ".join(_prose(statements, params)).strip()


def oscal_catalogue(
    data: Any,
    *,
    path: PurePath,
    framework: str | None = None,
    version: str | None = None,
    include_withdrawn: bool = False,
) -> Catalogue:
    """A catalogue from an OSCAL catalog: each group a theme, each control and enhancement an
    item (text: title and statement prose). Withdrawn controls are left out unless asked."""
    catalog = _catalog(data, path)
    meta = catalog.get("metadata", {})
    themes = []
    for group in catalog["groups"]:
        items = []
        for control in _walk(group.get("controls", [])):
            if is_withdrawn(control) and not include_withdrawn:
                continue
            parts = [str(control.get("title", "")).strip(), statement(control)]
            text = ". ".join(p for p in parts if p)
            item: dict[str, Any] = {"id": control["id"], "evidence": [f"{path.name}"]}
            if text:
                item["text"] = text
            if is_withdrawn(control):
                item["kind"] = "withdrawn"
            items.append(item)
        themes.append({"id": group["id"], "title": group.get("title", group["id"]), "items": items})
    title = str(meta.get("title", path.stem))
    return build_catalogue(
        framework=framework or slug(path.stem.split("_rev")[0].lower().replace("_", "-")),
        version=version or slug(str(meta.get("version", path.stem))),
        title=title,
        themes=themes,
        source=str(path),
        expected_items=sum(1 for t in themes for i in t["items"] if "kind" not in i),
    )


def withdrawal_links(data: Any, *, path: PurePath) -> dict[str, tuple[str, list[str]]]:
    """Withdrawn control -> (rel, target control IDs) from ``incorporated-into``/``moved-to``.

    Links point at controls or at their statement parts (``#ac-2_smt.k``); both give the
    control ``ac-2``.
    """
    out: dict[str, tuple[str, list[str]]] = {}
    for control, pairs in _withdrawals(data, path).items():
        rel = pairs[0][0] if pairs else "withdrawn"
        out[control] = (rel, list(dict.fromkeys(target for _, target in pairs)))
    return out


def _withdrawals(data: Any, path: PurePath) -> dict[str, list[tuple[str, str]]]:
    """Withdrawn control -> its (rel, target control) links, each as the catalog words it."""
    out: dict[str, list[tuple[str, str]]] = {}
    for group in _catalog(data, path)["groups"]:
        for control in _walk(group.get("controls", [])):
            if not is_withdrawn(control):
                continue
            out[control["id"]] = [
                (str(ln["rel"]), ln["href"].lstrip("#").split("_")[0])
                for ln in control.get("links", [])
                if ln.get("rel") in ("incorporated-into", "moved-to")
            ]
    return out


def oscal_mapping(old: Catalogue, new_data: Any, *, path: PurePath, new: Catalogue) -> Mapping:
    """The published mapping ``old`` -> ``new`` that the new catalog itself states.

    IDs active in both are linked 1:1 (``unchanged`` when the text is identical, else
    ``reworded``); an old control withdrawn in the new catalog links to its
    ``incorporated-into``/``moved-to`` targets, or is removed when it has none; new IDs are
    added.
    """
    withdrawn = withdrawal_links(new_data, path=path)
    words = {
        (old_id, target): rel
        for old_id, pairs in _withdrawals(new_data, path).items()
        for rel, target in pairs
    }
    new_items = {item.id: item for item in new.items}
    links: dict[tuple[str, str], bool] = {}
    removed = []
    for item in old.items:
        if item.id in new_items:
            links[(item.id, item.id)] = item.text == new_items[item.id].text
        elif any(t in new_items for t in withdrawn.get(item.id, ("", []))[1]):
            for target in withdrawn[item.id][1]:
                if target in new_items:
                    links[(item.id, target)] = False
        else:  # withdrawn with no link, or only into controls that are gone too
            removed.append(item.id)
    linked = {t for _, t in links}
    return Mapping.from_links(
        links,
        framework=old.framework,
        source_version=old.version,
        target_version=new.version,
        removed=removed,
        added=[t for t in new_items if t not in linked],
        facts=LinkAnnotations(
            method="published", reasons={link: words[link] for link in links if link in words}
        ),
        info=MappingInfo(notes=f"Derived from the withdrawn controls' links in {path.name}"),
        sort=False,
        source=old,
        target=new,
    )
