"""OSCAL mapping collections as other tools write them: compliance-trestle's field names
(``id_ref``, ``source_resource``), the draft ``relationship: {type: ...}`` form, a lone
``mapping`` (trestle's model root), and XML (refused, saying what to do).

The two trestle example collections in ../shared/external/oscal are rewritten here in
each spelling, and must read to the same mapping as the original.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bvframework._core.errors import DataError
from bvframework._interchange.oscal import XML_REFUSED, from_oscal, refuse_xml

OSCAL = Path(__file__).resolve().parents[2] / "shared" / "external" / "oscal"
EXAMPLES = [
    "trestle-example-pci-mapping-collection.json",
    "trestle-example-soc2-mapping-collection.json",
]


def example(name: str) -> Any:
    path = OSCAL / name
    if not path.is_file():
        pytest.skip(f"SKIPPED LOUDLY: {path} (a real trestle mapping collection) is not present")
    return json.loads(path.read_text(encoding="utf-8"))


def snake(value: Any) -> Any:
    """Every key as compliance-trestle's Python field names spell it."""
    if isinstance(value, dict):
        return {k.replace("-", "_"): snake(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake(v) for v in value]
    return value


def draft(value: Any) -> Any:
    """Every map's relationship in the draft form ``{type: word}``."""
    out = json.loads(json.dumps(value))
    for mapping in out["mapping-collection"]["mappings"]:
        for entry in mapping["maps"]:
            entry["relationship"] = {"type": entry["relationship"]}
    return out


@pytest.mark.parametrize("name", EXAMPLES)
def test_trestle_spellings_read_as_the_original(name: str) -> None:
    data = example(name)
    original = from_oscal(data, source_name=name)
    assert original.links  # the example maps something
    for spelled in (snake(data), draft(data), snake(draft(data))):
        again = from_oscal(spelled, source_name=name)
        assert again.links == original.links
        assert again.relationships() == original.relationships()
        assert again.key == original.key


def test_a_lone_mapping_reads_as_a_collection_of_one() -> None:
    data = example(EXAMPLES[0])
    (mapping,) = data["mapping-collection"]["mappings"]
    lone = from_oscal({"mapping": mapping}, source_name="m.json")
    assert lone.links == from_oscal(data, source_name="m.json").links


def test_an_unknown_draft_relationship_is_located() -> None:
    data = draft(example(EXAMPLES[0]))
    data["mapping-collection"]["mappings"][0]["maps"][0]["relationship"] = {"type": "kinda"}
    with pytest.raises(DataError, match=r"maps\[0\]\.relationship: unknown relationship 'kinda'"):
        from_oscal(data, source_name="m.json")


XML = """<?xml version="1.0" encoding="UTF-8"?>
<mapping-collection xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="x"/>
"""


def test_xml_is_refused_with_what_to_do() -> None:
    for text in (XML, "\ufeff" + XML, "  \n<mapping-collection/>"):
        with pytest.raises(DataError) as caught:
            refuse_xml(text, "m.xml")
        (problem,) = caught.value.problems
        assert str(problem) == f"m.xml: {XML_REFUSED}"
        assert "not XML" in XML_REFUSED
        assert "convert it to json" in XML_REFUSED.lower()
    refuse_xml('{"mapping-collection": {}}', "m.json")  # JSON passes


def test_xml_read_as_a_yaml_string_is_refused_too() -> None:
    with pytest.raises(DataError, match="is XML: bvframework reads OSCAL as JSON or YAML"):
        from_oscal("<mapping-collection/>", source_name="m.yaml")
