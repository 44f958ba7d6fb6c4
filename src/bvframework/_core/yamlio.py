"""Strict YAML reading that keeps where every value came from.

PyYAML's safe loader quietly accepts duplicate keys (the last wins) and turns ``1.10`` into
the float 1.1 and ``no`` into False. Both silently corrupt item IDs, so this module composes
the node tree itself, refuses duplicate keys and non-string keys, and records for every path
the line it was on and the text as written, so that later checks can say exactly where a
value is and how to write it instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import yaml

from .collect import paused
from .document import LARGE, PIECE, Document
from .errors import DataError, KeyPath, Problem
from .marks import Mark
from .yamlevents import STR_TAG as _STR
from .yamlevents import NotPlainError, plain_data

__all__ = [
    "MAX_ALIAS_COPIES",
    "MAX_DEPTH",
    "MAX_NODES",
    "PARSE_FORMAT",
    "Document",
    "Located",
    "Mark",
    "dump_yaml",
    "parse_yaml",
    "same_in_c",
]

MAX_NODES = 2_000_000  # values in one file (NIST SP 800-53 rev4 as YAML has about 330,000)
MAX_ALIAS_COPIES = 10_000  # values reached again through aliases ("billion laughs")
MAX_PROBLEMS = 1_000  # a file with more problems than this stops being read
MAX_DEPTH = 64  # nesting: no data file of ours is deeper than 8
PARSE_FORMAT = 1
"""Raise it whenever :func:`parse_yaml` would give other data for some text: the parse
cache (``_store/parsecache.py``) keys its entries on it."""


# libyaml's parser composes large files about twice as fast; both keep line marks.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Composer(_Base):  # type: ignore[valid-type,misc]
    """A safe loader used only to compose nodes and to construct plain scalars."""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {value}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if value is None:
        return "null"
    return f"a {type(value).__name__}"


class _Builder:
    def __init__(self, source: str | None, *, locate: bool = True) -> None:
        self.source = source
        self.locate = locate
        self.marks: dict[KeyPath, Mark] = {}
        self.problems: list[Problem] = []
        self.constructor = _Composer("")
        self.count = 0
        self.copies = 0
        self.seen: set[int] = set()

    def problem(self, message: str, path: KeyPath, line: int) -> None:
        self.problems.append(Problem(message=message, path=path, source=self.source, line=line))

    def scalar(self, node: yaml.ScalarNode, path: KeyPath, line: int) -> Any:
        """The scalar's value; one YAML reads but Python cannot hold (``2025-02-30``, an
        integer of 5,000 digits) is a problem there, and is kept as the text written."""
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            what = str(exc).split("\n", 1)[0][:80]
            self.problem(f"cannot read the value ({what}); quote it", path, line)
            return node.value

    def build(self, node: yaml.Node, path: KeyPath, *, copied: bool = False) -> Any:
        """The value of ``node``; ``copied`` when it is reached again through an alias (every
        value below a repeated node is a copy, and copies are bounded: an "alias bomb" of a
        few kilobytes would otherwise expand to millions of values)."""
        self.count += 1
        if not copied and id(node) in self.seen:
            copied = True
        self.seen.add(id(node))
        if copied:
            self.copies += 1
            if self.copies > MAX_ALIAS_COPIES:
                raise DataError(
                    [
                        Problem(
                            message=f"aliases expand to more than {MAX_ALIAS_COPIES:,} values; "
                            "refused (an alias bomb?)",
                            source=self.source,
                            line=node.start_mark.line + 1,
                        )
                    ]
                )
        if self.count > MAX_NODES:
            raise DataError(
                [Problem(message=f"more than {MAX_NODES:,} values; refused", source=self.source)]
            )
        if len(self.problems) > MAX_PROBLEMS:
            raise DataError(self.problems)
        if len(path) > MAX_DEPTH:
            raise DataError(
                [
                    Problem(
                        message=f"nested more than {MAX_DEPTH} levels deep; refused",
                        source=self.source,
                        line=node.start_mark.line + 1,
                    )
                ]
            )
        line = node.start_mark.line + 1
        locate = self.locate
        if isinstance(node, yaml.ScalarNode):
            if locate:
                self.marks[path] = Mark(line=line, raw=node.value, quoted=node.style in ("'", '"'))
            return self.scalar(node, path, line)
        if locate:
            self.marks[path] = Mark(line=line)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(child, (*path, i), copied=copied) for i, child in enumerate(node.value)
            ]
        assert isinstance(node, yaml.MappingNode)
        out: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem("YAML merge keys ('<<') are not supported", path, key_line)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("a key must be a plain string", path, key_line)
                continue
            key = self.scalar(key_node, path, key_line)
            if not isinstance(key, str):
                self.problem(
                    f"key {key_node.value!r} is read by YAML as {_describe(key)}; "
                    f"quote it: '{key_node.value}'",
                    path,
                    key_line,
                )
                continue
            if key in first_line:
                self.problem(
                    f"duplicate key {key!r} (first on line {first_line[key]})",
                    (*path, key),
                    key_line,
                )
                continue
            first_line[key] = key_line
            out[key] = self.build(value_node, (*path, key), copied=copied)
            if locate:
                value_mark = self.marks[(*path, key)]
                self.marks[(*path, key)] = Mark(
                    line=key_line, raw=value_mark.raw, quoted=value_mark.quoted
                )
        return out


class Located(Mapping[KeyPath, Mark]):
    """The marks of a text parsed without them, found by parsing it again the first time
    a location is asked for (an error message): a file that reads cleanly never pays for
    a line number per value (a Mark and a path tuple per value: a large share of the
    parse's time and memory)."""

    __slots__ = ("_marks", "_source", "_text")

    def __init__(self, text: str | Callable[[], str], source: str | None) -> None:
        self._text: str | Callable[[], str] | None = text
        self._source = source
        self._marks: dict[KeyPath, Mark] | None = None

    def _found(self) -> dict[KeyPath, Mark]:
        if self._marks is None:
            assert self._text is not None
            text = self._text if isinstance(self._text, str) else self._text()
            with paused():
                node = yaml.compose(text, Loader=_Composer)  # it parsed once: it does
                builder = _Builder(self._source)
                if node is not None:
                    builder.build(node, ())
            self._marks, self._text = builder.marks, None
        return self._marks

    def __getitem__(self, path: KeyPath) -> Mark:
        return self._found()[path]

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())


