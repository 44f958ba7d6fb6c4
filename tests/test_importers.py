from __future__ import annotations

import json
from pathlib import Path

import pytest

import bvframework as bv
from bvframework import (
    Catalogue,
    DataError,
    Mapping,
    Store,
    UnknownReferenceError,
    import_catalogue,
    load_catalogue,
)

from .conftest import Write
from .external import EXTERNAL, needs_external


def asvs_mapping(path: Path, *, source: Catalogue, target: Catalogue) -> Mapping:
    return bv.import_revision("asvs", source, target, path)


def oscal_mapping(old: Catalogue, path: Path, *, new: Catalogue) -> Mapping:
    return bv.import_revision("oscal", old, new, path)


def withdrawal_links(path: Path) -> dict[str, tuple[str, list[str]]]:
    from bvframework._store.readers.oscal import withdrawal_links as links

    store = Store()
    return links(store, store.locate("catalogue", path))


# -- OSCAL -----------------------------------------------------------------------------------

OSCAL_OLD = {
    "catalog": {
        "metadata": {"title": "Demo controls", "version": "1"},
        "groups": [
            {
                "id": "ac",
                "title": "Access Control",
                "controls": [
                    {
                        "id": "ac-1",
                        "title": "Policy",
                        "params": [{"id": "ac-1_prm_1", "label": "frequency"}],
                        "parts": [
                            {
                                "name": "statement",
                                "prose": "Review the policy every {{ insert: param, ac-1_prm_1 }}.",
                                "parts": [{"name": "item", "prose": "Record the review."}],
                            }
                        ],
                        "controls": [
                            {
                                "id": "ac-1.1",
                                "title": "Automation",
                                "parts": [{"name": "statement", "prose": "Automate the review."}],
                            }
                        ],
                    },
                    {
                        "id": "ac-2",
                        "title": "Accounts",
                        "parts": [{"name": "statement", "prose": "Manage accounts."}],
                    },
                    {
                        "id": "ac-3",
                        "title": "Old",
                        "props": [{"name": "status", "value": "Withdrawn"}],
                    },
                ],
            }
        ],
    }
}
OSCAL_NEW = {
    "catalog": {
        "metadata": {"title": "Demo controls", "version": "2"},
        "groups": [
            {
                "id": "ac",
                "title": "Access Control",
                "controls": [
                    {
                        "id": "ac-1",
                        "title": "Policy",
                        "parts": [{"name": "statement", "prose": "Review the policy yearly."}],
                    },
                    {
                        "id": "ac-1.1",
                        "title": "Automation",
                        "props": [{"name": "status", "value": "withdrawn"}],
                        "links": [{"href": "#ac-1_smt.b", "rel": "incorporated-into"}],
                    },
                    {
                        "id": "ac-2",
                        "title": "Accounts",
                        "parts": [{"name": "statement", "prose": "Manage accounts."}],
                    },
                    {
                        "id": "ac-4",
                        "title": "Flow",
                        "parts": [{"name": "statement", "prose": "Control flow."}],
                    },
                ],
            }
        ],
    }
}


@pytest.fixture
def oscal_files(write: Write) -> tuple[Path, Path]:
    import yaml

    return (write("old.yaml", yaml.safe_dump(OSCAL_OLD)), write("new.json", json.dumps(OSCAL_NEW)))


def test_oscal_catalogue(oscal_files: tuple[Path, Path]) -> None:
    old = import_catalogue("oscal", oscal_files[0], framework="demo", version="v1")
    assert [i.id for i in old.items] == ["ac-1", "ac-1.1", "ac-2"]  # withdrawn ac-3 left out
    assert old.item("ac-1").text == (
        "Policy. Review the policy every [frequency]. Record the review."
    )
    everything = import_catalogue(
        "oscal", oscal_files[0], framework="demo", version="v1", include_withdrawn=True
    )
    assert everything.item("ac-3").kind == "withdrawn"
    assert everything.is_complete  # withdrawn controls are not counted


