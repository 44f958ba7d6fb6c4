"""The one way tests reach ../shared/external (real revisions of other frameworks).

Those files are never copied into the repository: a test that needs them asks here, and is
skipped, saying which file and why, where they are absent. Every such skip carries
:data:`TAG`; ``conftest.py`` prints them in a banner at the end of the run and, with
``BVFRAMEWORK_REQUIRE_EXTERNAL=1`` (``.ci/run`` sets it where the folder exists), turns
each into a failure, so CI cannot pass with the folder present but unread.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

EXTERNAL = Path(
    os.environ.get("BVFRAMEWORK_EXTERNAL")
    or Path(__file__).resolve().parents[2] / "shared" / "external"
)
"""../shared/external beside the checkout, or ``$BVFRAMEWORK_EXTERNAL`` (as benchmarks/ read it)."""

TAG = "NOT READ (../shared/external)"
"""Starts the reason of every skip for want of the external files."""

REQUIRE = "BVFRAMEWORK_REQUIRE_EXTERNAL"


def reason(path: Path) -> str:
    return (
        f"{TAG}: {path} is not present, so the tests of the real files there did not run "
        f"(check out ../shared beside the repository or set BVFRAMEWORK_EXTERNAL)"
    )


def external(*parts: str) -> Path:
    """``EXTERNAL/parts...``, or skip the calling test, loudly, where it is absent."""
    path = EXTERNAL.joinpath(*parts)
    if not path.exists():
        pytest.skip(reason(path))
    return path


needs_external = pytest.mark.skipif(not EXTERNAL.is_dir(), reason=reason(EXTERNAL))
"""Mark a test that reads ../shared/external: skipped, loudly, where it is absent."""


def required() -> bool:
    return os.environ.get(REQUIRE, "") not in ("", "0")
