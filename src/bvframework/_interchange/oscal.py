"""OSCAL mapping collections (model 1.2.1): export a mapping, import another tool's.

A map per link, its ``relationship`` the link's set relationship. OSCAL cannot say
"removed" or "added" (a map needs sources and targets), and its specification says nothing
may be inferred from what is not mapped; so an export lists removed and added items in the
gap summaries, and an imported collection is ``complete: false``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .._core.errors import DataError, KeyPath, Problem, format_path
from .._core.schema import excerpt
from .._core.vocab import MAPPING_STATUSES, MATCHING_RATIONALES, RELATIONSHIPS, ProvenanceMethod
from .._mappings.details import Provenance
from .._mappings.model import Mapping
from .common import (
    LinkCollector,
    choice,
    content_digest,
    export_provenance,
    link_facts,
    removed_and_added,
    side_name,
    stable_uuid,
)

__all__ = ["OSCAL_VERSION", "PROPS_NS", "XML_REFUSED", "from_oscal", "refuse_xml", "to_oscal"]

OSCAL_VERSION = "1.2.1"
# The namespace of the props bvframework adds (framework, version, change, reason, method):
# OSCAL asks that names outside its own vocabulary carry one.
PROPS_NS = "urn:bvframework:oscal"
_STATEMENT = re.compile(r"_smt(\.|$)")
# Words other tools (and OSCAL before 1.2) use for what 1.2 calls human / automation.
_METHODS: dict[str, ProvenanceMethod] = {
    "human": "human",
    "manual": "human",
    "automation": "automation",
    "automated": "automation",
    "hybrid": "hybrid",
}
_NO_RELATIONSHIP = "no-relationship"
XML_REFUSED = (
    "is XML: bvframework reads OSCAL as JSON or YAML, not XML. Convert it to JSON (with "
    "NIST's oscal-cli, its convert command with --to=json, or compliance-trestle) and "
    "import the JSON file"
)
_MAX_NESTING = 64
_MAX_PROBLEMS = 20


# -- export ----------------------------------------------------------------------------
def _item(item_id: str) -> dict[str, str]:
    return {"type": "statement" if _STATEMENT.search(item_id) else "control", "id-ref": item_id}


def _props(**values: str | None) -> list[dict[str, str]]:
    return [
        {"name": name, "ns": PROPS_NS, "value": " ".join(value.split())}
        for name, value in values.items()
        if value is not None and value.strip()
    ]


def _resource(framework: str, version: str) -> dict[str, Any]:
    return {
        "type": "catalog",
        "href": f"urn:bvframework:{framework}:{version}",
        "props": _props(framework=framework, version=version),
    }


# OSCAL's with-ids are tokens (NCNames: a letter or _ first); other IDs (ASVS's 1.2.3) are
# written as literal glob patterns, their glob characters escaped as [c].
_TOKEN = re.compile(r"^[^\W\d][\w.-]*$")
_GLOB = re.compile(r"([*?\[\]])")
_ESCAPED = re.compile(r"\[([*?\[\]])\]")


def _gap(mapping: Mapping, side: str, items: Sequence[str]) -> dict[str, Any]:
    select: dict[str, Any] = {}
    tokens = [i for i in items if _TOKEN.match(i)]
    others = [i for i in items if not _TOKEN.match(i)]
    if tokens:
        select["with-ids"] = tokens
    if others:
        select["matching"] = [{"pattern": _GLOB.sub(r"[\1]", i)} for i in others]
    return {
        "uuid": stable_uuid(mapping.key, f"{side}-gap", *items),
        "unmapped-controls": [select],
    }


def _gap_items(select: dict[str, Any]) -> tuple[list[str], int]:
    """The IDs a select-control-by-id names (with-ids, and matching patterns that are
    literal IDs), and how many patterns were real globs (not read)."""
    ids = [str(i) for i in select.get("with-ids", [])]
    globs = 0
    for match in select.get("matching", []):
        pattern = str(match.get("pattern", "")) if isinstance(match, dict) else ""
        literal = _ESCAPED.sub("", pattern)
        if any(c in literal for c in "*?[]") or not pattern:
            globs += 1
        else:
            ids.append(_ESCAPED.sub(r"\1", pattern))
    return ids, globs


def to_oscal(mapping: Mapping, *, date: str | None = None) -> dict[str, Any]:
    """The mapping as an OSCAL ``mapping-collection`` (1.2.1), ready for ``json.dumps``.

    UUIDs are version 5, derived from content: the collection's from the whole mapping
    (a revised mapping gets a new one, as OSCAL asks), each map's from the transition and
    its link (the same link keeps its UUID across revisions). ``date`` (YYYY-MM-DD) is
    ``last-modified``; see :func:`~bvframework._interchange.common.export_date`.
    """
    provenance = export_provenance(mapping, date)
    digest = content_digest(mapping)
    maps = []
    for fact in link_facts(mapping):
        entry: dict[str, Any] = {
            "uuid": stable_uuid(mapping.key, "map", fact.source, fact.target),
            "relationship": fact.relationship,
            "sources": [_item(fact.source)],
            "targets": [_item(fact.target)],
        }
        if fact.confidence is not None:
            entry["confidence-score"] = {"percentage": fact.confidence}
        props = _props(
            change=fact.kind if fact.kind in ("unchanged", "reworded") else None,
            method=fact.method,
            reason=fact.reason,
        )
        if props:
            entry["props"] = props
        if fact.note:
            entry["remarks"] = fact.note
        maps.append(entry)
    if not maps:
        raise DataError(
            [
                Problem(
                    message=f"{mapping.key} links no items: an OSCAL mapping needs at least "
                    "one map (removed and added items alone cannot be written)",
                    source=mapping.key,
                )
            ]
        )
    removed, added = removed_and_added(mapping)
    body: dict[str, Any] = {
        "uuid": stable_uuid(mapping.key, "mapping"),
        "source-resource": _resource(mapping.framework, mapping.source_version),
        "target-resource": _resource(mapping.target_framework, mapping.target_version),
        "maps": maps,
    }
    if removed:
        body["source-gap-summary"] = _gap(mapping, "source", removed)
    if added:
        body["target-gap-summary"] = _gap(mapping, "target", added)
    title = mapping.title or f"{mapping.source_key} -> {mapping.target_key}"
    description = mapping.notes or title
    provenance_out: dict[str, Any] = {
        "method": provenance.method,
        "matching-rationale": provenance.matching_rationale,
        "status": provenance.status,
        "mapping-description": description,
    }
    if provenance.licence:
        provenance_out["props"] = _props(licence=provenance.licence)
    return {
        "mapping-collection": {
            "uuid": stable_uuid("collection", digest),
            "metadata": {
                "title": " ".join(title.split()),
                "last-modified": f"{provenance.date}T00:00:00Z",
                "version": f"sha256:{digest[:16]}",
                "oscal-version": OSCAL_VERSION,
            },
            "provenance": provenance_out,
            "mappings": [body],
        }
    }


# -- import ----------------------------------------------------------------------------
class _Reader:
    """Reads one mapping-collection, collecting every problem with where it is."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def fail(self, path: KeyPath, message: str) -> None:
        if len(self.problems) < _MAX_PROBLEMS:
            where = format_path(("mapping-collection", *path))
            self.problems.append(Problem(message=f"{where}: {message}", source=self.source))

    def obj(self, value: Any, path: KeyPath) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.fail(path, f"expected an object, got {excerpt(value)}")
        return {}

    def items(self, value: Any, path: KeyPath) -> list[Any]:
        if isinstance(value, list):
            return value
        self.fail(path, f"expected a list, got {excerpt(value)}")
        return []

    def text(self, value: Any, path: KeyPath) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.fail(path, f"expected text, got {excerpt(value)}")
        return None


