from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bvframework import Catalogue, DataError, ItemRef, UnknownReferenceError, load_catalogue

from .conftest import Write


def base(**extra: object) -> dict[str, Any]:
    data: dict[str, object] = {
        "framework": "demo",
        "version": "v1",
        "title": "Demo",
        "themes": [{"id": "A", "title": "Alpha", "items": [{"id": "A-1"}, {"id": "A-2"}]}],
    }
    data.update(extra)
    return data


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DataError) as exc:
        Catalogue.from_dict(data, filename="c.yaml")
    return [str(p) for p in exc.value.problems]


class TestBundledStatutory:
    def test_seventy_items_in_published_theme_counts(self) -> None:
        cat = load_catalogue("best-value/statutory-2024-05")
        counts = {t.title: len(t.items) for t in cat.themes}
        assert counts == {
            "Continuous improvement": 11,
            "Leadership": 10,
            "Governance": 10,
            "Culture": 11,
            "Use of resources": 12,
            "Service delivery": 10,
            "Partnerships and community engagement": 6,
        }
        assert len(cat) == 70
        assert cat.expected_items == 70
        assert cat.is_complete

    def test_no_wording_is_held(self) -> None:
        cat = load_catalogue("best-value/statutory-2024-05")
        assert all(item.text is None and item.label is None for item in cat)

    @pytest.mark.parametrize(
        ("code", "canonical"),
        [
            ("CI001", "CI-01"),
            ("CI011", "CI-11"),
            ("G008", "G-08"),
            ("R011", "R-11"),
            ("R012", "R-12"),
            ("PC006", "PC-06"),
            ("SD010", "SD-10"),
        ],
    )
    def test_blaby_codes_are_statutory_positions(self, code: str, canonical: str) -> None:
        cat = load_catalogue("best-value/statutory-2024-05")
        assert cat.resolve(code) == canonical
        assert cat.resolve(code, scheme="blaby") == canonical
        assert cat.item(code).position == int(code[-3:])

    def test_item_facts_carry_evidence(self) -> None:
        cat = load_catalogue("best-value/statutory-2024-05")
        for ref in ("CI-02", "CI-03", "G-08", "R-11"):
            item = cat.item(ref)
            assert item.note
            assert item.evidence

    def test_qualified_identity(self) -> None:
        cat = load_catalogue("best-value/statutory-2024-05")
        ref = cat.ref("CI002")
        assert str(ref) == "best-value/statutory-2024-05/CI-02"
        assert ItemRef.parse(str(ref)) == ref
        assert cat.resolve(str(ref)) == "CI-02"
        with pytest.raises(UnknownReferenceError, match="belongs to best-value/draft-2023-07"):
            cat.resolve("best-value/draft-2023-07/CI-02")


def test_draft_says_its_size_is_unknown() -> None:
    draft = load_catalogue("best-value/draft-2023-07")
    assert draft.expected_items is None
    assert not draft.is_complete
    assert [t.title for t in draft.themes] == [
        t.title for t in load_catalogue("best-value/statutory-2024-05").themes
    ]
    assert draft.resolve("L009") == "L-all-out-elections"
    assert "not known" in draft.completeness_line()


def test_round_trip_through_dict(toy: Path) -> None:
    for path in sorted((toy / "catalogues" / "toy").glob("*.yaml")):
        cat = load_catalogue(path)
        assert Catalogue.from_dict(cat.to_dict()) == cat
    statutory = load_catalogue("best-value/statutory-2024-05")
    assert Catalogue.from_dict(statutory.to_dict()) == statutory


def test_unknown_item_suggests_close_ids() -> None:
    cat = Catalogue.from_dict(base())
    with pytest.raises(UnknownReferenceError) as exc:
        cat.resolve("A-3")
    assert str(exc.value) == "demo/v1 has no item 'A-3'; did you mean 'A-1', 'A-2'?"


def test_unknown_bundled_reference_suggests() -> None:
    with pytest.raises(UnknownReferenceError, match=r"did you mean 'best-value/statutory-2024-05'"):
        load_catalogue("best-value/statutory-2024")


def test_ambiguous_code_across_schemes() -> None:
    cat = Catalogue.from_dict(
        base(numbering=[{"id": "x", "codes": {"K1": "A-1"}}, {"id": "y", "codes": {"K1": "A-2"}}])
    )
    with pytest.raises(UnknownReferenceError, match=r"means different items.*name the numbering"):
        cat.resolve("K1")
    assert cat.resolve("K1", scheme="y") == "A-2"
    with pytest.raises(UnknownReferenceError, match="has no numbering scheme 'z'"):
        cat.resolve("K1", scheme="z")


