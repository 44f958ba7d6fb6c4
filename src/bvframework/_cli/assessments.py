"""Assessment commands: summarise, migrate, compare, heatmap."""

from __future__ import annotations

import argparse
import os
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
    from .._assessments.model import Assessment
    from .._catalogues.model import Catalogue
    from .._mappings.model import Mapping

__all__ = ["register", "summary_text"]

_HEATMAP_SUFFIXES = (".html", ".svg", ".png", ".xlsx")


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
    p.add_argument("files", metavar="FILE", nargs="+", help="two or more assessments")
    p.add_argument(
        "--on", metavar="SCALE", help="the common scale (built-in ID or file; default: the first's)"
    )
    p.add_argument(
        "--version", metavar="V", help="the common version (default: the first assessment's)"
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
    rows, records = [], []
    for ref in run.store.bundled("assessment"):
        a = run.store.assessment(ref)
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
    a = run.store.assessment(ref, run.table_options([ref]))
    return summary_text(a, basis=None, threshold=None, states=()), a.to_dict()


register_kind("assessment", KindHandler(order=3, listing=_listing, show=_show))


def summary_text(
    a: Assessment, *, basis: Any, threshold: str | None, states: list[str] | tuple[()]
) -> str:
    from .._render.text import table

    s = a.summary(basis=basis)
    scale = a.scale
    out = [f"{a.council}: {a.id} ({a.date or 'undated'}) on {a.catalogue.key}, scale {scale.id}"]
    if s.basis == "published":
        out.append(
            "  No per-item scores for every item: these are the PUBLISHED totals "
            f"({a.published[0].source})."
        )
        listed = sum(1 for x in a.scores if x.listed)
        out.append(f"  Item scores published for {listed} of {len(a.scores)} items.")
    rows: list[list[object]] = [
        [scale.label_of(lv), n] for lv, n in reversed(list(s.levels.items()))
    ]
    rows += [[scale.label_of(st) + " (state)", n] for st, n in s.states.items()]
    if s.unknown:
        rows.append(["score not published", s.unknown])
    out.append(table(["score", "items"], rows, indent="  "))
    out.append(f"  assessed (with a level): {s.assessed}")
    if threshold:
        level = scale.parse(threshold)
        counted = [scale.parse(st) for st in states]
        share = s.share_at_or_above(level, include_states=counted)
        with_states = f" (counting {', '.join(counted)})" if counted else ""
        out.append(f"  at or above {scale.label_of(level)}{with_states}: {share}")
    if s.themes:
        header = [
            "theme",
            *(scale.label_of(lv) for lv in reversed(scale.level_ids)),
            *(scale.label_of(st) for st in scale.state_ids),
        ]
        theme_rows = []
        for theme in a.catalogue.themes:
            t = s.themes[theme.id]
            theme_rows.append(
                [
                    theme.title,
                    *(t.levels[lv] for lv in reversed(scale.level_ids)),
                    *(t.states[st] for st in scale.state_ids),
                ]
            )
        out += ["", table(header, theme_rows, indent="  ")]
    return "\n".join(out)


# -- summarise --------------------------------------------------------------------------------
def run_summarise(args: argparse.Namespace) -> int:
    run = Run(args)
    a = run.store.assessment(args.file, run.table_options([args.file]))
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


def _version(run: Run, version: str, first: Assessment, known: list[Catalogue]) -> Catalogue:
    """The catalogue ``version`` names: one already loaded, else bundled or a file."""
    if version.lower().endswith((".yaml", ".yml", ".json")):
        return run.store.catalogue(version)
    ref = version if "/" in version else f"{first.catalogue.framework}/{version}"
    for catalogue in known:
        if catalogue.key == ref:
            return catalogue
    return run.store.catalogue(ref)


def _known(assessments: list[Assessment], mappings: list[Mapping]) -> list[Catalogue]:
    out = [a.catalogue for a in assessments]
    out += [c for m in mappings for c in (m.source_catalogue, m.target_catalogue) if c]
    return out


# -- migrate ----------------------------------------------------------------------------------
def run_migrate(args: argparse.Namespace) -> int:
    from .._assessments.migrate import migrate
    from .._assessments.tables import dump_assessment, write_csv
    from .._render.text import table

    if args.policy is not None:
        raise UsageError("--policy applies to compare and heatmap; migrate keeps the scale")
    if (
        args.output
        and not args.output.lower().endswith((".yaml", ".yml", ".csv"))
        and (args.output != "-")
    ):
        raise UsageError(f"-o {args.output}: a migrated assessment is written as .yaml or .csv")
    run = Run(args)
    a = run.store.assessment(args.file, run.table_options([args.file]))
    given = run.mappings()
    target = _version(run, args.version, a, _known([a], given))
    mapping = run.store.find_mapping(a.catalogue.key, target.key, mappings=given)
    run.check_used(given, [a.catalogue.key, target.key])
    mapping = mapping.with_catalogues(a.catalogue, target)
    result = migrate(a, mapping, merge_policy=args.merge_policy)
    if args.output:
        text = (
            write_csv(result.assessment)
            if args.output.lower().endswith(".csv")
            else dump_assessment(result.assessment)
        )
        run.write(args.output, text)
    if args.format == "json":
        run.emit_json(
            {
                "assessment": a.id,
                "from": a.catalogue.key,
                "to": target.key,
                "mapping": result.mapping,
                "merge_policy": result.merge_policy,
                "counts": result.counts(),
                "ledger": [entry.to_dict() for entry in result.ledger],
            }
        )
        return 0
    counts = result.counts()
    out = [
        f"{a.id}: {a.catalogue.key} -> {target.key} through {result.mapping} "
        f"(merge policy {result.merge_policy})",
        table(["input items", "count"], list(counts.items()), indent="  "),
    ]
    lost = [e for e in result.ledger if not e.carried_over]
    shown = result.ledger if args.ledger else [e for e in lost if e.value is not None]
    for entry in shown:
        value = "?" if entry.value is None else a.scale.label_of(entry.value)
        where = f" -> {', '.join(entry.targets)}" if entry.targets else ""
        out.append(f"  {entry.code} ({value}): {entry.outcome}{where}")
    if not args.ledger and len(shown) < len(lost):
        out.append(
            f"  ({len(lost) - len(shown)} more not carried over had no published score; "
            "--ledger lists every item)"
        )
    run.emit("\n".join(out))
    run.notices()
    return 0


# -- compare ----------------------------------------------------------------------------------
def _compared(
    run: Run, refs: list[str], args: argparse.Namespace, *, anchor: int = 0
) -> Comparison:
    """Load, route and compare: the shared work of compare and heatmap --against. The
    common scale and version default to those of ``refs[anchor]``."""
    from .._assessments.compare import compare

    options = run.table_options(refs)
    assessments = [run.store.assessment(ref, options) for ref in refs]
    given = run.mappings()
    scale = run.store.scale(args.on) if args.on else assessments[anchor].scale
    target = (
        _version(run, args.version, assessments[anchor], _known(assessments, given))
        if getattr(args, "version", None)
        else assessments[anchor].catalogue
    )
    routes = run.store.routes_to(target, [a.catalogue for a in assessments], mappings=given)
    run.check_used(given, [a.catalogue.key for a in assessments] + [target.key])
    return compare(
        *assessments,
        scale=scale,
        version=target,
        policy=args.policy or "nearest",
        merge_policy=getattr(args, "merge_policy", "worst"),
        mappings=routes,
    )


def run_compare(args: argparse.Namespace) -> int:
    if len(args.files) < 2:
        raise UsageError("compare needs two or more assessments")
    if args.output and args.output != "-":
        suffix = os.path.splitext(args.output)[1].lower()
        wanted = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}.get(suffix)
        if wanted is None:
            raise UsageError(f"-o {args.output}: a comparison is written as .csv, .json or .xlsx")
        if args.format not in ("text", wanted):
            raise UsageError(f"--format {args.format} does not fit -o {args.output}")
        args.format = wanted
    run = Run(args)
    result = _compared(run, list(args.files), args)
    if args.format == "xlsx":
        from .._render.workbook import comparison_workbook

        run.write(args.output, comparison_workbook(result))
        run.notices()
        return 0
    if args.format == "json":
        content = _json(result)
    elif args.format == "csv":
        content = result.to_csv()
    else:
        if args.output:
            raise UsageError("-o - writes csv or json; give --format")
        run.emit(_compare_text(result))
        run.notices()
        return 0
    if args.output:
        run.write(args.output, content)
    else:
        run.emit(content.rstrip("\n"))
    run.notices()
    return 0


