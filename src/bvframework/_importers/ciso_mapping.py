"""CISO Assistant mapping libraries in: a ``requirement_mapping_set`` -> a crosswalk
mapping; and :func:`ciso_library`, whatever a library holds. See :mod:`.ciso` for the
framework side and the loader's rules both follow."""

from __future__ import annotations

import datetime as dt

from .._catalogues.model import Catalogue
from .._core.document import Document
from .._core.errors import DataError, KeyPath, UsageError
from .._core.schema import excerpt
from .._core.vocab import CISO_WORDS, MATCHING_RATIONALES, Relationship
from .._mappings.details import Provenance
from .._mappings.model import Mapping
from .._mappings.relation import LinkAnnotations, MappingInfo
from .ciso import (
    URN_SCHEME,
    _as_id,
    _framework,
    _library_head,
    _one,
    _Problems,
    _tail,
    _text,
    ciso_catalogue,
    ciso_kind,
    ciso_scale,
    split_name,
)
from .common import Library

__all__ = ["CISO_RELATIONSHIPS", "ciso_library", "ciso_mapping"]

# CISO Assistant's words -> set relationships: the inverse of what the export writes
CISO_RELATIONSHIPS: dict[str, Relationship] = {
    word: relation for relation, word in CISO_WORDS.items() if relation != "equivalent-to"
}
_NOT_RELATED = "not_related"


def _side(urn: str, catalogue: Catalogue | None) -> tuple[tuple[str, str], dict[str, str]]:
    """A side's framework/version and how its requirement URNs name items."""
    if catalogue is not None:
        lookup = {code.lower(): item for code, item in _scheme_codes(catalogue, URN_SCHEME)}
        template = dict(catalogue.identifier_templates).get("urn")
        for item in catalogue.items:
            if template is not None:
                lookup.setdefault(template.replace("{id}", item.id).lower(), item.id)
        return (catalogue.framework, catalogue.version), lookup
    split = split_name(_tail(urn).lower())
    name, version = split or (_tail(urn).lower(), "ciso")
    return (_as_id(name), _as_id(version)), {}


def _scheme_codes(catalogue: Catalogue, scheme: str) -> tuple[tuple[str, str], ...]:
    for found in catalogue.numbering:
        if found.id == scheme:
            return found.codes
    return ()


