"""Every YAML file bvframework writes reads the same in a YAML 1.2 reader (ruamel.yaml) as
in PyYAML (YAML 1.1) and in bvframework's own strict reader.

All YAML is written by ``dump_yaml`` (catalogues, mappings, scales, assessments, the CISO
Assistant export, the SSSOM metadata block): it is checked here on every bundled file, on
the exports, and on generated strings chosen to look like numbers, booleans, nulls and
dates to one reader or another.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import bvframework as bv
from bvframework._core.yamlio import dump_yaml, parse_yaml

ruamel_yaml = pytest.importorskip("ruamel.yaml", reason="the test extra has ruamel.yaml")

ROOT = Path(__file__).resolve().parents[1]
# Strings YAML 1.2 (core schema) reads as numbers, though PyYAML (1.1) reads them as
# strings, and strings YAML 1.1 readers other than PyYAML read as booleans
TRICKY = [
    "0000118", "08", "09", "1e3", "1E-2", "0o17", "0x1F", "+.5", "-.5e2", "1_000",
    "y", "Y", "n", "N", "yes", "No", "on", "OFF", "true", "False", "null", "Null", "~", "",
    "2024-05-08", "2024-5-8", "2024-05-08 10:00", "2024-05-08T10:00:00Z", "1:20", "1.10",
    ".inf", "-.Inf", ".nan", "0b101", "0.", "12e", "1.2.3", "A1", "CI-02", "1.A", "-_", "_",
]  # fmt: skip


def read_12(text: str) -> Any:
    """The text as a YAML 1.2 reader reads it."""
    reader = ruamel_yaml.YAML(typ="safe", pure=True)
    reader.version = (1, 2)
    return reader.load(io.StringIO(text))


def same_everywhere(data: Any) -> None:
    text = dump_yaml(data)
    assert read_12(text) == data, text
    assert yaml.safe_load(text) == data, text
    assert parse_yaml(text).data == data, text


def test_strings_that_look_like_other_types_are_quoted() -> None:
    same_everywhere({"ids": TRICKY, "keys": {t: t for t in TRICKY if t}})
    text = dump_yaml(["0000118", "1e3", "0o17", "08", "y"])
    assert text == "['0000118', '1e3', '0o17', '08', 'y']\n"


def test_plain_words_stay_plain() -> None:
    assert dump_yaml({"id": "CI-02", "v": "statutory-2024-05"}) == (
        "id: CI-02\nv: statutory-2024-05\n"
    )


_PIECES = st.sampled_from([*TRICKY, "-", "+", ".", "e", "E", "0", "7", "_", ":", " ", "x"])


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.lists(_PIECES, min_size=1, max_size=4).map("".join))
def test_generated_lookalikes_read_the_same_in_every_reader(text: str) -> None:
    same_everywhere({"id": text, "ids": [text], text: 1})


def bundled_data() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for kind, load in (
        ("catalogues", bv.load_catalogue),
        ("mappings", bv.load_mapping),
        ("scales", bv.load_scale),
        ("assessments", bv.load_assessment),
    ):
        for path in sorted((ROOT / kind).rglob("*.yaml")):
            out.append((f"{kind}/{path.name}", load(path).to_dict()))
    return out


@pytest.mark.parametrize(
    ("name", "data"), bundled_data(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_bundled_file_as_written_reads_the_same(name: str, data: dict[str, Any]) -> None:
    same_everywhere(data)


def test_exports_read_the_same() -> None:
    mapping = bv.load_mapping("best-value/runnymede-2024--draft-2023-07")
    text = bv.export_mapping(mapping, "ciso", date="2026-12-01")
    assert text is not None
    assert read_12(text) == yaml.safe_load(text)
    sssom = bv.export_mapping(mapping, "sssom", date="2026-12-01")
    assert sssom is not None
    header = "\n".join(line[2:] for line in sssom.splitlines() if line.startswith("# "))
    assert read_12(header) == yaml.safe_load(header)
