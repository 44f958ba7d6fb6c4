"""How other tools name a catalogue's items: CURIE prefixes, IRIs and URNs."""

from __future__ import annotations

import re
from collections.abc import Mapping

from attrs import frozen

__all__ = ["Identifiers", "nist_id"]

_NOT_PREFIX = re.compile(r"[^A-Za-z0-9]+")
# an OSCAL enhancement ID: family letters, control number, enhancement number
_ENHANCEMENT = re.compile(r"^([A-Za-z]{2,3}-\d+)\.(\d+)$")


def nist_id(item_id: str) -> str:
    """An OSCAL control or enhancement ID as NIST and CISO Assistant write it: the
    enhancement number in brackets.

    >>> nist_id("ac-2.1"), nist_id("ac-2"), nist_id("si-4.12"), nist_id("4.1")
    ('ac-2(1)', 'ac-2', 'si-4(12)', '4.1')
    """
    found = _ENHANCEMENT.match(item_id)
    return f"{found.group(1)}({found.group(2)})" if found else item_id


@frozen(kw_only=True)
class Identifiers:
    """How other tools name this catalogue's items: a CURIE ``prefix`` (SSSOM), an ``iri``
    template (what the prefix expands to, ending in ``{id}``) and a ``urn`` template (CISO
    Assistant's requirement URNs, ``urn:<provider>:risk:req_node:<framework>:{id}``; with
    ``{nist_id}`` in place of ``{id}``, an OSCAL enhancement ID ``ac-2.1`` is written
    ``ac-2(1)``, as CISO Assistant's NIST libraries name it). Unset
    parts have defaults built from the framework and version (:meth:`for_catalogue`), so
    every catalogue can be exported.

    >>> ids = Identifiers.for_catalogue("owasp-asvs", "4.0.3")
    >>> ids.prefix, ids.iri_of("1.2.1")
    ('owasp_asvs_4_0_3', 'urn:bvframework:owasp-asvs:4.0.3:1.2.1')
    """

    prefix: str
    iri: str
    urn: str

    @classmethod
    def for_catalogue(
        cls, framework: str, version: str, declared: Mapping[str, str] | None = None
    ) -> Identifiers:
        given = declared or {}
        prefix = _NOT_PREFIX.sub("_", f"{framework}_{version}").strip("_")
        default = f"urn:bvframework:{framework}:{version}:{{id}}"
        return cls(
            prefix=given.get("prefix", prefix if prefix[:1].isalpha() else f"_{prefix}"),
            iri=given.get("iri", default),
            urn=given.get("urn", f"urn:bvframework:risk:req_node:{framework}-{version}:{{id}}"),
        )

    def iri_of(self, item_id: str) -> str:
        return self.iri.replace("{id}", item_id)

    def urn_of(self, item_id: str) -> str:
        """The URN of an item.

        >>> Identifiers(prefix="p", iri="x:{id}", urn="urn:a:{nist_id}").urn_of("ac-2.1")
        'urn:a:ac-2(1)'
        """
        return self.urn.replace("{id}", item_id).replace("{nist_id}", nist_id(item_id))

    @property
    def iri_base(self) -> str:
        """What the CURIE prefix expands to (the IRI template without its ``{id}``)."""
        return self.iri.removesuffix("{id}")
