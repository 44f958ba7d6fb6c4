from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bvframework import heatmap, load_assessment, load_mapping, load_scale, render_heatmap
from bvframework._render.colour import BORDER, contrast, text_colour

from .conftest import headless_chromium

BLABY = load_assessment("best-value/blaby-2025")
TOY = Path(__file__).parent / "data" / "toy"


def test_html_has_every_cell_as_text() -> None:
    page = heatmap(BLABY).to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    for score in BLABY.scores:
        assert f'<span class="code">{score.code}</span>' in page
    assert '<span class="code">CI002</span>Exc</td>' in page
    assert '<span class="code">PC005</span>2</td>' in page
    assert "66 assessed (5: 24, 4: 21, 3: 20, 2: 1, 1: 0); Excluded: 4" in page


def test_rows_are_themes_in_order() -> None:
    hm = heatmap(BLABY)
    assert [theme for theme, _ in hm.rows] == [t.title for t in BLABY.catalogue.themes]
    assert [len(cells) for _, cells in hm.rows] == [11, 10, 10, 11, 12, 10, 6]


def test_states_are_distinct_from_levels() -> None:
    runnymede = load_assessment("best-value/runnymede-2024")
    cells = {c.code: c for _, row in heatmap(runnymede).rows for c in row}
    assert (cells["L009"].text, cells["L009"].fill) == ("Grey", "#A6A6A6")
    assert cells["CI001"].text == "?"  # not published: neither a level nor "not assessed"


def test_svg_is_well_formed() -> None:
    svg = heatmap(BLABY).to_svg()
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "PC005" in texts
    assert "Exc" in texts


def test_change_map_carries_the_change_as_text() -> None:
    new = load_assessment(TOY / "assessments/toy/toyshire-2025.yaml")
    old = load_assessment(TOY / "assessments/toy/toyshire-2023.yaml")
    hm = heatmap(
        new,
        against=old,
        scale=load_scale("numeric-1-5"),
        mappings=[load_mapping(TOY / "mappings/toy/v1--v2.yaml")],
    )
    cells = {c.code: c for _, row in hm.rows for c in row}
    # 2023's Good/Fair/Poor scores are translated to 1-5: marked with a dagger
    assert cells["A-2"].text == "1†→3 ▲"
    assert cells["M-2"].text == "5†→4 ▼"
    assert cells["A-3"].text == "3†→3 ?"  # Fair is 3 or 4: not comparable, whatever is shown
    assert cells["A-3"].title == (
        "A-3: 3; before: 3† (reworded from A-3; from good-fair-poor Fair (nearest)); not comparable"
    )
    assert hm.title == (
        "toyshire-2023 → toyshire-2025: 2 improved, 1 declined, 2 same, 5 not comparable"
    )
    # unchanged cells are muted so the changes stand out; the arrows have a key
    from bvframework._render.heatmap import MUTED_FILL, MUTED_INK

    assert (cells["A-1"].text, cells["A-1"].fill, cells["A-1"].ink) == (
        "5 =",
        MUTED_FILL,
        MUTED_INK,
    )
    assert contrast(MUTED_FILL, MUTED_INK) >= 4.5
    assert cells["A-2"].fill != MUTED_FILL
    translated = [entry for entry in hm.key() if entry[0] == "† translated"]
    # the 2023 scores with a level (A-2, A-3, A-X, M-1, M-2, S-1, S-2; A-1 and the rest)
    assert translated == [
        (
            "† translated",
            "#FFFFFF",
            "8 scores",
            "Translated to numeric-1-5 from good-fair-poor (nearest).",
        )
    ]
    key = [(label, count) for label, _, count in hm.legend if label[0] in "▲▼=?"]
    assert key == [
        ("▲ improved", "2 items"),
        ("▼ declined", "1 item"),
        ("= same", "2 items"),
        ("? not comparable", "5 items"),
    ]


def test_two_councils_are_higher_and_lower_not_improved() -> None:
    blaby = load_assessment("best-value/blaby-2025")
    other = load_assessment(Path(__file__).parent / "data/fictional-draft-gfp.yaml")
    hm = heatmap(blaby, against=other, scale=load_scale("good-fair-poor"))
    assert "improved" not in hm.title
    assert "higher" in hm.title


@pytest.mark.parametrize("scale", ["numeric-1-5", "six-colour", "good-fair-poor", "rag"])
def test_contrast(scale: str) -> None:
    s = load_scale(scale)
    for entry in s.entries:
        assert entry.colour is not None
        # text on the fill (WCAG 1.4.3) and the fill against its black edge (1.4.11)
        assert contrast(entry.colour, text_colour(entry.colour)) >= 4.5, entry.id
        assert contrast(entry.colour, BORDER) >= 3.0, entry.id


def test_render_by_suffix(tmp_path: Path) -> None:
    for suffix in (".html", ".svg"):
        out = tmp_path / f"map{suffix}"
        render_heatmap(BLABY, str(out))
        assert out.read_text().count("PC005") >= 1


def test_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "map.png"
    out.write_bytes(heatmap(BLABY).to_png())
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_notebook_repr() -> None:
    html = BLABY._repr_html_()
    assert "<table" in html
    assert "<!DOCTYPE" not in html


def test_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "blaby.html"
    page.write_text(heatmap(BLABY).to_html())
    shot = tmp_path / "blaby.png"
    headless_chromium(page, tmp_path / "profile", "--window-size=1500,520", f"--screenshot={shot}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank page is a few kilobytes


def test_render_heatmap_writes_a_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "map.xlsx"
    render_heatmap(BLABY, str(out))
    assert openpyxl.load_workbook(out).sheetnames == ["Heat map", "Items"]
