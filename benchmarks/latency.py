"""Command-line latency as ratios to the dependency floor, measured in one run.

    python benchmarks/latency.py            # 15 interleaved rounds
    python benchmarks/latency.py --quick    # 5 rounds (CI)

Every command is run as a user runs it: the console script of a wheel built from this
checkout and installed into a fresh virtual environment (so the bundled data is read as the
wheel carries it, parsed at build time), bytecode compiled as pip leaves it. Baselines
measured in the same run: a bare ``python -c pass`` and the floor every command pays,
``python -c "import yaml, attrs"``. Rounds are interleaved
(each round runs every command once) so drift in machine load hits all rows alike; the
median CPU time (user + system, from wait4) of the rounds is reported: wall time on a shared
2-core machine swings by a third between runs, CPU time by a few per cent.
Targets (issue 18, in instructions): diff <= 1.3x the floor, compare of two bundled
assessments <= 1.5x, --help <= 1.0x.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _wheel_venv() -> Path:
    """A fresh virtual environment with this checkout's wheel installed; its python."""
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="bvframework-latency-"))
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
    python = work / "venv" / "bin" / "python"
    wheel = next((work / "dist").glob("*.whl"))
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
    )
    return python


def commands(python: str) -> dict[str, list[str]]:
    """The commands measured, run with ``python`` and its environment's console script."""
    script = str(Path(python).with_name("bvframework"))
    return {
        "python -c pass": [python, "-c", "pass"],
        'floor: python -c "import yaml, attrs"': [python, "-c", "import yaml, attrs"],
        "bvframework --help": [script, "--help"],
        "bvframework diff (main job)": [
            script,
            "diff",
            "best-value/draft-2023-07",
            "best-value/statutory-2024-05",
        ],
        "bvframework compare (two bundled)": [
            script,
            "compare",
            "best-value/blaby-2025",
            "best-value/runnymede-2024",
        ],
        "bvframework translate": [
            script,
            "translate",
            "Fair",
            "--from",
            "good-fair-poor",
            "--to",
            "numeric-1-5",
        ],
    }


COMMANDS = commands(sys.executable)
"""The commands in this interpreter's environment; main() measures a wheel's instead."""


TARGETS = {
    "bvframework --help": 1.0,
    "bvframework diff (main job)": 1.3,
    "bvframework compare (two bundled)": 1.5,
}


def _cpu_seconds(argv: list[str]) -> float:
    """CPU time (user + system) of one run of ``argv``: unlike wall time, it does not
    count time spent waiting for a core another process holds."""
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}")
    return float(usage.ru_utime + usage.ru_stime)


def measure(rounds: int, measured: dict[str, list[str]] = COMMANDS) -> dict[str, float]:
    """Median CPU time (seconds) of each command over interleaved rounds."""
    times: dict[str, list[float]] = {name: [] for name in measured}
    for argv in measured.values():  # warm the file cache and check each works
        _cpu_seconds(argv)
    for _ in range(rounds):
        for name, argv in measured.items():
            times[name].append(_cpu_seconds(argv))
    return {name: statistics.median(values) for name, values in times.items()}


def instructions(argv: list[str]) -> int | None:
    """Instructions executed (valgrind's callgrind): the same count whatever else the
    machine is doing, so the ratios do not drift with load. None without valgrind."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        return None
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    return int(found[1]) if found else None


def instruction_report(measured: dict[str, list[str]] = COMMANDS) -> str:
    counts = {name: instructions(argv) for name, argv in measured.items()}
    floor = counts['floor: python -c "import yaml, attrs"']
    if floor is None or any(c is None for c in counts.values()):
        return "Instruction counts: skipped (valgrind is not installed)."
    lines = [
        "Instructions executed (valgrind callgrind; deterministic, unlike time)\n",
        "| command | x floor | target (x floor) | met |",
        "|---|---|---|---|",
    ]
    for name, count in counts.items():
        assert count is not None
        ratio = count / floor
        target = TARGETS.get(name)
        met = "" if target is None else ("yes" if ratio <= target else "NO")
        lines.append(
            f"| {name} | {ratio:.2f} | {'' if target is None else f'<= {target}'} | {met} |"
        )
    return "\n".join(lines)


def report(medians: dict[str, float], rounds: int) -> tuple[str, bool]:
    bare = medians["python -c pass"]
    floor = medians['floor: python -c "import yaml, attrs"']
    lines = [
        f"CLI latency: median CPU time (user + system) of {rounds} interleaved rounds, as "
        "ratios (absolute times vary by machine)\n",
        "| command | x floor | x bare python | target (x floor) | met |",
        "|---|---|---|---|---|",
    ]
    met_all = True
    for name, seconds in medians.items():
        target = TARGETS.get(name)
        ratio = seconds / floor
        met = "" if target is None else ("yes" if ratio <= target else "NO")
        met_all = met_all and met != "NO"
        lines.append(
            f"| {name} | {ratio:.2f} | {seconds / bare:.1f} | "
            f"{'' if target is None else f'<= {target}'} | {met} |"
        )
    return "\n".join(lines), met_all


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 15")
    args = parser.parse_args(argv)
    rounds = 5 if args.quick else 15
    measured = commands(str(_wheel_venv()))  # as a user has it: the wheel, installed
    text, _ = report(measure(rounds, measured), rounds)
    print(text)
    print()
    print(instruction_report(measured))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
