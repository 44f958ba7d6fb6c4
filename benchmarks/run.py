"""Evaluation and benchmarks of alignment, importers and composition; prints Markdown tables.

    python benchmarks/run.py            # everything (a few minutes on 2 cores)
    python benchmarks/run.py --quick    # smaller synthetic sizes, fewer baseline rows
    pip install -e '.[bench]'           # the scikit-learn TF-IDF + Hungarian baseline row

Real revisions are read from ../shared/external (or $BVFRAMEWORK_EXTERNAL); the sections
that need them are skipped with a message when the folder is absent. Each speed figure is
set against a baseline measured in the same run: difflib's SequenceMatcher ratio for every
pair, then the greedy best match.
"""

from __future__ import annotations

import argparse
import difflib
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import bvframework as bv
import latency  # benchmarks/latency.py, beside this file
import links as links_benchmark  # benchmarks/links.py
import scaling  # benchmarks/scaling.py
import speed as speed_benchmark  # benchmarks/speed.py
from bvframework import Catalogue, Mapping, compose
from bvframework._align.align import align, normalise_text
from bvframework._align.synthetic import Revision, revise, synthetic_catalogue
from bvframework._importers.common import build_catalogue
from bvframework._mappings.check import diff_mappings
from bvframework._store.store import Store

STORE = Store()  # one run, one store: each external file is read and parsed once


def oscal_catalogue(path: Path, **options: Any) -> Catalogue:
    return bv.import_catalogue("oscal", store=STORE, path=path, **options)


def asvs_catalogue(path: Path) -> Catalogue:
    return bv.import_catalogue("asvs", store=STORE, path=path)


def asvs_mapping(path: Path, *, source: Catalogue, target: Catalogue) -> Mapping:
    return bv.import_revision("asvs", source, target, path, store=STORE)


def withdrawal_links(path: Path) -> dict[str, tuple[str, list[str]]]:
    from bvframework._store.readers.oscal import withdrawal_links as links

    return links(STORE, STORE.locate("catalogue", path))


ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = Path(os.environ.get("BVFRAMEWORK_EXTERNAL", ROOT.parent / "shared" / "external"))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def timed(fn: Callable[[], Any], *, memory: bool = True) -> tuple[Any, float, float]:
    """(result, best of two untraced runs in seconds, peak MB of Python allocations in a
    separate traced run: tracing slows allocation, so it never touches the timing)."""
    seconds = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        result = fn()
        seconds = min(seconds, time.perf_counter() - start)
    peak = 0.0
    if memory:
        tracemalloc.start()
        fn()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    return result, seconds, peak


