"""Benchmarking a cohort: every count below is written out by hand from the scales' bands,
never computed by the code under test.

The cohort (catalogue ``test/v1``: theme A = A1, A2, A3; theme B = B1, B2), common scale
numeric-1-5 (the default: five levels, tied with six-colour and first by ID), threshold 4
(the default: its second-highest level). Translations onto 1-5 by the bundled bands:
RAG red 1-2, amber 3, green 4-5; Good/Fair/Poor poor 1-2, fair 3-4, good 5; six colours
one to one (grey is a state).

=========  =========  ======  =======  =======  =======  =======
council    scale      A1      A2       A3       B1       B2
=========  =========  ======  =======  =======  =======  =======
Alpha      1-5        5       4        Exc      3        2
Beta       RAG        Green   Amber    Red      Green    Green
Gamma      G/F/P      Fair    Good     Poor     Fair     (blank)
Delta '23  six        DG      Grey     LG       Yellow   Amber
Delta '21  six        LG      Grey     LG       Red      Yellow
Epsilon    1-5        4       Exc      Exc      Exc      Exc
=========  =========  ======  =======  =======  =======  =======

Theme A, items at or above 4 (certainly, possibly) of those with a level:
Alpha 2, 2 of 2; Beta 1, 1 of 3 (green 4-5 yes, amber 3 no, red 1-2 no); Gamma 1, 2 of 3
(fair 3-4 possibly, good 5 certainly, poor no); Delta 2, 2 of 2 (grey is not counted);
Epsilon 1, 1 of 1. Theme B: Alpha 0, 0 of 2; Beta 2, 2 of 2; Gamma 0, 1 of 1 (fair);
Delta 0, 0 of 2; Epsilon has no item with a level (not compared).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bvframework as bv
from bvframework._assessments.benchmark import (
    benchmark,
    choose_scale,
    choose_version,
    cohort,
)
from bvframework._assessments.model import Assessment
from bvframework._catalogues.model import Catalogue
from bvframework._core.errors import CompositionError, UnknownLabelError, UnknownReferenceError

TOY = Path(__file__).parent / "data" / "toy"

CATALOGUE = Catalogue.from_dict(
    {
        "framework": "test",
        "version": "v1",
        "title": "Test catalogue",
        "themes": [
            {
                "id": "A",
                "title": "Alpha theme",
                "items": [{"id": "A1"}, {"id": "A2"}, {"id": "A3"}],
            },
            {"id": "B", "title": "Beta theme", "items": [{"id": "B1"}, {"id": "B2"}]},
        ],
    }
)
SCALES = {ref: bv.load_scale(ref) for ref in ("numeric-1-5", "rag", "good-fair-poor", "six-colour")}


def make(council: str, scale: str, scores: dict[str, str], date: str | None = None) -> Assessment:
    data: dict[str, Any] = {
        "id": f"{council.lower()}-{date or 'undated'}",
        "council": council,
        "catalogue": "test/v1",
        "scale": scale,
        "scores": scores,
    }
    if date:
        data["date"] = date
    return Assessment.from_dict(data, catalogue=CATALOGUE, scale=SCALES[scale])


ALPHA = make("Alpha", "numeric-1-5", {"A1": "5", "A2": "4", "A3": "Exc", "B1": "3", "B2": "2"})
BETA = make("Beta", "rag", {"A1": "Green", "A2": "Amber", "A3": "Red", "B1": "G", "B2": "Green"})
GAMMA = make("Gamma", "good-fair-poor", {"A1": "Fair", "A2": "Good", "A3": "Poor", "B1": "Fair"})
DELTA = make(
    "Delta",
    "six-colour",
    {"A1": "Dark green", "A2": "Grey", "A3": "Light green", "B1": "Yellow", "B2": "Amber"},
    "2023-05",
)
DELTA_EARLIER = make(
    "Delta",
    "six-colour",
    {"A1": "Light green", "A2": "Grey", "A3": "Light green", "B1": "Red", "B2": "Yellow"},
    "2021-05",
)
EPSILON = make(
    "Epsilon", "numeric-1-5", {"A1": "4", "A2": "Exc", "A3": "Exc", "B1": "Exc", "B2": "Exc"}
)
COHORT = [ALPHA, BETA, GAMMA, DELTA, DELTA_EARLIER, EPSILON]

# council -> theme -> (assessed, low, high, certainly above, certainly below, best, worst)
EXPECTED: dict[str, dict[str, tuple[int | None, ...]]] = {
    "Alpha": {"A": (2, 2, 2, 0, 2, 1, 3), "B": (2, 0, 0, 1, 0, 2, 4)},
    "Beta": {"A": (3, 1, 1, 3, 0, 4, 5), "B": (2, 2, 2, 0, 2, 1, 2)},
    "Delta": {"A": (2, 2, 2, 0, 2, 1, 3), "B": (2, 0, 0, 1, 0, 2, 4)},
    "Epsilon": {"A": (1, 1, 1, 0, 2, 1, 3), "B": (0, 0, 0, 0, 0, None, None)},
    "Gamma": {"A": (3, 1, 2, 3, 0, 4, 5), "B": (1, 0, 1, 0, 0, 1, 4)},
}


def test_every_council_and_theme_against_counts_written_by_hand() -> None:
    result = benchmark(COHORT)
    assert result.scale.id == "numeric-1-5"
    assert result.threshold == "4"
    assert result.version == "test/v1"
    assert [c.council for c in result.councils] == sorted(EXPECTED)
    for council in result.councils:
        for theme in council.themes:
            got = (
                theme.assessed,
                theme.at_or_above_low,
                theme.at_or_above_high,
                theme.peers_certainly_above,
                theme.peers_certainly_below,
                theme.rank_best,
                theme.rank_worst,
            )
            assert got == EXPECTED[council.council][theme.theme_id], (council.council, theme)
    # peers compared: every other council assessed on the theme (Epsilon is not, on B)
    assert [c.theme("A").peers_compared for c in result.councils] == [4, 4, 4, 4, 4]
    assert [c.theme("B").peers_compared for c in result.councils] == [3, 3, 3, 0, 3]


def test_the_cohort_is_each_councils_latest_and_its_previous_gives_the_change() -> None:
    result = benchmark(COHORT)
    delta = result.council("Delta")
    assert (delta.assessment, delta.date) == ("delta-2023-05", "2023-05")
    assert (delta.previous, delta.previous_date) == ("delta-2021-05", "2021-05")
    # A1 LG -> DG improved; A2 grey: not comparable; A3 same; B1 red -> yellow improved;
    # B2 yellow -> amber declined
    assert dict(delta.changes) == {"improved": 2, "declined": 1, "same": 1, "not comparable": 1}
    assert result.council("Alpha").previous is None
    assert "previous" not in result.council("Alpha").to_dict()


def test_json_has_the_documented_keys_councils_sorted_by_name() -> None:
    data = benchmark(COHORT).to_dict()
    assert {"version", "scale", "threshold", "councils"} <= set(data)
    assert (data["version"], data["scale"], data["threshold"]) == ("test/v1", "numeric-1-5", "4")
    assert [c["council"] for c in data["councils"]] == [
        "Alpha",
        "Beta",
        "Delta",
        "Epsilon",
        "Gamma",
    ]
    first = data["councils"][0]
    assert {"council", "date", "themes"} <= set(first)
    assert list(first["themes"][0]) == [
        "theme_id",
        "theme",
        "assessed",
        "at_or_above_low",
        "at_or_above_high",
        "peers_certainly_above",
        "peers_certainly_below",
        "rank_best",
        "rank_worst",
    ]
    assert first["themes"][0]["theme"] == "Alpha theme"


def test_the_long_table_marks_translations_and_says_why() -> None:
    result = benchmark(COHORT)
    rows = {(p.council, p.item, p.cohort): p for p in result.positions}
    # one row per council x item, earlier years included (not in the cohort)
    assert len(result.positions) == 6 * 5
    assert sum(p.cohort for p in result.positions) == 5 * 5
    fair = rows["Gamma", "A1", True]
    assert (fair.scale, fair.label, fair.low, fair.high) == ("good-fair-poor", "Fair", "3", "4")
    assert (fair.translated, fair.policy, fair.comparable) == (True, "range", True)
    assert fair.reason == "Fair is 3 or 4 on numeric-1-5"
    green = rows["Beta", "A1", True]
    assert (green.low, green.high, green.reason) == ("4", "5", "Green is 4 or 5 on numeric-1-5")
    amber = rows["Beta", "A2", True]
    assert (amber.low, amber.high, amber.translated, amber.reason) == ("3", "3", True, "")
    own = rows["Alpha", "A1", True]
    assert (own.low, own.high, own.translated, own.policy) == ("5", "5", False, None)
    excluded = rows["Alpha", "A3", True]
    assert (excluded.comparable, excluded.state, excluded.reason) == (
        False,
        "excluded",
        "excluded by the council",
    )
    assert excluded.translated is False  # nothing was translated: a state passes through
    grey = rows["Delta", "A2", True]
    assert (grey.state, grey.comparable) == ("grey", False)
    assert grey.reason.startswith("Grey is a state, not a level (Not in the control of Officers")
    blank = rows["Gamma", "B2", True]
    assert (blank.state, blank.reason, blank.code) == (
        "not-assessed",
        "not assessed by the council",
        "B2",
    )
    exact = rows["Delta", "B2", True]  # six-colour amber is exactly 2
    assert (exact.low, exact.high, exact.translated, exact.label) == ("2", "2", True, "Amber")


def test_item_distributions_show_ranges_and_the_bottom() -> None:
    result = benchmark(COHORT)
    by_item = {d.item: d for d in result.items}
    a1 = by_item["A1"]  # Alpha 5, Beta green (4-5), Gamma fair (3-4), Delta DG 5, Epsilon 4
    assert dict(a1.levels) == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 2}
    assert dict(a1.ranges) == {("3", "4"): 1, ("4", "5"): 1}
    assert (a1.assessed, a1.at_or_above_low, a1.at_or_above_high) == (5, 4, 5)
    a2 = by_item["A2"]  # Alpha 4, Beta amber 3, Gamma good 5, Delta grey, Epsilon Exc
    assert dict(a2.levels) == {"1": 0, "2": 0, "3": 1, "4": 1, "5": 1}
    assert dict(a2.states) == {"excluded": 1, "grey": 1}
    b2 = by_item["B2"]  # Alpha 2, Beta green 4-5, Gamma blank, Delta amber 2, Epsilon Exc
    assert (b2.assessed, b2.below_certain, b2.below_possible) == (3, 2, 2)
    assert dict(b2.states) == {"excluded": 1, "not-assessed": 1}
    # below 4 for certain: B1 Alpha 3, Delta yellow 3 (Beta green, Gamma fair 3-4 maybe not)
    # = 2, possibly 3; B2 2 and 2; A3 red 1-2, poor 1-2 = 2 certain, 2 possible
    bottom = [d.item for d in result.bottom(3)]
    assert bottom == ["B1", "A3", "B2"]


def test_translated_marks_follow_the_scale_not_the_value() -> None:
    on_rag = benchmark(COHORT, scale=SCALES["rag"])
    rows = {(p.council, p.item): p for p in on_rag.positions if p.cohort}
    # 4 on 1-5 is green on RAG: one level, coarser, still translated
    assert (rows["Alpha", "A2"].low, rows["Alpha", "A2"].translated) == ("green", True)
    assert (rows["Beta", "A2"].translated, rows["Beta", "A2"].policy) == (False, None)
    assert on_rag.threshold == "amber"  # RAG's second-highest level
    assert on_rag.chosen == (
        "version test/v1: every assessment is on it",
        "threshold Amber: the second-highest level of rag",
    )


def test_threshold_by_label_and_refused_when_a_state() -> None:
    result = benchmark(COHORT, threshold="5")
    alpha = result.council("Alpha").theme("A")
    assert (alpha.at_or_above_low, alpha.at_or_above_high) == (1, 1)
    with pytest.raises(UnknownLabelError):
        benchmark(COHORT, threshold="Exc")
    with pytest.raises(UnknownLabelError):
        benchmark(COHORT, threshold="7")


def test_defaults_are_said_and_do_not_depend_on_order() -> None:
    result = benchmark(COHORT)
    assert result.chosen == (
        "version test/v1: every assessment is on it",
        "scale numeric-1-5: the one with the most levels (5) of good-fair-poor, "
        "numeric-1-5, rag, six-colour",
        "threshold 4: the second-highest level of numeric-1-5",
    )
    assert benchmark(COHORT[::-1]).to_dict() == result.to_dict()
    assert choose_scale([SCALES["rag"]])[0].id == "rag"
    assert choose_scale([SCALES["rag"], SCALES["good-fair-poor"]])[0].id == "good-fair-poor"


def test_councils_are_the_same_only_when_names_match() -> None:
    groups = cohort([ALPHA, make("alpha", "numeric-1-5", {"A1": "1"})])
    assert list(groups) == ["Alpha", "alpha"]
    with pytest.raises(CompositionError, match="not all are dated"):
        benchmark([ALPHA, make("Alpha", "numeric-1-5", {"A1": "1"}, "2024-01")])
    twice = make("Delta", "six-colour", {"A1": "Red"}, "2023-05")
    with pytest.raises(CompositionError, match="two assessments 'delta-2023-05' dated 2023-05"):
        benchmark([DELTA, twice])


def test_errors() -> None:
    with pytest.raises(CompositionError, match="at least one"):
        benchmark([])
    with pytest.raises(UnknownReferenceError, match="council 'Zeta' is not in the cohort"):
        benchmark(COHORT, council="Zeta")
    with pytest.raises(UnknownReferenceError):
        benchmark(COHORT).council("Zeta")
    assert benchmark(COHORT, council="Beta").focus == "Beta"


# -- across versions: the toy fixtures ----------------------------------------------------------
@pytest.fixture(scope="module")
def toyshire() -> tuple[Assessment, Assessment, Any]:
    early = bv.load_assessment(TOY / "assessments/toy/toyshire-2023.yaml")
    late = bv.load_assessment(TOY / "assessments/toy/toyshire-2025.yaml")
    mapping = bv.load_mapping(TOY / "mappings/toy/v1--v2.yaml")
    return early, late, mapping


def test_one_councils_years_across_versions(toyshire: tuple[Assessment, Assessment, Any]) -> None:
    early, late, mapping = toyshire
    for order in ([early, late], [late, early]):
        result = benchmark(order, mappings=[mapping])
        assert result.version == "toy/v2"
        assert (
            result.chosen[0]
            == "version toy/v2: the latest version every assessment routes to (from toy/v1, toy/v2)"
        )
        (toy,) = result.councils
        # A-1 5=5 same; A-2 poor (1-2) -> 3 improved; A-3 fair (3-4) vs 3 not comparable;
        # A-X fair -> 5 improved; M-1 poor..good (1-5, merged as a range) vs 2 not
        # comparable; M-2 good 5 -> 4 declined; S-1 5 -> 5 same; S-2 -> Exc, N-1 and N-2
        # (added: not in v1) not comparable
        assert dict(toy.changes) == {
            "improved": 2,
            "declined": 1,
            "same": 2,
            "not comparable": 5,
        }
    rows = {(p.assessment, p.item): p for p in result.positions}
    merged = rows["toyshire-2023", "M-1"]
    assert (merged.low, merged.high, merged.code) == ("1", "5", "A-4, B-2")
    assert merged.reason == "Poor-Good is 1 to 5 on numeric-1-5"  # merged as a range
    added = rows["toyshire-2023", "N-1"]
    assert (added.comparable, added.reason) == (False, "not in toy/v1: added in toy/v2")
    moved = rows["toyshire-2023", "A-X"]
    assert (moved.code, moved.label, moved.low, moved.high) == ("B-1", "Fair", "3", "4")


def test_no_common_version_is_refused_with_a_reason(
    toyshire: tuple[Assessment, Assessment, Any],
) -> None:
    early, late, _ = toyshire
    with pytest.raises(CompositionError, match="no version is reachable from every assessment"):
        benchmark([early, late])
    with pytest.raises(CompositionError):
        choose_version([early.catalogue, late.catalogue], [])


# -- laws -------------------------------------------------------------------------------------
LABELS = {
    "numeric-1-5": ["1", "2", "3", "4", "5", "Exc", ""],
    "rag": ["Red", "Amber", "Green", "Exc"],
    "good-fair-poor": ["Poor", "Fair", "Good", ""],
    "six-colour": ["Red", "Amber", "Yellow", "Light green", "Dark green", "Grey"],
}
ITEMS = ["A1", "A2", "A3", "B1", "B2"]


@st.composite
def cohorts(draw: st.DrawFn) -> list[Assessment]:
    n = draw(st.integers(min_value=1, max_value=7))
    out = []
    for i in range(n):
        scale = draw(st.sampled_from(sorted(LABELS)))
        scores = {item: draw(st.sampled_from(LABELS[scale])) for item in ITEMS}
        year = draw(st.sampled_from(["2022-01", "2023-01", "2024-01"]))
        council = draw(st.sampled_from(["P", "Q", "R", "S", "T", "U"])) if i % 2 else f"C{i}"
        out.append(make(council, scale, scores, year))
    # one council's assessments must have distinct dates
    unique: dict[tuple[str, str | None], Assessment] = {}
    for a in out:
        unique.setdefault((a.council, a.date), a)
    return list(unique.values())


@settings(max_examples=60, deadline=None)
@given(cohorts(), st.randoms(use_true_random=False))
def test_invariant_under_shuffling(assessments: list[Assessment], rnd: random.Random) -> None:
    shuffled = list(assessments)
    rnd.shuffle(shuffled)
    first, second = benchmark(assessments), benchmark(shuffled)
    assert first.to_dict() == second.to_dict()
    assert sorted(p.to_dict().items() for p in first.positions) == sorted(
        p.to_dict().items() for p in second.positions
    )


@settings(max_examples=60, deadline=None)
@given(cohorts())
def test_certainly_below_iff_the_other_certainly_above(assessments: list[Assessment]) -> None:
    result = benchmark(assessments)
    names = [c.council for c in result.councils]
    for theme in ("A", "B"):
        for a in names:
            above = below = compared = 0
            for b in names:
                if a == b:
                    continue
                ab, ba = result.relation(a, b, theme), result.relation(b, a, theme)
                assert (ab == "below") == (ba == "above")
                assert (ab == "above") == (ba == "below")
                assert (ab is None) == (ba is None)
                above += ab == "above"
                below += ab == "below"
                compared += ab is not None
            position = result.council(a).theme(theme)
            # the counts (found by sorting the shares) agree with the pairs, one by one
            assert (position.peers_certainly_above, position.peers_certainly_below) == (
                above,
                below,
            )
            if position.assessed:
                assert position.peers_compared == compared
                assert position.rank_best == 1 + above
                assert position.rank_worst == 1 + compared - below
                assert 1 <= position.rank_best <= position.rank_worst <= len(names)


# -- golden: the published figures ---------------------------------------------------------------
# Blaby's published heat map (2025), per theme: (with a level, at 4 or 5), excluded items left
# out as Blaby leaves them out; 45 of 66 in all.
BLABY_THEMES = {
    "CI": (9, 8),
    "L": (10, 8),
    "G": (9, 5),
    "C": (11, 10),
    "R": (11, 8),
    "SD": (10, 3),
    "PC": (6, 3),
}


def test_blaby_alone_reproduces_its_published_figures() -> None:
    blaby = bv.load_assessment("best-value/blaby-2025")
    result = benchmark([blaby])
    (council,) = result.councils
    got = {t.theme_id: (t.assessed, t.at_or_above_low) for t in council.themes}
    assert got == BLABY_THEMES
    assert all(t.at_or_above_low == t.at_or_above_high for t in council.themes)
    assert sum(n for _, n in BLABY_THEMES.values()) == 45
    assert sum(n for n, _ in BLABY_THEMES.values()) == 66
    # alone, a council is ranked 1 of 1 on every theme
    assert {(t.rank_best, t.rank_worst, t.peers_compared) for t in council.themes} == {(1, 1, 0)}


def test_blaby_on_good_fair_poor_keeps_its_figures_as_intervals() -> None:
    """On Good/Fair/Poor (threshold Fair), a 3 is Fair, a 4 Fair, a 5 Good, a 2 Poor:
    Blaby's 65 items at 3 or above are all certainly at or above Fair; coarser, not wider."""
    blaby = bv.load_assessment("best-value/blaby-2025")
    result = benchmark([blaby], scale=SCALES["good-fair-poor"])
    assert result.threshold == "fair"
    council = result.councils[0]
    assert sum(t.at_or_above_low for t in council.themes) == 65  # 24 + 21 + 20
    assert sum(t.at_or_above_high for t in council.themes) == 65
    rows = [p for p in result.positions if p.low is not None]
    assert {(p.translated, p.policy) for p in rows} == {(True, "range")}


