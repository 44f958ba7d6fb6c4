"""How ``align`` grows with catalogue size: time, memory and quality on synthetic revisions.

Each size runs in its own process, so its peak resident memory is its own. The baseline,
measured in the same run, is ``align``'s exhaustive TF-IDF scoring (every pair sharing a
term is scored; what every size used before the streaming path), forced on by raising the
size where the streaming path starts. The whole command (``bvframework align OLD.yaml
NEW.yaml -o OUT.yaml``: load both files, align, write) is timed too, in its own process,
on catalogue files written beforehand.

    python benchmarks/scaling.py            # 5k, 20k, 50k (baseline to 20k)
    python benchmarks/scaling.py --quick    # 2.5k and 5k
    python benchmarks/scaling.py --whole    # only the whole command (5k, 20k, 50k)
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

from child import child_json  # benchmarks/child.py, beside this file

CHILD = r"""
import json, sys, time
import bvframework._align.similarity as engine
from bvframework import align, revise, synthetic_catalogue
n, exhaustive = int(sys.argv[1]), sys.argv[2] == "1"
if exhaustive:
    engine._EXHAUSTIVE = 10**9
rev = revise(synthetic_catalogue(n, seed=n), seed=n + 1)
def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024
before = rss()
wall, cpu = time.perf_counter(), time.process_time()
mapping = align(rev.old, rev.new)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
with open("/proc/self/status") as f:  # VmHWM: this process's own peak (ru_maxrss
    peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024  # survives exec)
d = mapping.dispositions()
got = {(a, b) for a, b in mapping.links if d[a] in ("unchanged", "reworded")}
tp = len(got & rev.pairs)
p, r = tp / max(len(got), 1), tp / max(len(rev.pairs), 1)
print(json.dumps({"n": n, "m": len(rev.new), "seconds": wall, "cpu": cpu, "before": before,
                  "peak": peak, "f1": 2 * p * r / (p + r) if p + r else 0.0}))
"""


COMMAND = r"""
import json, sys, time
from bvframework._cli.main import main
wall, cpu = time.perf_counter(), time.process_time()
code = main(["align", sys.argv[1], sys.argv[2], "-o", sys.argv[3]])
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
with open("/proc/self/status") as f:
    peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
with open(sys.argv[4], "w") as f:
    json.dump({"code": code, "seconds": wall, "cpu": cpu, "peak": peak}, f)
