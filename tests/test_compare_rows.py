"""Every row ``bvframework compare --format csv`` writes, and why a change is not comparable,
worked out by hand from the toy fixture (tests/data/toy) and the scale bands.

On 1-5, Poor is 0-0.4 (1 or 2), Fair 0.4-0.8 (3 or 4), Good 0.8-1 (exactly 5). A change is
judged on every level a score may be; where two cannot be ordered, the reason names each
translated range with the value it came from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import bvframework as bv

from .conftest import TOY, TOY_2023, TOY_2025, TOY_MAP, bvframework_process


def csv_of(*argv: str | Path) -> list[str]:
    done = bvframework_process("compare", *argv, "--format", "csv")
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


# Toyshire 2025 against 2023, on numeric-1-5, 2023 carried through v1--v2
TOY_COMPARE = ("compare", TOY_2025, TOY_2023, "--on", "numeric-1-5", "--mapping", TOY_MAP)


def toy_json(*extra: str) -> Any:
    """:data:`TOY_COMPARE` as JSON."""
    done = bvframework_process(*TOY_COMPARE, "--format", "json", *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


HEADER = "item,code,theme,theme_title,toyshire-2023,toyshire-2025,translated,change,reason"
# 2023 carried to v2 through v1--v2 (merges take the worst), against 2025. 2023's levels are
# translated from Good/Fair/Poor: marked with a dagger, and the 'translated' column says
# from what under which policy. Why not comparable:
#   A-3  Fair (3 or 4) against 3: they overlap
#   M-1  A-4 Poor, B-2 Good, worst Poor (1 or 2) against 2: they overlap
#   S-2  A-5 Good split, 5, against Exc: excluded by the council
#   N-1, N-2 added in v2: no counterpart in v1 (not assessed in 2023; N-2 not in 2025 either)


def from_2023(label: str, policy: str = "nearest") -> str:
    return f"toyshire-2023: from good-fair-poor {label} ({policy})"


ADDED = "not comparable: not in toy/v1: added in toy/v2"
NEAREST = [
    HEADER,
    f"A-1,A-1,A,Alpha,5\u2020,5,{from_2023('Good')},same,",
    f"A-2,A-2,A,Alpha,1\u2020,3,{from_2023('Poor')},improved,",
    f"A-3,A-3,A,Alpha,3\u2020,3,{from_2023('Fair')},not comparable,"
    '"not comparable: Fair is 3 or 4 on numeric-1-5, against 3"',
    f"A-X,A-X,A,Alpha,3\u2020,5,{from_2023('Fair')},improved,",
    f"M-1,M-1,A,Alpha,1\u2020,2,{from_2023('Poor')},not comparable,"
    '"not comparable: Poor is 1 or 2 on numeric-1-5, against 2"',
    f"M-2,M-2,B,Beta,5\u2020,4,{from_2023('Good')},declined,",
    f"S-1,S-1,B,Beta,5\u2020,5,{from_2023('Good')},same,",
    f"S-2,S-2,B,Beta,5\u2020,Excluded,{from_2023('Good')},not comparable,"
    "not comparable: excluded by the council",
    f"N-1,N-1,B,Beta,Not assessed,4,,not comparable,{ADDED}",
    f"N-2,N-2,B,Beta,Not assessed,Not assessed,,not comparable,{ADDED}",
]


def test_every_row_under_nearest() -> None:
    assert csv_of(TOY_2025, TOY_2023, "--on", "numeric-1-5", "--mapping", TOY_MAP) == NEAREST


def test_every_row_under_range() -> None:
    """The same changes and reasons; each range is shown whole; the policy is range."""
    shown = {"A-2": ("1", "1-2"), "A-3": ("3", "3-4"), "A-X": ("3", "3-4"), "M-1": ("1", "1-2")}

    def widened(line: str) -> str:
        line = line.replace("(nearest)", "(range)")
        item = line.split(",", 1)[0]
        if item not in shown:
            return line
        old, new = shown[item]
        return line.replace(f"A,Alpha,{old}\u2020,", f"A,Alpha,{new}\u2020,", 1)

    expected = [widened(line) for line in NEAREST]
    got = csv_of(
        TOY_2025, TOY_2023, "--on", "numeric-1-5", "--mapping", TOY_MAP, "--policy", "range"
    )
    assert got == expected
    assert got[2] == f"A-2,A-2,A,Alpha,1-2\u2020,3,{from_2023('Poor', 'range')},improved,"


def test_the_same_assessment_twice() -> None:
    """toyshire-2023 against itself on 1-5: each Good is 5 (the same); each Poor and Fair
    is a range and cannot be ordered against itself; B-3 is excluded (not translated)."""
    poor = "Poor is 1 or 2 on numeric-1-5"
    fair = "Fair is 3 or 4 on numeric-1-5"

    def both(label: str) -> str:
        return f"{from_2023(label)}; toyshire-2023 (2): from good-fair-poor {label} (nearest)"

    d = "\u2020"
    assert csv_of(TOY_2023, TOY_2023, "--on", "numeric-1-5") == [
        "item,code,theme,theme_title,toyshire-2023,toyshire-2023 (2),translated,change,reason",
        f"A-1,A001,A,Alpha,5{d},5{d},{both('Good')},same,",
        f"A-2,A002,A,Alpha,1{d},1{d},{both('Poor')},not comparable,"
        f'"not comparable: {poor}, against {poor}"',
        f"A-3,A-3,A,Alpha,3{d},3{d},{both('Fair')},not comparable,"
        f'"not comparable: {fair}, against {fair}"',
        f"A-4,A-4,A,Alpha,1{d},1{d},{both('Poor')},not comparable,"
        f'"not comparable: {poor}, against {poor}"',
        f"A-5,A-5,A,Alpha,5{d},5{d},{both('Good')},same,",
        f"B-1,B-1,B,Beta,3{d},3{d},{both('Fair')},not comparable,"
        f'"not comparable: {fair}, against {fair}"',
        f"B-2,B-2,B,Beta,5{d},5{d},{both('Good')},same,",
        "B-3,B-3,B,Beta,Excluded,Excluded,,not comparable,not comparable: excluded by the council",
        f"B-4,B004,B,Beta,3{d},3{d},{both('Fair')},not comparable,"
        f'"not comparable: {fair}, against {fair}"',
    ]


def test_a_range_over_three_levels_reads_to(tmp_path: Path) -> None:
    """Green moved to 0.4-1 covers 3, 4 and 5: "3 to 5", where two levels read "or"."""
    scale = tmp_path / "wide-rag.yaml"
    scale.write_text(
        "id: wide-rag\ntitle: Wide RAG\nlevels:\n"
        "  - {id: red, label: Red, band: [0.0, 0.2]}\n"
        "  - {id: amber, label: Amber, band: [0.2, 0.4]}\n"
        "  - {id: green, label: Green, band: [0.4, 1.0]}\n",
        encoding="utf-8",
    )
    rows = []
    for name, value in (("before", "Green"), ("after", "4")):
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            f"id: {name}\ncouncil: {name}\ncatalogue: best-value/statutory-2024-05\n"
            f"scale: {scale if value == 'Green' else 'numeric-1-5'}\nitems_published: some\n"
            f'scores:\n  CI-01: "{value}"\n',
            encoding="utf-8",
        )
        rows.append(path)
    lines = csv_of(rows[0], rows[1], "--on", "numeric-1-5")
    assert lines[1] == (
        "CI-01,CI-01,CI,Continuous improvement,4\u2020,4,before: from wide-rag Green (nearest),"
        'not comparable,"not comparable: Green is 3 to 5 on numeric-1-5, against 4"'
    )


def ledger(assessment: str, *lines: tuple[str, str, str, str]) -> list[dict[str, str]]:
    keys = ("item", "code", "outcome", "detail")
    return [{"assessment": assessment} | dict(zip(keys, line, strict=True)) for line in lines]


def test_the_ledger_accounts_for_every_input_item() -> None:
    """Each input item once, in each assessment's own order. 2023 goes through v1--v2:
    A001/A002 unchanged, A-3 and B-1 reworded (carried); A-4 merged into M-1; A-5 and B-2
    have two targets each (split); B-3 merged but excluded; B004 removed. 2025 is on v2
    already: N-1 has no level in 2023 (added), S-2 is excluded, N-2 absent (not assessed)."""
    data = toy_json()
    assert data["ledger"] == [
        *ledger(
            "toyshire-2023",
            ("A-1", "A001", "compared", "as A-1"),
            ("A-2", "A002", "compared", "as A-2"),
            ("A-3", "A-3", "compared", "as A-3"),
            ("A-4", "A-4", "compared", "merged; as M-1"),
            ("A-5", "A-5", "compared", "split; as S-1, S-2"),
            ("B-1", "B-1", "compared", "as A-X"),
            ("B-2", "B-2", "compared", "split; as M-1, M-2"),
            ("B-3", "B-3", "excluded", "state excluded"),
            ("B-4", "B004", "not carried over", "removed in toy/v1 -> toy/v2"),
        ),
        *ledger(
            "toyshire-2025",
            ("A-1", "A-1", "compared", "as A-1"),
            ("A-2", "A-2", "compared", "as A-2"),
            ("A-3", "A-3", "compared", "as A-3"),
            ("A-X", "A-X", "compared", "as A-X"),
            ("M-1", "M-1", "compared", "as M-1"),
            ("M-2", "M-2", "compared", "as M-2"),
            ("S-1", "S-1", "compared", "as S-1"),
            ("S-2", "S-2", "excluded", "state excluded"),
            ("N-1", "N-1", "only in one", "no level for it in the other assessment(s)"),
            ("N-2", "N-2", "not assessed", ""),
        ),
    ]
    assert data["ledger_counts"] == {
        "toyshire-2023": {"compared": 7, "excluded": 1, "not carried over": 1},
        "toyshire-2025": {"compared": 7, "excluded": 1, "only in one": 1, "not assessed": 1},
    }
    assert data["changes"] == {"improved": 2, "declined": 1, "same": 2, "not comparable": 5}
    assert (data["scale"], data["version"], data["policy"]) == ("numeric-1-5", "toy/v2", "nearest")
    assert (data["assessments"], data["year_on_year"]) == (["toyshire-2023", "toyshire-2025"], True)


def test_under_range_a_translated_range_is_ambiguous_in_the_ledger() -> None:
    """Shown as ranges, 2023's Poor and Fair items are several levels: 'ambiguous'."""
    lines = toy_json("--policy", "range")["ledger"]
    ambiguous = [(x["item"], x["detail"]) for x in lines if x["outcome"] == "ambiguous"]
    # A-2 Poor, A-3 Fair, A-4 Poor (into M-1, whose worst is Poor), B-1 Fair (into A-X),
    # B-2 (into M-1 and M-2: M-1 is that Poor); not A-5 (Good: 5 on S-1 and S-2)
    why = "could be several levels after translation"
    assert ambiguous == [(item, why) for item in ("A-2", "A-3", "A-4", "B-1", "B-2")]


