"""One entry point per direction: a mapping to a format's text, and a format's parsed
data to a mapping."""

from __future__ import annotations

import json

from .._core.errors import UsageError
from .._core.suggest import check_choice
from .._core.vocab import EXPORT_FORMATS
from .._mappings.model import Mapping
from .common import Templates

__all__ = ["export_text"]

_TEMPLATE_WORDS = {
    "prefix": "a CURIE prefix (a letter or _, then letters, digits, _ . -)",
    "iri": "an IRI ending in {id}",
    "urn": "a URN with {id} where the item ID goes",
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


def export_text(
    mapping: Mapping,
    format: str,
    *,
    date: str | None = None,
    source_ids: Templates | None = None,
    target_ids: Templates | None = None,
) -> str:
    """The mapping in another tool's format, as the text of its file: ``oscal`` (an OSCAL
    1.2.1 mapping-collection, JSON), ``sssom`` (SSSOM TSV), ``ciso`` (a CISO Assistant
    library, YAML). The same mapping and date always give the same text. ``source_ids``/
    ``target_ids`` override the catalogues' identifier templates (``prefix``, ``iri``,
    ``urn``; see :class:`~bvframework.Identifiers`).

    :raises UnknownReferenceError: an unknown format.
    :raises DataError: the mapping cannot be said in that format (see each module).
    """
    check_choice(format, EXPORT_FORMATS, what="format", plural="formats")
    for side, templates in (("source", source_ids), ("target", target_ids)):
        for key, value in (templates or {}).items():
            _check_template(side, key, value)
    if format == "oscal":
        from .oscal import to_oscal

        return json.dumps(to_oscal(mapping, date=date), indent=2, ensure_ascii=False) + "\n"
    if format == "sssom":
        from .sssom import to_sssom

        return to_sssom(mapping, date=date, source_ids=source_ids, target_ids=target_ids)
    from .._core.yamlio import dump_yaml
    from .ciso import to_ciso

    return dump_yaml(to_ciso(mapping, date=date, source_ids=source_ids, target_ids=target_ids))
