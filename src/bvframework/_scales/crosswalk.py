"""A whole scale translated to another, level by level and state by state, for display."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from attrs import frozen

from .translate import Translation, translate

if TYPE_CHECKING:
    from .._core.vocab import Policy
    from .model import Scale

__all__ = ["Crosswalk", "crosswalk"]


@frozen(kw_only=True)
class Crosswalk:
    """Every level and state of one scale translated to another, for display."""

    source: str
    target: str
    policy: str
    rows: tuple[Translation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "policy": self.policy,
            "rows": [row.to_dict() for row in self.rows],
        }


def crosswalk(source: Scale, target: Scale, *, policy: Policy = "range") -> Crosswalk:
    rows = [translate(level.id, source, target, policy=policy) for level in source.levels]
    rows += [translate(state.id, source, target, policy=policy) for state in source.states]
    return Crosswalk(source=source.id, target=target.id, policy=policy, rows=tuple(rows))
