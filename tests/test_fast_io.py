"""The fast paths of the input layer give what the slow ones give: libyaml's emitter where
:func:`same_in_c` lets it write (checked against PyYAML's own emitter, what ``dump_yaml``
wrote before), and the parse cache of large YAML files (checked against the strict parse,
and never trusted when its entry is stale, damaged, foreign or unwritable)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import bvframework as bv
from bvframework import DataError
from bvframework._api.frameworks import suggest
from bvframework._cli.main import main
from bvframework._core import yamlio
from bvframework._core.yamlio import dump_yaml, parse_yaml, same_in_c
from bvframework._render import outputs
from bvframework._render.outputs import json_text
from bvframework._store import parsecache

# -- the emitter ---------------------------------------------------------------------------


class _Before(yaml.SafeDumper):
    """dump_yaml's dumper before: PyYAML's own representer and emitter, pure Python."""


_Before.add_representer(str, yamlio._represent_str)
_Before.add_representer(list, yamlio._represent_list)


def python_emitter(data: Any) -> str:
    """What dump_yaml wrote before libyaml's emitter and the quick representer were used."""
    return yaml.dump(data, Dumper=_Before, sort_keys=False, allow_unicode=True, width=100)


# YAML's indicators, quotes, spaces and line breaks in every position; and, less often,
# characters the two emitters treat differently (tab, CR, NEL, BOM, an emoji, a C1 control)
_PRINTABLE = [*"ab xyz-:#'\"!&*?|>%@`{}[],.\\~01", " ", "  ", "\n", "\n\n", "é", "\u2019", "\xa0"]
_OTHER = ["\t", "\r", "\x85", "\u2028", "\ufeff", "\U0001f600", "\x9f", "- ", ": ", " #"]
_WORD = st.lists(st.sampled_from([c for c in _PRINTABLE if not c.isspace()]), max_size=9)
_JOINED = st.lists(
    st.tuples(_WORD.map("".join), st.sampled_from([" ", "\n", "  ", "\n\n", "\n  ", ", "]))
).map(lambda parts: "".join(w + s for w, s in parts).rstrip(" "))
_TEXT = (
    _JOINED
    | st.lists(st.sampled_from(_PRINTABLE), max_size=80).map("".join)
    | st.lists(st.sampled_from(_PRINTABLE + _OTHER), max_size=80).map("".join)
)
_NAMES = st.text(alphabet="abcxyz_-: '", min_size=1, max_size=12)
_KEYS = st.one_of(*[_NAMES] * 9, _TEXT)
_SCALARS = _TEXT | st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)
_DOCUMENTS = st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=6)  # a third go to libyaml


@settings(max_examples=300, deadline=None)
@given(_DOCUMENTS | _VALUES, st.integers(min_value=1, max_value=3))
def test_json_text_is_what_json_dumps_writes_in_any_pieces(data: Any, piece: int) -> None:
    # pieces of 1-3 items, so that Hypothesis's short lists are cut up too
    with mock.patch.object(outputs, "PIECE", piece):
        assert json_text(data) == json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def test_json_text_writes_a_long_list_as_json_dumps_does() -> None:
    relations = [{"from": [f"R{i}"], "to": [], "note": 'é\n\t"', "x": 0.5} for i in range(2_345)]
    data = {"framework": "toy", "relations": relations, "empty": [], "after": {"a": [1]}}
    assert json_text(data) == json.dumps(data, indent=1, ensure_ascii=False) + "\n"


@settings(max_examples=500, deadline=None)
@given(_DOCUMENTS)
def test_dump_yaml_writes_what_pythons_emitter_writes(data: Any) -> None:
    expected = python_emitter(data)
    assert dump_yaml(data) == expected
    with pytest.MonkeyPatch.context() as patch:  # long lists written in pieces of 2
        patch.setattr(yamlio, "PIECE", 2)
        assert dump_yaml(data) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*"abc -:'\"#\n", "\n\n", "é", "  "]), max_size=300)))
def test_long_texts_fold_the_same_in_both_emitters(parts: list[list[str]]) -> None:
    data = {"relations": [{"note": "".join(p), "from": ["a"]} for p in parts], "n": 1}
    assert dump_yaml(data) == python_emitter(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlio, "PIECE", 3)
        assert dump_yaml(data) == python_emitter(data)


@pytest.mark.parametrize(
    ("value", "same"),
    [
        ("plain text, with: colons and 'quotes'", True),
        ("two\nlines", True),
        ("a" * 300 + " b" * 100, True),
        ("tab\there", False),  # libyaml escapes a tab; PyYAML writes it
        ("emoji \U0001f600", False),  # beyond the BMP: libyaml escapes it
        ("line \nwith a space before the break", False),  # double-quoted: folded apart
        ("two\nlines ending in a space ", False),
        ("kept breaks\n\n", False),  # |+ : libyaml adds a document end marker
        ("\n", False),
        (b"bytes", False),
        (("a", "tuple"), False),
    ],
)
def test_same_in_c_lets_through_only_what_both_write_alike(value: Any, same: bool) -> None:
    assert same_in_c({"text": value}) is same
    if isinstance(value, str):
        assert dump_yaml({"text": value}) == python_emitter({"text": value})


