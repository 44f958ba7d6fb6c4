"""Remake the pictures in docs/img from the bundled data and the test fixtures.

    python docs/make_pictures.py        # needs headless Chromium and the excel extra

The workbook pictures are the XLSX files as stored, drawn by this script (each cell's value,
fill and font colour, read back with openpyxl), then photographed like the HTML pages.
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
CHROMIUM = [
    "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def bv(*argv: str) -> None:
    subprocess.run([sys.executable, "-m", "bvframework", *argv], check=True, cwd=ROOT)


def shoot(page: Path, picture: Path, size: str, profile: Path) -> None:
    subprocess.run(
        [*CHROMIUM, f"--user-data-dir={profile}", f"--window-size={size}",
         f"--screenshot={picture}", page.as_uri()],
        check=True, capture_output=True,
    )


def sheet_html(path: Path, sheet: str, rows: int) -> str:
    """A sheet drawn as stored: values, fills and font colours, as a spreadsheet shows them."""
    from openpyxl.utils import get_column_letter

    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    widths = [
        round((ws.column_dimensions[get_column_letter(n)].width or 8.43) * 7.5)
        for n in range(1, ws.max_column + 1)
    ]
    out = [f'<table style="border-collapse:collapse;table-layout:fixed;width:{sum(widths)}px;'
           'font:13px Calibri,Carlito,sans-serif">']
    out += [f'<col style="width:{w}px">' for w in widths]
    for row in ws.iter_rows(min_row=1, max_row=rows):
        out.append("<tr>")
        for cell in row:
            align = "left" if cell.column == 1 or "\n" not in str(cell.value or "") else "center"
            style = (
                "border:1px solid #d0d0d0;padding:2px 6px;white-space:pre;overflow:visible;"
                f"text-align:{align}"
            )
            fill = cell.fill.start_color.rgb if cell.fill and cell.fill.fill_type else None
            if isinstance(fill, str) and fill not in ("00000000",):
                style += f";background:#{fill[-6:]}"
            colour = cell.font.color.rgb if cell.font and cell.font.color else None
            if isinstance(colour, str):
                style += f";color:#{colour[-6:]}"
            if cell.font and cell.font.bold:
                style += ";font-weight:bold"
            value = "" if cell.value is None else html.escape(str(cell.value))
            out.append(f'<td style="{style}">{value}</td>')
        out.append("</tr>")
    out.append("</table>")
    return f"<!DOCTYPE html><html><body style='margin:8px'>{''.join(out)}</body></html>"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = work / "blaby.xlsx"
        bv("heatmap", "tests/data/blaby-2025-scores.csv", "--catalogue",
           "best-value/statutory-2024-05", "--numbering", "blaby", "--council",
           "Blaby District Council", "-o", str(book))
        page = work / "sheet.html"
        page.write_text(sheet_html(book, "Heat map", 22))
        shoot(page, IMG / "blaby-2025-workbook.png", "1220,500", work / "p1")
        report = work / "report.html"
        toy = "tests/data/toy"
        bv("report", f"{toy}/assessments/toy/toyshire-2023.yaml",
           f"{toy}/assessments/toy/toyshire-2025.yaml", "--on", "numeric-1-5", "--version", "v2",
           "--mapping", f"{toy}/mappings/toy/v1--v2.yaml", "-o", str(report))
        shoot(report, IMG / "toyshire-report.png", "1100,2600", work / "p2")
        blaby = work / "blaby.html"
        bv("heatmap", "best-value/blaby-2025", "-o", str(blaby))
        shoot(blaby, IMG / "blaby-2025-heatmap.png", "1360,560", work / "p3")
        change = work / "change.html"
        bv("heatmap", f"{toy}/assessments/toy/toyshire-2025.yaml", "--against",
           f"{toy}/assessments/toy/toyshire-2023.yaml", "--mapping",
           f"{toy}/mappings/toy/v1--v2.yaml", "-o", str(change))
        shoot(change, IMG / "toyshire-change-heatmap.png", "1100,520", work / "p4")
        # the cohort: the page, the profile (the PNG as written) and the workbook
        manifest = "tests/data/cohort/manifest.csv"
        page = work / "cohort.html"
        bv("benchmark", manifest, "--council", "Blaby District Council", "--title",
           "Blaby among five peers", "-o", str(page))
        shoot(page, IMG / "cohort-benchmark.png", "1280,1500", work / "p5")
        bv("benchmark", manifest, "--council", "Blaby District Council", "-o",
           str(IMG / "cohort-profile.png"))
        cohort_book = work / "cohort.xlsx"
        bv("benchmark", manifest, "-o", str(cohort_book))
        sheet = work / "scores.html"
        sheet.write_text(sheet_html(cohort_book, "Scores", 9))
        shoot(sheet, IMG / "cohort-workbook.png", "1400,260", work / "p6")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
