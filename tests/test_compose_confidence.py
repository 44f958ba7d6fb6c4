"""Composing mappings that carry confidence.

A composed link's confidence is the product along a path (a side that states none counts as
1), the best path where several lead to the same link, and a composed relation states the
lowest of its links; with no confidence on any path it states none. The expected values
below are worked out by hand from those rules; the laws after them are checked on
generated mappings. Only public names are used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bvframework as bv

Rel = dict[str, Any]


def mapping(source: str, target: str, *relations: Rel, complete: bool = False) -> bv.Mapping:
    return bv.Mapping.from_dict(
        {
            "framework": "demo",
            "from": source,
            "to": target,
            "complete": complete,
            "relations": list(relations),
        }
    )


def rel(
    kind: str, froms: Sequence[str], tos: Sequence[str], confidence: float | None = None
) -> Rel:
    out: Rel = {"kind": kind}
    if froms:
        out["from"] = list(froms)
    if tos:
        out["to"] = list(tos)
    if confidence is not None:
        out["confidence"] = confidence
    return out


def stated(m: bv.Mapping) -> list[tuple[str, tuple[str, ...], tuple[str, ...], float | None]]:
    return [(r.kind, r.sources, r.targets, r.confidence) for r in m.relations]


# -- by hand ---------------------------------------------------------------------------------


def test_product_along_the_path() -> None:
    first = mapping("1", "2", rel("reworded", ["a"], ["x"], 0.5))
    second = mapping("2", "3", rel("reworded", ["x"], ["p"], 0.75))
    # 0.5 x 0.75
    assert stated(bv.compose(first, second)) == [("reworded", ("a",), ("p",), 0.375)]


def test_unchanged_both_ways_stays_unchanged_with_its_confidence() -> None:
    first = mapping("1", "2", rel("unchanged", ["a"], ["x"], 0.9))
    second = mapping("2", "3", rel("unchanged", ["x"], ["p"], 0.8))
    ((kind, froms, tos, confidence),) = stated(bv.compose(first, second))
    assert (kind, froms, tos) == ("unchanged", ("a",), ("p",))
    assert confidence == pytest.approx(0.72)


@pytest.mark.parametrize(
    ("one", "two", "expected"),
    [
        (0.9, None, 0.9),  # the second says nothing: the first's stands
        (None, 0.8, 0.8),  # and the other way round
        (None, None, None),  # neither: the composition claims none
        (1.0, 1.0, 1.0),
        (0.0, 0.7, 0.0),
    ],
)
def test_a_side_without_confidence_counts_as_one(
    one: float | None, two: float | None, expected: float | None
) -> None:
    first = mapping("1", "2", rel("reworded", ["a"], ["x"], one))
    second = mapping("2", "3", rel("unchanged", ["x"], ["p"], two))
    assert stated(bv.compose(first, second)) == [("reworded", ("a",), ("p",), expected)]


def test_three_steps_multiply() -> None:
    m12 = mapping("1", "2", rel("unchanged", ["a"], ["x"], 0.5))
    m23 = mapping("2", "3", rel("unchanged", ["x"], ["y"], 0.5))
    m34 = mapping("3", "4", rel("unchanged", ["y"], ["z"], 0.25))
    expected = [("unchanged", ("a",), ("z",), 0.0625)]
    assert stated(bv.compose(m12, m23, m34)) == expected
    assert stated(bv.compose(bv.compose(m12, m23), m34)) == expected


def test_a_merged_relation_states_its_weakest_link() -> None:
    first = mapping(
        "1", "2", rel("reworded", ["a"], ["x"], 0.9), rel("reworded", ["b"], ["y"], 0.5)
    )
    second = mapping("2", "3", rel("merged", ["x", "y"], ["p"]))
    # a->p 0.9 and b->p 0.5 form one merge: it states the lower
    assert stated(bv.compose(first, second)) == [("merged", ("a", "b"), ("p",), 0.5)]


def test_a_link_with_no_confidence_does_not_lower_its_relation() -> None:
    first = mapping("1", "2", rel("reworded", ["a"], ["x"], 0.9), rel("reworded", ["b"], ["y"]))
    second = mapping("2", "3", rel("merged", ["x", "y"], ["p"]))
    assert stated(bv.compose(first, second)) == [("merged", ("a", "b"), ("p",), 0.9)]


def test_a_split_relation_carries_its_confidence_to_every_part() -> None:
    first = mapping("1", "2", rel("split", ["a"], ["x", "y"], 0.5))
    second = mapping(
        "2", "3", rel("unchanged", ["x"], ["p"], 0.5), rel("reworded", ["y"], ["q"], 0.75)
    )
    # a->p 0.25 and a->q 0.375 form one split: it states the lower
    assert stated(bv.compose(first, second)) == [("split", ("a",), ("p", "q"), 0.25)]


def test_the_best_of_several_paths_counts() -> None:
    # s reaches t through x (0.9, in a merge with w) and through y (0.5, split with z)
    first = mapping(
        "1",
        "2",
        rel("split", ["s"], ["y", "z"], 0.5),
        rel("merged", ["s", "w"], ["x"], 0.9),
    )
    second = mapping("2", "3", rel("merged", ["x", "y"], ["t"]))
    # s->t: max(0.9, 0.5) = 0.9; w->t: 0.9. The weaker path does not lower it.
    assert stated(bv.compose(first, second)) == [("merged", ("s", "w"), ("t",), 0.9)]


def test_a_link_in_a_merge_and_a_split_carries_the_lower_onward() -> None:
    """s->q sits in the merge (s, u)->q and in the split s->(p, q). Composed once, each
    relation states the lowest of its own links; carried one step further, s->q is what the
    first composition states for it, the lower of its two relations, whether the three
    steps are composed at once or one after the other."""
    a = mapping("1", "2", rel("split", ["s"], ["x", "y"]), rel("reworded", ["u"], ["z"], 0.0))
    b = mapping("2", "3", rel("reworded", ["x"], ["p"], 0.125), rel("merged", ["y", "z"], ["q"]))
    c = mapping("3", "4", rel("unchanged", ["p"], ["p4"]), rel("unchanged", ["q"], ["q4"]))
    # s->p 0.125, s->q none on its path, u->q 0.0
    assert sorted(stated(bv.compose(a, b))) == [
        ("merged", ("s", "u"), ("q",), 0.0),
        ("split", ("s",), ("p", "q"), 0.125),
    ]
    onward = [("merged", ("s", "u"), ("q4",), 0.0), ("split", ("s",), ("p4", "q4"), 0.0)]
    assert sorted(stated(bv.compose(a, b, c))) == onward
    assert sorted(stated(bv.compose(bv.compose(a, b), c))) == onward


def test_removed_and_added_items_state_no_confidence() -> None:
    first = mapping(
        "1",
        "2",
        rel("reworded", ["a"], ["x"], 0.5),
        rel("removed", ["b"], [], 0.5),
        rel("added", [], ["y"], 0.5),
    )
    second = mapping("2", "3", rel("unchanged", ["x"], ["p"]), rel("unchanged", ["y"], ["q"]))
    assert sorted(stated(bv.compose(first, second))) == [
        ("added", (), ("q",), None),
        ("removed", ("b",), (), None),
        ("reworded", ("a",), ("p",), 0.5),
    ]


def test_records_show_the_composed_confidence() -> None:
    first = mapping("1", "2", rel("reworded", ["a"], ["x"], 0.5))
    second = mapping("2", "3", rel("reworded", ["x"], ["p"], 0.5))
    (record,) = bv.compose(first, second).records()
    assert (record["kind"], record["from"], record["to"], record["confidence"]) == (
        "reworded",
        "a",
        "p",
        0.25,
    )
    assert record["method"] == "composed"


# -- laws ------------------------------------------------------------------------------------

# Dyadic confidences multiply exactly in binary floating point, so the laws compare with ==.
CONFIDENCES = st.none() | st.sampled_from([0.0, 0.125, 0.25, 0.5, 0.75, 1.0])


@st.composite
def disjoint_relations(
    draw: st.DrawFn, sources: list[str], targets: list[str], confidences: st.SearchStrategy[Any]
) -> list[Rel]:
    """Relations in which every item is in at most one relation: 1:1, split, merged,
    removed, added; each with a drawn confidence."""
    left = draw(st.permutations(sources))
    right = draw(st.permutations(targets))
    out: list[Rel] = []
    while left or right:
        shape = draw(st.sampled_from(["1:1", "split", "merged", "removed", "added", "stop"]))
        confidence = draw(confidences)
        if shape == "stop":
            break
        if shape == "1:1" and left and right:
            kind = draw(st.sampled_from(["unchanged", "reworded"]))
            out.append(rel(kind, [left.pop()], [right.pop()], confidence))
        elif shape == "split" and left and len(right) >= 2:
            n = draw(st.integers(2, len(right)))
            out.append(rel("split", [left.pop()], [right.pop() for _ in range(n)], confidence))
        elif shape == "merged" and len(left) >= 2 and right:
            n = draw(st.integers(2, len(left)))
            out.append(rel("merged", [left.pop() for _ in range(n)], [right.pop()], confidence))
        elif shape == "removed" and left:
            out.append(rel("removed", [left.pop()], []))
        elif shape == "added" and right:
            out.append(rel("added", [], [right.pop()]))
    return out


ITEMS = {v: [f"{v}-{k}" for k in range(5)] for v in ("v1", "v2", "v3", "v4")}


def catalogue(version: str) -> bv.Catalogue:
    return bv.Catalogue.from_dict(
        {
            "framework": "demo",
            "version": version,
            "title": version,
            "themes": [{"id": "T", "title": "T", "items": [{"id": i} for i in ITEMS[version]]}],
        }
    )


@st.composite
def step(
    draw: st.DrawFn, source: str, target: str, confidences: st.SearchStrategy[Any] = CONFIDENCES
) -> bv.Mapping:
    relations = draw(disjoint_relations(ITEMS[source], ITEMS[target], confidences))
    return mapping(source, target, *relations)


def by_link(m: bv.Mapping) -> dict[tuple[str, str], float | None]:
    """Each link's confidence as its relation states it."""
    return {link: r.confidence for r in m.relations for link in r.links}


