"""Where a value sits in its file (its own module: data read without line numbers, such as
the package's own, never builds the class)."""

from __future__ import annotations

from attrs import frozen

__all__ = ["Mark"]


@frozen(kw_only=True)
class Mark:
    """Where a value sits in its file, and its text as written (for scalars)."""

    line: int
    raw: str | None = None
    quoted: bool = False
