from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from bvframework import (
    DataError,
    MissingDependencyError,
    UnknownReferenceError,
    UsageError,
    assessment_from_rows,
    dump_assessment,
    load_assessment,
    load_catalogue,
    read_table,
    write_csv,
)
from bvframework._assessments.model import Assessment
from bvframework._core.yamlio import parse_yaml

from .conftest import Write

BLABY = load_assessment("best-value/blaby-2025")
RUNNYMEDE = load_assessment("best-value/runnymede-2024")


class TestBlabyGolden:
    """Published in Blaby's report (seed 000), paras 3.1-3.4."""

    def test_totals(self) -> None:
        s = BLABY.summary()
        assert s.basis == "items"
        assert dict(s.levels) == {"1": 0, "2": 1, "3": 20, "4": 21, "5": 24}
        assert s.assessed == 66
        assert s.states["excluded"] == 4
        assert str(s.share_at_or_above("4")) == "45 of 66 (68%)"

    def test_excluded_items(self) -> None:
        excluded = [x.code for x in BLABY.scores if x.value == "excluded"]
        assert excluded == ["CI002", "CI003", "G008", "R011"]

    def test_per_theme_counts_from_the_heat_map(self) -> None:
        # Counted by hand from the heat map in section 3.1 of the report.
        themes = BLABY.summary().themes
        expected = {
            "CI": ({"5": 4, "4": 4, "3": 1, "2": 0, "1": 0}, 2),
            "L": ({"5": 4, "4": 4, "3": 2, "2": 0, "1": 0}, 0),
            "G": ({"5": 3, "4": 2, "3": 4, "2": 0, "1": 0}, 1),
            "C": ({"5": 6, "4": 4, "3": 1, "2": 0, "1": 0}, 0),
            "R": ({"5": 6, "4": 2, "3": 3, "2": 0, "1": 0}, 1),
            "SD": ({"5": 1, "4": 2, "3": 7, "2": 0, "1": 0}, 0),
            "PC": ({"5": 0, "4": 3, "3": 2, "2": 1, "1": 0}, 0),
        }
        for theme, (levels, excluded) in expected.items():
            assert dict(themes[theme].levels) == levels, theme
            assert themes[theme].states["excluded"] == excluded, theme

    def test_published_totals_agree_with_the_cells(self) -> None:
        published = dict(BLABY.published[0].counts)
        items = BLABY.summary()
        assert {k: published[k] for k in items.levels} == dict(items.levels)
        assert published["excluded"] == items.states["excluded"]

    def test_codes_resolve_to_statutory_positions(self) -> None:
        assert BLABY.score("PC005").item == "PC-05"
        assert BLABY.score("PC-05").value == "2"
        assert BLABY.score("best-value/statutory-2024-05/G-08").value == "excluded"


class TestRunnymedeGolden:
    """Published in Runnymede's report (seed 002), paras 2.10-2.16."""

    def test_summary_is_the_published_totals_and_says_so(self) -> None:
        s = RUNNYMEDE.summary()
        assert s.basis == "published"
        assert dict(s.levels) == {
            "red": 0,
            "amber": 1,
            "yellow": 15,
            "light-green": 42,
            "dark-green": 13,
        }
        assert s.states["grey"] == 2
        assert s.assessed + s.states["grey"] == 73

    def test_published_shares(self) -> None:
        s = RUNNYMEDE.summary()
        assert str(s.share_at_or_above("light-green", include_states=["grey"])) == (
            "55 of 73 (75%)"
        )
        assert str(s.share_of("yellow", include_states=["grey"])) == "15 of 73 (21%)"

    def test_four_known_items_and_no_others(self) -> None:
        known = {x.code: x.value for x in RUNNYMEDE.scores if x.value is not None}
        assert known == {"CI010": "amber", "CI011": "yellow", "L009": "grey", "C003": "grey"}
        items = RUNNYMEDE.summary(basis="items")
        assert items.unknown == 69
        assert items.states["not-assessed"] == 0  # unknown is not "not assessed"


