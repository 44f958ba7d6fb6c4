"""CISO Assistant libraries in (framework -> catalogue and scale, mapping set -> mapping) and
the export's fixes, on the real libraries in ../shared/external/ciso (ISO/IEC 27001:2013
and :2022 outlines with their 134-link mapping; CISA CPG 2.0 scored 1-4) and on small
fixtures of the same shape written here (invented text).

What CISO Assistant's loader requires (backend/library/utils.py in
intuitem/ciso-assistant-community): a library ``urn``, ``ref_id``, ``locale``, ``objects``,
``version``; a framework ``urn`` and ``ref_id``; a node ``urn``; a mapping set ``urn``,
``name``, both framework URNs and at least one requirement mapping ("No requirement
mappings objects has been detected"), each with both URNs and a ``relationship``. URNs are
looked up lower case.
"""

from __future__ import annotations

import collections
import copy as copy_module
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import bvframework as bv
from bvframework._catalogues.model import Catalogue
from bvframework._core.document import Document
from bvframework._core.errors import DataError, UsageError
from bvframework._core.yamlio import dump_yaml, parse_yaml
from bvframework._importers.ciso import ciso_catalogue, ciso_kind, ciso_scale, split_name
from bvframework._importers.ciso_mapping import ciso_mapping
from bvframework._interchange.ciso import to_ciso
from bvframework._interchange.identifiers import Identifiers, nist_id
from bvframework._mappings.model import Mapping

CISO = Path(__file__).resolve().parents[2] / "shared" / "external" / "ciso"
ISO_2013 = CISO / "iso27001-2013.yaml"
ISO_2022 = CISO / "iso27001-2022.yaml"
ISO_MAP = CISO / "mapping-iso27001-2013-to-iso27001-2022.yaml"
CPG = CISO / "cisa-cpg-2.0.yaml"
DATE = "2026-12-01"


def real(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"SKIPPED LOUDLY: {path} (a real CISO Assistant library) is not present")
    return path