def test_oscal_published_mapping(oscal_files: tuple[Path, Path]) -> None:
    old = import_catalogue("oscal", oscal_files[0], framework="demo", version="v1")
    new = import_catalogue("oscal", oscal_files[1], framework="demo", version="v2")
    assert withdrawal_links(oscal_files[1]) == {"ac-1.1": ("incorporated-into", ["ac-1"])}
    mapping = oscal_mapping(old, oscal_files[1], new=new)
    assert mapping.dispositions() == {"ac-1": "merged", "ac-1.1": "merged", "ac-2": "unchanged"}
    assert mapping.origins() == {"ac-1": "merged", "ac-2": "unchanged", "ac-4": "added"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "invalid JSON"),
        ('{"catalog": {}}', "not an OSCAL catalog: expected catalog.groups"),
        ("[1, 2]", "not an OSCAL catalog"),
    ],
)
def test_oscal_malformed(write: Write, text: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        import_catalogue("oscal", write("bad.json", text), framework="x", version="1")


# -- ASVS ------------------------------------------------------------------------------------


def asvs_json(rows: list[tuple[str, str, str]]) -> str:
    return json.dumps(
        {
            "requirements": [
                {
                    "chapter_id": ch,
                    "chapter_name": f"Chapter {ch}",
                    "section_id": "",
                    "section_name": "",
                    "req_id": rid,
                    "req_description": text,
                }
                for ch, rid, text in rows
            ]
        }
    )


@pytest.fixture
def asvs_pair(write: Write) -> tuple[Path, Path]:
    old = write(
        "asvs-1.0.0-en.flat.json",
        asvs_json(
            [
                ("V1", "V1.1.1", "Verify one."),
                ("V1", "V1.1.2", "Verify two."),
                ("V1", "V1.1.3", "Verify three."),
                ("V2", "V2.1.1", "Verify four."),
                ("V2", "V2.1.2", "[DELETED, DUPLICATE OF 1.1.1]"),
            ]
        ),
    )
    new = write(
        "asvs-2.0.0-en.flat.json",
        asvs_json(
            [
                ("V1", "V1.1.1", "Verify two, better."),
                ("V1", "V1.1.2", "Verify one."),
                ("V3", "V3.1.1", "Verify four a."),
                ("V3", "V3.1.2", "Verify four b."),
                ("V3", "V3.1.3", "Verify five."),
            ]
        ),
    )
    return old, new


def test_asvs_catalogue_and_mapping(asvs_pair: tuple[Path, Path], write: Write) -> None:
    old = import_catalogue("asvs", asvs_pair[0])
    new = import_catalogue("asvs", asvs_pair[1])
    assert (old.version, len(old), len(new)) == ("1.0.0", 4, 5)  # the placeholder is left out
    mapping_file = write(
        "mapping_v1.0.0_to_v2.0.0.yml",
        "\n".join(
            [
                "v1.0.0-1.1.1:",
                "  tag-v2.0.0: MOVED TO v2.0.0-1.1.2",
                "v1.0.0-1.1.2:",
                "  tag-v2.0.0: MODIFIED, MOVED TO v2.0.0-1.1.1",
                "v1.0.0-1.1.3:",
                "  tag-v2.0.0: DELETED, NOT IN SCOPE",
                "v1.0.0-2.1.1:",
                "  tag-v2.0.0: SPLIT TO v2.0.0-3.1.1, v2.0.0-3.1.2",
                "",
            ]
        ),
    )
    mapping = asvs_mapping(mapping_file, source=old, target=new)
    assert mapping.dispositions() == {
        "1.1.1": "unchanged",
        "1.1.2": "reworded",
        "1.1.3": "removed",
        "2.1.1": "split",
    }
    assert mapping.origins()["3.1.3"] == "added"
    assert mapping.moved() == ()
    removed = [r for r in mapping.relations if r.kind == "removed"]
    assert removed[0].note == "DELETED, NOT IN SCOPE"
    backward = write(
        "mapping_v2.0.0_to_v1.0.0.yml",
        "\n".join(
            [
                "v2.0.0-1.1.2:",
                "  tag-v1.0.0: MOVED FROM v1.0.0-1.1.1",
                "v2.0.0-1.1.1:",
                "  tag-v1.0.0: MODIFIED, MOVED FROM v1.0.0-1.1.2",
                "v2.0.0-3.1.1:",
                "  tag-v1.0.0: SPLIT FROM v1.0.0-2.1.1",
                "v2.0.0-3.1.2:",
                "  tag-v1.0.0: SPLIT FROM v1.0.0-2.1.1",
                "v2.0.0-3.1.3:",
                "  tag-v1.0.0: ADDED",
                "",
            ]
        ),
    )
    from bvframework import diff_mappings

    assert diff_mappings(mapping, asvs_mapping(backward, source=old, target=new)).links_agree


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("v1.0.0-1.1.1: MOVED TO v2.0.0-9.9.9\n", "toy|has no item '9.9.9'"),
        ("nonsense: MOVED TO v2.0.0-1.1.1\n", "'nonsense' is not a requirement reference"),
        ("v1.0.0-1.1.1: DELETED\nv2.0.0-1.1.1: ADDED\n", "keys mix versions"),
        ("v3.0.0-1.1.1: DELETED\n", "neither 1.0.0 nor 2.0.0"),
    ],
)
def test_asvs_mapping_malformed(
    asvs_pair: tuple[Path, Path], write: Write, text: str, message: str
) -> None:
    old = import_catalogue("asvs", asvs_pair[0])
    new = import_catalogue("asvs", asvs_pair[1])
    with pytest.raises(DataError, match=message):
        asvs_mapping(write("mapping_v1.0.0_to_v2.0.0.yml", text), source=old, target=new)


