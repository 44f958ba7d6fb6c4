from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

Write = Callable[[str, str], Path]

DATA = Path(__file__).parent / "data"
TOY = DATA / "toy"


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see (or fill) the developer's own cache of official texts."""
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path_factory.getbasetemp() / "no-cache"))


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
