"""Hypothesis strategies: random catalogues and random complete mappings between them."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from bvframework import Catalogue, Mapping
from bvframework._mappings.analysis import relations_from_links


def catalogue(version: str, ids: list[str]) -> Catalogue:
    half = len(ids) // 2
    themes = [
        {"id": "A", "title": "A", "items": [{"id": i} for i in ids[:half]]},
        {"id": "B", "title": "B", "items": [{"id": i} for i in ids[half:]]},
    ]
    return Catalogue.from_dict(
        {"framework": "gen", "version": version, "title": version, "themes": themes}
    )


@st.composite
def catalogues(draw: st.DrawFn, version: str) -> Catalogue:
    n = draw(st.integers(min_value=0, max_value=7))
    # Reused IDs across versions on purpose: identity must never be inferred from them.
    pool = [f"I-{k}" for k in range(10)]
    ids = draw(st.lists(st.sampled_from(pool), min_size=n, max_size=n, unique=True))
    return catalogue(version, ids)


@st.composite
def complete_mappings(draw: st.DrawFn, source: Catalogue, target: Catalogue) -> Mapping:
    pairs = [(s.id, t.id) for s in source.items for t in target.items]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=12)) if pairs else []
    links = {pair: draw(st.booleans()) for pair in chosen}
    relations: list[dict[str, object]] = [
        {"kind": kind, "from": list(froms), "to": list(tos)}
        for kind, froms, tos in relations_from_links(links)
    ]
    linked_s = {s for s, _ in links}
    linked_t = {t for _, t in links}
    relations += [{"kind": "removed", "from": [s.id]} for s in source if s.id not in linked_s]
    relations += [{"kind": "added", "to": [t.id]} for t in target if t.id not in linked_t]
    data = {
        "framework": "gen",
        "from": source.version,
        "to": target.version,
        "complete": True,
        "relations": relations,
    }
    return Mapping.from_dict(data, source=source, target=target)


@st.composite
def chains(draw: st.DrawFn, length: int) -> list[Mapping]:
    cats = [draw(catalogues(f"v{k}")) for k in range(length + 1)]
    return [draw(complete_mappings(a, b)) for a, b in itertools.pairwise(cats)]