def test_asvs_malformed(write: Write) -> None:
    with pytest.raises(DataError, match="expected an object with a 'requirements' list"):
        import_catalogue("asvs", write("asvs-1.0.0.json", "[]"))
    with pytest.raises(DataError, match="requirement 0 lacks 'req_id'"):
        import_catalogue("asvs", write("asvs-1.0.0.json", '{"requirements": [{}]}'))
    with pytest.raises(DataError, match="cannot tell the ASVS version"):
        import_catalogue("asvs", write("requirements.json", '{"requirements": []}'))


# -- table -----------------------------------------------------------------------------------


def test_table(write: Write) -> None:
    path = write(
        "t.csv", "theme,theme_title,id,text\nA,Alpha,A1,First\nA,Alpha,A2,\nB,Beta,B1,Third\n"
    )
    cat = import_catalogue("table", path, framework="demo", version="v1")
    assert [(t.title, [i.id for i in t.items]) for t in cat.themes] == [
        ("Alpha", ["A1", "A2"]),
        ("Beta", ["B1"]),
    ]
    assert cat.item("A1").text == "First"
    assert cat.item("A1").evidence == ("t.csv, row 2",)


def test_table_malformed(write: Write) -> None:
    with pytest.raises(DataError) as exc:
        import_catalogue(
            "table", write("t.csv", "theme,id,text\n,A1,x\nA,,y\n"), framework="demo", version="v1"
        )
    assert [p.message for p in exc.value.problems] == ["row without theme", "row without id"]
    with pytest.raises(DataError, match="no rows"):
        import_catalogue("table", write("e.csv", "theme,id,text\n"), framework="d", version="1")


def test_unknown_importer() -> None:
    with pytest.raises(UnknownReferenceError, match=r"unknown importer 'osca'.*'oscal'"):
        import_catalogue("osca", "x")


# -- gov.uk ----------------------------------------------------------------------------------

STATUTORY = load_catalogue("best-value/statutory-2024-05")


def govuk_page(counts: dict[str, int] | None = None, *, drop: str | None = None) -> str:
    """A page with the structure of a gov.uk guide and placeholder sentences only."""
    parts = ["<html><body><div class='govspeak'><h2>5. The best value themes</h2>"]
    for theme in STATUTORY.themes:
        if theme.title == drop:
            continue
        n = (counts or {}).get(theme.id, len(theme.items))
        parts.append(f"<h3 id='{theme.id}'>{theme.title}</h3><p>Placeholder description.</p>")
        parts.append("<h4>Characteristics of a well-functioning authority</h4><ul>")
        parts += [
            f"<li>Placeholder characteristic {k} of {theme.title}.</li>" for k in range(1, n + 1)
        ]
        parts.append("</ul><p><strong>Examples of indicators of potential failure</strong></p><ul>")
        parts += [
            f"<li>Placeholder indicator {k}<ul><li>nested detail</li></ul></li>" for k in (1, 2)
        ]
        parts.append("</ul>")
    parts.append("</div></body></html>")
    return "\n".join(parts)


