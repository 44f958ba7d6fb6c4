"""SSSOM (Simple Standard for Sharing Ontological Mappings) TSV: export and import.

One row per link; removed and added items are rows with ``sssom:NoTermFound`` on the other
side. Predicates carry the set relationship (SKOS: ``exactMatch`` equal or equivalent,
``broadMatch`` the target is broader, i.e. subset-of; ``narrowMatch`` superset-of;
``relatedMatch`` intersects-with); ``mapping_justification`` the method in semapv terms;
what SSSOM has no column for (unchanged or reworded, the relation's method, the source's
reason, a stated relationship) rides in ``other`` as ``key=value`` pairs, so a round trip
loses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping as MappingABC
from typing import Any
from urllib.parse import quote, unquote

from .._core.errors import DataError, Problem, UnknownReferenceError
from .._core.schema import excerpt
from .._core.vocab import (
    MAPPING_STATUSES,
    MATCHING_RATIONALES,
    PROVENANCE_METHODS,
    RELATIONSHIPS,
    Relationship,
)
from .._mappings.analysis import LinkGraph
from .._mappings.details import Provenance
from .._mappings.model import Mapping
from .common import (
    LinkCollector,
    Templates,
    choice,
    export_provenance,
    identifiers,
    link_facts,
    removed_and_added,
    side_name,
)

__all__ = [
    "COLUMNS",
    "MAPPING_SET_BASE",
    "from_sssom",
    "merge_metadata",
    "missing_columns",
    "to_sssom",
]

COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "mapping_cardinality",
    "comment",
    "other",
)
NO_TERM = "sssom:NoTermFound"
# A mapping set's ID must be an IRI; SSSOM tools read a ``urn:`` one as a CURIE with an
# unknown prefix ``urn`` (strict ``sssom parse`` refuses the file). ``.invalid`` is the
# name reserved never to resolve (RFC 2606), as the package's schemas' ``$id``s.
MAPPING_SET_BASE = "https://bvframework.invalid/mappings/"
# an entity that is a literal (its label is the entity: SSSOM 1.0 literal mappings)
_LITERAL = "rdfs literal"
# what an unknown predicate is read as: the weakest claim a link makes
_UNKNOWN_AS: Relationship = "intersects-with"
UNSPECIFIED_LICENCE = "https://w3id.org/sssom/license/unspecified"
_BUILTIN = {
    "semapv": "https://w3id.org/semapv/vocab/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sssom": "https://w3id.org/sssom/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
_PREDICATES: dict[Relationship, str] = {
    "equal-to": "skos:exactMatch",
    "equivalent-to": "skos:exactMatch",
    "subset-of": "skos:broadMatch",
    "superset-of": "skos:narrowMatch",
    "intersects-with": "skos:relatedMatch",
}
# What other tools write, read as the nearest set relationship.
_READ_PREDICATES: dict[str, Relationship] = {
    "skos:exactMatch": "equivalent-to",
    "owl:equivalentClass": "equivalent-to",
    "skos:closeMatch": "intersects-with",
    "skos:relatedMatch": "intersects-with",
    "skos:broadMatch": "subset-of",
    "rdfs:subClassOf": "subset-of",
    "skos:narrowMatch": "superset-of",
}
_JUSTIFICATIONS = {
    "curated": "semapv:ManualMappingCuration",
    "published": "semapv:ManualMappingCuration",
    "suggested": "semapv:LexicalSimilarityThresholdMatching",
    "composed": "semapv:MappingChaining",
    "identity": "semapv:UnspecifiedMatching",
    None: "semapv:UnspecifiedMatching",
}
_READ_JUSTIFICATIONS = {
    "semapv:ManualMappingCuration": "curated",
    "semapv:MappingReview": "curated",
    "semapv:LexicalMatching": "suggested",
    "semapv:LexicalSimilarityThresholdMatching": "suggested",
    "semapv:SemanticSimilarityThresholdMatching": "suggested",
    "semapv:MappingChaining": "composed",
}
_MAX_PROBLEMS = 20


# -- export ----------------------------------------------------------------------------
def _other(**values: str | None) -> str:
    return "|".join(f"{k}={quote(v, safe=' ;:/,()')}" for k, v in values.items() if v is not None)


def _label(mapping: Mapping, side: str, item: str) -> str:
    catalogue = mapping.source_catalogue if side == "source" else mapping.target_catalogue
    if catalogue is None:
        return ""
    try:
        return catalogue.item(item).label or ""
    except UnknownReferenceError:  # an item only the mapping names has no label
        return ""


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.replace("\t", " ").split())


def _yaml_header(meta: MappingABC[str, Any]) -> list[str]:
    from .._core.yamlio import dump_yaml

    return [f"# {line}" if line else "#" for line in dump_yaml(dict(meta)).splitlines()]


def to_sssom(
    mapping: Mapping,
    *,
    date: str | None = None,
    source_ids: Templates | None = None,
    target_ids: Templates | None = None,
) -> str:
    """The mapping as SSSOM TSV: a ``#`` YAML metadata block, then one row per link and per
    removed or added item. Deterministic: rows in link order, then removed, then added."""
    provenance = export_provenance(mapping, date)
    left, right = identifiers(mapping, source_ids, target_ids)
    prefixes = {left.prefix: left.iri_base, right.prefix: right.iri_base}
    meta: dict[str, Any] = {
        "curie_map": {
            **prefixes,
            **{k: _BUILTIN[k] for k in ("semapv", "skos", "sssom")},
            "bvframework": "urn:bvframework:",
        },
        "mapping_set_id": f"{MAPPING_SET_BASE}{mapping.source_key}--{mapping.target_key}",
        "mapping_set_title": mapping.title or f"{mapping.source_key} -> {mapping.target_key}",
        "license": provenance.licence or UNSPECIFIED_LICENCE,
        "mapping_date": provenance.date,
        "subject_source": f"bvframework:{mapping.framework}",
        "subject_source_version": mapping.source_version,
        "object_source": f"bvframework:{mapping.target_framework}",
        "object_source_version": mapping.target_version,
        "mapping_tool": "bvframework",
        "mapping_provider": provenance.author,
        "comment": mapping.notes,
        "other": _other(
            complete=str(mapping.complete).lower(),
            method=provenance.method,
            matching_rationale=provenance.matching_rationale,
            status=provenance.status,
        ),
    }
    graph = LinkGraph.of(mapping.links)
    rows = ["\t".join(COLUMNS)]
    stated = {d.link for d in mapping.details if d.relationship}
    for fact in link_facts(mapping):
        cells = [
            f"{left.prefix}:{fact.source}",
            _label(mapping, "source", fact.source),
            _PREDICATES[fact.relationship],
            f"{right.prefix}:{fact.target}",
            _label(mapping, "target", fact.target),
            _JUSTIFICATIONS.get(fact.method, "semapv:UnspecifiedMatching"),
            "" if fact.confidence is None else repr(fact.confidence),
            f"{'n' if graph.in_degree(fact.target) > 1 else '1'}:"
            f"{'n' if graph.out_degree(fact.source) > 1 else '1'}",
            fact.note,
            _other(
                relationship=fact.relationship if (fact.source, fact.target) in stated else None,
                **fact.words,
            ),
        ]
        rows.append("\t".join(_cell(c) for c in cells))
    removed, added = removed_and_added(mapping)
    notes = {s: r.note for r in mapping.relations if r.kind == "removed" for s in r.sources}
    methods = {
        i: r.method
        for r in mapping.relations
        if r.kind in ("removed", "added")
        for i in (*r.sources, *r.targets)
    }
    for item in removed:
        cells = [
            f"{left.prefix}:{item}",
            _label(mapping, "source", item),
            "skos:exactMatch",
            NO_TERM,
            "",
            _JUSTIFICATIONS.get(methods.get(item), "semapv:UnspecifiedMatching"),
            "",
            "1:0",
            notes.get(item),
            _other(method=methods.get(item)),
        ]
        rows.append("\t".join(_cell(c) for c in cells))
    for item in added:
        cells = [
            NO_TERM,
            "",
            "skos:exactMatch",
            f"{right.prefix}:{item}",
            _label(mapping, "target", item),
            _JUSTIFICATIONS.get(methods.get(item), "semapv:UnspecifiedMatching"),
            "",
            "0:1",
            "",
            _other(method=methods.get(item)),
        ]
        rows.append("\t".join(_cell(c) for c in cells))
    header = _yaml_header({k: v for k, v in meta.items() if v not in (None, "")})
    return "\n".join([*header, *rows]) + "\n"


# -- import ----------------------------------------------------------------------------
def _pairs(text: str) -> dict[str, str]:
    out = {}
    for part in text.split("|"):
        key, sep, value = part.partition("=")
        if sep:
            out[key.strip()] = unquote(value)
    return out


def _local(curie: str, prefixes: Iterable[str]) -> str:
    """The local part of a CURIE (or of an IRI that starts with a known expansion)."""
    for expansion in prefixes:
        if expansion and curie.startswith(expansion):
            return curie[len(expansion) :]
    prefix, sep, local = curie.partition(":")
    return local if sep and "/" not in prefix else curie


def _source(
    meta: MappingABC[str, Any], key: str, given: tuple[str, str] | None, role: str
) -> tuple[str, str]:
    if given is not None:
        return given
    uri = str(meta.get(f"{key}_source", ""))
    version = str(meta.get(f"{key}_source_version", "") or "unversioned")
    name = uri.removeprefix("urn:bvframework:").removeprefix("bvframework:")
    tail = [p for p in name.replace("#", "/").replace(":", "/").split("/") if p]
    framework = side_name(tail[-1] if tail else role, role)
    version = re.sub(r"[^A-Za-z0-9._-]+", "-", version).strip("-.") or "unversioned"
    return framework, version


def missing_columns(columns: Iterable[str]) -> list[str]:
    """The columns an SSSOM table needs and lacks: a subject (``subject_id``, or
    ``subject_label`` for a literal), ``predicate_id`` and an object likewise."""
    have = set(columns)
    return [
        need
        for need, alternatives in (
            ("subject_id", ("subject_id", "subject_label")),
            ("predicate_id", ("predicate_id",)),
            ("object_id", ("object_id", "object_label")),
        )
        if not have.intersection(alternatives)
    ]


def merge_metadata(
    embedded: MappingABC[str, Any], external: MappingABC[str, Any]
) -> dict[str, Any]:
    """A table's metadata from its embedded ``#`` block and an external metadata file
    (SSSOM's "external" TSV variant): what the table states wins; prefixes are merged.

    >>> merge_metadata({"curie_map": {"a": "x:"}}, {"curie_map": {"b": "y:"}, "license": "l"})
    {'curie_map': {'b': 'y:', 'a': 'x:'}, 'license': 'l'}
    """
    out = dict(external) | dict(embedded)
    prefixes = [m.get("curie_map") for m in (external, embedded)]
    if any(isinstance(p, MappingABC) for p in prefixes):
        out["curie_map"] = {
            k: v for p in prefixes if isinstance(p, MappingABC) for k, v in p.items()
        }
    return out


def _entity(row: MappingABC[str, str], side: str) -> str:
    """A row's subject or object: its ID, or its label where it is a literal."""
    found = row.get(f"{side}_id", "").strip()
    if not found and row.get(f"{side}_type", "").strip() == _LITERAL:
        return row.get(f"{side}_label", "").strip()
    return found


def _remarks(unknown: MappingABC[str, int], restated: list[str], repeated: int) -> str:
    """What was read but not as stated, said once each (with counts)."""
    out = []
    if unknown:
        count = sum(unknown.values())
        named = ", ".join(f"{p} ({n})" for p, n in sorted(unknown.items())[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        out.append(
            f"{count} rows use predicates bvframework does not know: {named}{more}; read as "
            f"{_UNKNOWN_AS}, each link's reason the predicate as written."
        )
    if restated:
        out.append(
            f"{len(restated)} rows restate a link with a different predicate (the first "
            f"kept): {restated[0]}{' ...' if len(restated) > 1 else ''}."
        )
    if repeated:
        out.append(f"{repeated} duplicate rows read once.")
    return " ".join(out)


def from_sssom(
    meta: MappingABC[str, Any],
    rows: Iterable[MappingABC[str, str]],
    *,
    source_name: str,
    source: tuple[str, str] | None = None,
    target: tuple[str, str] | None = None,
) -> Mapping:
    """A mapping from an SSSOM table: ``meta`` is its metadata block, ``rows`` its rows
    (column -> cell). Sides come from ``source``/``target`` (framework, version), else
    ``subject_source``/``object_source`` and their versions. Negated rows
    (``predicate_modifier: Not``) link nothing. Without bvframework's ``other`` pairs,
    ``skos:exactMatch`` reads as equivalent-to, ``closeMatch``/``relatedMatch`` as
    intersects-with. A literal (``subject_type``/``object_type`` ``rdfs literal``) is
    named by its label.

    What is read but not as written is said once each in the mapping's notes, with a
    count, never a reason to refuse the file: a predicate bvframework does not know
    (``oboInOwl:hasDbXref``) gives a link read as intersects-with, the predicate kept as
    its reason; a row restating a link with another predicate (the first is kept); exact
    duplicate rows.

    :raises DataError: a row without subject, predicate or object, or a confidence that is
        not a number (every such row, up to 20, with its line).
    """
    curies = meta.get("curie_map") or {}
    expansions = [str(v) for v in curies.values()] if isinstance(curies, dict) else []
    src = _source(meta, "subject", source, "source")
    tgt = _source(meta, "object", target, "target")
    problems: list[Problem] = []
    found = LinkCollector()

    def fail(number: int, message: str) -> None:
        if len(problems) < _MAX_PROBLEMS:
            problems.append(Problem(message=f"row {number}: {message}", source=source_name))

    unknown: dict[str, int] = {}
    restated: list[str] = []
    repeated = 0
    for number, row in enumerate(rows, start=1):
        subject, predicate, obj = (
            _entity(row, "subject"),
            row.get("predicate_id", "").strip(),
            _entity(row, "object"),
        )
        if not (subject and predicate and obj):
            fail(number, "needs subject_id, predicate_id and object_id")
            continue
        if row.get("predicate_modifier", "").strip() == "Not":
            continue
        words = _pairs(row.get("other", ""))
        method = words.get("method") or _READ_JUSTIFICATIONS.get(
            row.get("mapping_justification", "").strip()
        )
        comment = row.get("comment", "").strip() or None
        if NO_TERM in (obj, subject):
            if subject != NO_TERM:
                found.removed[_local(subject, expansions)] = method
                if comment:
                    found.removed_notes[_local(subject, expansions)] = comment
            elif obj != NO_TERM:
                found.added[_local(obj, expansions)] = method
            continue
        relationship = choice(words.get("relationship"), RELATIONSHIPS) or _READ_PREDICATES.get(
            predicate
        )
        if relationship is None:
            unknown[predicate] = unknown.get(predicate, 0) + 1
            relationship = _UNKNOWN_AS
            words = {"reason": predicate} | words
        link = (_local(subject, expansions), _local(obj, expansions))
        if link in found.links:
            if found.conflict(link, relationship) is None:
                repeated += 1
            else:
                restated.append(
                    f"row {number} links {link[0]} to {link[1]} as {predicate}, an earlier "
                    f"row as {found.stated[link]}"
                )
            continue
        confidence = None
        if row.get("confidence", "").strip():
            try:
                confidence = float(row["confidence"])
            except ValueError:
                fail(number, f"confidence {excerpt(row['confidence'])} is not a number")
        found.add(
            link,
            relationship,
            words=words,
            confidence=confidence,
            method=method,
            note=comment,
        )
    if problems:
        raise DataError(problems)
    header = _pairs(str(meta.get("other", "")))
    provenance = Provenance(
        method=choice(header.get("method"), PROVENANCE_METHODS),
        matching_rationale=choice(header.get("matching_rationale"), MATCHING_RATIONALES),
        status=choice(header.get("status"), MAPPING_STATUSES),
        date=str(meta["mapping_date"])[:10] if meta.get("mapping_date") else None,
        licence=str(meta["license"])
        if meta.get("license") and meta.get("license") != UNSPECIFIED_LICENCE
        else None,
        author=str(meta["mapping_provider"]) if meta.get("mapping_provider") else None,
    )
    methods = {
        m for m in (*found.methods.values(), *found.removed.values(), *found.added.values()) if m
    }
    return found.mapping(
        sides=(src, tgt),
        method=methods.pop() if len(methods) == 1 else None,
        provenance=provenance,
        complete=header.get("complete") == "true",
        title=str(meta["mapping_set_title"]) if meta.get("mapping_set_title") else None,
        notes=" ".join(
            part
            for part in (
                str(meta["comment"]) if meta.get("comment") else "",
                _remarks(unknown, restated, repeated),
            )
            if part
        )
        or None,
    )
