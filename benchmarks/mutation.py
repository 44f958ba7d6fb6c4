"""Mutation testing of the translation, composition and comparison algorithms.

Each mutant changes one operator or constant of one module (a comparison, an arithmetic or
boolean operator, ``not``, a number, a string, ``min``/``max``); the module's own tests are
run against it, and it is *killed* when they fail. The kill rate is the share of mutants
killed: what the tests would notice if that line were wrong.

Self-written on :mod:`ast` rather than mutmut: mutmut 3.8 copies the project to
``mutants/`` and runs the whole suite once to map tests to functions (2 minutes here), and
with the package installed in editable mode from ``src/`` the tests import the original,
so it found no test covering any mutant. This runs a copy of the repository with
``PYTHONPATH`` pointing at the copy's ``src/`` (subprocesses, such as the CLI tests' ``python
-m bvframework``, inherit it), one mutant at a time, only the tests given for the module,
stopping at the first failure.

    python benchmarks/mutation.py translate compose      # the full runs
    python benchmarks/mutation.py compare --sample 60    # a seeded sample
    python benchmarks/mutation.py --quick                # a few mutants, to check the tool
    python benchmarks/mutation.py translate --list       # the mutants, without running
    python benchmarks/mutation.py translate --at 124:57  # only the mutants at line:col
    python benchmarks/mutation.py comparison             # also: the Comparison result

Prints one table (mutants, killed, survived, timed out, kill rate per module) and every
survivor as ``file:line:col  original -> mutant``; ``--json`` writes the same as data.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COPY = ("src", "tests", "catalogues", "mappings", "scales", "assessments", "docs")
COPY_FILES = ("pyproject.toml", "README.md")

COMPARE_TESTS = (
    "tests/test_compare_text.py",
    "tests/test_compare_rows.py",
    "tests/test_migrate_compare.py",
    "tests/test_api.py",
    "tests/test_cli.py",
    "-k",
    "compare or Compare",
)
# module -> (file under src/bvframework, its tests: fastest and most telling first, then any
# other pytest arguments, e.g. -k to pick the module's tests out of a larger file)
TARGETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "translate": (
        "_scales/translate.py",
        (
            "tests/test_translation_levels.py",
            "tests/test_scales.py",
            "tests/test_scale_laws.py",
        ),
    ),
    "compose": (
        "_mappings/compose.py",
        (
            "tests/test_relationships.py",
            "tests/test_compose_confidence.py",
            "tests/test_compose_dispositions.py",
            "tests/test_mapping.py",
            "tests/test_laws.py",
        ),
    ),
    "compare": ("_assessments/compare.py", COMPARE_TESTS),
    # the Comparison result compare builds (split from compare.py by issue 18)
    "comparison": ("_assessments/comparison.py", COMPARE_TESTS),
}

_COMPARE: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINARY: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
}
_BOOLEAN: dict[type[ast.boolop], type[ast.boolop]] = {ast.And: ast.Or, ast.Or: ast.And}
_CALLS = {"min": "max", "max": "min", "any": "all", "all": "any"}


class Mutant:
    """One change: where, what it was and what it became, and the module's new source."""

    def __init__(self, *, line: int, col: int, before: str, after: str, source: str) -> None:
        self.line, self.col, self.before, self.after, self.source = line, col, before, after, source

    def label(self, path: str) -> str:
        return f"{path}:{self.line}:{self.col}  {self.before} -> {self.after}"