"""


def whole_command(n: int, *, form: str = "yaml") -> list[dict[str, Any]]:
    """``bvframework align`` on two catalogue files of ``n`` items (written first, not
    timed) and its mapping, all in ``form`` (``yaml`` or ``json``, the same schema), each
    run in its own process: wall and CPU seconds, peak MB, file sizes. YAML runs twice
    with a parse cache of its own: its first run (empty: parsed, entries written) and its
    second (the entries read and checked)."""
    import os
    import tempfile

    import yaml

    from bvframework import revise, synthetic_catalogue

    rev = revise(synthetic_catalogue(n, seed=n), seed=n + 1)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        names = (f"old.{form}", f"new.{form}", f"out.{form}")
        paths = [os.path.join(folder, name) for name in names]
        for catalogue, path in zip((rev.old, rev.new), paths, strict=False):
            with open(path, "w", encoding="utf-8") as f:
                if form == "json":
                    json.dump(catalogue.to_dict(), f, ensure_ascii=False)
                else:
                    yaml.dump(catalogue.to_dict(), f, Dumper=yaml.CSafeDumper, sort_keys=False)
        report = os.path.join(folder, "report.json")
        env = {**os.environ, "BVFRAMEWORK_CACHE": os.path.join(folder, "cache")}
        env.pop("BVFRAMEWORK_PARSE_CACHE", None)
        for label in ("first run", "warm cache") if form == "yaml" else ("",):
            subprocess.run(
                [sys.executable, "-c", COMMAND, *paths, report],
                check=True,
                capture_output=True,
                timeout=3600,
                env=env,
            )
            with open(report, encoding="utf-8") as f:
                result: dict[str, Any] = json.load(f)
            result["n"] = n
            result["mb"] = os.path.getsize(paths[0]) / 1e6
            result["form"] = f"{form}, {label}" if label else form
            results.append(result)
    return results


def run(n: int, *, exhaustive: bool) -> dict[str, float]:
    return child_json(CHILD, str(n), "1" if exhaustive else "0", timeout=3600)


def exponent(rows: Sequence[dict[str, Any]], key: str) -> float:
    """The growth exponent between the smallest and largest size: k in t ~ n^k."""
    first, last = rows[0], rows[-1]
    return math.log(last[key] / first[key]) / math.log(last["n"] / first["n"])


def whole(chosen: Sequence[int]) -> None:
    """The whole command's table (and its growth) at each size in ``chosen``."""
    forms: dict[str, list[dict[str, Any]]] = {}
    for form in ("yaml", "json"):
        for n in chosen:
            for result in whole_command(n, form=form):
                forms.setdefault(result["form"], []).append(result)
    print(
        "\nThe whole command, `bvframework align OLD NEW -o OUT` (load both files, align, "
        "write), each run in its own process: the files in YAML (its first run: parsed, the "
        "parse cache filled; then a second run reading the cache) and in the JSON form of "
        "the same schema, in the same run:\n"
    )
    print("| items | form | old file MB | wall s | CPU s | peak MB (process) | exit |")
    print("|---|---|---|---|---|---|---|")
    for form, commands in forms.items():
        for row in commands:
            print(
                f"| {int(row['n']):,} | {form} | {row['mb']:.1f} | {row['seconds']:.1f} "
                f"| {row['cpu']:.1f} | {row['peak']:.0f} | {int(row['code'])} |"
            )
    for form, commands in forms.items():
        if len(commands) > 1:
            print(
                f"\nWhole command ({form}) from {int(commands[0]['n']):,} to "
                f"{int(commands[-1]['n']):,} items: CPU k = {exponent(commands, 'cpu'):.2f}, "
                f"peak memory k = {exponent(commands, 'peak'):.2f} (target: 50k under 15 s "
                "and 256 MB, k <= 1.1)."
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--whole", action="store_true", help="only the whole command's table")
    args = parser.parse_args(argv)
    sizes = (2_500, 5_000) if args.quick else (5_000, 20_000, 50_000)
    if args.whole:
        whole(sizes[:1] if args.quick else sizes)
        return 0
    baseline_sizes = sizes if args.quick else (5_000, 20_000)
    streaming = [run(n, exhaustive=False) for n in sizes]
    base = {n: run(n, exhaustive=True) for n in baseline_sizes}
    print(
        "| items | align CPU s | peak MB (process) | MB before align | 1:1 F1 "
        "| baseline CPU s | baseline peak MB | baseline F1 | CPU vs baseline |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in streaming:
        b = base.get(int(row["n"]))
        cells = [
            f"{int(row['n']):,} x {int(row['m']):,}",
            f"{row['cpu']:.1f}",
            f"{row['peak']:.0f}",
            f"{row['before']:.0f}",
            f"{row['f1']:.4f}",
        ]
        if b is not None:
            cells += [
                f"{b['cpu']:.1f}",
                f"{b['peak']:.0f}",
                f"{b['f1']:.4f}",
                f"{row['cpu'] / b['cpu']:.2f}",
            ]
        else:
            cells += ["not run (too slow)", "", "", ""]
        print("| " + " | ".join(cells) + " |")
    base_rows = [base[n] for n in baseline_sizes]
    print(
        f"\nGrowth from {int(sizes[0]):,} to {int(sizes[-1]):,} items (t ~ n^k): "
        f"CPU k = {exponent(streaming, 'cpu'):.2f}, peak memory k = "
        f"{exponent(streaming, 'peak'):.2f} (target: 50k align step under 8 s CPU, "
        "k <= 1.1). Baseline from "
        f"{int(baseline_sizes[0]):,} to {int(baseline_sizes[-1]):,}: CPU k = "
        f"{exponent(base_rows, 'cpu'):.2f}, peak memory k = {exponent(base_rows, 'peak'):.2f}."
    )
    whole(sizes[:1] if args.quick else sizes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
