"""ItemRef: the version-qualified identity of an item (its own module: only commands that
name or print qualified references build the class)."""

from __future__ import annotations

from attrs import frozen

from .._core.errors import UnknownReferenceError

__all__ = ["ItemRef"]


@frozen(kw_only=True, order=True)
class ItemRef:
    """Version-qualified identity of an item: ``best-value/statutory-2024-05/CI-02``.

    The same local ID in two versions is two different items; only a mapping relates them.
    """

    framework: str
    version: str
    id: str

    def __str__(self) -> str:
        return f"{self.framework}/{self.version}/{self.id}"

    @classmethod
    def parse(cls, text: str) -> ItemRef:
        """Parse ``framework/version/id``.

        >>> ItemRef.parse("best-value/statutory-2024-05/CI-02").version
        'statutory-2024-05'
        """
        parts = text.split("/")
        if len(parts) != 3 or not all(parts):
            raise UnknownReferenceError(
                f"{text!r} is not a qualified item reference (framework/version/id)"
            )
        return cls(framework=parts[0], version=parts[1], id=parts[2])
