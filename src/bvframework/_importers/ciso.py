"""CISO Assistant libraries in: a framework library -> a catalogue (and its
``scores_definition`` -> a scale), a mapping library -> a crosswalk mapping.

Pure conversion: parsed YAML in (a :class:`Document`, so problems carry line numbers),
models out. Every malformed node is one located problem; all of them are reported at once
(up to :data:`MAX_PROBLEMS`).

How a framework becomes a catalogue:

- each *assessable* requirement node is an item: its ``ref_id`` is the item ID (made an ID
  where it is not one: ``AC-2(1)`` -> ``AC-2.1``, the ``ref_id`` then kept as a code of the
  ``ciso-ref-id`` numbering scheme), its ``name`` the label, ``name. description`` the text,
  its node URN the evidence;
- its nearest non-assessable ancestor is its theme (a node with no such ancestor sits in a
  theme named after the framework);
- node URNs are kept: the catalogue's ``identifiers.urn`` template is the URN prefix the
  nodes share, and a node whose URN the template does not give is listed in the
  ``ciso-urn`` numbering scheme, so an export names every item as CISO Assistant does.

CISO Assistant's loader needs a library ``urn``, ``ref_id``, ``locale``, ``version`` and
``objects``; a framework ``urn`` and ``ref_id``; a node ``urn``; a mapping set ``urn``,
``name``, both framework URNs and at least one mapping, each with both requirement URNs and a
``relationship``. The same is required here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping as MappingABC
from typing import Any, NoReturn

from .._catalogues.model import Catalogue
from .._core.document import Document
from .._core.errors import DataError, KeyPath, Problem
from .._core.schema import excerpt, matches
from .._scales.model import Scale
from .common import LibraryKind, build_catalogue

__all__ = [
    "MAX_PROBLEMS",
    "ciso_catalogue",
    "ciso_kind",
    "ciso_scale",
    "split_name",
]

MAX_PROBLEMS = 50
URN_SCHEME = "ciso-urn"
REF_SCHEME = "ciso-ref-id"
_VERSION = re.compile(r"^(?:v|rev|r)?\d[A-Za-z0-9._]*$")
_ENHANCEMENT = re.compile(r"\((\w+)\)")
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]+")
_REQ_NODE = re.compile(r"^(urn:[^:]+:risk:req_node:[^:]+:)")


class _Problems:
    """Problems found in one library, located through its document, bounded in number."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.found: list[Problem] = []

    def add(self, message: str, path: KeyPath) -> None:
        self.found.append(self.doc.problem(message, path))
        if len(self.found) >= MAX_PROBLEMS:
            self.found.append(
                self.doc.problem(f"more than {MAX_PROBLEMS} problems; stopped reading")
            )
            raise DataError(self.found)

    def fail(self, message: str, path: KeyPath = ()) -> NoReturn:
        """Stop at a problem nothing more can be read past (with any found before it)."""
        self.found.append(self.doc.problem(message, path))
        raise DataError(self.found)

    def raise_any(self) -> None:
        if self.found:
            raise DataError(self.found)


def split_name(ref: str) -> tuple[str, str] | None:
    """A framework and version from a CISO library or framework name (the last part of its
    URN), where the name ends in a version.

    >>> split_name("iso27001-2022"), split_name("nist-sp-800-53-rev5"), split_name("soc2")
    (('iso27001', '2022'), ('nist-sp-800-53', 'rev5'), None)
    """
    head, dash, tail = ref.rpartition("-")
    if dash and head and _VERSION.match(tail):
        return head, tail
    return None


def _tail(urn: str) -> str:
    return urn.rsplit(":", 1)[-1]


