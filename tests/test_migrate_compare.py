from __future__ import annotations

from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from bvframework import (
    CompositionError,
    compare,
    identity,
    load_assessment,
    load_mapping,
    load_scale,
    rescale,
)
from bvframework._assessments.migrate import migrate
from bvframework._assessments.model import Assessment, Score
from bvframework._core.vocab import MergePolicy

TOY = Path(__file__).parent / "data" / "toy"
OLD = load_assessment(TOY / "assessments/toy/toyshire-2023.yaml")
NEW = load_assessment(TOY / "assessments/toy/toyshire-2025.yaml")
V1V2 = load_mapping(TOY / "mappings/toy/v1--v2.yaml")
FIVE = load_scale("numeric-1-5")


class TestMigrateToy:
    """Expected values derived by hand from the comments in the toy fixtures."""

    def test_scores_on_the_new_version(self) -> None:
        m = migrate(OLD, V1V2, merge_policy="worst")
        got = {s.item: (s.value, s.upper, s.inferred) for s in m.assessment.scores}
        assert got == {
            "A-1": ("good", None, False),
            "A-2": ("poor", None, False),
            "A-3": ("fair", None, False),
            "A-X": ("fair", None, False),
            "M-1": ("poor", None, False),  # worst of A-4 poor, B-2 good
            "M-2": ("good", None, False),  # B-2 good; B-3 excluded is not a level
            "S-1": ("good", None, True),
            "S-2": ("good", None, True),
            "N-1": ("not-assessed", None, False),
            "N-2": ("not-assessed", None, False),
        }
        assert m.assessment.score("M-1").provenance == "merged from A-4 (Poor), B-2 (Good) by worst"

    @pytest.mark.parametrize(
        ("policy", "m1"),
        [
            ("worst", ("poor", None)),
            ("best", ("good", None)),
            ("median", ("poor", None)),
            ("range", ("poor", "good")),
        ],
    )
    def test_merge_policies(self, policy: MergePolicy, m1: tuple[str, str | None]) -> None:
        score = migrate(OLD, V1V2, merge_policy=policy).assessment.score("M-1")
        assert (score.value, score.upper) == m1

    def test_ledger(self) -> None:
        m = migrate(OLD, V1V2)
        assert m.counts() == {"carried": 4, "merged": 2, "split": 2, "removed": 1, "unmapped": 0}
        removed = [e for e in m.ledger if not e.carried_over]
        assert [(e.code, e.value, e.outcome) for e in removed] == [("B004", "fair", "removed")]

    def test_range_summary_counts_ranges_apart(self) -> None:
        s = migrate(OLD, V1V2, merge_policy="range").assessment.summary()
        assert s.ranges == 1
        assert s.assessed == 7

    def test_wrong_mapping(self) -> None:
        with pytest.raises(CompositionError, match=r"is on toy/v2; mapping toy/v1--v2 starts"):
            migrate(NEW, V1V2)

    def test_unknown_merge_policy(self) -> None:
        with pytest.raises(KeyError, match=r"unknown merge policy 'wrost'.*'worst'"):
            migrate(OLD, V1V2, merge_policy="wrost")  # type: ignore[arg-type]

    def test_composed_bundled_chain(self) -> None:
        runnymede = load_assessment("best-value/runnymede-2024")
        from bvframework import find_mapping

        chain = find_mapping("best-value/runnymede-2024", "best-value/statutory-2024-05")
        m = migrate(runnymede, chain)
        assert m.counts() == {"carried": 0, "merged": 0, "split": 0, "removed": 1, "unmapped": 72}
        (removed,) = [e for e in m.ledger if e.outcome == "removed"]
        assert (removed.code, removed.value) == ("L009", "grey")
        assert all(s.value is None for s in m.assessment.scores)  # unknown, not "not assessed"


