"""``Translation.level`` and ``.ambiguous`` for every pair of built-in scales.

The bands are in the scale files (scales/*.yaml): 1-5 and the six colours are fifths of the
0-1 axis; Good/Fair/Poor is Poor 0-0.4, Fair 0.4-0.8, Good 0.8-1; RAG is Red 0-0.4,
Amber 0.4-0.6, Green 0.6-1. The candidates below (target levels whose bands overlap the
source band with positive length, worst first) are worked out by hand from those bands.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import bvframework as bv

from .conftest import bvframework_process

FIVE = ("1", "2", "3", "4", "5")
SIX = ("red", "amber", "yellow", "light-green", "dark-green")
GFP = ("poor", "fair", "good")
RAG = ("red", "amber", "green")
LEVELS = {"numeric-1-5": FIVE, "six-colour": SIX, "good-fair-poor": GFP, "rag": RAG}

# source scale -> target scale -> source level -> candidates on the target, worst first
CANDIDATES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "numeric-1-5": {
        "six-colour": {
            "1": ("red",),
            "2": ("amber",),
            "3": ("yellow",),
            "4": ("light-green",),
            "5": ("dark-green",),
        },
        "good-fair-poor": {
            "1": ("poor",),
            "2": ("poor",),
            "3": ("fair",),
            "4": ("fair",),
            "5": ("good",),
        },
        "rag": {"1": ("red",), "2": ("red",), "3": ("amber",), "4": ("green",), "5": ("green",)},
    },
    "six-colour": {
        "numeric-1-5": {
            "red": ("1",),
            "amber": ("2",),
            "yellow": ("3",),
            "light-green": ("4",),
            "dark-green": ("5",),
        },
        "good-fair-poor": {
            "red": ("poor",),
            "amber": ("poor",),
            "yellow": ("fair",),
            "light-green": ("fair",),
            "dark-green": ("good",),
        },
        "rag": {
            "red": ("red",),
            "amber": ("red",),
            "yellow": ("amber",),
            "light-green": ("green",),
            "dark-green": ("green",),
        },
    },
    "good-fair-poor": {
        "numeric-1-5": {"poor": ("1", "2"), "fair": ("3", "4"), "good": ("5",)},
        "six-colour": {
            "poor": ("red", "amber"),
            "fair": ("yellow", "light-green"),
            "good": ("dark-green",),
        },
        "rag": {"poor": ("red",), "fair": ("amber", "green"), "good": ("green",)},
    },
    "rag": {
        "numeric-1-5": {"red": ("1", "2"), "amber": ("3",), "green": ("4", "5")},
        "six-colour": {
            "red": ("red", "amber"),
            "amber": ("yellow",),
            "green": ("light-green", "dark-green"),
        },
        "good-fair-poor": {"red": ("poor",), "amber": ("fair",), "green": ("fair", "good")},
    },
}
# a scale onto itself: every level is itself
for _name, _levels in LEVELS.items():
    CANDIDATES[_name][_name] = {lv: (lv,) for lv in _levels}

# Where the source band and its one candidate's band are the same band.
EXACT = {
    ("numeric-1-5", "six-colour"): set(FIVE),
    ("six-colour", "numeric-1-5"): set(SIX),
    ("numeric-1-5", "good-fair-poor"): {"5"},
    ("six-colour", "good-fair-poor"): {"dark-green"},
    ("numeric-1-5", "rag"): {"3"},
    ("six-colour", "rag"): {"yellow"},
    ("good-fair-poor", "numeric-1-5"): {"good"},
    ("good-fair-poor", "six-colour"): {"good"},
    ("good-fair-poor", "rag"): {"poor"},
    ("rag", "numeric-1-5"): {"amber"},
    ("rag", "six-colour"): {"amber"},
    ("rag", "good-fair-poor"): {"red"},
} | {(name, name): set(levels) for name, levels in LEVELS.items()}

CASES = [
    (source, target, level, candidates)
    for source, targets in CANDIDATES.items()
    for target, levels in targets.items()
    for level, candidates in levels.items()
]


def test_every_pair_and_level_is_listed() -> None:
    assert len(CANDIDATES) == 4
    assert all(len(targets) == 4 for targets in CANDIDATES.values())
    assert len(CASES) == 4 * (5 + 5 + 3 + 3)
    for source, target, level, _ in CASES:
        assert level in LEVELS[source]
        assert all(c in LEVELS[target] for c in CANDIDATES[source][target][level])


@pytest.fixture(scope="module")
def scales() -> dict[str, bv.Scale]:
    return {name: bv.load_scale(name) for name in LEVELS}


@pytest.mark.parametrize(("source", "target", "level", "candidates"), CASES)
def test_level_and_ambiguous(
    scales: dict[str, bv.Scale],
    source: str,
    target: str,
    level: str,
    candidates: tuple[str, ...],
) -> None:
    src, dst = scales[source], scales[target]
    several = len(candidates) > 1
    exact = level in EXACT.get((source, target), set())

    ranged = bv.translate(level, src, dst)  # policy "range"
    assert ranged.candidates == candidates
    assert ranged.ambiguous is several
    assert ranged.level == (None if several else candidates[0])
    assert ranged.levels == candidates
    assert ranged.exact is (exact and not several)
    assert ranged.loss == ("ambiguous" if several else "none" if exact else "coarser")
    assert ranged.state is None

    worst = bv.translate(level, src, dst, policy="conservative")
    best = bv.translate(level, src, dst, policy="optimistic")
    assert (worst.level, best.level) == (candidates[0], candidates[-1])
    # picking one does not make it less ambiguous: the candidates stay
    assert worst.ambiguous is best.ambiguous is several
    assert worst.candidates == best.candidates == candidates
    assert worst.loss == best.loss == ("chosen" if several else ranged.loss)

    if several:
        with pytest.raises(bv.AmbiguousTranslationError, match=level):
            bv.translate(level, src, dst, policy="strict")
    else:
        strict = bv.translate(level, src, dst, policy="strict")
        assert (strict.level, strict.ambiguous) == (candidates[0], False)


# "nearest" picks the candidate holding the source band's midpoint, the worse on a boundary
NEAREST = [
    ("good-fair-poor", "numeric-1-5", "poor", "1"),  # 0.2 is in 1 (0-0.2) and 2: worse
    ("good-fair-poor", "numeric-1-5", "fair", "3"),  # 0.6: 3 (0.4-0.6) and 4
    ("good-fair-poor", "six-colour", "poor", "red"),
    ("good-fair-poor", "six-colour", "fair", "yellow"),
    ("good-fair-poor", "rag", "fair", "amber"),  # 0.6: amber (0.4-0.6) and green
    ("rag", "numeric-1-5", "red", "1"),
    ("rag", "numeric-1-5", "green", "4"),  # 0.8: 4 (0.6-0.8) and 5
    ("rag", "six-colour", "green", "light-green"),
    ("rag", "good-fair-poor", "green", "fair"),  # 0.8: fair (0.4-0.8) and good
]


@pytest.mark.parametrize(("source", "target", "level", "expected"), NEAREST)
def test_nearest_takes_the_midpoint_and_the_worse_on_a_boundary(
    scales: dict[str, bv.Scale], source: str, target: str, level: str, expected: str
) -> None:
    t = bv.translate(level, scales[source], scales[target], policy="nearest")
    assert (t.level, t.ambiguous, t.loss) == (expected, True, "chosen")


def test_nearest_away_from_a_boundary() -> None:
    """Moved bands put the midpoint inside one candidate: 0-0.3 has midpoint 0.15, in 1."""
    rag = bv.load_scale("rag", bands={"red": (0.0, 0.3), "amber": (0.3, 0.6)})
    five = bv.load_scale("numeric-1-5")
    t = bv.translate("red", rag, five, policy="nearest")
    assert (t.candidates, t.level) == (("1", "2"), "1")
    t = bv.translate("amber", rag, five, policy="nearest")  # 0.3-0.6, midpoint 0.45: 3
    assert (t.candidates, t.level) == (("2", "3"), "3")


def test_weights_say_how_much_of_the_band_each_candidate_covers() -> None:
    five = bv.load_scale("numeric-1-5")
    t = bv.translate("Fair", bv.load_scale("good-fair-poor"), five)
    assert (t.levels, t.weights) == (("3", "4"), (0.5, 0.5))
    # amber 0.3-0.6 covers a third of 2 (0.3-0.4) and two thirds of 3 (0.4-0.6)
    rag = bv.load_scale("rag", bands={"red": (0.0, 0.3), "amber": (0.3, 0.6)})
    t = bv.translate("amber", rag, five, policy="distribution")
    assert t.levels == ("2", "3")
    assert t.weights == pytest.approx((1 / 3, 2 / 3))
    assert t.level is None
    assert t.ambiguous
    # one candidate has all the weight whatever the policy
    assert bv.translate("4", five, bv.load_scale("rag")).weights == (1.0,)


@pytest.mark.parametrize(
    ("source", "value", "state"),
    [
        ("six-colour", "Grey", "grey"),
        ("six-colour", "gray", "grey"),
        ("numeric-1-5", "Exc*", "excluded"),
        ("good-fair-poor", "N/A", "excluded"),
        ("rag", "", "not-assessed"),
    ],
)
@pytest.mark.parametrize("target", sorted(LEVELS))
@pytest.mark.parametrize("policy", ["range", "strict", "conservative", "nearest"])
def test_a_state_is_no_level_and_not_ambiguous(
    scales: dict[str, bv.Scale], source: str, value: str, state: str, target: str, policy: str
) -> None:
    t = bv.translate(value, scales[source], scales[target], policy=policy)  # type: ignore[arg-type]
    assert (t.state, t.level, t.levels, t.ambiguous, t.candidates) == (state, None, (), False, ())
    assert (t.exact, t.loss) == (True, "none")


@pytest.mark.parametrize(
    ("value", "source", "target", "policy", "text"),
    [
        ("5", "numeric-1-5", "six-colour", "range", "5 -> dark-green (exact)"),
        (
            "4",
            "numeric-1-5",
            "good-fair-poor",
            "range",
            "4 -> fair (good-fair-poor is coarser here: the finer numeric-1-5 value is lost)",
        ),
        (
            "Fair",
            "good-fair-poor",
            "numeric-1-5",
            "range",
            "fair -> 3 (50%), 4 (50%) (ambiguous: could be any of these)",
        ),
        (
            "Green",
            "rag",
            "six-colour",
            "optimistic",
            "green -> dark-green (optimistic choice among light-green, dark-green)",
        ),
        (
            "Grey",
            "six-colour",
            "rag",
            "range",
            "grey is the state 'grey': not a score, carried as it is",
        ),
    ],
)
def test_describe_by_hand(
    scales: dict[str, bv.Scale], value: str, source: str, target: str, policy: str, text: str
) -> None:
    t = bv.translate(value, scales[source], scales[target], policy=policy)  # type: ignore[arg-type]
    assert t.describe() == text


def cli_json(*argv: str) -> Any:
    done = bvframework_process(*argv, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_translate_json_by_hand() -> None:
    assert cli_json("translate", "Fair", "--from", "good-fair-poor", "--to", "numeric-1-5") == {
        "value": "fair",
        "source": "good-fair-poor",
        "target": "numeric-1-5",
        "policy": "range",
        "levels": ["3", "4"],
        "weights": [0.5, 0.5],
        "candidates": ["3", "4"],
        "exact": False,
        "loss": "ambiguous",
        "state": None,
    }
    grey = ("translate", "Grey", "--from", "six-colour", "--to", "rag", "--policy", "nearest")
    assert cli_json(*grey) == {
        "value": "grey",
        "source": "six-colour",
        "target": "rag",
        "policy": "nearest",
        "levels": [],
        "weights": [],
        "candidates": [],
        "exact": True,
        "loss": "none",
        "state": "grey",
    }


@pytest.mark.parametrize("source", sorted(LEVELS))
def test_crosswalk_json_agrees_with_the_table(source: str) -> None:
    """Every level row of every built-in crosswalk, as the CLI writes it, is the
    translation listed above; the states follow, carried as they are."""
    for target, levels in CANDIDATES[source].items():
        walk = cli_json("crosswalk", source, target)
        assert (walk["source"], walk["target"], walk["policy"]) == (source, target, "range")
        rows = walk["rows"][: len(LEVELS[source])]
        assert [r["value"] for r in rows] == list(LEVELS[source])
        assert [tuple(r["candidates"]) for r in rows] == [levels[lv] for lv in LEVELS[source]]
        assert [r["exact"] for r in rows] == [
            lv in EXACT[(source, target)] and len(levels[lv]) == 1 for lv in LEVELS[source]
        ]
        states = [r["state"] for r in walk["rows"][len(LEVELS[source]) :]]
        own = ["grey"] if source == "six-colour" else []
        assert states == [*own, "excluded", "not-assessed"]


def test_an_unknown_policy_is_named_with_the_choices(scales: dict[str, bv.Scale]) -> None:
    with pytest.raises(bv.UnknownReferenceError) as caught:
        bv.translate("3", scales["numeric-1-5"], scales["rag"], policy="closest")  # type: ignore[arg-type]
    assert str(caught.value).startswith(
        "unknown policy 'closest' "
        "(policies: strict, range, distribution, conservative, optimistic, nearest)"
    )
