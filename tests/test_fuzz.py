"""A seeded mutation fuzzer over every input kind and command (see tests/fuzzing.py).

CI runs a few hundred cases in this process; ``python benchmarks/fuzz.py --long`` runs
thousands, each in its own process with its time and memory measured.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from . import fuzzing

CASES = 30 * len(fuzzing.seeds())  # 30 per seed


@pytest.mark.parametrize("seed", [20261124])
def test_every_malformed_input_ends_cleanly(tmp_path: Path, seed: int) -> None:
    pytest.importorskip("openpyxl")
    failures: list[str] = []
    kinds: Counter[str] = Counter()
    statuses: Counter[int | None] = Counter()
    for kind, argv, env in fuzzing.cases(CASES, seed=seed, folder=tmp_path):
        outcome = fuzzing.run_in_process(argv, seconds=15, env=env)
        kinds[kind] += 1
        statuses[outcome.status] += 1
        failures += [f"{kind}: {' '.join(argv)}: {p}" for p in outcome.problems]
    assert failures == []
    assert set(kinds) == {s.kind for s in fuzzing.seeds()}  # every input kind was fuzzed
    assert statuses[2] > CASES / 4  # most mutations are caught as errors...
    assert statuses[0] > 0  # ...and some still read (the fuzzer is not only breaking files)


def test_the_fuzzer_finds_what_it_is_for(tmp_path: Path) -> None:
    """A command that lets an exception escape, or prints a traceback, is caught."""
    crash = fuzzing.Outcome(["x"], None, "", 0.0, crash="escaped: TypeError: boom")
    assert fuzzing.check(crash) == ["escaped: escaped: TypeError: boom"]
    noisy = fuzzing.Outcome(["x"], 2, "Traceback (most recent call last):\n  File", 0.0)
    assert "traceback on stderr" in fuzzing.check(noisy)
    silent = fuzzing.Outcome(["x"], 2, "", 0.0)
    assert fuzzing.check(silent) == ["exit 2 without an error line"]
