"""bvframework: diff and map versions of a governance framework, and benchmark
self-assessments scored on different scales.

>>> import bvframework as bv
>>> m = bv.load_mapping("best-value/draft-2023-07--statutory-2024-05")
>>> m.summary().sources["removed"], m.reconcile()[0].counts[1].published
(1, 2)

Every public name is declared once, in ``__init__.pyi`` beside this file (which type
checkers read); this module reads that list and imports each name from its private module
on first use (PEP 562), so ``import bvframework`` costs little more than attrs.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from ._core import display as _display
from ._core.version import __version__ as __version__


def _declared() -> dict[str, str]:
    """Public name -> the private module that defines it, from the stub's imports
    (``from ._api import (compare as compare, ...)``)."""
    stub = os.path.join(os.path.dirname(__file__), "__init__.pyi")
    with open(stub, encoding="utf-8") as f:  # the package's own declaration, not data
        text = f.read()
    where: dict[str, str] = {}
    for statement in text.split("\nfrom .")[1:]:
        module, _, names = statement.partition(" import ")
        names = names.split(")", 1)[0] if names.lstrip().startswith("(") else names
        for part in names.strip(" (\n").split(","):
            name = part.split(" as ")[0].strip()
            if name and name != "__version__":
                where[name] = module
    return where


_WHERE = _declared()
__all__ = [*sorted(_WHERE), "__version__"]  # noqa: PLE0604 (names read from the stub)

# Models display as HTML in notebooks through renderers they do not import.
_display.provide(f"{__name__}._render.notebook")
_display.provide(f"{__name__}._render.benchmark")


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
