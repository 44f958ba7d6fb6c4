"""Laws of translation, on generated scales (not only the built-ins)."""

from __future__ import annotations

import math
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from bvframework import POLICIES, Scale, translate
from bvframework._core.vocab import Policy

GRID = 60  # cut points on a 1/60 grid, so nested scales share exact edges


def make(name: str, cuts: list[int]) -> Scale:
    edges = [0.0, *(c / GRID for c in sorted(set(cuts))), 1.0]
    levels = [{"id": f"{name}{i}", "band": [lo, hi]} for i, (lo, hi) in enumerate(pairwise(edges))]
    return Scale.from_dict(
        {"id": name, "title": name, "levels": levels, "states": [{"id": "grey"}]}
    )


cut_lists = st.lists(st.integers(1, GRID - 1), max_size=7, unique=True)
scales = st.builds(make, st.sampled_from(["a", "b"]), cut_lists)


@st.composite
def nested(draw: st.DrawFn) -> tuple[Scale, Scale]:
    """(coarse, fine): every coarse edge is a fine edge."""
    fine_cuts = draw(cut_lists)
    coarse_cuts = draw(st.lists(st.sampled_from(fine_cuts), unique=True)) if fine_cuts else []
    return make("coarse", coarse_cuts), make("fine", fine_cuts)


def rank(scale: Scale, level: str) -> int:
    return scale.rank(level)


@given(scales)
def test_translation_to_the_same_scale_is_the_identity(scale: Scale) -> None:
    for level in scale.level_ids:
        for policy in POLICIES:
            t = translate(level, scale, scale, policy=policy)
            assert (t.levels, t.exact, t.loss) == ((level,), True, "none")


targets = st.builds(make, st.just("t"), cut_lists)


@given(scales, targets)
def test_monotone(source: Scale, target: Scale) -> None:
    previous: tuple[int, int] | None = None
    for level in source.level_ids:
        t = translate(level, source, target, policy="range")
        span = (rank(target, t.levels[0]), rank(target, t.levels[-1]))
        if previous is not None:
            assert previous[0] <= span[0]
            assert previous[1] <= span[1]
        previous = span


@given(scales, targets)
def test_weights_sum_to_one_and_levels_are_worst_first(source: Scale, target: Scale) -> None:
    for level in source.level_ids:
        for policy in ("range", "distribution", "conservative", "optimistic", "nearest"):
            t = translate(level, source, target, policy=policy)
            assert math.isclose(sum(t.weights), 1.0, rel_tol=1e-12)
            assert all(w > 0 for w in t.weights)
            ranks = [rank(target, lv) for lv in t.levels]
            assert ranks == sorted(ranks)
            assert set(t.levels) <= set(t.candidates)


@given(nested())
def test_coarse_fine_coarse_returns_the_original(pair: tuple[Scale, Scale]) -> None:
    coarse, fine = pair
    for level in coarse.level_ids:
        down = translate(level, coarse, fine, policy="range")
        back = {lv for f in down.levels for lv in translate(f, fine, coarse, policy="range").levels}
        assert back == {level}


@given(scales, targets)
def test_fine_coarse_fine_contains_the_original(fine: Scale, coarse: Scale) -> None:
    for level in fine.level_ids:
        up = translate(level, fine, coarse, policy="range")
        back = {lv for c in up.levels for lv in translate(c, coarse, fine, policy="range").levels}
        assert level in back


@given(st.lists(scales, min_size=1, max_size=4), st.sampled_from(["grey", "excluded", ""]))
def test_states_survive_any_chain(chain: list[Scale], state: str) -> None:
    value: object = state
    current = chain[0]
    expected = current.parse(state)
    for nxt in chain[1:]:
        t = translate(value, current, nxt, policy="nearest")
        assert (t.state, t.levels) == (expected, ())
        value, current = t.state, nxt


@given(scales, targets)
def test_policies_bound_each_other(source: Scale, target: Scale) -> None:
    def pick(level: str, policy: Policy) -> int:
        (only,) = translate(level, source, target, policy=policy).levels
        return rank(target, only)

    for level in source.level_ids:
        low, mid, high = (pick(level, p) for p in ("conservative", "nearest", "optimistic"))
        assert low <= mid <= high
