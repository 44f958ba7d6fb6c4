"""The strict YAML parse built from the parser's events (``_core/yamlevents.py``) gives
what the node tree gives: the same data for a plain document, and for anything else (an
alias, a duplicate key, a tag, invalid YAML) the node tree's own answer, every problem
with its line."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bvframework import DataError
from bvframework._core import yamlio
from bvframework._core.yamlevents import NotPlainError, plain_data
from bvframework._core.yamlio import MAX_DEPTH, MAX_NODES, dump_yaml, parse_yaml


def by_nodes(text: str) -> Any:
    """What the node tree gives: the data, or the problems' messages."""
    try:
        return yamlio._by_nodes(text, "f.yaml", text).data
    except DataError as exc:
        return [str(p) for p in exc.problems]


def parsed(text: str) -> Any:
    """What parse_yaml gives (by the events where the document is plain)."""
    try:
        return parse_yaml(text, source="f.yaml").data
    except DataError as exc:
        return [str(p) for p in exc.problems]


def plain(text: str, **limits: int) -> Any:
    limits = {"max_nodes": MAX_NODES, "max_depth": MAX_DEPTH, **limits}
    return plain_data(text, loader=yamlio._Composer, **limits)


_SCALARS = (
    st.text(max_size=12)
    | st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.dates()
    | st.sampled_from(["1.10", "no", "08", "1e3", "0o17", "~", "", "null", "2025-02-30", "<<"])
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(_DATA)
def test_a_dumped_document_is_plain_and_reads_as_by_the_node_tree(data: Any) -> None:
    text = dump_yaml(data)
    assert plain(text) == by_nodes(text)


# lines of YAML that are plain, and that are not: anchors, aliases, merge keys, tags,
# duplicate and non-string keys, flow collections, a second document, bad indentation
_LINES = st.lists(
    st.sampled_from(
        [
            "a: 1",
            "a: x",
            "b: 'q'",
            "c:",
            "  - 1",
            "  - x: 2",
            "    y: [1, 2]",
            "  d: {e: 1}",
            "f: &k {x: 1}",
            "g: *k",
            "  <<: *k",
            "h: !!str 12",
            "i: !custom 3",
            "j: ! 4",
            "1.10: x",
            "? [1]",
            ": 2",
            "---",
            "...",
            "k: 2025-02-30",
            "l: 2024-05-08",
            "m: !!binary aGk=",
            "n: !!float 1",
            "o: .inf",
            "  -",
            "- 1",
            "p: |",
            "  text",
            "\tq: 1",
            "r: [",
            "s: &t 1",
            "u: *t",
            "~: 1",
            "",
        ]
    ),
    max_size=10,
).map("\n".join)


@settings(max_examples=1_500, deadline=None)
@given(_LINES)
def test_any_text_reads_as_by_the_node_tree(text: str) -> None:
    assert parsed(text) == by_nodes(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # an alias
        "a: &x [1]\n",  # an anchor
        "a: 1\na: 2\n",  # a key twice
        "1: a\n",  # a key that is not a string
        "[1]: a\n",  # a key that is a list
        "b: {x: 1}\nc:\n  <<: {y: 2}\n",  # a merge key
        "a: 2025-02-30\n",  # a date that is not one
        "a: !custom 1\n",  # a tag no constructor has
        "a: 1\n---\nb: 2\n",  # two documents
        "",  # no document
        "a: [1\n",  # not YAML
    ],
)
def test_what_is_not_plain_is_left_to_the_node_tree(text: str) -> None:
    with pytest.raises(NotPlainError):
        plain(text)


def test_the_limits_are_the_node_trees() -> None:
    deep = "a: " + "[" * 5 + "1" + "]" * 5 + "\n"
    assert plain(deep, max_depth=6) == {"a": [[[[[1]]]]]}
    with pytest.raises(NotPlainError):
        plain(deep, max_depth=5)
    many = "a: [1, 2, 3]\n"  # four values: the list and its three items (keys not counted)
    assert plain(many, max_nodes=5) == {"a": [1, 2, 3]}
    with pytest.raises(NotPlainError):
        plain(many, max_nodes=4)
    with pytest.raises(DataError, match="nested more than"):
        parse_yaml("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), source="f.yaml")


def test_scalars_are_constructed_as_by_the_node_tree() -> None:
    text = "a: 1.10\nb: no\nc: 2024-05-08\nd: !!str 12\ne: '08'\nf: ~\ng: !!binary aGk=\n"
    data = {
        "a": 1.1,
        "b": False,
        "c": datetime.date(2024, 5, 8),
        "d": "12",
        "e": "08",
        "f": None,
        "g": b"hi",
    }
    assert plain(text) == by_nodes(text) == data
