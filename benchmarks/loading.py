"""What loading a large catalogue file costs, by way of reading it: the measurements the
input layer's choice (a faster parser, a JSON form of the same schema, or a checked cache
of the parsed file) needs. Nothing here changes how the product reads files.

Each row is the best of three runs on one synthetic catalogue (written first, not timed):

- ``bvframework.load_catalogue``: the whole product path (strict loader: duplicate keys
  refused, line numbers kept; schema checks; the model built);
- ``parse_yaml``: the strict loader alone; ``yaml CSafeLoader``: libyaml alone;
- ``json.loads`` of the same data written as JSON;
- ``marshal.loads`` of the parsed data (a cache: it must still be checked against the
  file, e.g. by size, mtime and a hash, whose cost is the ``sha256`` row);
- ``Catalogue.from_dict``: building the model from parsed data.

    python benchmarks/loading.py            # 5,000 and 50,000 items
    python benchmarks/loading.py --quick    # 5,000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import marshal
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

import bvframework as bv
from bvframework import Catalogue, synthetic_catalogue
from bvframework._core.yamlio import parse_yaml


def best(fn: Callable[[], Any], runs: int = 3) -> float:
    seconds = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn()
        seconds = min(seconds, time.process_time() - start)
    return seconds


def rows_for(n: int, folder: Path) -> list[list[str]]:
    data = synthetic_catalogue(n, seed=n).to_dict()
    as_yaml = folder / f"c{n}.yaml"
    as_yaml.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False), "utf-8")
    text = as_yaml.read_text(encoding="utf-8")
    as_json = json.dumps(data)
    cached = marshal.dumps(data)
    raw = as_yaml.read_bytes()
    whole = best(lambda: bv.load_catalogue(as_yaml))
    measured = [
        ("bvframework.load_catalogue (the product path)", whole),
        ("parse_yaml (strict loader)", best(lambda: parse_yaml(text, source=as_yaml.name))),
        (
            "yaml CSafeLoader (libyaml alone)",
            best(lambda: yaml.load(text, Loader=yaml.CSafeLoader)),
        ),
        ("json.loads (the same data as JSON)", best(lambda: json.loads(as_json))),
        ("marshal.loads (a cache of the parsed data)", best(lambda: marshal.loads(cached))),
        ("sha256 of the file (checking a cache)", best(lambda: hashlib.sha256(raw).digest())),
        ("Catalogue.from_dict (building the model)", best(lambda: Catalogue.from_dict(data))),
    ]
    mb = len(raw) / 1e6
    return [
        [f"{n:,} ({mb:.1f} MB)", name, f"{seconds:.2f}", f"{seconds / whole:.2f}"]
        for name, seconds in measured
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    sizes = (5_000,) if args.quick else (5_000, 50_000)
    print("| items | reading | CPU s | vs load_catalogue |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            for row in rows_for(n, Path(folder)):
                print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
