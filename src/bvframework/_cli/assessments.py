"""Assessment commands: summarise, migrate, compare, heatmap."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._core.errors import UsageError
from .._core.vocab import COMPARE_POLICIES, SUMMARY_BASES
from .kinds import KindHandler, register_kind
from .options import (
    Run,
    add_format,
    add_inputs,
    add_mappings,
    add_output,
    add_policies,
    command,
)

if TYPE_CHECKING:
    from .._assessments.compare import Comparison

__all__ = ["register"]


def _assessment_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        metavar="FILE",
        help="assessment: bundled ref, or YAML/CSV/TSV/XLSX file ('-': stdin)",
    )


def register(commands: Any) -> None:
    p = command(
        commands,
        "summarise",
        summary="count an assessment's items by level, state and theme",
        example="bvframework summarise best-value/blaby-2025 --at-or-above 4",
    )
    _assessment_argument(p)
    p.add_argument(
        "--basis",
        choices=SUMMARY_BASES,
        help="count the item scores, or the published totals (default: items when "
        "every item's score is published)",
    )
    p.add_argument("--at-or-above", metavar="LEVEL", help="also the share at or above LEVEL")
    p.add_argument(
        "--count-states",
        metavar="STATE",
        nargs="+",
        default=[],
        help="states to count in the share's denominator (Runnymede counts grey)",
    )
    add_format(p)
    add_inputs(p)
    p.set_defaults(run=run_summarise)

    p = command(
        commands,
        "migrate",
        summary="carry an assessment to another version of its "
        "framework, with a ledger of every item",
        example="bvframework migrate best-value/runnymede-2024 --to statutory-2024-05",
    )
    _assessment_argument(p)
    p.add_argument(
        "--to",
        dest="version",
        required=True,
        metavar="VERSION",
        help="catalogue: framework/version, a version of the same framework, or a file",
    )
    add_policies(p)
    p.set_defaults(policy=None)
    add_output(p, required=False, what="write the migrated assessment (.yaml, .yml or .csv)")
    p.add_argument("--ledger", action="store_true", help="list every input item's outcome")
    add_format(p)
    add_mappings(p)
    add_inputs(p)
    p.set_defaults(run=run_migrate)

    p = command(
        commands,
        "compare",
        summary="compare assessments on one scale and one version",
        example="bvframework compare best-value/blaby-2025 "
        "tests/data/fictional-draft-gfp.yaml --on good-fair-poor",
        description="Every assessment is carried to the common version (through the "
        "bundled mappings and any given) and translated to the common scale; the ledger "
        "accounts for every input item.",
    )
    p.add_argument(
        "files",
        metavar="FILE",
        nargs="+",
        help="two or more assessments, or a manifest listing them (CSV, XLSX or YAML)",
    )
    p.add_argument(
        "--on",
        metavar="SCALE",
        help="the common scale (built-in ID or file; default: the one all share, else the "
        "one with the most levels)",
    )
    p.add_argument(
        "--version",
        metavar="V",
        help="the common version (default: the latest version every assessment routes to)",
    )
    add_policies(p)
    add_format(p, "csv")
    add_output(
        p,
        required=False,
        what="write the comparison (.csv, .json, or .xlsx: coloured cells, theme counts and "
        "the ledger) instead of printing it",
    )
    add_mappings(p)
    add_inputs(p)
    p.set_defaults(run=run_compare)

    p = command(
        commands,
        "heatmap",
        summary="draw an assessment's heat map, or a change map "
        "against another (.html, .svg or .png)",
        example="bvframework heatmap best-value/blaby-2025 -o blaby.html",
    )
    _assessment_argument(p)
    p.add_argument(
        "--against",
        metavar="OTHER",
        help="an earlier (or another council's) assessment: draw the change",
    )
    p.add_argument(
        "--on", metavar="SCALE", help="with --against: the common scale (default: FILE's)"
    )
    p.add_argument(
        "--policy",
        choices=COMPARE_POLICIES,
        default=None,
        help="with --against: how a score on several levels is shown (default nearest)",
    )
    p.add_argument("--title", help="the map's title (default: the council and assessment)")
    add_output(
        p,
        required=True,
        what="the picture: .html, .svg, .png (the plot extra) or .xlsx (the excel extra: the "
        "grid with fills, a legend, and a sheet of items)",
    )
    add_mappings(p)
    add_inputs(p)
    p.set_defaults(run=run_heatmap)
    register_report(commands)


# -- list / show / validate -------------------------------------------------------------------
def _listing(run: Run) -> tuple[str, list[str], list[list[Any]], list[dict[str, Any]]]:
    from .._api.frameworks import bundled
    from .._api.load import load_assessment

    rows, records = [], []
    for ref in bundled("assessment"):
        a = load_assessment(ref, store=run.store)
        rows.append([ref, a.council, a.date or "", a.catalogue.key, a.scale.id, a.items_published])
        records.append(
            {
                "ref": ref,
                "council": a.council,
                "date": a.date,
                "catalogue": a.catalogue.key,
                "scale": a.scale.id,
                "items_published": a.items_published,
            }
        )
    headers = ["ref", "council", "date", "catalogue", "scale", "item scores published"]
    return "Assessments", headers, rows, records


def _show(run: Run, ref: str) -> tuple[str, Any]:
    from .._api.load import load_assessments
    from .._render.assessment_text import summary_text

    (a,) = load_assessments([ref], options=run.table_options([ref]), store=run.store)
    return summary_text(a, basis=None, threshold=None, states=()), a.to_dict()


register_kind("assessment", KindHandler(order=3, listing=_listing, show=_show))


# -- summarise --------------------------------------------------------------------------------
def run_summarise(args: argparse.Namespace) -> int:
    from .._api.load import load_assessments
    from .._render.assessment_text import summary_text

    run = Run(args)
    (a,) = load_assessments([args.file], options=run.table_options([args.file]), store=run.store)
    if args.count_states and not args.at_or_above:
        raise UsageError("--count-states applies to the share --at-or-above LEVEL")
    if args.format == "json":
        data = a.summary(basis=args.basis).to_dict()
        if args.at_or_above:
            share = a.summary(basis=args.basis).share_at_or_above(
                a.scale.parse(args.at_or_above),
                include_states=[a.scale.parse(st) for st in args.count_states],
            )
            data["at_or_above"] = {"level": args.at_or_above, "count": share.count, "of": share.of}
        run.emit_json(data)
    else:
        run.emit(
            summary_text(a, basis=args.basis, threshold=args.at_or_above, states=args.count_states)
        )
    run.notices()
    return 0


# -- migrate ----------------------------------------------------------------------------------
def run_migrate(args: argparse.Namespace) -> int:
    from .._api.assess import migrate_ref
    from .._render.assessment_text import migration_data, migration_text
    from .._render.outputs import MIGRATION_SUFFIXES, migration_bytes, suffix_of

    if args.policy is not None:
        raise UsageError("--policy applies to compare and heatmap; migrate keeps the scale")
    if (
        args.output
        and not args.output.lower().endswith(MIGRATION_SUFFIXES)
        and (args.output != "-")
    ):
        raise UsageError(f"-o {args.output}: a migrated assessment is written as .yaml or .csv")
    run = Run(args)
    result = migrate_ref(
        args.file,
        args.version,
        merge_policy=args.merge_policy,
        mappings=args.mapping,
        options=run.table_options([args.file]),
        store=run.store,
    )
    if args.output:
        run.write(args.output, migration_bytes(result, suffix_of(args.output)))
    if args.format == "json":
        run.emit_json(migration_data(result))
        return 0
    run.emit(migration_text(result, ledger=args.ledger))
    run.notices()
    return 0


# -- compare ----------------------------------------------------------------------------------
def _compared(
    run: Run, refs: list[str], args: argparse.Namespace, *, anchor: int | None = None
) -> Comparison:
    """compare, report and heatmap --against: the common scale and version default to
    those of the assessment at ``anchor`` when given, else to defaults independent of the
    order (said in the output)."""
    from .._api.assess import compare_refs

    return compare_refs(
        refs,
        on=args.on,
        version=getattr(args, "version", None),
        policy=args.policy or "nearest",
        merge_policy=getattr(args, "merge_policy", "worst"),
        mappings=args.mapping,
        options=run.table_options(refs),
        anchor=anchor,
        store=run.store,
    )


def run_compare(args: argparse.Namespace) -> int:
    from .._api.cohort import is_manifest
    from .._render.outputs import COMPARISON_SUFFIXES, comparison_bytes, suffix_of

    if len(args.files) < 2 and not is_manifest(args.files[0]):
        raise UsageError("compare needs two or more assessments, or a manifest listing them")
    if args.output and args.output != "-":
        wanted = COMPARISON_SUFFIXES.get(suffix_of(args.output))
        if wanted is None:
            raise UsageError(f"-o {args.output}: a comparison is written as .csv, .json or .xlsx")
        if args.format not in ("text", wanted):
            raise UsageError(f"--format {args.format} does not fit -o {args.output}")
        args.format = wanted
    run = Run(args)
    result = _compared(run, list(args.files), args)
    if args.format == "text":
        if args.output:
            raise UsageError("-o - writes csv or json; give --format")
        from .._render.assessment_text import comparison_text

        run.emit(comparison_text(result))
    elif args.output:
        run.write(args.output, comparison_bytes(result, args.format))
    else:
        content = comparison_bytes(result, args.format)
        assert isinstance(content, str)
        run.emit(content.rstrip("\n"))
    run.notices()
    return 0


# -- heatmap ----------------------------------------------------------------------------------
def run_heatmap(args: argparse.Namespace) -> int:
    from attrs import evolve

    from .._api.cohort import load_many
    from .._render.heatmap import build, build_change
    from .._render.outputs import HEATMAP_SUFFIXES, heatmap_bytes, suffix_of

    suffix = suffix_of(args.output)
    if suffix not in HEATMAP_SUFFIXES and args.output != "-":
        raise UsageError(f"-o {args.output}: a heat map is written as .html, .svg, .png or .xlsx")
    run = Run(args)
    if args.against is None:
        shown_ones = load_many([args.file], options=run.table_options([args.file]), store=run.store)
        if len(shown_ones) > 2:
            raise UsageError(
                f"{args.file}: a heat map draws one assessment, or the change between two; "
                f"this manifest lists {len(shown_ones)}"
            )
        if len(shown_ones) == 1:
            unused = [
                f
                for f, v in (
                    ("--on", args.on),
                    ("--policy", args.policy),
                    ("--mapping", args.mapping),
                )
                if v
            ]
            if unused:
                raise UsageError(f"{', '.join(unused)} apply only with --against OTHER")
            heatmap = build(shown_ones[0])
            if args.title:
                heatmap = evolve(heatmap, title=args.title)
            run.write(args.output, heatmap_bytes(heatmap, shown_ones[0], suffix))
            run.notices()
            return 0
        # a manifest of two: the change from the first to the second, on the second's file
        comparison = _compared(run, [args.file], args, anchor=1)
    else:
        comparison = _compared(run, [args.against, args.file], args, anchor=1)
    heatmap = build_change(comparison)
    if args.title:
        heatmap = evolve(heatmap, title=args.title)
    run.write(args.output, heatmap_bytes(heatmap, comparison.assessments[1], suffix))
    run.notices()
    return 0


# -- report -----------------------------------------------------------------------------------
def register_report(commands: Any) -> None:
    p = command(
        commands,
        "report",
        summary="one self-contained HTML page: summaries, heat maps, comparison and ledger",
        example="bvframework report best-value/blaby-2025 -o report.html",
    )
    p.add_argument(
        "files", metavar="FILE", nargs="+", help="one or more assessments, or a manifest"
    )
    p.add_argument(
        "--on",
        metavar="SCALE",
        help="with two or more: the common scale (default: the one all share, else the one "
        "with the most levels)",
    )
    p.add_argument(
        "--version",
        metavar="V",
        help="with two or more: the common version (default: the latest every one routes to)",
    )
    p.add_argument("--title", help="the page's title (default: the councils and dates)")
    add_policies(p)
    add_output(p, required=True, what="the page (.html)")
    add_mappings(p)
    add_inputs(p)
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    from .._render.heatmap import build, build_change
    from .._render.outputs import REPORT_SUFFIXES
    from .._render.report import report_html

    if args.output != "-" and not args.output.lower().endswith(REPORT_SUFFIXES):
        raise UsageError(f"-o {args.output}: a report is written as .html")
    from .._api.cohort import load_many

    run = Run(args)
    assessments = load_many(args.files, options=run.table_options(args.files), store=run.store)
    if len(assessments) == 1:
        unused = [
            f
            for f, v in (
                ("--on", args.on),
                ("--version", args.version),
                ("--mapping", args.mapping),
            )
            if v
        ]
        if unused:
            raise UsageError(f"{', '.join(unused)} apply when comparing two or more files")
    comparison = _compared(run, list(args.files), args) if len(assessments) > 1 else None
    change = build_change(comparison) if comparison and len(comparison.ids) == 2 else None
    page = report_html(
        assessments,
        [build(a) for a in assessments],
        comparison=comparison,
        change=change,
        title=args.title,
    )
    run.write(args.output, page)
    run.notices()
    return 0