def parse_yaml(
    text: str, *, source: str | None = None, again: Callable[[], str] | None = None
) -> Document:
    """Parse YAML text strictly; raise :class:`DataError` listing every problem found.

    Line numbers are found when first asked for, by parsing the text again: ``again``
    gives it (then the text itself is not kept: a caller holding the file's bytes passes
    how to decode them)."""
    with paused():  # the node tree and the data hold no cycles (collect.py)
        return _parse(text, source, again or text)


def _parse(text: str, source: str | None, again: str | Callable[[], str]) -> Document:
    if len(text) > LARGE:  # progress where parsing takes seconds (-v, or a terminal)
        from .progress import reading

        reading(source or "YAML", len(text))
    try:  # most documents: built from the events, no node tree (yamlevents.py)
        data = plain_data(text, loader=_Composer, max_nodes=MAX_NODES, max_depth=MAX_DEPTH)
    except NotPlainError:  # anything else: by the node tree, which names every problem
        return _by_nodes(text, source, again)
    return Document(data=data, source=source, marks=Located(again, source))


def _by_nodes(text: str, source: str | None, again: str | Callable[[], str]) -> Document:
    """The strict parse by the node tree: every problem found, with its line."""
    try:
        node = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        problem = Problem(message=f"invalid YAML: {what}", source=source, line=line)
        raise DataError([problem]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(message=f"invalid YAML: {exc}", source=source)]) from None
    except RecursionError:
        raise DataError(
            [Problem(message="nested too deeply to read; refused", source=source)]
        ) from None
    if node is None:
        return Document(data=None, source=source)
    builder = _Builder(source, locate=False)
    data = builder.build(node, ())
    if builder.problems:
        raise DataError(builder.problems)
    return Document(data=data, source=source, marks=Located(again, source))