def ciso_mapping(
    doc: Document,
    *,
    source: Catalogue | None = None,
    target: Catalogue | None = None,
    index: int | None = None,
) -> Mapping:
    """The crosswalk a CISO Assistant mapping library states: every requirement mapping a
    link, ``equal``/``subset``/``superset``/``intersect`` as IR 8477 set relationships,
    ``strength_of_relationship`` (0-10) as confidence, ``annotation`` as the link's note,
    ``rationale`` as the mapping's matching rationale (per link, in its note, where rows
    differ). ``not_related`` rows state no link: they are counted in the notes.

    ``source``/``target``: the catalogues imported from the two framework libraries; their
    URNs then name their items (else an item ID is the last part of its URN, as CISO
    Assistant writes it, lower case).

    :raises DataError: not a mapping library, or malformed mappings (each located; the same
        problem on many rows once, with a count).
    """
    problems = _Problems(doc)
    if ciso_kind(doc) != "mapping":
        raise DataError([doc.problem("is a framework library, not a mapping library")])
    library = _library_head(doc, problems)
    mapping_set, where = _one(
        doc, problems, ("requirement_mapping_set", "requirement_mapping_sets"), index
    )
    if not isinstance(mapping_set, dict):
        problems.fail("expected a mapping", where)
    for key in ("urn", "name", "source_framework_urn", "target_framework_urn"):
        if not isinstance(mapping_set.get(key), str):
            problems.add(f"a requirement mapping set needs {key!r} (text)", where)
    rows = mapping_set.get("requirement_mappings")
    if not isinstance(rows, list) or not rows:
        problems.fail("has no requirement_mappings (CISO Assistant refuses an empty set)", where)
    problems.raise_any()
    sides = []
    for key, catalogue in (("source_framework_urn", source), ("target_framework_urn", target)):
        sides.append(_side(mapping_set[key], catalogue))
    (source_side, source_ids), (target_side, target_ids) = sides
    stated: dict[tuple[str, str], Relationship] = {}
    confidences: dict[tuple[str, str], float] = {}
    link_notes: dict[tuple[str, str], str] = {}
    repeated: dict[str, list[tuple[KeyPath, int]]] = {}
    rationales: dict[str, dict[tuple[str, str], None]] = {}
    unrelated = 0
    for r, row in enumerate(rows):
        path = (*where, "requirement_mappings", r)
        if not isinstance(row, dict):
            problems.add(f"a requirement mapping must be a mapping, not {excerpt(row)}", path)
            continue
        missing = [
            k
            for k in ("source_requirement_urn", "target_requirement_urn", "relationship")
            if not isinstance(row.get(k), str)
        ]
        if missing:
            repeated.setdefault(f"lacks {', '.join(missing)}", []).append((path, r))
            continue
        word = row["relationship"].strip().lower()
        if word == _NOT_RELATED:
            unrelated += 1
            continue
        relationship = CISO_RELATIONSHIPS.get(word)
        if relationship is None:
            problems.add(
                f"relationship {row['relationship']!r} is not one of "
                f"{', '.join([*CISO_RELATIONSHIPS, _NOT_RELATED])}",
                (*path, "relationship"),
            )
            continue
        ends = []
        for key, ids, catalogue in (
            ("source_requirement_urn", source_ids, source),
            ("target_requirement_urn", target_ids, target),
        ):
            urn = row[key].lower()
            item = ids.get(urn) if catalogue is not None else _tail(urn)
            if item is None:
                side = catalogue.key if catalogue is not None else "its side"
                repeated.setdefault(f"{key} names no item of {side}", []).append(((*path, key), r))
            ends.append(item)
        if None in ends:
            continue
        link = (str(ends[0]), str(ends[1]))
        earlier = stated.get(link)
        if earlier is not None and earlier != relationship:
            problems.add(
                f"links {link[0]!r} to {link[1]!r} as {relationship}, but an earlier one says "
                f"{earlier}",
                path,
            )
            continue
        strength = row.get("strength_of_relationship")
        confidence = None
        if strength is not None:
            if isinstance(strength, bool) or not isinstance(strength, int | float):
                problems.add(
                    f"strength_of_relationship {excerpt(strength)} is not a number",
                    (*path, "strength_of_relationship"),
                )
                continue
            if not 0 <= strength <= 10:
                problems.add(
                    f"strength_of_relationship {strength} is not 0 to 10",
                    (*path, "strength_of_relationship"),
                )
                continue
            confidence = strength / 10
        rationale = _text(row.get("rationale"))
        if rationale:
            rationales.setdefault(rationale, {})[link] = None
        note = _text(row.get("annotation"))
        stated[link] = relationship
        if confidence is not None:
            confidences[link] = confidence
        if note:
            link_notes[link] = note
    if len(rationales) > 1:  # rows differ: each link's note says its own
        for rationale, links in rationales.items():
            for link in links:
                note = link_notes.get(link)
                link_notes[link] = (
                    f"{rationale} rationale: {note}" if note else (f"{rationale} rationale")
                )
    for message, places in repeated.items():
        first = places[0][0]
        more = f" ({len(places)} rows, first shown)" if len(places) > 1 else ""
        problems.add(message + more, first)
    problems.raise_any()
    rationale_word = next(iter(rationales)) if len(rationales) == 1 else None
    matching = next((m for m in MATCHING_RATIONALES if m == rationale_word), None)
    published = library.get("publication_date")
    if isinstance(published, dt.date):
        published = published.isoformat()
    notes = _text(mapping_set.get("description")) or _text(library.get("description"))
    extra = f" {unrelated} rows say not_related and state no link." if unrelated else ""
    # every link was resolved against the catalogues given: they are the mapping's sides
    return Mapping.from_links(
        {link: relationship == "equal-to" for link, relationship in stated.items()},
        framework=source_side[0],
        source_version=source_side[1],
        target_framework=target_side[0],
        target_version=target_side[1],
        facts=LinkAnnotations(
            method="published",
            confidence=confidences,
            notes=link_notes,
            relationships=stated,
        ),
        info=MappingInfo(
            provenance=Provenance(
                matching_rationale=matching,
                date=published if isinstance(published, str) else None,
                licence=_text(library.get("copyright")),
                author=_text(library.get("provider")),
            ),
            complete=False,
            title=_text(mapping_set.get("name")),
            notes=((notes or "") + extra).strip()
            + f" (CISO Assistant library {library.get('urn')} version {library.get('version')})",
        ),
        source=source,
        target=target,
        check=False,
    )


def ciso_library(
    doc: Document,
    *,
    framework: str | None = None,
    version: str | None = None,
    index: int | None = None,
    source: Catalogue | None = None,
    target: Catalogue | None = None,
) -> Library:
    """Whatever a CISO Assistant library holds: a framework (its catalogue, and its scale
    where it states scores) or a mapping set (its mapping, between ``source`` and
    ``target`` where given). ``framework``/``version`` name a framework's catalogue;
    ``index`` chooses one of several frameworks or mapping sets.

    :raises UsageError: ``framework``/``version`` for a mapping library, or
        ``source``/``target`` for a framework library.
    :raises DataError: not a CISO Assistant library, or malformed (every problem located).
    """
    kind = ciso_kind(doc)
    if kind == "mapping":
        if framework is not None or version is not None:
            raise UsageError(
                "framework/version name a framework library's catalogue; this is a mapping "
                "library (its sides are the framework libraries: source, target)"
            )
        mapping = ciso_mapping(doc, source=source, target=target, index=index)
        return Library(kind="mapping", mapping=mapping)
    if source is not None or target is not None:
        raise UsageError(
            "source/target name a mapping library's two frameworks; this is a framework library"
        )
    catalogue = ciso_catalogue(doc, framework=framework, version=version, index=index)
    chosen, _, _ = _framework(doc, index)
    scored = any(k in chosen for k in ("min_score", "max_score", "scores_definition"))
    scale = ciso_scale(doc, index=index) if scored else None
    return Library(kind="framework", catalogue=catalogue, scale=scale)
