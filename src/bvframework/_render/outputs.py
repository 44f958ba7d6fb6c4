"""Which file a result is written as: each output's suffixes, and the renderer that makes
its bytes (one table for the API and the command line)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from .._core.document import PIECE

if TYPE_CHECKING:
    from .._assessments.compare import Comparison
    from .._assessments.migrate import Migration
    from .._assessments.model import Assessment
    from .._assessments.peers import Benchmark
    from .heatmap import HeatMap

__all__ = [
    "BENCHMARK_SUFFIXES",
    "COMPARISON_SUFFIXES",
    "HEATMAP_SUFFIXES",
    "MIGRATION_SUFFIXES",
    "REPORT_SUFFIXES",
    "benchmark_bytes",
    "comparison_bytes",
    "data_text",
    "heatmap_bytes",
    "json_text",
    "migration_bytes",
    "suffix_of",
]

HEATMAP_SUFFIXES = (".html", ".svg", ".png", ".xlsx")
COMPARISON_SUFFIXES = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}
MIGRATION_SUFFIXES = (".yaml", ".yml", ".csv")
REPORT_SUFFIXES = (".html", ".htm")


def suffix_of(path: str | os.PathLike[str]) -> str:
    """A file's suffix, lower case (``""`` for ``-``, standard output)."""
    return os.path.splitext(os.fspath(path))[1].lower()


def heatmap_bytes(heatmap: HeatMap, assessment: Assessment, suffix: str) -> str | bytes:
    """The heat map as a file of ``suffix`` (``.html``, ``.svg``, ``.png``, ``.xlsx``; any
    other, such as standard output's, is HTML)."""
    if suffix == ".xlsx":
        from .workbook import heatmap_workbook

        return heatmap_workbook(heatmap, assessment)
    from .heatmap import render

    return render(heatmap, suffix if suffix in HEATMAP_SUFFIXES else ".html")


def comparison_bytes(comparison: Comparison, format: str) -> str | bytes:
    """The comparison as ``csv``, ``json`` or ``xlsx`` (coloured cells, theme counts and
    the ledger)."""
    if format == "xlsx":
        from .workbook import comparison_workbook

        return comparison_workbook(comparison)
    if format == "json":
        import json

        return json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return comparison.to_csv()


def migration_bytes(migration: Migration, suffix: str) -> str:
    """The migrated assessment as a file of ``suffix``: ``.csv``, else YAML."""
    from .._assessments.tables import dump_assessment, write_csv

    if suffix == ".csv":
        return write_csv(migration.assessment)
    return dump_assessment(migration.assessment)


BENCHMARK_SUFFIXES = (".html", ".htm", ".xlsx", ".csv", ".json", ".svg", ".png")


def benchmark_bytes(
    bench: Benchmark, suffix: str, *, title: str | None = None, council: str | None = None
) -> str | bytes:
    """The benchmark as a file of ``suffix``: ``.html`` the page, ``.xlsx`` the workbook,
    ``.csv`` the long table, ``.json``, ``.svg``/``.png`` the profile of ``council``
    (default: the benchmark's focus).

    :raises UsageError: another suffix, or a profile and no council named.
    """
    from .._core.errors import UsageError

    if suffix not in BENCHMARK_SUFFIXES:
        raise UsageError(
            f"a benchmark is written as {', '.join(BENCHMARK_SUFFIXES)}, not {suffix or '-'}"
        )
    if suffix in (".svg", ".png"):
        name = council or bench.focus
        if name is None:
            raise UsageError(f"a {suffix} benchmark is one council's profile: name the council")
        from .profile import profile_png, profile_svg

        return profile_png(bench, name) if suffix == ".png" else profile_svg(bench, name)
    if suffix == ".xlsx":
        from .benchmark_book import benchmark_workbook

        return benchmark_workbook(bench, title=title)
    if suffix == ".csv":
        from .standing import benchmark_csv

        return benchmark_csv(bench)
    if suffix == ".json":
        from .standing import benchmark_json

        return benchmark_json(bench)
    from .benchmark import benchmark_html

    return benchmark_html(bench, title=title)


def data_text(data: Any, target: str | os.PathLike[str]) -> str:
    """A data file's text (a catalogue, mapping or scale as ``to_dict`` gives it): JSON when
    ``target`` ends in ``.json`` (the same schema; read about 60 times faster than YAML for
    a large catalogue), else YAML."""
    if suffix_of(target) == ".json":
        return json_text(data)
    from .._core.yamlio import dump_yaml

    return dump_yaml(data)


def json_text(data: Any) -> str:
    """``json.dumps(data, indent=1, ensure_ascii=False)`` and a newline, the same text, made
    a top-level key and a long list's ``PIECE`` items at a time: with an indent,
    ``json`` encodes in Python, a string per token, all held until joined (80 MB for a
    mapping of 50,000 relations). A JSON text has no raw newline inside a string, so a
    piece is moved one level in by indenting its lines."""
    import json

    def dumps(value: Any) -> str:
        return json.dumps(value, indent=1, ensure_ascii=False)

    if type(data) is not dict or not data or not all(type(key) is str for key in data):
        return dumps(data) + "\n"
    members = []
    for key, value in data.items():
        if type(value) is list and len(value) > PIECE:
            pieces = (dumps(value[i : i + PIECE])[2:-2] for i in range(0, len(value), PIECE))
            text = "[\n" + ",\n".join(" " + p.replace("\n", "\n ") for p in pieces) + "\n ]"
        else:
            text = dumps(value).replace("\n", "\n ")
        members.append(f" {dumps(key)}: {text}")
    return "{\n" + ",\n".join(members) + "\n}\n"
