"""Time and peak memory at the sizes the limits are about (issue 21): PNG heat maps of 70,
1,000 and 5,000 items, and ``import govuk`` of pages of 1,000 and 10,000 items, at its
bound and one past it.

Each measurement runs in its own process, so its peak resident memory (VmHWM) is its own.
The baseline, measured in the same run, is the matplotlib renderer PNG heat maps used
before (one patch and two text artists per cell, the whole figure in memory), kept here as
it was; ``--no-baseline`` skips it (its 5,000-item run takes about 25 s and 800 MB).

    python benchmarks/limits.py                 # everything
    python benchmarks/limits.py --quick         # 70 and 1,000 items, no baseline at 5,000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from child import child_json  # benchmarks/child.py, beside this file

PNG_CHILD = r"""
import json, sys, time
n, renderer = int(sys.argv[1]), sys.argv[2]
from bvframework._render.heatmap import Cell, HeatMap
def status(key):
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith(key)) / 1024
fills = ["#00843D", "#92D050", "#FFD966", "#ED7D31", "#C00000"]
cells = [Cell(code=f"X{i:04d}", text=str(1 + i % 5), fill=fills[i % 5], ink="#111111",
              title="") for i in range(n)]
per = -(-n // 7)
rows = tuple((f"Theme {t + 1}", tuple(cells[t * per:(t + 1) * per])) for t in range(7))
legend = tuple((str(k), fills[k - 1], f"{n // 5} items") for k in range(5, 0, -1))
heatmap = HeatMap(title=f"{n} items", rows=rows, legend=legend, summary=f"{n} assessed")
if renderer == "matplotlib":
    exec(open(sys.argv[3]).read())
    draw = old_to_png
else:
    import PIL.Image, matplotlib  # what the renderer imports, so "before" counts them
    draw = HeatMap.to_png
before = status("VmRSS")
wall = time.perf_counter()
png = draw(heatmap)
wall = time.perf_counter() - wall
print(json.dumps({"n": n, "seconds": wall, "before": before, "peak": status("VmHWM"),
                  "bytes": len(png)}))
"""

# The renderer PNG heat maps used before issue 21, as it was (the baseline).
OLD_TO_PNG = r"""
def old_to_png(heatmap):
    import io
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle
    BORDER = "#000000"
    width = max((len(cells) for _, cells in heatmap.rows), default=1)
    n_rows = len(heatmap.rows)
    fig, ax = plt.subplots(figsize=(3 + width * 1.0, 1.6 + n_rows * 0.55 + 0.6))
    ax.set_xlim(-3.05, width + 0.05)
    ax.set_ylim(-1.6, n_rows + 0.2)
    ax.axis("off")
    ax.set_title(heatmap.title, loc="left", fontsize=10)
    for r, (theme, cells) in enumerate(heatmap.rows):
        row_y = n_rows - r - 1
        ax.text(-2.95, row_y + 0.45, theme, va="center", fontsize=7)
        for c, cell in enumerate(cells):
            ax.add_patch(Rectangle((c, row_y), 1, 0.9, facecolor=cell.fill,
                                   edgecolor=BORDER, linewidth=1.2))
            ax.text(c + 0.5, row_y + 0.6, cell.code, ha="center", va="center", fontsize=6,
                    color=cell.ink, fontweight="bold")
            ax.text(c + 0.5, row_y + 0.28, cell.text, ha="center", va="center", fontsize=6,
                    color=cell.ink)
    for i, (label, fill, count) in enumerate(heatmap.legend):
        x = -3 + (i % 4) * (width + 3) / 4
        y = -0.7 - (i // 4) * 0.45
        ax.add_patch(Rectangle((x, y), 0.3, 0.3, facecolor=fill, edgecolor=BORDER))
        ax.text(x + 0.4, y + 0.15, f"{label}: {count}", va="center", fontsize=6)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=150, bbox_inches="tight", pad_inches=0.15)
    plt.close(fig)
    return out.getvalue()
"""

THEMES = ("Continuous improvement", "Leadership", "Governance")


def govuk_page(items: int) -> str:
    """A page in gov.uk's shape (placeholder words only) with ``items`` characteristics
    over three themes."""
    parts = ["<html><body><div class='govspeak'><h2>The best value themes</h2>"]
    for t, theme in enumerate(THEMES):
        parts.append(f"<h3>{theme}</h3><p>Placeholder description.</p>")
        parts.append("<h4>Characteristics of a well-functioning authority</h4><ul>")
        share = items // len(THEMES) + (t < items % len(THEMES))
        parts += [f"<li>Placeholder characteristic {t}.{k}.</li>" for k in range(share)]
        parts.append("</ul>")
    parts.append("</div></body></html>")
    return "\n".join(parts)


def png(n: int, renderer: str, old: Path) -> dict[str, float]:
    return child_json(PNG_CHILD, str(n), renderer, str(old), timeout=600)


def govuk(items: int, folder: Path) -> tuple[int | None, str, float, float]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests import fuzzing

    page = folder / f"page-{items}.html"
    page.write_text(govuk_page(items))
    argv = ["import", "govuk", str(page), "--themes", *THEMES, "-o", str(folder / "out.yaml")]
    return fuzzing.run_bounded(argv, folder, seconds=600)


def growth(rows: Sequence[tuple[int, float]]) -> float:
    """k in y ~ n^k between the smallest and largest size (1 = linear)."""
    import math

    (n0, y0), (n1, y1) = rows[0], rows[-1]
    return math.log(max(y1, 1e-9) / max(y0, 1e-9)) / math.log(n1 / n0)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="70 and 1,000 items only")
    parser.add_argument("--no-baseline", action="store_true", help="skip matplotlib")
    args = parser.parse_args(argv)
    sizes = [70, 1000] if args.quick else [70, 1000, 5000]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old.py"
        old.write_text(OLD_TO_PNG)
        print("PNG heat maps (each size in its own process; MB above the interpreter's own)\n")
        print("| items | seconds | peak MB | growth MB | PNG KB | matplotlib s | matplotlib MB |")
        print("|---|---|---|---|---|---|---|")
        times, growths = [], []
        for n in sizes:
            new = png(n, "bands", old)
            base = None if args.no_baseline else png(n, "matplotlib", old)
            grew = new["peak"] - new["before"]
            times.append((n, new["seconds"]))
            growths.append((n, max(grew, 0.5)))
            cells = [
                f"{n:,}",
                f"{new['seconds']:.2f}",
                f"{new['peak']:.0f}",
                f"{grew:.0f}",
                f"{new['bytes'] / 1024:.0f}",
                f"{base['seconds']:.2f}" if base else "-",
                f"{base['peak']:.0f}" if base else "-",
            ]
            print("| " + " | ".join(cells) + " |")
            if n == 5000 and new["peak"] >= 150:
                failed = True
                print(f"\nFAILED: 5,000 items peaked at {new['peak']:.0f} MB (target < 150)")
        print(
            f"\ntime grows as n^{growth(times):.2f}, memory above the interpreter as "
            f"n^{growth(growths):.2f} (1 = linear)"
        )
        print("\n`import govuk` (the command line, each in its own process)\n")
        print("| items | status | seconds | peak MB |")
        print("|---|---|---|---|")
        from bvframework._importers.govuk import MAX_ITEMS

        # past the bound the import is refused at once, before anything is built
        for items in [1000] if args.quick else [1000, 10_000, MAX_ITEMS, MAX_ITEMS + 1]:
            status, stderr, seconds, peak = govuk(items, Path(tmp))
            print(f"| {items:,} | {status} | {seconds:.2f} | {peak:.0f} |")
            if status not in (0, 2) or "Traceback" in stderr:
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
