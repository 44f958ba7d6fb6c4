from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bvframework import (
    Catalogue,
    CompositionError,
    DataError,
    Mapping,
    compose,
    identity,
    load_catalogue,
    load_mapping,
)

from .conftest import Write


@pytest.fixture
def v1(toy: Path) -> Catalogue:
    return load_catalogue(toy / "catalogues/toy/v1.yaml")


@pytest.fixture
def v2(toy: Path) -> Catalogue:
    return load_catalogue(toy / "catalogues/toy/v2.yaml")


class TestToyGolden:
    """Counts derived by hand from tests/data/toy (see the comments in the mapping file)."""

    def test_summary(self, toy: Path) -> None:
        summary = load_mapping(toy / "mappings/toy/v1--v2.yaml").summary()
        assert summary.to_dict() == {
            "relations": {
                "unchanged": 2,
                "reworded": 2,
                "merged": 2,
                "split": 1,
                "removed": 1,
                "added": 2,
            },
            "sources": {
                "unchanged": 2,
                "reworded": 2,
                "merged": 2,
                "split": 2,
                "removed": 1,
                "unmapped": 0,
            },
            "targets": {
                "unchanged": 2,
                "reworded": 2,
                "merged": 2,
                "split": 2,
                "added": 2,
                "unmapped": 0,
            },
            "links": 10,
            "moved": 1,
        }

    def test_item_in_two_merges_is_split_at_source(self, toy: Path) -> None:
        mapping = load_mapping(toy / "mappings/toy/v1--v2.yaml")
        disp, orig = mapping.dispositions(), mapping.origins()
        assert disp["B-2"] == "split"  # it feeds two targets
        assert (disp["A-4"], disp["B-3"]) == ("merged", "merged")
        assert (orig["M-1"], orig["M-2"]) == ("merged", "merged")
        assert (disp["A-5"], orig["S-1"], orig["S-2"]) == ("split", "split", "split")
        assert mapping.moved() == (("B-1", "A-X"),)

    def test_council_codes_are_stored_canonical(self, toy: Path) -> None:
        mapping = load_mapping(toy / "mappings/toy/v1--v2.yaml")
        assert mapping.relations[0].sources == ("A-1",)
        assert mapping.relations[7].sources == ("B-4",)

    def test_reconcile_fully_itemised(self, toy: Path) -> None:
        (rec,) = load_mapping(toy / "mappings/toy/v1--v2.yaml").reconcile()
        assert [(c.kind, c.published, c.itemised) for c in rec.counts] == [
            ("unchanged", 2, 2),
            ("reworded", 2, 2),
            ("removed", 1, 1),
            ("added", 2, 2),
        ]
        assert rec.fully_itemised
        assert not rec.contradicted

    def test_three_versions_compose(self, toy: Path) -> None:
        m12 = load_mapping(toy / "mappings/toy/v1--v2.yaml")
        m23 = load_mapping(toy / "mappings/toy/v2--v3.yaml")
        m13 = compose(m12, m23)
        assert (m13.source_version, m13.target_version, m13.complete) == ("v1", "v3", True)
        disp, orig = m13.dispositions(), m13.origins()
        # A-1 unchanged twice; A-2 unchanged then reworded; A-5 split into S-1, S-2 which
        # merge again into S-12 (a 1:1 composed link, but not unchanged); B-4 removed at
        # the first step; N-2 added then removed, so nothing of v1 reaches it.
        assert disp == {
            "A-1": "unchanged",
            "A-2": "reworded",
            "A-3": "reworded",
            "A-4": "merged",
            "A-5": "reworded",
            "B-1": "reworded",
            "B-2": "split",
            "B-3": "merged",
            "B-4": "removed",
        }
        assert orig == {
            "A-1": "unchanged",
            "A-2": "reworded",
            "A-3": "reworded",
            "A-X": "reworded",
            "M-1": "merged",
            "M-2": "merged",
            "S-12": "reworded",
            "N-1": "added",
            "Z-1": "added",
        }
        # the result is a valid mapping file
        again = Mapping.from_dict(
            m13.to_dict(), source=m12.source_catalogue, target=m23.target_catalogue
        )
        assert again.links == m13.links

    def test_compose_refuses_versions_that_do_not_meet(self, toy: Path) -> None:
        m12 = load_mapping(toy / "mappings/toy/v1--v2.yaml")
        with pytest.raises(CompositionError, match="cannot compose toy/v1--v2 with toy/v1--v2"):
            compose(m12, m12)

    def test_identity(self, v1: Catalogue) -> None:
        summary = identity(v1).summary()
        assert summary.sources["unchanged"] == summary.targets["unchanged"] == 9
        assert summary.links == 9