def read(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"), source=path.name)


def raw(path: Path) -> Any:
    """The file as plain PyYAML reads it: the expected values come from here, not from the
    code under test."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


LIBRARY_FIELDS = {"ref_id", "urn", "locale", "objects", "version"}
SET_FIELDS = {"urn", "name", "source_framework_urn", "target_framework_urn"}
ROW_FIELDS = {"source_requirement_urn", "target_requirement_urn", "relationship"}


def loader_problems(library: dict[str, Any]) -> list[str]:
    """What CISO Assistant's loader would refuse in a mapping library (its rules above)."""
    out = [f"library lacks {k}" for k in sorted(LIBRARY_FIELDS - library.keys())]
    objects = library.get("objects", {})
    sets = objects.get("requirement_mapping_sets") or [objects.get("requirement_mapping_set")]
    for mapping_set in sets:
        if not mapping_set:
            out.append("no mapping set")
            continue
        out += [f"set lacks {k}" for k in sorted(SET_FIELDS - mapping_set.keys())]
        rows = mapping_set.get("requirement_mappings") or []
        if not rows:
            out.append("No requirement mappings objects has been detected")
        out += [f"row lacks {sorted(ROW_FIELDS - r.keys())}" for r in rows if ROW_FIELDS - r.keys()]
    if not isinstance(library.get("version"), int):
        out.append("version is not an integer")
    return out


# -- fixtures in the real shape (invented text) -----------------------------------------
def framework_library(**changes: Any) -> dict[str, Any]:
    nodes = [
        {"urn": "urn:acme:risk:req_node:toy-1.0:root", "assessable": False, "name": "Root"},
        {
            "urn": "urn:acme:risk:req_node:toy-1.0:xy",
            "parent_urn": "urn:acme:risk:req_node:toy-1.0:root",
            "ref_id": "XY",
            "assessable": False,
            "name": "Widgets",
            "description": "All about widgets.",
        },
        {
            "urn": "urn:acme:risk:req_node:toy-1.0:xy-1",
            "parent_urn": "urn:acme:risk:req_node:toy-1.0:xy",
            "ref_id": "XY-1",
            "assessable": True,
            "name": "Widget register",
            "description": "Keep a register of widgets.",
        },
        {
            "urn": "urn:acme:risk:req_node:toy-1.0:xy-1(1)",
            "parent_urn": "urn:acme:risk:req_node:toy-1.0:xy-1",
            "ref_id": "XY-1(1)",
            "assessable": True,
            "name": "Automated widget register",
        },
        {
            "urn": "urn:acme:risk:req_node:toy-1.0:note",
            "parent_urn": "urn:acme:risk:req_node:toy-1.0:xy",
            "assessable": False,
            "description": "An explanatory note, not a requirement.",
        },
        {
            "urn": "urn:acme:risk:req_node:toy-1.0:gadgets-b",
            "ref_id": "GB-2",
            "assessable": True,
            "name": "Gadget budget",
        },
    ]
    framework = {
        "urn": "urn:acme:risk:framework:toy-1.0",
        "ref_id": "TOY-1.0",
        "name": "Toy framework",
        "min_score": 0,
        "max_score": 2,
        "scores_definition": [
            {"score": 0, "name": "Absent", "description": "Nothing done."},
            {"score": 2, "name": "Done", "description": "All done."},
        ],
        "requirement_nodes": nodes,
    }
    library = {
        "urn": "urn:acme:risk:library:toy-1.0",
        "locale": "en",
        "ref_id": "TOY-1.0",
        "name": "Toy framework",
        "copyright": "Invented for tests",
        "version": 3,
        "publication_date": "2026-01-02",
        "provider": "ACME",
        "packager": "acme",
        "objects": {"framework": framework},
    }
    return library | changes


def doc_of(data: Any, name: str = "toy.yaml") -> Any:
    """Through the writer and the strict reader, so problems carry line numbers."""
    return parse_yaml(dump_yaml(data), source=name)


def test_a_framework_library_becomes_a_catalogue() -> None:
    catalogue = ciso_catalogue(doc_of(framework_library()))
    assert catalogue.key == "toy/1.0"
    assert [(t.id, t.title, [i.id for i in t.items]) for t in catalogue.themes] == [
        ("XY", "Widgets", ["XY-1", "XY-1.1"]),  # an assessable child keeps its non-assessable
        ("framework", "Toy framework", ["GB-2"]),  # no non-assessable ancestor
    ]
    item = catalogue.item("XY-1")
    assert item.label == "Widget register"
    assert item.text == "Widget register. Keep a register of widgets."
    assert item.evidence == ("urn:acme:risk:req_node:toy-1.0:xy-1",)
    assert catalogue.expected_items == 3
    assert catalogue.is_complete
    assert catalogue.published == "2026-01-02"
    assert catalogue.licence == "Invented for tests"
    assert "urn:acme:risk:library:toy-1.0 version 3" in (catalogue.notes or "")
    # CISO's ref_id stays a code; node URNs the template does not give are kept
    assert catalogue.resolve("XY-1(1)") == "XY-1.1"
    assert dict(catalogue.identifier_templates) == {"urn": "urn:acme:risk:req_node:toy-1.0:{id}"}
    assert catalogue.scheme("ciso-urn").table == {
        "urn:acme:risk:req_node:toy-1.0:xy-1(1)": "XY-1.1",
        "urn:acme:risk:req_node:toy-1.0:gadgets-b": "GB-2",
    }
    # the catalogue is an ordinary one: it writes and reads back as itself
    again = Catalogue.from_dict(parse_yaml(dump_yaml(catalogue.to_dict())))
    assert again == catalogue


def test_scores_definition_becomes_a_scale() -> None:
    scale = ciso_scale(doc_of(framework_library()))
    # min..max: a score the definition does not name is a level too
    assert [(lv.id, lv.label) for lv in scale.levels] == [
        ("0", "Absent"),
        ("1", "1"),
        ("2", "Done"),
    ]
    assert [lv.band for lv in scale.levels] == [
        pytest.approx((0, 1 / 3), abs=1e-6),
        pytest.approx((1 / 3, 2 / 3), abs=1e-6),
        pytest.approx((2 / 3, 1), abs=1e-6),
    ]
    assert scale.levels[0].meaning == "Nothing done."
    assert scale.id == "ciso-toy-1.0"


def test_a_framework_with_no_scores_has_no_scale() -> None:
    library = framework_library()
    for key in ("min_score", "max_score", "scores_definition"):
        del library["objects"]["framework"][key]
    with pytest.raises(DataError, match="states no scores"):
        ciso_scale(doc_of(library))


def test_every_malformed_node_is_one_located_problem() -> None:
    library = framework_library()
    nodes = library["objects"]["framework"]["requirement_nodes"]
    nodes.append({"name": "no urn", "assessable": True})
    nodes.append({"urn": "urn:acme:risk:req_node:toy-1.0:xy-1", "assessable": True})
    nodes.append({"urn": "urn:a:b", "parent_urn": "urn:nowhere", "assessable": True})
    nodes.append({"urn": "urn:a:c", "ref_id": 4.1, "assessable": True})
    nodes.append({"urn": "urn:a:d", "ref_id": "D", "name": ["a list"], "assessable": True})
    nodes.append("a string")
    with pytest.raises(DataError) as caught:
        ciso_catalogue(doc_of(library))
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 6, messages
    expected = [
        "requirement_nodes[6]: a requirement node needs a 'urn'",
        "requirement_nodes[7].urn: duplicate urn",
        "requirement_nodes[8].parent_urn: parent_urn 'urn:nowhere' names no node above",
        "requirement_nodes[9].ref_id: ref_id 4.1 is not text; quote it",
        "requirement_nodes[10].name: name must be text",
        "requirement_nodes[11]: a requirement node must be a mapping",
    ]
    for message, wanted in zip(messages, expected, strict=True):
        assert message.startswith("toy.yaml:"), message
        assert wanted in message, message
        assert message.split(":")[1].isdigit()  # a line number


def test_not_a_library_and_the_wrong_kind_are_refused() -> None:
    with pytest.raises(DataError, match="not a CISO Assistant library"):
        ciso_kind(doc_of({"catalog": {}}))
    with pytest.raises(DataError, match="holds risk_matrices: bvframework reads"):
        ciso_kind(doc_of({"objects": {"risk_matrices": []}}))
    with pytest.raises(DataError, match="is a framework library, not a mapping library"):
        ciso_mapping(doc_of(framework_library()))
    library = framework_library()
    del library["locale"]
    with pytest.raises(DataError, match="a library needs 'locale'"):
        ciso_catalogue(doc_of(library))


def test_several_frameworks_in_one_library_need_an_index() -> None:
    one = framework_library()["objects"]["framework"]
    two = one | {"urn": "urn:acme:risk:framework:toy-2.0"}
    library = framework_library(objects={"frameworks": [one, two]})
    with pytest.raises(DataError, match="holds 2 frameworks: choose one with index"):
        ciso_catalogue(doc_of(library))
    assert ciso_catalogue(doc_of(library), index=1).key == "toy/2.0"
    with pytest.raises(DataError, match="has no framework 2"):
        ciso_catalogue(doc_of(library), index=2)


def test_split_name() -> None:
    assert split_name("iso27001-2013") == ("iso27001", "2013")
    assert split_name("cisa-cpg-2.0") == ("cisa-cpg", "2.0")
    assert split_name("nist-sp-800-53-rev5") == ("nist-sp-800-53", "rev5")
    assert split_name("soc2") is None


def mapping_library(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "urn": "urn:acme:risk:library:mapping-toy-1.0-to-toy-2.0",
        "locale": "en",
        "ref_id": "mapping-toy-1.0-to-toy-2.0",
        "name": "Toy 1.0 -> Toy 2.0",
        "version": 1,
        "provider": "ACME",
        "objects": {
            "requirement_mapping_set": {
                "urn": "urn:acme:risk:req_mapping_set:toy",
                "name": "Toy 1.0 -> Toy 2.0",
                "source_framework_urn": "urn:acme:risk:framework:toy-1.0",
                "target_framework_urn": "urn:acme:risk:framework:toy-2.0",
                "requirement_mappings": rows,
            }
        },
    }


def row(source: str, target: str, relationship: str = "equal", **more: Any) -> dict[str, Any]:
    return {
        "source_requirement_urn": f"urn:acme:risk:req_node:toy-1.0:{source}",
        "target_requirement_urn": f"urn:acme:risk:req_node:toy-2.0:{target}",
        "relationship": relationship,
    } | more


def test_a_mapping_library_becomes_a_mapping() -> None:
    rows = [
        row("xy-1", "xy-1", rationale="semantic", strength_of_relationship=8),
        row("xy-1(1)", "xy-1", "subset", rationale="semantic", annotation="Folded in."),
        row("gadgets-b", "gb-3", "not_related", rationale="semantic"),
    ]
    mapping = ciso_mapping(doc_of(mapping_library(rows)))
    assert mapping.key == "toy/1.0--2.0"
    assert mapping.relationships() == {
        ("xy-1", "xy-1"): "equal-to",
        ("xy-1(1)", "xy-1"): "subset-of",
    }
    assert mapping.provenance is not None
    assert mapping.provenance.matching_rationale == "semantic"
    assert "1 rows say not_related" in (mapping.notes or "")
    assert {r.confidence for r in mapping.relations if r.confidence is not None} == {0.8}
    assert any(r.note == "Folded in." for r in mapping.relations)


def test_a_mapping_library_with_catalogues_names_their_items() -> None:
    source = ciso_catalogue(doc_of(framework_library()))
    two = framework_library()
    fw = two["objects"]["framework"]
    fw["urn"] = "urn:acme:risk:framework:toy-2.0"
    for node in fw["requirement_nodes"]:
        node["urn"] = node["urn"].replace("toy-1.0", "toy-2.0")
        if "parent_urn" in node:
            node["parent_urn"] = node["parent_urn"].replace("toy-1.0", "toy-2.0")
    target = ciso_catalogue(doc_of(two))
    rows = [row("xy-1", "xy-1"), row("XY-1(1)", "gadgets-b", "intersect")]
    mapping = ciso_mapping(doc_of(mapping_library(rows)), source=source, target=target)
    assert set(mapping.links) == {("XY-1", "XY-1"), ("XY-1.1", "GB-2")}
    # and the export names them with the URNs the libraries gave them
    library = to_ciso(mapping, date=DATE)
    assert not loader_problems(library)
    written = library["objects"]["requirement_mapping_sets"][0]["requirement_mappings"]
    assert {(r["source_requirement_urn"], r["target_requirement_urn"]) for r in written} == {
        (r["source_requirement_urn"].lower(), r["target_requirement_urn"].lower()) for r in rows
    }


def test_malformed_mappings_are_located_and_repeated_ones_counted() -> None:
    rows = [
        row("xy-1", "xy-1", "equivalent"),
        {"relationship": "equal"},
        {"relationship": "equal"},
        {"relationship": "equal"},
        row("xy-2", "xy-2", strength_of_relationship=11),
        row("xy-3", "xy-3", strength_of_relationship="high"),
        row("xy-4", "xy-4"),
        row("xy-4", "xy-4", "subset"),
    ]
    with pytest.raises(DataError) as caught:
        ciso_mapping(doc_of(mapping_library(rows)))
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 5, messages
    assert (
        "relationship 'equivalent' is not one of equal, subset, superset, intersect"
        in (messages[0])
    )
    assert "strength_of_relationship 11 is not 0 to 10" in messages[1]
    assert "strength_of_relationship 'high' is not a number" in messages[2]
    assert "as subset-of, but an earlier one says equal-to" in messages[3]
    assert (
        "requirement_mappings[1]: lacks source_requirement_urn, target_requirement_urn"
        in (messages[4])
    )
    assert "(3 rows, first shown)" in messages[4]


def test_an_empty_mapping_set_is_refused_as_ciso_refuses_it() -> None:
    with pytest.raises(DataError, match="has no requirement_mappings"):
        ciso_mapping(doc_of(mapping_library([])))


def test_urns_naming_no_item_of_a_catalogue_are_reported_once_with_a_count() -> None:
    source = ciso_catalogue(doc_of(framework_library()))
    rows = [row("zz-1", "a"), row("zz-2", "b"), row("xy-1", "c")]
    with pytest.raises(DataError) as caught:
        ciso_mapping(doc_of(mapping_library(rows)), source=source)
    (problem,) = caught.value.problems
    assert "source_requirement_urn names no item of toy/1.0 (2 rows, first shown)" in str(problem)


# -- the export's fixes ---------------------------------------------------------------------
def exported(mapping: Mapping, fmt: str, **options: Any) -> str:
    text = bv.export_mapping(mapping, fmt, **options)
    assert text is not None
    return text


def toy_mapping(links: dict[tuple[str, str], bool], **more: Any) -> Mapping:
    return Mapping.from_links(
        links, framework="toy", source_version="1", target_version="2", **more
    )


def test_a_mapping_with_no_links_is_refused() -> None:
    with pytest.raises(DataError, match="has no links: a CISO Assistant mapping set needs"):
        to_ciso(toy_mapping({}, removed=["a"], added=["b"]), date=DATE)


def test_library_version_is_settable_and_checked() -> None:
    mapping = toy_mapping({("a", "a"): True})
    assert to_ciso(mapping, date=DATE)["version"] == 1
    text = exported(mapping, "ciso", date=DATE, version=4)
    assert yaml.safe_load(text)["version"] == 4
    for bad in (0, -1, True, 1.5):
        with pytest.raises(UsageError, match="is not a positive whole number"):
            to_ciso(mapping, date=DATE, version=bad)  # type: ignore[arg-type]


def test_library_and_set_urns_are_in_our_namespace_whoever_owns_the_frameworks() -> None:
    mapping = toy_mapping({("a", "a"): True})
    library = to_ciso(
        mapping,
        date=DATE,
        source_ids={"urn": "urn:intuitem:risk:req_node:toy-1:{id}"},
        target_ids={"urn": "urn:intuitem:risk:req_node:toy-2:{id}"},
    )
    assert library["urn"] == "urn:bvframework:risk:library:mapping-toy-1-to-toy-2"
    (mapping_set,) = library["objects"]["requirement_mapping_sets"]
    assert mapping_set["urn"].startswith("urn:bvframework:risk:req_mapping_set:")
    assert mapping_set["source_framework_urn"] == "urn:intuitem:risk:framework:toy-1"
    assert library["dependencies"] == [
        "urn:intuitem:risk:library:toy-1",
        "urn:intuitem:risk:library:toy-2",
    ]


def test_nist_enhancement_ids_in_urn_templates() -> None:
    assert [nist_id(i) for i in ("ac-2.1", "ac-2", "si-4.12", "4.1", "ac-2_smt.a")] == [
        "ac-2(1)",
        "ac-2",
        "si-4(12)",
        "4.1",
        "ac-2_smt.a",
    ]
    ids = Identifiers(
        prefix="p", iri="x:{id}", urn="urn:i:risk:req_node:nist-sp-800-53-rev5:{nist_id}"
    )
    assert ids.urn_of("ac-2.1") == "urn:i:risk:req_node:nist-sp-800-53-rev5:ac-2(1)"
    mapping = Mapping.from_links(
        {("ac-2.1", "ac-2.1"): True},
        framework="nist",
        source_version="rev4",
        target_version="rev5",
    )
    text = exported(
        mapping,
        "ciso",
        date=DATE,
        source_identifiers={"urn": "urn:intuitem:risk:req_node:nist-sp-800-53-rev4:{nist_id}"},
        target_identifiers={"urn": "urn:intuitem:risk:req_node:nist-sp-800-53-rev5:{nist_id}"},
    )
    (written,) = yaml.safe_load(text)["objects"]["requirement_mapping_sets"][0][
        "requirement_mappings"
    ]
    assert (
        written["target_requirement_urn"]
        == "urn:intuitem:risk:req_node:nist-sp-800-53-rev5:ac-2(1)"
    )


# -- the real libraries ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def iso() -> tuple[Catalogue, Catalogue, Mapping]:
    old = ciso_catalogue(read(real(ISO_2013)))
    new = ciso_catalogue(read(real(ISO_2022)))
    mapping = ciso_mapping(read(real(ISO_MAP)), source=old, target=new)
    return old, new, mapping


def assessable(path: Path) -> list[dict[str, Any]]:
    nodes = raw(path)["objects"]["framework"]["requirement_nodes"]
    return [n for n in nodes if n.get("assessable")]


def test_real_iso_outlines_become_catalogues(iso: tuple[Catalogue, Catalogue, Mapping]) -> None:
    for catalogue, path in zip(iso[:2], (ISO_2013, ISO_2022), strict=False):
        nodes = assessable(path)
        assert [item.id for item in catalogue.items] == [n["ref_id"] for n in nodes]
        assert len(catalogue) == len(nodes)
        assert catalogue.is_complete
        templates = dict(catalogue.identifier_templates)
        for item, node in zip(catalogue.items, nodes, strict=True):
            assert templates["urn"].replace("{id}", item.id).lower() == node["urn"]
    assert (len(iso[0]), len(iso[1])) == (140, 123)  # counted from the files above too


def test_real_iso_mapping_reads_every_link(iso: tuple[Catalogue, Catalogue, Mapping]) -> None:
    old, new, mapping = iso
    rows = raw(ISO_MAP)["objects"]["requirement_mapping_set"]["requirement_mappings"]
    assert len(rows) == 134 == len(mapping.links)
    words = {"equal": "equal-to", "subset": "subset-of", "superset": "superset-of",
             "intersect": "intersects-with"}  # fmt: skip
    by_urn = {n["urn"]: n["ref_id"] for p in (ISO_2013, ISO_2022) for n in assessable(p)}
    expected = {
        (by_urn[r["source_requirement_urn"]], by_urn[r["target_requirement_urn"]]): words[
            r["relationship"]
        ]
        for r in rows
    }
    assert mapping.relationships() == expected
    assert collections.Counter(expected.values()) == {
        "equal-to": 77, "subset-of": 48, "superset-of": 6, "intersects-with": 3
    }  # fmt: skip
    assert all(s in old for s, _ in mapping.links)
    assert all(t in new for _, t in mapping.links)
    assert mapping.provenance is not None
    assert mapping.provenance.matching_rationale == "syntactic"


def test_real_iso_mapping_exports_back_to_the_same_links(
    iso: tuple[Catalogue, Catalogue, Mapping],
) -> None:
    library = yaml.safe_load(exported(iso[2], "ciso", date=DATE, version=3))
    assert not loader_problems(library)
    rows = raw(ISO_MAP)["objects"]["requirement_mapping_set"]
    (written,) = library["objects"]["requirement_mapping_sets"]
    assert written["source_framework_urn"] == rows["source_framework_urn"]
    assert written["target_framework_urn"] == rows["target_framework_urn"]

    def triples(found: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
        return {
            (r["source_requirement_urn"], r["target_requirement_urn"], r["relationship"])
            for r in found
        }

    assert triples(written["requirement_mappings"]) == triples(rows["requirement_mappings"])
    assert library["dependencies"] == raw(ISO_MAP)["dependencies"]
    assert library["urn"].startswith("urn:bvframework:risk:library:")


def test_real_cisa_cpg_scale_and_catalogue() -> None:
    doc = read(real(CPG))
    framework = raw(CPG)["objects"]["framework"]
    scale = ciso_scale(doc)
    assert [(lv.id, lv.label) for lv in scale.levels] == [
        (str(s["score"]), s["name"]) for s in framework["scores_definition"]
    ]
    assert [lv.id for lv in scale.levels] == ["1", "2", "3", "4"]
    catalogue = ciso_catalogue(doc)
    nodes = [n for n in framework["requirement_nodes"] if n.get("assessable")]
    assert len(catalogue) == len(nodes) == 34
    own = {item: urn for urn, item in catalogue.scheme("ciso-urn").codes}
    template = dict(catalogue.identifier_templates)["urn"]
    for item, node in zip(catalogue.items, nodes, strict=True):
        assert own.get(item.id, template.replace("{id}", item.id)).lower() == node["urn"]
    assert [t.title for t in catalogue.themes] == [
        n["name"] for n in framework["requirement_nodes"] if not n.get("assessable")
    ]


# -- seeded fuzz: a malformed library is a DataError, never another exception ----------------
_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.text(max_size=6),
    st.lists(st.integers(0, 2), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(0, 2), max_size=2),
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            out += _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out += _paths(child, (*path, index))
    return out


def _mutate(data: Any, path: tuple[Any, ...], junk: Any, delete: bool) -> Any:
    if not path:
        return junk
    copy = copy_module.deepcopy(data)
    parent = copy
    for part in path[:-1]:
        parent = parent[part]
    if delete and isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent[path[-1]] = junk
    return copy


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.data())
def test_fuzzed_libraries_fail_only_cleanly(data: st.DataObject) -> None:
    sources = [framework_library(), mapping_library([row("xy-1", "xy-1"), row("a", "b", "subset")])]
    library = data.draw(st.sampled_from(sources))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(library)))
        library = _mutate(library, path, data.draw(_JUNK), data.draw(st.booleans()))
    doc = Document.from_data(library, source="fuzz.yaml")
    for read in (ciso_catalogue, ciso_scale, ciso_mapping):
        problems: list[str] = []
        try:
            read(doc)
        except DataError as error:
            problems = [str(p) for p in error.problems]
        assert all(p.startswith("fuzz.yaml") for p in problems)
