"""CISO Assistant libraries: a mapping as a ``requirement_mapping_set``.

Each link is a ``requirement_mapping`` between two requirement URNs (each catalogue's
``identifiers.urn`` template) with CISO's relationship (``equal``, ``subset``,
``superset``, ``intersect``). CISO Assistant has no way to say an item was removed or
added, so those are left out (the library's description counts them).
"""

from __future__ import annotations

import re
from typing import Any

from .._core.errors import DataError, Problem
from .._core.vocab import Relationship
from .._mappings.model import Mapping
from .common import (
    Templates,
    export_provenance,
    identifiers,
    link_facts,
    removed_and_added,
)

__all__ = ["CISO_RELATIONSHIPS", "to_ciso"]

CISO_RELATIONSHIPS: dict[Relationship, str] = {
    "equal-to": "equal",
    "equivalent-to": "equal",
    "subset-of": "subset",
    "superset-of": "superset",
    "intersects-with": "intersect",
}
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


def to_ciso(
    mapping: Mapping,
    *,
    date: str | None = None,
    source_ids: Templates | None = None,
    target_ids: Templates | None = None,
) -> dict[str, Any]:
    """The mapping as a CISO Assistant library (``requirement_mapping_sets``), ready for
    YAML. URNs are lower case, as CISO Assistant looks them up.

    :raises DataError: both sides have the same framework URN (CISO Assistant refuses a
        mapping set from a framework to itself).
    """
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
    head = source_fw.rsplit("framework:", 1)[0]
    rows = []
    for fact in link_facts(mapping):
        row: dict[str, Any] = {
            "source_requirement_urn": left.urn_of(fact.source).lower(),
            "target_requirement_urn": right.urn_of(fact.target).lower(),
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
        "version": 1,
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
