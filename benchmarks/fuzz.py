"""The mutation fuzzer at length: every case in its own process, time and memory measured.

    python benchmarks/fuzz.py --long          # 5,000 cases (about 10 minutes on 2 cores)
    python benchmarks/fuzz.py --cases 200     # any number
    python benchmarks/fuzz.py --quick         # 60 cases (CI)

Cases come from tests/fuzzing.py (seeded: the same seed gives the same cases). Each runs as
``bvframework ARGS`` in a fresh interpreter with a 15 s limit; the child reports its own peak
resident memory (VmHWM). A case passes when it ends with status 0, 1 or 2, no traceback, one
``bvframework: error:`` line per problem, within the time limit. Fetch cases are answered
by a local server on 127.0.0.1 with the mutated HTTP response (some dripped a byte at a
time past the download deadline); one case in ten that writes a file is given a hostile
output target (a FIFO, a folder, a read-only file, links). Prints a Markdown table per
input kind and exits 1 if any case failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests import fuzzing

LIMIT_SECONDS = 15.0


def run_case(argv: list[str], folder: Path, env: dict[str, str]) -> tuple[fuzzing.Outcome, float]:
    """One case in its own process: (outcome, peak MB)."""
    status, stderr, seconds, peak = fuzzing.run_bounded(
        argv, folder, seconds=LIMIT_SECONDS, env=env
    )
    crash = None if status is not None else f"no end within {LIMIT_SECONDS}"
    outcome = fuzzing.Outcome(argv, status, stderr, seconds, crash)
    outcome.problems = fuzzing.check(outcome)
    return outcome, peak


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--long", action="store_true", help="5,000 cases")
    parser.add_argument("--quick", action="store_true", help="60 cases")
    parser.add_argument("--cases", type=int, help="how many cases")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args(argv)
    count = args.cases or (5000 if args.long else 60 if args.quick else 500)
    rows: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    failures: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        cases = list(fuzzing.cases(count, seed=args.seed, folder=Path(tmp)))

        def one(
            case: tuple[str, list[str], dict[str, str]],
        ) -> tuple[str, fuzzing.Outcome, float]:
            kind, command, env = case
            places = [a for a in command if tmp in a] + [env.get("BVFRAMEWORK_CACHE", "")]
            folder = Path(places[0]).parent
            outcome, peak = run_case(command, folder, env)
            return kind, outcome, peak

        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            for kind, outcome, peak in pool.map(one, cases):
                row = rows[kind]
                row["cases"] += 1
                row[
                    {0: "accepted", 1: "data problems", 2: "clean error"}.get(
                        outcome.status or 0, "other"
                    )
                ] += 1
                row["failed"] += bool(outcome.problems)
                row["hang"] += outcome.crash is not None and "no end" in outcome.crash
                row["over 10 s"] += outcome.seconds > 10
                row["max s"] = max(row["max s"], outcome.seconds)
                row["max MB"] = max(row["max MB"], peak)
                failures += [f"{kind}: {' '.join(outcome.argv)}: {p}" for p in outcome.problems]
    columns = [
        "cases",
        "clean error",
        "data problems",
        "accepted",
        "failed",
        "hang",
        "over 10 s",
        "max s",
        "max MB",
    ]
    print(
        f"Mutation fuzzer: {count} cases, seed {args.seed}, each in its own process "
        f"({time.perf_counter() - start:.0f} s)\n"
    )
    print("| input kind | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    total: dict[str, float] = defaultdict(float)
    for kind in sorted(rows):
        cells = []
        for column in columns:
            value = rows[kind][column]
            if column.startswith("max"):
                total[column] = max(total[column], value)
                cells.append(f"{value:.1f}" if column == "max s" else f"{value:.0f}")
            else:
                total[column] += value
                cells.append(f"{value:.0f}")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    print(
        "| **total** | "
        + " | ".join(f"{total[c]:.1f}" if c == "max s" else f"{total[c]:.0f}" for c in columns)
        + " |"
    )
    for line in failures[:20]:
        print(f"\nFAILED {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