class TestCompareToy:
    def test_year_on_year(self) -> None:
        c = compare(NEW, OLD, scale=FIVE, mappings=[V1V2])
        assert c.year_on_year
        assert c.ids == ("toyshire-2023", "toyshire-2025")  # by date
        assert c.catalogue.key == "toy/v2"  # the first given
        assert {r.item: r.change for r in c.rows} == {
            "A-1": "same",
            "A-2": "improved",
            "A-3": "not comparable",
            "A-X": "improved",
            "M-1": "not comparable",
            "M-2": "declined",
            "S-1": "same",
            "S-2": "not comparable",
            "N-1": "not comparable",
            "N-2": "not comparable",
        }

    def test_ledger_accounts_for_every_input_item(self) -> None:
        c = compare(NEW, OLD, scale=FIVE, mappings=[V1V2])
        assert c.ledger_counts() == {
            "toyshire-2023": {"compared": 7, "excluded": 1, "not carried over": 1},
            "toyshire-2025": {"compared": 7, "excluded": 1, "not assessed": 1, "only in one": 1},
        }

    def test_records_and_csv(self) -> None:
        c = compare(OLD, NEW, scale=FIVE, version=NEW.catalogue, mappings=[V1V2])
        records = c.records()
        assert len(records) == 2 * 10
        assert records[0]["assessment"] == "toyshire-2023"
        assert c.to_csv().splitlines()[0] == (
            "item,code,theme,theme_title,toyshire-2023,toyshire-2025,translated,change,reason"
        )
        assert c.to_csv().splitlines()[2] == (
            "A-2,A-2,A,Alpha,1†,3,toyshire-2023: from good-fair-poor Poor (nearest),improved,"
        )
        poor = next(r for r in records if r["item"] == "A-2" and r["assessment"] == "toyshire-2023")
        assert (poor["translated"], poor["policy"]) == (True, "nearest")

    def test_range_policy_makes_ambiguous_ledger_lines(self) -> None:
        c = compare(NEW, OLD, scale=FIVE, mappings=[V1V2], policy="range")
        # Poor and Fair span two levels each: A002, A-3, B-1 directly; A-4 and B-2 feed M-1,
        # whose worst-of-merge is Poor.
        assert c.ledger_counts()["toyshire-2023"]["ambiguous"] == 5

    def test_to_frame(self) -> None:
        pytest.importorskip("pandas")
        comparison = compare(NEW, OLD, scale=FIVE, mappings=[V1V2])
        frame = comparison.to_frame(long=True)
        assert frame.shape[0] == 20
        assert set(frame["change"].dropna()) <= {"improved", "declined", "same", "not comparable"}
        wide = comparison.to_frame()
        order = ["A-1", "A-2", "A-3", "A-X", "M-1", "M-2", "S-1", "S-2", "N-1", "N-2"]
        assert list(wide.index) == order  # catalogue order, not string order
        assert list(wide["toyshire-2023"].cat.categories) == ["1", "2", "3", "4", "5"]
        assert wide["toyshire-2023"].cat.ordered
        assert wide.loc["A-2", "toyshire-2025"] > wide.loc["A-2", "toyshire-2023"]
        assert wide.loc["S-2", "toyshire-2025 label"] == "Excluded"
        assert wide.loc["A-3", "reason"] == (
            "not comparable: Fair is 3 or 4 on numeric-1-5, against 3"
        )

    def test_blaby_with_a_draft_assessment_on_good_fair_poor(self) -> None:
        blaby = load_assessment("best-value/blaby-2025")
        other = load_assessment(Path(__file__).parent / "data/fictional-draft-gfp.yaml")
        c = compare(blaby, other, scale=load_scale("good-fair-poor"))
        assert c.ledger_counts() == {
            "blaby-2025": {"only in one": 66, "excluded": 4},
            "fictional-2024": {"not carried over": 1},
        }

    def test_needs_two(self) -> None:
        with pytest.raises(CompositionError, match="two or more"):
            compare(NEW, scale=FIVE)


# -- laws -----------------------------------------------------------------------------------

STATUTORY_ITEMS = [s.item for s in load_assessment("best-value/blaby-2025").scores]
VALUES = ["1", "2", "3", "4", "5", "excluded", "not-assessed"]


@st.composite
def blaby_like(draw: st.DrawFn) -> Assessment:
    base = load_assessment("best-value/blaby-2025")
    values = draw(st.lists(st.sampled_from(VALUES), min_size=70, max_size=70))
    scores = tuple(
        Score(item=s.item, value=v, code=s.code, label=None, listed=True)
        for s, v in zip(base.scores, values, strict=True)
    )
    return base.replace_scores(scores)


@given(blaby_like())
def test_migrating_through_the_identity_changes_nothing(a: Assessment) -> None:
    m = migrate(a, identity(a.catalogue))
    assert [(s.item, s.value) for s in m.assessment.scores] == [(s.item, s.value) for s in a.scores]
    assert m.counts()["carried"] == len(a.scores)


@given(st.sampled_from(["worst", "best", "median", "range"]))
def test_every_input_item_is_in_the_ledger_exactly_once(policy: MergePolicy) -> None:
    for first, second in ((OLD, NEW), (NEW, OLD)):
        c = compare(
            first, second, scale=FIVE, mappings=[V1V2], merge_policy=policy, version=NEW.catalogue
        )
        for original in (first, second):
            lines = [line.item for line in c.ledger if line.assessment == original.id]
            assert sorted(lines) == sorted(s.item for s in original.scores)


@given(blaby_like(), st.sampled_from(["good-fair-poor", "rag", "six-colour", "numeric-1-5"]))
def test_policies_bound_each_other(a: Assessment, target: str) -> None:
    scale = load_scale(target)
    results = {p: rescale(a, scale, policy=p) for p in ("conservative", "nearest", "optimistic")}
    for low, mid, high in zip(*(r.scores for r in results.values()), strict=True):
        if low.value is None or scale.is_state(low.value):
            assert low.value == mid.value == high.value
            continue
        assert scale.rank(low.value) <= scale.rank(mid.value or "") <= scale.rank(high.value or "")


@given(blaby_like())
def test_yaml_round_trip_of_any_assessment(a: Assessment) -> None:
    from bvframework import dump_assessment
    from bvframework._core.yamlio import parse_yaml

    again = Assessment.from_dict(
        parse_yaml(dump_assessment(a)), catalogue=a.catalogue, scale=a.scale
    )
    assert [(s.item, s.value, s.code, s.listed) for s in again.scores] == [
        (s.item, s.value, s.code, s.listed) for s in a.scores
    ]


def test_states_of_one_scale_pass_through_to_another() -> None:
    on_six = rescale(OLD, load_scale("six-colour"))
    runnymede_like = on_six.replace_scores(  # A-1 grey, as Runnymede's L009
        tuple(evolve(s, value="grey") if s.item == "A-1" else s for s in on_six.scores)
    )
    back = rescale(runnymede_like, FIVE)
    assert back.score("A-1").value == "grey"
    assert back.scale.label_of("grey") == "Grey"
    assert back.summary().states["grey"] == 1
    c = compare(NEW, runnymede_like, scale=FIVE, mappings=[V1V2])
    assert "grey" in c.scale.state_ids
    assert c.to_csv().splitlines()[1] == (
        'A-1,A-1,A,Alpha,Grey,5,,not comparable,"not comparable: Grey is a state, not a level '
        '(Not in the control of Officers to influence this aspect. Politically driven)"'
    )
