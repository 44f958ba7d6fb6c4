"""The benchmark command: a cohort of councils against its peers, theme by theme."""

from __future__ import annotations

import argparse
from typing import Any

from .._core.errors import UsageError
from .options import Run, add_inputs, add_mappings, add_output, command

__all__ = ["register"]

_FORMATS = ("text", "json", "csv")


def register(commands: Any) -> None:
    p = command(
        commands,
        "benchmark",
        summary="where each council of a cohort stands among its peers, theme by theme",
        example="bvframework benchmark cohort.csv --council 'Blaby District Council' "
        "-o cohort.html",
        description="Each council's latest assessment is carried to the common version and "
        "translated onto the common scale without inventing precision (a score is every "
        "level its band overlaps); per theme it has an interval of items at or above the "
        "threshold, the peers certainly above and below it, and a rank from best to worst "
        "possible. Earlier assessments of the same council give its change since.",
    )
    p.add_argument(
        "files",
        metavar="MANIFEST|FILE",
        nargs="+",
        help="a manifest (CSV, XLSX or YAML: file, council, date, catalogue, numbering, "
        "scale, sheet) or the assessments themselves",
    )
    p.add_argument(
        "--on",
        metavar="SCALE",
        help="the common scale (default: the one all share, else the one with the most levels)",
    )
    p.add_argument(
        "--version",
        metavar="V",
        help="the common version (default: the latest version every assessment routes to)",
    )
    p.add_argument(
        "--at-or-above",
        metavar="LEVEL",
        help="the threshold level (default: the common scale's second-highest)",
    )
    p.add_argument("--council", dest="focus", metavar="NAME", help="draw this council's profile")
    p.add_argument("--title", help="the page's or workbook's title")
    p.add_argument(
        "--format",
        choices=_FORMATS,
        default="text",
        help="what is printed: text (default), json, or csv (the long table)",
    )
    add_output(
        p,
        required=False,
        what="write it: .html (the page), .xlsx (the workbook), .csv, .json, or "
        ".svg/.png (the --council profile)",
    )
    add_mappings(p)
    add_inputs(p, council=False)
    p.set_defaults(run=run_benchmark)


def run_benchmark(args: argparse.Namespace) -> int:
    from .._api.cohort import benchmark, load_many
    from .._render.outputs import BENCHMARK_SUFFIXES, benchmark_bytes, suffix_of

    suffix = suffix_of(args.output) if args.output else ""
    if args.output == "-":
        args.output = None  # standard output: printed, in --format
    if args.output:
        if suffix not in BENCHMARK_SUFFIXES:
            raise UsageError(
                f"-o {args.output}: a benchmark is written as {', '.join(BENCHMARK_SUFFIXES)}"
            )
        if suffix in (".svg", ".png") and args.focus is None:
            raise UsageError(f"-o {args.output}: a profile is one council's: give --council NAME")
        if args.format != "text":
            raise UsageError(f"--format {args.format} prints; -o {args.output} writes: give one")
    run = Run(args)
    cohort = load_many(args.files, options=run.table_options(args.files), store=run.store)
    result = benchmark(
        cohort,
        scale=args.on,
        version=args.version,
        at_or_above=args.at_or_above,
        council=args.focus,
        mappings=args.mapping,
        store=run.store,
    )
    if args.output and args.output != "-":
        run.write(args.output, benchmark_bytes(result, suffix, title=args.title))
    else:
        from .._render.standing import benchmark_csv, benchmark_json, benchmark_text

        shown = {"json": benchmark_json, "csv": benchmark_csv}.get(args.format, benchmark_text)
        run.emit(shown(result).rstrip("\n"))
    run.notices()
    return 0
