"""Exchange formats: OSCAL mapping collections, SSSOM, CISO Assistant libraries.

Exports are checked by the formats' own parts where they can be had: NIST's official OSCAL
mapping schema (../shared/external/oscal, validated with jsonschema-rs, which supports its
``\\p{L}`` patterns), sssom-py's validator, and the fields and values CISO Assistant's
library loader requires (read from intuitem/ciso-assistant-community:
backend/library/utils.py and backend/core/models.py). Real inputs are the ASVS and NIST SP
800-53 revisions and compliance-trestle's example collections in ../shared/external.
"""

from __future__ import annotations

import collections
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from attrs import evolve

import bvframework as bv
from bvframework import DataError, Mapping, Store, UsageError
from bvframework._cli.main import main

from .conftest import sssom_cli
from .external import EXTERNAL, external, needs_external

DATE = "2026-11-25"


def _oscal_validator() -> Any:
    jsonschema_rs = pytest.importorskip(
        "jsonschema_rs", reason="jsonschema-rs (the test extra) validates OSCAL's patterns"
    )
    schema_file = external("oscal", "oscal_mapping_schema.json")  # NIST's official schema
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def oscal_errors(text: str) -> list[str]:
    return [
        f"{e.instance_path}: {e.message}" for e in _oscal_validator().iter_errors(json.loads(text))
    ]


@pytest.fixture(scope="module")
def asvs() -> Mapping:
    external("asvs")
    store = Store()
    old = bv.import_catalogue(
        "asvs", store=store, path=EXTERNAL / "asvs" / "asvs-4.0.3-en.flat.json"
    )
    new = bv.import_catalogue(
        "asvs", store=store, path=EXTERNAL / "asvs" / "asvs-5.0.0-en.flat.json"
    )
    return bv.import_revision(
        "asvs", old, new, EXTERNAL / "asvs" / "mapping_v4.0.3_to_v5.0.0.yml", store=store
    )


@pytest.fixture(scope="module")
def nist() -> Mapping:
    store = Store()
    folder = external("nist-800-53")
    rev4 = bv.import_catalogue(
        "oscal", store=store, path=folder / "NIST_SP-800-53_rev4_catalog.yaml", version="rev4"
    )
    rev5 = folder / "NIST_SP-800-53_rev5.0.1_catalog.json"
    new = bv.import_catalogue("oscal", store=store, path=rev5, version="5.0.1")
    return bv.import_revision("oscal", rev4, new, rev5, store=store)


def bundled() -> Mapping:
    return bv.load_mapping("best-value/runnymede-2024--draft-2023-07")


def round_trip(mapping: Mapping, fmt: str, tmp_path: Path) -> Mapping:
    path = tmp_path / f"m.{fmt}"
    bv.export_mapping(mapping, "oscal" if fmt == "oscal-mapping" else fmt, path, date=DATE)
    return bv.import_mapping(path, fmt)


def relation_set(mapping: Mapping) -> set[str]:
    """The relations as sets of their fields, reasons aside: those are per link
    (:meth:`Mapping.reasons`), and a format's rows carry them per link."""
    return {
        json.dumps({k: v for k, v in r.to_dict().items() if k != "reason"}, sort_keys=True)
        for r in mapping.relations
    }


# -- OSCAL ---------------------------------------------------------------------------


@needs_external
@pytest.mark.parametrize("name", ["asvs", "nist"])
def test_oscal_export_validates_against_the_official_schema(
    name: str, request: pytest.FixtureRequest
) -> None:
    mapping: Mapping = request.getfixturevalue(name)
    text = bv.export_mapping(mapping, "oscal", date=DATE)
    assert text is not None
    assert oscal_errors(text) == []
    collection = json.loads(text)["mapping-collection"]
    assert collection["metadata"]["oscal-version"] == "1.2.1"
    (body,) = collection["mappings"]
    assert len(body["maps"]) == len(mapping.links)  # one map per link
    relationships = collections.Counter(m["relationship"] for m in body["maps"])
    assert relationships == collections.Counter(mapping.relationships().values())


def test_oscal_export_of_bundled_mapping_validates() -> None:
    text = bv.export_mapping(bundled(), "oscal", date=DATE)
    assert text is not None
    assert oscal_errors(text) == []