def _skipped_nodes(tree: ast.Module) -> set[int]:
    """Docstrings, annotations, ``__all__`` and ``raise AssertionError``: no behaviour."""
    out: set[int] = set()

    def skip(node: ast.AST | None) -> None:
        if node is not None:
            out.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            skip(first)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip(node)  # attribute docstrings
        if isinstance(node, ast.AnnAssign):
            skip(node.annotation)
        if isinstance(node, ast.arg):
            skip(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            for decorator in node.decorator_list:  # attrs options: no behaviour of the module
                skip(decorator)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            skip(node.returns)
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            skip(node)
        if isinstance(node, ast.Raise) and "AssertionError" in ast.unparse(node):
            skip(node)
        if isinstance(node, ast.ImportFrom | ast.Import):
            skip(node)
    return out


def _changes(node: ast.AST) -> Iterator[tuple[str, str, Any]]:
    """(before, after, apply) for each way ``node`` can be mutated; ``apply`` edits it in
    place and returns an undo."""
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            new = _COMPARE.get(type(op))
            if new is not None:
                yield _swap_list(node.ops, i, new(), ast.unparse(node))
    elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _BINARY:
        yield _swap_attr(node, "op", _BINARY[type(node.op)](), ast.unparse(node))
    elif isinstance(node, ast.BoolOp):
        yield _swap_attr(node, "op", _BOOLEAN[type(node.op)](), ast.unparse(node))
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        # ``not x`` -> ``not not x``: the test without its negation
        yield _swap_attr(node, "operand", ast.UnaryOp(ast.Not(), node.operand), ast.unparse(node))
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        other = _CALLS.get(node.func.id)
        if other is not None:
            yield _swap_attr(node.func, "id", other, ast.unparse(node))
    elif isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            yield _swap_attr(node, "value", not value, repr(value))
        elif isinstance(value, int | float):
            yield _swap_attr(node, "value", value + 1, repr(value))
        elif isinstance(value, str):
            yield _swap_attr(node, "value", f"XX{value}XX", repr(value))


def _swap_attr(node: ast.AST, name: str, new: Any, before: str) -> tuple[str, str, Any]:
    def apply() -> Any:
        old = getattr(node, name)
        setattr(node, name, new)
        return lambda: setattr(node, name, old)

    return before, repr(new) if isinstance(node, ast.Constant) else "", apply


def _swap_list(items: list[Any], i: int, new: Any, before: str) -> tuple[str, str, Any]:
    def apply() -> Any:
        old = items[i]
        items[i] = new
        return lambda: items.__setitem__(i, old)

    return before, "", apply


def mutants(source: str) -> list[Mutant]:
    """Every mutant of ``source``, in source order."""
    tree = ast.parse(source)
    skipped = _skipped_nodes(tree)
    out = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        # an f-string's parts are not worth mutating one by one: its text is checked whole
        if isinstance(node, ast.Constant) and _inside_fstring(tree, node):
            continue
        for before, after, apply in _changes(node):
            undo = apply()
            try:
                mutated = ast.unparse(tree)
                shown = after or ast.unparse(node)
            finally:
                undo()
            out.append(
                Mutant(
                    line=getattr(node, "lineno", 0),
                    col=getattr(node, "col_offset", 0),
                    before=before,
                    after=shown,
                    source=mutated + "\n",
                )
            )
    out.sort(key=lambda m: (m.line, m.col))
    return out


_FSTRING_PARTS: dict[int, set[int]] = {}


def _inside_fstring(tree: ast.Module, node: ast.AST) -> bool:
    parts = _FSTRING_PARTS.get(id(tree))
    if parts is None:
        parts = {
            id(n)
            for f in ast.walk(tree)
            if isinstance(f, ast.JoinedStr)
            for n in ast.walk(f)
            if isinstance(n, ast.Constant)
        }
        _FSTRING_PARTS[id(tree)] = parts
    return id(node) in parts


def _copy_repository(into: Path) -> None:
    for name in COPY:
        if (ROOT / name).exists():
            shutil.copytree(
                ROOT / name,
                into / name,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis"),
            )
    for name in COPY_FILES:
        shutil.copy2(ROOT / name, into / name)


def _run_tests(copy: Path, tests: tuple[str, ...], timeout: float) -> tuple[str, float]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(copy / "src")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.setdefault("BVFRAMEWORK_EXTERNAL", str(ROOT.parent / "shared" / "external"))
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
            cwd=copy,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.perf_counter() - start
    outcome = "survived" if done.returncode == 0 else "killed"
    return outcome, time.perf_counter() - start


def run(
    name: str,
    *,
    sample: int | None,
    seed: int,
    listing: bool,
    quick: bool,
    at: tuple[str, ...] = (),
) -> dict[str, Any]:
    relative, tests = TARGETS[name]
    original = (ROOT / "src" / "bvframework" / relative).read_text(encoding="utf-8")
    found = mutants(original)
    chosen = found
    if quick:
        chosen = random.Random(seed).sample(found, min(5, len(found)))
    elif sample is not None and sample < len(found):
        chosen = sorted(random.Random(seed).sample(found, sample), key=lambda m: (m.line, m.col))
    if at:
        chosen = [m for m in found if f"{m.line}:{m.col}" in at]
    path = f"src/bvframework/{relative}"
    if listing:
        for m in chosen:
            print(m.label(path))
        return {"module": name, "mutants": len(chosen), "listed": True}
    present = tuple(t for t in tests if not t.startswith("tests/") or (ROOT / t).exists())
    with tempfile.TemporaryDirectory(prefix="bvframework-mutation-") as tmp:
        copy = Path(tmp)
        _copy_repository(copy)
        target = copy / "src" / "bvframework" / relative
        outcome, baseline = _run_tests(copy, present, timeout=1800)
        if outcome != "survived":
            raise SystemExit(f"{name}: the tests fail before any mutation ({' '.join(present)})")
        timeout = 3 * baseline + 20
        results = []
        for n, m in enumerate(chosen, 1):
            target.write_text(m.source, encoding="utf-8")
            outcome, seconds = _run_tests(copy, present, timeout)
            results.append({"where": m.label(path), "outcome": outcome, "seconds": seconds})
            print(f"  [{n}/{len(chosen)}] {outcome:8} {m.label(path)}", file=sys.stderr)
        target.write_text(original, encoding="utf-8")
    killed = sum(r["outcome"] in ("killed", "timeout") for r in results)
    return {
        "module": name,
        "file": path,
        "tests": list(present),
        "mutants_in_file": len(found),
        "mutants": len(results),
        "killed": sum(r["outcome"] == "killed" for r in results),
        "timeout": sum(r["outcome"] == "timeout" for r in results),
        "survived": len(results) - killed,
        "kill_rate": killed / len(results) if results else 0.0,
        "baseline_seconds": round(baseline, 1),
        "survivors": [r["where"] for r in results if r["outcome"] == "survived"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"any of {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--sample", type=int, help="run a seeded sample of N mutants per module")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--quick", action="store_true", help="5 mutants of translate only")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--at", action="append", default=[], metavar="LINE:COL", help="only the mutants there"
    )
    args = parser.parse_args(argv)
    # stopped (kill PID): leave through SystemExit, so the copy is removed and the tests stop
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    unknown = [n for n in args.modules if n not in TARGETS]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    names = args.modules or (["translate"] if args.quick else ["translate", "compose", "compare"])
    reports = [
        run(
            n,
            sample=args.sample,
            seed=args.seed,
            listing=args.list,
            quick=args.quick,
            at=tuple(args.at),
        )
        for n in names
    ]
    if args.list:
        return 0
    heads = ("mutants", "killed", "timeout", "survived", "kill rate")
    print(f"{'module':10} " + " ".join(f"{h:>{max(len(h), 6)}}" for h in heads))
    for r in reports:
        print(
            f"{r['module']:10} {r['mutants']:>7} {r['killed']:>6} {r['timeout']:>7} "
            f"{r['survived']:>8} {r['kill_rate']:>9.1%}"
        )
    total = sum(r["mutants"] for r in reports)
    dead = sum(r["killed"] + r["timeout"] for r in reports)
    if len(reports) > 1 and total:
        print(f"{'all':10} {total:>7} {'':>6} {'':>7} {total - dead:>8} {dead / total:>9.1%}")
    for r in reports:
        for where in r["survivors"]:
            print(f"survived: {where}")
    if args.json:
        args.json.write_text(json.dumps(reports, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
