"""Catalogue and mapping commands: list, show, diff, validate."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .kinds import KindHandler, handlers, register_kind
from .options import Run, add_format, add_inputs, command

if TYPE_CHECKING:
    from .._catalogues.model import Catalogue

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
        metavar="FILE",
        help="the mapping FROM -> TO (default: the bundled ones, composed)",
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
    for ref in run.store.bundled("catalogue"):
        cat = run.store.catalogue(ref)
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
    for ref in run.store.bundled("mapping"):
        mapping = run.store.mapping(ref)
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
    run = Run(args)
    ref: str = args.ref
    kind = run.store.kind_of(ref)
    if kind != "assessment":
        run.table_options([])  # input options given for a file that is no assessment
    if args.item is not None and kind != "catalogue":
        raise _usage(f"--item applies to catalogues; {ref} is a {kind}")
    if kind == "catalogue":
        text, data = _show_catalogue(run.store.catalogue(ref), args.item)
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


def _show_catalogue(cat: Catalogue, item: str | None) -> tuple[str, Any]:
    if item is not None:
        found = cat.item(item)
        out = [f"{item} -> {cat.ref(found.id)} (theme {found.theme}, position {found.position})"]
        for key in ("label", "text", "note"):
            if getattr(found, key):
                out.append(f"  {key}: {getattr(found, key)}")
        out += [f"  evidence: {line}" for line in found.evidence]
        return "\n".join(out), {"ref": str(cat.ref(found.id))} | found.to_dict()
    out = [f"{cat.key}: {cat.title}"]
    for key in ("status", "published", "source", "licence"):
        if getattr(cat, key):
            out.append(f"  {key}: {getattr(cat, key)}")
    out.append(f"  completeness: {cat.completeness_line()}")
    if cat.completeness:
        out.append(f"    {cat.completeness}")
    if cat.notes:
        out.append(f"  notes: {cat.notes}")
    for theme in cat.themes:
        expected = "unknown" if theme.expected_items is None else theme.expected_items
        out.append(
            f"\n  {theme.id}  {theme.title}  ({len(theme.items)} listed, expected {expected})"
        )
        for it in theme.items:
            words = it.label or (f"[note] {it.note}" if it.note else "")
            out.append(f"    {it.id:<22} {words}".rstrip())
    for scheme in cat.numbering:
        out.append(
            f"\n  numbering scheme {scheme.id}: {len(scheme.codes)} codes; {scheme.title or ''}"
        )
    return "\n".join(out), cat.to_dict()


def _show_mapping(run: Run, ref: str) -> tuple[str, Any]:
    from .._render.diff import diff_data, diff_text

    mapping = run.store.mapping(ref)
    return diff_text(mapping, items=True), diff_data(mapping, items=True)


def _handler(kind: str) -> Any:
    return dict(handlers())[kind]


# -- diff ------------------------------------------------------------------------------------
def run_diff(args: argparse.Namespace) -> int:
    from .._render.diff import diff_data, diff_text

    run = Run(args)
    source = run.store.catalogue(args.source)
    target = run.store.catalogue(args.target)
    hint = None
    if args.mapping:
        mapping = run.store.mapping(args.mapping, source=source, target=target)
    else:
        mapping = run.store.find_mapping(source.key, target.key)
        if mapping.source_catalogue is not source or mapping.target_catalogue is not target:
            mapping = mapping.with_catalogues(source, target)
        if not mapping.complete and _official(source) and _official(target):
            if run.store.has_official(source.key) and run.store.has_official(target.key):
                mapping = _itemise(run, mapping)
            else:
                hint = (
                    "not known, not unchanged. `bvframework fetch "
                    f"{source.framework}` downloads both official texts (Open Government "
                    "Licence v3.0); `diff` then suggests how every item maps"
                )
    if args.format == "json":
        run.emit_json(diff_data(mapping, items=args.items) | {"hint": hint})
    else:
        run.emit(diff_text(mapping, items=args.items, hint=hint))
    return 0


def _official(catalogue: Catalogue) -> bool:
    """A bundled catalogue whose official text can be fetched."""
    from .._store.sources import SOURCES

    return catalogue.origin == catalogue.key and catalogue.key in SOURCES


def _characteristics(catalogue: Catalogue) -> Catalogue:
    """The catalogue without indicators of failure: comparisons count characteristics."""
    from attrs import evolve

    from .._catalogues.model import PRIMARY_KIND

    themes = tuple(
        evolve(t, items=tuple(i for i in t.items if i.kind == PRIMARY_KIND))
        for t in catalogue.themes
    )
    return evolve(catalogue, themes=themes)


def _itemise(run: Run, mapping: Any) -> Any:
    """The bundled mapping completed by aligning the official texts (suggested), with its
    cited relations kept as they are and its published comparisons carried along."""
    from attrs import evolve

    from .._align.align import align

    old = _characteristics(run.store.official(mapping.source_catalogue.key))
    new = _characteristics(run.store.official(mapping.target_catalogue.key))
    aligned = align(old, new, curated=mapping.with_catalogues(old, new))
    return evolve(
        aligned,
        published=mapping.published,
        title=f"{mapping.source_version} -> {mapping.target_version}: suggested from the "
        "official texts",
    )


# -- validate --------------------------------------------------------------------------------
def run_validate(args: argparse.Namespace) -> int:
    from .._assessments.tables import group_problems
    from .._core.errors import BvFrameworkError, DataError, ReadError, UnknownReferenceError

    run = Run(args)
    options = run.table_options(args.paths)
    status = 0
    results: list[dict[str, Any]] = []
    for path in args.paths:
        try:
            kind = run.store.kind_of(path)
            if kind == "catalogue":
                cat = run.store.catalogue(path)
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
    a = run.store.assessment(path, options)
    listed = sum(1 for s in a.scores if s.listed)
    return (
        f"assessment {a.id}: {listed} items scored of {len(a.catalogue)} in "
        f"{a.catalogue.key}, scale {a.scale.id}"
    )


def _validate_mapping(run: Run, path: str) -> str:
    mapping = run.store.mapping(path)
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
