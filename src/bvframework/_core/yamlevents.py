"""The strict YAML parse of a plain document built from the parser's events, with no node
tree: the fast path of :func:`yamlio.parse_yaml`.

Composing a node tree first (a node and two marks per value, every one held until the
whole file is read) took 190 MB for an 11.7 MB catalogue, and the data built from it was
left spread over the memory the tree had taken. Built from the events as they come, each
event is freed before the next, so the data alone stays.

Only a plain document is built here: one document, no anchors, aliases or merge keys,
every key a string met once, every scalar readable, within the nesting and size limits.
Anything else raises :class:`NotPlainError`, and the caller parses the text by the node tree,
which reports every problem as before (with its line). Values are made as the node-tree
builder makes them: a scalar's tag resolved by the same loader from the same value and
implicitness, and constructed by its constructor, so both give the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

__all__ = ["STR_TAG", "NotPlainError", "plain_data"]

STR_TAG = "tag:yaml.org,2002:str"  # a string's tag, which both parse and dump name


class NotPlainError(Exception):
    """The document is not plain (or not valid): build it by the node tree instead."""


def plain_data(text: str, *, loader: type[yaml.SafeLoader], max_nodes: int, max_depth: int) -> Any:
    """The data of ``text``, a plain YAML document, read with ``loader``'s parser,
    resolver and constructor.

    :raises NotPlainError: anything but a plain document within ``max_nodes`` values and
        ``max_depth`` levels (an empty stream too), or text that is not YAML.
    """
    parser = loader(text)
    try:
        return _build(parser, max_nodes=max_nodes, max_depth=max_depth)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        raise NotPlainError from exc
    finally:
        parser.dispose()


def _build(parser: yaml.SafeLoader, *, max_nodes: int, max_depth: int) -> Any:
    get: Callable[[], yaml.Event] = parser.get_event
    check: Callable[[type[yaml.Event]], bool] = parser.check_event
    resolve: Callable[[type[yaml.Node], str, tuple[bool, bool]], str] = parser.resolve
    construct = parser.construct_object
    made = parser.constructed_objects

    def scalar(event: yaml.ScalarEvent) -> Any:
        if event.anchor is not None:
            raise NotPlainError
        tag = event.tag
        if tag is None or tag == "!":
            tag = resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == STR_TAG:  # what the constructor gives a string: the value as written
            return event.value
        node = yaml.ScalarNode(tag, event.value, style=event.style)  # marks: only for errors
        value = construct(node, deep=True)
        made.clear()  # the constructor keeps every node it made: none is needed again
        return value

    get()  # the stream's start
    if not check(yaml.DocumentStartEvent):
        raise NotPlainError
    get()
    root: list[Any] = []
    # the open collections, innermost last; a mapping's key waits beside it (None: the
    # mapping is between a value and its next key)
    stack: list[tuple[Any, str | None]] = [(root, None)]
    count = 0
    while stack:
        event = get()
        container, key = stack[-1]
        if type(container) is dict and key is None:  # a key, or the mapping's end
            if isinstance(event, yaml.MappingEndEvent):
                stack.pop()
                continue
            if not isinstance(event, yaml.ScalarEvent):
                raise NotPlainError
            name = scalar(event)
            if type(name) is not str or name in container:
                raise NotPlainError  # not a string (or a merge key, '<<'), or met twice
            stack[-1] = (container, name)
            continue
        if isinstance(event, yaml.SequenceEndEvent | yaml.DocumentEndEvent):
            stack.pop()
            continue
        count += 1
        if count > max_nodes or len(stack) - 1 > max_depth:
            raise NotPlainError
        value: Any
        if isinstance(event, yaml.ScalarEvent):
            value = scalar(event)
        elif isinstance(event, yaml.CollectionStartEvent) and event.anchor is None:
            value = {} if isinstance(event, yaml.MappingStartEvent) else []
        else:  # an alias, or an anchor
            raise NotPlainError
        if key is None:
            container.append(value)
        else:
            container[key] = value
            stack[-1] = (container, None)
        if not isinstance(event, yaml.ScalarEvent):
            stack.append((value, None))
    if not check(yaml.StreamEndEvent):  # a second document
        raise NotPlainError
    return root[0]
