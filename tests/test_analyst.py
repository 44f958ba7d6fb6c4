"""The analyst's workflow end to end (issue 10): council spreadsheets in, in every shape
Excel leaves them, and council-style workbooks, heat maps and reports out."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import bvframework as bv
from bvframework._cli.main import main

from .conftest import headless_chromium

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_1b16854cd23334e1.txt"
BLABY = bv.load_assessment("best-value/blaby-2025")
OPTIONS = ("--catalogue", "best-value/statutory-2024-05", "--numbering", "blaby")
PUBLISHED = {"1": 0, "2": 1, "3": 20, "4": 21, "5": 24}


def _rows(header: tuple[str, str, str] = ("Item Code", "Rating", "Comments")) -> list[list[str]]:
    rows = [["Blaby District Council: Best Value self-assessment 2025", "", ""], ["", "", ""]]
    rows.append(list(header))
    for score in BLABY.scores:
        note = "council\u2019s view \u2013 \u00a30"  # typed in Excel: curly quote, dash, pound
        rows.append([score.code, score.written(BLABY.scale) or "", note])
    return rows


def _csv(rows: list[list[str]], *, delimiter: str = ",", ragged: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for n, row in enumerate(rows):
        writer.writerow(row + ([""] if ragged and n % 3 == 0 else []))
        if n == 20:
            writer.writerow([""] * len(row))  # a row of empty cells, as Excel saves them
    return out.getvalue()


QUIRKS: dict[str, Callable[[], bytes]] = {
    "utf-8": lambda: _csv(_rows()).encode("utf-8"),
    "utf-8 with BOM": lambda: b"\xef\xbb\xbf" + _csv(_rows()).encode("utf-8"),
    "utf-16 (Excel's Unicode text)": lambda: _csv(_rows(), delimiter="\t").encode("utf-16"),
    "windows-1252": lambda: _csv(_rows()).encode("cp1252"),
    "semicolons": lambda: _csv(_rows(), delimiter=";").encode("utf-8"),
    "tabs": lambda: _csv(_rows(), delimiter="\t").encode("utf-8"),
    "ragged rows": lambda: _csv(_rows(), ragged=True).encode("utf-8"),
    "other header names": lambda: _csv(_rows(("Ref", "RAG Status", "Evidence"))).encode(),
}


def _summarise_as_published(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """`summarise` of ``path`` gives Blaby's published figures; returns what it said on
    stderr."""
    code = main(["summarise", str(path), *OPTIONS, "--at-or-above", "4", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["levels"] == PUBLISHED
    assert data["states"]["excluded"] == 4
    assert data["at_or_above"] == {"level": "4", "count": 45, "of": 66}
    return err


@pytest.mark.parametrize("quirk", list(QUIRKS))
def test_every_quirk_of_a_csv_reproduces_the_published_figures(
    quirk: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "blaby.csv"
    path.write_bytes(QUIRKS[quirk]())
    err = _summarise_as_published(path, capsys)
    if quirk == "windows-1252":
        assert "read as Windows-1252" in err


def _xlsx(path: Path, *, cover: bool, floats: bool, merged: bool) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    if cover:
        sheet.title = "Cover"
        sheet.append(["Best Value self-assessment"])
        sheet.append(["Prepared for the Audit Committee"])
        sheet = book.create_sheet("Scores")
    sheet.append(["Blaby District Council: Best Value self-assessment 2025"])
    sheet.append([])
    sheet.append(["Theme", "Item code", "Score"])
    titles = {t.id: t.title for t in BLABY.catalogue.themes}
    for score in BLABY.scores:
        written = score.written(BLABY.scale) or ""
        value: object = written
        if written.isdigit():
            value = float(written) if floats else int(written)
        sheet.append([titles[BLABY.catalogue.item(score.item).theme], score.code, value])
    if merged:
        sheet.merge_cells("A4:A14")  # the theme named once for its eleven items
    book.save(path)


@pytest.mark.parametrize(
    ("cover", "floats", "merged"),
    [(False, False, False), (True, False, False), (False, True, False), (True, True, True)],
    ids=["plain", "cover sheet first", "numbers stored as 3.0", "all of them, merged cells"],
)
def test_every_quirk_of_an_xlsx_reproduces_the_published_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cover: bool, floats: bool, merged: bool
) -> None:
    path = tmp_path / "blaby.xlsx"
    _xlsx(path, cover=cover, floats=floats, merged=merged)
    code = main(["summarise", str(path), *OPTIONS, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["levels"] == PUBLISHED


@pytest.mark.skipif(not SEED.is_file(), reason=f"{SEED} (Blaby's report) is not present")
def test_the_heat_map_grid_as_published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Section 3.1 of Blaby's report, as it is: a theme, then cells such as `CI002 Exc*`."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("3.1 The final scoring")
    grid = text[start : text.index("* Exc = Excluded")].split("\n", 1)[1]
    path = tmp_path / "grid.tsv"
    path.write_text(grid)
    _summarise_as_published(path, capsys)
    again = bv.load_assessment(path, catalogue="best-value/statutory-2024-05", numbering="blaby")
    assert [(s.item, s.value) for s in again.scores] == [(s.item, s.value) for s in BLABY.scores]


# -- writing ----------------------------------------------------------------------------------
def test_heat_map_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    source = tmp_path / "scores.csv"
    rows = _rows()
    rows[3][2] = '=HYPERLINK("http://example.invalid","click")'
    source.write_text(_csv(rows))
    out = tmp_path / "map.xlsx"
    assert main(["heatmap", str(source), *OPTIONS, "-o", str(out)]) == 0
    capsys.readouterr()
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Heat map", "Items"]
    grid = book["Heat map"]
    assert [c.value for c in grid[3]][:3] == ["Continuous improvement", "CI001\n3", "CI002\nExc"]
    three = (BLABY.scale.colour_of("3") or "").lstrip("#").upper()
    assert grid["B3"].fill.start_color.rgb.endswith(three)
    legend = {r[0].value: r[1].value for r in grid.iter_rows(min_row=12) if r[0].value}
    assert legend["5"] == 24
    assert legend["4"] == 21
    items = book["Items"]
    assert items.freeze_panes == "A2"
    assert [c.value for c in items[1]] == [
        "code",
        "item",
        "theme",
        "theme title",
        "score",
        "label",
        "state",
        "note",
    ]
    first = [c.value for c in items[2]]
    assert first[:5] == ["CI001", "CI-01", "CI", "Continuous improvement", 3]
    assert isinstance(first[4], int)  # a number, not the text "3"
    assert first[7].startswith("'=HYPERLINK")  # never a live formula
    assert items["H2"].data_type == "s"
    codes = [r[0].value for r in items.iter_rows(min_row=2)]
    assert codes[:12] == [f"CI{n:03d}" for n in range(1, 12)] + ["L001"]  # catalogue order


def test_comparison_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "compare.xlsx"
    fictional = str(Path(__file__).parent / "data" / "fictional-draft-gfp.yaml")
    code = main(
        ["compare", "best-value/blaby-2025", fictional, "--on", "good-fair-poor", "-o", str(out)]
    )
    capsys.readouterr()
    assert code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Comparison", "Themes", "Ledger"]
    sheet = book["Comparison"]
    assert [c.value for c in sheet[1]] == [
        "item",
        "code",
        "theme",
        "Blaby District Council 2025-09 (blaby-2025)",
        "Fictional Borough Council (test fixture) 2024-04 (fictional-2024)",
        "translated",
        "change",
        "reason",
    ]
    first = [c.value for c in sheet[2]]
    # Blaby's 3 on Good/Fair/Poor: translated (marked, in italics) and said how
    assert first[:4] == ["CI-01", "CI001", "Continuous improvement", "Fair†"]
    assert sheet["D2"].font.italic
    assert first[5] == "blaby-2025: from numeric-1-5 3 (nearest)"
    fair = (bv.load_scale("good-fair-poor").colour_of("fair") or "").lstrip("#").upper()
    assert sheet["D2"].fill.start_color.rgb.endswith(fair)
    assert book["Ledger"].max_row == 1 + 70 + 1


def test_report_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    toy = Path(__file__).parent / "data" / "toy"
    out = tmp_path / "report.html"
    code = main(
        [
            "report",
            str(toy / "assessments/toy/toyshire-2023.yaml"),
            str(toy / "assessments/toy/toyshire-2025.yaml"),
            "--on",
            "numeric-1-5",
            "--version",
            "v2",
            "--mapping",
            str(toy / "mappings/toy/v1--v2.yaml"),
            "-o",
            str(out),
        ]
    )
    capsys.readouterr()
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    for part in (
        "<h2>Toyshire: toyshire-2023</h2>",
        "<h2>Comparison</h2>",
        "Change map",
        "Ledger: every input item accounted for",
        "Items that changed",
    ):
        assert part in page
    assert "<script" not in page
    assert page.count("<caption>") == page.count("<table")  # every table is captioned

    shot = tmp_path / "report.png"
    headless_chromium(out, tmp_path / "profile", "--window-size=1300,1800", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = headless_chromium(out, tmp_path / "profile2", "--dump-dom")
    assert "Ledger: every input item accounted for" in dom  # the browser parsed the page


def test_png_keeps_the_last_columns_border() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib.image as mpimg

    png = bv.heatmap(BLABY).to_png()
    picture = mpimg.imread(io.BytesIO(png), format="png")
    dark = (picture[:, :, :3].sum(axis=2) < 0.3).any(axis=0)
    columns = [n for n, is_dark in enumerate(dark) if is_dark]
    # the rightmost dark column (the last cell's border) is inside the picture, not cut off
    assert columns[-1] < picture.shape[1] - 2