def _as_id(text: str) -> str:
    """An item ID for a ``ref_id``: enhancements ``(1)`` as ``.1`` (NIST and CISO write
    ``AC-2(1)``, OSCAL ``ac-2.1``), anything else not allowed in an ID as ``-``."""
    out = _ENHANCEMENT.sub(r".\1", text.strip())
    out = _NOT_ID.sub("-", out).strip("-._")
    return out or "node"


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def ciso_kind(doc: Document) -> LibraryKind:
    """Whether a library holds a framework or a mapping set.

    :raises DataError: not a CISO Assistant library, or neither kind.
    """
    data = doc.data
    objects = data.get("objects") if isinstance(data, dict) else None
    if not isinstance(objects, dict):
        raise DataError(
            [doc.problem("not a CISO Assistant library: expected an 'objects' mapping")]
        )
    if "framework" in objects or "frameworks" in objects:
        return "framework"
    if "requirement_mapping_set" in objects or "requirement_mapping_sets" in objects:
        return "mapping"
    held = ", ".join(sorted(objects)) or "nothing"
    raise DataError(
        [
            doc.problem(
                f"holds {held}: bvframework reads CISO Assistant frameworks and mapping sets",
                ("objects",),
            )
        ]
    )


def _library_head(doc: Document, problems: _Problems) -> dict[str, Any]:
    data = doc.data
    for key in ("urn", "ref_id", "locale", "version", "objects"):
        if key not in data:
            problems.add(f"a library needs {key!r}", ())
    urn = data.get("urn")
    if urn is not None and not (isinstance(urn, str) and urn.lower().startswith("urn:")):
        problems.add(f"the library urn {excerpt(urn)} is not a URN", ("urn",))
    return dict(data)


def _one(doc: Document, problems: _Problems, names: tuple[str, str], index: int | None) -> Any:
    """The one object under ``objects.<singular>`` or ``objects.<plural>[index]``, and its
    path."""
    objects = doc.data["objects"]
    singular, plural = names
    if singular in objects:
        return objects[singular], ("objects", singular)
    many = objects[plural]
    if not isinstance(many, list) or not many:
        problems.fail("expected a non-empty list", ("objects", plural))
    if index is None and len(many) > 1:
        problems.fail(f"holds {len(many)} {plural}: choose one with index", ("objects", plural))
    chosen = index or 0
    if not 0 <= chosen < len(many):
        problems.fail(f"has no {singular} {chosen} (0 to {len(many) - 1})", ("objects", plural))
    return many[chosen], ("objects", plural, chosen)


# -- frameworks -------------------------------------------------------------------------
def _framework(doc: Document, index: int | None) -> tuple[dict[str, Any], KeyPath, _Problems]:
    problems = _Problems(doc)
    if ciso_kind(doc) != "framework":
        raise DataError([doc.problem("is a mapping library, not a framework library")])
    _library_head(doc, problems)
    framework, where = _one(doc, problems, ("framework", "frameworks"), index)
    if not isinstance(framework, dict):
        problems.fail("expected a mapping", where)
    for key in ("urn", "ref_id"):
        if not isinstance(framework.get(key), str):
            problems.add(f"a framework needs {key!r} (text)", where)
    return framework, where, problems


def _names(
    framework: MappingABC[str, Any], library: MappingABC[str, Any], given: tuple[str | None, ...]
) -> tuple[str, str]:
    """The catalogue's framework and version: given, else from the framework's URN."""
    urn = str(framework.get("urn") or library.get("urn") or "ciso")
    split = split_name(_tail(urn).lower())
    name, version = split or (_tail(urn).lower(), f"v{library.get('version', 1)}")
    framework_name = given[0] or _as_id(name)
    return framework_name, given[1] or _as_id(version)


