"""A whole scale translated to another, level by level and state by state, for display."""

from __future__ import annotations

from typing import TYPE_CHECKING

from attrs import frozen

from .._core.convert import Data
from .translate import Translation, translate

if TYPE_CHECKING:
    from .._core.vocab import Policy
    from .model import Scale

__all__ = ["Crosswalk", "crosswalk"]


@frozen(kw_only=True)
class Crosswalk(Data):
    """Every level and state of one scale translated to another, for display."""

    __data__ = ("source", "target", "policy", "rows")

    source: str
    target: str
    policy: str
    rows: tuple[Translation, ...]


def crosswalk(source: Scale, target: Scale, *, policy: Policy = "range") -> Crosswalk:
    rows = [translate(level.id, source, target, policy=policy) for level in source.levels]
    rows += [translate(state.id, source, target, policy=policy) for state in source.states]
    return Crosswalk(source=source.id, target=target.id, policy=policy, rows=tuple(rows))
