"""What a benchmark, a heat map, a report and a workbook show: every translation marked, the
policy named, legends that say what levels mean and count what is drawn, print setup, and
text that contrasts at least 4.5:1 with every fill."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve

import bvframework as bv
from bvframework._assessments.benchmark import benchmark
from bvframework._assessments.compare import compare
from bvframework._assessments.peers import Benchmark
from bvframework._render.benchmark import benchmark_html
from bvframework._render.benchmark_book import benchmark_workbook
from bvframework._render.colour import contrast
from bvframework._render.heatmap import MUTED_FILL, RANGE_FILL, UNKNOWN_FILL, build_change
from bvframework._render.profile import profile_png, profile_svg
from bvframework._render.report import headline, report_html
from bvframework._render.standing import (
    CSV_COLUMNS,
    benchmark_csv,
    benchmark_json,
    benchmark_text,
)
from bvframework._scales.model import COMMON_STATES

from .conftest import headless_chromium
from .test_benchmark import COHORT, make

TOY = Path(__file__).parent / "data" / "toy"


@pytest.fixture(scope="module")
def bench() -> Benchmark:
    return benchmark(COHORT, council="Gamma")


def test_csv_is_the_long_table(bench: Benchmark) -> None:
    rows = list(csv.DictReader(io.StringIO(benchmark_csv(bench))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 30  # 6 assessments x 5 items, the earlier Delta too
    fair = next(r for r in rows if r["council"] == "Gamma" and r["item"] == "A1")
    assert (fair["original_scale"], fair["original_label"], fair["low"], fair["high"]) == (
        "good-fair-poor",
        "Fair",
        "3",
        "4",
    )
    assert (fair["translated"], fair["policy"], fair["comparable"]) == ("true", "range", "true")
    assert fair["reason"] == "Fair is 3 or 4 on numeric-1-5"
    own = next(r for r in rows if r["council"] == "Alpha" and r["item"] == "A3")
    assert (own["translated"], own["policy"], own["comparable"], own["reason"]) == (
        "false",
        "",
        "false",
        "excluded by the council",
    )
    earlier = [r for r in rows if r["in_cohort"] == "false"]
    assert {(r["council"], r["date"]) for r in earlier} == {("Delta", "2021-05")}


def test_csv_cells_cannot_run_as_formulas() -> None:
    hostile = evolve(make("Alpha", "numeric-1-5", {"A1": "5"}), council="=HYPERLINK(1)")
    text = benchmark_csv(benchmark([hostile]))
    assert "\n'=HYPERLINK(1)," in text


def test_json_is_to_dict(bench: Benchmark) -> None:
    assert json.loads(benchmark_json(bench)) == bench.to_dict()


def test_text_says_what_was_chosen_and_each_interval() -> None:
    text = benchmark_text(benchmark(COHORT))
    assert "(scale numeric-1-5: the one with the most levels (5)" in text
    assert "Gamma:" in text
    # Gamma on theme A: 1 to 2 of 3 at or above 4; of its 4 peers, Alpha, Delta and Epsilon
    # certainly above, none below, Beta (1 of 3) overlapping; rank 4-5 of 5
    assert any(
        line.split()
        == ["Alpha", "theme", "1", "to", "2", "of", "3", "3", "0", "1", "4\u20135", "of", "5"]
        for line in text.splitlines()
    )
    assert "since 2021-05: 2 improved, 1 declined, 1 same, 1 not comparable" in text


def test_page_is_self_contained_accessible_and_marks_translations(
    bench: Benchmark, tmp_path: Path
) -> None:
    page = benchmark_html(bench, title="Five test councils")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page
    assert "<script" not in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    assert page.count("<table") == page.count("<caption>")  # every table has a caption
    assert page.count("<th ") + page.count("<th>") == page.count('<th scope="')  # all scoped
    # Gamma's Fair on A1: a range, translated, said in words in its title
    assert (
        'class="translated" style="background-color:#FFFFFF;color:#000000" '
        'title="Gamma, A1; scored Fair on good-fair-poor; translated to numeric-1-5 (range); '
        'Fair is 3 or 4 on numeric-1-5">3\u20134†</td>'
    ) in page
    assert (
        "translated from the council&#x27;s own scale to numeric-1-5 under the range policy" in page
    )
    # the levels' meanings are in the key
    assert "Fully delivering best value (dark green)" in page
    # the profile of the focus council, with its figures as a table too
    assert "<h2>Profile: Gamma</h2>" in page
    assert 'role="img"' in page
    assert "<caption>Gamma: each theme</caption>" in page
    target = tmp_path / "bench.html"
    target.write_text(page, encoding="utf-8")
    shot = tmp_path / "bench.png"
    headless_chromium(
        target, tmp_path / "profile", "--window-size=1400,1800", f"--screenshot={shot}"
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 30_000
    dom = headless_chromium(target, tmp_path / "profile2", "--dump-dom")
    assert "3\u20134†" in dom


def test_profile_svg_and_png(bench: Benchmark) -> None:
    svg = profile_svg(bench)
    root = ET.fromstring(svg.split("?>", 1)[1])
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Gamma: items at or above 4 (black), against each peer assessed on the theme" in svg
    assert "1 to 2 of 3; rank 4\u20135 of 5" in svg  # theme A
    assert "0 to 1 of 1; rank 1\u20134 of 4" in svg  # theme B
    with pytest.raises(bv.UnknownReferenceError):
        profile_svg(benchmark(COHORT))
    pytest.importorskip("matplotlib")
    assert profile_png(bench)[:8] == b"\x89PNG\r\n\x1a\n"


def _contrast_of_every_fill(book: Any) -> list[tuple[str, str, float]]:
    """(sheet!cell, fill, contrast) for every filled cell with text."""
    out = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or not cell.fill or cell.fill.fill_type != "solid":
                    continue
                fill = "#" + str(cell.fill.start_color.rgb)[-6:]
                ink = cell.font.color.rgb if cell.font and cell.font.color else None
                ink = "#" + (str(ink)[-6:] if isinstance(ink, str) else "000000")
                out.append((f"{sheet.title}!{cell.coordinate}", fill, contrast(fill, ink)))
    return out


def _check_print_setup(book: Any, titled: dict[str, str]) -> None:
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.fitToWidth == 1, sheet.title
        assert sheet.page_setup.fitToHeight == 0, sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        if sheet.title in titled:
            first, last = titled[sheet.title].split(":")
            assert sheet.print_title_rows == f"${first}:${last}", sheet.title


def test_benchmark_workbook(bench: Benchmark) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(io.BytesIO(benchmark_workbook(bench)))
    assert book.sheetnames == ["Themes", "Scores", "Long", "Characteristics", "Key"]
    _check_print_setup(book, {"Themes": "1:1", "Scores": "1:2", "Long": "1:1"})
    fills = _contrast_of_every_fill(book)
    assert fills  # the matrix and the key are filled
    assert [f for f in fills if f[2] < 4.5] == []
    scores = book["Scores"]
    assert [c.value for c in scores[2][:3]] == ["council", "A1", "A2"]
    gamma = next(r for r in scores.iter_rows(min_row=3) if r[0].value == "Gamma")
    assert (gamma[1].value, gamma[1].font.italic) == ("3\u20134†", True)
    alpha = next(r for r in scores.iter_rows(min_row=3) if r[0].value == "Alpha")
    assert (alpha[1].value, alpha[1].font.italic) == (5, False)
    key = [row[0].value for row in book["Key"].iter_rows()]
    assert any(str(v).startswith("† translated") for v in key)


def test_heatmap_and_comparison_workbooks_print_and_contrast() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from bvframework._render.workbook import comparison_workbook, heatmap_workbook

    blaby = bv.load_assessment("best-value/blaby-2025")
    book = openpyxl.load_workbook(io.BytesIO(heatmap_workbook(bv.heatmap(blaby), blaby)))
    _check_print_setup(book, {"Items": "1:1"})
    assert book["Heat map"].print_title_cols == "$A:$A"
    assert [f for f in _contrast_of_every_fill(book) if f[2] < 4.5] == []
    # the key gives each level's meaning and count
    key = {
        row[0].value: (row[1].value, row[2].value)
        for row in book["Heat map"].iter_rows()
        if row[0].value
    }
    assert key["5"] == (24, "Fully delivering best value (dark green)")
    gfp = bv.load_assessment(Path(__file__).parent / "data" / "fictional-draft-gfp.yaml")
    result = bv.compare(blaby, gfp, scale=bv.load_scale("six-colour"))
    book = openpyxl.load_workbook(io.BytesIO(comparison_workbook(result)))
    _check_print_setup(book, {"Comparison": "1:1", "Themes": "1:1", "Ledger": "1:1"})
    fills = _contrast_of_every_fill(book)
    assert any(fill == "#00803C" for _, fill, _ in fills)  # dark green: white text
    assert [f for f in fills if f[2] < 4.5] == []


def _toy_change(policy: Any) -> Any:
    early = bv.load_assessment(TOY / "assessments/toy/toyshire-2023.yaml")
    late = bv.load_assessment(TOY / "assessments/toy/toyshire-2025.yaml")
    mapping = bv.load_mapping(TOY / "mappings/toy/v1--v2.yaml")
    # the second (shown) is another council's Good/Fair/Poor file, carried to v2 and put
    # on 1-5 (the same council's would be put in date order, the 1-5 one shown)
    other = evolve(early, council="Otherby")
    return build_change(
        compare(
            late,
            other,
            scale=bv.load_scale("numeric-1-5"),
            version=late.catalogue,
            policy=policy,
            mappings=[mapping],
        )
    )


@pytest.mark.parametrize("policy", ["range", "nearest", "conservative", "optimistic"])
def test_change_map_legend_counts_what_is_drawn(policy: str) -> None:
    hm = _toy_change(policy)
    cells = [c for _, row in hm.rows for c in row]
    shown = [c.text.split("→")[-1].split()[0].rstrip("†") for c in cells]
    counts = {label: int(count.split()[0]) for label, _, count in hm.legend}
    for level in ("1", "2", "3", "4", "5"):
        assert counts[level] == shown.count(level), (policy, level, shown)
    ranges = [s for s in shown if "\u2013" in s and s != "\u2013"]
    assert counts.get("Could be several levels (3\u20134)", 0) == len(ranges)
    if policy == "range":
        # Good/Fair/Poor on 1-5: A-2 poor 1-2, A-3 and A-X fair 3-4, M-1 the worst of
        # poor and good (compare's default merge) 1-2; A-1, M-2, S-1, S-2 good 5
        assert sorted(ranges) == ["1\u20132", "1\u20132", "3\u20134", "3\u20134"]
        assert counts["5"] == 4
        assert all(c.fill == RANGE_FILL for c, s in zip(cells, shown, strict=True) if s in ranges)
    else:
        assert ranges == []


def test_same_and_not_assessed_cells_look_different() -> None:
    for state in COMMON_STATES:
        assert state.colour is not None
        for other in (state.colour, UNKNOWN_FILL):
            distance = sum(
                (int(MUTED_FILL[i : i + 2], 16) - int(other[i : i + 2], 16)) ** 2 for i in (1, 3, 5)
            )
            assert distance**0.5 > 20, (MUTED_FILL, other)


def test_heatmap_legend_gives_meanings_in_every_format() -> None:
    blaby = bv.load_assessment("best-value/blaby-2025")
    hm = bv.heatmap(blaby)
    assert "5: 24 items — Fully delivering best value (dark green)" in hm.to_html()
    assert "5: 24 items — Fully delivering best value (dark green)" in hm.to_svg()
    assert hm.key()[0] == ("5", "#00803C", "24 items", "Fully delivering best value (dark green)")


def test_report_headline_and_theme_table() -> None:
    blaby = bv.load_assessment("best-value/blaby-2025")
    # Blaby's own published figure
    assert headline(blaby) == "45 of 66 (68%) at 4 or 5"
    runnymede = bv.load_assessment("best-value/runnymede-2024")
    # published totals: light green 42 + dark green 13 of the 71 with a level (grey left out)
    assert headline(runnymede) == "55 of 71 (77%) at Light green or Dark green (published totals)"
    page = report_html([blaby], [bv.heatmap(blaby)], title="Blaby 2025")
    assert '<p class="headline">45 of 66 (68%) at 4 or 5</p>' in page
    assert "<title>Blaby 2025</title>" in page
    # Continuous improvement: 5 4, 4 4, 3 1, 2 0, 1 0, 2 excluded; 8 of 9 at 4 or 5
    assert (
        '<tr><th scope="row">Continuous improvement</th><td class="n">4</td><td class="n">4</td>'
        '<td class="n">1</td><td class="n">0</td><td class="n">0</td><td class="n">2</td>'
        "<td>8 of 9 (89%)</td></tr>"
    ) in page


def test_bundled_scale_titles_are_neutral() -> None:
    for ref in ("numeric-1-5", "good-fair-poor", "rag", "six-colour"):
        scale = bv.load_scale(ref)
        assert "Council" not in scale.title, scale.title
        assert "Council" in (scale.source or "")  # where it came from is still said
