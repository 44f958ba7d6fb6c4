"""How other tools name a catalogue's items: CURIE prefixes, IRIs and URNs."""

from __future__ import annotations

import re
from collections.abc import Mapping

from attrs import frozen

__all__ = ["Identifiers"]

_NOT_PREFIX = re.compile(r"[^A-Za-z0-9]+")


@frozen(kw_only=True)
class Identifiers:
    """How other tools name this catalogue's items: a CURIE ``prefix`` (SSSOM), an ``iri``
    template (what the prefix expands to, ending in ``{id}``) and a ``urn`` template (CISO
    Assistant's requirement URNs, ``urn:<provider>:risk:req_node:<framework>:{id}``). Unset
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
        return self.urn.replace("{id}", item_id)

    @property
    def iri_base(self) -> str:
        """What the CURIE prefix expands to (the IRI template without its ``{id}``)."""
        return self.iri.removesuffix("{id}")
