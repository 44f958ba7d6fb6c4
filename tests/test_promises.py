"""Issue 21: every promise of docs/reliability.md held under hostile input. One test per
numbered break, named after it (test_21_NN_...); the hostile-server tests run a scripted
server on 127.0.0.1 (tests/hostile.py) with bounded loops and an overall time limit."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import bvframework as bv
from bvframework import DataError, UsageError
from bvframework._cli.main import main
from bvframework._core.cells import neutralise_cell, restore_cell
from bvframework._core.dates import date_problem
from bvframework._store import fetch
from bvframework._store.files import Limits
from bvframework._store.write import write_output

from . import govuk_pages
from .conftest import BLABY_OPTIONS, STATUTORY, Write
from .conftest import cli_stderr as run
from .hostile import HostileServer, Script, response

FETCH = ("fetch", "best-value", "--version", "statutory-2024-05")


def errors(lines: list[str]) -> list[str]:
    return [ln for ln in lines if ln.startswith("bvframework: error:")]


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[HostileServer]]:
    """Start servers with ``serve(script)``; each is closed after the test."""
    started: list[HostileServer] = []
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path / "cache"))
    yield started
    for server in started:
        server.close()


def serve(started: list[HostileServer], monkeypatch: pytest.MonkeyPatch, script: Script) -> None:
    server = HostileServer(script)
    started.append(server)
    monkeypatch.setenv("BVFRAMEWORK_GOVUK_URL", server.url)


def fetch_fails(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> str:
    """Fetch ends with exit 2, one error line, nothing cached; that line."""
    code, lines = run(capsys, *FETCH)
    assert code == 2, lines
    assert len(errors(lines)) == 1, lines
    assert not (tmp_path / "cache" / "best-value" / "statutory-2024-05" / "page.bin").exists()
    return errors(lines)[0]


# -- 1: protocol failures ------------------------------------------------------------------
def test_21_01_malformed_status_line(
    hostile: list[HostileServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    serve(hostile, monkeypatch, lambda path: [(b"HTTP/1.1 TWO HUNDRED\r\n\r\nhello", 0.0)])
    line = fetch_fails(capsys, tmp_path)
    assert "not a valid HTTP answer (status line 'HTTP/1.1 TWO HUNDRED" in line
    assert line.startswith("bvframework: error: http://127.0.0.1:")


def test_21_01_header_flood(
    hostile: list[HostileServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    flood = [b"X-Flood-%d: y" % n for n in range(150)]
    serve(hostile, monkeypatch, lambda path: response(headers=flood, body=b"<p>x</p>"))
    assert "not a valid HTTP answer (got more than 100 headers)" in fetch_fails(capsys, tmp_path)


def test_21_01_long_header_line(
    hostile: list[HostileServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    long = [b"X-Long: " + b"a" * 70_000]
    serve(hostile, monkeypatch, lambda path: response(headers=long, body=b"<p>x</p>"))
    line = fetch_fails(capsys, tmp_path)
    assert "not a valid HTTP answer: got more than 65536 bytes" in line
    assert "aaaa" not in line  # the header itself is never echoed


def test_21_01_connection_closed_without_an_answer(
    hostile: list[HostileServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    serve(hostile, monkeypatch, lambda path: [])
    assert "not a valid HTTP answer" in fetch_fails(capsys, tmp_path)


# -- 2: an overall deadline ----------------------------------------------------------------
def test_21_02_slow_drip_meets_the_overall_deadline(
    hostile: list[HostileServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 400\r\n\r\n"
    # a byte every 0.3 s: every read succeeds well within the per-read timeout
    serve(hostile, monkeypatch, lambda path: [(head, 0.0)] + [(b"x", 0.3)] * 60)
    monkeypatch.setenv("BVFRAMEWORK_FETCH_SECONDS", "1.5")
    start = time.monotonic()
    line = fetch_fails(capsys, tmp_path)
    took = time.monotonic() - start
    assert "no complete answer within 1.5 s (the limit on one download; " in line
    assert "BVFRAMEWORK_FETCH_SECONDS sets another" in line
    assert took < 5, took  # both URLs together, not 1.5 s each plus the drip


def test_21_02_slow_drip_in_the_headers(
    hostile: list[HostileServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    serve(hostile, monkeypatch, lambda path: [(b"HTTP/1.1 200 OK\r\n", 0.0)] + [(b"X", 0.2)] * 50)
    monkeypatch.setenv("BVFRAMEWORK_FETCH_SECONDS", "1")
    start = time.monotonic()
    assert "no complete answer within 1 s" in fetch_fails(capsys, tmp_path)
    assert time.monotonic() - start < 5


def test_21_02_the_deadline_setting_is_checked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("BVFRAMEWORK_FETCH_SECONDS", "soon")
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("BVFRAMEWORK_GOVUK_URL", "http://127.0.0.1:9")
    line = fetch_fails(capsys, tmp_path)
    assert "BVFRAMEWORK_FETCH_SECONDS: must be a number of seconds above 0, not 'soon'" in line


# -- 3: a body cut short ---------------------------------------------------------------------
def test_21_03_truncated_body_is_never_cached(
    hostile: list[HostileServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    _, statutory = govuk_pages.pages()
    whole = statutory.encode()
    cut = whole[: len(whole) - 40]  # after the last characteristic: still "a page"
    serve(hostile, monkeypatch, lambda path: response(body=cut, length=len(whole)))
    line = fetch_fails(capsys, tmp_path)
    assert f"the answer was cut short: {len(cut):,} of the {len(whole):,} bytes" in line


# -- 4: control characters in an XLSX heat map ------------------------------------------------
def test_21_04_xlsx_heatmap_with_control_characters(
    capsys: pytest.CaptureFixture[str], write: Write, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    source = write("a.csv", "item,score,note\nCI001,3,red \x1b[31m alert\x07\nCI002,4,ok\n")
    out = tmp_path / "map.xlsx"
    code, lines = run(capsys, "heatmap", str(source), *BLABY_OPTIONS, "-o", str(out))
    assert code == 0, lines
    book = openpyxl.load_workbook(out)
    notes = [row[7] for row in book["Items"].iter_rows(min_row=2, values_only=True) if row[7]]
    assert notes == ["red \\x1b[31m alert\\x07", "ok"]
    # NUL cannot come through a CSV; it can through rows a program gives (or YAML's "\0")
    rows = [{"item": "CI001", "score": "3", "note": "nul \x00 and tab\tkept"}]
    nul = bv.assessment_from_rows(rows, catalogue=STATUTORY, numbering="blaby", source="rows")
    bv.render_heatmap(nul, str(tmp_path / "nul.xlsx"))
    items = openpyxl.load_workbook(tmp_path / "nul.xlsx")["Items"]
    assert [r[7] for r in items.iter_rows(min_row=2, values_only=True) if r[7]] == [
        "nul \\x00 and tab\tkept"
    ]


# -- 5: outputs that are not regular files ---------------------------------------------------
def test_21_05_fifo_device_and_folder_targets_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match="is a FIFO, not a regular file; refused"):
        write_output(str(fifo), "x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    link = tmp_path / "null"
    link.symlink_to("/dev/null")
    with pytest.raises(DataError, match=r"is a device \(/dev/null\), not a regular file"):
        write_output(str(link), "x")
    assert link.is_symlink()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(DataError, match="is a folder"):
        write_output(str(tmp_path), "x")


def test_21_05_a_link_to_a_file_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_output(str(link), "new\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"


def test_21_05_read_only_refused_unless_forced(tmp_path: Path) -> None:
    target = tmp_path / "locked.yaml"
    target.write_text("old\n")
    target.chmod(0o444)
    with pytest.raises(DataError, match=r"is read-only; refused .* --force"):
        write_output(str(target), "new\n")
    assert target.read_text() == "old\n"
    write_output(str(target), "new\n", force=True)
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444  # a replaced file keeps its mode


def test_21_05_new_files_follow_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_output(str(tmp_path / "new.yaml"), "x\n")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


def test_21_05_read_only_output_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "map.svg"
    out.write_text("old\n")
    out.chmod(0o444)
    code, lines = run(capsys, "heatmap", "best-value/blaby-2025", "-o", str(out))
    assert code == 2
    assert errors(lines) == [
        f"bvframework: error: {out}: is read-only; refused (make it writable, or use --force "
        "to replace it)"
    ]
    assert out.read_text() == "old\n"
    code, lines = run(capsys, "heatmap", "best-value/blaby-2025", "-o", str(out), "--force")
    assert code == 0
    assert "<svg" in out.read_text()


def test_21_05_a_fifo_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "out.svg"
    os.mkfifo(fifo)
    code, lines = run(capsys, "heatmap", "best-value/blaby-2025", "-o", str(fifo), "--force")
    assert code == 2
    assert "is a FIFO, not a regular file; refused" in errors(lines)[0]


# -- 6: deep nesting in the cache --------------------------------------------------------------
def test_21_06_deeply_nested_cache_record(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path))
    folder = tmp_path / "best-value" / "statutory-2024-05"
    folder.mkdir(parents=True)
    (folder / "page.bin").write_bytes(b"<p>x</p>")
    (folder / "source.json").write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(DataError, match="damaged cache record; fetch again with --refresh"):
        bv.load_catalogue(STATUTORY, text="cached")
    with pytest.raises(DataError, match="damaged cache record; fetch again with --refresh"):
        fetch.read_cached(STATUTORY, limits=Limits())
    deep = b'{"details": ' * 50_000 + b"1" + b"}" * 50_000
    with pytest.raises(DataError, match=r"JSON without details\.body"):
        fetch.html_of(deep, name="page")


# -- 8: PNG memory -------------------------------------------------------------------------------
def test_21_08_png_heatmap_is_drawn_in_bands(monkeypatch: pytest.MonkeyPatch) -> None:
    """The picture is never whole in memory: no band drawn is taller than a line of cells,
    however many items (5,000 here); the PNG decodes to the size its header states."""
    pytest.importorskip("matplotlib")
    from PIL import Image

    from bvframework._render import raster
    from bvframework._render.heatmap import Cell, HeatMap

    cells = tuple(
        Cell(code=f"X{n:04d}", text="3", fill="#92D050", ink="#111111", title="")
        for n in range(5000)
    )
    rows = tuple((f"Theme {t}", cells[t * 715 : (t + 1) * 715]) for t in range(7))
    heatmap = HeatMap(title="5,000 items", rows=rows, legend=(), summary="")
    tallest = 0
    real_new = Image.new

    def watched(mode: str, size: tuple[int, int], *args: object) -> Image.Image:
        nonlocal tallest
        tallest = max(tallest, size[1])
        return real_new(mode, size, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Image, "new", watched)
    png = heatmap.to_png()
    picture = Image.open(io.BytesIO(png))
    picture.load()
    lines = sum(-(-len(c) // raster.WRAP) for _, c in rows)
    assert picture.width < 4000  # 20 cells across, not 715
    assert picture.height > lines * 60
    assert tallest <= 80  # one band: a line of cells at 1.5 px per unit


# -- 9: CSV round trip ----------------------------------------------------------------------
NOTES = ["- first bullet", "=SUM(A1)", "+44 20", "@here", "\tindented", "'=quoted", "''x", "-1"]


@pytest.mark.parametrize("note", NOTES)
def test_21_09_csv_round_trip_keeps_notes(note: str) -> None:
    written = neutralise_cell(note)
    assert restore_cell(written) == note
    assert not written.startswith(("=", "+", "@", "\t")) or note == "-1"


@given(st.text(max_size=30))
def test_21_09_neutralised_cells_read_back_as_written(text: str) -> None:
    written = neutralise_cell(text)
    assert restore_cell(written) == text
    # a spreadsheet runs nothing we write: only a number starts with + or -
    assert not written.startswith(("=", "@", "\t", "\r"))
    assert not written.startswith(("+", "-")) or _is_number(written)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_21_09_csv_round_trip_through_files(write: Write, tmp_path: Path) -> None:
    rows = "".join(f'CI00{n + 1},3,"{note}"\n' for n, note in enumerate(NOTES[:5]))
    first = bv.load_assessment(
        write("a.csv", "item,score,note\n" + rows), catalogue=STATUTORY, numbering="blaby"
    )
    again = write("b.csv", bv.write_csv(first))
    second = bv.load_assessment(again, catalogue=STATUTORY, numbering="blaby")
    notes = {s.code: s.note for s in second.scores if s.note}
    assert notes == {s.code: s.note for s in first.scores if s.note}
    assert notes["CI001"] == "- first bullet"
    assert "'- first bullet" in again.read_text()  # a spreadsheet still never runs it


# -- 10: two columns, one role ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("item,level,score", "columns 'level' (column B) and 'score' (column C) both mean 'score'"),
        ("code,score,rag", "columns 'score' (column B) and 'rag' (column C) both mean 'score'"),
    ],
)
def test_21_10_two_columns_one_role(
    capsys: pytest.CaptureFixture[str], write: Write, header: str, named: str
) -> None:
    path = write("x.csv", f"{header}\nCI001,3,4\n")
    code, lines = run(capsys, "summarise", str(path), *BLABY_OPTIONS)
    assert code == 2
    assert errors(lines) == [f"bvframework: error: {path}:1: {named}; rename or remove one"]


# -- 11: impossible dates -------------------------------------------------------------------------
@pytest.mark.parametrize("day", ["2024-02-30", "2024-13-01", "0000-00-00", "2023-02-29"])
def test_21_11_impossible_dates(
    capsys: pytest.CaptureFixture[str], write: Write, tmp_path: Path, day: str
) -> None:
    assert date_problem(day) is not None
    table = write("x.csv", "item,score\nCI001,3\n")
    code, lines = run(capsys, "summarise", str(table), *BLABY_OPTIONS, "--date", day)
    assert code == 2
    assert f"date: '{day}' is not a real date" in errors(lines)[0]
    yaml = (Path(__file__).parent.parent / "assessments/best-value/blaby-2025.yaml").read_text()
    dated = write("a.yaml", yaml.replace('date: "2025-09"', f"date: '{day}'", 1))
    code, lines = run(capsys, "validate", str(dated))
    assert code == 1
    assert any(f"'{day}' is not a real date" in ln for ln in lines), lines
    mapping = Path(__file__).parent / "data/toy/mappings/toy/v1--v2.yaml"
    out = tmp_path / "x.json"
    code, lines = run(capsys, "export", "oscal", str(mapping), "--date", day, "-o", str(out))
    assert code == 2
    assert f"'{day}' is not a real date" in errors(lines)[0]
    assert not out.exists()


def test_21_11_a_trailing_newline_is_not_a_date() -> None:
    assert date_problem("2024-01-01\n") == "'2024-01-01\\n' is not YYYY-MM-DD"
    assert date_problem("2024-02-29") is None
    assert date_problem("2024", partial=True) is None


# -- 12: a file catalogue against itself ----------------------------------------------------
def test_21_12_diff_and_migrate_a_file_catalogue_to_itself(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, toy: Path
) -> None:
    catalogue = tmp_path / "cat.yaml"
    catalogue.write_text((toy / "catalogues/toy/v1.yaml").read_text())
    assessment = tmp_path / "a.yaml"
    text = (toy / "assessments/toy/toyshire-2023.yaml").read_text()
    assessment.write_text(text.replace("../../catalogues/toy/v1.yaml", "cat.yaml"))
    code = main(["diff", str(catalogue), str(catalogue)])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "toy: v1 -> v1" in out
    assert "mapping complete: every item of both versions is in a relation" in out
    for to in ("v1", str(catalogue)):
        code = main(["migrate", str(assessment), "--to", to, "--format", "json"])
        out, err = capsys.readouterr()
        assert (code, err) == (0, "")
        assert json.loads(out)["counts"]["carried"] == 9


def test_21_12_two_files_claiming_one_version_say_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, toy: Path
) -> None:
    text = (toy / "catalogues/toy/v1.yaml").read_text()
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(text)
    second.write_text(
        text.replace("{id: A-5}]", "{id: A-5}, {id: A-6}]")
        .replace("expected_items: 5", "expected_items: 6")
        .replace("expected_items: 9", "expected_items: 10")
    )
    code, lines = run(capsys, "diff", str(first), str(second))
    assert code == 2
    assert errors(lines) == [
        f"bvframework: error: {first} and {second} both say they are toy/v1 but their items "
        "differ: a diff is between two versions (give each its own version, or a mapping "
        "with --mapping)"
    ]


# -- 13: silent truncation and formulas with no value --------------------------------------------
def test_21_13_a_value_past_the_column_limit_is_an_error(
    capsys: pytest.CaptureFixture[str], write: Write
) -> None:
    path = write("x.csv", "," * 200 + "item,score\n" + "," * 200 + "CI001,3\n")
    code, lines = run(capsys, "summarise", str(path), *BLABY_OPTIONS)
    assert code == 2
    assert "a value in column 201, past the limit of 200 columns; refused" in errors(lines)[0]
    assert "Limits(table_columns=...)" in errors(lines)[0]


def test_21_13_empty_cells_past_the_limit_are_fine(
    capsys: pytest.CaptureFixture[str], write: Write
) -> None:
    path = write("x.csv", "item,score" + "," * 300 + "\nCI001,3\n")
    assert run(capsys, "validate", str(path), *BLABY_OPTIONS)[0] == 0


def test_21_13_formula_without_a_saved_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["item", "score"])
    sheet.append(["CI001", 3])
    sheet.append(["CI002", "=1+3"])  # openpyxl saves a formula, never its value
    sheet.append(["CI003", "=2+2"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    code, lines = run(capsys, "summarise", str(path), *BLABY_OPTIONS)
    assert code == 2
    assert errors(lines) == [
        f"bvframework: error: {path}: sheet 'Sheet': 2 formulas with no value saved (cell "
        "B3, B4); open and save the workbook in a spreadsheet program, or type the value"
    ]


def test_21_13_rows_with_a_namespace_prefix_count_toward_the_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``<x:row>`` is a row too: a sheet of 60,000 of them is refused before openpyxl
    parses it (the count looked for ``<row`` only)."""
    from .test_reliability import _xlsx_with_sheet

    main_ns = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rows = b"".join(
        b'<x:row r="%d"><x:c r="A%d"><x:v>1</x:v></x:c></x:row>' % (n, n) for n in range(1, 60_001)
    )
    sheet = (
        b'<?xml version="1.0"?><x:worksheet xmlns:x="'
        + main_ns
        + b'"><x:sheetData>'
        + rows
        + b"</x:sheetData></x:worksheet>"
    )
    path = tmp_path / "x.xlsx"
    path.write_bytes(_xlsx_with_sheet(sheet))
    code, lines = run(capsys, "summarise", str(path), *BLABY_OPTIONS)
    assert code == 2
    assert errors(lines) == [
        f"bvframework: error: {path}: sheet1.xml: more than 50,000 rows; refused"
    ]


