from __future__ import annotations

from typing import Any

import pytest

from bvframework import (
    AmbiguousTranslationError,
    DataError,
    Scale,
    UnknownLabelError,
    UnknownReferenceError,
    load_scale,
    translate,
)
from bvframework._core.vocab import Policy

from .conftest import Write

FIVE, SIX, GFP, RAG = (
    load_scale(s) for s in ("numeric-1-5", "six-colour", "good-fair-poor", "rag")
)


class TestPublishedPairings:
    @pytest.mark.parametrize(
        ("score", "colour"),
        [("5", "dark-green"), ("4", "light-green"), ("3", "yellow"), ("2", "amber"), ("1", "red")],
    )
    def test_blaby_pairing_is_exact_both_ways(self, score: str, colour: str) -> None:
        there = translate(score, FIVE, SIX, policy="strict")
        assert (there.levels, there.exact, there.loss) == ((colour,), True, "none")
        back = translate(colour, SIX, FIVE, policy="strict")
        assert (back.levels, back.exact) == ((score,), True)

    def test_blaby_orange_is_amber(self) -> None:
        assert SIX.parse("Orange") == "amber"

    def test_blaby_descriptions_parse(self) -> None:
        assert FIVE.parse("Fully delivering best value") == "5"
        assert FIVE.parse("mostly NOT delivering best-value") == "2"
        assert FIVE.parse("Exc*") == "excluded"
        assert FIVE.parse(4) == "4"
        assert FIVE.parse(4.0) == "4"

    def test_runnymede_grey_is_a_state_not_a_level(self) -> None:
        assert SIX.level_ids == ("red", "amber", "yellow", "light-green", "dark-green")
        assert SIX.is_state("grey")
        for target in (FIVE, GFP, RAG, SIX):
            t = translate("Grey", SIX, target, policy="strict")
            assert (t.state, t.levels, t.weights) == ("grey", (), ())

    def test_every_scale_has_the_common_states(self) -> None:
        for scale in (FIVE, SIX, GFP, RAG):
            assert {"excluded", "not-assessed"} <= set(scale.state_ids)
            assert scale.parse("") == "not-assessed"
            assert scale.parse(None) == "not-assessed"
            assert scale.parse("N/A") == "excluded"
            assert scale.parse("not relevant") == "excluded"


class TestPolicies:
    def test_fair_on_five_points(self) -> None:
        def result(policy: Policy) -> tuple[str, ...]:
            return translate("Fair", GFP, FIVE, policy=policy).levels

        assert result("range") == ("3", "4")
        assert translate("Fair", GFP, FIVE, policy="distribution").weights == (0.5, 0.5)
        assert result("conservative") == ("3",)
        assert result("optimistic") == ("4",)
        assert result("nearest") == ("3",)  # midpoint 0.6 is a boundary: the worse side
        with pytest.raises(AmbiguousTranslationError, match=r"could be any of 3, 4"):
            translate("Fair", GFP, FIVE, policy="strict")

    def test_chosen_result_keeps_its_candidates(self) -> None:
        t = translate("green", RAG, SIX, policy="optimistic")
        assert (t.levels, t.candidates, t.loss, t.exact) == (
            ("dark-green",),
            ("light-green", "dark-green"),
            "chosen",
            False,
        )

    def test_coarser_is_not_exact(self) -> None:
        t = translate("4", FIVE, GFP, policy="strict")
        assert (t.levels, t.exact, t.loss) == (("fair",), False, "coarser")
        assert "coarser" in t.describe()

    def test_unequal_overlap_weights(self) -> None:
        thirds = Scale.from_dict(
            {
                "id": "thirds",
                "title": "T",
                "levels": [
                    {"id": "low", "band": [0, 0.3]},
                    {"id": "mid", "band": [0.3, 0.7]},
                    {"id": "high", "band": [0.7, 1]},
                ],
            }
        )
        t = translate("3", FIVE, thirds)
        assert (t.levels, t.weights, t.loss) == (("mid",), (1.0,), "coarser")
        t = translate("2", FIVE, thirds)
        assert t.levels == ("low", "mid")
        assert t.weights == (0.5, 0.5)
        t = translate("mid", thirds, FIVE)
        assert t.levels == ("2", "3", "4")
        assert t.weights == (0.25, 0.5, 0.25)

    def test_crosswalk(self) -> None:
        walk = GFP.crosswalk(FIVE)
        assert [(r.value, r.levels) for r in walk.rows] == [
            ("poor", ("1", "2")),
            ("fair", ("3", "4")),
            ("good", ("5",)),
            ("excluded", ()),
            ("not-assessed", ()),
        ]


