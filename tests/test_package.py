"""The package looks like one: a licence file that the metadata names, classifiers, project
URLs and a changelog that knows the current version."""

from __future__ import annotations

import tomllib
from pathlib import Path

from bvframework._core.version import __version__

ROOT = Path(__file__).resolve().parents[1]


def project() -> dict[str, object]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]  # type: ignore[no-any-return]


def test_licence_file_is_the_licence_the_metadata_names() -> None:
    meta = project()
    assert meta["license"] == "MIT"
    assert meta["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in text


def test_classifiers_agree_with_the_metadata() -> None:
    meta = project()
    classifiers = meta["classifiers"]
    assert isinstance(classifiers, list)
    assert "Typing :: Typed" in classifiers
    assert (ROOT / "src" / "bvframework" / "py.typed").is_file()
    minimum = str(meta["requires-python"]).removeprefix(">=")
    assert f"Programming Language :: Python :: {minimum}" in classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # PEP 639: the SPDX field


def test_project_urls_and_changelog() -> None:
    urls = project()["urls"]
    assert isinstance(urls, dict)
    assert {"Homepage", "Documentation", "Changelog", "Source"} <= urls.keys()
    assert all(str(u).startswith("https://") for u in urls.values())
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {__version__}" in changelog
    assert "## Unreleased" in changelog
