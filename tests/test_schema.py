"""The shipped JSON Schemas are valid, and the built-in checker agrees with jsonschema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bvframework import Store
from bvframework._core.schema import SCHEMA_NAMES, check, load_schema
from bvframework._core.yamlio import Document


def read_document(path: Path) -> Document:
    store = Store()
    return store.document(store.locate("catalogue", path))


ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent


def files_of(kind: str) -> list[Path]:
    folders = {
        "catalogue": "catalogues",
        "mapping": "mappings",
        "scale": "scales",
        "assessment": "assessments",
    }
    name = folders[kind]
    return sorted((ROOT / name).rglob("*.yaml")) + sorted(
        (TESTS / "data").rglob(f"{name}/**/*.yaml")
    )


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(load_schema(name))


@pytest.mark.parametrize(
    ("name", "path"),
    [(name, p) for name in SCHEMA_NAMES for p in files_of(name)],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_data_files_conform(name: str, path: Path) -> None:
    doc = read_document(path)
    jsonschema.validate(doc.data, load_schema(name), cls=jsonschema.Draft202012Validator)
    assert check(doc, name) == []


def reference_ok(data: Any, name: str) -> bool:
    validator = jsonschema.Draft202012Validator(load_schema(name))
    return not list(validator.iter_errors(data))


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 3),
    st.floats(-1, 2, allow_nan=False),
    st.sampled_from(["", "x", "A-1", "a b", "v1--x", "unchanged", "merged", "2024-05-08"]),
)
keys = st.sampled_from(
    [
        "kind",
        "from",
        "to",
        "id",
        "title",
        "items",
        "framework",
        "version",
        "complete",
        "relations",
        "themes",
        "confidence",
        "extra",
        "levels",
    ]
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)


@given(st.sampled_from(SCHEMA_NAMES), st.dictionaries(keys, values, max_size=6))
def test_checker_agrees_with_jsonschema_on_random_data(name: str, data: dict[str, Any]) -> None:
    ours = check(Document.from_data(data), name) == []
    assert ours == reference_ok(data, name)


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_mutated_files_agree(name: str) -> None:
    for path in files_of(name)[:3]:
        data = read_document(path).data
        for key in list(data):
            broken = {k: v for k, v in data.items() if k != key}
            assert (check(Document.from_data(broken), name) == []) == reference_ok(broken, name)
            typed = data | {key: 12345}
            assert (check(Document.from_data(typed), name) == []) == reference_ok(typed, name)