def _our_props(raw: dict[str, Any]) -> dict[str, str]:
    return {
        str(p.get("name")): str(p.get("value"))
        for p in raw.get("props", ())
        if isinstance(p, dict) and p.get("ns") == PROPS_NS and "value" in p
    }


def _side(resource: dict[str, Any], given: tuple[str, str] | None, role: str) -> tuple[str, str]:
    """A side's framework and version: given, else bvframework's props, else the href."""
    if given is not None:
        return given
    props = _our_props(resource)
    if "framework" in props and "version" in props:
        return props["framework"], props["version"]
    href = str(resource.get("href", ""))
    parts = [p for p in re.split(r"[/\\:]", href) if p and p not in (".", "..")]
    stem = parts[-1].rsplit(".", 1)[0] if parts else role
    if stem.lower() in ("catalog", "profile", "resolved-profile_catalog") and len(parts) > 1:
        stem = parts[-2]
    return side_name(stem, role), "unversioned"


def refuse_xml(text: str, source_name: str) -> None:
    """Refuse OSCAL XML, saying what to do instead (XML is not read: a safe, bounded XML
    reader is a dependency no other format needs, and NIST's tools convert losslessly).

    :raises DataError: the text is XML.
    """
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        raise DataError([Problem(message=XML_REFUSED, source=source_name)])


