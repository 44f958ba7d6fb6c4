"""Tables as analysts keep them: finding the header, naming columns, rows with line numbers.

Pure: the input layer reads a file into a *grid* (rows of cell text with their line or row
number); :func:`table_from_grid` finds the header row below any title rows, matches header
names case- and space-insensitively with common synonyms, skips rows with no values and
handles ragged rows; skips footnote and summary rows under the data with a notice. One
error names the columns expected and those found; two columns claiming one role (``level``
and ``score``) are an error naming both, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from attrs import field, frozen

from .errors import DataError, Problem

__all__ = [
    "ASSESSMENT_COLUMNS",
    "CATALOGUE_COLUMNS",
    "Columns",
    "Grid",
    "Row",
    "Table",
    "normalise_header",
    "table_from_grid",
]

Grid = Sequence[tuple[int, Sequence[str]]]
"""(line or row number, cells as text) for every row of a sheet or file."""

_HEADER_SEARCH = 20  # rows looked at for a header (title rows above it are common)


def normalise_header(text: str) -> str:
    """``" Item  Code "`` -> ``"item code"``; ``"RAG_rating"`` -> ``"rag rating"``."""
    return " ".join(re.sub(r"[_\-./:#()*]+", " ", text).casefold().split())


@frozen(kw_only=True)
class Columns:
    """What a table must have: ``required`` canonical names, and header text (normalised)
    -> canonical name for every accepted synonym."""

    required: tuple[str, ...]
    synonyms: Mapping[str, str]

    def canonical(self, header: str) -> str | None:
        return self.synonyms.get(normalise_header(header))


def _synonyms(groups: Mapping[str, Sequence[str]]) -> dict[str, str]:
    return {normalise_header(name): canon for canon, names in groups.items() for name in names}


ASSESSMENT_COLUMNS = Columns(
    required=("item", "score"),
    synonyms=_synonyms(
        {
            "item": (
                "item",
                "code",
                "item code",
                "ref",
                "reference",
                "characteristic",
                "id",
                "item id",
                "item ref",
                "no",
                "number",
            ),
            "score": (
                "score",
                "rating",
                "rag",
                "rag rating",
                "rag status",
                "colour",
                "color",
                "result",
                "grade",
                "level",
                "assessment",
                "self assessment",
            ),
            "theme": ("theme", "theme title", "section"),
            "note": ("note", "notes", "comment", "comments", "commentary"),
            "evidence": ("evidence", "evidence source", "sources"),
            "action": ("action", "actions", "next steps", "improvement action"),
        }
    ),
)

CATALOGUE_COLUMNS = Columns(
    required=("theme", "id"),
    synonyms=_synonyms(
        {
            "theme": ("theme", "section", "chapter", "group"),
            "id": ("id", "item", "code", "item code", "ref", "reference", "control"),
            "text": ("text", "description", "wording", "requirement", "statement"),
            "theme_title": ("theme title", "section title", "chapter name", "group title"),
            "label": ("label", "title", "name"),
            "kind": ("kind", "type"),
        }
    ),
)


@frozen(kw_only=True)
class Row:
    """One data row: canonical column -> cell text (stripped); unknown columns under their
    normalised header text, so they can be kept as notes."""

    line: int
    cells: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@frozen(kw_only=True)
class Table:
    """The data rows of one table, with where they came from."""

    source: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...] = field(repr=False)
    notices: tuple[str, ...] = ()
    """What was passed over and why (footnote and summary rows under the table)."""


def _match(cells: Sequence[str], spec: Columns) -> dict[int, str] | None:
    """Column index -> canonical name for a header row (None when it lacks a required
    column); a name claimed by two columns is kept for both (see :func:`_clashes`)."""
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        canon = spec.canonical(cell)
        if canon is not None:
            found[index] = canon
    return found if all(c in found.values() for c in spec.required) else None


def _column_name(index: int) -> str:
    """``0`` -> ``A``, ``26`` -> ``AA``: how a spreadsheet names a column."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _clashes(header: Sequence[str], matched: Mapping[int, str]) -> list[str]:
    """One message per role that two or more header cells claim (``level`` and ``score``
    both mean the score: which one holds it cannot be guessed)."""
    by_role: dict[str, list[int]] = {}
    for index, canon in matched.items():
        by_role.setdefault(canon, []).append(index)
    out = []
    for canon, indices in by_role.items():
        if len(indices) > 1:
            named = " and ".join(f"{header[i]!r} (column {_column_name(i)})" for i in indices)
            out.append(
                f"columns {named} all mean {canon!r}; rename or remove all but one"
                if len(indices) > 2
                else f"columns {named} both mean {canon!r}; rename or remove one"
            )
    return out


