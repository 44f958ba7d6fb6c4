"""Cohort manifests: one row per assessment, so that a cohort with different catalogues,
councils, dates or scales can be read in one go.

A manifest is a CSV, TSV or XLSX table, or a YAML file, with a ``file`` column and any of
``council``, ``date``, ``catalogue``, ``numbering``, ``scale``, ``sheet`` and ``id``::

    file,council,date,catalogue,numbering
    blaby.csv,Blaby District Council,2025-09,best-value/statutory-2024-05,blaby
    runnymede.yaml,,,,

    # or in YAML
    assessments:
      - {file: blaby.csv, council: Blaby District Council, catalogue: best-value/statutory-2024-05}
      - {file: runnymede.yaml}

Paths (``file``, and ``catalogue``/``scale`` where they name a file) are relative to the
manifest; a bundled reference (``best-value/blaby-2025``) is kept as it is. Every problem of
a manifest is reported at once, each with its line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from attrs import frozen

from .._core.errors import DataError, Problem
from .._core.table import Columns, Grid, normalise_header, table_from_grid
from .bundled import find_bundled, is_bundled_ref
from .files import Limits, read_source_bytes
from .options import TableOptions

__all__ = [
    "MANIFEST_COLUMNS",
    "MANIFEST_FIELDS",
    "Manifest",
    "ManifestEntry",
    "is_manifest_bytes",
    "looks_like_manifest",
    "manifest_from_bytes",
    "read_manifest",
]

MANIFEST_FIELDS = ("file", "council", "date", "catalogue", "numbering", "scale", "sheet", "id")
MANIFEST_COLUMNS = Columns(
    required=("file",),
    synonyms={
        normalise_header(name): canon
        for canon, names in {
            "file": ("file", "path", "file name", "filename", "assessment file"),
            "council": ("council", "authority", "local authority"),
            "date": ("date", "assessment date"),
            "catalogue": ("catalogue", "catalog", "version", "guidance"),
            "numbering": ("numbering", "numbering scheme", "codes"),
            "scale": ("scale",),
            "sheet": ("sheet", "worksheet"),
            "id": ("id", "assessment id"),
        }.items()
        for name in names
    },
)
_TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")
_YAML_SUFFIXES = (".yaml", ".yml")
MAX_ENTRIES = 100_000


@frozen(kw_only=True)
class ManifestEntry:
    """One assessment of a manifest: the file (a path made absolute, or a bundled
    reference), the options given on its row, and the row's line."""

    file: str
    options: TableOptions
    line: int | None = None

    @property
    def is_table(self) -> bool:
        return self.file.lower().endswith(_TABLE_SUFFIXES)


@frozen(kw_only=True)
class Manifest:
    source: str
    entries: tuple[ManifestEntry, ...]


def _resolve(value: str, folder: str, kind: str) -> str:
    """A path relative to the manifest, made absolute; a bundled reference kept as it is
    when no file of that name is beside the manifest."""
    near = os.path.normpath(os.path.join(folder, value))
    if os.path.exists(near):
        return near
    if is_bundled_ref(value) and find_bundled(kind, value) is not None:
        return value
    if kind != "assessment" and not value.lower().endswith((*_YAML_SUFFIXES, ".json")):
        return value  # a reference (scale ID, framework/version) the store resolves
    return near


def _entries(
    rows: Sequence[tuple[int | None, Mapping[str, str]]], source: str
) -> tuple[ManifestEntry, ...]:
    folder = os.path.dirname(os.path.abspath(source))
    problems: list[Problem] = []
    out: list[ManifestEntry] = []
    seen: dict[tuple[str, str, str], int | None] = {}
    for line, row in rows:
        unknown = [k for k in row if k not in MANIFEST_FIELDS]
        if unknown:
            problems.append(
                Problem(
                    message=f"unknown column {unknown[0]!r} "
                    f"(columns: {', '.join(MANIFEST_FIELDS)})",
                    source=source,
                    line=line,
                )
            )
            continue
        file = (row.get("file") or "").strip()
        if not file:
            problems.append(Problem(message="a row has no file", source=source, line=line))
            continue
        path = _resolve(file, folder, "assessment")
        if not is_bundled_ref(path) and not os.path.isfile(path):
            problems.append(Problem(message=f"{file}: no such file", source=source, line=line))
            continue
        values = {k: str(v).strip() for k, v in row.items() if k != "file" and str(v).strip()}
        key = (path, values.get("council", ""), values.get("date", ""))
        if key in seen:
            problems.append(
                Problem(
                    message=f"{file} is listed twice (first on line {seen[key]})",
                    source=source,
                    line=line,
                )
            )
            continue
        seen[key] = line
        for kind in ("catalogue", "scale"):
            if kind in values:
                values[kind] = _resolve(values[kind], folder, kind)
        out.append(ManifestEntry(file=path, options=TableOptions(**values), line=line))
    if not out and not problems:
        problems.append(Problem(message="the manifest lists no assessment", source=source))
    if problems:
        from .._core.errors import group_problems

        raise DataError(group_problems(problems))
    return tuple(out)