# -- 14: escape codes, full disks and concurrent cache writers --------------------------------
def test_21_14_server_escape_codes_are_escaped(
    hostile: list[HostileServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    reason = b"HTTP/1.1 404 \x1b[2J\x1b[31mGone\x07 " + b"z" * 300
    serve(hostile, monkeypatch, lambda path: response(status=reason, body=b"no"))
    code = main(list(FETCH))
    err = capsys.readouterr().err
    assert code == 2
    assert "\x1b" not in err
    assert "\x07" not in err
    line = errors(err.splitlines())[0]
    assert "HTTP 404 \\x1b[2J\\x1b[31mGone\\x07 zzz" in line
    assert line.endswith("...")  # cut: a server's text is an excerpt
    assert all("\x1b" not in ln for ln in err.splitlines())


def test_21_14_show_escapes_control_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scale = (Path(__file__).parent.parent / "scales/six-colour.yaml").read_text()
    path = tmp_path / "s.yaml"
    path.write_text(scale.replace("label: Red", 'label: "R\\e[31med\\a\\0"', 1))
    code = main(["show", str(path)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "R\\x1b[31med\\x07\\x00" in out
    assert not any(c in out for c in "\x1b\x07\x00")


def test_21_14_offline_fetch_says_how_to_do_without(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BVFRAMEWORK_GOVUK_URL", "http://127.0.0.1:9")  # nothing listens
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path))
    line = fetch_fails(capsys, tmp_path)
    assert line.endswith(
        "cannot reach it (ConnectionRefusedError); no network? Without internet: save the "
        "page from a browser and give it with --from FILE --version statutory-2024-05"
    )


def test_21_14_a_full_disk_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import errno

    target = tmp_path / "out.yaml"
    target.write_text("old\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DataError) as caught:
        write_output(str(target), "new\n")
    assert str(caught.value) == f"{target}: cannot write: the disk is full; nothing written"
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


def _store_rounds(folder: str, n: int, rounds: int) -> None:
    os.environ["BVFRAMEWORK_CACHE"] = folder
    _, page = govuk_pages.pages()
    for k in range(rounds):
        data = (page + f"<!-- writer {n} round {k} -->" + "x" * (n * 5000)).encode()
        fetch.store_text(STATUTORY, data, url=f"http://127.0.0.1/{n}", via="html")


def test_21_14_concurrent_cache_writers_never_interleave(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Four processes store the same entry 15 times each while this one reads it: every
    read finds a page and a record from the same writer (read_cached checks the hash)."""
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path))
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_store_rounds, args=(str(tmp_path), n, 15)) for n in range(4)]
    for worker in workers:
        worker.start()
    seen = 0
    deadline = time.monotonic() + 60
    try:
        while any(w.is_alive() for w in workers) and time.monotonic() < deadline:
            cached = fetch.read_cached(STATUTORY, limits=Limits())  # raises on a mismatch
            seen += cached is not None
    finally:
        for worker in workers:
            worker.join(timeout=30)
    assert all(w.exitcode == 0 for w in workers)
    assert seen > 0
    record = json.loads((tmp_path / "best-value/statutory-2024-05/source.json").read_text())
    page = (tmp_path / "best-value/statutory-2024-05/page.bin").read_bytes()
    assert f"writer {record['url'].rsplit('/', 1)[1]} round" in page.decode()


def test_21_14_write_output_refuses_control_characters_in_names(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        write_output(str(tmp_path / "a\x1bb"), "x")