def test_ranges_as_written_and_scores_not_published(tmp_path: Path) -> None:
    """Ranges written on the common scale are not translations, so no origin is named;
    items a council did not publish are unknown ('?'), in the rows and the ledger."""

    def write(name: str, date: str, scores: str) -> Path:
        path = tmp_path / f"{name}.yaml"
        path.write_text(
            f"id: {name}\ncouncil: Toyshire\ndate: '{date}'\n"
            "catalogue: best-value/statutory-2024-05\nscale: numeric-1-5\n"
            f"items_published: some\nscores:\n{scores}",
            encoding="utf-8",
        )
        return path

    before = write(
        "before", "2024", '  CI-01: {score: "3", upper: "4"}\n  CI-02: {score: "2", upper: "3"}\n'
    )
    after = write("after", "2025", '  CI-01: "3"\n  CI-02: "4"\n  CI-03: "5"\n')
    rows = csv_of(after, before)
    assert rows[:5] == [
        "item,code,theme,theme_title,before,after,translated,change,reason",
        'CI-01,CI-01,CI,Continuous improvement,3-4,3,,not comparable,"not comparable: 3 or 4, '
        'against 3"',
        "CI-02,CI-02,CI,Continuous improvement,2-3,4,,improved,",
        "CI-03,CI-03,CI,Continuous improvement,?,5,,not comparable,"
        "not comparable: score not published",
        "CI-04,CI-04,CI,Continuous improvement,?,?,,not comparable,"
        "not comparable: score not published",
    ]
    assert len(rows) == 1 + 70
    done = bvframework_process("compare", before, after, "--format", "json")
    data = json.loads(done.stdout)
    # a range is several levels, so neither side has a level to compare a range with
    several = ("ambiguous", "could be several levels after translation")
    lines = {(x["assessment"], x["item"]): (x["outcome"], x["detail"]) for x in data["ledger"]}
    assert [lines[("before", f"CI-0{n}")] for n in (1, 2, 3)] == [
        several,
        several,
        ("unknown", "score not published"),
    ]
    only = ("only in one", "no level for it in the other assessment(s)")
    assert [lines[("after", f"CI-0{n}")] for n in (1, 2, 3, 4)] == [
        only,
        only,
        only,
        ("unknown", "score not published"),
    ]
    assert data["ledger_counts"] == {
        "before": {"ambiguous": 2, "unknown": 68},
        "after": {"only in one": 3, "unknown": 67},
    }


