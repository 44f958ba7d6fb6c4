"""``Mapping.relationships()`` of the bundled mappings and the toy fixture, written out by
hand from the mapping files (mappings/best-value/, tests/data/toy/mappings/toy/) and
../shared/best-value/FACTS.md.

The rule, per link: ``subset-of`` where its target has several sources (a merge),
``superset-of`` where its source has several targets (a split), ``intersects-with`` where
both, else ``equal-to`` (1:1, unchanged) or ``equivalent-to`` (1:1, reworded).
"""

from __future__ import annotations

from pathlib import Path

import bvframework as bv

TOY = Path(__file__).parent / "data" / "toy"


def toy_catalogue(version: str) -> bv.Catalogue:
    return bv.load_catalogue(TOY / "catalogues" / "toy" / f"{version}.yaml")


def toy_mapping(name: str, source: str, target: str) -> bv.Mapping:
    return bv.load_mapping(
        TOY / "mappings" / "toy" / f"{name}.yaml",
        source=toy_catalogue(source),
        target=toy_catalogue(target),
    )


def test_draft_to_statutory_states_no_link() -> None:
    """FACTS.md: of Runnymede's published comparison (41 unchanged, 2 removed, 13 added)
    only the all-out elections removal is itemised; a removal is no link."""
    m = bv.load_mapping("best-value/draft-2023-07--statutory-2024-05")
    assert m.relationships() == {}
    assert [(r.kind, r.sources, r.targets) for r in m.relations] == [
        ("removed", ("L-all-out-elections",), ())
    ]
    assert m.dispositions()["L-all-out-elections"] == "removed"


def test_runnymede_to_draft_is_one_equal_link() -> None:
    """FACTS.md: Runnymede's L009 is the draft's all-out elections item, unchanged (1:1)."""
    m = bv.load_mapping("best-value/runnymede-2024--draft-2023-07")
    assert m.relationships() == {("L009", "L-all-out-elections"): "equal-to"}


def test_runnymede_to_statutory_composed_states_no_link() -> None:
    """L009 -> all-out elections -> removed: the one linked item ends in a removal."""
    composed = bv.compose(
        bv.load_mapping("best-value/runnymede-2024--draft-2023-07"),
        bv.load_mapping("best-value/draft-2023-07--statutory-2024-05"),
    )
    assert composed.relationships() == {}
    assert composed.dispositions()["L009"] == "removed"


# toy v1 -> v2 (tests/data/toy/mappings/toy/v1--v2.yaml; A001 is A-1 in the council's codes):
#   unchanged A-1->A-1, A-2->A-2; reworded A-3->A-3, B-1->A-X;
#   merged (A-4, B-2)->M-1 and (B-2, B-3)->M-2: B-2 has two targets and each of them two
#   sources; split A-5->(S-1, S-2)
TOY_V1_V2 = {
    ("A-1", "A-1"): "equal-to",
    ("A-2", "A-2"): "equal-to",
    ("A-3", "A-3"): "equivalent-to",
    ("B-1", "A-X"): "equivalent-to",
    ("A-4", "M-1"): "subset-of",
    ("B-2", "M-1"): "intersects-with",
    ("B-2", "M-2"): "intersects-with",
    ("B-3", "M-2"): "subset-of",
    ("A-5", "S-1"): "superset-of",
    ("A-5", "S-2"): "superset-of",
}

# toy v2 -> v3: reworded A-2; merged (S-1, S-2)->S-12; the rest unchanged 1:1
TOY_V2_V3 = {
    ("A-1", "A-1"): "equal-to",
    ("A-2", "A-2"): "equivalent-to",
    ("A-3", "A-3"): "equal-to",
    ("A-X", "A-X"): "equal-to",
    ("M-1", "M-1"): "equal-to",
    ("M-2", "M-2"): "equal-to",
    ("S-1", "S-12"): "subset-of",
    ("S-2", "S-12"): "subset-of",
    ("N-1", "N-1"): "equal-to",
}

# v1 -> v3: unchanged only where unchanged both ways; A-2 reworded on the second step,
# A-3 and B-1 on the first; the merges carry on; A-5's split meets S-12's merge again, so
# A-5 -> S-12 is one 1:1 link, not unchanged on any path
TOY_V1_V3 = {
    ("A-1", "A-1"): "equal-to",
    ("A-2", "A-2"): "equivalent-to",
    ("A-3", "A-3"): "equivalent-to",
    ("B-1", "A-X"): "equivalent-to",
    ("A-4", "M-1"): "subset-of",
    ("B-2", "M-1"): "intersects-with",
    ("B-2", "M-2"): "intersects-with",
    ("B-3", "M-2"): "subset-of",
    ("A-5", "S-12"): "equivalent-to",
}


def test_toy_relationships() -> None:
    first = toy_mapping("v1--v2", "v1", "v2")
    second = toy_mapping("v2--v3", "v2", "v3")
    assert first.relationships() == TOY_V1_V2
    assert second.relationships() == TOY_V2_V3
    assert bv.compose(first, second).relationships() == TOY_V1_V3


def test_relationships_survive_a_round_trip_through_the_file_form() -> None:
    first = toy_mapping("v1--v2", "v1", "v2")
    again = bv.Mapping.from_dict(first.to_dict())
    assert again.relationships() == TOY_V1_V2