class TestErrors:
    def test_unknown_key_names_it_and_suggests(self) -> None:
        assert problems(base(titel="x")) == [
            "c.yaml: unknown key 'titel'; did you mean 'title'? (allowed: completeness, "
            "expected_items, framework, identifiers, licence, notes, numbering, published, "
            "source, status, "
            "themes, title, version)"
        ]

    def test_numeric_id_must_be_quoted(self, write: Write) -> None:
        path = write(
            "c.yaml",
            "framework: demo\nversion: v1\ntitle: D\nthemes:\n"
            "  - id: A\n    title: A\n    items:\n      - id: 1.10\n",
        )
        with pytest.raises(DataError) as exc:
            load_catalogue(path)
        assert [str(p) for p in exc.value.problems] == [
            f"{path}:8: themes[0].items[0].id: expected a string, got the number 1.1 "
            "(written 1.10); quote it: '1.10'"
        ]

    def test_unquoted_date_must_be_quoted(self, write: Write) -> None:
        path = write(
            "c.yaml", "framework: demo\nversion: v1\ntitle: D\npublished: 2024-05-08\nthemes: []\n"
        )
        with pytest.raises(DataError) as exc:
            load_catalogue(path)
        assert [str(p) for p in exc.value.problems] == [
            f"{path}:4: published: expected a string, got a date (2024-05-08); "
            "quote it: '2024-05-08'",
            f"{path}:5: themes: needs at least 1 entries, has 0",
        ]

    def test_duplicates_and_evidence_all_reported(self) -> None:
        data = base(
            themes=[
                {"id": "A", "title": "Alpha", "items": [{"id": "A-1"}, {"id": "A-1"}]},
                {"id": "A", "title": "Again", "items": [{"id": "B-1", "label": "Short"}]},
            ]
        )
        assert problems(data) == [
            "c.yaml: themes[0].items[1].id: duplicate item id 'A-1' (first at themes[0].items[0])",
            "c.yaml: themes[1]: duplicate theme id 'A'",
            "c.yaml: themes[1].items[0]: an item with a label or text needs 'evidence'",
        ]

    def test_expected_counts(self) -> None:
        data = base(
            expected_items=5,
            themes=[
                {
                    "id": "A",
                    "title": "A",
                    "expected_items": 1,
                    "items": [{"id": "A-1"}, {"id": "A-2"}],
                }
            ],
        )
        assert problems(data) == [
            "c.yaml: themes[0]: lists 2 items but expected_items is 1",
            "c.yaml: expected_items: themes expect 1 items in all but expected_items is 5",
        ]
        assert problems(base(expected_items=1)) == ["c.yaml: lists 2 items but expected_items is 1"]

    def test_numbering_problems(self) -> None:
        data = base(
            numbering=[
                {"id": "s", "codes": {"X1": "A-9", "A-2": "A-1"}},
                {"id": "s", "codes": {}},
            ]
        )
        assert problems(data) == [
            "c.yaml: numbering[0].codes.X1: code 'X1' names unknown item 'A-9'",
            "c.yaml: numbering[0].codes.A-2: code 'A-2' is also the ID of another item; "
            "it would be ambiguous",
            "c.yaml: numbering[1]: duplicate numbering scheme 's'",
        ]

    def test_bad_id_characters_and_missing_keys(self) -> None:
        data = {
            "framework": "Demo Code",
            "version": "v1--x",
            "themes": [{"id": "A", "items": [{"id": "a b"}]}],
        }
        assert problems(data) == [
            "c.yaml: missing required key 'title'",
            "c.yaml: framework: 'Demo Code' is not valid here (letters and digits joined by "
            "single '.', '_' or '-')",
            "c.yaml: version: 'v1--x' is not valid here (letters and digits joined by single "
            "'.', '_' or '-')",
            "c.yaml: themes[0]: missing required key 'title'",
            "c.yaml: themes[0].items[0].id: 'a b' is not valid here (letters, digits, '.', '_' "
            "and '-', starting with a letter or digit)",
        ]

    def test_top_level_not_a_mapping(self, write: Write) -> None:
        with pytest.raises(DataError, match="expected a mapping, got a list"):
            load_catalogue(write("c.yaml", "- 1\n"))
        with pytest.raises(DataError, match="the file is empty"):
            load_catalogue(write("e.yaml", ""))
