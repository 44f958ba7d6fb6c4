"""Parsed data with where each value came from (no parser here: see ``yamlio``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from .errors import KeyPath, Problem

if TYPE_CHECKING:
    from .marks import Mark

__all__ = ["LARGE", "PIECE", "Document"]

LARGE = 1_000_000
"""Bytes (or characters) from which a file takes a noticeable time to read: reading it is
reported, its YAML parse is kept in the parse cache, and the Store lets a catalogue file's
bytes and parse go once the catalogue is built."""

PIECE = 1_000
"""Items of a long list written at a time, by the YAML and the JSON writers alike: a
50,000-relation mapping made whole at once took 160 MB (YAML's node tree) and 80 MB
(JSON's tokens)."""


@frozen(kw_only=True)
class Document:
    """Parsed data plus the location of each value; ``source`` names the file."""

    data: Any
    source: str | None = None
    marks: Mapping[KeyPath, Mark] = field(factory=dict, repr=False)
    conforms: frozenset[str] = frozenset()
    """Schemas the data is known to conform to (the package's own data, checked by its
    test suite): their check is skipped."""

    def line(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its nearest located ancestor."""
        for cut in range(len(path), -1, -1):
            mark = self.marks.get(path[:cut])
            if mark is not None:
                return mark.line
        return None

    def mark(self, path: KeyPath) -> Mark | None:
        return self.marks.get(path)

    def problem(self, message: str, path: KeyPath = ()) -> Problem:
        return Problem(message=message, path=path, source=self.source, line=self.line(path))

    @classmethod
    def from_data(cls, data: Any, *, source: str | None = None) -> Document:
        """Wrap data built in Python (or read from JSON): no line numbers, same checks."""
        return cls(data=data, source=source)
