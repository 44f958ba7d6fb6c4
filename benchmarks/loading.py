"""What loading a large catalogue file costs, by way of reading it: every alternative the
input layer weighed (a faster parse, the JSON form of the same schema, a checked cache of
the strict parse), side by side on one synthetic catalogue per size (written first, not
timed). Each row is the best of three runs' CPU time:

- ``load_catalogue``: the whole product path (read, strict parse or cache, schema check,
  model built), for the YAML file with the parse cache off, its first run (parsed, then
  the entry written: the cache folder is emptied before each run), its second run (the
  entry read and checked), and for the JSON file;
- ``parse_yaml``: the strict loader alone (duplicate keys refused; line numbers found when
  an error asks; a plain document built from the parser's events), the same by the node
  tree (what it did before ``_core/yamlevents.py``, and still does for a document that is
  not plain), and with the garbage collector left on while it builds (what it cost before
  ``_core/collect.py``);
- ``yaml CSafeLoader``: libyaml's own load, no checks; ``yaml.compose``: its node tree;
- ``json.loads`` of the same data, ``marshal.loads`` of it, ``sha256`` of the file (the
  check every cache read pays), ``Catalogue.from_dict`` (the model from parsed data).

    python benchmarks/loading.py            # 5,000 and 50,000 items
    python benchmarks/loading.py --quick    # 5,000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import marshal
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

import bvframework as bv
from bvframework import Catalogue, synthetic_catalogue
from bvframework._core import collect, yamlio
from bvframework._core.yamlio import dump_yaml, parse_yaml
from bvframework._store import parsecache


def best(fn: Callable[[], Any], runs: int = 3, before: Callable[[], Any] = lambda: None) -> float:
    seconds = float("inf")
    for _ in range(runs):
        before()
        start = time.process_time()
        fn()
        seconds = min(seconds, time.process_time() - start)
    return seconds


@contextmanager
def collector_on() -> Iterator[None]:
    """The strict parse as it was before it paused the garbage collector."""

    class _On:
        def __enter__(self) -> None:
            return None

        def __exit__(self, *exc: object) -> None:
            return None

    names = vars(yamlio)
    saved = names["paused"]
    names["paused"] = _On
    try:
        yield
    finally:
        names["paused"] = saved


@contextmanager
def cache_in(folder: Path, *, on: bool) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in ("BVFRAMEWORK_CACHE", parsecache.VARIABLE)}
    os.environ["BVFRAMEWORK_CACHE"] = str(folder)
    os.environ[parsecache.VARIABLE] = "on" if on else "off"
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def rows_for(n: int, folder: Path) -> list[list[str]]:
    data = synthetic_catalogue(n, seed=n).to_dict()
    as_yaml, as_json = folder / f"c{n}.yaml", folder / f"c{n}.json"
    as_yaml.write_text(dump_yaml(data), "utf-8")
    as_json.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    text = as_yaml.read_text(encoding="utf-8")
    json_text = as_json.read_text(encoding="utf-8")
    cached = marshal.dumps(data)
    raw = as_yaml.read_bytes()
    cache = folder / "cache"

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    with cache_in(cache, on=False):
        plain = best(lambda: bv.load_catalogue(as_yaml))
    with cache_in(cache, on=True):
        first = best(lambda: bv.load_catalogue(as_yaml), before=empty_cache)
        bv.load_catalogue(as_yaml)
        second = best(lambda: bv.load_catalogue(as_yaml))
        assert bv.load_catalogue(as_yaml).to_dict() == bv.load_catalogue(as_json).to_dict()
    with collector_on():
        strict_gc = best(lambda: parse_yaml(text, source=as_yaml.name))
    with collect.paused():  # as parse_yaml runs it
        by_nodes = best(lambda: yamlio._by_nodes(text, as_yaml.name, text))
    assert vars(yamlio)["paused"] is collect.paused
    measured = [
        ("load_catalogue, YAML, parse cache off (the baseline)", plain),
        ("load_catalogue, YAML, parse cache: first run (parse + write entry)", first),
        ("load_catalogue, YAML, parse cache: second run (entry read, checked)", second),
        ("load_catalogue, JSON form of the same schema", best(lambda: bv.load_catalogue(as_json))),
        ("parse_yaml (strict loader)", best(lambda: parse_yaml(text, source=as_yaml.name))),
        ("parse_yaml by the node tree (as before the event builder)", by_nodes),
        ("parse_yaml with the collector on (as before)", strict_gc),
        (
            "yaml CSafeLoader (libyaml's load, no checks)",
            best(lambda: yaml.load(text, Loader=yaml.CSafeLoader)),
        ),
        (
            "yaml.compose (libyaml's node tree alone)",
            best(lambda: yaml.compose(text, Loader=yaml.CSafeLoader)),
        ),
        ("json.loads (the same data as JSON)", best(lambda: json.loads(json_text))),
        ("marshal.loads (the parsed data)", best(lambda: marshal.loads(cached))),
        (
            "sha256 of the file (every cache read checks it)",
            best(lambda: hashlib.sha256(raw).digest()),
        ),
        ("Catalogue.from_dict (building the model)", best(lambda: Catalogue.from_dict(data))),
    ]
    mb = len(raw) / 1e6
    return [
        [f"{n:,} ({mb:.1f} MB)", name, f"{seconds:.2f}", f"{seconds / plain:.2f}"]
        for name, seconds in measured
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    sizes = (5_000,) if args.quick else (5_000, 50_000)
    print("| items | reading | CPU s | vs the baseline |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            for row in rows_for(n, Path(folder)):
                print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