# -- more laws -----------------------------------------------------------------------------------
NUMERIC = ["1", "2", "3", "4", "5"]
# The band of 1-5 each coarser label stands for, from the bundled bands.
COARSE = {
    "rag": {"1": "Red", "2": "Red", "3": "Amber", "4": "Green", "5": "Green"},
    "good-fair-poor": {"1": "Poor", "2": "Poor", "3": "Fair", "4": "Fair", "5": "Good"},
    "six-colour": {"1": "Red", "2": "Amber", "3": "Yellow", "4": "Light green", "5": "Dark green"},
}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(COARSE)),
            st.lists(st.sampled_from(NUMERIC), min_size=5, max_size=5),
        ),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(NUMERIC),
)
def test_the_interval_always_holds_the_true_count(
    councils: list[tuple[str, list[str]]], threshold: str
) -> None:
    """Councils whose true scores are on 1-5 but who published them on a coarser scale:
    benchmarked on 1-5, every theme's interval holds the true count at or above the
    threshold (nothing is invented, nothing true is excluded)."""
    published = [
        make(
            f"C{n}", scale, {item: COARSE[scale][v] for item, v in zip(ITEMS, values, strict=True)}
        )
        for n, (scale, values) in enumerate(councils)
    ]
    result = benchmark(published, scale=SCALES["numeric-1-5"], threshold=threshold)
    for n, (_, values) in enumerate(councils):
        position = result.council(f"C{n}")
        for theme, items in (("A", ITEMS[:3]), ("B", ITEMS[3:])):
            true = sum(int(values[ITEMS.index(i)]) >= int(threshold) for i in items)
            t = position.theme(theme)
            assert t.at_or_above_low <= true <= t.at_or_above_high


