"""Assessment commands: summarise, migrate, compare, heatmap."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .._assessments.compare import POLICY_CHOICES, compare
from .._assessments.load import bundled_assessments, dump_assessment, load_assessment, write_csv
from .._assessments.migrate import MERGE_POLICIES, migrate
from .._assessments.model import Assessment
from .._catalogues.load import load_catalogue
from .._catalogues.model import Catalogue
from .._core.bundled import is_path_like
from .._mappings.load import find_mapping, load_mapping
from .._mappings.model import Mapping
from .._render.heatmap import render
from .._scales.load import load_scale
from . import UsageError, frameworks
from .tables import table

__all__ = ["register"]


def _table_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--catalogue", help="for CSV/XLSX: the catalogue the codes belong to")
    parser.add_argument("--numbering", help="for CSV/XLSX: the numbering scheme of the codes")
    parser.add_argument(
        "--scale",
        dest="file_scale",
        help="for CSV/XLSX: the scale (default: inferred from the labels)",
    )


def _mapping_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mapping",
        action="append",
        default=[],
        metavar="FILE",
        help="a mapping to use besides the bundled ones (repeatable)",
    )


def register(commands: Any) -> None:
    p = commands.add_parser("summarise", help="counts of an assessment by level, state, theme")
    p.add_argument("file", metavar="FILE", help="assessment: bundled ref or YAML/CSV/XLSX file")
    p.add_argument("--basis", choices=("items", "published"))
    p.add_argument("--at-or-above", metavar="LEVEL", help="also the share at or above LEVEL")
    p.add_argument(
        "--count-states",
        metavar="STATE",
        nargs="+",
        default=[],
        help="states to count in the share's denominator (Runnymede counts grey)",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    _table_options(p)
    p.set_defaults(run=run_summarise)

    p = commands.add_parser("migrate", help="carry an assessment to another version")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--to",
        dest="version",
        required=True,
        metavar="VERSION",
        help="catalogue ref (framework/version) or version name",
    )
    p.add_argument("--merge-policy", choices=MERGE_POLICIES, default="worst")
    p.add_argument("-o", "--output", help="write the migrated assessment (.yaml or .csv)")
    p.add_argument("--ledger", action="store_true", help="list every input item's outcome")
    _mapping_option(p)
    _table_options(p)
    p.set_defaults(run=run_migrate)

    p = commands.add_parser("compare", help="assessments on one scale and version")
    p.add_argument("files", metavar="FILE", nargs="+")
    p.add_argument("--scale", required=True, metavar="ID")
    p.add_argument("--version", metavar="V", help="common version (default: the first file's)")
    p.add_argument("--policy", choices=POLICY_CHOICES, default="nearest")
    p.add_argument("--merge-policy", choices=MERGE_POLICIES, default="worst")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    _mapping_option(p)
    p.set_defaults(run=run_compare)

    p = commands.add_parser("heatmap", help="render a heat map (.html, .svg or .png)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--against", metavar="OTHER", help="an earlier or other assessment")
    p.add_argument(
        "--scale",
        dest="common_scale",
        metavar="ID",
        help="with --against: common scale (default: FILE's)",
    )
    p.add_argument("--policy", choices=POLICY_CHOICES, default="nearest")
    p.add_argument("-o", "--output", required=True, metavar="OUT")
    _mapping_option(p)
    p.set_defaults(run=run_heatmap)

    frameworks.register_extra(listing=_listing, show=_show, validate=_validate)


def _load(ref: str, args: argparse.Namespace | None = None) -> Assessment:
    options: dict[str, Any] = {}
    if args is not None and ref.lower().endswith((".csv", ".xlsx")):
        if not getattr(args, "catalogue", None):
            raise UsageError(f"{ref}: a CSV or XLSX assessment needs --catalogue")
        options = {
            "catalogue": args.catalogue,
            "numbering": args.numbering,
            "scale": args.file_scale,
        }
    return load_assessment(ref, **options)


def _mappings(args: argparse.Namespace) -> list[Mapping]:
    return [load_mapping(path) for path in args.mapping]


def _listing() -> str:
    rows = []
    for ref in bundled_assessments():
        a = load_assessment(ref)
        rows.append([ref, a.council, a.date or "", a.catalogue.key, a.scale.id, a.items_published])
    return "Assessments\n" + table(
        ["ref", "council", "date", "catalogue", "scale", "item scores published"], rows, indent="  "
    )


def _show(kind: str, ref: str) -> bool:
    if kind != "assessment":
        return False
    print(summary_text(load_assessment(ref), basis=None, threshold=None, states=()))
    return True


def _validate(kind: str, path: str) -> str | None:
    if kind != "assessment":
        return None
    a = load_assessment(Path(path))
    listed = sum(1 for s in a.scores if s.listed)
    return (
        f"assessment {a.id}: {listed} items scored of {len(a.catalogue)} in "
        f"{a.catalogue.key}, scale {a.scale.id}"
    )


def summary_text(
    a: Assessment, *, basis: str | None, threshold: str | None, states: list[str] | tuple[()]
) -> str:
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


def run_summarise(args: argparse.Namespace) -> int:
    a = _load(args.file, args)
    if args.format == "json":
        data = a.summary(basis=args.basis).to_dict()
        if args.at_or_above:
            share = a.summary(basis=args.basis).share_at_or_above(
                a.scale.parse(args.at_or_above),
                include_states=[a.scale.parse(st) for st in args.count_states],
            )
            data["at_or_above"] = {"level": args.at_or_above, "count": share.count, "of": share.of}
        print(json.dumps(data, indent=2))
    else:
        print(
            summary_text(a, basis=args.basis, threshold=args.at_or_above, states=args.count_states)
        )
    return 0


def _catalogue(
    version: str, first: Assessment, known: list[Assessment], mappings: list[Mapping]
) -> Catalogue:
    """The catalogue ``version`` names: one already loaded (from an assessment or a mapping
    given), else a bundled one or a file."""
    ref = version if "/" in version else f"{first.catalogue.framework}/{version}"
    loaded = [a.catalogue for a in known]
    loaded += [c for m in mappings for c in (m.source_catalogue, m.target_catalogue) if c]
    for catalogue in loaded:
        if catalogue.key == ref:
            return catalogue
    return load_catalogue(version if is_path_like(version) else ref)


def run_migrate(args: argparse.Namespace) -> int:
    a = _load(args.file, args)
    mappings = _mappings(args)
    target = _catalogue(args.version, a, [a], mappings)
    mapping = find_mapping(a.catalogue.key, target.key, mappings=mappings)
    mapping = mapping.with_catalogues(a.catalogue, target)
    result = migrate(a, mapping, merge_policy=args.merge_policy)
    counts = result.counts()
    print(
        f"{a.id}: {a.catalogue.key} -> {target.key} through {result.mapping} "
        f"(merge policy {result.merge_policy})"
    )
    print(table(["input items", "count"], list(counts.items()), indent="  "))
    lost = [e for e in result.ledger if not e.carried_over]
    shown = result.ledger if args.ledger else [e for e in lost if e.value is not None]
    for entry in shown:
        value = "?" if entry.value is None else a.scale.label_of(entry.value)
        where = f" -> {', '.join(entry.targets)}" if entry.targets else ""
        print(f"  {entry.code} ({value}): {entry.outcome}{where}")
    if not args.ledger and len(shown) < len(lost):
        print(
            f"  ({len(lost) - len(shown)} more not carried over had no published score; "
            "--ledger lists every item)"
        )
    if args.output:
        text = (
            write_csv(result.assessment)
            if args.output.endswith(".csv")
            else dump_assessment(result.assessment)
        )
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    if len(args.files) < 2:
        raise UsageError("compare needs two or more assessments")
    assessments = [_load(f) for f in args.files]
    scale = load_scale(args.scale)
    mappings = _mappings(args)
    version = (
        _catalogue(args.version, assessments[0], assessments, mappings) if args.version else None
    )
    result = compare(
        *assessments,
        scale=scale,
        version=version,
        policy=args.policy,
        merge_policy=args.merge_policy,
        mappings=mappings,
    )
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    if args.format == "csv":
        print(result.to_csv(), end="")
        return 0
    print(
        f"Compared on {scale.id} ({args.policy}), version {result.catalogue.key}"
        + (" - year on year" if result.year_on_year else "")
    )
    themes = result.themes()
    header = [
        "theme",
        *(f"{i} {scale.label_of(lv)}" for i in result.ids for lv in reversed(scale.level_ids)),
    ]
    rows = []
    for theme in result.catalogue.themes:
        sums = themes[theme.id]
        rows.append(
            [theme.title, *(s.levels[lv] for s in sums for lv in reversed(scale.level_ids))]
        )
    print(table(header, rows, indent="  "))
    if len(result.ids) == 2:
        print(
            "\n  change per item (second against first): "
            + ", ".join(f"{n} {k}" for k, n in result.changes().items())
        )
    print("\nLedger (every input item accounted for):")
    counts = result.ledger_counts()
    outcomes = sorted({o for c in counts.values() for o in c})
    print(
        table(
            ["assessment", *outcomes, "total"],
            [
                [i, *(counts[i].get(o, 0) for o in outcomes), sum(counts[i].values())]
                for i in result.ids
            ],
            indent="  ",
        )
    )
    return 0


def run_heatmap(args: argparse.Namespace) -> int:
    if not args.output.endswith((".html", ".svg", ".png")):
        raise UsageError(f"{args.output}: the output must end in .html, .svg or .png")
    a = _load(args.file)
    options: dict[str, Any] = {}
    if args.against:
        options = {
            "against": _load(args.against),
            "policy": args.policy,
            "mappings": _mappings(args),
        }
        if args.common_scale:
            options["scale"] = load_scale(args.common_scale)
    render(a, args.output, **options)
    print(f"wrote {args.output}")
    return 0