def _json(result: Comparison) -> str:
    import json

    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _compare_text(result: Comparison) -> str:
    from .._render.text import table

    scale = result.scale
    out = [
        f"Compared on {scale.id} ({result.policy}), version {result.catalogue.key}"
        + (" - year on year" if result.year_on_year else "")
    ]
    themes = result.themes()
    levels = list(reversed(scale.level_ids))
    for n, name in enumerate(result.ids):
        rows = [
            [theme.title, *(themes[theme.id][n].levels[lv] for lv in levels)]
            for theme in result.catalogue.themes
        ]
        out += [
            "",
            f"{name}:",
            table(["theme", *(scale.label_of(lv) for lv in levels)], rows, indent="  "),
        ]
    if len(result.ids) == 2:
        counts = result.changes()
        out.append(
            "\n  change per item (second against first): "
            + ", ".join(f"{n} {k}" for k, n in counts.items())
        )
        changed = [row for row in result.rows if row.change not in (None, "same", "not comparable")]
        for row in changed[:40]:
            before, after = (result._label(s) for s in row.scores)
            out.append(f"    {row.item}: {before} -> {after} ({row.change})")
        if len(changed) > 40:
            out.append(f"    ... and {len(changed) - 40} more (--format csv lists every item)")
    out.append("\nLedger (every input item accounted for):")
    counts_by = result.ledger_counts()
    outcomes = sorted({o for c in counts_by.values() for o in c})
    out.append(
        table(
            ["assessment", *outcomes, "total"],
            [
                [i, *(counts_by[i].get(o, 0) for o in outcomes), sum(counts_by[i].values())]
                for i in result.ids
            ],
            indent="  ",
        )
    )
    return "\n".join(out)


