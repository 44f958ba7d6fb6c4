"""align's themes as votes (_align/structure.py): the 1:1 pairs solved again, preferring
the theme an item's siblings went to; its laws, and the CLI switch."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bvframework import Catalogue, Mapping, align
from bvframework._align.align import AlignOptions, suggest
from bvframework._align.calibrate import SHARES
from bvframework._align.structure import agreement, supported

from .conftest import cli


def themed(version: str, themes: list[tuple[str, list[tuple[str, str]]]]) -> Catalogue:
    return Catalogue.from_dict(
        {
            "framework": "demo",
            "version": version,
            "title": version,
            "themes": [
                {
                    "id": theme,
                    "title": theme,
                    "items": [{"id": i, "text": text, "evidence": ["test"]} for i, text in items],
                }
                for theme, items in themes
            ],
        }
    )


# A revision that moves theme A to X and B to Y. A3's text is a little nearer Y3 (a new
# logging item that quotes it) than its own rewording X3: text alone pairs it across.
OLD = [
    (
        "A",
        [
            ("A1", "Passwords are stored with a salted one way hash function"),
            ("A2", "Encryption keys are rotated at least once a year"),
            ("A3", "Session tokens expire after a period of inactivity"),
        ],
    ),
    (
        "B",
        [
            ("B1", "Failed login attempts are written to the security log"),
            ("B2", "Security logs are reviewed by an administrator every week"),
        ],
    ),
]
NEW = [
    (
        "X",
        [
            ("X1", "Passwords are stored with a salted and slow one way hash function"),
            ("X2", "Encryption keys are rotated at least once every year"),
            ("X3", "Session tokens expire after inactivity"),
        ],
    ),
    (
        "Y",
        [
            ("Y1", "Failed login attempts are written to the security log with the user"),
            ("Y2", "Security logs are reviewed by an administrator each week"),
            ("Y3", "Session tokens that expire after a period of inactivity are logged"),
        ],
    ),
]


def test_the_theme_its_siblings_went_to_decides_between_look_alikes() -> None:
    """A's other items went to X, and nothing of A went to Y: A3 pairs with X3, though Y3
    is the nearer text (which pairs it when themes are not counted). The pair is recorded
    as the themes' choice (stage ``structure``), with its text's similarity."""
    old, new = themed("v1", OLD), themed("v2", NEW)
    plain = suggest(old, new, AlignOptions(structure=False, intersects=False))
    voted = suggest(old, new, AlignOptions(intersects=False))
    assert plain.how[("A3", "Y3")][0] == "pair"
    assert ("A3", "X3") not in plain.how
    assert voted.how[("A3", "X3")][0] == "structure"
    assert voted.how.get(("A3", "Y3"), ("pair",))[0] not in ("pair", "structure")
    same = {("A1", "X1"), ("A2", "X2"), ("B1", "Y1"), ("B2", "Y2")}
    assert {link for link, (stage, _) in voted.how.items() if stage == "pair"} == same
    for link in same:  # the similarity recorded is the text's, not the vote's
        assert voted.how[link] == plain.how[link]
    # A3's relation (A3 -> X3, and Y3 split off it on carried text) is as certain as its
    # least certain link: the themes' pair or the join
    (relation,) = (r for r in align(old, new, intersects=False).relations if "A3" in r.sources)
    assert relation.targets == ("X3", "Y3")
    assert relation.confidence == min(SHARES[("structure", False)], SHARES[("join", False)])


def test_agreement_counts_both_ends() -> None:
    """Theme a sends two pairs to x, b one; x receives all three: a-x agrees (1 + 2/3)/2,
    b-x (1 + 1/3)/2; a pair of themes no pair joins is absent."""
    found = agreement({0: 0, 1: 1, 2: 2}, ["a", "a", "b"], ["x", "x", "x"])
    assert found == pytest.approx({("a", "x"): 5 / 6, ("b", "x"): 2 / 3})
    # pairs a -> x and b -> y: a-x and b-y agree 1, a-y and b-x (no pair) 0, so those lose
    # 0.3; (0, 1) falls to 0 or below and is dropped, (1, 2) is below the threshold
    edges = {(0, 0): 0.5, (1, 1): 0.4, (2, 0): 0.35, (0, 1): 0.25, (1, 2): 0.1, (2, 2): 0.3}
    lowered = supported(
        edges, {0: 0, 2: 2}, themes=(["a", "a", "b"], ["x", "y", "y"]), threshold=0.2
    )
    assert lowered == pytest.approx({(0, 0): 0.5, (1, 1): 0.1, (2, 0): 0.05, (2, 2): 0.3})


WORDS = (
    "log",
    "key",
    "token",
    "session",
    "password",
    "admin",
    "review",
    "hash",
    "salt",
    "rotate",
)
texts = st.lists(st.sampled_from(WORDS), min_size=2, max_size=6).map(" ".join)
sides = st.lists(st.tuples(st.sampled_from("abc"), texts), min_size=2, max_size=9)


def catalogue(version: str, items: list[tuple[str, str]], name: dict[str, str]) -> Catalogue:
    themes: dict[str, list[tuple[str, str]]] = {}
    for k, (theme, text) in enumerate(sorted(items, key=lambda x: x[0])):
        themes.setdefault(name[theme], []).append((f"{version}-{k}", text))
    return themed(version, list(themes.items()))


@settings(max_examples=60, deadline=None)
@given(old=sides, new=sides)
def test_renaming_themes_consistently_changes_nothing(
    old: list[tuple[str, str]], new: list[tuple[str, str]]
) -> None:
    """Themes are read only by equality: other names, the same grouping, the same links."""
    plain = {t: t for t in "abc"}
    renamed = {"a": "zeta", "b": "alpha", "c": "mu"}
    first = suggest(catalogue("v1", old, plain), catalogue("v2", new, plain), AlignOptions())
    again = suggest(catalogue("v1", old, renamed), catalogue("v2", new, renamed), AlignOptions())
    assert (first.how, first.removed, first.added) == (again.how, again.removed, again.added)


@settings(max_examples=60, deadline=None)
@given(old=sides, new=sides)
def test_one_theme_each_side_is_aligned_as_without_it(
    old: list[tuple[str, str]], new: list[tuple[str, str]]
) -> None:
    """With one theme on each side every pair agrees fully: nothing is lowered."""
    one = dict.fromkeys("abc", "all")
    a, b = catalogue("v1", old, one), catalogue("v2", new, one)
    on, off = suggest(a, b, AlignOptions()), suggest(a, b, AlignOptions(structure=False))
    assert (on.how, on.removed, on.added) == (off.how, off.removed, off.added)


def test_cli_structure_switch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--no-structure aligns on text alone; the default counts the themes."""
    paths = []
    for catalogue_ in (themed("v1", OLD), themed("v2", NEW)):
        path = tmp_path / f"{catalogue_.version}.yaml"
        path.write_text(yaml.safe_dump(catalogue_.to_dict()), encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "out.yaml"

    def links(*options: str) -> set[tuple[str, str]]:
        code, _, _ = cli(capsys, "align", *paths, "--no-intersects", *options, "-o", str(out))
        assert code == 0
        return set(Mapping.from_dict(yaml.safe_load(out.read_text(encoding="utf-8"))).links)

    assert ("A3", "X3") in links()
    plain = links("--no-structure")
    assert ("A3", "Y3") in plain
    assert ("A3", "X3") not in plain
