"""What several readers share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._core.errors import UsageError
from ..bundled import is_bundled_ref

if TYPE_CHECKING:
    from ..store import Store


def side(store: Store, value: str | None, name: str) -> tuple[str, str] | None:
    """A mapping side given as ``framework/version`` (None: the file names it).

    :raises UsageError: not ``framework/version``.
    """
    if value is None:
        return None
    framework, slash, version = value.partition("/")
    if not (slash and is_bundled_ref(value) and "/" not in version):
        raise UsageError(f"{store.spell(name)} {value!r} is not framework/version")
    return framework, version
