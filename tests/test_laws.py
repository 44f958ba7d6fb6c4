"""Algebraic laws of mappings, on generated catalogues and complete mappings."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from bvframework import Mapping, compose, identity
from bvframework._mappings.analysis import relations_from_links

from .strategies import catalogues, chains

settings.register_profile("ci", max_examples=200, deadline=None)
settings.load_profile("ci")


def shape(m: Mapping) -> tuple[object, ...]:
    """Everything a mapping says about items (not how its relations were written)."""
    return (dict(m.links), m.dispositions(), m.origins(), m.complete)


@given(catalogues("v0"))
def test_identity_is_all_unchanged(cat) -> None:  # type: ignore[no-untyped-def]
    summary = identity(cat).summary()
    assert summary.sources["unchanged"] == summary.targets["unchanged"] == len(cat)
    assert sum(summary.sources.values()) == len(cat)
    assert summary.links == len(cat)


@given(chains(1))
def test_composing_with_identity_changes_nothing(chain) -> None:  # type: ignore[no-untyped-def]
    (m,) = chain
    left = compose(identity(m.source_catalogue), m)
    right = compose(m, identity(m.target_catalogue))
    assert shape(left) == shape(m) == shape(right)


@given(chains(3))
def test_composition_is_associative(chain) -> None:  # type: ignore[no-untyped-def]
    a, b, c = chain
    left = compose(compose(a, b), c)
    right = compose(a, compose(b, c))
    assert shape(left) == shape(right)
    assert [r.to_dict() for r in left.relations] == [r.to_dict() for r in right.relations]


@given(chains(2))
def test_composed_mapping_is_a_valid_file(chain) -> None:  # type: ignore[no-untyped-def]
    composed = compose(*chain)
    again = Mapping.from_dict(
        composed.to_dict(),
        source=composed.source_catalogue,
        target=composed.target_catalogue,
    )
    assert shape(again) == shape(composed)


@given(chains(1))
def test_dispositions_partition_and_agree_with_the_graph(chain) -> None:  # type: ignore[no-untyped-def]
    (m,) = chain
    summary = m.summary()
    assert sum(summary.sources.values()) == len(m.source_catalogue)
    assert sum(summary.targets.values()) == len(m.target_catalogue)
    out = Counter(s for s, _ in m.links)
    into = Counter(t for _, t in m.links)
    for source, disposition in m.dispositions().items():
        if disposition == "removed":
            assert out[source] == 0
        elif disposition == "split":
            assert out[source] >= 2
        else:
            assert out[source] == 1
    for target, origin in m.origins().items():
        if origin == "added":
            assert into[target] == 0
        elif origin == "merged":
            assert into[target] >= 2
        else:
            assert into[target] == 1
    assert summary.sources["unmapped"] == summary.targets["unmapped"] == 0


@given(
    st.dictionaries(
        st.tuples(st.sampled_from("abcde"), st.sampled_from("vwxyz")), st.booleans(), max_size=12
    )
)
def test_canonical_relations_reproduce_their_links(links) -> None:  # type: ignore[no-untyped-def]
    rebuilt: dict[tuple[str, str], bool] = {}
    for kind, froms, tos in relations_from_links(links):
        for s in froms:
            for t in tos:
                rebuilt[(s, t)] = rebuilt.get((s, t), False) or kind == "unchanged"
    assert set(rebuilt) == set(links)
    one_to_one = {k: v for k, v in links.items() if rebuilt[k] != v}
    # Only links inside merges/splits lose the 'unchanged' bit (they are never 1:1).
    for source, target in one_to_one:
        assert (
            sum(1 for s, _ in links if s == source) > 1
            or sum(1 for _, t in links if t == target) > 1
        )


@given(chains(1))
def test_mapping_round_trips_through_yaml(chain) -> None:  # type: ignore[no-untyped-def]
    from bvframework._core.yamlio import dump_yaml, parse_yaml

    (m,) = chain
    doc = parse_yaml(dump_yaml(m.to_dict()))
    again = Mapping.from_dict(doc, source=m.source_catalogue, target=m.target_catalogue)
    assert again == m