def without_confidence(m: bv.Mapping) -> bv.Mapping:
    data = m.to_dict()
    for relation in data["relations"]:
        relation.pop("confidence", None)
    return bv.Mapping.from_dict(data)


def graph(m: bv.Mapping) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return sorted((r.kind, r.sources, r.targets) for r in m.relations)


LAWS = settings(max_examples=150, deadline=None)


@LAWS
@given(step("v1", "v2"), step("v2", "v3"))
def test_confidence_never_changes_what_is_linked(first: bv.Mapping, second: bv.Mapping) -> None:
    composed = bv.compose(first, second)
    plain = bv.compose(without_confidence(first), without_confidence(second))
    assert graph(composed) == graph(plain)
    assert all(r.confidence is None for r in plain.relations)


@LAWS
@given(
    step("v1", "v2", st.just(0.5)),
    step("v2", "v3", st.just(0.25)),
)
def test_uniform_confidences_multiply(first: bv.Mapping, second: bv.Mapping) -> None:
    composed = bv.compose(first, second)
    for relation in composed.relations:
        expected = 0.125 if relation.links else None  # removed/added state none
        assert relation.confidence == expected, relation


@LAWS
@given(step("v1", "v2"), step("v2", "v3"))
def test_composed_confidence_lies_between_the_products(
    first: bv.Mapping, second: bv.Mapping
) -> None:
    """No composed link is surer than the surest input, nor less sure than the two least
    sure inputs together (a side stating nothing counts as 1)."""
    ones = [r.confidence for r in first.relations if r.confidence is not None and r.links]
    twos = [r.confidence for r in second.relations if r.confidence is not None and r.links]
    for confidence in by_link(bv.compose(first, second)).values():
        if confidence is None:
            continue
        assert min(ones, default=1.0) * min(twos, default=1.0) <= confidence
        assert confidence <= max(ones + twos)


