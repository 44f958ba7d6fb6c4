"""Tests that need ../shared/external skip loudly where it is absent, and fail instead
where CI requires it (BVFRAMEWORK_REQUIRE_EXTERNAL=1, set by .ci/run where it exists).

Each case runs pytest on two of the suite's own tests in a subprocess, pointing
BVFRAMEWORK_EXTERNAL at a folder that does not exist: one marked ``needs_external`` and one
that calls ``external(...)`` for a file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .external import TAG, external

ROOT = Path(__file__).resolve().parents[1]
TESTS = [
    "tests/test_importers.py::test_real_asvs_figures",  # @needs_external
    # reads the official OSCAL schema through external(...)
    "tests/test_interchange.py::test_oscal_export_of_bundled_mapping_validates",
]


def run_pytest(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("BVFRAMEWORK_")}
    environ |= {"BVFRAMEWORK_EXTERNAL": str(tmp_path / "absent"), **env}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_absent_external_skips_loudly(tmp_path: Path) -> None:
    done = run_pytest(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 skipped" in done.stdout
    assert "2 tests SKIPPED: ../shared/external not read" in done.stdout
    assert f"{TAG}: {tmp_path / 'absent'}" in done.stdout


@pytest.mark.parametrize("value", ["1", "true"])
def test_required_external_fails_instead_of_skipping(tmp_path: Path, value: str) -> None:
    done = run_pytest(tmp_path, BVFRAMEWORK_REQUIRE_EXTERNAL=value)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "skipped" not in done.stdout
    assert "BVFRAMEWORK_REQUIRE_EXTERNAL is set, but this test did not read" in done.stdout


def test_required_and_present_passes_where_the_folder_is_here() -> None:
    """Where ../shared/external is here, its tests read it: no skip to turn into a failure."""
    external("asvs", "asvs-4.0.3-en.flat.json")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TESTS[0]],
        cwd=ROOT,
        env=os.environ | {"BVFRAMEWORK_REQUIRE_EXTERNAL": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