def test_govuk_overlay(write: Write) -> None:
    cat = import_catalogue("govuk", write("guide.html", govuk_page()), onto=STATUTORY)
    assert cat.key == STATUTORY.key
    assert len(cat.primary_items) == 70
    assert cat.is_complete
    assert cat.item("CI-02").text == "Placeholder characteristic 2 of Continuous improvement."
    assert cat.item("CI-02").note  # the cited fact is kept
    assert cat.resolve("CI002") == "CI-02"  # numbering schemes survive
    assert cat.item("PC-F02").kind == "indicator"
    assert cat.item("PC-F01").text == "Placeholder indicator 1 nested detail"


def test_govuk_counts_are_checked_not_guessed(write: Write) -> None:
    path = write("guide.html", govuk_page({"L": 9, "R": 13}, drop="Culture"))
    with pytest.raises(DataError) as exc:
        import_catalogue("govuk", path, onto=STATUTORY)
    assert [p.message for p in exc.value.problems] == [
        "theme 'Culture' not found as a heading",
        "theme 'Leadership': the page lists 9 characteristics but best-value/statutory-2024-05 "
        "expects 10",
        "theme 'Use of resources': the page lists 13 characteristics but "
        "best-value/statutory-2024-05 expects 12",
    ]


def test_govuk_without_lists(write: Write) -> None:
    page = "<h3>Leadership</h3><p>Nothing listed.</p>"
    with pytest.raises(DataError, match="no list of characteristics"):
        import_catalogue("govuk", write("g.html", page), themes=["Leadership"])


def test_govuk_generic(write: Write) -> None:
    cat = import_catalogue(
        "govuk",
        write("guide.html", govuk_page()),
        themes=[t.title for t in STATUTORY.themes],
        version="copy",
    )
    assert [t.id for t in cat.themes] == ["CI", "L", "G", "C", "UOR", "SD", "PCE"]
    assert len(cat.primary_items) == 70


# -- the real revisions ------------------------------------------------------------------------


@needs_external
def test_real_asvs_figures() -> None:
    a4 = import_catalogue("asvs", EXTERNAL / "asvs/asvs-4.0.3-en.flat.json")
    a5 = import_catalogue("asvs", EXTERNAL / "asvs/asvs-5.0.0-en.flat.json")
    assert (len(a4), len(a5)) == (278, 345)
    forward = asvs_mapping(EXTERNAL / "asvs/mapping_v4.0.3_to_v5.0.0.yml", source=a4, target=a5)
    backward = asvs_mapping(EXTERNAL / "asvs/mapping_v5.0.0_to_v4.0.3.yml", source=a4, target=a5)
    from bvframework import diff_mappings

    assert diff_mappings(forward, backward).links_agree
    summary = forward.summary()
    assert (summary.sources["removed"], summary.targets["added"]) == (50, 155)


@needs_external
def test_real_nist_figures() -> None:
    folder = EXTERNAL / "nist-800-53"
    rev4 = import_catalogue(
        "oscal", folder / "NIST_SP-800-53_rev4_catalog.yaml", framework="nist", version="rev4"
    )
    rev5 = import_catalogue(
        "oscal", folder / "NIST_SP-800-53_rev5.0.1_catalog.json", framework="nist", version="rev5"
    )
    continuing = {i.id for i in rev4.items} & {i.id for i in rev5.items}
    assert len(continuing) == 739
    withdrawn = {
        k: v
        for k, v in withdrawal_links(folder / "NIST_SP-800-53_rev5.0.1_catalog.json").items()
        if k in {i.id for i in rev4.items}
    }
    rels = [rel for rel, _ in withdrawn.values()]
    assert (
        len(withdrawn),
        rels.count("incorporated-into"),
        rels.count("moved-to"),
        rels.count("withdrawn"),
    ) == (87, 53, 33, 1)


