"""Cohort manifests: CSV, XLSX and YAML tables of assessments, paths relative to the
manifest, every problem at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvframework._core.errors import DataError, ReadError
from bvframework._store.manifest import looks_like_manifest, read_manifest

ROOT = Path(__file__).resolve().parents[1]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_manifest_paths_relative_to_it(tmp_path: Path) -> None:
    write(tmp_path / "data" / "erewash.csv", "item,score\nCI001,3\n")
    write(tmp_path / "data" / "broxtowe.csv", "item,score\nCI001,4\n")
    write(tmp_path / "scales" / "mine.yaml", "id: mine\n")
    manifest = write(
        tmp_path / "cohort" / "manifest.csv",
        "File,Council,Date,Catalogue,Numbering,Scale\n"
        "../data/erewash.csv,Erewash,2024-05,best-value/statutory-2024-05,blaby,numeric-1-5\n"
        "../data/broxtowe.csv,,,best-value/statutory-2024-05,,../scales/mine.yaml\n"
        "best-value/blaby-2025,,,,,\n",
    )
    read = read_manifest(manifest)
    first, second, bundled = read.entries
    assert first.file == str(tmp_path / "data" / "erewash.csv")
    assert first.line == 2
    assert (first.options.council, first.options.date, first.options.numbering) == (
        "Erewash",
        "2024-05",
        "blaby",
    )
    assert (first.options.catalogue, first.options.scale) == (
        "best-value/statutory-2024-05",
        "numeric-1-5",
    )
    assert first.is_table
    assert second.options.council is None
    assert second.options.scale == str(tmp_path / "scales" / "mine.yaml")
    assert bundled.file == "best-value/blaby-2025"
    assert not bundled.is_table
    assert looks_like_manifest(manifest)
    assert not looks_like_manifest(tmp_path / "data" / "erewash.csv")


def test_yaml_manifest(tmp_path: Path) -> None:
    write(tmp_path / "a.csv", "item,score\nCI001,3\n")
    manifest = write(
        tmp_path / "cohort.yaml",
        "assessments:\n"
        "  - file: a.csv\n    council: Alpha\n    date: 2024-05\n    sheet: Scores\n"
        "  - best-value/runnymede-2024\n",
    )
    first, second = read_manifest(manifest).entries
    assert (first.file, first.options.council, first.options.sheet) == (
        str(tmp_path / "a.csv"),
        "Alpha",
        "Scores",
    )
    assert first.options.date == "2024-05"
    assert (first.line, second.line) == (2, 6)
    assert second.file == "best-value/runnymede-2024"
    assert looks_like_manifest(manifest)
    assert not looks_like_manifest(ROOT / "assessments" / "best-value" / "blaby-2025.yaml")


def test_xlsx_manifest(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    write(tmp_path / "a.csv", "item,score\nCI001,3\n")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Cohort of 2024"])
    sheet.append(["file", "council"])
    sheet.append(["a.csv", "Alpha"])
    book.save(tmp_path / "cohort.xlsx")
    (entry,) = read_manifest(tmp_path / "cohort.xlsx").entries
    assert (entry.file, entry.options.council, entry.line) == (
        str(tmp_path / "a.csv"),
        "Alpha",
        3,
    )
    assert looks_like_manifest(tmp_path / "cohort.xlsx")


def test_every_problem_at_once_with_its_line(tmp_path: Path) -> None:
    write(tmp_path / "a.csv", "item,score\nCI001,3\n")
    manifest = write(
        tmp_path / "m.csv",
        "file,council\na.csv,Alpha\nmissing.csv,Beta\n,Gamma\na.csv,Alpha\nother.csv,\n",
    )
    with pytest.raises(DataError) as caught:
        read_manifest(manifest)
    shown = [(p.line, p.message) for p in caught.value.problems]
    assert shown == [
        (3, "missing.csv: no such file"),
        (4, "a row has no file"),
        (5, "a.csv is listed twice (first on line 2)"),
        (6, "other.csv: no such file"),
    ]


def test_unknown_columns_and_empty_manifests(tmp_path: Path) -> None:
    write(tmp_path / "a.csv", "item,score\nCI001,3\n")
    with pytest.raises(DataError, match="unknown column 'counicl'"):
        read_manifest(write(tmp_path / "m.yaml", "assessments:\n  - {file: a.csv, counicl: X}\n"))
    with pytest.raises(DataError, match="lists no assessment"):
        read_manifest(write(tmp_path / "e.csv", "file,council\n"))
    with pytest.raises(DataError, match="'assessments' list"):
        read_manifest(write(tmp_path / "n.yaml", "files: [a.csv]\n"))
    with pytest.raises(DataError, match="mapping of text values"):
        read_manifest(write(tmp_path / "l.yaml", "assessments:\n  - {file: [a.csv]}\n"))
    with pytest.raises(DataError, match="expected columns file"):
        read_manifest(write(tmp_path / "h.csv", "path to it,who\n"))
    with pytest.raises(ReadError, match="no such file"):
        read_manifest(tmp_path / "absent.csv")
    assert not looks_like_manifest(tmp_path / "absent.csv")
    assert not looks_like_manifest("-")


def test_a_utf16_manifest_is_told_from_an_assessment(tmp_path: Path) -> None:
    write(tmp_path / "a.csv", "item,score\nCI001,3\n")
    manifest = tmp_path / "m.csv"
    manifest.write_bytes("file\tcouncil\r\na.csv\tAlpha\r\n".encode("utf-16"))
    assert looks_like_manifest(manifest)
    assert read_manifest(manifest).entries[0].options.council == "Alpha"
    long = tmp_path / "long.yaml"
    long.write_text("# a manifest\nassessments:\n" + "  - a.csv\n" * 3, encoding="utf-8")
    assert looks_like_manifest(long)
    assert not looks_like_manifest(
        Path(__file__).parents[1] / "tests/data/fictional-draft-gfp.yaml"
    )
