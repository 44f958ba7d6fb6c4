"""The main job's output says its verdict first, in a sentence, then the tables; no status
line ends in a dangling separator."""

from __future__ import annotations

from pathlib import Path

import pytest

from bvframework._cli.main import main

TOY = Path(__file__).resolve().parent / "data" / "toy"


def diff(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["diff", *argv]) == 0
    return capsys.readouterr().out.splitlines()


def test_the_bundled_diff_says_its_verdict_first(capsys: pytest.CaptureFixture[str]) -> None:
    lines = diff(capsys, "best-value/draft-2023-07", "best-value/statutory-2024-05")
    assert lines[0] == (
        "best-value draft-2023-07 -> statutory-2024-05: not fully known: 1 of 1 source items "
        "and 0 of 70 target items are itemised (1 removed); the rest are unmapped, which means "
        "not known, not unchanged. A published comparison says 41 unchanged, 2 removed, 13 "
        "added; 1 of those 56 changes is itemised here. To itemise the rest: `bvframework "
        "fetch best-value` downloads both official texts (Open Government Licence v3.0); "
        "`diff` then suggests how every item maps."
    )
    assert lines[1] == ""
    assert lines.index("Computed from the itemised relations:") > 2  # the tables come after
    assert not [line for line in lines if line.rstrip().endswith(";")]
    status = next(line for line in lines if line.startswith("mapping INCOMPLETE"))
    assert status.endswith("'unmapped' items are not known, not unchanged")


def test_a_complete_mapping_says_so_first(capsys: pytest.CaptureFixture[str]) -> None:
    lines = diff(
        capsys,
        str(TOY / "catalogues/toy/v1.yaml"),
        str(TOY / "catalogues/toy/v2.yaml"),
        "--mapping",
        str(TOY / "mappings/toy/v1--v2.yaml"),
    )
    assert lines[0] == (
        "toy v1 -> v2: every item of both versions is accounted for: 2 unchanged, 2 reworded, "
        "2 merged, 1 split, 1 removed, 2 added. A published comparison (2 unchanged, 2 "
        "reworded, 1 removed, 2 added) is fully itemised."
    )
