"""Nothing but BvFrameworkError leaves the public API, whatever data it is given."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bvframework as bv
from bvframework import BvFrameworkError

CATALOGUE = bv.load_catalogue("best-value/statutory-2024-05")
SCALE = bv.load_scale("numeric-1-5")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),  # NaN and infinities included
    st.text(max_size=12),
    st.dates(),
)
keys = st.one_of(st.text(max_size=10), st.integers(), st.booleans(), st.none(), st.floats())
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=12,
)


def _near(template: dict[str, Any]) -> st.SearchStrategy[dict[Any, Any]]:
    """Dicts shaped like a real file, with any key replaced or any value swapped."""
    return st.one_of(
        st.dictionaries(keys, values, max_size=6),
        st.fixed_dictionaries({k: st.one_of(st.just(v), values) for k, v in template.items()}),
    )


CATALOGUE_DICT = CATALOGUE.to_dict()
MAPPING_DICT = bv.load_mapping("best-value/draft-2023-07--statutory-2024-05").to_dict()
SCALE_DICT = SCALE.to_dict()
ASSESSMENT_DICT = bv.load_assessment("best-value/blaby-2025").to_dict()


def _only_ours(build: Any, data: Any) -> None:
    with contextlib.suppress(BvFrameworkError):
        build(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_near(CATALOGUE_DICT))
def test_catalogue_from_any_dict(data: dict[Any, Any]) -> None:
    _only_ours(bv.Catalogue.from_dict, data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_near(MAPPING_DICT))
def test_mapping_from_any_dict(data: dict[Any, Any]) -> None:
    _only_ours(lambda d: bv.Mapping.from_dict(d, target=CATALOGUE), data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_near(SCALE_DICT))
def test_scale_from_any_dict(data: dict[Any, Any]) -> None:
    _only_ours(bv.Scale.from_dict, data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(_near(ASSESSMENT_DICT))
def test_assessment_from_any_dict(data: dict[Any, Any]) -> None:
    _only_ours(lambda d: bv.Assessment.from_dict(d, catalogue=CATALOGUE, scale=SCALE), data)


@settings(max_examples=200)
@given(st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=4))
def test_band_overrides(bands: dict[str, str]) -> None:
    with contextlib.suppress(BvFrameworkError):
        bv.load_scale("rag", bands={k: (v, v) for k, v in bands.items()})  # type: ignore[misc]