class _Dumper(yaml.SafeDumper):
    """Block style for structure, flow style for short lists of IDs."""

    def represent_data(self, data: Any) -> yaml.Node:
        """The node of ``data``, as PyYAML's SafeRepresenter with the representers below
        makes it (a list or mapping met again is the same node: an alias), without its
        generic dispatch: strings, null, booleans, integers, lists and mappings (all of a
        data file but its few floats) are made here, four times as fast."""
        kind = type(data)
        if kind is str:
            style = "|" if "\n" in data else "'" if _OTHER_TYPE.match(data) else None
            return yaml.ScalarNode(_STR, data, style=style)
        if kind is dict or kind is list:
            seen = self.represented_objects.get(id(data))
            if seen is not None:
                return seen
            self.object_keeper.append(data)
            if kind is list:
                flow = len(data) <= 8 and all(type(v) is str and len(v) < 40 for v in data)
                items: list[yaml.Node] = []
                node: yaml.Node = yaml.SequenceNode(_SEQ, items, flow_style=flow)
                self.represented_objects[id(data)] = node
                items += [self.represent_data(item) for item in data]
                return node
            pairs: list[tuple[yaml.Node, yaml.Node]] = []
            node = yaml.MappingNode(_MAP, pairs, flow_style=False)
            self.represented_objects[id(data)] = node
            for key, value in data.items():
                pairs.append((self.represent_data(key), self.represent_data(value)))
            return node
        if data is None or kind is bool or kind is int:
            text = "null" if data is None else str(data).lower() if kind is bool else str(data)
            return yaml.ScalarNode(_SCALAR_TAGS[kind], text)
        self.alias_key = None
        return yaml.representer.BaseRepresenter.represent_data(self, data)  # floats, others


_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_SCALAR_TAGS = {
    type(None): "tag:yaml.org,2002:null",
    bool: "tag:yaml.org,2002:bool",
    int: "tag:yaml.org,2002:int",
}


