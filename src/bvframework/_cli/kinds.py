"""What ``list``, ``show`` and ``validate`` do for each kind of data: an idempotent
registry (registering a kind again replaces its handler, so building the parser any number
of times lists each kind once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .options import Run

__all__ = ["KindHandler", "handlers", "register_kind"]


def _none(run: Run, ref: str) -> Any:
    raise NotImplementedError  # catalogues are shown and validated by their commands


class KindHandler(NamedTuple):
    """``listing(run)`` -> (section title, headers, rows, JSON records);
    ``show(run, ref)`` -> (text, JSON); ``validate(run, ref)`` -> one-line description."""

    order: int
    listing: Callable[[Run], tuple[str, list[str], list[list[Any]], list[dict[str, Any]]]]
    show: Callable[[Run, str], tuple[str, Any]] = _none
    validate: Callable[[Run, str], str] = _none


_HANDLERS: dict[str, KindHandler] = {}


def register_kind(kind: str, handler: KindHandler) -> None:
    _HANDLERS[kind] = handler


# the modules that register a kind (each registers when imported)
_KIND_MODULES = ("frameworks", "scales", "assessments")


def handlers() -> list[tuple[str, KindHandler]]:
    """Every kind's handler, in listing order (the modules registering them imported)."""
    import importlib

    for name in _KIND_MODULES:
        importlib.import_module(f"{__package__}.{name}")
    return sorted(_HANDLERS.items(), key=lambda kv: kv[1].order)
