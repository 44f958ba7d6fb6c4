"""Rich display in notebooks, wired without models importing renderers.

Models call :func:`html`; the renderer layer registers a function per type, and the package
root names the module that does so (:func:`provide`). Nothing is imported until a notebook
asks for a display.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["html", "provide", "register"]

_RENDERERS: dict[type, Callable[[Any], str]] = {}
_PROVIDERS: list[str] = []


def register(kind: type, render: Callable[[Any], str]) -> None:
    """Use ``render`` for ``kind`` (idempotent: registering again replaces)."""
    _RENDERERS[kind] = render


def provide(module: str) -> None:
    """Import ``module`` (which registers renderers) when a display is first asked for."""
    if module not in _PROVIDERS:
        _PROVIDERS.append(module)


def html(obj: Any) -> str:
    while _PROVIDERS and type(obj) not in _RENDERERS:
        importlib.import_module(_PROVIDERS.pop(0))
    render = _RENDERERS.get(type(obj))
    if render is None:
        import html as escape

        return f"<pre>{escape.escape(repr(obj))}</pre>"
    return render(obj)