# Plain scalars some YAML reader takes for something other than a string, beyond what
# PyYAML's own (YAML 1.1) resolvers quote: YAML 1.2's core schema (``08``, ``0000118``,
# ``1e3``, ``0o17``, ``+.5``), YAML 1.1's one-letter booleans (``y``, ``N``) and
# timestamps with a space or one-digit month. Written quoted, every file reads the same
# in every reader.
_OTHER_TYPE = re.compile(
    r"""^(?:
        [-+]?[0-9_]+                        # integers, 1.2 and 1.1 (08, 1_000; ruamel: -_)
      | [-+]?0o[0-7_]+ | [-+]?0x[0-9a-fA-F_]+ | [-+]?0b[01_]+    # octal, hex, binary
      | [-+]?(?:\.[0-9_]+|[0-9_]+(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9_]+)?   # floats (1e3)
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
      | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?   # sexagesimal (1.1)
      | true|True|TRUE|false|False|FALSE|null|Null|NULL|~
      | y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF
      | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+).*)?  # dates and timestamps
    )$""",
    re.VERBOSE,
)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    """Multi-line text as a literal block; a string any YAML reader could take for a
    number, boolean, null or date single-quoted; the rest as PyYAML chooses."""
    style = "|" if "\n" in value else "'" if _OTHER_TYPE.match(value) else None
    return dumper.represent_scalar(_STR, value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flow = len(value) <= 8 and all(isinstance(v, str) and len(v) < 40 for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)

_CBase: type[yaml.SafeDumper] | None = getattr(yaml, "CSafeDumper", None)
_CDumper: type[yaml.SafeDumper] | None = None
if _CBase is not None:  # libyaml's emitter: the same representers, three times as fast

    class _CDumperType(_CBase):  # type: ignore[valid-type,misc]
        """libyaml's emitter with :class:`_Dumper`'s representers."""

        represent_data = _Dumper.represent_data

    _CDumperType.add_representer(str, _represent_str)
    _CDumperType.add_representer(list, _represent_list)
    _CDumper = _CDumperType

# Characters both emitters write as they are (libyaml's printable set is the narrower:
# no tab, CR, NEL, C1 controls, BOM, U+FFFE/FFFF, surrogates or characters beyond the BMP).
_NOT_PLAIN = re.compile(r"[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]")


def same_in_c(data: Any) -> bool:
    """Whether libyaml's emitter writes ``data`` byte for byte as PyYAML's own does.

    They differ only in double-quoted scalars (folded at other places) and in a document
    end marker after text kept with its trailing line breaks (``|+``). A scalar is
    double-quoted only when it holds a character outside both printable sets, or it is
    multi-line and cannot be a literal block: a space before a line break or at the end,
    a key, or an item of a flow list (at most 8 short strings); ``|+`` is text ending in
    two line breaks or a lone one. Any of those, and the data goes to PyYAML's emitter.
    A document that is a lone scalar (PyYAML ends it with ``...``), and keys that are
    empty or long (the emitters count a simple key's length differently, in characters and
    in bytes), are left to PyYAML too.
    ``tests/test_fast_io.py`` checks the two agree on every document this lets through.
    """
    if type(data) is not dict:  # a data file is a mapping
        return False
    stack: list[Any] = [data]
    pop, push, search = stack.pop, stack.append, _NOT_PLAIN.search
    seen: set[int] = set()  # a list or mapping met twice is an alias: left to PyYAML
    while stack:
        value = pop()
        kind = type(value)
        if kind is dict or kind is list:
            if id(value) in seen:
                return False
            seen.add(id(value))
        if kind is str:
            if search(value) or (
                "\n" in value and (value.endswith((" ", "\n\n")) or value == "\n" or " \n" in value)
            ):
                return False
        elif kind is dict:
            for key, item in value.items():
                if type(key) is not str or not 0 < len(key) <= 40 or search(key) or "\n" in key:
                    return False
                push(item)
        elif kind is list:
            if len(value) <= 8 and any(type(v) is str and "\n" in v for v in value):
                return False
            stack.extend(value)
        elif value is not None and kind not in (bool, int, float):
            return False
    return True


def dump_yaml(data: Any) -> str:
    """Dump data as YAML that :func:`parse_yaml` reads back to the same value.

    Strings that any YAML reader, 1.1 or 1.2, would read as another type (``"1.10"``,
    ``"no"``, ``"08"``, ``"1e3"``, ``"0o17"``) are quoted, so IDs survive the round trip in
    every tool, not only in PyYAML.

    >>> print(dump_yaml({"ids": ["08", "1e3", "0o17", "y", "A1"]}), end="")
    ids: ['08', '1e3', '0o17', 'y', A1]
    """
    with paused():  # the node tree holds no cycles (collect.py): half the time otherwise
        if _CDumper is None or not data or not same_in_c(data):
            return _dump(data, _Dumper)
        return "".join(_dump(piece, _CDumper) for piece in _pieces(data))


def _dump(data: Any, dumper: type[yaml.SafeDumper]) -> str:
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def _pieces(data: dict[str, Any]) -> Iterator[Any]:
    """A mapping (passed by :func:`same_in_c`: no aliases, no open-ended scalars) in
    pieces whose YAML, joined, is the whole's: each key on its own, and a long list of
    mappings :data:`PIECE` items at a time (a block sequence under a top-level key is
    written at column 0, as a top-level one is). The node tree of 50,000 relations held
    at once took 160 MB."""
    for key, value in data.items():
        if type(value) is list and len(value) > PIECE and all(type(v) is dict for v in value):
            yield {key: value[:PIECE]}
            yield from (value[i : i + PIECE] for i in range(PIECE, len(value), PIECE))
        else:
            yield {key: value}


def iter_paths(data: Any, path: KeyPath = ()) -> Iterator[KeyPath]:
    """Every path in a plain data tree (used by tests and validators)."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from iter_paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_paths(value, (*path, i))
