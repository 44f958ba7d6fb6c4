"""Catalogue and mapping commands: list, show, diff, validate."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .kinds import KindHandler, handlers, register_kind
from .options import Run, add_format, add_inputs, command

__all__ = ["register"]


def register(commands: Any) -> None:
    p = command(
        commands,
        "list",
        summary="list the bundled catalogues, mappings, scales and assessments, with completeness",
        example="bvframework list --format json",
    )
    add_format(p)
    p.set_defaults(run=run_list)

    p = command(
        commands,
        "show",
        summary="show a catalogue, mapping, scale or assessment (bundled REF or file)",
        example="bvframework show best-value/statutory-2024-05 --item CI002",
    )
    p.add_argument("ref", metavar="REF", help="bundled reference or file; '-' reads stdin")
    p.add_argument("--item", help="catalogue: resolve one item ID or council code")
    add_format(p)
    add_inputs(p)
    p.set_defaults(run=run_show)

    p = command(
        commands,
        "diff",
        summary="what changed between two versions of a framework",
        example="bvframework diff best-value/draft-2023-07 best-value/statutory-2024-05",
        description="Counts by kind of change, computed from the itemised mapping, "
        "and any published comparison beside them (never mixed).",
    )
    p.add_argument("source", metavar="FROM", help="catalogue: bundled ref or file")
    p.add_argument("target", metavar="TO", help="catalogue: bundled ref or file")
    p.add_argument(
        "--mapping",
        action="append",
        default=[],
        metavar="FILE",
        help="the mapping FROM -> TO, or (repeated) a chain of mappings leading there "
        "(default: the bundled ones, composed)",
    )
    add_format(p)
    p.add_argument("--items", action="store_true", help="also list every relation / item")
    p.set_defaults(run=run_diff)

    p = command(
        commands,
        "validate",
        summary="check data files; one line per problem (exit 1 when any has problems)",
        example="bvframework validate catalogues/best-value/*.yaml",
    )
    p.add_argument(
        "paths",
        metavar="PATH",
        nargs="+",
        help="data files: catalogue, mapping, scale or assessment (YAML, CSV, XLSX)",
    )
    add_format(p)
    add_inputs(p)
    p.set_defaults(run=run_validate)


# -- list ------------------------------------------------------------------------------------
def run_list(args: argparse.Namespace) -> int:
    run = Run(args)
    sections = [(kind, h.listing(run)) for kind, h in handlers()]
    if args.format == "json":
        run.emit_json({f"{kind}s": records for kind, (_, _, _, records) in sections})
        return 0
    from .._render.text import table

    run.emit(
        "\n\n".join(
            f"{title}\n{table(headers, rows, indent='  ')}"
            for _, (title, headers, rows, _) in sections
        )
    )
    return 0


def _catalogues(run: Run) -> tuple[str, list[str], list[list[Any]], list[dict[str, Any]]]:
    rows, records = [], []
    from .._api.frameworks import bundled
    from .._api.load import load_catalogue

    for ref in bundled("catalogue"):
        cat = load_catalogue(ref, store=run.store)
        expected = "unknown" if cat.expected_items is None else cat.expected_items
        rows.append([ref, cat.status or "", len(cat), expected, "yes" if cat.is_complete else "no"])
        records.append(
            {
                "ref": ref,
                "status": cat.status,
                "items": len(cat),
                "expected_items": cat.expected_items,
                "complete": cat.is_complete,
            }
        )
    return "Catalogues", ["ref", "status", "items", "expected", "complete"], rows, records


def _mappings(run: Run) -> tuple[str, list[str], list[list[Any]], list[dict[str, Any]]]:
    rows, records = [], []
    from .._api.frameworks import bundled
    from .._api.load import load_mapping

    for ref in bundled("mapping"):
        mapping = load_mapping(ref, store=run.store)
        disp, orig = mapping.dispositions(), mapping.origins()
        src = sum(1 for v in disp.values() if v != "unmapped")
        tgt = sum(1 for v in orig.values() if v != "unmapped")
        rows.append(
            [
                ref,
                "yes" if mapping.complete else "no",
                len(mapping.relations),
                f"{src}/{len(disp)}",
                f"{tgt}/{len(orig)}",
                len(mapping.published),
            ]
        )
        records.append(
            {
                "ref": ref,
                "complete": mapping.complete,
                "relations": len(mapping.relations),
                "from_items_mapped": src,
                "from_items": len(disp),
                "to_items_mapped": tgt,
                "to_items": len(orig),
                "published": len(mapping.published),
            }
        )
    headers = ["ref", "complete", "relations", "from items mapped", "to items mapped", "published"]
    return "Mappings", headers, rows, records


# -- show ------------------------------------------------------------------------------------
def run_show(args: argparse.Namespace) -> int:
    from .._api.frameworks import kind_of
    from .._api.load import load_catalogue
    from .._render.catalogue_text import catalogue_show

    run = Run(args)
    ref: str = args.ref
    kind = kind_of(ref, store=run.store)
    if kind != "assessment":
        run.table_options([])  # input options given for a file that is no assessment
    if args.item is not None and kind != "catalogue":
        raise _usage(f"--item applies to catalogues; {ref} is a {kind}")
    if kind == "catalogue":
        text, data = catalogue_show(load_catalogue(ref, store=run.store), args.item)
    else:
        text, data = _handler(kind).show(run, ref)
    if args.format == "json":
        run.emit_json(data)
    else:
        run.emit(text)
    run.notices()
    return 0


def _usage(message: str) -> Exception:
    from .._core.errors import UsageError

    return UsageError(message)


def _show_mapping(run: Run, ref: str) -> tuple[str, Any]:
    from .._api.load import load_mapping
    from .._render.diff import diff_data, diff_text

    mapping = load_mapping(ref, store=run.store)
    return diff_text(mapping, items=True), diff_data(mapping, items=True)


def _handler(kind: str) -> Any:
    return dict(handlers())[kind]


# -- diff ------------------------------------------------------------------------------------
def run_diff(args: argparse.Namespace) -> int:
    from .._api.frameworks import diff
    from .._render.diff import diff_data, diff_text

    run = Run(args)
    result = diff(args.source, args.target, mappings=args.mapping, store=run.store)
    if args.format == "json":
        run.emit_json(diff_data(result.mapping, items=args.items) | {"hint": result.hint})
    else:
        run.emit(diff_text(result.mapping, items=args.items, hint=result.hint))
    return 0


# -- validate --------------------------------------------------------------------------------
def run_validate(args: argparse.Namespace) -> int:
    from .._api.frameworks import kind_of
    from .._api.load import load_catalogue
    from .._core.errors import (
        BvFrameworkError,
        DataError,
        ReadError,
        UnknownReferenceError,
        group_problems,
    )

    run = Run(args)
    options = run.table_options(args.paths)
    status = 0
    results: list[dict[str, Any]] = []
    for path in args.paths:
        try:
            kind = kind_of(path, store=run.store)
            if kind == "catalogue":
                cat = load_catalogue(path, store=run.store)
                described = f"catalogue {cat.key}: {cat.completeness_line()}"
            elif kind == "assessment":
                described = _validate_assessment(run, path, options)
            else:
                described = _handler(kind).validate(run, path)
            results.append(
                {"path": path, "ok": True, "kind": kind, "description": described, "problems": []}
            )
        except (ReadError, UnknownReferenceError) as exc:
            status = 2
            problems = exc.problems if isinstance(exc, DataError) else ()
            lines = [str(p) for p in problems] or [f"{path}: {exc}"]
            results.append({"path": path, "ok": False, "problems": lines})
        except DataError as exc:
            status = max(status, 1)
            results.append(
                {
                    "path": path,
                    "ok": False,
                    "problems": [str(p) for p in group_problems(exc.problems)],
                }
            )
        except BvFrameworkError as exc:
            status = max(status, 1)
            results.append({"path": path, "ok": False, "problems": [f"{path}: {exc}"]})
    if args.format == "json":
        run.emit_json(results)
    else:
        for result in results:
            if result["ok"]:
                run.emit(f"ok: {result['path']}: {result['description']}")
            for line in result["problems"]:
                print(f"bvframework: error: {line}", file=sys.stderr)
    run.notices()
    return status


def _validate_assessment(run: Run, path: str, options: Any) -> str:
    from .._api.load import load_assessments

    (a,) = load_assessments([path], options=options, store=run.store)
    listed = sum(1 for s in a.scores if s.listed)
    return (
        f"assessment {a.id}: {listed} items scored of {len(a.catalogue)} in "
        f"{a.catalogue.key}, scale {a.scale.id}"
    )


def _validate_mapping(run: Run, path: str) -> str:
    from .._api.load import load_mapping

    mapping = load_mapping(path, store=run.store)
    checked = (
        "checked against its catalogues"
        if mapping.source_catalogue and mapping.target_catalogue
        else "checked on its own (catalogues not found)"
    )
    return f"mapping {mapping.key}: {len(mapping.relations)} relations, {checked}"


register_kind("catalogue", KindHandler(order=0, listing=_catalogues))
register_kind(
    "mapping",
    KindHandler(order=1, listing=_mappings, show=_show_mapping, validate=_validate_mapping),
)
