"""Two mappings of the same transition, compared: links and change kinds."""

from __future__ import annotations

from attrs import frozen

from .._core.convert import Data
from .._core.errors import CompositionError
from .analysis import Link
from .model import Mapping

__all__ = ["MappingDiff", "diff_mappings"]


@frozen(kw_only=True)
class MappingDiff(Data):
    """Where two mappings of one transition disagree.

    ``only_first``/``only_second``: links in one and not the other. ``sources``/``targets``:
    items whose disposition/origin differ, as ``(item, first, second)``.
    """

    __data__ = ("common:common_links", "only_first", "only_second", "sources", "targets")

    common: int
    only_first: tuple[Link, ...]
    only_second: tuple[Link, ...]
    sources: tuple[tuple[str, str, str], ...]
    targets: tuple[tuple[str, str, str], ...]

    @property
    def links_agree(self) -> bool:
        return not self.only_first and not self.only_second


def diff_mappings(first: Mapping, second: Mapping) -> MappingDiff:
    """Compare two mappings between the same two versions.

    >>> from bvframework import identity, load_catalogue
    >>> i = identity(load_catalogue("best-value/statutory-2024-05"))
    >>> diff_mappings(i, i).links_agree
    True
    """
    if (first.source_key, first.target_key) != (second.source_key, second.target_key):
        raise CompositionError(f"{first.key} and {second.key} are not the same transition")
    a, b = set(first.links), set(second.links)
    d1, d2 = first.dispositions(), second.dispositions()
    o1, o2 = first.origins(), second.origins()
    return MappingDiff(
        common=len(a & b),
        only_first=tuple(sorted(a - b)),
        only_second=tuple(sorted(b - a)),
        sources=tuple((k, d1[k], d2.get(k, "absent")) for k in d1 if d1[k] != d2.get(k)),
        targets=tuple((k, o1[k], o2.get(k, "absent")) for k in o1 if o1[k] != o2.get(k)),
    )