class TestBundledBestValue:
    def test_published_figures_are_reconciled_not_computed(self) -> None:
        mapping = load_mapping("best-value/draft-2023-07--statutory-2024-05")
        assert not mapping.complete
        (rec,) = mapping.reconcile()
        assert [(c.kind, c.published, c.itemised, c.status) for c in rec.counts] == [
            ("unchanged", 41, 0, "not itemised"),
            ("removed", 2, 1, "partly itemised"),
            ("added", 13, 0, "not itemised"),
        ]
        assert rec.checks[1] == (
            "target: the published counts account for 54 items (unchanged 41 + added 13) but "
            "best-value/statutory-2024-05 has 70: 16 are not accounted for by the published "
            "comparison"
        )
        summary = mapping.summary()
        assert summary.sources["removed"] == 1
        assert summary.targets["unmapped"] == 70  # nothing is assumed about the 70

    def test_runnymede_code_resolves_in_mapping(self) -> None:
        draft = load_catalogue("best-value/draft-2023-07")
        mapping = Mapping.from_dict(
            {
                "framework": "best-value",
                "from": "draft-2023-07",
                "to": "statutory-2024-05",
                "complete": False,
                "relations": [{"kind": "removed", "from": ["L009"]}],
            },
            source=draft,
        )
        assert mapping.relations[0].sources == ("L-all-out-elections",)


def problems(data: dict[str, Any], v1: Catalogue | None, v2: Catalogue | None) -> list[str]:
    with pytest.raises(DataError) as exc:
        Mapping.from_dict(data, source=v1, target=v2, filename="m.yaml")
    return [str(p) for p in exc.value.problems]


def mapping(*relations: dict[str, Any], complete: bool = False, **extra: Any) -> dict[str, Any]:
    return {
        "framework": "toy",
        "from": "v1",
        "to": "v2",
        "complete": complete,
        "relations": list(relations),
    } | extra


ARTICLE = {"unchanged": "an", "split": "a", "removed": "a", "added": "an"}