@LAWS
@given(step("v1", "v2", st.none()), step("v2", "v3", st.none()))
def test_no_confidence_in_none_out(first: bv.Mapping, second: bv.Mapping) -> None:
    assert all(r.confidence is None for r in bv.compose(first, second).relations)


@LAWS
@given(st.data())
def test_identity_keeps_every_confidence(data: st.DataObject) -> None:
    one, two = catalogue("v1"), catalogue("v2")
    relations = data.draw(disjoint_relations(ITEMS["v1"], ITEMS["v2"], CONFIDENCES))
    m = bv.Mapping.from_dict(
        {"framework": "demo", "from": "v1", "to": "v2", "complete": False, "relations": relations},
        source=one,
        target=two,
    )
    assert by_link(bv.compose(bv.identity(one), m)) == by_link(m)
    assert by_link(bv.compose(m, bv.identity(two))) == by_link(m)


@LAWS
@given(step("v1", "v2"), step("v2", "v3"), step("v3", "v4"))
def test_a_chain_is_the_fold_of_its_steps(a: bv.Mapping, b: bv.Mapping, c: bv.Mapping) -> None:
    assert stated(bv.compose(a, b, c)) == stated(bv.compose(bv.compose(a, b), c))


# -- what a composition says of itself (by hand) ---------------------------------------------