def test_absent_items_are_not_assessed_never_dropped(toy: Path) -> None:
    a = load_assessment(toy / "assessments/toy/toyshire-2025.yaml")
    assert len(a.scores) == len(a.catalogue) == 10
    missing = a.score("N-2")
    assert (missing.value, missing.listed) == ("not-assessed", False)
    assert a.summary().states["not-assessed"] == 1


class TestRoundTrips:
    def test_yaml(self) -> None:
        for a in (BLABY, RUNNYMEDE):
            again = Assessment.from_dict(
                parse_yaml(dump_assessment(a)), catalogue=a.catalogue, scale=a.scale
            )
            assert again == a

    def test_csv(self, write: Write) -> None:
        path = write("blaby.csv", write_csv(BLABY))
        again = read_table(
            path,
            catalogue=BLABY.catalogue,
            numbering="blaby",
            council=BLABY.council,
            id=BLABY.id,
            date=BLABY.date,
        )
        assert again.scores == BLABY.scores

    def test_csv_text_is_as_published(self) -> None:
        lines = write_csv(BLABY).splitlines()
        assert lines[0] == "item,score,note,evidence,action"
        assert lines[1] == "CI001,3,,,"
        assert lines[2].startswith('CI002,Exc*,"Excluded as not relevant: relates to Oflog')


def rows(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"item": code, "score": score} for code, score in pairs]


def problems(data: list[dict[str, str]], **options: Any) -> list[str]:
    options.setdefault("catalogue", "best-value/statutory-2024-05")
    with pytest.raises(DataError) as exc:
        assessment_from_rows(data, source="a.csv", **options)
    return [str(p) for p in exc.value.problems]


