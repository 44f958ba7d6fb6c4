"""Scales by reference: translating one score, and a whole crosswalk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .load import Ref, store_for

if TYPE_CHECKING:
    from .._core.vocab import Policy
    from .._scales.crosswalk import Crosswalk
    from .._scales.model import Scale
    from .._scales.translate import Translation
    from .._store.store import Store

__all__ = ["crosswalk_of", "translate_value"]


def translate_value(
    value: str, source: Ref, target: Ref, *, policy: Policy = "range", store: Store | None = None
) -> Translation:
    """A score ``value`` of scale ``source`` on scale ``target`` (built-in IDs or files)."""
    from .._scales.translate import translate

    s = store_for(store)
    return translate(value, s.scale(source), s.scale(target), policy=policy)


def crosswalk_of(
    source: Ref, target: Ref, *, policy: Policy = "range", store: Store | None = None
) -> tuple[Crosswalk, Scale, Scale]:
    """Every level and state of scale ``source`` on ``target``, with the two scales."""
    from .._scales.crosswalk import crosswalk

    s = store_for(store)
    a, b = s.scale(source), s.scale(target)
    return crosswalk(a, b, policy=policy), a, b
