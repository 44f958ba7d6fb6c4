"""Reading councils' tables as they are (issue 19, "Reading"): footnote and summary rows under
a table are skipped with a notice, a file's problems arrive in one pass, and the same
problem on many rows is one line with a count."""

from __future__ import annotations

import pytest

from bvframework._cli.main import main
from bvframework._core.errors import Problem, group_problems
from bvframework._core.table import ASSESSMENT_COLUMNS, table_from_grid

from .conftest import BLABY_OPTIONS, Write, cli_stderr


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    """The exit status and the error lines of ``bvframework ARGV``."""
    code, lines = cli_stderr(capsys, *argv)
    return code, [ln for ln in lines if ln.startswith("bvframework: error:")]


def test_footer_rows_are_skipped_with_a_notice() -> None:
    grid = [
        (1, ["Item", "Score", "Comment"]),
        (2, ["CI001", "3", ""]),
        (3, ["CI002", "Exc*", "n/a"]),
        (4, ["", "", ""]),
        (5, ["* Exc = excluded", "", ""]),
        (6, ["Average", "3.5", ""]),
    ]
    table = table_from_grid(grid, spec=ASSESSMENT_COLUMNS, source="t.csv")
    assert [r.line for r in table.rows] == [2, 3]
    assert table.notices == (
        "t.csv: 2 rows under the table (line 5, 6) read as a note or a summary, not data; skipped",
    )


def test_a_row_of_data_is_never_taken_for_a_footer() -> None:
    grid = [
        (1, ["Item", "Score", "Comment"]),
        (2, ["CI001", "3", "Total commitment shown"]),
        (3, ["CI002", "", ""]),  # a code alone: a row with a missing score, not a note
    ]
    table = table_from_grid(grid, spec=ASSESSMENT_COLUMNS, source="t.csv")
    assert [r.line for r in table.rows] == [2, 3]
    assert table.notices == ()


def test_a_table_with_footnotes_reads(capsys: pytest.CaptureFixture[str], write: Write) -> None:
    path = write("x.csv", "item,score\nCI001,3\nCI002,Exc*\n\n* Exc = excluded,\nAverage,3\n")
    code, errors = run(capsys, "summarise", str(path), *BLABY_OPTIONS)
    assert (code, errors) == (0, [])


def test_every_problem_of_a_file_in_one_pass(
    capsys: pytest.CaptureFixture[str], write: Write
) -> None:
    path = write("x.csv", "item,score\nCI001,3\n,4\nCI001,3\nXX1,4\nCI003,9\n")
    code, errors = run(capsys, "summarise", str(path), *BLABY_OPTIONS)
    assert code == 2
    assert errors == [
        f"bvframework: error: {path}:3: a row has no item code",
        f"bvframework: error: {path}:4: item 'CI001' appears twice (first on line 2)",
        f"bvframework: error: {path}:5: scores.XX1: best-value/statutory-2024-05 (scheme "
        "'blaby') has no item 'XX1'",
        f"bvframework: error: {path}:6: scores.CI003: '9' is not a level or state of scale "
        "'numeric-1-5' (levels: 1, 2, 3, 4, 5; states: Excluded, Not assessed)",
    ]


def test_a_wrong_scale_is_one_line_with_a_count(
    capsys: pytest.CaptureFixture[str], write: Write
) -> None:
    colours = ["Green", "Amber", "Red"]
    rows = "".join(f"CI{n:03d},{colours[n % 3]}\n" for n in range(1, 12))
    path = write("x.csv", "item,score\n" + rows)
    code, errors = run(capsys, "summarise", str(path), *BLABY_OPTIONS, "--scale", "numeric-1-5")
    assert code == 2
    assert errors == [
        f"bvframework: error: {path}:2: scores.CI001: 'Amber' is not a level or state of "
        "scale 'numeric-1-5' (levels: 1, 2, 3, 4, 5; states: Excluded, Not assessed) "
        "(11 rows: 2, 3, 4, 5, 6 ...; also 'Red', 'Green')"
    ]


def test_grouping_keeps_different_problems_apart() -> None:
    problems = [
        Problem(message="'a' is wrong", path=("scores", "X1"), source="f", line=2),
        Problem(message="'b' is wrong", path=("scores", "X2"), source="f", line=3),
        Problem(message="'a' is wrong", path=("levels", 0), source="f", line=9),
        Problem(message="missing key 'id'", source="f", line=1),
    ]
    assert [str(p) for p in group_problems(problems)] == [
        "f:2: scores.X1: 'a' is wrong (2 rows: 2, 3; also 'b')",
        "f:9: levels[0]: 'a' is wrong",
        "f:1: missing key 'id'",
    ]


def test_a_csv_on_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import json
    import sys

    text = "Council: heat map,,\nitem,score\nCI001,3\nCI002,4\n\n* Exc = excluded\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code = main(["summarise", "-", *BLABY_OPTIONS, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0
    assert json.loads(out)["levels"]["4"] == 1
    assert err == (
        "bvframework: notice: <stdin>: a row under the table (line 6) read as a note or a "
        "summary, not data; skipped\n"
    )


def test_yaml_on_standard_input_is_still_yaml(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys
    from pathlib import Path

    yaml = Path(__file__).parent.parent / "assessments/best-value/blaby-2025.yaml"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(yaml.read_bytes())))
    assert main(["summarise", "-"]) == 0
    assert "Blaby District Council: blaby-2025" in capsys.readouterr().out
