"""A measurement in a process of its own (its peak memory is its own), for the benchmarks."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any


def child_json(script: str, *args: str, timeout: float) -> dict[str, Any]:
    """Run ``python -c script ARGS`` and return the JSON object on its last line of output.

    :raises subprocess.CalledProcessError: the child failed.
    """
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        check=True,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