def test_shared_lists_and_mappings_keep_their_anchors() -> None:
    shared: list[Any] = ["a", None, True, 3]
    inner = {"k": shared}
    data = {"one": shared, "two": shared, "three": inner, "four": inner, "n": -0, "b": False}
    assert dump_yaml(data) == python_emitter(data)
    assert "&id001" in dump_yaml(data)


def test_a_document_that_is_not_a_mapping_is_left_to_python() -> None:
    for data in (None, "text", 1, ["a", "b"]):
        assert same_in_c(data) is False
        assert dump_yaml(data) == python_emitter(data)


def test_a_multiline_key_or_a_short_list_of_multiline_strings_is_left_to_python() -> None:
    assert same_in_c({"a\nb": 1}) is False
    assert same_in_c({"ids": ["a", "b\nc"]}) is False
    assert same_in_c({"ids": ["a"] * 9 + ["b\nc"]}) is True  # a block list: a literal


@pytest.mark.parametrize("kind", ["catalogue", "mapping", "scale", "assessment"])
def test_the_bundled_data_is_written_as_before(kind: str) -> None:
    store = bv.Store()
    for ref in store.bundled(kind):  # type: ignore[arg-type]
        data = store.document(store.locate(kind, ref)).data  # type: ignore[arg-type]
        assert dump_yaml(data) == python_emitter(data), ref


def test_a_real_mapping_is_written_as_before(tmp_path: Path) -> None:
    old = bv.synthetic_catalogue(300, seed=3)
    new = bv.revise(old, seed=4).new
    paths = [tmp_path / "old.yaml", tmp_path / "new.yaml"]
    for catalogue, path in zip((old, new), paths, strict=True):
        path.write_text(dump_yaml(catalogue.to_dict()), encoding="utf-8")
    data = suggest(*paths).to_dict()
    assert same_in_c(data)
    assert len(data["relations"]) > 100
    expected = python_emitter(data)
    assert dump_yaml(data) == expected
    with pytest.MonkeyPatch.context() as patch:  # written in pieces: the same
        patch.setattr(yamlio, "PIECE", 7)
        assert dump_yaml(data) == expected