class TestOverrides:
    def test_bands_can_be_overridden(self) -> None:
        rag = load_scale("rag", bands={"amber": (0.4, 0.8), "green": (0.8, 1.0)})
        assert translate("4", FIVE, rag, policy="strict").levels == ("amber",)

    def test_override_must_still_tile(self) -> None:
        with pytest.raises(DataError) as exc:
            load_scale("rag", bands={"amber": (0.4, 0.8)})
        assert [str(p) for p in exc.value.problems] == [
            "scale rag with bands overridden: levels[2].band: 'green' (starts 0.6) overlaps "
            "'amber' (ends 0.8): bands must be ordered worst first and not overlap"
        ]

    def test_override_unknown_level(self) -> None:
        with pytest.raises(UnknownReferenceError, match=r"no level 'gren'; did you mean 'green'"):
            load_scale("rag", bands={"gren": (0.6, 1.0)})

    def test_own_scale_file(self, write: Write) -> None:
        path = write(
            "s.yaml",
            "id: mine\ntitle: Mine\nlevels:\n"
            "  - {id: no, band: [0, 0.5]}\n  - {id: yes, band: [0.5, 1]}\n",
        )
        with pytest.raises(DataError) as exc:
            load_scale(path)
        assert [str(p) for p in exc.value.problems] == [
            f"{path}:4: levels[0].id: expected a string, got the boolean false (written no); "
            "quote it: 'no'",
            f"{path}:5: levels[1].id: expected a string, got the boolean true (written yes); "
            "quote it: 'yes'",
        ]
        path = write(
            "t.yaml",
            "id: mine\ntitle: Mine\nlevels:\n"
            "  - {id: 'no', band: [0, 0.5]}\n  - {id: 'yes', band: [0.5, 1]}\n",
        )
        assert load_scale(path).parse("YES") == "yes"


def scale(levels: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"id": "s", "title": "S", "levels": levels} | extra


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DataError) as exc:
        Scale.from_dict(data, filename="s.yaml")
    return [str(p) for p in exc.value.problems]


class TestErrors:
    def test_gap_overlap_start_end_and_direction(self) -> None:
        data = scale(
            [
                {"id": "a", "band": [0.1, 0.3]},
                {"id": "b", "band": [0.4, 0.5]},
                {"id": "c", "band": [0.45, 0.6]},
                {"id": "d", "band": [0.6, 0.6]},
            ]
        )
        assert problems(data) == [
            "s.yaml: levels[0].band: the worst level's band must start at 0, not 0.1",
            "s.yaml: levels[1].band: gap between 'a' (ends 0.3) and 'b' (starts 0.4): bands "
            "must be contiguous",
            "s.yaml: levels[2].band: 'c' (starts 0.45) overlaps 'b' (ends 0.5): bands must be "
            "ordered worst first and not overlap",
            "s.yaml: levels[3].band: band of 'd' must rise: 0.6 to 0.6",
            "s.yaml: levels[3].band: the best level's band must end at 1, not 0.6",
        ]

    def test_band_shape_and_range(self) -> None:
        assert problems(scale([{"id": "a", "band": [0, 1.5]}, {"id": "b", "band": [1]}])) == [
            "s.yaml: levels[0].band[1]: 1.5 is above the maximum 1",
            "s.yaml: levels[1].band: needs at least 2 entries, has 1",
        ]

    def test_duplicate_labels_and_aliases(self) -> None:
        data = scale(
            [
                {"id": "low", "label": "Amber", "band": [0, 0.5]},
                {"id": "high", "label": "High", "aliases": ["amber", "Exc"], "band": [0.5, 1]},
                {"id": "low", "band": [1, 1]},
            ],
            states=[{"id": "grey", "aliases": ["High"]}],
        )
        assert problems(data) == [
            "s.yaml: levels[2].band: band of 'low' must rise: 1 to 1",
            "s.yaml: levels[1]: alias 'amber' of 'high' reads the same as the label 'Amber' of "
            "'low'",
            "s.yaml: levels[2].id: duplicate id 'low'",
            "s.yaml: states[0]: alias 'High' of 'grey' reads the same as the id 'high' of 'high'",
            "s.yaml: alias 'Exc' of 'excluded' reads the same as the alias 'Exc' of 'high'",
        ]

    def test_unknown_label_suggests(self) -> None:
        with pytest.raises(UnknownLabelError) as exc:
            SIX.parse("Lite green")
        assert str(exc.value) == (
            "'Lite green' is not a level or state of scale 'six-colour' (levels: Red, Amber, "
            "Yellow, Light green, Dark green; states: Grey, Excluded, Not assessed); did you "
            "mean 'Light green', 'Dark green'?"
        )

    def test_unknown_policy_and_scale(self) -> None:
        with pytest.raises(UnknownReferenceError, match=r"unknown policy 'neerest'.*'nearest'"):
            translate("1", FIVE, SIX, policy="neerest")  # type: ignore[arg-type]
        with pytest.raises(
            UnknownReferenceError, match=r"no bundled scale 'six-color'.*'six-colour'"
        ):
            load_scale("six-color")

    def test_colour_format(self) -> None:
        assert problems(scale([{"id": "a", "colour": "red", "band": [0, 1]}])) == [
            "s.yaml: levels[0].colour: 'red' is not valid here (#RRGGBB)"
        ]


def test_round_trip() -> None:
    for s in (FIVE, SIX, GFP, RAG):
        assert Scale.from_dict(s.to_dict()) == s
