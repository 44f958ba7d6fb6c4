"""A benchmark as a workbook (the ``excel`` extra): every sheet prints landscape, fitted
to the page width, its header rows repeated; text on a fill is black or white, whichever
contrasts more (>= 4.5:1 on any fill)."""

from __future__ import annotations

from typing import Any

from .._assessments.peers import Benchmark, ItemPosition
from .._core.cells import spreadsheet_text
from .._scales.model import Level, State
from .colour import text_colour
from .standing import (
    CSV_COLUMNS,
    PEER_COUNT_HEADERS,
    RANGE_FILL,
    _chosen,
    _fill_colour,
    _key_lines,
    cell_text,
    peer_counts,
    position_row,
)

__all__ = ["benchmark_workbook"]


def benchmark_workbook(bench: Benchmark, *, title: str | None = None) -> bytes:
    """Sheets "Themes" (each council's interval and rank per theme), "Scores" (councils x
    characteristics on the common scale, translated cells marked † and italic), "Long"
    (the CSV's rows of each council's latest assessment; the CSV also has earlier years),
    "Characteristics" (the bottom of the cohort) and "Key". Every sheet
    prints landscape, fitted to the page width, its header rows repeated; text on a fill
    is black or white, whichever contrasts more (>= 4.5:1). Written row by row (openpyxl's
    write-only mode): a national cohort's long sheet is a hundred thousand rows."""
    from .workbook import _border, _fill, _openpyxl, _save, _value, _widths, print_setup

    openpyxl = _openpyxl("XLSX benchmarks")
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)
    border = _border()
    fills: dict[str, tuple[Any, Any, Any]] = {}  # fill colour -> (fill, plain font, marked font)

    def styled(sheet: Any, value: Any, *, font: Any = None, fill: Any = None) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        return cell

    def header(sheet: Any, names: list[str]) -> None:
        sheet.append([styled(sheet, spreadsheet_text(n), font=bold) for n in names])

    # Write-only sheets write their setup before the first row: each is set up first.
    themes = book.create_sheet("Themes")
    themes.freeze_panes = "A2"
    _widths(themes, {"A": 30, "B": 10, "C": 34} | {get_column_letter(n): 12 for n in range(4, 12)})
    print_setup(themes, header_rows=1)
    header(
        themes,
        ["council", "date", "theme", *PEER_COUNT_HEADERS, "rank best", "rank worst"],
    )
    for council in bench.councils:
        for t in council.themes:
            themes.append(
                [
                    spreadsheet_text(council.council),
                    spreadsheet_text(council.date or ""),
                    spreadsheet_text(t.theme),
                    *peer_counts(t),
                    t.rank_best,
                    t.rank_worst,
                ]
            )

    scores = book.create_sheet("Scores")
    items = [i for t in bench.catalogue.themes for i in t.items]
    scores.freeze_panes = "B3"
    _widths(scores, {"A": 30} | {get_column_letter(n): 7 for n in range(2, len(items) + 2)})
    print_setup(scores, header_rows=2, columns="A")
    theme_titles = {t.id: t.title for t in bench.catalogue.themes}
    centred = Alignment(horizontal="center")
    titles: list[Any] = [styled(scores, "theme", font=bold)]
    column = 2
    for theme in bench.catalogue.themes:  # each theme's title over its items' columns
        if not theme.items:
            continue
        titles.append(styled(scores, spreadsheet_text(theme.title), font=bold))
        titles += [None] * (len(theme.items) - 1)
        last = column + len(theme.items) - 1
        if last > column:
            scores.merged_cells.add(f"{get_column_letter(column)}1:{get_column_letter(last)}1")
        column = last + 1
    scores.append(titles)
    ids = [styled(scores, "council", font=bold)]
    for item in items:
        cell = styled(scores, spreadsheet_text(item.id), font=bold)
        cell.alignment = centred
        ids.append(cell)
    scores.append(ids)
    by_council: dict[str, dict[str, ItemPosition]] = {}
    for p in bench.positions:
        if p.cohort:
            by_council.setdefault(p.council, {})[p.item] = p
    for council in bench.councils:
        row = by_council[council.council]
        cells = [spreadsheet_text(council.council)]
        for item in items:
            p = row[item.id]
            colour = _fill_colour(bench, p)
            if colour not in fills:
                ink = text_colour(colour).lstrip("#")
                fills[colour] = (
                    _fill(colour),
                    Font(color=ink),
                    Font(color=ink, italic=True, bold=True),
                )
            fill, plain, marked = fills[colour]
            cell = styled(
                scores,
                _value(cell_text(bench, p)),
                font=marked if p.translated else plain,
                fill=fill,
            )
            cell.alignment = centred
            cell.border = border
            cells.append(cell)
        scores.append(cells)

    long = book.create_sheet("Long")
    long.freeze_panes = "A2"
    _widths(long, {"A": 28, "B": 10, "C": 10, "D": 12, "E": 8, "F": 16, "G": 14, "M": 50})
    print_setup(long, header_rows=1)
    header(long, list(CSV_COLUMNS))
    for p in bench.positions:
        if not p.cohort:
            continue  # earlier years are in the CSV; the sheet is the cohort's
        long.append([spreadsheet_text(v) if isinstance(v, str) else v for v in position_row(p)])

    bottom = book.create_sheet("Characteristics")
    bottom.freeze_panes = "A2"
    _widths(bottom, {"A": 12, "B": 34, "C": 14, "D": 14, "E": 16, "F": 10})
    print_setup(bottom, header_rows=1)
    header(
        bottom,
        ["item", "theme", "certainly below", "possibly below", "councils assessed", "no score"],
    )
    for d in sorted(bench.items, key=lambda d: (-d.below_certain, -d.below_possible)):
        bottom.append(
            [
                spreadsheet_text(d.item),
                spreadsheet_text(theme_titles[d.theme]),
                d.below_certain,
                d.below_possible,
                d.assessed,
                d.unknown,
            ]
        )

    key = book.create_sheet("Key")
    _widths(key, {"A": 24, "B": 90})
    print_setup(key, header_rows=0)
    heading = spreadsheet_text(title or f"Benchmark of {len(bench.councils)} councils")
    key.append([styled(key, heading, font=Font(bold=True, size=13))])
    for line in _chosen(bench):
        key.append([spreadsheet_text(line)])
    key.append([])
    key.append([styled(key, "Key", font=bold), styled(key, "Meaning", font=bold)])
    entries: list[Level | State] = [*reversed(bench.scale.levels), *bench.scale.states]
    for entry in entries:
        colour = entry.colour or RANGE_FILL
        cell = styled(
            key,
            spreadsheet_text(entry.label),
            font=Font(color=text_colour(colour).lstrip("#")),
            fill=_fill(colour),
        )
        cell.border = border
        key.append([cell, spreadsheet_text(entry.meaning or "")])
    for line in _key_lines(bench):
        key.append([spreadsheet_text(line)])
    return _save(book)