def test_api_errors_say_what() -> None:
    blaby = bv.load_assessment("best-value/blaby-2025")
    five = bv.load_scale("numeric-1-5")
    with pytest.raises(bv.BvFrameworkError) as caught:
        bv.compare(blaby, scale=five)
    assert str(caught.value) == "compare needs two or more assessments"
    with pytest.raises(bv.UnknownReferenceError) as unknown:
        bv.compare(blaby, blaby, scale=five, policy="nearst")  # type: ignore[arg-type]
    assert str(unknown.value).startswith(
        "unknown policy 'nearst' (policies: strict, range, conservative, optimistic, nearest)"
    )


def test_strict_names_the_first_score_it_cannot_place() -> None:
    """2023 carried to v2 is 'toyshire-2023-on-v2'; its first score, A-1 Good, is exactly 5;
    the next, A-2 Poor, could be 1 or 2."""
    done = bvframework_process(*TOY_COMPARE, "--policy", "strict")
    assert done.returncode != 0
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "bvframework: error: toyshire-2023-on-v2 A-2: good-fair-poor 'poor' could be any of "
        "1, 2 on numeric-1-5; choose a policy (range, distribution, conservative, optimistic, "
        "nearest)"
    ]


KEYS = ("value", "upper", "label", "kind", "change")


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        # A-1 Good is exactly 5: one level, no upper, whatever the policy
        (
            "nearest",
            {
                "A-1": ("5", None, "5", "level", "same"),
                "A-2": ("1", None, "1", "level", "improved"),
            },
        ),
        (
            "range",
            {
                "A-1": ("5", None, "5", "level", "same"),
                "A-2": ("1", "2", "1-2", "range", "improved"),
            },
        ),
    ],
)
def test_json_records_say_level_or_range(policy: str, expected: dict[str, tuple[Any, ...]]) -> None:
    records = toy_json("--policy", policy)["items"]
    got = {
        r["item"]: tuple(r[k] for k in KEYS)
        for r in records
        if r["assessment"] == "toyshire-2023" and r["item"] in expected
    }
    assert got == expected