def test_composition_names_its_way_and_method() -> None:
    first = mapping("1", "2", rel("unchanged", ["a"], ["x"]))
    second = mapping("2", "3", rel("unchanged", ["x"], ["p"]))
    composed = bv.compose(first, second)
    assert composed.title == "demo/1 -> demo/3 (composed via 2)"
    assert (composed.framework, composed.source_version, composed.target_version) == (
        "demo",
        "1",
        "3",
    )
    assert [r.method for r in composed.relations] == ["composed"]


def test_a_crosswalk_composition_names_the_framework_it_went_through() -> None:
    first = bv.Mapping.from_dict(
        {
            "from": "a/1",
            "to": "b/2",
            "complete": False,
            "relations": [rel("unchanged", ["s"], ["m"])],
        }
    )
    second = bv.Mapping.from_dict(
        {
            "from": "b/2",
            "to": "c/3",
            "complete": False,
            "relations": [rel("unchanged", ["m"], ["t"])],
        }
    )
    composed = bv.compose(first, second)
    assert composed.title == "a/1 -> c/3 (composed via b/2)"
    assert (composed.framework, composed.target_framework) == ("a", "c")


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (
            mapping("1", "2", rel("unchanged", ["a"], ["x"])),
            mapping("3", "4", rel("unchanged", ["y"], ["p"])),
            "cannot compose demo/1--2 with demo/3--4: the first must end at the version "
            "where the second starts",
        ),
        (
            bv.Mapping.from_dict(
                {
                    "from": "a/1",
                    "to": "b/2",
                    "complete": False,
                    "relations": [rel("added", [], ["m"])],
                }
            ),
            mapping("2", "3", rel("unchanged", ["m"], ["t"])),
            "cannot compose a/1--b/2 with demo/2--3: the first must end at the version "
            "where the second starts",
        ),
    ],
)
def test_mappings_that_do_not_meet_cannot_compose(
    first: bv.Mapping, second: bv.Mapping, message: str
) -> None:
    with pytest.raises(bv.CompositionError) as caught:
        bv.compose(first, second)
    assert str(caught.value) == message


def test_identity_relations_say_so_and_are_complete() -> None:
    one = catalogue("v1")
    same = bv.identity(one)
    assert same.complete
    assert {(r.kind, r.method) for r in same.relations} == {("unchanged", "identity")}
    assert [r.sources for r in same.relations] == [(i,) for i in ITEMS["v1"]]


@pytest.mark.parametrize(("one", "two"), [(True, True), (True, False), (False, True)])
def test_complete_only_when_both_are(one: bool, two: bool) -> None:
    first = mapping("1", "2", rel("unchanged", ["a"], ["x"]), complete=one)
    second = mapping("2", "3", rel("unchanged", ["x"], ["p"]), complete=two)
    assert bv.compose(first, second).complete is (one and two)
