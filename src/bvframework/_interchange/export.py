"""A mapping as the text of another tool's file: one writer per format, each registered by
one line in ``_store/formats.py``."""

from __future__ import annotations

import json

from .._core.errors import UsageError
from .._mappings.model import Mapping
from .common import Templates

__all__ = ["check_templates", "ciso_text", "oscal_text", "sssom_text"]

_TEMPLATE_WORDS = {
    "prefix": "a CURIE prefix (a letter or _, then letters, digits, _ . -)",
    "iri": "an IRI ending in {id}",
    "urn": "a URN with {id} (or {nist_id}) where the item ID goes",
}


def _check_template(side: str, key: str, value: str) -> None:
    """:raises UsageError: an unknown template, or one not of the shape a catalogue's
    ``identifiers`` must have (the shipped catalogue schema's patterns, so the two agree)."""
    from .._core.schema import load_schema, matches

    shapes = load_schema("catalogue")["properties"]["identifiers"]["properties"]
    if key not in shapes:
        raise UsageError(f"{side} identifiers: unknown template {key!r} (prefix, iri, urn)")
    if not matches(shapes[key]["pattern"], value):
        raise UsageError(f"{side} {key} {value!r} is not {_TEMPLATE_WORDS[key]}")


def check_templates(source_ids: Templates | None, target_ids: Templates | None) -> None:
    """:raises UsageError: a template not of the shape a catalogue's ``identifiers`` has."""
    for side, templates in (("source", source_ids), ("target", target_ids)):
        for key, value in (templates or {}).items():
            _check_template(side, key, value)


def oscal_text(
    mapping: Mapping,
    *,
    date: str | None = None,
    source_ids: Templates | None = None,
    target_ids: Templates | None = None,
) -> str:
    """An OSCAL 1.2.1 mapping-collection (JSON); OSCAL names items by their IDs alone."""
    from .oscal import to_oscal

    return json.dumps(to_oscal(mapping, date=date), indent=2, ensure_ascii=False) + "\n"


def sssom_text(
    mapping: Mapping,
    *,
    date: str | None = None,
    source_ids: Templates | None = None,
    target_ids: Templates | None = None,
) -> str:
    """SSSOM TSV with its YAML metadata block."""
    from .sssom import to_sssom

    return to_sssom(mapping, date=date, source_ids=source_ids, target_ids=target_ids)


def ciso_text(
    mapping: Mapping,
    *,
    date: str | None = None,
    source_ids: Templates | None = None,
    target_ids: Templates | None = None,
    version: int = 1,
) -> str:
    """A CISO Assistant mapping library (YAML). ``version``: the library's version (raise
    it for a revised library: CISO Assistant updates a loaded library only from a higher
    version)."""
    from .._core.yamlio import dump_yaml
    from .ciso import to_ciso

    library = to_ciso(
        mapping, date=date, source_ids=source_ids, target_ids=target_ids, version=version
    )
    return dump_yaml(library)