def test_a_range_on_another_scale_is_translated_as_one_band(tmp_path: Path) -> None:
    """Yellow to Light green is 0.4-0.8: 3 or 4 on 1-5 (nearest: 0.6 is in 3, the worse on
    the boundary), whole under range; against a 5 it is lower (between councils). It is
    translated from the range as written."""
    six = tmp_path / "six.yaml"
    six.write_text(
        "id: six\ncouncil: Six\ncatalogue: best-value/statutory-2024-05\nscale: six-colour\n"
        "items_published: some\nscores:\n  CI-01: {score: Yellow, upper: Light green}\n",
        encoding="utf-8",
    )
    five = tmp_path / "five.yaml"
    five.write_text(
        "id: five\ncouncil: Five\ncatalogue: best-value/statutory-2024-05\nscale: numeric-1-5\n"
        'items_published: some\nscores:\n  CI-01: "5"\n',
        encoding="utf-8",
    )
    nearest = csv_of(five, six)
    how = "six: from six-colour Yellow-Light green"
    assert nearest[1] == f"CI-01,CI-01,CI,Continuous improvement,5,3\u2020,{how} (nearest),lower,"
    ranged = csv_of(five, six, "--policy", "range")
    assert ranged[1] == f"CI-01,CI-01,CI,Continuous improvement,5,3-4\u2020,{how} (range),lower,"


