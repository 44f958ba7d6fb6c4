"""Progress and explanations on standard error, through the ``logging`` module: shown with
-v (or on a terminal), never with -q, never on standard output; and without a terminal or
a flag, ``logging`` is not even imported. Checked through the real command line: reading a
large file (parsed, then from the parse cache), an import, and a download from a local
HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import bvframework as bv
from bvframework._cli.main import main
from bvframework._core.progress import Progress
from bvframework._core.yamlio import dump_yaml

from .test_fetch import Server

ITEMS = 5_000  # a catalogue file of about 1.2 MB: over the size where reading is reported


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    catalogue = bv.synthetic_catalogue(ITEMS, seed=1)
    path.write_text(dump_yaml(catalogue.to_dict()), encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    return path


def runs(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, tuple[str, str]]:
    """stdout and stderr of ``argv`` run plain, with -v and with -q (in that order)."""
    said = {}
    for flag in ("", "-v", "-q"):
        assert main([*([flag] if flag else []), *argv]) == 0
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        said[flag or "plain"] = (captured.out, captured.err)
    return said


def test_reading_a_large_file_is_reported_with_v_only(
    big: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path / "cache"))
    mb = big.stat().st_size / 1e6
    said = runs(capsys, "show", str(big))  # plain parses and fills the cache; -v reads it
    assert said["plain"][0] == said["-v"][0] == said["-q"][0]  # stdout never changes
    assert said["plain"][1] == ""  # no terminal, no flag: nothing extra
    assert said["-q"][1] == ""
    assert f"bvframework: read {big} from the parse cache\n" in said["-v"][1]
    (tmp_path / "cache").rename(tmp_path / "elsewhere")  # parsed again: its size is said
    assert main(["-v", "show", str(big)]) == 0
    assert f"bvframework: reading {big} ({mb:.1f} MB)\n" in capsys.readouterr().err


def test_an_import_says_what_it_read_with_v(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tsv = tmp_path / "r.sssom.tsv"
    ref = "best-value/runnymede-2024--draft-2023-07"
    assert main(["export", "sssom", ref, "-o", str(tsv), "--date", "2026-01-02"]) == 0
    capsys.readouterr()
    said = runs(capsys, "import", "sssom", str(tsv), "-o", str(tmp_path / "back.yaml"))
    assert said["plain"][0] == said["-v"][0] == said["-q"][0]
    err = said["-v"][1]
    assert f"bvframework: importing {tsv} as sssom\n" in err
    assert len(bv.load_mapping(ref).relations) == 1
    assert f"bvframework: imported {tsv}: 1 relation\n" in err
    assert "importing" not in said["plain"][1]
    assert said["-q"][1] == ""  # not even "wrote"


def test_a_download_shows_its_progress_with_v_and_nothing_with_q(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    said = {}
    for flag in ("-v", "-q", ""):
        assert main([*([flag] if flag else []), "fetch", "best-value", "--refresh"]) == 0
        said[flag or "plain"] = capsys.readouterr()
    assert said["plain"].out == said["-v"].out == said["-q"].out
    assert said["-q"].err == ""  # not even the "downloading" notice
    lines = said["-v"].err.splitlines()
    api = f"{server.url}/api/content/government/"
    notices = [
        i
        for i, line in enumerate(lines)
        if line.startswith(f"bvframework: notice: downloading {api}")
    ]
    assert len(notices) == 2  # one per version
    for i in notices:  # then its progress: at the end (the fixture pages come at once)
        got, of_total = lines[i + 1].removeprefix("bvframework: received: ").split(" of ")
        assert of_total.endswith(" bytes (100%)")
        assert got == of_total.removesuffix(" bytes (100%)")  # every byte it declared
    assert "received" not in said["plain"].err


def test_progress_is_said_at_most_once_a_period_and_at_the_end(
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    caplog.set_level(logging.INFO, logger="bvframework")
    slow = Progress("bvframework.test", "counting", total=4_000, unit="rows", every=3600)
    for _ in range(4):
        slow.advance(1_000)
    slow.finish()
    assert [r.getMessage() for r in caplog.records] == ["counting: 4,000 of 4,000 rows (100%)"]
    caplog.clear()
    fast = Progress("bvframework.test", "counting", every=0)
    fast.advance(2)
    fast.advance(3)
    assert [r.getMessage() for r in caplog.records] == ["counting: 2", "counting: 5"]


def test_nothing_imports_logging_without_a_terminal_or_a_flag(big: Path, tmp_path: Path) -> None:
    """In a fresh process, as a user runs it: a large file read (and cached), a download;
    ``logging`` is never imported, and standard error stays empty."""
    code = (
        "import sys\n"
        "from bvframework._cli.main import main\n"
        f"assert main(['show', {str(big)!r}]) == 0\n"
        f"assert main(['show', {str(big)!r}]) == 0\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'logging')))\n"
    )
    env = {**os.environ, "BVFRAMEWORK_CACHE": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=300,
    )
    assert done.stderr == ""
    assert json.loads(done.stdout.splitlines()[-1]) == []
    assert list((tmp_path / "cache" / "parsed").glob("*.parsed.json"))  # it was cached
