"""Other tools' files through the Python API and the command line: CISO Assistant libraries
(`import ciso`, `bv.import_library`), SSSOM external metadata (`--metadata`, FILE.yml beside
FILE.tsv), OSCAL XML refused, and the CISO export's library version."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import bvframework as bv

from .conftest import cli as run

DATA = Path(__file__).resolve().parent / "data" / "ciso"
TOY_1, TOY_2, TOY_MAP = (
    DATA / "toy-framework.yaml",
    DATA / "toy-framework-2.yaml",
    DATA / "toy-mapping.yaml",
)


def test_import_library_framework_and_mapping() -> None:
    framework = bv.import_library(TOY_1)
    assert framework.kind == "framework"
    assert framework.catalogue is not None
    assert framework.scale is not None
    assert [t.id for t in framework.catalogue.themes] == ["WD", "GD"]
    assert [lv.id for lv in framework.scale.levels] == ["0", "1", "2"]
    crosswalk = bv.import_library(TOY_MAP, source=TOY_1, target=TOY_2)
    assert crosswalk.kind == "mapping"
    assert crosswalk.mapping is not None
    assert crosswalk.mapping.relationships() == {
        ("WD-1", "WD-1"): "equal-to",
        ("WD-1.1", "WD-1.1"): "equal-to",
        ("GD-1", "GD-1"): "subset-of",
    }
    # a side may be a catalogue already imported, or a catalogue file
    again = bv.import_library(TOY_MAP, source=framework.catalogue, target=TOY_2)
    assert again.mapping is not None
    assert again.mapping.links == crosswalk.mapping.links


def test_import_library_options_that_do_not_apply_are_refused() -> None:
    with pytest.raises(bv.UsageError, match="this is a framework library"):
        bv.import_library(TOY_1, source=TOY_2)
    with pytest.raises(bv.UsageError, match="this is a mapping library"):
        bv.import_library(TOY_MAP, framework="x")
    with pytest.raises(bv.UnknownReferenceError, match="unknown library format 'cis'"):
        bv.import_library(TOY_1, "cis")
    assert bv.LIBRARY_FORMATS == ("ciso",)


def test_cli_import_ciso_framework_writes_catalogue_and_scale(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "toy.yaml"
    code, printed, _ = run(capsys, "import", "ciso", str(TOY_1), "-o", str(out))
    assert code == 0
    scale_file = tmp_path / "ciso-toy-1.0.yaml"
    assert printed.strip() == (
        f"toy/1.0: all 3 items listed; scale ciso-toy-1.0, 3 levels: {scale_file}"
    )
    catalogue = bv.load_catalogue(out)
    assert catalogue.resolve("WD-1(1)") == "WD-1.1"
    assert bv.load_scale(scale_file).levels[0].label == "Absent"
    # the files written are ordinary bvframework data: validate accepts them
    assert run(capsys, "validate", str(out), str(scale_file))[0] == 0


def test_cli_import_ciso_mapping_then_export_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "toy"
    code, printed, _ = run(
        capsys,
        "import",
        "ciso",
        str(TOY_MAP),
        "--source",
        str(TOY_1),
        "--target",
        str(TOY_2),
        "-o",
        str(out),
    )
    assert code == 0
    assert "toy" in printed
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.yaml"))
    assert written == [
        "catalogues/toy/1.0.yaml",
        "catalogues/toy/2.0.yaml",
        "mappings/toy/1.0--2.0.yaml",
    ]
    exported = tmp_path / "back.yaml"
    mapping_file = str(out / "mappings" / "toy" / "1.0--2.0.yaml")
    args = ("export", "ciso", mapping_file, "-o", str(exported), "--date", "2026-12-01")
    assert run(capsys, *args, "--library-version", "3")[0] == 0
    library = yaml.safe_load(exported.read_text(encoding="utf-8"))
    assert library["version"] == 3
    rows = library["objects"]["requirement_mapping_sets"][0]["requirement_mappings"]
    original = yaml.safe_load(TOY_MAP.read_text(encoding="utf-8"))
    given = original["objects"]["requirement_mapping_set"]["requirement_mappings"]
    assert {(r["source_requirement_urn"], r["target_requirement_urn"]) for r in rows} == {
        (r["source_requirement_urn"], r["target_requirement_urn"]) for r in given
    }


def test_cli_import_ciso_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = str(tmp_path / "x.yaml")
    code, _, err = run(capsys, "import", "ciso", str(TOY_1), "--onto", "x", "-o", out)
    assert code == 2
    assert "--onto does not apply to import ciso" in err
    code, _, err = run(capsys, "import", "ciso", str(TOY_MAP), "--framework", "x", "-o", out)
    assert code == 2
    assert "this is a mapping library" in err
    code, _, err = run(capsys, "import", "ciso", str(tmp_path / "none.yaml"), "-o", out)
    assert code == 2
    code, _, err = run(capsys, "import", "ciso", str(TOY_MAP), "--source", str(TOY_1), "-o", out)
    assert code == 2
    assert "give both --source and --target (the framework libraries), or neither" in err
    code, _, err = run(capsys, "export", "sssom", str(TOY_MAP), "-o", out, "--library-version", "2")
    assert code == 2


def test_export_library_version_applies_to_ciso_only() -> None:
    mapping = bv.load_mapping("best-value/runnymede-2024--draft-2023-07")
    with pytest.raises(bv.UsageError, match="version does not apply to sssom exports"):
        bv.export_mapping(mapping, "sssom", version=2)


SSSOM_TABLE = "subject_id\tpredicate_id\tobject_id\nKF:apple\tskos:exactMatch\tORG:9\n"
SSSOM_META = (
    "curie_map:\n  KF: https://x.example/food/\n  ORG: https://y.example/\n"
    "mapping_set_id: https://x.example/set\nlicense: https://creativecommons.org/licenses/by/4.0/\n"
    "subject_source: KF:DB\nsubject_source_version: '2022-05-01'\n"
    "object_source: ORG:FOOD\nobject_source_version: '7'\n"
)


def test_sssom_metadata_beside_the_table_is_read(tmp_path: Path) -> None:
    table = tmp_path / "set.sssom.tsv"
    table.write_text(SSSOM_TABLE, encoding="utf-8")
    without = bv.import_mapping(table, "sssom")
    assert without.source_key == "source/unversioned"  # nothing names the sides
    (tmp_path / "set.sssom.yml").write_text(SSSOM_META, encoding="utf-8")
    beside = bv.import_mapping(table, "sssom")
    assert (beside.source_key, beside.target_key) == ("db/2022-05-01", "food/7")


def test_sssom_metadata_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "set.tsv"
    table.write_text(SSSOM_TABLE, encoding="utf-8")
    meta = tmp_path / "elsewhere.yaml"
    meta.write_text(SSSOM_META, encoding="utf-8")
    out = tmp_path / "m.yaml"
    code, _, _ = run(capsys, "import", "sssom", str(table), "--metadata", str(meta), "-o", str(out))
    assert code == 0
    assert bv.load_mapping(out).source_key == "db/2022-05-01"
    meta.write_text("- not a mapping\n", encoding="utf-8")
    code, _, err = run(
        capsys, "import", "sssom", str(table), "--metadata", str(meta), "-o", str(out)
    )
    assert code == 2  # an input that cannot be read
    assert "an SSSOM metadata file must be a YAML mapping" in err
    code, _, err = run(
        capsys, "import", "oscal-mapping", str(table), "--metadata", str(meta), "-o", str(out)
    )
    assert code == 2
    assert "--metadata applies to import sssom" in err


def test_sssom_literal_table_imports(tmp_path: Path) -> None:
    table = tmp_path / "literals.sssom.tsv"
    table.write_text(
        "#curie_map:\n#  COMENT: https://example.com/entities/\n"
        "#mapping_set_id: https://example.org/sets/literal-mappings\n"
        "subject_label\tpredicate_id\tobject_id\tsubject_type\n"
        "alef\tskos:closeMatch\tCOMENT:0011\trdfs literal\n",
        encoding="utf-8",
    )
    mapping = bv.import_mapping(table, "sssom", source="words/1", target="coment/1")
    assert set(mapping.links) == {("alef", "0011")}


def test_oscal_xml_is_refused_saying_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    xml = tmp_path / "mapping.xml"
    xml.write_text(
        '<?xml version="1.0"?>\n<mapping-collection xmlns="http://csrc.nist.gov/ns/oscal/1.0"/>\n',
        encoding="utf-8",
    )
    code, _, err = run(capsys, "import", "oscal-mapping", str(xml), "-o", str(tmp_path / "m.yaml"))
    assert code == 2
    assert err.count("\n") == 1
    assert "is XML: bvframework reads OSCAL as JSON or YAML, not XML" in err
