"""Option bundles shared by every command that takes the same kind of input, and the
per-run context (one Store, outputs written safely, notices printed once)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from .._core.errors import UsageError, one_line
from .._core.text import printable
from .._core.vocab import COMPARE_POLICIES, MERGE_POLICIES

if TYPE_CHECKING:
    from .._api.load import Store, TableOptions

__all__ = [
    "Run",
    "add_format",
    "add_inputs",
    "add_mappings",
    "add_output",
    "add_policies",
    "command",
]

_INPUTS = ("catalogue", "numbering", "scale", "council", "date", "sheet")


class _Skipped:
    """Takes the options of a command that is not being run, and drops them: building only
    the command that runs keeps every command as quick as ``--help``."""

    def add_argument(self, *args: Any, **kwargs: Any) -> None:
        return None

    def add_argument_group(self, *args: Any, **kwargs: Any) -> _Skipped:
        return self

    def set_defaults(self, **kwargs: Any) -> None:
        return None


def skipped_parser() -> argparse.ArgumentParser:
    return cast("argparse.ArgumentParser", _Skipped())


def command(
    commands: Any, name: str, *, summary: str, example: str, description: str = ""
) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` says what it does in one line and ends with an
    example. When the parser is built for one command, the others are skipped."""
    only = getattr(commands, "bv_only", None)
    if only is not None and name != only:
        return skipped_parser()
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=summary + (f"\n\n{description}" if description else ""),
        epilog=f"example:\n  {example}",
    )
    return parser


def add_inputs(parser: argparse.ArgumentParser, *, council: bool = True) -> None:
    """How to read assessments kept as tables (CSV, TSV, XLSX): one bundle for every
    command that takes an assessment (``benchmark`` names councils in its manifest and
    uses ``--council`` for the one whose profile it draws)."""
    group = parser.add_argument_group(
        "reading CSV, TSV and XLSX assessments (applied to every table file given)"
    )
    group.add_argument(
        "--catalogue",
        metavar="REF",
        help="the catalogue the item codes belong to (bundled ref or file); required for tables",
    )
    group.add_argument(
        "--numbering",
        metavar="NAME",
        help="the catalogue's numbering scheme of the codes (e.g. blaby)",
    )
    group.add_argument(
        "--scale",
        metavar="ID",
        help="the scale the scores are written on (default: the one built-in "
        "scale every score fits: numeric-1-5, six-colour, good-fair-poor, rag)",
    )
    if council:
        group.add_argument("--council", metavar="NAME", help="the council's name")
    group.add_argument("--date", metavar="DATE", help="the assessment's date (YYYY-MM-DD)")
    group.add_argument(
        "--sheet",
        metavar="NAME",
        help="XLSX: the sheet to read (default: the first whose header fits)",
    )


def add_mappings(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mapping",
        action="append",
        default=[],
        metavar="FILE",
        help="a mapping to use besides the bundled ones (repeatable); an error if it fits "
        "none of the versions involved",
    )


def add_policies(parser: argparse.ArgumentParser, *, merge: bool = True) -> None:
    parser.add_argument(
        "--policy",
        choices=COMPARE_POLICIES,
        default="nearest",
        help="how a score that falls on several levels of the common scale is shown: "
        "nearest (default), strict (an error), range, conservative (worst), optimistic "
        "(best); changes are judged on every level whatever the policy",
    )
    if merge:
        parser.add_argument(
            "--merge-policy",
            choices=MERGE_POLICIES,
            default="worst",
            help="the score of an item several were merged into: worst (default), best, "
            "median, range",
        )


def add_format(parser: argparse.ArgumentParser, *choices: str) -> None:
    options = ("text", "json", *choices)
    parser.add_argument(
        "--format",
        choices=options,
        default="text",
        help=f"output format: {', '.join(options)} (default text)",
    )


def add_output(parser: argparse.ArgumentParser, *, required: bool, what: str) -> None:
    parser.add_argument(
        "-o",
        "--output",
        required=required,
        metavar="OUT",
        help=f"{what}; '-' for standard output. Written atomically; naming an input, a "
        "device, a FIFO or a folder is refused, and a read-only file unless --force",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace OUT even if it is a read-only file"
    )


class Run:
    """One command's context: a Store (from the API) naming options the command line's way,
    and safe output."""

    def __init__(self, args: argparse.Namespace) -> None:
        from .._api.load import cli_store

        self.args = args
        self.quiet = getattr(args, "loudness", None) == "quiet"
        """-q: no notices (errors still go to standard error)."""
        self.store: Store = cli_store()
        self.stdout_taken = False
        """True once a file went to standard output (``-o -``): messages then go to
        standard error, so the file stays whole."""

    # -- inputs ------------------------------------------------------------------------
    def table_options(self, refs: Sequence[str]) -> TableOptions | None:
        """The input bundle (None when no option is given); an error when given and no
        input is a table."""
        from .._api.cohort import is_manifest
        from .._api.load import is_table, table_options

        values = {name: getattr(self.args, name, None) for name in _INPUTS}
        given = [name for name, value in values.items() if value is not None]
        if given and not any(is_table(ref) or is_manifest(ref, store=self.store) for ref in refs):
            flags = ", ".join(f"--{name}" for name in given)
            raise UsageError(
                f"{flags} apply to CSV, TSV and XLSX inputs (or a manifest listing them), "
                "and none was given"
            )
        return table_options(values, store=self.store) if given else None

    # -- outputs -----------------------------------------------------------------------
    def write(self, target: str, content: str | bytes, *, option: str = "-o") -> None:
        from .._api.output import write

        write(
            target,
            content,
            store=self.store,
            option=option,
            force=bool(getattr(self.args, "force", False)),
        )
        if target != "-":
            if not self.quiet:
                print(one_line(f"wrote {target}"), file=sys.stderr)
        else:
            self.stdout_taken = True

    def emit(self, text: str) -> None:
        """Print ``text`` for the reader: control characters in it (a label holding ESC or
        NUL) shown as escapes by the one rule for text leaving the program."""
        print(printable(text, keep="\n\t"), file=sys.stderr if self.stdout_taken else sys.stdout)

    def emit_json(self, data: Any) -> None:
        import json

        self.emit(json.dumps(data, indent=2, ensure_ascii=False))

    def notices(self) -> None:
        if self.quiet:
            return
        for notice in self.store.notices:
            print(one_line(f"bvframework: notice: {notice}"), file=sys.stderr)