# -- the parse cache -----------------------------------------------------------------------


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of its own, and every file large enough to be cached."""
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv(parsecache.VARIABLE, raising=False)
    monkeypatch.setattr(parsecache, "MIN_BYTES", 0)
    return tmp_path / "cache" / "parsed"


def catalogue_file(tmp_path: Path, n: int = 40, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dump_yaml(bv.synthetic_catalogue(n, seed=n).to_dict()), encoding="utf-8")
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.parsed.json")) if folder.is_dir() else []


def test_the_second_read_comes_from_the_cache_and_is_the_same(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = catalogue_file(tmp_path)
    first = bv.load_catalogue(path)
    assert len(entries(cache)) == 1
    parsed: list[str] = []
    monkeypatch.setattr(yamlio, "parse_yaml", lambda *a, **k: parsed.append("x"))
    second = bv.load_catalogue(path)
    assert parsed == []  # not parsed again
    assert second == first
    head, _, payload = entries(cache)[0].read_bytes().partition(b"\n")
    assert json.loads(payload) == parse_yaml(path.read_text("utf-8")).data
    import hashlib

    assert json.loads(head)["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_changed_file_is_parsed_again(cache: Path, tmp_path: Path) -> None:
    path = catalogue_file(tmp_path)
    bv.load_catalogue(path)
    path.write_text(path.read_text("utf-8").replace("Synthetic", "Changed"), encoding="utf-8")
    assert bv.load_catalogue(path).title.startswith("Changed")
    assert len(entries(cache)) == 2  # one entry per content


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b.replace(b'"Synthetic', b'"Tampered', 1),  # payload changed, hash kept
        lambda b: b"not json at all\n" + b,
        lambda b: b"",
        lambda b: b'{"format": "9.9", "bvframework": "0", "sha256": "x"}\n{}',  # foreign
        lambda b: b"\xff\xfe" * 10,
        lambda b: b"[1, 2]\n[]",
    ],
)
def test_a_damaged_or_foreign_entry_is_ignored_and_written_again(
    cache: Path, tmp_path: Path, damage: Any
) -> None:
    path = catalogue_file(tmp_path)
    expected = bv.load_catalogue(path)
    (entry,) = entries(cache)
    whole = entry.read_bytes()
    entry.write_bytes(damage(whole))
    assert bv.load_catalogue(path) == expected
    assert entry.read_bytes() == whole  # rewritten


def test_an_entry_for_other_bytes_under_this_name_is_not_used(cache: Path, tmp_path: Path) -> None:
    one, two = catalogue_file(tmp_path, 40, "one.yaml"), catalogue_file(tmp_path, 50, "two.yaml")
    bv.load_catalogue(one)
    bv.load_catalogue(two)
    first, second = entries(cache)
    first_bytes = first.read_bytes()
    first.write_bytes(second.read_bytes())  # a whole, valid entry, for another file
    items = len(bv.load_catalogue(one).items)
    assert items == 40
    assert first.read_bytes() == first_bytes


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_an_entry_another_user_owns_is_not_trusted(cache: Path, tmp_path: Path) -> None:
    path = catalogue_file(tmp_path)
    expected = bv.load_catalogue(path).to_dict()
    (entry,) = entries(cache)
    whole = entry.read_bytes()
    planted = whole.replace(b'"Synthetic', b'"Planted', 1)  # header and hashes kept right:
    head, _, payload = planted.partition(b"\n")  # a whole entry, made by someone else
    import hashlib

    stated = json.loads(head) | {"payload": hashlib.sha256(payload).hexdigest()}
    entry.write_bytes(json.dumps(stated).encode() + b"\n" + payload)
    os.chown(entry, 4321, -1)
    assert bv.load_catalogue(path).to_dict() == expected
    assert entry.stat().st_uid == os.getuid()  # rewritten, as this user's


def test_an_unwritable_cache_folder_is_no_error(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(blocker))  # its "parsed" folder cannot exist
    path = catalogue_file(tmp_path)
    assert len(bv.load_catalogue(path).items) == 40
    assert len(bv.load_catalogue(path).items) == 40


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX")
def test_a_read_only_cache_folder_is_no_error(cache: Path, tmp_path: Path) -> None:
    cache.mkdir(parents=True)
    cache.chmod(0o500)
    try:
        path = catalogue_file(tmp_path)
        assert len(bv.load_catalogue(path).items) == 40
        assert entries(cache) == []
    finally:
        cache.chmod(0o700)


def test_errors_found_after_a_cached_parse_still_name_the_line(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    text = (
        "framework: f\nversion: v1\ntitle: T\nthemes:\n- id: A\n  title: A\n  items:\n"
        "  - id: A1\n  - id: A1\n"
    )
    path.write_text(text, encoding="utf-8")
    for _ in range(2):  # parsed, then from the cache: the same message, line 9
        with pytest.raises(DataError) as exc:
            bv.load_catalogue(path)
        assert [str(p) for p in exc.value.problems] == [
            f"{path}:9: themes[0].items[1].id: duplicate item id 'A1' (first at themes[0].items[0])"
        ]
    assert len(entries(cache)) == 1  # the parse was kept; the catalogue's check is not


def test_invalid_yaml_is_never_cached(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(DataError, match="duplicate key"):
        bv.load_catalogue(path)
    assert entries(cache) == []


def test_data_json_cannot_hold_is_not_cached(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "dated.yaml"
    path.write_text("themes: []\nwhen: 2024-05-08\n", encoding="utf-8")
    store = bv.Store()
    doc = store.document(store.locate("catalogue", path))
    assert str(doc.data["when"]) == "2024-05-08"
    assert entries(cache) == []


@pytest.mark.parametrize("value", ["0", "off", "No", "false"])
def test_the_variable_turns_it_off(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(parsecache.VARIABLE, value)
    bv.load_catalogue(catalogue_file(tmp_path))
    assert entries(cache) == []


def test_small_files_and_json_are_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv(parsecache.VARIABLE, raising=False)
    bv.load_catalogue(catalogue_file(tmp_path))  # a few kilobytes: under MIN_BYTES
    data = bv.synthetic_catalogue(30, seed=1).to_dict()
    (tmp_path / "c.json").write_text(json.dumps(data), encoding="utf-8")
    bv.load_catalogue(tmp_path / "c.json")
    assert not (tmp_path / "cache").exists()


def test_the_folder_is_kept_under_its_bound(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [catalogue_file(tmp_path, n, f"c{n}.yaml") for n in (40, 41, 42)]
    bv.load_catalogue(paths[0])
    size = entries(cache)[0].stat().st_size
    monkeypatch.setattr(parsecache, "MAX_TOTAL_BYTES", size * 2 + size // 2)  # room for two
    first = entries(cache)[0]
    os.utime(first, (1, 1))  # the least recently used
    bv.load_catalogue(paths[1])
    bv.load_catalogue(paths[2])
    assert len(entries(cache)) == 2
    assert not first.exists()


def test_the_cli_reads_a_cached_file_the_same(
    cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogue_file(tmp_path)
    outputs = []
    for _ in range(2):
        assert main(["show", str(path)]) == 0
        outputs.append(capsys.readouterr())
    assert outputs[0] == outputs[1]
    assert len(entries(cache)) == 1


def test_a_strict_parse_still_refuses_what_it_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="duplicate key"):
        parse_yaml("a: 1\na: 2\n")
    doc = parse_yaml("a:\n  b: '1.10'\n  c: 1.10\n", source="f.yaml")
    assert doc.line(("a", "c")) == 3
    assert doc.mark(("a", "b")) == yamlio.Mark(line=2, raw="1.10", quoted=True)
    assert doc.data == {"a": {"b": "1.10", "c": 1.1}}


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    import gc

    from bvframework._core.collect import paused

    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), paused():
        raise KeyError("x")
    assert gc.isenabled()  # after an exception too
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()
