"""CISO Assistant libraries: a mapping as a ``requirement_mapping_set``.

Each link is a ``requirement_mapping`` between two requirement URNs with CISO's
relationship (``equal``, ``subset``, ``superset``, ``intersect``). An item's URN is its own
where its catalogue has one (a catalogue imported from a CISO Assistant library keeps its
nodes' URNs), else the catalogue's ``identifiers.urn`` template. CISO Assistant has no way
to say an item was removed or added, so those are left out (the library's description
counts them), and it refuses a set with no mappings, so a mapping with no links is refused
here. The library and the mapping set are named in bvframework's own URN namespace
(``urn:bvframework:risk:...``): they are bvframework's, whoever's frameworks they map.
"""

from __future__ import annotations

import re
from typing import Any

from .._catalogues.model import Catalogue
from .._core.errors import DataError, Problem, UsageError
from .._core.vocab import CISO_WORDS, Relationship
from .._mappings.model import Mapping
from .common import (
    Templates,
    export_provenance,
    identifiers,
    link_facts,
    removed_and_added,
)

__all__ = ["CISO_RELATIONSHIPS", "OWN_NAMESPACE", "to_ciso"]

CISO_RELATIONSHIPS: dict[Relationship, str] = CISO_WORDS
OWN_NAMESPACE = "urn:bvframework:risk:"
# the numbering scheme an imported CISO Assistant library keeps node URNs in (those its
# catalogue's URN template does not give)
_URN_SCHEME = "ciso-urn"
# urn:<provider>:risk:req_node:<framework ref>:<item>, as CISO Assistant's own libraries
_REQ_NODE = re.compile(r"^(urn:[^:]+:risk:)req_node:([^:]+):")


def _framework_urns(requirement_urn: str, framework: str, version: str) -> tuple[str, str]:
    """The framework and library URNs that own a requirement URN template."""
    found = _REQ_NODE.match(requirement_urn.lower())
    if found:
        head, name = found.groups()
    else:
        head, name = "urn:bvframework:risk:", f"{framework}-{version}".lower()
    return f"{head}framework:{name}", f"{head}library:{name}"


def _own_urns(catalogue: Catalogue | None) -> dict[str, str]:
    """Item ID -> the URN the catalogue keeps for it (its ``ciso-urn`` codes)."""
    for scheme in catalogue.numbering if catalogue is not None else ():
        if scheme.id == _URN_SCHEME:
            return {item: urn for urn, item in scheme.codes}
    return {}


def to_ciso(
    mapping: Mapping,
    *,
    date: str | None = None,
    source_ids: Templates | None = None,
    target_ids: Templates | None = None,
    version: int = 1,
) -> dict[str, Any]:
    """The mapping as a CISO Assistant library (``requirement_mapping_sets``), ready for
    YAML. URNs are lower case, as CISO Assistant looks them up. ``version``: the library's
    version (CISO Assistant updates a loaded library only from a higher one).

    :raises DataError: the mapping has no links, or both sides have the same framework URN
        (CISO Assistant refuses a mapping set with no mappings, or from a framework to
        itself).
    :raises UsageError: ``version`` is not a positive integer.
    """
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UsageError(f"library version {version!r} is not a positive whole number")
    if not mapping.links:
        raise DataError(
            [
                Problem(
                    message="has no links: a CISO Assistant mapping set needs at least one "
                    "requirement mapping (CISO Assistant refuses an empty one)",
                    source=mapping.key,
                )
            ]
        )
    provenance = export_provenance(mapping, date)
    left, right = identifiers(mapping, source_ids, target_ids)
    source_fw, source_lib = _framework_urns(left.urn, mapping.framework, mapping.source_version)
    target_fw, target_lib = _framework_urns(
        right.urn, mapping.target_framework, mapping.target_version
    )
    if source_fw == target_fw:
        raise DataError(
            [
                Problem(
                    message=f"both sides are framework {source_fw}: CISO Assistant maps one "
                    "framework to another (give the catalogues different identifiers.urn)",
                    source=mapping.key,
                )
            ]
        )
    ref = re.sub(
        r"[^a-z0-9.-]+",
        "-",
        f"mapping-{source_fw.rsplit(':', 1)[-1]}-to-{target_fw.rsplit(':', 1)[-1]}".lower(),
    )
    head = OWN_NAMESPACE
    own = (_own_urns(mapping.source_catalogue), _own_urns(mapping.target_catalogue))
    rows = []
    for fact in link_facts(mapping):
        row: dict[str, Any] = {
            "source_requirement_urn": (own[0].get(fact.source) or left.urn_of(fact.source)).lower(),
            "target_requirement_urn": (
                own[1].get(fact.target) or right.urn_of(fact.target)
            ).lower(),
            "relationship": CISO_RELATIONSHIPS[fact.relationship],
            "rationale": provenance.matching_rationale,
        }
        if fact.confidence is not None:
            row["strength_of_relationship"] = round(fact.confidence * 10)
        annotation = "; ".join(w for w in (fact.reason, fact.note) if w)
        if annotation:
            row["annotation"] = annotation
        rows.append(row)
    removed, added = removed_and_added(mapping)
    name = mapping.title or f"{mapping.source_key} -> {mapping.target_key}"
    description = " ".join(
        part
        for part in (
            mapping.notes or name,
            f"({len(removed)} items removed and {len(added)} added are not listed: "
            "CISO Assistant has no way to say so.)"
            if removed or added
            else "",
        )
        if part
    )
    return {
        "urn": f"{head}library:{ref}",
        "locale": "en",
        "ref_id": ref,
        "name": name,
        "description": description,
        "copyright": provenance.licence or "",
        "version": version,
        "publication_date": provenance.date,
        "provider": provenance.author or "bvframework",
        "packager": "bvframework",
        "dependencies": [source_lib, target_lib],
        "objects": {
            "requirement_mapping_sets": [
                {
                    "urn": f"{head}req_mapping_set:{ref}",
                    "ref_id": ref,
                    "name": name,
                    "description": description,
                    "source_framework_urn": source_fw,
                    "target_framework_urn": target_fw,
                    "requirement_mappings": rows,
                }
            ]
        },
    }
