"""The lines ``bvframework compare`` prints for changed items, as a user sees them.

Run as a user runs it (``python -m bvframework``), so the test holds whatever module the
text is rendered in. Every expected line is worked out by hand from the fixture files and
the scale bands (scales/*.yaml); the reasoning is beside each case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import TOY_2023, TOY_2025, TOY_MAP, bvframework_process

LEDGER = "Ledger (every input item accounted for):"
HEAD = "  change per item (second against first): "
# a score translated from another scale is marked; one line says so under the changes
MARKED = "    (\u2020 translated from another scale: --format csv says how)"


def compare(*argv: str | Path) -> list[str]:
    done = bvframework_process("compare", *argv)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.splitlines()


def changes(lines: list[str]) -> list[str]:
    """From the change summary to the blank line before the ledger."""
    start = next(n for n, line in enumerate(lines) if line.startswith("  change per item"))
    end = lines.index(LEDGER)
    assert lines[end - 1] == ""
    return lines[start : end - 1]


BETWEEN = (
    "Compared on numeric-1-5 (nearest), version best-value/statutory-2024-05 - between councils"
)

# Toyshire 2023 (Good/Fair/Poor, toy v1) against Toyshire 2025 (1-5, toy v2), through
# v1--v2. Same council, so year on year, oldest first whatever the order given; the common
# version is the first given's (v2). On 1-5, Poor is 0-0.4 (1 or 2), Fair 0.4-0.8 (3 or 4),
# Good 0.8-1 (exactly 5). Item by item on v2:
#   A-1  A001 Good -> 5      against 5     same
#   A-2  Poor -> 1 or 2      against 3     improved
#   A-3  Fair -> 3 or 4      against 3     not comparable (overlap)
#   A-X  B-1 Fair -> 3 or 4  against 5     improved
#   M-1  A-4 Poor, B-2 Good merged, worst: Poor -> 1 or 2; against 2: not comparable
#   M-2  B-2 Good, B-3 excluded, worst level: Good -> 5; against 4: declined
#   S-1  A-5 Good split -> 5 against 5     same
#   S-2  A-5 Good -> 5       against Exc   not comparable
#   N-1, N-2 added: no 2023 score          not comparable
# Shown under "nearest" a range shows the candidate holding its midpoint, the worse on a
# boundary (Poor: 1; Fair: 3); under "optimistic" the best (2; 4); under "range" both.
# 2023's scores are translated (from Good/Fair/Poor), so they are marked with a dagger.
TOY_CHANGES = {
    "nearest": [
        HEAD + "2 improved, 1 declined, 2 same, 5 not comparable",
        "    A-2: 1† -> 3 (improved)",
        "    A-X: 3† -> 5 (improved)",
        "    M-2: 5† -> 4 (declined)",
        MARKED,
    ],
    "conservative": [
        HEAD + "2 improved, 1 declined, 2 same, 5 not comparable",
        "    A-2: 1† -> 3 (improved)",
        "    A-X: 3† -> 5 (improved)",
        "    M-2: 5† -> 4 (declined)",
        MARKED,
    ],
    "optimistic": [
        HEAD + "2 improved, 1 declined, 2 same, 5 not comparable",
        "    A-2: 2† -> 3 (improved)",
        "    A-X: 4† -> 5 (improved)",
        "    M-2: 5† -> 4 (declined)",
        MARKED,
    ],
    "range": [
        HEAD + "2 improved, 1 declined, 2 same, 5 not comparable",
        "    A-2: 1-2† -> 3 (improved)",
        "    A-X: 3-4† -> 5 (improved)",
        "    M-2: 5† -> 4 (declined)",
        MARKED,
    ],
}


@pytest.mark.parametrize("policy", sorted(TOY_CHANGES))
def test_toy_changed_rows(policy: str) -> None:
    lines = compare(
        TOY_2025, TOY_2023, "--on", "numeric-1-5", "--mapping", TOY_MAP, "--policy", policy
    )
    assert lines[0] == f"Compared on numeric-1-5 ({policy}), version toy/v2 - year on year"
    assert changes(lines) == TOY_CHANGES[policy]


def test_toy_changed_rows_on_good_fair_poor() -> None:
    """On Good/Fair/Poor 2025's 3 and 4 are Fair, 2 is Poor, 5 Good: A-3 (Fair, 3) and M-1
    (Poor, 2) become the same; the three changes stay, shown by label; now 2025's scores
    are the translated ones."""
    lines = compare(TOY_2025, TOY_2023, "--on", "good-fair-poor", "--mapping", TOY_MAP)
    assert lines[0] == "Compared on good-fair-poor (nearest), version toy/v2 - year on year"
    assert changes(lines) == [
        HEAD + "2 improved, 1 declined, 4 same, 3 not comparable",
        "    A-2: Poor -> Fair† (improved)",
        "    A-X: Fair -> Good† (improved)",
        "    M-2: Good -> Fair† (declined)",
        MARKED,
    ]


def test_bundled_assessments_have_no_changed_rows() -> None:
    """Runnymede's 2024 list reaches the statutory guide only through L009, which the
    statutory guide removed: none of its items is comparable with Blaby's 70."""
    lines = compare("best-value/blaby-2025", "best-value/runnymede-2024")
    assert lines[0] == BETWEEN
    assert changes(lines) == [HEAD + "0 higher, 0 lower, 0 same, 70 not comparable"]


