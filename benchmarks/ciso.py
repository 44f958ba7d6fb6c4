"""CISO Assistant libraries in: time and peak memory to read each real library in
../shared/external/ciso (or $BVFRAMEWORK_EXTERNAL/ciso), set against a baseline measured in
the same run: PyYAML's C safe loader reading the same file (what any reader must at least
do). Prints a Markdown table.

    python benchmarks/ciso.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from bvframework._core.yamlio import parse_yaml
from bvframework._importers.ciso import ciso_catalogue, ciso_kind, ciso_scale
from bvframework._importers.ciso_mapping import ciso_mapping

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = Path(os.environ.get("BVFRAMEWORK_EXTERNAL", ROOT.parent / "shared" / "external"))


def best(fn: Callable[[], Any], repeat: int) -> tuple[Any, float, float]:
    """The result, the best time of ``repeat`` runs (seconds) and the peak memory (MB)."""
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return result, min(times), peak


def read(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    doc = parse_yaml(text, source=path.name)
    if ciso_kind(doc) == "mapping":
        return f"{len(ciso_mapping(doc).links)} links"
    catalogue = ciso_catalogue(doc)
    made = f"{len(catalogue)} items, {len(catalogue.themes)} themes"
    framework = doc.data["objects"].get("framework", {})
    if "scores_definition" in framework or "max_score" in framework:
        made += f", scale of {len(ciso_scale(doc).levels)}"
    return made


def baseline(path: Path, loader: Any) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    folder = EXTERNAL / "ciso"
    if not folder.is_dir():
        print(f"skipped: {folder} (CISO Assistant libraries) is not present")
        return 0
    rows = []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(folder.glob("*.yaml")):
        made, ours, peak = best(partial(read, path), args.repeat)
        _, base, base_peak = best(partial(baseline, path, loader), args.repeat)
        rows.append(
            f"| {path.name} | {path.stat().st_size / 1e3:,.0f} KB | {made} | {ours * 1e3:,.0f} ms"
            f" | {base * 1e3:,.0f} ms | {ours / base:.1f}x | {peak:,.1f} MB | {base_peak:,.1f} MB |"
        )
    print("| library | size | read as | bvframework | PyYAML C loader | ratio | peak |", end="")
    print(" baseline peak |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