@settings(max_examples=30, deadline=None)
@given(cohorts())
def test_lowest_threshold_counts_every_assessed_item(assessments: list[Assessment]) -> None:
    lowest = choose_scale([a.scale for a in assessments])[0].levels[0].label
    result = benchmark(assessments, threshold=lowest)
    for council in result.councils:
        for t in council.themes:
            assert t.at_or_above_low == t.at_or_above_high == t.assessed
            # equal shares (all 100%) overlap: nobody is certainly above or below
            assert (t.peers_certainly_above, t.peers_certainly_below) == (0, 0)


def test_frames_and_notebook_display() -> None:
    pytest.importorskip("pandas")
    result = benchmark(COHORT)
    frame = result.to_frame()
    assert len(frame) == 5 * 2  # councils x themes
    assert list(frame.columns[:3]) == ["council", "date", "theme_id"]
    assert str(frame["rank_best"].dtype) == "Int64"
    long = result.to_frame(long=True)
    assert len(long) == 30
    assert list(long["low"].cat.categories) == NUMERIC
    html = result._repr_html_()
    assert "<table>" in html
    assert "5 councils on numeric-1-5" in html


def test_relation_names_the_direction() -> None:
    result = benchmark(COHORT)
    assert result.relation("Beta", "Alpha", "A") == "above"
    assert result.relation("Alpha", "Beta", "A") == "below"
    assert result.relation("Beta", "Gamma", "A") == "overlap"
    assert result.relation("Alpha", "Epsilon", "B") is None
