from __future__ import annotations

import pytest

from bvframework import DataError
from bvframework._core.yamlio import dump_yaml, parse_yaml


def messages(exc: pytest.ExceptionInfo[DataError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    with pytest.raises(DataError) as exc:
        parse_yaml("a: 1\nb: 2\na: 3\n", source="f.yaml")
    assert messages(exc) == ["f.yaml:3: a: duplicate key 'a' (first on line 1)"]


def test_every_problem_is_reported_at_once() -> None:
    text = "a: 1\na: 2\nnested:\n  x: 1\n  x: 2\nno: 3\n"
    with pytest.raises(DataError) as exc:
        parse_yaml(text, source="f.yaml")
    assert messages(exc) == [
        "f.yaml:2: a: duplicate key 'a' (first on line 1)",
        "f.yaml:5: nested.x: duplicate key 'x' (first on line 4)",
        "f.yaml:6: key 'no' is read by YAML as the boolean False; quote it: 'no'",
    ]


def test_numeric_key_must_be_quoted() -> None:
    with pytest.raises(DataError, match=r"key '1.10' is read by YAML as the number 1.1"):
        parse_yaml("codes:\n  1.10: x\n")


def test_merge_keys_refused() -> None:
    with pytest.raises(DataError, match=r"merge keys"):
        parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n")


def test_invalid_yaml_has_line() -> None:
    with pytest.raises(DataError) as exc:
        parse_yaml("a: [1, 2\nb: 3\n", source="bad.yaml")
    assert messages(exc)[0].startswith("bad.yaml:")
    assert "invalid YAML" in messages(exc)[0]


def test_lines_and_raw_text_are_kept() -> None:
    doc = parse_yaml("x:\n  - id: 1.10\n  - id: 'A'\n")
    assert doc.data == {"x": [{"id": 1.1}, {"id": "A"}]}
    assert doc.line(("x", 0, "id")) == 2
    mark = doc.mark(("x", 0, "id"))
    assert mark is not None
    assert (mark.raw, mark.quoted) == ("1.10", False)
    assert doc.line(("x", 1, "missing", "deeper")) == 3


def test_empty_document() -> None:
    assert parse_yaml("").data is None


@pytest.mark.parametrize("text", ["1.10", "no", "yes", "on", "007", "1e3", "null", "2024-05-08"])
def test_dump_quotes_strings_yaml_would_retype(text: str) -> None:
    assert parse_yaml(dump_yaml({"id": text})).data == {"id": text}


def test_missing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from bvframework import Store

    store = Store()
    with pytest.raises(DataError, match="no such file"):
        store.document(store.locate("catalogue", tmp_path / "absent.yaml"))