def test_an_assessment_against_itself_is_the_same_where_scored() -> None:
    """Blaby scored 66 items and excluded 4 (CI002, CI003, G008, R011)."""
    lines = compare("best-value/blaby-2025", "best-value/blaby-2025")
    assert lines[0].endswith(" - year on year")
    assert changes(lines) == [HEAD + "0 improved, 0 declined, 66 same, 4 not comparable"]


def assessment(path: Path, *, council: str, date: str, scores: dict[str, str]) -> Path:
    body = "\n".join(f'  {item}: "{value}"' for item, value in scores.items())
    path.write_text(
        f"id: {path.stem}\ncouncil: {council}\ndate: '{date}'\n"
        "catalogue: best-value/statutory-2024-05\nscale: numeric-1-5\nitems_published: some\n"
        f"scores:\n{body}\n",
        encoding="utf-8",
    )
    return path


def test_between_councils_higher_and_lower(tmp_path: Path) -> None:
    first = assessment(
        tmp_path / "east.yaml", council="East", date="2025-01", scores={"CI-01": "2", "G-03": "4"}
    )
    second = assessment(
        tmp_path / "west.yaml", council="West", date="2024-01", scores={"CI-01": "3", "G-03": "1"}
    )
    lines = compare(first, second)
    # different councils: the order given
    assert lines[0] == BETWEEN
    assert changes(lines) == [
        HEAD + "1 higher, 1 lower, 0 same, 68 not comparable",
        "    CI-01: 2 -> 3 (higher)",
        "    G-03: 4 -> 1 (lower)",
    ]


# The statutory guide's 70 items, by position (FACTS.md: CI 11, L 10, G 10, C 11, R 12,
# SD 10, PC 6; IDs are theme code and two-digit position).
STATUTORY = [
    f"{theme}-{n:02d}"
    for theme, count in [
        ("CI", 11),
        ("L", 10),
        ("G", 10),
        ("C", 11),
        ("R", 12),
        ("SD", 10),
        ("PC", 6),
    ]
    for n in range(1, count + 1)
]


def test_at_most_forty_changed_rows_then_a_count(tmp_path: Path) -> None:
    """Every item rises from 1 to 2: 70 changes, the first 40 in catalogue order (CI 11,
    L 10, G 10, then C-01 to C-09) and a line for the other 30."""
    before = assessment(
        tmp_path / "before.yaml",
        council="Toyshire",
        date="2024",
        scores=dict.fromkeys(STATUTORY, "1"),
    )
    after = assessment(
        tmp_path / "after.yaml",
        council="Toyshire",
        date="2025",
        scores=dict.fromkeys(STATUTORY, "2"),
    )
    lines = changes(compare(after, before))
    first_forty = [
        *(f"CI-{n:02d}" for n in range(1, 12)),
        *(f"L-{n:02d}" for n in range(1, 11)),
        *(f"G-{n:02d}" for n in range(1, 11)),
        *(f"C-{n:02d}" for n in range(1, 10)),
    ]
    assert lines == [
        HEAD + "70 improved, 0 declined, 0 same, 0 not comparable",
        *(f"    {item}: 1 -> 2 (improved)" for item in first_forty),
        "    ... and 30 more (--format csv lists every item)",
    ]


def test_exactly_forty_changed_rows_need_no_count(tmp_path: Path) -> None:
    items = STATUTORY[:40]
    before = assessment(
        tmp_path / "before.yaml", council="Toyshire", date="2024", scores=dict.fromkeys(items, "3")
    )
    after = assessment(
        tmp_path / "after.yaml", council="Toyshire", date="2025", scores=dict.fromkeys(items, "2")
    )
    lines = changes(compare(before, after))
    assert lines[0] == (HEAD + "0 improved, 40 declined, 0 same, 30 not comparable")
    assert lines[1:] == [f"    {item}: 3 -> 2 (declined)" for item in items]