@needs_external
def test_oscal_keeps_removed_and_added_in_gap_summaries(asvs: Mapping) -> None:
    text = bv.export_mapping(asvs, "oscal", date=DATE)
    assert text is not None
    (body,) = json.loads(text)["mapping-collection"]["mappings"]
    # ASVS IDs (1.2.3) are not OSCAL tokens, so they are listed as literal patterns
    removed = body["source-gap-summary"]["unmapped-controls"][0]["matching"]
    added = body["target-gap-summary"]["unmapped-controls"][0]["matching"]
    assert removed[0] == {"pattern": "1.1.1"}
    # the counts ../shared/external/README.md gives for these files
    assert (len(removed), len(added)) == (50, 155)
    assert not any(m["targets"] == [] for m in body["maps"])


@needs_external
@pytest.mark.parametrize("fmt", ["oscal-mapping", "sssom"])
@pytest.mark.parametrize("name", ["asvs", "nist"])
def test_round_trip_keeps_links_relationships_reasons_and_dispositions(
    fmt: str, name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """OSCAL keeps links, relationships, reasons and dispositions; SSSOM keeps everything
    (relations with their methods and notes, and ``complete``) too."""
    mapping: Mapping = request.getfixturevalue(name)
    again = round_trip(mapping, fmt, tmp_path)
    diff = bv.diff_mappings(mapping, again)
    assert diff.links_agree
    assert not diff.sources
    assert not diff.targets
    assert again.relationships() == mapping.relationships()
    assert again.reasons() == mapping.reasons()
    assert (again.source_key, again.target_key) == (mapping.source_key, mapping.target_key)
    if fmt == "sssom":
        assert relation_set(again) == relation_set(mapping)
        assert again.complete == mapping.complete
    else:
        assert again.complete is False  # OSCAL never says that what is not mapped is absent


def test_exports_are_deterministic_and_uuids_stable(tmp_path: Path) -> None:
    mapping = bundled()
    for fmt in ("oscal", "sssom", "ciso"):
        first = bv.export_mapping(mapping, fmt, date=DATE)
        again = bv.export_mapping(
            bv.load_mapping("best-value/runnymede-2024--draft-2023-07"), fmt, date=DATE
        )
        assert first == again, fmt
    text = bv.export_mapping(mapping, "oscal", date=DATE)
    assert text is not None
    uuids = re.findall(r'"uuid": "([0-9a-f-]{36})"', text)
    assert len(uuids) == len(set(uuids))
    assert all(u[14] == "5" for u in uuids)  # version 5: derived from content
    # a revised mapping is a new collection; an unchanged link keeps its map's UUID
    data = mapping.to_dict()
    data["notes"] = "revised"
    revised = bv.export_mapping(Mapping.from_dict(data), "oscal", date=DATE)
    assert revised is not None
    old, new = json.loads(text)["mapping-collection"], json.loads(revised)["mapping-collection"]
    assert old["uuid"] != new["uuid"]
    assert old["mappings"][0]["maps"][0]["uuid"] == new["mappings"][0]["maps"][0]["uuid"]


def test_export_date_comes_from_provenance_then_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = bundled().to_dict() | {"provenance": {"date": "2024-05-08"}}
    text = bv.export_mapping(Mapping.from_dict(data), "oscal")
    assert text is not None
    assert '"last-modified": "2024-05-08T00:00:00Z"' in text
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    text = bv.export_mapping(bundled(), "oscal")
    assert text is not None
    assert '"last-modified": "2023-11-14T00:00:00Z"' in text
    with pytest.raises(UsageError, match="'25/11/2026' is not YYYY-MM-DD"):
        bv.export_mapping(bundled(), "oscal", date="25/11/2026")


@needs_external
@pytest.mark.parametrize(
    ("name", "links", "relationships"),
    [
        ("pci", 25, {"subset-of": 24, "intersects-with": 1}),
        ("soc2", 21, {"subset-of": 21}),
    ],
)
def test_trestle_example_collections_import(
    name: str, links: int, relationships: dict[str, int], tmp_path: Path
) -> None:
    path = EXTERNAL / "oscal" / f"trestle-example-{name}-mapping-collection.json"
    raw = json.loads(path.read_text(encoding="utf-8"))["mapping-collection"]
    # what the file says, counted here without bvframework: every source x target of a map
    expected = collections.Counter(
        m["relationship"]
        for body in raw["mappings"]
        for m in body["maps"]
        for _ in m["sources"]
        for _ in m["targets"]
    )
    assert dict(expected) == relationships
    mapping = bv.import_mapping(path, "oscal-mapping")
    assert len(mapping.links) == links
    assert collections.Counter(mapping.relationships().values()) == expected
    assert mapping.complete is False
    assert mapping.is_crosswalk
    assert mapping.target_key == "fedramp-rev5-high/unversioned"
    # OSCAL 1.0.4's provenance words: "manual" is human; "published" has no 1.2 word
    assert mapping.provenance is not None
    assert mapping.provenance.method == "human"
    assert mapping.notes is not None
    assert "status 'published'" in mapping.notes
    # it is a valid bvframework mapping file, and exports as valid OSCAL 1.2.1
    again = Mapping.from_dict(mapping.to_dict())
    assert again.relationships() == mapping.relationships()
    text = bv.export_mapping(again, "oscal", date=DATE)
    assert text is not None
    assert oscal_errors(text) == []
    statements = json.loads(text)["mapping-collection"]["mappings"][0]["maps"][0]["targets"]
    assert statements[0]["type"] == "statement"


@needs_external
def test_trestle_collection_with_sides_named(tmp_path: Path) -> None:
    path = EXTERNAL / "oscal" / "trestle-example-soc2-mapping-collection.json"
    mapping = bv.import_mapping(
        path, "oscal-mapping", source="soc2/2017", target="nist-sp-800-53/5.0.1"
    )
    assert mapping.key == "soc2/2017--nist-sp-800-53/5.0.1"


def write_json(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "c.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def collection(*maps: dict[str, Any], mappings: int = 1) -> dict[str, Any]:
    body = {
        "uuid": "x",
        "source-resource": {"type": "catalog", "href": "a/catalog.json"},
        "target-resource": {"type": "catalog", "href": "b/catalog.json"},
        "maps": list(maps),
    }
    return {"mapping-collection": {"uuid": "x", "metadata": {}, "mappings": [body] * mappings}}


def one_map(relationship: str, sources: list[str], targets: list[str]) -> dict[str, Any]:
    return {
        "uuid": "x",
        "relationship": relationship,
        "sources": [{"type": "control", "id-ref": s} for s in sources],
        "targets": [{"type": "control", "id-ref": t} for t in targets],
    }


def test_oscal_import_errors_say_where(tmp_path: Path) -> None:
    def problems(data: Any, **options: Any) -> list[str]:
        with pytest.raises(DataError) as caught:
            bv.import_mapping(write_json(tmp_path, data), "oscal-mapping", **options)
        return [str(p).replace(f"{tmp_path}/", "") for p in caught.value.problems]

    assert problems({"catalog": {}}) == ["c.json: not an OSCAL mapping collection"]
    assert problems(collection(one_map("sameish", ["a"], ["b"]))) == [
        "c.json: mapping-collection.mappings[0].maps[0].relationship: unknown relationship "
        "'sameish' (known: equal-to, equivalent-to, subset-of, superset-of, "
        "intersects-with, no-relationship)"
    ]
    assert problems(collection(one_map("subset-of", ["a"], ["b"]), mappings=2)) == [
        "c.json: holds 2 mappings; choose one by its index (0 to 1)"
    ]
    assert problems(collection(one_map("subset-of", ["a"], ["b"])), index=3) == [
        "c.json: has no mapping 3 (it holds 1)"
    ]
    conflicting = collection(
        one_map("subset-of", ["a"], ["b"]), one_map("superset-of", ["a"], ["b"])
    )
    assert problems(conflicting) == [
        "c.json: mapping-collection.mappings[0].maps[1]: links 'a' to 'b' as superset-of, but "
        "an earlier one says subset-of"
    ]
    bad_ids = collection(
        {"uuid": "x", "relationship": "subset-of", "sources": "a", "targets": [{"id-ref": 3}]}
    )
    assert problems(bad_ids) == [
        "c.json: mapping-collection.mappings[0].maps[0].sources: expected a list, got 'a'",
        "c.json: mapping-collection.mappings[0].maps[0].targets[0].id-ref: expected text, got 3",
    ]
    # no-relationship maps link nothing, and are counted
    mapping = bv.import_mapping(
        write_json(
            tmp_path,
            collection(one_map("no-relationship", ["a"], ["b"]), one_map("equal-to", ["c"], ["d"])),
        ),
        "oscal-mapping",
        index=0,
    )
    assert mapping.links == {("c", "d"): True}
    assert mapping.notes == "1 maps say no-relationship"
    assert (mapping.source_key, mapping.target_key) == ("a/unversioned", "b/unversioned")


def test_oscal_export_needs_a_link() -> None:
    lonely = Mapping.from_dict(
        {
            "framework": "f",
            "from": "1",
            "to": "2",
            "complete": False,
            "relations": [{"kind": "removed", "from": ["a"]}],
        }
    )
    with pytest.raises(DataError, match="links no items: an OSCAL mapping needs at least one map"):
        bv.export_mapping(lonely, "oscal")


# -- SSSOM ---------------------------------------------------------------------------


def test_sssom_round_trip_of_suggested_crosswalk(tmp_path: Path) -> None:
    """Confidence, suggested methods, a crosswalk between two frameworks, stated
    relationships and per-link reasons survive too."""
    data = {
        "from": "alpha/1",
        "to": "beta/2",
        "complete": False,
        "provenance": {
            "method": "hybrid",
            "matching_rationale": "functional",
            "date": "2025-01-02",
            "licence": "https://creativecommons.org/licenses/by/4.0/",
            "author": "Analyst",
        },
        "relations": [
            {
                "kind": "reworded",
                "from": ["a"],
                "to": ["x"],
                "method": "suggested",
                "confidence": 0.71,
                "note": "close | but not = the same",
            },
            {"kind": "merged", "from": ["b", "c"], "to": ["y"], "method": "curated"},
            {
                "kind": "split",
                "from": ["c"],
                "to": ["y", "z"],
                "method": "suggested",
                "note": "two ways",
            },
            {"kind": "removed", "from": ["d"], "note": "gone"},
            {"kind": "added", "to": ["w"]},
        ],
        "links": [
            {"from": "a", "to": "x", "relationship": "subset-of"},
            {"from": "b", "to": "y", "reason": "MERGED TO"},
        ],
    }
    mapping = Mapping.from_dict(data)
    again = round_trip(mapping, "sssom", tmp_path)
    assert again.key == "alpha/1--beta/2"
    assert relation_set(again) == relation_set(mapping)
    assert again.relationships() == mapping.relationships()
    assert again.reasons() == mapping.reasons()
    # the export states what it inferred (status) and the date it was given
    assert mapping.provenance is not None
    assert again.provenance == evolve(mapping.provenance, status="not-complete", date=DATE)
    assert bv.diff_mappings(mapping, again).links_agree


def test_sssom_validates_with_sssom_py(tmp_path: Path) -> None:
    sssom = sssom_cli()
    path = tmp_path / "m.sssom.tsv"
    bv.export_mapping(bundled(), "sssom", path, date=DATE)
    done = subprocess.run(
        [sssom, "validate", str(path)], check=False, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # and it refuses a broken one (the check is real): a CURIE whose prefix is not declared
    broken = tmp_path / "broken.sssom.tsv"
    broken.write_text(
        path.read_text(encoding="utf-8").replace(
            "\n#   best_value_runnymede_2024:", "\n#   another_prefix:"
        ),
        encoding="utf-8",
    )
    failed = subprocess.run(
        [sssom, "validate", str(broken)], check=False, capture_output=True, text=True, timeout=300
    )
    assert failed.returncode != 0


@needs_external
def test_sssom_export_of_asvs_validates_with_sssom_py(asvs: Mapping, tmp_path: Path) -> None:
    sssom = sssom_cli()
    path = tmp_path / "asvs.sssom.tsv"
    bv.export_mapping(asvs, "sssom", path, date=DATE)
    done = subprocess.run(
        [sssom, "validate", str(path)], check=False, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    # a row per link, per removed item, per added item, plus the header
    assert len(rows) == 1 + 266 + 50 + 155


def test_sssom_from_another_tool(tmp_path: Path) -> None:
    """A file bvframework did not write: plain SKOS predicates, no 'other' pairs."""
    path = tmp_path / "x.sssom.tsv"
    path.write_text(
        "# curie_map:\n#   A: http://a.example/\n#   B: http://b.example/\n"
        "# mapping_set_id: http://example.org/set\n# license: https://w3id.org/sssom/license/unspecified\n"
        "# subject_source: http://a.example/frameworkA\n# subject_source_version: v1\n"
        "# object_source: B:frameworkB\n"
        "subject_id\tpredicate_id\tobject_id\tmapping_justification\tconfidence\tpredicate_modifier\n"
        "A:1\tskos:exactMatch\tB:1\tsemapv:ManualMappingCuration\t0.9\t\n"
        "A:2\tskos:broadMatch\tB:9\tsemapv:LexicalMatching\t\t\n"
        "A:3\tskos:closeMatch\tB:9\tsemapv:LexicalMatching\t\t\n"
        "A:4\tskos:exactMatch\tB:4\tsemapv:ManualMappingCuration\t\tNot\n",
        encoding="utf-8",
    )
    mapping = bv.import_mapping(path, "sssom")
    assert mapping.key == "frameworka/v1--frameworkb/unversioned"
    assert mapping.links == {("1", "1"): False, ("2", "9"): False, ("3", "9"): False}
    assert mapping.relationships() == {
        ("1", "1"): "equivalent-to",
        ("2", "9"): "subset-of",
        ("3", "9"): "intersects-with",
    }
    assert {r.method for r in mapping.relations} == {"curated", "suggested"}
    assert mapping.complete is False


def test_sssom_import_errors(tmp_path: Path) -> None:
    def problems(text: str) -> list[str]:
        path = tmp_path / "bad.tsv"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DataError) as caught:
            bv.import_mapping(path, "sssom")
        return [str(p).replace(f"{tmp_path}/", "") for p in caught.value.problems]

    assert problems("a\tb\n1\t2\n") == [
        "bad.tsv:1: the header row lacks subject_id, predicate_id, object_id"
    ]
    assert problems("# - a list\nsubject_id\tpredicate_id\tobject_id\n") == [
        "bad.tsv: the # metadata block is not a YAML mapping"
    ]
    head = "subject_id\tpredicate_id\tobject_id\tconfidence\n"
    assert problems(
        head + "a:1\towl:sameAs\tb:1\t\n" + "a:2\t\tb:2\t\n" + "a:3\tskos:exactMatch\tb:3\thigh\n"
    ) == [  # an unknown predicate is read (tests/test_sssom_wild.py), not a problem
        "bad.tsv: row 2: needs subject_id, predicate_id and object_id",
        "bad.tsv: row 3: confidence 'high' is not a number",
    ]
    assert problems("") == ["bad.tsv: has no header row (subject_id, predicate_id, object_id, ...)"]
    assert problems("# a: [1\n" + head)[0].startswith("bad.tsv (metadata):")


# -- CISO Assistant ------------------------------------------------------------------

# What CISO Assistant's library loader requires (backend/library/utils.py) and allows
# (backend/core/models.py RequirementMapping), read from intuitem/ciso-assistant-community.
CISO_LIBRARY_FIELDS = {"ref_id", "urn", "locale", "objects", "version"}
CISO_SET_FIELDS = {"urn", "name", "source_framework_urn", "target_framework_urn"}
CISO_MAPPING_FIELDS = {"target_requirement_urn", "relationship", "source_requirement_urn"}
CISO_RELATIONSHIPS = {"subset", "intersect", "equal", "superset", "not_related"}
CISO_RATIONALES = {"syntactic", "semantic", "functional"}


def check_ciso(library: dict[str, Any]) -> list[dict[str, Any]]:
    assert library.keys() >= CISO_LIBRARY_FIELDS
    (mapping_set,) = library["objects"]["requirement_mapping_sets"]
    assert mapping_set.keys() >= CISO_SET_FIELDS
    assert mapping_set["source_framework_urn"] != mapping_set["target_framework_urn"]
    rows: list[dict[str, Any]] = mapping_set["requirement_mappings"]
    pairs = [(r["source_requirement_urn"], r["target_requirement_urn"]) for r in rows]
    assert len(pairs) == len(set(pairs))  # no duplicate pair (CISO's converter flags them)
    for row in rows:
        assert row.keys() >= CISO_MAPPING_FIELDS
        assert row["relationship"] in CISO_RELATIONSHIPS
        assert row.get("rationale", "semantic") in CISO_RATIONALES
        assert 0 <= row.get("strength_of_relationship", 0) <= 10
        assert row["source_requirement_urn"] == row["source_requirement_urn"].lower()
    return rows


@needs_external
def test_ciso_library_of_asvs(asvs: Mapping, tmp_path: Path) -> None:
    path = tmp_path / "asvs.yaml"
    bv.export_mapping(
        asvs,
        "ciso",
        path,
        date=DATE,
        # the requirement URNs of CISO Assistant's own ASVS libraries
        source_identifiers={"urn": "urn:intuitem:risk:req_node:owasp-asvs-4.0.3:v{id}"},
        target_identifiers={"urn": "urn:owasp:risk:req_node:owasp-asvs-5.0.0:v{id}"},
    )
    library = yaml.safe_load(path.read_text(encoding="utf-8"))
    rows = check_ciso(library)
    assert library["dependencies"] == [
        "urn:intuitem:risk:library:owasp-asvs-4.0.3",
        "urn:owasp:risk:library:owasp-asvs-5.0.0",
    ]
    assert rows[0]["source_requirement_urn"].startswith(
        "urn:intuitem:risk:req_node:owasp-asvs-4.0.3:v"
    )
    counts = collections.Counter(r["relationship"] for r in rows)
    # equal-to and equivalent-to are both CISO's "equal"; 33 links sit in a merge and a split
    assert counts == {"equal": 105, "subset": 93, "superset": 35, "intersect": 33}


def test_identifier_templates_given_are_checked_as_a_catalogue_declaring_them_is() -> None:
    mapping = bundled()
    with pytest.raises(UsageError, match="is not a URN with"):
        bv.export_mapping(mapping, "ciso", source_identifiers={"urn": "urn:x:{id}\n"})
    with pytest.raises(UsageError, match="is not an IRI ending in"):
        bv.export_mapping(mapping, "sssom", target_identifiers={"iri": "https://x/{id}/y"})
    with pytest.raises(UsageError, match="unknown template 'curie'"):
        bv.export_mapping(mapping, "sssom", target_identifiers={"curie": "x"})
    text = bv.export_mapping(
        mapping, "sssom", date=DATE, source_identifiers={"prefix": "bv", "iri": "https://x/{id}"}
    )
    assert text is not None
    assert "#   bv: https://x/" in text


def test_ciso_refuses_a_framework_mapped_to_itself() -> None:
    with pytest.raises(DataError, match="CISO Assistant maps one framework to another"):
        bv.export_mapping(bv.identity(bv.load_catalogue("best-value/statutory-2024-05")), "ciso")


def test_ciso_library_of_bundled_mapping() -> None:
    text = bv.export_mapping(bundled(), "ciso", date=DATE)
    assert text is not None
    check_ciso(yaml.safe_load(text))


# -- reasons the sources state -------------------------------------------------------


@needs_external
def test_asvs_reasons_are_kept_per_link(asvs: Mapping) -> None:
    # counted from the raw file here: each "TAG v5.0.0-x, v5.0.0-y" names links
    raw = yaml.safe_load(
        (EXTERNAL / "asvs" / "mapping_v4.0.3_to_v5.0.0.yml").read_text(encoding="utf-8")
    )
    expected: collections.Counter[str] = collections.Counter()
    for tags in raw.values():
        tag = str(next(iter(tags.values())))
        current = None
        seen = set()
        for part in (p.strip() for p in tag.split(",")):
            word = re.sub(r"v5\.0\.0-[\d.]+", "", part).strip()
            if word:
                current = word
            for target in re.findall(r"v5\.0\.0-([\d.]+)", part):
                if target not in seen:
                    seen.add(target)
                    expected["MOVED TO" if current is None else current] += 1
    assert collections.Counter(asvs.reasons().values()) == expected
    assert expected["COVERED BY"] == 33
    assert expected["MERGED TO"] == 31
    assert expected["DEPRECATED BY"] == 1


@needs_external
def test_nist_reasons_are_kept_per_link(nist: Mapping) -> None:
    """Counted here from the two catalogs: for each control active in rev4 and withdrawn
    in rev5, a link per distinct control it points at that is active in rev5."""
    folder = EXTERNAL / "nist-800-53"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rev4 = yaml.load(
        (folder / "NIST_SP-800-53_rev4_catalog.yaml").read_text(encoding="utf-8"), Loader=loader
    )
    rev5 = json.loads((folder / "NIST_SP-800-53_rev5.0.1_catalog.json").read_text(encoding="utf-8"))

    def controls(catalog: dict[str, Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        todo = [c for g in catalog["catalog"]["groups"] for c in g.get("controls", [])]
        while todo:
            control = todo.pop()
            out.append(control)
            todo += control.get("controls", [])
        return out

    def withdrawn(control: dict[str, Any]) -> bool:
        return any(
            p.get("name") == "status" and str(p.get("value")).lower() == "withdrawn"
            for p in control.get("props", [])
        )

    active4 = {c["id"] for c in controls(rev4) if not withdrawn(c)}
    active5 = {c["id"] for c in controls(rev5) if not withdrawn(c)}
    expected: collections.Counter[str] = collections.Counter()
    for control in controls(rev5):
        if control["id"] in active4 and withdrawn(control):
            targets: dict[str, str] = {}
            for link in control.get("links", []):
                target = link["href"].lstrip("#").split("_")[0]
                if link.get("rel") in ("incorporated-into", "moved-to") and target in active5:
                    targets.setdefault(target, link["rel"])
            expected.update(targets.values())
    assert collections.Counter(nist.reasons().values()) == expected
    assert expected == {"incorporated-into": 56, "moved-to": 33}


# -- crosswalks ----------------------------------------------------------------------


def crosswalk_files(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "data"
    for framework, version, ids in (("alpha", "1", ["a", "b"]), ("beta", "2", ["x", "y"])):
        folder = root / "catalogues" / framework
        folder.mkdir(parents=True)
        (folder / f"{version}.yaml").write_text(
            yaml.safe_dump(
                {
                    "framework": framework,
                    "version": version,
                    "title": framework,
                    "themes": [{"id": "T", "title": "T", "items": [{"id": i} for i in ids]}],
                }
            ),
            encoding="utf-8",
        )
    mapping = root / "mappings" / "alpha" / "1--beta-2.yaml"
    mapping.parent.mkdir(parents=True)
    mapping.write_text(
        yaml.safe_dump(
            {
                "from": "alpha/1",
                "to": "beta/2",
                "complete": True,
                "relations": [
                    {"kind": "merged", "from": ["a", "b"], "to": ["x"]},
                    {"kind": "added", "to": ["y"]},
                ],
                "published": [{"source": "hand count", "counts": {"merged": 2, "added": 1}}],
            }
        ),
        encoding="utf-8",
    )
    return root, mapping


def test_crosswalk_is_checked_against_both_frameworks(tmp_path: Path) -> None:
    root, path = crosswalk_files(tmp_path)
    mapping = bv.load_mapping(path)
    assert mapping.is_crosswalk
    assert mapping.key == "alpha/1--beta/2"
    assert mapping.source_catalogue is not None
    assert mapping.target_catalogue is not None
    assert mapping.relationships() == {("a", "x"): "subset-of", ("b", "x"): "subset-of"}
    (reconciled,) = mapping.reconcile()
    assert {(c.kind, c.published, c.status) for c in reconciled.counts} == {
        ("merged", 2, "itemised"),
        ("added", 1, "itemised"),
    }
    wrong = bv.load_catalogue(root / "catalogues" / "alpha" / "1.yaml")
    with pytest.raises(
        DataError, match="mapping is for framework 'beta' but the to catalogue is alpha/1"
    ):
        bv.load_mapping(path, target=wrong)
    assert Mapping.from_dict(mapping.to_dict()).to_dict() == mapping.to_dict()
    assert "framework" not in mapping.to_dict()


def test_crosswalk_composes_after_a_version_mapping(tmp_path: Path) -> None:
    _, path = crosswalk_files(tmp_path)
    crosswalk = bv.load_mapping(path)
    upgrade = Mapping.from_dict(
        {
            "framework": "alpha",
            "from": "0",
            "to": "1",
            "complete": True,
            "relations": [
                {"kind": "unchanged", "from": ["a0"], "to": ["a"]},
                {"kind": "reworded", "from": ["b0"], "to": ["b"]},
                {"kind": "removed", "from": ["c0"]},
            ],
        }
    )
    composed = bv.compose(upgrade, crosswalk)
    assert composed.key == "alpha/0--beta/2"
    assert set(composed.links) == {("a0", "x"), ("b0", "x")}
    assert composed.dispositions()["c0"] == "removed"
    assert composed.relationships() == {("a0", "x"): "subset-of", ("b0", "x"): "subset-of"}
    with pytest.raises(bv.CompositionError, match="cannot compose alpha/1--beta/2 with alpha/0--1"):
        bv.compose(crosswalk, upgrade)


def test_a_bare_version_needs_a_framework() -> None:
    with pytest.raises(DataError, match=r"'from' is a bare version .'1'.: give 'framework'"):
        Mapping.from_dict({"from": "1", "to": "beta/2", "complete": False, "relations": []})


# -- the command line ----------------------------------------------------------------


def test_cli_export_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.sssom.tsv"
    ref = "best-value/runnymede-2024--draft-2023-07"
    assert main(["export", "sssom", ref, "-o", str(out), "--date", DATE]) == 0
    assert "1 link, 0 removed, 0 added, written as sssom" in capsys.readouterr().out
    back = tmp_path / "back.yaml"
    assert main(["import", "sssom", str(out), "-o", str(back)]) == 0
    again = bv.load_mapping(back)
    assert bv.diff_mappings(bundled(), again).links_agree
    oscal = tmp_path / "r.json"
    assert main(["export", "oscal", ref, "-o", str(oscal), "--date", DATE]) == 0
    assert main(["import", "oscal-mapping", str(oscal), "-o", str(tmp_path / "o.yaml")]) == 0
    capsys.readouterr()
    # refusing what does not fit, with exit 2 and one line
    for argv, message in [
        (
            ["export", "ciso", ref, "-o", str(tmp_path / "x"), "--source-urn", "nope"],
            "source urn 'nope' is not a URN with {id} (or {nist_id}) where the item ID goes",
        ),
        (
            ["import", "sssom", str(out), "-o", str(tmp_path / "y"), "--index", "1"],
            "--index does not apply to sssom",
        ),
        (
            ["import", "sssom", str(out), "-o", str(tmp_path / "y"), "--source", "nope"],
            "--source 'nope' is not framework/version",
        ),
        (
            ["import", "sssom", str(out), "-o", str(tmp_path / "y"), "--framework", "f"],
            "--framework applies to catalogue imports, not sssom",
        ),
        (
            ["import", "asvs", str(out), "-o", str(tmp_path / "y"), "--source", "a/b"],
            "--source applies to import oscal-mapping and sssom",
        ),
        (
            ["import", "sssom", str(out), "-o", str(out)],
            "that is an input of this command; refused",
        ),
    ]:
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2, argv
        assert message in err
        assert "Traceback" not in err


def test_cli_export_to_stdout_stays_whole(capsys: pytest.CaptureFixture[str]) -> None:
    """With -o -, the file is all standard output holds; messages go to standard error."""
    ref = "tests/data/toy/mappings/toy/v1--v2.yaml"
    assert main(["export", "oscal", ref, "-o", "-", "--date", DATE]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["mapping-collection"]["metadata"]["oscal-version"] == "1.2.1"
    assert "10 links, 1 removed, 2 added, written as oscal" in err
