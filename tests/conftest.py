from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .external import EXTERNAL, REQUIRE, TAG, required

if TYPE_CHECKING:
    from .test_fetch import Server

Write = Callable[[str, str], Path]

DATA = Path(__file__).parent / "data"
TOY = DATA / "toy"
# Toyshire's two self-assessments (2023 on v1 in Good/Fair/Poor, 2025 on v2) and v1 -> v2
TOY_2023 = TOY / "assessments" / "toy" / "toyshire-2023.yaml"
TOY_2025 = TOY / "assessments" / "toy" / "toyshire-2025.yaml"
TOY_MAP = TOY / "mappings" / "toy" / "v1--v2.yaml"


STATUTORY = "best-value/statutory-2024-05"
# the table options of Blaby's own spreadsheet: the statutory guide, Blaby's item codes
BLABY_OPTIONS = ("--catalogue", STATUTORY, "--numbering", "blaby")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``bvframework ARGV`` in this process: its exit status, standard output and standard
    error (never a traceback)."""
    from bvframework._cli.main import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def cli_stderr(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    """:func:`cli`'s exit status and the lines of standard error."""
    code, _, err = cli(capsys, *argv)
    return code, err.splitlines()


def bvframework_process(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m bvframework ARGV`` in a process of its own, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "bvframework", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def sssom_cli() -> str:
    """sssom-py's command (beside this interpreter); the test is skipped, loudly, without."""
    found = shutil.which("sssom") or str(Path(sys.executable).parent / "sssom")
    if not Path(found).is_file():
        pytest.skip("SKIPPED LOUDLY: sssom-py is not installed (the test extra installs it)")
    return found


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see (or fill) the developer's own cache of official texts."""
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path_factory.getbasetemp() / "no-cache"))


def _skip_reason(report: pytest.TestReport) -> str | None:
    if not report.skipped or hasattr(report, "wasxfail"):
        return None
    longrepr = report.longrepr
    if isinstance(longrepr, tuple):
        return str(longrepr[2])
    return str(longrepr)


def _unread_external(report: pytest.TestReport) -> str | None:
    """The skip reason of a test that did not read ../shared/external, else None."""
    text = _skip_reason(report)
    return text if text is not None and (TAG in text or str(EXTERNAL) in text) else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """With BVFRAMEWORK_REQUIRE_EXTERNAL set, a test that skipped for want of
    ../shared/external fails instead."""
    report = yield
    text = _unread_external(report)
    if text is not None and required():
        report.outcome = "failed"
        report.longrepr = f"{REQUIRE} is set, but this test did not read {EXTERNAL}: {text}"
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """A banner where tests skipped for want of ../shared/external: easy to miss in -ra."""
    reasons = [
        text
        for report in terminalreporter.stats.get("skipped", [])
        if (text := _unread_external(report)) is not None
    ]
    if reasons:
        terminalreporter.write_sep(
            "!", f"{len(reasons)} tests SKIPPED: ../shared/external not read", red=True, bold=True
        )
        for text in sorted(set(reasons)):
            terminalreporter.write_line(f"  {text}", red=True)


@pytest.fixture
def toy() -> Path:
    return TOY


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Write text to a file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def headless_chromium(page: Path, profile: Path, *extra: str) -> str:
    """Run headless Chromium on ``page`` (its own empty profile, no background traffic);
    the test is skipped, saying why, where Chromium is not installed. Returns stdout."""
    import shutil
    import subprocess

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("headless Chromium is not installed")
    done = subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Server]:
    """A local HTTP server (127.0.0.1) serving the gov.uk pages' stand-ins, with its own
    cache folder: what fetching reads in tests/test_fetch.py and tests/test_progress.py."""
    from .test_fetch import Server

    running = Server()
    monkeypatch.setenv("BVFRAMEWORK_GOVUK_URL", running.url)
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path / "cache"))
    yield running
    running.close()
