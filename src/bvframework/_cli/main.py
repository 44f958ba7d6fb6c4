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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv``; returns the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    only = words[0] if words and words[0] in COMMANDS else None
    try:
        args = build_parser(only).parse_args(words)
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