# -- heatmap ----------------------------------------------------------------------------------
def run_heatmap(args: argparse.Namespace) -> int:
    from .._render.heatmap import build, build_change, render

    suffix = os.path.splitext(args.output)[1].lower()
    if suffix not in _HEATMAP_SUFFIXES and args.output != "-":
        raise UsageError(f"-o {args.output}: a heat map is written as .html, .svg, .png or .xlsx")
    if args.against is None:
        unused = [
            f
            for f, v in (("--on", args.on), ("--policy", args.policy), ("--mapping", args.mapping))
            if v
        ]
        if unused:
            raise UsageError(f"{', '.join(unused)} apply only with --against OTHER")
    run = Run(args)
    if args.against is None:
        shown = run.store.assessment(args.file, run.table_options([args.file]))
        heatmap = build(shown)
    else:
        comparison = _compared(run, [args.against, args.file], args, anchor=1)
        heatmap = build_change(comparison)
        shown = comparison.assessments[1]
    if suffix == ".xlsx":
        from .._render.workbook import heatmap_workbook

        run.write(args.output, heatmap_workbook(heatmap, shown))
    else:
        run.write(args.output, render(heatmap, suffix if suffix in _HEATMAP_SUFFIXES else ".html"))
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
    p.add_argument("files", metavar="FILE", nargs="+", help="one or more assessments")
    p.add_argument(
        "--on", metavar="SCALE", help="with two or more: the common scale (default: the first's)"
    )
    p.add_argument(
        "--version", metavar="V", help="with two or more: the common version (default: the first's)"
    )
    p.add_argument("--title", help="the page's title (default: the councils and dates)")
    add_policies(p)
    add_output(p, required=True, what="the page (.html)")
    add_mappings(p)
    add_inputs(p)
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    from .._render.heatmap import build, build_change
    from .._render.report import report_html

    if args.output != "-" and not args.output.lower().endswith((".html", ".htm")):
        raise UsageError(f"-o {args.output}: a report is written as .html")
    if len(args.files) == 1:
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
    run = Run(args)
    options = run.table_options(args.files)
    assessments = [run.store.assessment(ref, options) for ref in args.files]
    comparison = _compared(run, list(args.files), args) if len(args.files) > 1 else None
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
