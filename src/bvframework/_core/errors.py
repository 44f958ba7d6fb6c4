"""The exception hierarchy.

Every error the library raises derives from :class:`BvFrameworkError`, and also from the
built-in exception a caller would naturally catch (``ValueError`` for bad data, ``KeyError``
for an unknown name), so ``except ValueError`` keeps working for code that knows nothing of
this library.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from attrs import frozen

from .text import printable

__all__ = [
    "AmbiguousTranslationError",
    "BvFrameworkError",
    "CompositionError",
    "DataError",
    "KeyPath",
    "MissingDependencyError",
    "NoItemScoresError",
    "Problem",
    "ReadError",
    "UnknownLabelError",
    "UnknownReferenceError",
    "UsageError",
    "group_problems",
    "one_line",
]

KeyPath = tuple[str | int, ...]
"""Where a value sits in a data tree: keys and list indices (``themes[0].items[3].id``)."""

_MAX_LINE = 2000


def one_line(text: str) -> str:
    r"""``text`` as one printable line: control characters escaped, length bounded.

    >>> one_line("a\nb\x1b[31m")
    'a\\nb\\x1b[31m'
    """
    out = printable(text)
    return out if len(out) <= _MAX_LINE else out[: _MAX_LINE - 3] + "..."


def format_path(path: KeyPath) -> str:
    """Render a key path as ``themes[0].items[3].id``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


@frozen(kw_only=True)
class Problem:
    """One thing wrong with one place in one data file."""

    message: str
    path: KeyPath = ()
    source: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.source or "<data>"
        if self.line is not None:
            where += f":{self.line}"
        key = format_path(self.path)
        text = f"{where}: {key}: {self.message}" if key else f"{where}: {self.message}"
        return one_line(text)


class BvFrameworkError(Exception):
    """Base class of every error raised by bvframework."""


class DataError(BvFrameworkError, ValueError):
    """A data file (or dict) has one or more problems; all are listed in :attr:`problems`."""

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class ReadError(DataError):
    """An input that cannot be read at all (missing, unreadable, over a limit, not text);
    as opposed to one read whose content has problems."""


class UnknownReferenceError(BvFrameworkError, KeyError):
    """A name (bundled reference, item ID, scale ID, numbering code) that does not exist."""

    def __init__(self, message: str, *, suggestions: Sequence[str] = ()) -> None:
        self.message = message
        self.suggestions = tuple(suggestions)
        super().__init__(message)

    def __str__(self) -> str:
        if self.suggestions:
            return f"{self.message}; did you mean {', '.join(map(repr, self.suggestions))}?"
        return self.message


class UnknownLabelError(BvFrameworkError, ValueError):
    """A score label that is not a level or state of the scale it was read against."""

    def __init__(self, message: str, *, suggestions: Sequence[str] = ()) -> None:
        self.message = message
        self.suggestions = tuple(suggestions)
        super().__init__(message)

    def __str__(self) -> str:
        if self.suggestions:
            return f"{self.message}; did you mean {', '.join(map(repr, self.suggestions))}?"
        return self.message


class AmbiguousTranslationError(BvFrameworkError, ValueError):
    """A strict translation had more than one candidate level."""


class MissingDependencyError(BvFrameworkError, ImportError):
    """An optional extra is needed for this feature and is not installed."""

    @classmethod
    def for_extra(cls, *, module: str, extra: str, feature: str) -> MissingDependencyError:
        return cls(
            f"{feature} needs the optional package {module!r}; "
            f"install it with: pip install 'bvframework[{extra}]'"
        )


class CompositionError(BvFrameworkError, ValueError):
    """Two mappings that do not chain (different framework, or versions that do not meet)."""


class NoItemScoresError(BvFrameworkError, ValueError):
    """A per-item figure was asked of an assessment that publishes no item scores."""


class UsageError(BvFrameworkError, ValueError):
    """Arguments that do not fit together (an option given where it has no use, a missing
    one). The message names the option as the interface it came through spells it."""


# Tracebacks should name the public path (bvframework.DataError), not the private module.
for _cls in (
    AmbiguousTranslationError,
    BvFrameworkError,
    CompositionError,
    DataError,
    MissingDependencyError,
    NoItemScoresError,
    UnknownLabelError,
    UnknownReferenceError,
    UsageError,
):
    _cls.__module__ = "bvframework"

_SHOWN_LINES = 5


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_SUGGESTION = re.compile(r"; did you mean .*$")


def _shape(problem: Problem) -> tuple[str | None, str, KeyPath]:
    """What makes two problems "the same problem": the file, the message with its quoted
    values and suggestions left out, and where (the same list or mapping of the file)."""
    template = _QUOTED.sub("'…'", _SUGGESTION.sub("", problem.message))
    return problem.source, template, problem.path[:-1]


def group_problems(problems: Sequence[Problem]) -> list[Problem]:
    """One problem per kind: the same problem on many rows (or entries of one list) is
    reported once, with a count, the first rows and the other values it was seen with
    (a wrong scale gives one line, not one per item)."""
    groups: dict[tuple[str | None, str, KeyPath], list[Problem]] = {}
    for problem in problems:
        key = _shape(problem) if problem.path else (problem.source, problem.message, ())
        groups.setdefault(key, []).append(problem)
    out = []
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            out.append(first)
            continue
        lines = [str(p.line) for p in same if p.line is not None]
        where = f"{len(same)} rows" if len(lines) == len(same) else f"{len(same)} places"
        shown = ", ".join(lines[:_SHOWN_LINES]) + (" ..." if len(lines) > _SHOWN_LINES else "")
        others = _other_values(same)
        message = _SUGGESTION.sub("", first.message) if others else first.message
        out.append(
            Problem(
                message=f"{message} ({where}{': ' + shown if shown else ''}{others})",
                source=first.source,
                line=first.line,
                path=first.path,
            )
        )
    return out


def _other_values(same: Sequence[Problem]) -> str:
    """``; also 'Amber', 'Red'``: the quoted values in which problems of one kind differ
    from the first."""
    first = _QUOTED.findall(_SUGGESTION.sub("", same[0].message))
    seen: list[str] = []
    for problem in same[1:]:
        for n, value in enumerate(_QUOTED.findall(_SUGGESTION.sub("", problem.message))):
            if (n >= len(first) or value != first[n]) and value not in seen:
                seen.append(value)
    if not seen:
        return ""
    more = " ..." if len(seen) > _SHOWN_LINES else ""
    return "; also " + ", ".join(seen[:_SHOWN_LINES]) + more
