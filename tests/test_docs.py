"""Every example in the README, the docs and the docstrings is executed."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
import shlex
from pathlib import Path

import pytest

import bvframework
from bvframework._cli.main import main

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_examples(page: Path) -> None:
    result = doctest.testfile(str(page), module_relative=False, optionflags=FLAGS)
    assert result.failed == 0


def console_blocks(page: Path) -> list[tuple[str, str]]:
    """(command, expected output) for each ``$ bvframework`` line in console blocks."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", page.read_text(), flags=re.S):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            if line.startswith("$ bvframework "):
                rest = []
                for later in lines[i + 1 :]:
                    if later.startswith("$ "):
                        break
                    rest.append(later)
                found.append((line[2:], "\n".join(rest)))
    return found


CONSOLE = [(page, cmd, out) for page in PAGES for cmd, out in console_blocks(page)]


@pytest.mark.parametrize(("page", "command", "expected"), CONSOLE, ids=lambda v: str(v)[:40])
def test_console_examples(
    page: Path,
    command: str,
    expected: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Run where files the examples write cannot land in the repository.
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    monkeypatch.chdir(tmp_path)
    assert main(shlex.split(command)[1:]) == 0
    out = capsys.readouterr().out
    if "..." in expected:  # a shortened example: "..." stands for any lines
        checker = doctest.OutputChecker()
        assert checker.check_output(expected + "\n", out, doctest.ELLIPSIS), out
    elif expected:
        assert out.rstrip("\n") == expected


def test_docstring_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples name the repository's test data by relative path
    failed = 0
    for info in pkgutil.walk_packages(bvframework.__path__, "bvframework."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        failed += doctest.testmod(module, optionflags=FLAGS).failed
    failed += doctest.testmod(bvframework, optionflags=FLAGS).failed
    assert failed == 0
