"""Workbooks analysts use (XLSX, the ``excel`` extra): the heat map as councils publish it,
and comparisons with coloured cells and the ledger. Renderers: objects in, bytes out.

Every text cell goes through :func:`~bvframework._core.cells.spreadsheet_text` (control
characters shown as escapes, a cell a spreadsheet would run as a formula given a ``'``);
scores whose labels are numbers are stored as numbers; rows follow the catalogue's order.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from .._core.cells import spreadsheet_text
from .._core.errors import MissingDependencyError
from .colour import text_colour

if TYPE_CHECKING:
    from .._assessments.compare import Comparison
    from .._assessments.model import Assessment
    from .._scales.model import Scale
    from .heatmap import HeatMap

__all__ = ["comparison_workbook", "heatmap_workbook", "print_setup"]

_BORDER_COLOUR = "000000"


def _openpyxl(feature: str) -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError.for_extra(
            module="openpyxl", extra="excel", feature=feature
        ) from None
    return openpyxl


def _value(text: str | None) -> Any:
    """A number stays a number (a 1-5 score is 4, not "4"); text is made formula-safe."""
    if text is None:
        return None
    if text.isdigit():
        return int(text)
    return spreadsheet_text(text)


def _fill(colour: str | None) -> Any:
    from openpyxl.styles import PatternFill

    hex_colour = (colour or "#FFFFFF").lstrip("#").upper()
    return PatternFill(fill_type="solid", start_color=hex_colour, end_color=hex_colour)


def _border() -> Any:
    from openpyxl.styles import Border, Side

    side = Side(style="thin", color=_BORDER_COLOUR)
    return Border(left=side, right=side, top=side, bottom=side)


def _header(sheet: Any, headers: list[str]) -> None:
    from openpyxl.styles import Font

    sheet.append([spreadsheet_text(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"


def _widths(sheet: Any, widths: dict[str, float]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width


def print_setup(sheet: Any, *, header_rows: int = 1, columns: str | None = None) -> None:
    """Print landscape on A4, fitted to the page width (as many pages down as it needs),
    the first ``header_rows`` rows (and ``columns``, e.g. ``"A"``) repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4 (openpyxl's Worksheet.PAPERSIZE_A4)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    if header_rows:
        sheet.print_title_rows = f"1:{header_rows}"
    if columns:
        sheet.print_title_cols = f"{columns}:{columns}"


def _ink(colour: str | None, *, italic: bool = False) -> Any:
    """Black or white text, whichever contrasts more with the fill (>= 4.5:1 on any);
    italic for a score translated from another scale (it is also marked with a dagger)."""
    from openpyxl.styles import Font

    return Font(color=text_colour(colour or "#FFFFFF").lstrip("#").upper(), italic=italic)


def _save(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def heatmap_workbook(heatmap: HeatMap, assessment: Assessment) -> bytes:
    """Sheet "Heat map": the grid as the council publishes it (theme rows, a cell per item
    with its code and score, filled with the scale's colour), and a legend with each level's
    meaning and count. Sheet "Items": one row per item (council code, catalogue ID, theme
    title, score, label as written, state, note), header frozen."""
    openpyxl = _openpyxl("XLSX heat maps")
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    grid = book.active
    grid.title = "Heat map"
    grid.append([spreadsheet_text(heatmap.title)])
    grid["A1"].font = Font(bold=True, size=13)
    grid.append([])
    border = _border()
    for theme, cells in heatmap.rows:
        grid.append(
            [spreadsheet_text(theme), *(spreadsheet_text(f"{c.code}\n{c.text}") for c in cells)]
        )
        row = grid.max_row
        grid.cell(row=row, column=1).font = Font(bold=True)
        grid.row_dimensions[row].height = 32
        for n, cell in enumerate(cells, start=2):
            target = grid.cell(row=row, column=n)
            target.fill = _fill(cell.fill)
            target.font = Font(
                color=cell.ink.lstrip("#").upper(),
                bold=cell.change is not None and cell.change != "same",
            )
            target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            target.border = border
    width = max((len(cells) for _, cells in heatmap.rows), default=0)
    _widths(grid, {"A": 38} | {get_column_letter(n): 10 for n in range(2, width + 2)})
    grid.append([])
    grid.append(["Key", "Items"])
    grid.cell(row=grid.max_row, column=1).font = Font(bold=True)
    for label, fill, count, meaning in heatmap.key():
        number = int(count.split()[0]) if count.split()[0].isdigit() else count
        grid.append([spreadsheet_text(label), number, spreadsheet_text(meaning or "")])
        key = grid.cell(row=grid.max_row, column=1)
        key.fill = _fill(fill)
        key.font = Font(color=text_colour(fill).lstrip("#").upper())
        key.border = border
    grid.append([])
    grid.append([spreadsheet_text(heatmap.summary)])

    items = book.create_sheet("Items")
    headers = ["code", "item", "theme", "theme title", "score", "label", "state", "note"]
    _header(items, headers)
    for record in assessment.records():
        items.append(
            [
                spreadsheet_text(record["code"]),
                spreadsheet_text(record["item"]),
                spreadsheet_text(record["theme"]),
                spreadsheet_text(record["theme_title"]),
                _value(record["score"]),
                _value(record["label"]),
                None if record["state"] is None else spreadsheet_text(record["state"]),
                None if record["note"] is None else spreadsheet_text(record["note"]),
            ]
        )
        if record["score"] is not None:
            level = assessment.scale.parse(record["score"])
            colour = assessment.scale.colour_of(level)
            cell = items.cell(row=items.max_row, column=5)
            cell.fill = _fill(colour)
            cell.font = _ink(colour)
    _widths(items, {"A": 10, "B": 14, "C": 8, "D": 38, "E": 8, "F": 14, "G": 14, "H": 50})
    print_setup(grid, header_rows=0, columns="A")
    print_setup(items)
    return _save(book)


def _column(comparison: Comparison, n: int) -> str:
    assessment = comparison.assessments[n]
    when = f" {assessment.date}" if assessment.date else ""
    return f"{assessment.council}{when} ({comparison.headers[n]})"


def comparison_workbook(comparison: Comparison) -> bytes:
    """Sheet "Comparison": one row per item (catalogue ID, council code, theme title), one
    column per assessment (council and date), the change and why; cells filled with the
    common scale's colours. Sheet "Themes": per theme, each assessment's count per level.
    Sheet "Ledger": every input item of every assessment and what became of it."""
    openpyxl = _openpyxl("XLSX comparisons")
    scale: Scale = comparison.scale
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Comparison"
    pair = len(comparison.ids) == 2
    headers = ["item", "code", "theme"] + [
        _column(comparison, n) for n in range(len(comparison.ids))
    ]
    headers += ["translated"] + (["change", "reason"] if pair else [])
    _header(sheet, headers)
    titles = {t.id: t.title for t in comparison.catalogue.themes}
    for row in comparison.rows:
        labels = [comparison.shown(s) for s in row.scores]
        sheet.append(
            [
                spreadsheet_text(row.item),
                spreadsheet_text(comparison.code(row)),
                spreadsheet_text(titles[row.theme]),
                *(_value(label) for label in labels),
                spreadsheet_text(comparison.translated(row)),
                *([row.change or "", spreadsheet_text(row.reason)] if pair else []),
            ]
        )
        for n, score in enumerate(row.scores):
            cell = sheet.cell(row=sheet.max_row, column=4 + n)
            if score.value is not None and not score.is_range:
                colour = scale.colour_of(score.value)
                if colour:
                    cell.fill = _fill(colour)
                    cell.font = _ink(colour, italic=score.translated is not None)
            elif score.translated is not None:
                cell.font = _ink(None, italic=True)
    from openpyxl.utils import get_column_letter

    _widths(
        sheet,
        {"A": 12, "B": 10, "C": 36}
        | {get_column_letter(4 + n): 24 for n in range(len(comparison.ids))},
    )
    themes = book.create_sheet("Themes")
    levels = list(reversed(scale.level_ids))
    _header(themes, ["theme", "assessment", *(scale.label_of(lv) for lv in levels)])
    summaries = comparison.themes()
    for theme in comparison.catalogue.themes:
        for n in range(len(comparison.ids)):
            counts = summaries[theme.id][n].levels
            themes.append(
                [
                    spreadsheet_text(theme.title),
                    spreadsheet_text(comparison.headers[n]),
                    *(counts[lv] for lv in levels),
                ]
            )
    ledger = book.create_sheet("Ledger")
    _header(ledger, ["assessment", "item", "code", "outcome", "detail"])
    for line in comparison.ledger:
        ledger.append(
            [
                spreadsheet_text(v)
                for v in (line.assessment, line.item, line.code, line.outcome, line.detail)
            ]
        )
    _widths(ledger, {"A": 22, "B": 12, "C": 10, "D": 18, "E": 60})
    for each in (sheet, themes, ledger):
        print_setup(each)
    return _save(book)