def baseline(
    old: Catalogue, new: Catalogue, *, rows: int | None, threshold: float = 0.6
) -> tuple[float, set[tuple[str, str]] | None]:
    """difflib ratio for every pair, greedy best match. With ``rows`` set, only that many
    old items are scored and the time is extrapolated (the rows are independent)."""
    olds = [(i.id, normalise_text(i.text or "")) for i in old.items]
    news = [(i.id, normalise_text(i.text or "")) for i in new.items]
    sample = olds if rows is None or rows >= len(olds) else olds[:: max(len(olds) // rows, 1)]
    start = time.perf_counter()
    scored = []
    for a_id, a in sample:
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(a)
        for b_id, b in news:
            matcher.set_seq1(b)
            scored.append((matcher.ratio(), a_id, b_id))
    seconds = (time.perf_counter() - start) * len(olds) / len(sample)
    if len(sample) < len(olds):
        return seconds, None
    pairs, used_a, used_b = set(), set(), set()
    for score, a_id, b_id in sorted(scored, reverse=True):
        if score < threshold:
            break
        if a_id not in used_a and b_id not in used_b:
            pairs.add((a_id, b_id))
            used_a.add(a_id)
            used_b.add(b_id)
    return seconds, pairs


def one_to_one(mapping: Mapping) -> set[tuple[str, str]]:
    d = mapping.dispositions()
    return {(a, b) for a, b in mapping.links if d[a] in ("unchanged", "reworded")}


def f1(got: set[Any], truth: set[Any] | frozenset[Any]) -> tuple[float, float, float]:
    tp = len(got & truth)
    p = tp / len(got) if got else 0.0
    r = tp / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def synthetic_section(
    sizes: Sequence[int], baseline_rows: int
) -> tuple[list[list[str]], list[list[object]]]:
    speed: list[list[str]] = []
    quality: list[list[object]] = []
    for n in sizes:
        rev: Revision = revise(synthetic_catalogue(n, seed=n), seed=n + 1)
        mapping, seconds, peak = timed(partial(align, rev.old, rev.new))
        base_s, base_pairs = baseline(rev.old, rev.new, rows=None if n <= 100 else baseline_rows)
        p, r, f = f1(one_to_one(mapping), rev.pairs)
        merged = set(mapping.links) - one_to_one(mapping)
        mp, mr, _ = f1(merged, rev.merges | rev.splits)
        base_f1 = f"{f1(base_pairs, rev.pairs)[2]:.3f}" if base_pairs is not None else "n/a"
        speed.append(
            [
                f"synthetic {n} x {len(rev.new)}",
                f"{seconds:.2f}",
                f"{base_s:.1f}" + ("" if n <= 100 else f" (est. from {baseline_rows} rows)"),
                f"{base_s / seconds:.0f}x",
                f"{peak:.0f}",
            ]
        )
        quality.append(
            [
                n,
                f"{p:.3f}",
                f"{r:.3f}",
                f"{f:.3f}",
                base_f1,
                f"{mp:.2f}",
                f"{mr:.2f}",
                len(rev.reworded),
                len(rev.merges | rev.splits),
            ]
        )
    return speed, quality


def nist_section(baseline_rows: int) -> tuple[list[str], str] | None:
    folder = EXTERNAL / "nist-800-53"
    if not folder.is_dir():
        return None
    old = oscal_catalogue(
        folder / "NIST_SP-800-53_rev4_catalog.yaml", framework="nist-800-53", version="rev4"
    )
    new_path = folder / "NIST_SP-800-53_rev5.0.1_catalog.json"
    new = oscal_catalogue(new_path, framework="nist-800-53", version="rev5")
    mapping, seconds, peak = timed(lambda: align(old, new, id_weight=0))
    base_s, _ = baseline(old, new, rows=baseline_rows)
    continuing = {i.id for i in old.items} & {i.id for i in new.items}
    own = sum(1 for a, b in mapping.links if a == b and a in continuing)
    withdrawn = {
        k: v for k, v in withdrawal_links(new_path).items() if k in {i.id for i in old.items}
    }
    truth = {
        (k, t)
        for k, (_, targets) in withdrawn.items()
        for t in targets
        if t in {i.id for i in new.items}
    }
    found = truth & set(mapping.links)
    previous, previous_s, _ = timed(
        lambda: align(old, new, scorer="token_sort", id_weight=0), memory=False
    )
    previous_own = sum(1 for a, b in previous.links if a == b and a in continuing)
    previous_found = truth & set(previous.links)
    by_rel = {}
    for rel in ("incorporated-into", "moved-to"):
        # only links whose target exists in rev5 (the truth above): one incorporated-into
        # link points at a control rev5 does not have, so 56 + 33 = 89, not 57 + 33
        links = truth & {
            (k, t) for k, (r, targets) in withdrawn.items() if r == rel for t in targets
        }
        by_rel[rel] = (len(links & set(mapping.links)), len(links))
    speed = [
        f"NIST rev4 x rev5 ({len(old)} x {len(new)})",
        f"{seconds:.2f}",
        f"{base_s:.0f} (est. from {baseline_rows} rows)",
        f"{base_s / seconds:.0f}x",
        f"{peak:.0f}",
    ]
    text = table(
        ["measure", "value"],
        [
            [
                "continuing items (active in both) matched to their own ID, IDs hidden",
                f"{own} of {len(continuing)} ({own / len(continuing):.1%})",
            ],
            ["items withdrawn in rev5 (active in rev4)", len(withdrawn)],
            [
                "their incorporated-into/moved-to links recovered",
                f"{len(found)} of {len(truth)} ({len(found) / max(len(truth), 1):.1%})",
            ],
            *[[f"  {rel}", f"{a} of {b}"] for rel, (a, b) in by_rel.items()],
            ["seconds (default: tfidf)", f"{seconds:.2f}"],
            [
                "token_sort (the default before tfidf): own ID",
                f"{previous_own} of {len(continuing)} ({previous_own / len(continuing):.1%})",
            ],
            [
                "token_sort: withdrawn links recovered",
                f"{len(previous_found)} of {len(truth)}",
            ],
            ["token_sort: seconds", f"{previous_s:.2f}"],
        ],
    )
    return speed, text


def _be_catalogue(*files: Path) -> Catalogue:
    import re

    import yaml

    ids: set[str] = set()
    for path in files:
        data = yaml.safe_load(path.read_text())
        for key, value in data.items():
            for text in (str(key), str(value)):
                ids.update(m.group(1) for m in re.finditer(r"v5\.0\.be-(\d+(?:\.\d+)+)", text))
    items = [{"id": i} for i in sorted(ids, key=lambda s: [int(p) for p in s.split(".")])]
    return build_catalogue(
        framework="owasp-asvs",
        version="5.0.be",
        title="ASVS 5.0 bleeding edge",
        themes=[{"id": "all", "title": "All", "items": items}],
        source="IDs named in the 5.0.be mapping files",
    )


def asvs_section() -> str | None:
    folder = EXTERNAL / "asvs"
    if not folder.is_dir():
        return None
    a4 = asvs_catalogue(folder / "asvs-4.0.3-en.flat.json")
    a5 = asvs_catalogue(folder / "asvs-5.0.0-en.flat.json")
    truth = asvs_mapping(folder / "mapping_v4.0.3_to_v5.0.0.yml", source=a4, target=a5)
    back = asvs_mapping(folder / "mapping_v5.0.0_to_v4.0.3.yml", source=a4, target=a5)
    out = []
    rows = []
    settings = (
        ("tfidf", 0.12),  # the default (merge similarity 0.5)
        ("tfidf", 0.15),
        ("tfidf", 0.2),
        ("token_sort", 0.6),  # the default before the tfidf backend
        ("token_set", 0.5),
        ("token_set", 0.7),
    )
    for scorer, threshold in settings:
        cutoff = threshold / 2 if scorer == "tfidf" else 0.5
        mapping, seconds, _ = timed(
            partial(align, a4, a5, scorer=scorer, threshold=threshold, cutoff=cutoff),
            memory=False,
        )
        p, r, f = f1(set(mapping.links), set(truth.links))
        rows.append(
            [
                f"{scorer}, threshold {threshold}",
                f"{p:.3f}",
                f"{r:.3f}",
                f"{f:.3f}",
                f"{seconds:.2f}",
            ]
        )
    out.append("Links of the curated ASVS 4.0.3 -> 5.0.0 mapping recovered by `align`:\n")
    out.append(table(["settings", "precision", "recall", "F1", "seconds"], rows))
    mapping = align(a4, a5)
    d_true, d_got = truth.dispositions(), mapping.dispositions()
    got = set(mapping.links)
    kind_rows = []
    for kind in ("unchanged", "reworded", "merged", "split", "removed"):
        items = [k for k, v in d_true.items() if v == kind]
        links = {link for link in truth.links if link[0] in items}
        if kind == "removed":
            hit = sum(1 for k in items if d_got[k] == "removed")
            kind_rows.append([kind, len(items), "-", f"{hit} of {len(items)} found removed"])
            continue
        kind_rows.append(
            [
                kind,
                len(items),
                len(links),
                f"{len(links & got)} of {len(links)} ({len(links & got) / len(links):.0%})",
            ]
        )
    added = [k for k, v in truth.origins().items() if v == "added"]
    hit = sum(1 for k in added if mapping.origins()[k] == "added")
    kind_rows.append(["added (new items)", len(added), "-", f"{hit} of {len(added)} found added"])
    predicted = []
    for kind in ("unchanged", "reworded", "merged", "split"):
        links = {link for link in got if d_got[link[0]] == kind}
        predicted.append(
            [kind, len(links), f"{len(links & set(truth.links)) / max(len(links), 1):.0%}"]
        )
    out.append("\nBy kind in the curated mapping (default settings: tfidf, 0.12), link recall:\n")
    out.append(table(["kind", "items", "links", "recovered"], kind_rows))
    out.append("\nBy kind predicted, link precision:\n")
    out.append(table(["kind", "links", "precision"], predicted))
    check = diff_mappings(truth, back)
    out.append(
        "\nThe mapping checker on the two curated files (4.0.3 -> 5.0.0 and 5.0.0 -> 4.0.3):\n"
    )
    out.append(
        table(
            ["measure", "value"],
            [
                ["links in both", check.common],
                ["links only in the forward file", len(check.only_first)],
                ["links only in the backward file", len(check.only_second)],
                ["4.0.3 items whose change kind differs", len(check.sources)],
                ["5.0.0 items whose change kind differs", len(check.targets)],
            ],
        )
    )
    if check.sources or check.targets:
        sample = [list(r) for r in (check.sources + check.targets)[:8]]
        out.append("\nFirst disagreements (item, forward kind, backward kind):\n")
        out.append(table(["item", "forward", "backward"], sample))
    be = _be_catalogue(
        folder / "mapping_v4.0.3_to_v5.0.be.yml", folder / "mapping_v5.0.be_to_v5.0.0.yml"
    )
    first = asvs_mapping(folder / "mapping_v4.0.3_to_v5.0.be.yml", source=a4, target=be)
    second = asvs_mapping(folder / "mapping_v5.0.be_to_v5.0.0.yml", source=be, target=a5)
    composed = compose(first, second)

    def targets(m: Mapping) -> dict[str, set[str]]:
        out_: dict[str, set[str]] = {i.id: set() for i in a4.items}
        for a, b in m.links:
            out_[a].add(b)
        return out_

    direct_t, composed_t = targets(truth), targets(composed)
    agree = sum(1 for k in direct_t if direct_t[k] == composed_t[k])
    differ = [k for k in direct_t if direct_t[k] != composed_t[k]]
    out.append("\nComposition 4.0.3 -> 5.0.be -> 5.0.0 against the direct mapping:\n")
    out.append(
        table(
            ["measure", "value"],
            [
                ["4.0.3 requirements whose target sets agree", f"{agree} of {len(direct_t)}"],
                [
                    "those that differ",
                    ", ".join(
                        f"{k}: direct {sorted(direct_t[k])} vs composed {sorted(composed_t[k])}"
                        for k in differ
                    )
                    or "none",
                ],
            ],
        )
    )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    sizes = (100, 1000) if args.quick else (100, 1000, 5000)
    rows = 20 if args.quick else 60
    print(f"# bvframework benchmarks\n\nPython {sys.version.split()[0]}, {os.cpu_count()} cores.\n")
    speed, quality = synthetic_section(sizes, rows)
    nist = nist_section(rows)
    if nist is not None:
        speed.append(nist[0])
    print("## Speed and memory of `align` (baseline: difflib ratio + greedy, same run)\n")
    print(
        table(["catalogues", "align s", "baseline s", "speed-up", "peak MB (Python heap)"], speed)
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nWhole benchmark process, maximum resident memory: {rss:.0f} MB.\n")
    print("## Recovering known edits on synthetic revisions\n")
    print(
        "Rewording replaces or drops about a third of an item's words; merges join two items, "
        "splits halve one; new IDs are fresh.\n"
    )
    print(
        table(
            [
                "items",
                "1:1 precision",
                "1:1 recall",
                "1:1 F1",
                "baseline 1:1 F1",
                "merge/split precision",
                "merge/split recall",
                "reworded",
                "merge/split links",
            ],
            quality,
        )
    )
    print("\n## NIST SP 800-53 rev4 -> rev5\n")
    print(nist[1] if nist else f"skipped: {EXTERNAL / 'nist-800-53'} not found")
    print("\n## OWASP ASVS 4.0.3 -> 5.0.0\n")
    print(asvs_section() or f"skipped: {EXTERNAL / 'asvs'} not found")
    print("\n## Link by link: every backend and the scikit-learn baseline, calibration\n")
    print(links_benchmark.report(STORE, quick=args.quick))
    print("\n## Scaling: linear-time alignment of large catalogues\n")
    scaling.main(["--quick"] if args.quick else [])
    print("\n## Command-line latency\n")
    latency.main(["--quick"] if args.quick else [])
    print("\n## Composition and comparison at scale\n")
    speed_benchmark.main(["--quick"] if args.quick else [])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
