"""Benchmarking a cohort at national scale: 317 councils x 70 items x 5 years (1,585
assessments on four scales, generated), against ``compare`` of the same files in the same run.

Each measurement runs in its own process, so its peak resident memory (VmHWM) is its own,
and goes through the public API (``bv.load_cohort`` of the manifest, then ``bv.compare`` or
``bv.benchmark``). Reading the files is measured once, on its own; then ``compare`` (the
baseline: every
assessment carried and translated, per item and per theme, with the ledger) and
``benchmark`` (each council's latest assessment against its peers, with intervals, ranks,
per-item distributions and each council's change since its previous year) each read the
same files and run.

    python benchmarks/cohort.py            # 317 councils x 5 years
    python benchmarks/cohort.py --quick    # 40 councils x 3 years
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
from collections.abc import Sequence
from pathlib import Path

from child import child_json  # benchmarks/child.py, beside this file

# The scales councils use, with the labels they write (bands are the bundled ones).
SCALES = {
    "numeric-1-5": ["1", "2", "3", "4", "5"],
    "rag": ["Red", "Amber", "Green"],
    "good-fair-poor": ["Poor", "Fair", "Good"],
    "six-colour": ["Red", "Amber", "Yellow", "Light green", "Dark green"],
}
STATES = {"numeric-1-5": ["Exc"], "rag": ["N/A"], "good-fair-poor": [""], "six-colour": ["Grey"]}


def generate(folder: Path, *, councils: int, years: int, seed: int = 2026) -> Path:
    """Write one CSV per council and year, each council on one scale (some with Blaby's
    codes, some with the catalogue's IDs), and a manifest; return the manifest's path."""
    import bvframework as bv

    catalogue = bv.load_catalogue("best-value/statutory-2024-05")
    codes = {item: code for code, item in catalogue.scheme("blaby").codes}
    rnd = random.Random(seed)
    rows = []
    for n in range(councils):
        scale = list(SCALES)[n % len(SCALES)]
        labels = SCALES[scale]
        blaby_codes = n % 3 == 0
        strength = rnd.uniform(0.25, 0.85)
        for year in range(years):
            path = folder / f"council-{n:03d}-{2021 + year}.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["Ref", "Score", "Comments"])
                for item in catalogue.items:
                    if rnd.random() < 0.04:
                        label = rnd.choice(STATES[scale])
                    else:
                        x = min(0.999, max(0.0, rnd.gauss(strength + 0.03 * year, 0.18)))
                        label = labels[int(x * len(labels))]
                    writer.writerow([codes[item.id] if blaby_codes else item.id, label, ""])
            rows.append(
                [
                    path.name,
                    f"Council {n:03d}",
                    f"{2021 + year}-06",
                    "best-value/statutory-2024-05",
                    "blaby" if blaby_codes else "",
                    scale,
                ]
            )
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "council", "date", "catalogue", "numbering", "scale"])
        writer.writerows(rows)
    return manifest


CHILD = r"""
import json, sys, time
job, manifest = sys.argv[1], sys.argv[2]
wall, cpu = time.perf_counter(), time.process_time()
import bvframework as bv
store = bv.Store()
assessments = bv.load_cohort(manifest, store=store)
read_cpu = time.process_time() - cpu
t0 = time.process_time()
size = 0
if job == "compare":
    result = bv.compare(*assessments, scale=bv.load_scale("numeric-1-5", store=store),
                        version=assessments[0].catalogue, policy="range", store=store)
    size = len(result.rows)
elif job == "benchmark":
    result = bv.benchmark(assessments, store=store)
    size = len(result.councils)
work = time.process_time() - t0
with open("/proc/self/status") as f:  # VmHWM: this process's own peak
    peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
print(json.dumps({"job": job, "n": len(assessments), "read_cpu": read_cpu, "cpu": work,
                  "total_cpu": time.process_time() - cpu, "peak": peak,
                  "seconds": time.perf_counter() - wall, "size": size}))
"""


def median(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    """Each figure's median over the runs."""
    return {key: statistics.median(r[key] for r in rows) for key in rows[0] if key != "job"}


def run(job: str, manifest: Path) -> dict[str, float]:
    return child_json(CHILD, job, str(manifest), timeout=3600)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--councils", type=int, default=None)
    parser.add_argument("--years", type=int, default=None)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each job; the median is shown (default 3)"
    )
    args = parser.parse_args(argv)
    councils = args.councils or (40 if args.quick else 317)
    years = args.years or (3 if args.quick else 5)
    with tempfile.TemporaryDirectory() as tmp:
        manifest = generate(Path(tmp), councils=councils, years=years)
        rounds = [
            {job: run(job, manifest) for job in ("read", "compare", "benchmark")}
            for _ in range(max(1, args.repeat))
        ]  # interleaved, so that the machine's load falls on every job alike
    read, base, mine = (
        median([r[job] for r in rounds]) for job in ("read", "compare", "benchmark")
    )
    n = int(read["n"])
    print(
        f"{councils} councils x 70 items x {years} years = {n:,} assessments on 4 scales "
        f"(median of {len(rounds)} interleaved runs)\n"
    )
    print("| job | CPU s (reading) | CPU s (after reading) | CPU s (whole process) | peak MB |")
    print("|---|---|---|---|---|")
    for label, row in (
        (f"read the manifest and {n:,} files", read),
        ("compare (baseline)", base),
        ("benchmark", mine),
    ):
        print(
            f"| {label} | {row['read_cpu']:.2f} | {row['cpu']:.2f} | {row['total_cpu']:.2f} "
            f"| {row['peak']:.0f} |"
        )
    ratio = mine["cpu"] / base["cpu"] if base["cpu"] else float("inf")
    print(
        f"\nbenchmark / compare, CPU after reading: {ratio:.2f}; benchmark "
        f"{'meets' if mine['cpu'] < 2 and mine['peak'] < 300 else 'misses'} its target "
        "(under 2 s CPU and 300 MB)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