_SUMMARY_WORDS = frozenset(
    {"average", "mean", "median", "total", "totals", "sum", "overall", "count", "key"}
)
_NOTE_MARKS = ("*", "†", "‡", "#", "note", "notes", "source", "sources", "key")


def _is_footer(cells: Sequence[str]) -> bool:
    """A row under a table that is not data: a summary (its first value ``Average``,
    ``Total``) or a footnote (a single value that starts with a mark, ``* Exc = excluded``,
    or is prose, not a code)."""
    values = [c for c in cells if c]
    if not values:
        return False
    first = values[0]
    if normalise_header(first) in _SUMMARY_WORDS:
        return True
    return len(values) == 1 and (first.casefold().startswith(_NOTE_MARKS) or len(first.split()) > 2)


# A cell of a published heat map: a council code and its score, "CI001 3" or "CI002 Exc*".
_GRID_CELL = re.compile(r"([A-Za-z]{1,5}[-_.]?\d{1,4}[A-Za-z]?)\s+(\S.{0,40}?)")


def heat_map_rows(grid: Grid, *, source: str) -> Table | None:
    """The heat map as councils publish it: a theme in the first column, then one cell per
    item holding its code and score (``CI001 3``, ``CI002 Exc*``); None when ``grid`` is not
    one (fewer than three such cells, or most cells of other shapes)."""
    rows: list[Row] = []
    other = 0
    for line, cells in grid:
        values = [c.strip() for c in cells]
        theme = values[0] if values else ""
        for cell in values[1:]:
            if not cell:
                continue
            found = _GRID_CELL.fullmatch(cell)
            if found is None:
                other += 1
                continue
            rows.append(Row(line=line, cells={"item": found[1], "score": found[2], "theme": theme}))
    if len(rows) < 3 or other > len(rows):
        return None
    return Table(source=source, columns=("item", "score", "theme"), rows=tuple(rows))


def table_from_grid(grid: Grid, *, spec: Columns, source: str) -> Table:
    """The table in ``grid``: header found, rows keyed by canonical column.

    :raises DataError: no row within the first 20 that have values has the required columns
        (one problem naming the columns expected and the first row's cells), or two header
        cells claim one column's role.
    """
    filled = [
        (line, [c.strip() for c in cells]) for line, cells in grid if any(c.strip() for c in cells)
    ]
    header_at = None
    matched: dict[int, str] = {}
    for n, (_, cells) in enumerate(filled[:_HEADER_SEARCH]):
        found = _match(cells, spec)
        if found is not None:
            header_at, matched = n, found
            break
    if header_at is None and spec is ASSESSMENT_COLUMNS:
        heat_map = heat_map_rows(filled, source=source)
        if heat_map is not None:
            return heat_map
    if header_at is None:
        first = filled[0][1] if filled else []
        shown = ", ".join(repr(c) for c in first[:12] if c) or "nothing"
        raise DataError(
            [
                Problem(
                    message=f"no header row: expected columns {', '.join(spec.required)}; "
                    f"found {shown}",
                    source=source,
                    line=filled[0][0] if filled else None,
                )
            ]
        )
    header = filled[header_at][1]
    clashes = _clashes(header, matched)
    if clashes:
        raise DataError(
            [Problem(message=m, source=source, line=filled[header_at][0]) for m in clashes]
        )
    extra: dict[int, str] = {}
    for index, cell in enumerate(header):
        if index not in matched and cell:
            name = normalise_header(cell)
            if name not in matched.values() and name not in extra.values():
                extra[index] = name
    names = matched | extra
    body = filled[header_at + 1 :]
    footer: list[int] = []
    while body and _is_footer(body[-1][1]):
        footer.insert(0, body.pop()[0])
    rows = []
    for line, cells in body:
        values = {name: cells[i] for i, name in names.items() if i < len(cells) and cells[i]}
        if values:
            rows.append(Row(line=line, cells=values))
    notices: tuple[str, ...] = ()
    if footer:
        lines = ", ".join(map(str, footer[:5])) + (" ..." if len(footer) > 5 else "")
        what = "a row" if len(footer) == 1 else f"{len(footer)} rows"
        notices = (
            f"{source}: {what} under the table (line {lines}) read as a note or a summary, "
            "not data; skipped",
        )
    return Table(
        source=source,
        columns=tuple(matched[i] for i in sorted(matched)),
        rows=tuple(rows),
        notices=notices,
    )
