"""A benchmark as a workbook (the ``excel`` extra): every sheet prints landscape, fitted
to the page width, its header rows repeated; text on a fill is black or white, whichever
contrasts more (>= 4.5:1 on any fill)."""

from __future__ import annotations

from .._assessments.peers import Benchmark, ItemPosition
from .._core.cells import neutralise_cell
from .._scales.model import Level, State
from .colour import text_colour
from .standing import CSV_COLUMNS, RANGE_FILL, _chosen, _fill_colour, _key_lines, cell_text

__all__ = ["benchmark_workbook"]


def benchmark_workbook(bench: Benchmark, *, title: str | None = None) -> bytes:
    """Sheets "Themes" (each council's interval and rank per theme), "Scores" (councils x
    characteristics on the common scale, translated cells marked † and italic), "Long"
    (the CSV's rows), "Characteristics" (the bottom of the cohort) and "Key". Every sheet
    prints landscape, fitted to the page width, its header rows repeated; text on a fill
    is black or white, whichever contrasts more (>= 4.5:1)."""
    from .workbook import _border, _fill, _header, _openpyxl, _save, _value, _widths, print_setup

    openpyxl = _openpyxl("XLSX benchmarks")
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    themes = book.active
    themes.title = "Themes"
    header = [
        "council",
        "date",
        "theme",
        "assessed",
        "certainly at or above",
        "possibly at or above",
        "peers certainly above",
        "peers certainly below",
        "peers overlapping",
        "rank best",
        "rank worst",
    ]
    _header(themes, header)
    for council in bench.councils:
        for t in council.themes:
            themes.append(
                [
                    neutralise_cell(council.council),
                    neutralise_cell(council.date or ""),
                    neutralise_cell(t.theme),
                    t.assessed,
                    t.at_or_above_low,
                    t.at_or_above_high,
                    t.peers_certainly_above,
                    t.peers_certainly_below,
                    t.peers_overlapping,
                    t.rank_best,
                    t.rank_worst,
                ]
            )
    _widths(themes, {"A": 30, "B": 10, "C": 34} | {get_column_letter(n): 12 for n in range(4, 12)})
    print_setup(themes, header_rows=1)

    scores = book.create_sheet("Scores")
    items = [i for t in bench.catalogue.themes for i in t.items]
    theme_titles = {t.id: t.title for t in bench.catalogue.themes}
    scores.append(["theme"])
    column = 2
    for theme in bench.catalogue.themes:  # each theme's title over its items' columns
        if not theme.items:
            continue
        scores.cell(row=1, column=column, value=neutralise_cell(theme.title))
        last = column + len(theme.items) - 1
        if last > column:
            scores.merge_cells(start_row=1, start_column=column, end_row=1, end_column=last)
        column = last + 1
    scores.append(["council", *(neutralise_cell(i.id) for i in items)])
    for cell in (*scores[1], *scores[2]):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    by_council: dict[str, dict[str, ItemPosition]] = {}
    for p in bench.positions:
        if p.cohort:
            by_council.setdefault(p.council, {})[p.item] = p
    border = _border()
    for council in bench.councils:
        row = by_council[council.council]
        scores.append(
            [
                neutralise_cell(council.council),
                *(_value(cell_text(bench, row[i.id])) for i in items),
            ]
        )
        r = scores.max_row
        for n, item in enumerate(items, start=2):
            p = row[item.id]
            fill = _fill_colour(bench, p)
            cell = scores.cell(row=r, column=n)
            cell.fill = _fill(fill)
            cell.font = Font(
                color=text_colour(fill).lstrip("#"), italic=p.translated, bold=p.translated
            )
            cell.alignment = Alignment(horizontal="center")
            cell.border = border
    scores.freeze_panes = "B3"
    _widths(scores, {"A": 30} | {get_column_letter(n): 7 for n in range(2, len(items) + 2)})
    print_setup(scores, header_rows=2, columns="A")

    long = book.create_sheet("Long")
    _header(long, list(CSV_COLUMNS))
    for p in bench.positions:
        long.append(
            [
                neutralise_cell(v) if isinstance(v, str) else v
                for v in (
                    p.council,
                    p.date or "",
                    p.item,
                    p.code,
                    p.theme,
                    p.scale,
                    p.label or "",
                    p.low or "",
                    p.high or "",
                    p.translated,
                    p.policy or "",
                    p.comparable,
                    p.reason,
                    p.assessment,
                    p.cohort,
                )
            ]
        )
    _widths(long, {"A": 28, "B": 10, "C": 10, "D": 12, "E": 8, "F": 16, "G": 14, "M": 50})
    print_setup(long, header_rows=1)

    bottom = book.create_sheet("Characteristics")
    _header(
        bottom,
        ["item", "theme", "certainly below", "possibly below", "councils assessed", "no score"],
    )
    for d in sorted(bench.items, key=lambda d: (-d.below_certain, -d.below_possible)):
        bottom.append(
            [
                neutralise_cell(d.item),
                neutralise_cell(theme_titles[d.theme]),
                d.below_certain,
                d.below_possible,
                d.assessed,
                d.unknown,
            ]
        )
    _widths(bottom, {"A": 12, "B": 34, "C": 14, "D": 14, "E": 16, "F": 10})
    print_setup(bottom, header_rows=1)

    key = book.create_sheet("Key")
    key.append([neutralise_cell(title or f"Benchmark of {len(bench.councils)} councils")])
    key["A1"].font = Font(bold=True, size=13)
    for line in _chosen(bench):
        key.append([neutralise_cell(line)])
    key.append([])
    key.append(["Key", "Meaning"])
    key.cell(row=key.max_row, column=1).font = Font(bold=True)
    entries: list[Level | State] = [*reversed(bench.scale.levels), *bench.scale.states]
    for entry in entries:
        key.append([neutralise_cell(entry.label), neutralise_cell(entry.meaning or "")])
        fill = entry.colour or RANGE_FILL
        cell = key.cell(row=key.max_row, column=1)
        cell.fill = _fill(fill)
        cell.font = Font(color=text_colour(fill).lstrip("#"))
        cell.border = border
    for line in _key_lines(bench):
        key.append([neutralise_cell(line)])
    _widths(key, {"A": 24, "B": 90})
    print_setup(key, header_rows=0)
    return _save(book)