def _hyphenated(value: Any, depth: int = 0) -> Any:
    """Every key spelled as OSCAL's JSON spells it: ``id_ref`` -> ``id-ref`` (the Python
    field names compliance-trestle also reads and writes)."""
    if depth > _MAX_NESTING:
        return value
    if isinstance(value, dict):
        return {
            (k.replace("_", "-") if isinstance(k, str) else k): _hyphenated(v, depth + 1)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_hyphenated(v, depth + 1) for v in value]
    return value


def _collection(data: Any, source_name: str) -> Any:
    """The mapping-collection object, however a tool wrote it: OSCAL's spelling or
    compliance-trestle's field names; a lone ``mapping`` (trestle's model root) as a
    collection of one."""
    if isinstance(data, str):
        refuse_xml(data, source_name)
    if not isinstance(data, dict):
        return None
    data = _hyphenated(data)
    if isinstance(data.get("mapping-collection"), dict):
        return data["mapping-collection"]
    if isinstance(data.get("mapping"), dict):
        return {"mappings": [data["mapping"]]}
    return None


def _relationship(value: Any) -> Any:
    """A map's relationship word: OSCAL 1.1+'s string, or the draft's ``{type: ...}``."""
    if isinstance(value, dict):
        return value.get("type")
    return value


def from_oscal(
    data: Any,
    *,
    source_name: str,
    source: tuple[str, str] | None = None,
    target: tuple[str, str] | None = None,
    index: int | None = None,
) -> Mapping:
    """A mapping from an OSCAL ``mapping-collection`` (1.0.4 to 1.2.x; JSON or YAML data;
    keys spelled as OSCAL does, ``id-ref``, or as compliance-trestle's fields, ``id_ref``;
    a map's relationship as a word or, as drafts wrote it, ``{type: word}``; a lone
    ``mapping`` object as a collection of one). XML is refused, saying how to convert it.

    Each map links every source to every target with its ``relationship``;
    ``no-relationship`` maps link nothing (they are counted in the notes). The gap
    summaries' controls are removed (source) and added (target). The result is
    ``complete: false``: OSCAL does not say that what is not mapped is absent. Sides are
    ``source``/``target`` (framework, version) when given, else bvframework's props, else
    read off ``href``. ``index`` picks one of several mappings in the collection.

    :raises DataError: not a mapping collection, or any field read here of the wrong shape
        (up to 20 problems, each with where it is).
    """
    reader = _Reader(source_name)
    collection = _collection(data, source_name)
    if not isinstance(collection, dict):
        raise DataError([Problem(message="not an OSCAL mapping collection", source=source_name)])
    raw_mappings = collection.get("mappings")
    mappings = [raw_mappings] if isinstance(raw_mappings, dict) else raw_mappings
    if not isinstance(mappings, list) or not mappings:
        raise DataError(
            [Problem(message="mapping-collection.mappings: expected a list", source=source_name)]
        )
    if index is None and len(mappings) > 1:
        raise DataError(
            [
                Problem(
                    message=f"holds {len(mappings)} mappings; choose one by its index "
                    f"(0 to {len(mappings) - 1})",
                    source=source_name,
                )
            ]
        )
    chosen = index or 0
    if not 0 <= chosen < len(mappings):
        raise DataError(
            [
                Problem(
                    message=f"has no mapping {chosen} (it holds {len(mappings)})",
                    source=source_name,
                )
            ]
        )
    path: KeyPath = ("mappings", chosen)
    body = reader.obj(mappings[chosen], path)
    src = _side(
        reader.obj(body.get("source-resource"), (*path, "source-resource")),
        source,
        "source",
    )
    tgt = _side(
        reader.obj(body.get("target-resource"), (*path, "target-resource")),
        target,
        "target",
    )
    found = LinkCollector()
    unrelated = 0
    for m, raw_map in enumerate(reader.items(body.get("maps"), (*path, "maps"))):
        where: KeyPath = (*path, "maps", m)
        entry = reader.obj(raw_map, where)
        relationship = _relationship(entry.get("relationship"))
        if relationship == _NO_RELATIONSHIP:
            unrelated += 1
            continue
        if relationship not in RELATIONSHIPS:
            reader.fail(
                (*where, "relationship"),
                f"unknown relationship {excerpt(relationship)} (known: "
                f"{', '.join(RELATIONSHIPS)}, {_NO_RELATIONSHIP})",
            )
            continue
        ids = {}
        for side in ("sources", "targets"):
            ids[side] = [
                reader.text(
                    reader.obj(x, (*where, side, i)).get("id-ref"), (*where, side, i, "id-ref")
                )
                for i, x in enumerate(reader.items(entry.get(side), (*where, side)))
            ]
        props = _our_props(entry)
        score = reader.obj(entry.get("confidence-score", {}), (*where, "confidence-score"))
        remark = entry.get("remarks")
        percentage = score.get("percentage")
        for s in ids["sources"]:
            for t in ids["targets"]:
                if s is None or t is None:
                    continue
                if why := found.conflict((s, t), relationship):
                    reader.fail(where, why)
                    continue
                found.add(
                    (s, t),
                    relationship,
                    words=props,
                    confidence=float(percentage)
                    if isinstance(percentage, int | float) and not isinstance(percentage, bool)
                    else None,
                    note=remark.strip() if isinstance(remark, str) and remark.strip() else None,
                )
    gaps: dict[str, list[str]] = {}
    globs = 0
    for key in ("source-gap-summary", "target-gap-summary"):
        gap = reader.obj(body.get(key, {}), (*path, key))
        gaps[key] = []
        selects = reader.items(gap.get("unmapped-controls", []), (*path, key, "unmapped-controls"))
        for c, select in enumerate(selects):
            named, skipped = _gap_items(reader.obj(select, (*path, key, "unmapped-controls", c)))
            gaps[key] += named
            globs += skipped
    meta = reader.obj(collection.get("metadata", {}), ("metadata",))
    given = reader.obj(collection.get("provenance", {}), ("provenance",))
    if reader.problems:
        raise DataError(reader.problems)
    method_word = str(given.get("method", "")).lower()
    provenance = Provenance(
        method=_METHODS.get(method_word),
        matching_rationale=choice(given.get("matching-rationale"), MATCHING_RATIONALES),
        status=choice(given.get("status"), MAPPING_STATUSES),
        date=str(meta.get("last-modified", ""))[:10] or None,
        licence=_our_props(given).get("licence"),
    )
    kept_words = [
        f"{key} {given[key]!r}"
        for key, ours in (
            ("method", provenance.method),
            ("matching-rationale", provenance.matching_rationale),
            ("status", provenance.status),
        )
        if key in given and given[key] != ours
    ]
    remarks = [
        str(given.get("mapping-description", "")).strip()
        if given.get("mapping-description") != meta.get("title")
        else "",
        f"OSCAL provenance words kept as they were: {', '.join(kept_words)}" if kept_words else "",
        f"{unrelated} maps say no-relationship" if unrelated else "",
        f"{globs} gap-summary patterns match IDs by wildcard and were not read" if globs else "",
    ]
    found.removed = dict.fromkeys(gaps["source-gap-summary"])
    found.added = dict.fromkeys(gaps["target-gap-summary"])
    return found.mapping(
        sides=(src, tgt),
        method="published" if provenance.method != "automation" else "suggested",
        provenance=provenance,
        complete=False,
        title=str(meta["title"]) if isinstance(meta.get("title"), str) else None,
        notes="; ".join(r for r in remarks if r) or None,
    )
