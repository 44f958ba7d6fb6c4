"""Entry point: builds the argparse parser from each command module and runs one command.

Every failure a user can cause ends as one line per problem on stderr and exit status 2;
a traceback would be a bug.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .._core.errors import BvFrameworkError, DataError
from . import UsageError, alignment, assessments, frameworks, scales

__all__ = ["console", "main"]

EXIT_ERROR = 2

_MODULES = (frameworks, scales, assessments, alignment)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bvframework",
        description="Diff and map versions of a governance framework; benchmark "
        "self-assessments scored on different scales.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for module in _MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv``; returns the exit status (0 ok, 2 error)."""
    try:
        args = build_parser().parse_args(argv)
        status: int = args.run(args)
        return status
    except UsageError as exc:
        print(f"bvframework: error: {exc}", file=sys.stderr)
    except DataError as exc:
        for problem in exc.problems:
            print(f"bvframework: error: {problem}", file=sys.stderr)
    except BvFrameworkError as exc:
        print(f"bvframework: error: {exc}", file=sys.stderr)
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error of ours; say nothing more.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except OSError as exc:
        print(f"bvframework: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
    return EXIT_ERROR


def console() -> None:
    """The ``bvframework`` console script."""
    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)
