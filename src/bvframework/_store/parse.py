"""Parsing a data file's text: the package's own YAML, JSON, and a mapping's header."""

from __future__ import annotations

import re
from typing import Any

from .._core.document import LARGE, Document
from .._core.errors import DataError, Problem
from .._core.vocab import DataKind

__all__ = ["parse_bundled", "parse_json", "top_scalars"]


def parse_bundled(text: str, name: str, kind: DataKind) -> Document:
    """The package's own data, parsed by libyaml alone: the test suite checks that every
    bundled file reads the same through the strict loader and conforms to its schema
    (tests/test_store.py), so neither is repeated on every run."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    return Document(data=data, source=name, conforms=frozenset({kind}))


_SURROGATE_ESCAPE = r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}"


def parse_json(text: str, name: str) -> Document:
    import json

    if len(text) > LARGE:  # progress where reading takes a while (-v, or a terminal)
        from .._core.progress import reading

        reading(name, len(text))

    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(items)
        if len(found) < len(items):
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    duplicates.append(key)
                seen.add(key)
        return found

    try:
        data = json.loads(text, object_pairs_hook=pairs)
        if duplicates:  # as the strict YAML loader refuses them: the last would win silently
            shown = ", ".join(repr(k) for k in dict.fromkeys(duplicates[:5]))
            problem = Problem(message=f"duplicate key {shown} in a JSON object", source=name)
            raise DataError([problem])
        if re.search(_SURROGATE_ESCAPE, text):  # "\\ud800" decodes to text no file can hold
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        return Document.from_data(data, source=name)
    except DataError:
        raise
    except UnicodeEncodeError:
        problem = Problem(message="holds an unpaired surrogate (\\ud800-\\udfff)", source=name)
        raise DataError([problem]) from None
    except json.JSONDecodeError as exc:
        problem = Problem(message=f"invalid JSON: {exc.msg}", source=name, line=exc.lineno)
        raise DataError([problem]) from None
    except (RecursionError, ValueError) as exc:
        message = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:80]
        raise DataError([Problem(message=f"cannot read: {message}", source=name)]) from None


def top_scalars(text: str, keys: tuple[str, ...]) -> dict[str, Any]:
    """Top-level ``key: scalar`` pairs of a YAML mapping, read from the event stream and
    stopped as soon as every key is found (a mapping's header sits above its relations)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[str, Any] = {}
    depth = 0
    expecting_key = True
    pending: str | None = None
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if depth == 1 and not expecting_key:
                    pending, expecting_key = None, True
                depth += 1
                if depth == 1:
                    expecting_key = True
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
                continue
            if depth == 1 and isinstance(event, yaml.ScalarEvent):
                if expecting_key:
                    pending, expecting_key = event.value, False
                else:
                    if pending in keys:
                        found[pending] = event.value
                        if len(found) == len(keys):
                            break
                    pending, expecting_key = None, True
            elif depth == 1 and isinstance(event, yaml.AliasEvent) and not expecting_key:
                pending, expecting_key = None, True
    except yaml.YAMLError:
        return found  # the full parse then reports it with its line
    return found
