"""The JSON form of the data files: the same schema as the YAML, written where an output
ends in ``.json``, read back to the same objects, and as strict as the YAML loader about
duplicate keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bvframework as bv

from .conftest import cli as run

TOY = Path(__file__).resolve().parent / "data" / "toy"


def test_a_catalogue_in_json_reads_as_the_same_catalogue(tmp_path: Path) -> None:
    for name in ("v1", "v2"):
        yaml_form = bv.load_catalogue(TOY / "catalogues" / "toy" / f"{name}.yaml")
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(yaml_form.to_dict()), encoding="utf-8")
        json_form = bv.load_catalogue(path)
        assert json_form.to_dict() == yaml_form.to_dict()
        assert [i.id for i in json_form.items] == [i.id for i in yaml_form.items]


def test_align_writes_json_when_the_output_is_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old, new = (TOY / "catalogues" / "toy" / f"{n}.yaml" for n in ("v1", "v2"))
    code, _, _ = run(capsys, "align", str(old), str(new), "-o", str(tmp_path / "m.json"))
    assert code == 0
    code, _, _ = run(capsys, "align", str(old), str(new), "-o", str(tmp_path / "m.yaml"))
    assert code == 0
    as_json = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    yaml_text = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert yaml_text.startswith("# Suggested by `bvframework align`")  # a comment YAML has
    assert (as_json["from"], as_json["to"]) == ("v1", "v2")
    assert as_json["title"].startswith("Suggested")  # JSON has no comments: the title says it
    source, target = (bv.load_catalogue(p) for p in (old, new))
    from_json = bv.load_mapping(tmp_path / "m.json", source=source, target=target)
    from_yaml = bv.load_mapping(tmp_path / "m.yaml", source=source, target=target)
    assert from_json.to_dict() == from_yaml.to_dict()
    assert bv.diff_mappings(from_json, from_yaml).links_agree


def test_import_writes_a_json_catalogue(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "items.csv"
    table.write_text("theme,id,text\nT,T-1,First\nT,T-2,Second\n", encoding="utf-8")
    out = tmp_path / "cat.json"
    code, _, err = run(
        capsys, "import", "table", str(table), "--framework", "f", "--version", "1", "-o", str(out)
    )
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["framework"] == "f"
    assert [i.id for i in bv.load_catalogue(out).items] == ["T-1", "T-2"]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ('{"framework": "f", "framework": "g"}', "'framework'"),
        ('{"a": {"id": "x", "id": "y", "b": 1, "b": 2}}', "'id', 'b'"),
    ],
)
def test_duplicate_keys_in_json_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, keys: str
) -> None:
    """json.loads would keep the last silently; the strict YAML loader refuses them, and so
    does the JSON reader."""
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 1
    assert err.strip() == f"bvframework: error: {path}: duplicate key {keys} in a JSON object"