def test_year_on_year_orders_by_date_only_when_every_date_is_known(tmp_path: Path) -> None:
    """The same council: oldest first where both are dated; as given where one is not."""

    def write(name: str, date: str | None) -> Path:
        path = tmp_path / f"{name}.yaml"
        dated = f"date: '{date}'\n" if date else ""
        path.write_text(
            f"id: {name}\ncouncil: Toyshire\n{dated}catalogue: best-value/statutory-2024-05\n"
            'scale: numeric-1-5\nitems_published: some\nscores:\n  CI-01: "3"\n',
            encoding="utf-8",
        )
        return path

    later, earlier, undated = (
        write("later", "2025"),
        write("earlier", "2023"),
        write("undated", None),
    )
    header = "item,code,theme,theme_title,{},{},translated,change,reason"
    assert csv_of(later, earlier)[0] == header.format("earlier", "later")
    assert csv_of(later, undated)[0] == header.format("later", "undated")
    assert csv_of(undated, later)[0] == header.format("undated", "later")


def test_three_versions_each_carried_by_its_own_mapping(tmp_path: Path) -> None:
    """2023 (v1) reaches v3 through v1--v2 and v2--v3 composed, 2025 (v2) through v2--v3:
    each by its own mapping. B-4 (removed in v2) and N-2 (removed in v3) are not carried."""
    v3 = tmp_path / "toyshire-2026.yaml"
    v3.write_text(
        f"id: toyshire-2026\ncouncil: Toyshire\ndate: '2026-03'\n"
        f"catalogue: {TOY / 'catalogues' / 'toy' / 'v3.yaml'}\nscale: numeric-1-5\nscores:\n"
        + "".join(f'  {i}: "3"\n' for i in ("A-1", "A-2", "A-3", "A-X", "M-1", "M-2", "S-12"))
        + '  N-1: "3"\n  Z-1: "3"\n',
        encoding="utf-8",
    )
    argv = [str(v3), str(TOY_2023), str(TOY_2025), "--on", "numeric-1-5", "--format", "json"]
    argv += ["--mapping", str(TOY_MAP), "--mapping", str(TOY / "mappings" / "toy" / "v2--v3.yaml")]
    done = bvframework_process("compare", *argv)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["assessments"] == ["toyshire-2023", "toyshire-2025", "toyshire-2026"]
    assert data["version"] == "toy/v3"
    gone = [
        (x["assessment"], x["item"], x["detail"])
        for x in data["ledger"]
        if x["outcome"] == "not carried over"
    ]
    assert gone == [
        ("toyshire-2023", "B-4", "removed in toy/v1 -> toy/v3"),
        ("toyshire-2025", "N-2", "removed in toy/v2 -> toy/v3"),
    ]


def test_a_state_says_what_it_is(tmp_path: Path) -> None:
    """Absent from an assessment that published every item it assessed: not assessed by the
    council; a scale's own state: its label and meaning (six-colour's grey)."""
    before = tmp_path / "before.yaml"
    before.write_text(
        "id: before\ncouncil: East\ncatalogue: best-value/statutory-2024-05\nscale: numeric-1-5\n"
        'items_published: some\nscores:\n  CI-01: "3"\n  CI-02: "3"\n  CI-03: "3"\n',
        encoding="utf-8",
    )
    after = tmp_path / "after.yaml"
    after.write_text(
        "id: after\ncouncil: West\ncatalogue: best-value/statutory-2024-05\nscale: six-colour\n"
        "items_published: all\nscores:\n  CI-01: Yellow\n  CI-03: Grey\n",
        encoding="utf-8",
    )
    rows = csv_of(before, after, "--on", "numeric-1-5")
    assert rows[1:4] == [
        "CI-01,CI-01,CI,Continuous improvement,3,3\u2020,after: from six-colour Yellow (nearest),"
        "same,",
        "CI-02,CI-02,CI,Continuous improvement,3,Not assessed,,not comparable,"
        "not comparable: not assessed by the council",
        "CI-03,CI-03,CI,Continuous improvement,3,Grey,,not comparable,"
        '"not comparable: Grey is a state, not a level (Not in the control of Officers to '
        'influence this aspect. Politically driven)"',  # quoted: the reason has a comma
    ]
