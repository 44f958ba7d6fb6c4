"""SSSOM files as other tools write them: the spec's own example shapes (predicate types,
literal mappings, external metadata), predicates bvframework does not know, duplicate and
conflicting rows; and exports that sssom-py's strict ``sssom parse`` accepts.

The tables here are written in the shape of the SSSOM repository's examples
(mapping-commons/sssom examples/schema/*.sssom.tsv) with invented entities.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

import bvframework as bv
from bvframework._interchange.sssom import (
    MAPPING_SET_BASE,
    from_sssom,
    merge_metadata,
    missing_columns,
)

from .conftest import sssom_cli

META: dict[str, Any] = {
    "curie_map": {"ORGENT": "https://example.org/entities/", "COMENT": "https://example.com/e/"},
    "mapping_set_id": "https://example.org/sets/x",
    "license": "https://creativecommons.org/licenses/by/4.0/",
}


def table(text: str) -> list[dict[str, str]]:
    head, *rows = text.strip("\n").split("\n")
    columns = head.split("\t")
    return [dict(zip(columns, row.split("\t"), strict=True)) for row in rows]


def test_predicate_types_example_shape_reads_with_unknown_predicates_kept() -> None:
    rows = table(
        "subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\tpredicate_type\n"
        "ORGENT:0001\tann\tORGPRO:annot_property\tCOMENT:0011\talef\towl annotation property\n"
        "ORGENT:0002\tben\tORGPRO:object_property\tCOMENT:0012\tbet\towl object property\n"
        "ORGENT:0003\tcid\tORGPRO:object_property\tCOMENT:0013\tgimel\towl object property\n"
        "ORGENT:0004\tdee\tskos:exactMatch\tCOMENT:0014\tdalet\t\n"
    )
    mapping = from_sssom(META, rows, source_name="t.tsv", source=("a", "1"), target=("b", "1"))
    assert len(mapping.links) == 4
    relationships = mapping.relationships()
    assert relationships[("0002", "0012")] == "intersects-with"
    assert mapping.reasons()[("0002", "0012")] == "ORGPRO:object_property"
    assert mapping.reasons()[("0001", "0011")] == "ORGPRO:annot_property"
    assert ("0004", "0014") not in mapping.reasons()
    # reported once, with a count, not once per row
    assert mapping.notes is not None
    assert "3 rows use predicates bvframework does not know" in mapping.notes
    assert "ORGPRO:object_property (2)" in mapping.notes


def test_literal_mappings_example_shape_reads() -> None:
    rows = table(
        "subject_label\tpredicate_id\tobject_id\tobject_label\tsubject_type\n"
        "ann\tskos:closeMatch\tCOMENT:0011\talef\trdfs literal\n"
        "ben\tskos:closeMatch\tCOMENT:0012\tbet\trdfs literal\n"
    )
    assert missing_columns(rows[0]) == []
    mapping = from_sssom(META, rows, source_name="t.tsv", source=("a", "1"), target=("b", "1"))
    assert set(mapping.links) == {("ann", "0011"), ("ben", "0012")}


def test_a_label_is_not_an_entity_unless_it_is_a_literal() -> None:
    rows = table("subject_label\tpredicate_id\tobject_id\nann\tskos:closeMatch\tCOMENT:1\n")
    with pytest.raises(bv.DataError, match="row 1: needs subject_id, predicate_id and object_id"):
        from_sssom(META, rows, source_name="t.tsv", source=("a", "1"), target=("b", "1"))


def test_missing_columns() -> None:
    assert missing_columns(["subject_id", "predicate_id", "object_id"]) == []
    assert missing_columns(["a", "predicate_id"]) == ["subject_id", "object_id"]


def test_duplicate_rows_are_read_once_and_conflicting_ones_reported() -> None:
    rows = table(
        "subject_id\tpredicate_id\tobject_id\n"
        "ORGENT:1\tskos:broadMatch\tCOMENT:1\n"
        "ORGENT:1\tskos:broadMatch\tCOMENT:1\n"
        "ORGENT:1\tskos:narrowMatch\tCOMENT:1\n"
        "ORGENT:2\tskos:exactMatch\tCOMENT:2\n"
    )
    mapping = from_sssom(META, rows, source_name="t.tsv", source=("a", "1"), target=("b", "1"))
    assert mapping.relationships()[("1", "1")] == "subset-of"  # the first row's
    assert mapping.notes is not None
    assert (
        "1 rows restate a link with a different predicate (the first kept): row 3 links 1 to 1 "
        "as skos:narrowMatch, an earlier row as subset-of." in mapping.notes
    )
    assert "1 duplicate rows read once." in mapping.notes


def test_external_metadata_merges_under_the_embedded() -> None:
    external = {
        "curie_map": {"KF": "https://x.example/food/", "ORGENT": "https://other.example/"},
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "subject_source": "KF:DB",
        "subject_source_version": "2022-05-01",
        "mapping_set_title": "outside",
    }
    merged = merge_metadata(
        {"mapping_set_title": "inside", "curie_map": META["curie_map"]}, external
    )
    assert merged["mapping_set_title"] == "inside"
    assert merged["curie_map"]["ORGENT"] == META["curie_map"]["ORGENT"]
    assert merged["curie_map"]["KF"] == "https://x.example/food/"
    rows = table("subject_id\tpredicate_id\tobject_id\nKF:apple\tskos:exactMatch\tORGENT:9\n")
    mapping = from_sssom(merged, rows, source_name="t.tsv")
    assert mapping.source_key == "db/2022-05-01"  # the sides the external file names
    assert set(mapping.links) == {("apple", "9")}


def test_exports_pass_strict_sssom_parse(tmp_path: Path) -> None:
    """sssom-py's ``parse`` in its default (strict) mode: an unknown prefix anywhere, such
    as a ``urn:`` mapping_set_id read as a CURIE, fails the file."""
    path = tmp_path / "m.sssom.tsv"
    bv.export_mapping(
        bv.load_mapping("best-value/runnymede-2024--draft-2023-07"),
        "sssom",
        path,
        date="2026-12-01",
    )
    text = path.read_text(encoding="utf-8")
    assert f"# mapping_set_id: {MAPPING_SET_BASE}" in text
    out = tmp_path / "out.sssom.tsv"
    done = subprocess.run(
        [sssom_cli(), "parse", str(path), "-o", str(out)],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "does not exist in the prefix map" not in done.stderr
    parsed = out.read_text(encoding="utf-8")
    body = [ln for ln in parsed.splitlines() if ln and not ln.startswith("#")]
    ours = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    assert len(body) == len(ours)  # no row dropped as having an unknown prefix
