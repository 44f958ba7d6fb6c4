"""Reading CSV, TSV and XLSX files into grids of cell text (see ``_core.table``).

CSV/TSV: UTF-8 (BOM or not), UTF-16 (Excel's "Unicode text"), else Windows-1252 with a
notice; the delimiter (comma, semicolon, tab) is sniffed. XLSX: the sheet named, or the
first whose header fits; numbers stored as floats (``3.0``) read as ``3``; formulas give
their cached values (a formula saved without one is an error, never a blank); merged
cells give their value to every cell they cover. A cell bvframework wrote with a ``'``
to keep a spreadsheet from running it reads back as it was (:func:`restore_cell`). Every
bound in :class:`Limits` is enforced while reading, never after, and a value past the
column limit is an error, never cut off.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from .._core.cells import restore_cell
from .._core.errors import DataError, MissingDependencyError, Problem
from .._core.table import Columns, Grid, Table
from .files import Limits, decode

__all__ = ["csv_grid", "is_table_text", "sniff_delimiter", "xlsx_grids", "xlsx_table"]


# the first line of YAML or JSON: a document start, a list, a mapping, or a key
_YAML_START = re.compile(r"(---|\.\.\.|[{\[]|- |-$)")
_YAML_KEY = re.compile(r"""["']?([A-Za-z_][\w.-]*)["']?\s*:(\s|$)""")


def _top_keys() -> frozenset[str]:
    """The top-level keys of our four kinds of data file (from their schemas)."""
    from .._core.schema import SCHEMA_NAMES, load_schema

    return frozenset(k for name in SCHEMA_NAMES for k in load_schema(name)["properties"])


def is_table_text(text: str) -> bool:
    """Whether text given without a file name (standard input) is a table: its first line
    is not how our YAML or JSON files start (``---``, ``{``, ``[``, a list item, or a key of
    one of their schemas: ``id: x``), as ``item,score`` or a title such as ``Council: heat
    map,,`` are not."""
    for raw in text.splitlines()[:50]:
        line = raw.strip()
        if line and not line.startswith("#"):
            key = _YAML_KEY.match(line)
            return not (_YAML_START.match(line) or (key and key.group(1) in _top_keys()))
    return False


def _fail(message: str, source: str, line: int | None = None) -> DataError:
    return DataError([Problem(message=message, source=source, line=line)])


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one found most consistently in the first lines."""
    lines = [ln for ln in text.splitlines()[:30] if ln.strip(" ,;\t")]
    best, best_score = ",", 0
    for delimiter in (",", ";", "\t"):
        counts = [ln.count(delimiter) for ln in lines]
        with_it = [c for c in counts if c]
        score = len(with_it) * 1000 + sum(with_it) if with_it else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


def csv_grid(
    data: bytes, *, source: str, limits: Limits, delimiter: str | None = None
) -> tuple[Grid, str | None]:
    """(rows with their line numbers, an encoding notice or None).

    :raises DataError: undecodable text, a cell or a file over the limits, malformed CSV.
    """
    text, notice = decode(data, source, guess=True)
    if "\x00" in text:
        raise _fail("contains NUL characters: not a text table", source)
    sep = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    grid: list[tuple[int, list[str]]] = []
    old_limit = csv.field_size_limit(limits.cell_chars)
    try:
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise _fail(f"cannot read this row as CSV ({exc})", source, line) from None
            if len(grid) >= limits.table_rows:
                raise _fail(f"more than {limits.table_rows:,} rows; refused", source, line)
            grid.append((line, [restore_cell(c) for c in _within(cells, source, line, limits)]))
    finally:
        csv.field_size_limit(old_limit)
    return grid, notice


def _within(cells: list[Any], source: str, line: int, limits: Limits) -> list[Any]:
    """``cells`` without the empty ones past the column limit.

    :raises DataError: a value lies past the limit (never cut off silently).
    """
    if len(cells) <= limits.table_columns:
        return cells
    beyond = [n for n, c in enumerate(cells) if n >= limits.table_columns and c not in (None, "")]
    if beyond:
        raise _fail(
            f"a value in column {beyond[0] + 1:,}, past the limit of {limits.table_columns:,} "
            "columns; refused (Limits(table_columns=...) raises it)",
            source,
            line,
        )
    return cells[: limits.table_columns]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()[:10] if isinstance(value, datetime) else value.isoformat()
    return restore_cell(str(value))


_BLANK_RUN = 10_000  # blank rows in a row that end a sheet (a declared grid is not data)


_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?row[\s>/]")
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?f[\s>/]")
_TAIL = 32  # bytes kept between chunks: longer than any tag matched above


def _count_rows(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> tuple[int, bool]:
    """(row elements in a sheet, whether it holds a formula), counted while decompressing
    and stopped past ``limit``: openpyxl would otherwise parse a whole sheet without a
    ``<dimension>`` to size it, before a single row is read. Tags with a namespace prefix
    (``<x:row>``) count too."""
    count, tail, formula = 0, b"", False
    with archive.open(member) as stream:
        while count <= limit:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            window = tail + chunk
            # a match ending inside the tail was counted with the previous chunk
            count += sum(1 for m in _ROW.finditer(window) if m.end() > len(tail))
            formula = formula or _FORMULA.search(window) is not None
            tail = window[-_TAIL:]
    return count, formula


def _check_zip(data: bytes, source: str, limits: Limits) -> bool:
    """Whether any sheet holds a formula.

    :raises DataError: not a zip, or over a limit."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except Exception:  # zipfile raises many kinds (BadZipFile, NotImplementedError, ...)
        raise _fail("not an XLSX workbook (not a readable zip archive)", source) from None
    if len(members) > 10_000:
        raise _fail("an XLSX with more than 10,000 parts; refused", source)
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.xlsx_unpacked_bytes:
        raise _fail(
            f"unpacks to {unpacked:,} bytes, more than the limit of "
            f"{limits.xlsx_unpacked_bytes:,}; refused",
            source,
        )
    formulas = False
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            try:
                rows, formula = _count_rows(archive, member, limits.table_rows)
            except Exception:
                raise _fail(f"{member.filename}: cannot be unpacked", source) from None
            if rows > limits.table_rows:
                name = member.filename.rsplit("/", 1)[-1]
                raise _fail(f"{name}: more than {limits.table_rows:,} rows; refused", source)
            formulas = formulas or formula
    return formulas


def _sheet_rows(
    sheet: Any, source: str, limits: Limits, formulas: Any = None
) -> Iterator[tuple[int, list[str]]]:
    """Rows of a read-only sheet as present in the file: never padded to the sheet's
    declared dimensions (a one-cell sheet may declare a million rows). ``formulas`` is the
    same sheet read for its formulas (when it has any): a formula with no value saved
    with it is a problem, never a blank cell.

    :raises DataError: over a limit, or formulas without saved values (every one).
    """
    from openpyxl.utils import get_column_letter

    sheet.reset_dimensions()
    cells = blank = 0
    unsaved: list[str] = []
    raw: Iterator[tuple[Any, ...]] | None = None
    if formulas is not None:
        formulas.reset_dimensions()
        raw = formulas.iter_rows(values_only=True)
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        written = next(raw, ()) if raw is not None else ()
        values = _within(list(row), f"{source}[{sheet.title}]", number, limits)
        for n, value in enumerate(written[: len(values)]):
            if values[n] is None and isinstance(value, str) and value.startswith("="):
                unsaved.append(f"{get_column_letter(n + 1)}{number}")
        if not any(v is not None and v != "" for v in values):
            blank += 1
            if blank >= _BLANK_RUN:
                break  # the rest is a declared grid, not data (a sheet "sized" to XFD1048576)
            continue
        blank = 0
        cells += len(values)
        if cells > limits.xlsx_cells:
            raise _fail(f"sheet {sheet.title!r}: more than {limits.xlsx_cells:,} cells", source)
        yield number, [_cell_text(v) for v in values]
    if unsaved:
        shown = ", ".join(unsaved[:5]) + (" ..." if len(unsaved) > 5 else "")
        many = f"{len(unsaved)} formulas" if len(unsaved) > 1 else "a formula"
        raise _fail(
            f"sheet {sheet.title!r}: {many} with no value saved (cell "
            f"{shown}); open and save the workbook in a spreadsheet program, or type the value",
            source,
        )


def xlsx_grids(
    data: bytes, *, source: str, limits: Limits, sheet: str | None = None
) -> Iterator[tuple[str, Callable[[], Grid]]]:
    """(sheet name, a function reading its grid) for the sheet named, or every sheet in
    order; the caller takes the first whose header fits.

    :raises MissingDependencyError: openpyxl is not installed.
    :raises DataError: not a workbook, over the limits, or no sheet of that name.
    """
    try:
        import openpyxl
    except ImportError:
        raise MissingDependencyError.for_extra(
            module="openpyxl", extra="excel", feature="reading XLSX files"
        ) from None
    has_formulas = _check_zip(data, source, limits)
    import warnings

    def load(data_only: bool) -> Any:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl warns about styles it cannot read
                return openpyxl.load_workbook(
                    io.BytesIO(data), read_only=True, data_only=data_only, keep_links=False
                )
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise _fail(f"cannot read this workbook ({type(exc).__name__})", source) from None

    book = load(True)
    written = load(False) if has_formulas else None
    names = list(book.sheetnames)
    if sheet is not None and sheet not in names:
        from .._core.suggest import suggest

        close = suggest(sheet, names)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise _fail(f"no sheet {sheet!r} (sheets: {', '.join(names)}){hint}", source)
    for name in [sheet] if sheet is not None else names:

        def read(name: str = name) -> Grid:
            try:
                formulas = written[name] if written is not None else None
                return list(_sheet_rows(book[name], source, limits, formulas))
            except DataError:
                raise
            except Exception as exc:
                raise _fail(f"sheet {name!r}: cannot read ({type(exc).__name__})", source) from None

        yield name, read
    book.close()
    if written is not None:
        written.close()


def xlsx_table(
    data: bytes, *, spec: Columns, source: str, limits: Limits, sheet: str | None = None
) -> Table:
    """The table of the sheet named, or of the first sheet whose header fits ``spec``.

    :raises DataError: no sheet has such a header (the first sheet's problem is given), or
        the workbook cannot be read.
    """
    from .._core.table import table_from_grid

    first_error: DataError | None = None
    for name, read in xlsx_grids(data, source=source, limits=limits, sheet=sheet):
        try:
            return table_from_grid(read(), spec=spec, source=f"{source}[{name}]")
        except DataError as exc:
            if sheet is not None or not str(exc).count("no header row"):
                raise
            first_error = first_error or exc
    raise first_error or DataError([Problem(message="the workbook has no sheets", source=source)])
