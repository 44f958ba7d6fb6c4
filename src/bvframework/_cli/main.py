"""Entry point: builds the parser from each command module and runs one command.

Exit status: 0 success; 1 when ``validate`` finds problems in the data; 2 for a usage error
or an input that cannot be read. Every failure a user can cause ends as one line per
problem on stderr (the same problem on many rows once, with a count); a traceback is a bug.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from .._core.errors import BvFrameworkError, DataError, UsageError, one_line

__all__ = [
    "COMMANDS",
    "EXIT_DATA",
    "EXIT_OK",
    "EXIT_USAGE",
    "build_parser",
    "console",
    "main",
    "report",
]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
MAX_ERROR_LINES = 50


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter asks ``shutil`` for the terminal width each time one is made
    (on every ``add_argument``); this asks the terminal directly, without that import."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            try:
                width = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size().columns
            except (OSError, ValueError):
                width = 80
            width -= 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _version() -> str:
    from .._core.version import __version__

    return f"bvframework {__version__}"


# command -> the module of this package that registers and runs it (imported only when the
# command runs, or for the full --help)
_WHERE = {
    "list": "frameworks",
    "show": "frameworks",
    "diff": "frameworks",
    "validate": "frameworks",
    "scales": "scales",
    "translate": "scales",
    "crosswalk": "scales",
    "summarise": "assessments",
    "migrate": "assessments",
    "compare": "assessments",
    "heatmap": "assessments",
    "report": "assessments",
    "benchmark": "cohort",
    "import": "alignment",
    "align": "alignment",
    "export": "alignment",
    "fetch": "official",
}
COMMANDS = tuple(_WHERE)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; building it imports no model, so ``--help`` is quick. With
    ``only``, just that command's parser is built (the others cost nothing)."""
    parser = _Parser(
        prog="bvframework",
        description="Diff and map versions of a governance framework; benchmark "
        "self-assessments scored on different scales.",
        epilog="example:\n  bvframework diff best-value/draft-2023-07 best-value/statutory-2024-05",
    )
    parser.add_argument("--version", action="version", version=_version())
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no notices or progress on standard error, only errors (before COMMAND)",
    )
    loudness.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="progress and what each step decided, on standard error (before COMMAND); "
        "by default progress shows only when standard error is a terminal",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    commands.bv_only = only  # type: ignore[attr-defined]
    names = dict.fromkeys(_WHERE.values()) if only is None else {_WHERE[only]: None}
    for name in names:
        importlib.import_module(f"{__package__}.{name}").register(commands)
    return parser


def report(exc: BvFrameworkError) -> None:
    """Print an error as one line per problem, at most :data:`MAX_ERROR_LINES`."""
    from .._core.errors import group_problems

    if isinstance(exc, DataError):
        lines = [str(p) for p in group_problems(exc.problems)]
    else:
        lines = [one_line(str(exc))]
    for line in lines[:MAX_ERROR_LINES]:
        print(f"bvframework: error: {line}", file=sys.stderr)
    if len(lines) > MAX_ERROR_LINES:
        print(
            f"bvframework: error: ... and {len(lines) - MAX_ERROR_LINES} more problems",
            file=sys.stderr,
        )


_LOUDNESS = {"-q": "quiet", "--quiet": "quiet", "-v": "verbose", "--verbose": "verbose"}


def _loudness(words: list[str]) -> str | None:
    """Take the leading -q/-v flags off ``words`` (so the command is found first and
    only its parser is built); the last one given wins."""
    chosen = None
    while words and words[0] in _LOUDNESS:
        chosen = _LOUDNESS[words.pop(0)]
    return chosen


def _configure_logging(loudness: str | None) -> None:
    """Progress and explanations go to standard error through the ``logging`` module:
    shown when it is a terminal (INFO), always with -v (DEBUG), never with -q. Without a
    terminal and without -v or -q, logging is not even imported (nor configured: a
    program calling :func:`main` keeps its own)."""
    terminal = hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    if loudness is None and not terminal and "logging" not in sys.modules:
        return
    import logging

    logger = logging.getLogger("bvframework")
    for old in [h for h in logger.handlers if h.get_name() == "bvframework-cli"]:
        logger.removeHandler(old)  # one handler, however many times main() runs
    if loudness is None and not terminal:  # back to logging's defaults
        logger.setLevel(logging.NOTSET)
        logger.propagate = True
        return

    class StandardError(logging.StreamHandler):  # type: ignore[type-arg]
        """Writes to whatever ``sys.stderr`` is when a record comes."""

        @property
        def stream(self) -> Any:
            return sys.stderr

        @stream.setter
        def stream(self, value: Any) -> None:
            pass

    handler = StandardError()
    handler.set_name("bvframework-cli")
    handler.setFormatter(logging.Formatter("bvframework: %(message)s"))
    logger.addHandler(handler)
    logger.propagate = False
    levels = {"quiet": logging.WARNING, "verbose": logging.DEBUG, None: logging.INFO}
    logger.setLevel(levels[loudness])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv``; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    loudness = _loudness(words)
    only = words[0] if words and words[0] in COMMANDS else None
    try:
        args = build_parser(only).parse_args(words)
        args.loudness = loudness
        _configure_logging(loudness)
        status: int = args.run(args)
        return status
    except SystemExit as exc:  # --help and --version
        return int(exc.code or 0)
    except BvFrameworkError as exc:
        report(exc)
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error of ours; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(one_line(f"bvframework: error: {where}{exc.strerror or exc}"), file=sys.stderr)
    except RecursionError:
        print("bvframework: error: the input is nested too deeply", file=sys.stderr)
    except MemoryError:
        print("bvframework: error: out of memory reading the input", file=sys.stderr)
    return EXIT_USAGE


def console() -> None:
    """The ``bvframework`` console script."""
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)