class TestErrors:
    def test_scale_is_inferred_from_labels(self) -> None:
        a = assessment_from_rows(
            rows(("CI001", "Light green"), ("CI002", "Exc*")),
            catalogue="best-value/statutory-2024-05",
            source="a.csv",
        )
        assert a.scale.id == "six-colour"
        assert a.score("CI-02").value == "excluded"

    def test_two_scales_mixed(self) -> None:
        assert problems(rows(("CI001", "5"), ("CI002", "Good"), ("CI003", "4"))) == [
            "a.csv: the scores mix two or more scales (good-fair-poor: Good; numeric-1-5: 4, "
            "5); one file, one scale"
        ]

    def test_labels_fitting_several_scales(self) -> None:
        assert problems(rows(("CI001", "Red"), ("CI002", "Amber"))) == [
            "a.csv: the scores fit several scales (rag, six-colour); name one with scale="
        ]

    def test_unknown_codes_duplicates_and_labels_all_at_once(self) -> None:
        data = rows(("CI001", "5"), ("CI-01", "4"), ("ZZ001", "3"), ("CI002", "Six"))
        assert problems(data, scale="numeric-1-5", numbering="blaby") == [
            "a.csv:3: scores.CI-01: 'CI-01' is item CI-01, already scored as 'CI001'",
            "a.csv:4: scores.ZZ001: best-value/statutory-2024-05 (scheme 'blaby') has no item "
            "'ZZ001'; did you mean 'L001', 'G001', 'C001'?",
            "a.csv:5: scores.CI002: 'Six' is not a level or state of scale 'numeric-1-5' "
            "(levels: 1, 2, 3, 4, 5; states: Excluded, Not assessed)",
        ]

    def test_duplicate_row_and_missing_code(self) -> None:
        data = [
            {"item": "CI001", "score": "5"},
            {"item": "", "score": "4"},
            {"item": "CI001", "score": "4"},
        ]
        assert problems(data, scale="numeric-1-5") == [
            "a.csv:3: a row has no item code",
            "a.csv:4: item 'CI001' appears twice (first on line 2)",
        ]

    def test_yaml_header_problems(self, write: Write) -> None:
        path = write(
            "a.yaml",
            "id: x\ncouncil: C\ncatalogue: best-value/statutory\nscale: five\nscores: {}\n",
        )
        with pytest.raises(DataError) as exc:
            load_assessment(path)
        assert [str(p) for p in exc.value.problems] == [
            f"{path}:3: catalogue: no bundled catalogue 'best-value/statutory' and no such "
            "file; did you mean 'best-value/statutory-2024-05'?",
            f"{path}:4: scale: no bundled scale 'five' and no such file",
        ]

    def test_unknown_numbering_and_published_label(self, write: Write) -> None:
        path = write(
            "a.yaml",
            "id: x\ncouncil: C\ncatalogue: best-value/statutory-2024-05\n"
            "numbering: blabby\nscale: numeric-1-5\npublished:\n"
            "  - {source: s, counts: {'7': 1}}\nscores:\n  CI-01: 3\n",
        )
        with pytest.raises(DataError) as exc:
            load_assessment(path)
        assert [str(p) for p in exc.value.problems] == [
            f"{path}:4: numbering: best-value/statutory-2024-05 has no numbering scheme "
            "'blabby'; did you mean 'blaby'?",
            f"{path}:7: published[0].counts.7: '7' is not a level or state of scale "
            "'numeric-1-5' (levels: 1, 2, 3, 4, 5; states: Excluded, Not assessed)",
        ]

    def test_score_entry_shape(self, write: Write) -> None:
        path = write(
            "a.yaml",
            "id: x\ncouncil: C\ncatalogue: best-value/statutory-2024-05\n"
            "scale: numeric-1-5\nscores:\n  CI-01: {scor: 3}\n  CI-02: [3]\n",
        )
        with pytest.raises(DataError) as exc:
            load_assessment(path)
        assert [str(p) for p in exc.value.problems] == [
            f"{path}:6: scores.CI-01: missing required key 'score'",
            f"{path}:6: scores.CI-01: unknown key 'scor'; did you mean 'score'? (allowed: "
            "action, evidence, inferred, note, provenance, score, upper)",
            f"{path}:7: scores.CI-02: expected a string or an integer or null or a mapping, "
            "got a list",
        ]

    def test_table_needs_a_catalogue(self, write: Write) -> None:
        path = write("a.csv", "item,score\nCI001,5\n")
        with pytest.raises(
            UsageError, match=r"needs the catalogue it scores; name it with catalogue="
        ):
            load_assessment(path)

    def test_xlsx_without_openpyxl(self, write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        path = write("a.xlsx", "")
        with pytest.raises(MissingDependencyError, match=r"pip install 'bvframework\[excel\]'"):
            load_assessment(path, catalogue="best-value/statutory-2024-05")

    def test_unknown_bundled_assessment(self) -> None:
        with pytest.raises(UnknownReferenceError, match=r"did you mean 'best-value/blaby-2025'"):
            load_assessment("best-value/blaby-2024")


def test_xlsx_round_trip(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Item", "Score", "Note"])
    sheet.append(["CI001", 3, "as published"])
    sheet.append(["CI002", "Exc*", None])
    book.save(tmp_path / "a.xlsx")
    a = load_assessment(
        tmp_path / "a.xlsx",
        catalogue=load_catalogue("best-value/statutory-2024-05"),
        numbering="blaby",
        scale="numeric-1-5",
    )
    assert a.score("CI001").value == "3"
    assert a.score("CI001").note == "as published"
    assert a.score("CI002").value == "excluded"


def test_table_against_a_catalogue_file_writes_back_loadable_yaml(
    write: Write, tmp_path: Path
) -> None:
    from .conftest import TOY

    catalogue = load_catalogue(TOY / "catalogues/toy/v1.yaml")
    a = read_table(
        write("t.csv", "item,score\nA001,Good\nB-4,Poor\n"),
        catalogue=catalogue,
        numbering="council",
    )
    out = tmp_path / "elsewhere" / "a.yaml"
    out.parent.mkdir()
    out.write_text(dump_assessment(a))
    again = load_assessment(out)
    assert again.scores == a.scores
    assert again.catalogue.key == "toy/v1"