def test_govuk_malformed(write: Write, tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        import_catalogue("govuk", tmp_path / "absent.html", onto=STATUTORY)
    with pytest.raises(DataError, match=r"name the theme headings \(themes=\) or a catalogue"):
        import_catalogue("govuk", write("g.html", "<h3>Leadership</h3>"))
    with pytest.raises(DataError, match="theme 'Leadership' not found as a heading"):
        import_catalogue("govuk", write("g.html", "<p>nothing</p>"), themes=["Leadership"])


@needs_external
def test_real_reasons_and_relationships_are_kept() -> None:
    """The sources' own words survive import (ASVS tags, OSCAL rels), and each link's set
    relationship is read off the graph: the figures issue 12 measured by hand."""
    from collections import Counter

    store = Store()
    asvs = EXTERNAL / "asvs"
    a4 = bv.import_catalogue("asvs", store=store, path=asvs / "asvs-4.0.3-en.flat.json")
    a5 = bv.import_catalogue("asvs", store=store, path=asvs / "asvs-5.0.0-en.flat.json")
    mapping = bv.import_revision("asvs", a4, a5, asvs / "mapping_v4.0.3_to_v5.0.0.yml", store=store)
    words = Counter(mapping.reasons().values())
    assert {"MOVED TO", "SPLIT TO", "COVERED BY", "MERGED TO", "DEPRECATED BY"} == set(words)
    assert Counter(mapping.relationships().values())["intersects-with"] == 33
    nist = EXTERNAL / "nist-800-53"
    n4 = bv.import_catalogue(
        "oscal",
        store=store,
        path=nist / "NIST_SP-800-53_rev4_catalog.yaml",
        framework="nist",
        version="rev4",
    )
    rev5 = nist / "NIST_SP-800-53_rev5.0.1_catalog.json"
    n5 = bv.import_catalogue("oscal", store=store, path=rev5, framework="nist", version="rev5")
    published = bv.import_revision("oscal", n4, n5, rev5, store=store)
    rels = Counter(published.reasons().values())
    assert set(rels) == {"incorporated-into", "moved-to"}
    assert Counter(published.relationships().values())["intersects-with"] == 6
    again = Mapping.from_dict(published.to_dict(), source=n4, target=n5)
    assert [r.reason for r in again.relations] == [r.reason for r in published.relations]
    assert again.reasons() == published.reasons()


def test_relationships_of_links() -> None:
    mapping = Mapping.from_links(
        {
            ("a", "x"): True,
            ("e", "w"): False,
            ("b", "y"): False,
            ("c", "y"): False,
            ("d", "z1"): False,
            ("d", "z2"): False,
            ("g", "v1"): False,
            ("g", "v2"): False,
            ("h", "v2"): False,
        },
        framework="f",
        source_version="1",
        target_version="2",
        facts=bv.LinkAnnotations(
            reasons={("b", "y"): "MERGED TO", ("c", "y"): "COVERED BY"},
            relationships={("e", "w"): "subset-of", ("a", "x"): "equal-to"},
        ),
        check=False,
    )
    assert mapping.relationships() == {
        ("a", "x"): "equal-to",
        ("e", "w"): "subset-of",  # stated, where the graph says equivalent-to
        ("b", "y"): "subset-of",
        ("c", "y"): "subset-of",
        ("d", "z1"): "superset-of",
        ("d", "z2"): "superset-of",
        ("g", "v1"): "superset-of",
        ("g", "v2"): "intersects-with",
        ("h", "v2"): "subset-of",
    }
    # only what the graph and the relations would not say is kept, and it survives the file
    assert again_dict(mapping)["links"] == [
        {"from": "b", "to": "y", "reason": "MERGED TO"},
        {"from": "c", "to": "y", "reason": "COVERED BY"},
        {"from": "e", "to": "w", "relationship": "subset-of"},
    ]
    again = Mapping.from_dict(mapping.to_dict())
    assert again.relationships() == mapping.relationships()
    assert again.reasons() == {("b", "y"): "MERGED TO", ("c", "y"): "COVERED BY"}
    merged = next(r for r in mapping.relations if r.kind == "merged")
    assert merged.reason is None  # its two links give two reasons: each link keeps its own


def again_dict(mapping: Mapping) -> dict[str, object]:
    return Mapping.from_dict(mapping.to_dict()).to_dict()
