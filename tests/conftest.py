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
