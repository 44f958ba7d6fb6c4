"""JSON Schema checks for data files, with messages that name the file, line and key.

The schemas under ``bvframework/schemas`` are standard JSON Schema (draft 2020-12) so that
editors and other tools can use them. The library itself checks the subset those schemas use
(type, properties, required, additionalProperties, items, enum, const, pattern, min/max
bounds, anyOf and local ``$ref``), with no extra runtime dependency, and asserts two formats:
``date`` (a real calendar day, RFC 3339 ``full-date``) and ``partial-date`` (``YYYY``,
``YYYY-MM`` or a ``date``; an annotation to other validators); the test-suite checks that this
subset agrees with the reference ``jsonschema`` implementation.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from .dates import date_problem
from .document import Document
from .errors import DataError, KeyPath, Problem
from .suggest import suggest

__all__ = ["SCHEMA_NAMES", "check", "load_schema", "matches"]

SCHEMA_NAMES = ("assessment", "catalogue", "mapping", "scale")
_SCHEMAS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "schemas")

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}
_ARTICLE = {"object": "a mapping", "array": "a list", "integer": "an integer", "null": "null"}


@cache
def load_schema(name: str) -> Mapping[str, Any]:
    """The shipped JSON Schema for one kind of data file."""
    # The schemas ship inside the package, beside this module's package: code, not input.
    import json

    with open(os.path.join(_SCHEMAS, f"{name}.schema.json"), encoding="utf-8") as handle:
        text = handle.read()
    schema: dict[str, Any] = json.loads(text)
    return schema


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[name])


_EXCERPT = 60  # characters of a value quoted in a message: enough to find it, never a file


def excerpt(value: Any) -> str:
    """``repr(value)``, cut to a short length (a message never carries a file's contents)."""
    text = repr(value)
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 4] + "...'"


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema pattern with ECMA-262 semantics: ``$`` is the end of the text (in
    Python it also matches before a final newline, which let ``'nist\\n'`` through)."""
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def matches(pattern: str, value: str) -> bool:
    """Whether ``value`` matches a JSON Schema ``pattern`` as the schemas mean it (ECMA)."""
    return _pattern(pattern).search(value) is not None


def _got(doc: Document, path: KeyPath, value: Any) -> str:
    mark = doc.mark(path)
    if isinstance(value, bool):
        text = f"the boolean {str(value).lower()}"
    elif isinstance(value, int | float):
        text = f"the number {excerpt(value)}"
    elif value is None:
        text = "null"
    elif isinstance(value, dict):
        text = "a mapping"
    elif isinstance(value, list):
        text = "a list"
    elif isinstance(value, str):
        text = f"the string {excerpt(value)}"
    else:
        text = f"a {type(value).__name__} ({excerpt(str(value))[1:-1]})"
    written = mark is not None and mark.raw is not None and not mark.quoted
    if written and mark is not None and not isinstance(value, str) and mark.raw != str(value):
        text += f" (written {mark.raw})"
    return text


def _in(value: Any, options: list[Any]) -> bool:
    try:
        return value in options
    except TypeError:  # an unhashable or uncomparable value is in no enum
        return False


class _Checker:
    def __init__(self, doc: Document, root: Mapping[str, Any]) -> None:
        self.doc = doc
        self.root = root
        self.problems: list[Problem] = []

    def fail(self, message: str, path: KeyPath) -> None:
        self.problems.append(self.doc.problem(message, path))

    def resolve(self, schema: Mapping[str, Any]) -> Mapping[str, Any]:
        while "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"only local $ref is supported, not {ref!r}")
            node: Any = self.root
            for part in ref[2:].split("/"):
                node = node[part]
            schema = node
        return schema

    def check(self, value: Any, schema: Mapping[str, Any], path: KeyPath) -> None:
        if "$ref" in schema:
            schema = self.resolve(schema)
        if "anyOf" in schema:
            self.check_any(value, schema["anyOf"], path)
        types = schema.get("type")
        if types is not None and not (
            _is_type(value, types)  # one type named: most values, checked with no list
            if isinstance(types, str)
            else any(_is_type(value, n) for n in types)
        ):
            names = [types] if isinstance(types, str) else list(types)
            want = " or ".join(_ARTICLE.get(n, f"a {n}") for n in names)
            message = f"expected {want}, got {_got(self.doc, path, value)}"
            mark = self.doc.mark(path)
            if "string" in names and mark is not None and mark.raw and not mark.quoted:
                message += f"; quote it: '{mark.raw}'"
            self.fail(message, path)
            return
        if isinstance(value, float) and not math.isfinite(value):
            self.fail(f"expected a finite number, got {_got(self.doc, path, value)}", path)
            return
        if "const" in schema and value != schema["const"]:
            self.fail(f"must be {schema['const']!r}, got {_got(self.doc, path, value)}", path)
        if "enum" in schema and not _in(value, schema["enum"]):
            options = ", ".join(str(v) for v in schema["enum"])
            self.fail(f"{_got(self.doc, path, value)} is not one of: {options}", path)
        if isinstance(value, str):
            self.check_string(value, schema, path)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            self.check_number(value, schema, path)
        elif isinstance(value, list):
            self.check_array(value, schema, path)
        elif isinstance(value, dict):
            self.check_object(value, schema, path)

    def check_any(self, value: Any, options: list[Mapping[str, Any]], path: KeyPath) -> None:
        """Pass if one option passes; else report the option whose type fits the value."""
        attempts = []
        for option in options:
            sub = _Checker(self.doc, self.root)
            sub.check(value, option, path)
            if not sub.problems:
                return
            attempts.append((option, sub.problems))
        for option, problems in attempts:
            types = self.resolve(option).get("type")
            names = [types] if isinstance(types, str) else list(types or [])
            if any(_is_type(value, n) for n in names):
                self.problems += problems
                return
        names = []
        for option, _ in attempts:
            types = self.resolve(option).get("type")
            names += [types] if isinstance(types, str) else list(types or [])
        want = " or ".join(_ARTICLE.get(n, f"a {n}") for n in dict.fromkeys(names))
        self.fail(f"expected {want}, got {_got(self.doc, path, value)}", path)

    def check_string(self, value: str, schema: Mapping[str, Any], path: KeyPath) -> None:
        if len(value) < schema.get("minLength", 0):
            self.fail("must not be empty", path)
        pattern = schema.get("pattern")
        if pattern is not None and _pattern(pattern).search(value) is None:
            hint = schema.get("description", f"pattern {pattern}")
            self.fail(f"{excerpt(value)} is not valid here ({hint})", path)
            return
        kind = schema.get("format")
        if kind in ("date", "partial-date"):
            why = date_problem(value, partial=kind == "partial-date")
            if why is not None:
                self.fail(why, path)

    def check_number(self, value: float, schema: Mapping[str, Any], path: KeyPath) -> None:
        if "minimum" in schema and value < schema["minimum"]:
            self.fail(f"{value} is below the minimum {schema['minimum']}", path)
        if "maximum" in schema and value > schema["maximum"]:
            self.fail(f"{value} is above the maximum {schema['maximum']}", path)

    def check_array(self, value: list[Any], schema: Mapping[str, Any], path: KeyPath) -> None:
        if len(value) < schema.get("minItems", 0):
            self.fail(f"needs at least {schema['minItems']} entries, has {len(value)}", path)
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            self.fail(f"allows at most {schema['maxItems']} entries, has {len(value)}", path)
        items = schema.get("items")
        if items is not None:
            for i, item in enumerate(value):
                self.check(item, items, (*path, i))

    def check_object(self, value: dict[str, Any], schema: Mapping[str, Any], path: KeyPath) -> None:
        properties: Mapping[str, Any] = schema.get("properties", {})
        for key in schema.get("required", ()):
            if key not in value:
                self.fail(f"missing required key {key!r}", path)
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if not isinstance(key, str):
                self.fail(f"a key must be a string, got {_got(self.doc, (), key)}", path)
                continue
            if key in properties:
                self.check(item, properties[key], (*path, key))
            elif extra is False:
                known = sorted(properties)
                close = suggest(key, known, limit=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self.fail(f"unknown key {excerpt(key)}{hint} (allowed: {', '.join(known)})", path)
            elif isinstance(extra, Mapping):
                self.check(item, extra, (*path, key))


def check(doc: Document, schema_name: str) -> list[Problem]:
    """Every way ``doc`` breaks the named schema (empty when it conforms)."""
    schema = load_schema(schema_name)
    checker = _Checker(doc, schema)
    if doc.data is None:
        return [doc.problem("the file is empty")]
    checker.check(doc.data, schema, ())
    return checker.problems


def require(doc: Document, schema_name: str) -> None:
    """Raise :class:`DataError` with every schema problem of ``doc``."""
    if schema_name in doc.conforms:
        return
    problems = check(doc, schema_name)
    if problems:
        raise DataError(problems)