def _yaml_rows(text: str, source: str) -> list[tuple[int | None, Mapping[str, str]]]:
    from .._core.yamlio import parse_yaml

    doc = parse_yaml(text, source=source)
    data = doc.data
    listed = data.get("assessments") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        raise DataError(
            [
                Problem(
                    message="a YAML manifest is a mapping with an 'assessments' list", source=source
                )
            ]
        )
    if len(listed) > MAX_ENTRIES:
        raise DataError([Problem(message=f"more than {MAX_ENTRIES:,} assessments", source=source)])
    rows: list[tuple[int | None, Mapping[str, str]]] = []
    problems = []
    for n, given in enumerate(listed):
        line = doc.line(("assessments", n))
        entry = {"file": given} if isinstance(given, str) else given
        if not isinstance(entry, dict) or not all(
            isinstance(v, str | int | float) and not isinstance(v, bool) for v in entry.values()
        ):
            problems.append(
                Problem(
                    message="each assessment is a file name or a mapping of text values",
                    source=source,
                    line=line,
                )
            )
            continue
        rows.append((line, {str(k): str(v) for k, v in entry.items()}))
    if problems:
        raise DataError(problems)
    return rows


def _grid_rows(grid: Grid, source: str) -> list[tuple[int | None, Mapping[str, str]]]:
    table = table_from_grid(grid, spec=MANIFEST_COLUMNS, source=source)
    return [(row.line, dict(row.cells)) for row in table.rows]


def manifest_from_bytes(data: bytes, *, source: str, limits: Limits | None = None) -> Manifest:
    """The manifest in ``data`` (CSV, TSV, XLSX or YAML, by the suffix of ``source``;
    paths in it are relative to ``source``'s folder).

    :raises DataError: every problem of the manifest (no ``file`` column, unknown columns,
        files that do not exist, a file listed twice), each with its line.
    """
    limits = limits or Limits()
    lower = source.lower()
    rows: list[tuple[int | None, Mapping[str, str]]]
    if lower.endswith(_YAML_SUFFIXES):
        from .files import decode

        rows = _yaml_rows(decode(data, source)[0], source)
    elif lower.endswith(".xlsx"):
        from .tables import xlsx_grids

        rows = []
        for _, read in xlsx_grids(data, source=source, limits=limits):
            rows = _grid_rows(read(), source)  # the first sheet (read while the book is open)
            break
    else:
        from .tables import csv_grid

        rows = _grid_rows(csv_grid(data, source=source, limits=limits)[0], source)
    if len(rows) > MAX_ENTRIES:
        raise DataError([Problem(message=f"more than {MAX_ENTRIES:,} assessments", source=source)])
    return Manifest(source=source, entries=_entries(rows, source))


def read_manifest(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Manifest:
    """The manifest at ``path`` (see :func:`manifest_from_bytes`).

    :raises ReadError: the file cannot be read.
    :raises DataError: every problem of the manifest, each with its line.
    """
    source = os.fspath(path)
    data = read_source_bytes(source, limits=limits or Limits())
    return manifest_from_bytes(data, source=source, limits=limits)


def is_manifest_bytes(data: bytes, *, source: str, limits: Limits | None = None) -> bool:
    """Whether ``data`` (named ``source``) is a manifest rather than an assessment: a table
    whose header has a ``file`` column and no score column, or YAML with a top-level
    ``assessments`` key and no ``scores``. Looks only at what it needs (a text table's
    first lines; YAML's top-level keys, unparsed), so telling costs little beside reading;
    False for anything it cannot tell (reading it as an assessment then says why)."""
    import re

    limits = limits or Limits()
    lower = source.lower()
    if lower.endswith(_YAML_SUFFIXES):
        text = data[: 1 << 20].decode("utf-8", errors="replace")
        return bool(re.search(r"^assessments\s*:", text, re.M)) and not re.search(
            r"^scores\s*:", text, re.M
        )
    grid: Grid
    try:
        if lower.endswith((".csv", ".tsv", ".txt")):
            from .tables import csv_grid

            head = data
            if not data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 is read whole
                head = data[: 1 << 14]
                cut = head.rfind(b"\n")
                head = head[: cut + 1] if cut > 0 else head
            grid = csv_grid(head, source=source, limits=limits)[0]
        elif lower.endswith(".xlsx"):
            from .tables import xlsx_grids

            grid = []
            for _, read in xlsx_grids(data, source=source, limits=limits):
                grid = list(read())
                break
        else:
            return False
    except DataError:
        return False
    from .._core.table import ASSESSMENT_COLUMNS

    for _, cells in [(n, c) for n, c in grid if any(x.strip() for x in c)][:20]:
        names = {MANIFEST_COLUMNS.canonical(c) for c in cells}
        if "file" in names:
            return not any(ASSESSMENT_COLUMNS.canonical(c) == "score" for c in cells)
    return False


def looks_like_manifest(path: str | os.PathLike[str], *, limits: Limits | None = None) -> bool:
    """:func:`is_manifest_bytes` of the file at ``path``; False for standard input and
    for anything that is not a readable file."""
    source = os.fspath(path)
    if source == "-" or not os.path.isfile(source):
        return False
    try:
        data = read_source_bytes(source, limits=limits or Limits())
    except DataError:
        return False
    return is_manifest_bytes(data, source=source, limits=limits)