class TestErrors:
    def test_every_problem_at_once_with_lines(
        self, write: Write, v1: Catalogue, v2: Catalogue
    ) -> None:
        path = write(
            "m.yaml",
            "framework: toy\nfrom: v1\nto: v2\ncomplete: false\nrelations:\n"
            "  - {kind: unchanged, from: [A-1], to: [A-9]}\n"
            "  - {kind: merged, from: [A-2], to: [M-1]}\n"
            "  - {kind: removed, from: [A-3]}\n"
            "  - {kind: reworded, from: [A-3], to: [A-3]}\n",
        )
        with pytest.raises(DataError) as exc:
            load_mapping(path, source=v1, target=v2)
        assert [str(p) for p in exc.value.problems] == [
            f"{path}:6: relations[0].to[0]: toy/v2 has no item 'A-9'; did you mean 'A-1', "
            "'A-2', 'A-3'?",
            f"{path}:7: relations[1]: a 'merged' relation needs two or more 'from' and exactly "
            "one 'to'; it has 1 'from' and 1 'to'",
            f"{path}:8: relations[2]: from item 'A-3' is removed and also in another relation: "
            "relations[2] (removed), relations[3] (reworded)",
        ]

    def test_unknown_key_and_kind(self, v1: Catalogue, v2: Catalogue) -> None:
        data = mapping({"kind": "renamed", "from": ["A-1"], "to": ["A-1"], "confidance": 1})
        assert problems(data, v1, v2) == [
            "m.yaml: relations[0].kind: the string 'renamed' is not one of: unchanged, "
            "reworded, merged, split, removed, added",
            "m.yaml: relations[0]: unknown key 'confidance'; did you mean 'confidence'? "
            "(allowed: confidence, evidence, from, kind, method, note, reason, to)",
        ]

    @pytest.mark.parametrize(
        ("relation", "message"),
        [
            (
                {"kind": "unchanged", "from": ["A-1", "A-2"], "to": ["A-1"]},
                "exactly one 'from' and one 'to'; it has 2 'from' and 1 'to'",
            ),
            (
                {"kind": "split", "from": ["A-1"], "to": ["A-1"]},
                "exactly one 'from' and two or more 'to'; it has 1 'from' and 1 'to'",
            ),
            (
                {"kind": "removed", "from": ["A-1"], "to": ["A-1"]},
                "one or more 'from' and no 'to'; it has 1 'from' and 1 'to'",
            ),
            (
                {"kind": "added", "from": ["A-1"], "to": ["A-1"]},
                "one or more 'to' and no 'from'; it has 1 'from' and 1 'to'",
            ),
            ({"kind": "added"}, "one or more 'to' and no 'from'; it has 0 'from' and 0 'to'"),
        ],
    )
    def test_shapes(
        self, relation: dict[str, Any], message: str, v1: Catalogue, v2: Catalogue
    ) -> None:
        kind = relation["kind"]
        assert problems(mapping(relation), v1, v2) == [
            f"m.yaml: relations[0]: {ARTICLE[kind]} {kind!r} relation needs {message}"
        ]

    def test_one_to_one_item_with_another_link(self, v1: Catalogue, v2: Catalogue) -> None:
        data = mapping(
            {"kind": "reworded", "from": ["A-1"], "to": ["A-1"]},
            {"kind": "split", "from": ["A-1"], "to": ["S-1", "S-2"]},
            {"kind": "added", "to": ["N-1"]},
            {"kind": "unchanged", "from": ["A-2"], "to": ["N-1"]},
        )
        assert problems(data, v1, v2) == [
            "m.yaml: relations[0]: from item 'A-1' is in a 1:1 relation and also in another: "
            "relations[0] (reworded), relations[1] (split)",
            "m.yaml: relations[2]: to item 'N-1' is added and also in another relation: "
            "relations[2] (added), relations[3] (unchanged)",
        ]

    def test_listed_twice(self, v1: Catalogue, v2: Catalogue) -> None:
        data = mapping({"kind": "merged", "from": ["A-1", "A001"], "to": ["M-1"]})
        assert problems(data, v1, v2) == ["m.yaml: relations[0].from[1]: 'A001' is listed twice"]

    def test_complete_requires_every_item(self, v1: Catalogue, v2: Catalogue) -> None:
        data = mapping({"kind": "unchanged", "from": ["A-1"], "to": ["A-1"]}, complete=True)
        assert problems(data, v1, v2) == [
            "m.yaml: complete: 'complete' is true but 8 from items of toy/v1 are in no "
            "relation: A-2, A-3, A-4, A-5, B-1, B-2, B-3, B-4",
            "m.yaml: complete: 'complete' is true but 9 to items of toy/v2 are in no "
            "relation: A-2, A-3, A-X, M-1, M-2, S-1, S-2, N-1, N-2",
        ]

    def test_header_must_match_catalogues(self, v1: Catalogue, v2: Catalogue) -> None:
        data = mapping() | {"from": "v0"}
        assert problems(data, v1, v2) == [
            "m.yaml: from: 'from' is 'v0' but the catalogue given is toy/v1"
        ]
        statutory = load_catalogue("best-value/statutory-2024-05")
        assert problems(mapping(), v1, statutory) == [
            "m.yaml: framework: mapping is for framework 'toy' but the to catalogue is "
            "best-value/statutory-2024-05"
        ]

    def test_published_counts_are_checked(self, v1: Catalogue, v2: Catalogue) -> None:
        data = mapping(published=[{"source": "x", "counts": {"unchanged": -1, "moved": 2}}])
        assert problems(data, v1, v2) == [
            "m.yaml: published[0].counts.unchanged: -1 is below the minimum 0",
            "m.yaml: published[0].counts: unknown key 'moved'; did you mean 'removed'? "
            "(allowed: added, merged, removed, reworded, split, unchanged)",
        ]

    def test_without_catalogues_only_structure_is_checked(self) -> None:
        data = mapping({"kind": "reworded", "from": ["X"], "to": ["Y"]}, complete=True)
        checked = Mapping.from_dict(data)
        assert checked.source_items == ("X",)
        assert checked.summary().sources["reworded"] == 1


def test_mapping_round_trip(toy: Path) -> None:
    for path in sorted((toy / "mappings/toy").glob("*.yaml")):
        m = load_mapping(path)
        assert (
            Mapping.from_dict(m.to_dict(), source=m.source_catalogue, target=m.target_catalogue)
            == m
        )


def test_contradicted_published_count(toy: Path, v1: Catalogue, v2: Catalogue) -> None:
    m = load_mapping(toy / "mappings/toy/v1--v2.yaml")
    data = m.to_dict()
    data["published"] = [{"source": "wrong", "counts": {"removed": 0}}]
    (rec,) = Mapping.from_dict(data, source=v1, target=v2).reconcile()
    assert rec.contradicted
    assert rec.counts[0].status == "contradicted"