def ciso_catalogue(
    doc: Document,
    *,
    framework: str | None = None,
    version: str | None = None,
    index: int | None = None,
) -> Catalogue:
    """The catalogue a CISO Assistant framework library describes (see the module's
    docstring for how nodes become themes and items).

    ``framework``/``version`` name it (default: from the framework URN,
    ``urn:intuitem:risk:framework:iso27001-2022`` -> ``iso27001``/``2022``); ``index``
    chooses one of several frameworks in one library.

    :raises DataError: not a framework library, or malformed nodes (each one located).
    """
    fw, where, problems = _framework(doc, index)
    library = doc.data
    name, ver = _names(fw, library, (framework, version))
    nodes = fw.get("requirement_nodes")
    if not isinstance(nodes, list) or not nodes:
        problems.fail("a framework needs requirement_nodes (a non-empty list)", where)
    by_urn: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for n, node in enumerate(nodes):
        path = (*where, "requirement_nodes", n)
        if not isinstance(node, dict):
            problems.add(f"a requirement node must be a mapping, not {excerpt(node)}", path)
            continue
        urn = node.get("urn")
        if not isinstance(urn, str) or not urn.strip():
            problems.add("a requirement node needs a 'urn' (text)", path)
            continue
        key = urn.lower()
        if key in by_urn:
            problems.add(f"duplicate urn {excerpt(urn)}", (*path, "urn"))
            continue
        ref_id = node.get("ref_id")
        if isinstance(ref_id, bool) or (ref_id is not None and not isinstance(ref_id, str | int)):
            problems.add(f"ref_id {excerpt(ref_id)} is not text; quote it", (*path, "ref_id"))
            continue
        for field in ("name", "description"):
            if node.get(field) is not None and not isinstance(node[field], str):
                problems.add(f"{field} must be text, not {excerpt(node[field])}", (*path, field))
        parent = node.get("parent_urn")
        if parent is not None and (not isinstance(parent, str) or parent.lower() not in by_urn):
            problems.add(
                f"parent_urn {excerpt(parent)} names no node above this one", (*path, "parent_urn")
            )
            continue
        by_urn[key] = node | {"_path": path}
        order.append(key)
    problems.raise_any()

    def ancestors(key: str) -> list[str]:
        out = []
        parent = by_urn[key].get("parent_urn")
        while parent is not None:
            out.append(parent.lower())
            parent = by_urn[parent.lower()].get("parent_urn")
        return out

    root_title = _text(fw.get("name")) or str(fw.get("ref_id"))
    themes: dict[str, dict[str, Any]] = {}
    theme_ids: dict[str, str] = {}
    item_ids: dict[str, str] = {}
    ref_codes: dict[str, str] = {}
    urns: dict[str, str] = {}
    for key in order:
        node = by_urn[key]
        if not node.get("assessable"):
            continue
        heads = [a for a in ancestors(key) if not by_urn[a].get("assessable")]
        head = heads[0] if heads else ""
        if head not in themes:
            theme_node = by_urn.get(head, {})
            raw = theme_node.get("ref_id")
            theme_id = _as_id(str(raw) if raw is not None else _tail(head) or "framework")
            while theme_id in theme_ids.values():
                theme_id += "-"
            theme_ids[head] = theme_id
            title = _text(theme_node.get("name")) or (str(raw) if raw else root_title)
            themes[head] = {"id": theme_id, "title": title, "items": []}
            if _text(theme_node.get("description")):
                themes[head]["description"] = _text(theme_node["description"])
        raw_ref = node.get("ref_id")
        ref = str(raw_ref) if raw_ref is not None else _tail(key)
        item_id = _as_id(ref)
        if item_id in item_ids.values():
            problems.add(
                f"ref_id {ref!r} gives item ID {item_id!r}, which an earlier node has",
                (*node["_path"], "ref_id"),
            )
            continue
        item_ids[key] = item_id
        if ref != item_id:
            ref_codes[ref] = item_id
        urns[item_id] = node["urn"]
        label = _text(node.get("name"))
        words = [w for w in (label, _text(node.get("description"))) if w]
        item: dict[str, Any] = {"id": item_id, "evidence": [node["urn"]]}
        if label:
            item["label"] = label
        if words:
            item["text"] = ". ".join(w.rstrip(".") for w in words) + "."
        themes[head]["items"].append(item)
    problems.raise_any()
    if not item_ids:
        problems.fail("has no assessable requirement node: nothing to assess", where)
    # the URN template: the prefix every node URN shares, as CISO Assistant writes them
    prefixes = {found.group(1) for u in urns.values() if (found := _REQ_NODE.match(u.lower()))}
    template = f"{prefixes.pop()}{{id}}" if len(prefixes) == 1 else None
    own = {
        urn.lower(): item_id
        for item_id, urn in urns.items()
        if template is None or template.replace("{id}", item_id).lower() != urn.lower()
    }
    numbering = []
    if ref_codes:
        numbering.append(
            {
                "id": REF_SCHEME,
                "title": "CISO Assistant ref_id",
                "codes": {k: v for k, v in ref_codes.items() if k not in item_ids.values()},
            }
        )
    if own:
        numbering.append({"id": URN_SCHEME, "title": "CISO Assistant node URN", "codes": own})
    published = library.get("publication_date")
    if isinstance(published, dt.date):
        published = published.isoformat()
    who = [f"{k} {library[k]}" for k in ("provider", "packager") if _text(library.get(k))]
    notes = f"From CISO Assistant library {library.get('urn')} version {library.get('version')}"
    notes += f" ({', '.join(who)})." if who else "."
    return build_catalogue(
        framework=name,
        version=ver,
        title=_text(fw.get("name")) or _text(library.get("name")) or str(fw["ref_id"]),
        themes=list(themes.values()),
        source=doc.source or str(library.get("urn")),
        published=published
        if isinstance(published, str) and matches(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$", published)
        else None,
        licence=_text(library.get("copyright")),
        expected_items=len(item_ids),
        notes=notes,
        numbering=numbering or None,
        identifiers={"urn": template} if template else None,
    )


def ciso_scale(doc: Document, *, index: int | None = None, scale_id: str | None = None) -> Scale:
    """The scale a framework scores its requirements on: ``min_score``..``max_score``, each
    score a level (worst first) named by ``scores_definition`` where it names it, on equal
    bands of the delivery axis.

    :raises DataError: the framework states no scores, or malformed ones (each located).
    """
    fw, where, problems = _framework(doc, index)
    low, high = fw.get("min_score"), fw.get("max_score")
    definitions = fw.get("scores_definition") or []
    named: dict[int, dict[str, Any]] = {}
    if not isinstance(definitions, list):
        problems.add("scores_definition must be a list", (*where, "scores_definition"))
        definitions = []
    for s, entry in enumerate(definitions):
        path = (*where, "scores_definition", s)
        score = entry.get("score") if isinstance(entry, dict) else None
        if not isinstance(score, int) or isinstance(score, bool):
            problems.add("a score definition needs an integer 'score'", path)
        elif score in named:
            problems.add(f"score {score} is defined twice", path)
        else:
            named[score] = entry
    for key, value in (("min_score", low), ("max_score", high)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            problems.add(f"{key} must be an integer, not {excerpt(value)}", (*where, key))
    problems.raise_any()
    if low is None and high is None and not named:
        problems.fail(
            "the framework states no scores (min_score, max_score, scores_definition)", where
        )
    low = low if low is not None else min(named, default=0)
    high = high if high is not None else max(named, default=100)
    if high <= low or high - low > 100:
        problems.add(f"scores {low} to {high} are not a scale of 2 to 101 levels", where)
    for score in named:
        if not low <= score <= high:
            problems.add(f"score {score} is outside min_score..max_score ({low}..{high})", where)
    problems.raise_any()
    count = high - low + 1
    levels = []
    for i, score in enumerate(range(low, high + 1)):
        entry = named.get(score, {})
        level: dict[str, Any] = {
            "id": str(score),
            "band": [round(i / count, 6), round((i + 1) / count, 6)],
        }
        if _text(entry.get("name")):
            level["label"] = _text(entry["name"])
        if _text(entry.get("description")):
            level["meaning"] = _text(entry["description"])
        levels.append(level)
    name = _tail(str(fw["urn"])).lower()
    return Scale.from_dict(
        {
            "id": scale_id or _as_id(f"ciso-{name}"),
            "title": f"{_text(fw.get('name')) or fw['ref_id']}: scores {low} to {high}",
            "source": f"CISO Assistant framework {fw['urn']} (scores_definition)",
            "note": "Each score is an equal band of the delivery axis, worst first: a "
            "modelling choice, as CISO Assistant states no bands.",
            "levels": levels,
        },
        filename=doc.source,
    )
