"""Small helpers shared by the ``from_dict`` constructors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from .document import Document
from .errors import DataError
from .schema import require

__all__ = ["Data", "as_document", "compact", "from_data", "strings", "to_data"]

T = TypeVar("T")


def as_document(data: Mapping[str, Any] | Document, schema: str, filename: str | None) -> Document:
    """Wrap plain data as a :class:`Document` and check it against ``schema``."""
    doc = data if isinstance(data, Document) else Document.from_data(dict(data), source=filename)
    require(doc, schema)
    return doc


def strings(values: Iterable[Any] | None) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


def compact(data: Mapping[str, Any]) -> dict[str, Any]:
    """Drop keys whose value is None or an empty tuple/list, keeping key order."""
    return {k: v for k, v in data.items() if v is not None and v not in ((), [])}


def raise_if(problems: list[Any]) -> None:
    if problems:
        raise DataError(problems)


class Data:
    """Serialisation declared once: a record lists what it writes in ``__data__`` and
    inherits ``to_dict`` (and ``from_data`` reads the same declaration back).

    Each entry of ``__data__`` names an attribute (or property), in output order:
    ``"sources:from"`` writes attribute ``sources`` under the key ``from``; a trailing ``?``
    leaves the key out when the value is empty or its field's default; ``{}`` writes a tuple
    of pairs as a mapping. Values are written as plain data: records through their own
    ``to_dict``, tuples as lists, mappings as dicts.

    >>> from attrs import frozen
    >>> @frozen(kw_only=True)
    ... class Link(Data):
    ...     __data__ = ("source:from", "target:to", "reason?")
    ...     source: str
    ...     target: str
    ...     reason: str | None = None
    >>> Link(source="a", target="b").to_dict()
    {'from': 'a', 'to': 'b'}
    """

    __slots__ = ()
    __data__: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return to_data(self)


_Entry = tuple[str, str, bool, bool, Any]
_SPECS: dict[type, list[_Entry]] = {}


def _entries(cls: type) -> list[_Entry]:
    """``__data__`` parsed once per class: (attribute, key, left out when empty or default,
    pairs written as a mapping, the field's default)."""
    found = _SPECS.get(cls)
    if found is None:
        import attrs

        fields = {f.name: f for f in attrs.fields(cls)}
        found = []
        for entry in cls.__data__:  # type: ignore[attr-defined]
            spec = entry.rstrip("?")
            name, _, key = spec.removesuffix("{}").partition(":")
            default = getattr(fields.get(name), "default", None)
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()  # type: ignore[union-attr]
            elif default is attrs.NOTHING:
                default = None
            found.append((name, key or name, entry.endswith("?"), spec.endswith("{}"), default))
        _SPECS[cls] = found
    return found


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict") and not isinstance(value, type):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def to_data(obj: Any) -> dict[str, Any]:
    """``obj`` as plain data, as its class's ``__data__`` declares."""
    out: dict[str, Any] = {}
    for name, key, optional, pairs, default in _entries(type(obj)):
        value = getattr(obj, name)
        if optional and (value is None or value in ((), [], {}) or value == default):
            continue
        out[key] = {k: _plain(v) for k, v in value} if pairs else _plain(value)
    return out


def from_data(cls: type[T], data: Mapping[str, Any]) -> T:
    """A record of ``cls`` from plain data written as its ``__data__`` declares (keys
    absent from ``data`` take their defaults; values are taken as they are)."""
    values = {name: data[key] for name, key, _, _, _ in _entries(cls) if key in data}
    return cls(**values)
