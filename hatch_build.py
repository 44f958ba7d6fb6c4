"""Build hook: the bundled data, parsed once at build time.

The wheel carries ``bvframework/_data/bundled.marshal``: every bundled YAML file's parsed
data, keyed by its path under ``_data`` (``catalogues/best-value/statutory-2024-05.yaml``).
At run time the input layer reads that one file with ``marshal`` (built in, no import)
instead of parsing the YAML of each bundled file it needs; a checkout without it parses the
YAML. ``tests/test_store.py`` checks that the two give the same data.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

FOLDERS = ("catalogues", "mappings", "scales", "assessments")
TARGET = "bvframework/_data/bundled.marshal"


def compile_bundled(root: str) -> bytes:
    """Every bundled YAML file under ``root`` parsed, as marshal bytes of
    ``{"marshal": <format version>, "files": {relative path: data}}``."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files: dict[str, Any] = {}
    for folder in FOLDERS:
        for where, _, names in os.walk(os.path.join(root, folder)):
            for name in sorted(names):
                if name.endswith((".yaml", ".yml")):
                    path = os.path.join(where, name)
                    with open(path, encoding="utf-8") as f:
                        relative = os.path.relpath(path, root).replace(os.sep, "/")
                        files[relative] = yaml.load(f.read(), Loader=loader)
    return marshal.dumps({"marshal": marshal.version, "files": dict(sorted(files.items()))})


class BundledDataHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        folder = tempfile.mkdtemp(prefix="bvframework-build-")
        path = os.path.join(folder, "bundled.marshal")
        with open(path, "wb") as f:
            f.write(compile_bundled(self.root))
        build_data["force_include"][path] = TARGET
