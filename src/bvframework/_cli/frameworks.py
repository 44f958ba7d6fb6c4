"""Catalogue and mapping commands: list, show, diff, validate."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .._catalogues.load import load_catalogue
from .._catalogues.model import Catalogue
from .._core.bundled import bundled_refs, find_bundled, is_path_like
from .._core.errors import BvFrameworkError, DataError, Problem, UnknownReferenceError
from .._core.yamlio import read_document
from .._mappings.load import find_mapping, load_mapping
from .._mappings.model import Mapping
from .diff import diff_json, diff_text
from .tables import table

__all__ = ["register"]


def register(commands: Any) -> None:
    p = commands.add_parser("list", help="bundled catalogues and mappings, with completeness")
    p.set_defaults(run=run_list)

    p = commands.add_parser("show", help="show a catalogue or mapping (bundled REF or file)")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--item", help="resolve one item ID or council code in the catalogue")
    p.set_defaults(run=run_show)

    p = commands.add_parser("diff", help="what changed between two versions")
    p.add_argument("source", metavar="FROM", help="catalogue: bundled ref or file")
    p.add_argument("target", metavar="TO", help="catalogue: bundled ref or file")
    p.add_argument("--mapping", metavar="FILE", help="mapping file (default: bundled)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--items", action="store_true", help="also list every relation / item")
    p.set_defaults(run=run_diff)

    p = commands.add_parser("validate", help="check data files; one line per problem")
    p.add_argument("paths", metavar="PATH", nargs="+")
    p.set_defaults(run=run_validate)


def _mapping_summary_row(ref: str) -> list[object]:
    mapping = load_mapping(ref)
    disp = mapping.dispositions()
    orig = mapping.origins()
    src = sum(1 for v in disp.values() if v != "unmapped")
    tgt = sum(1 for v in orig.values() if v != "unmapped")
    return [
        ref,
        "yes" if mapping.complete else "no",
        len(mapping.relations),
        f"{src}/{len(disp)}",
        f"{tgt}/{len(orig)}",
        len(mapping.published),
    ]


def run_list(args: argparse.Namespace) -> int:
    rows = []
    for ref in bundled_refs("catalogues"):
        cat = load_catalogue(ref)
        expected = "unknown" if cat.expected_items is None else cat.expected_items
        rows.append([ref, cat.status or "", len(cat), expected, "yes" if cat.is_complete else "no"])
    print("Catalogues")
    print(table(["ref", "status", "items", "expected", "complete"], rows, indent="  "))
    rows = [_mapping_summary_row(ref) for ref in bundled_refs("mappings")]
    print("\nMappings")
    print(
        table(
            ["ref", "complete", "relations", "from items mapped", "to items mapped", "published"],
            rows,
            indent="  ",
        )
    )
    for extra in _EXTRA_LISTINGS:
        print()
        print(extra())
    return 0


# Other command modules (scales, assessments) add to list, show and validate through
# register_extra, so those three commands cover every kind of data file.
Listing = Callable[[], str]
Show = Callable[[str, str], bool]  # (kind, ref) -> shown?
Validator = Callable[[str, str], "str | None"]  # (kind, path) -> description, if its kind

_EXTRA_LISTINGS: list[Listing] = []
_EXTRA_SHOWS: list[Show] = []
_EXTRA_VALIDATORS: list[Validator] = []


def register_extra(*, listing: Listing, show: Show, validate: Validator) -> None:
    _EXTRA_LISTINGS.append(listing)
    _EXTRA_SHOWS.append(show)
    _EXTRA_VALIDATORS.append(validate)


def _show_catalogue(cat: Catalogue, item: str | None) -> None:
    if item is not None:
        found = cat.item(item)
        print(f"{item} -> {cat.ref(found.id)} (theme {found.theme}, position {found.position})")
        for key in ("label", "text", "note"):
            if getattr(found, key):
                print(f"  {key}: {getattr(found, key)}")
        for line in found.evidence:
            print(f"  evidence: {line}")
        return
    print(f"{cat.key}: {cat.title}")
    for key in ("status", "published", "source", "licence"):
        if getattr(cat, key):
            print(f"  {key}: {getattr(cat, key)}")
    print(f"  completeness: {cat.completeness_line()}")
    if cat.completeness:
        print(f"    {cat.completeness}")
    if cat.notes:
        print(f"  notes: {cat.notes}")
    for theme in cat.themes:
        expected = "unknown" if theme.expected_items is None else theme.expected_items
        print(f"\n  {theme.id}  {theme.title}  ({len(theme.items)} listed, expected {expected})")
        for it in theme.items:
            words = it.label or (f"[note] {it.note}" if it.note else "")
            print(f"    {it.id:<22} {words}".rstrip())
    for scheme in cat.numbering:
        print(f"\n  numbering scheme {scheme.id}: {len(scheme.codes)} codes; {scheme.title or ''}")


def run_show(args: argparse.Namespace) -> int:
    ref: str = args.ref
    kind = _kind_of(ref)
    if kind == "catalogue":
        _show_catalogue(load_catalogue(ref), args.item)
    elif kind == "mapping":
        print(diff_text(load_mapping(ref), items=True))
    else:
        for show in _EXTRA_SHOWS:
            if show(kind, ref):
                break
        else:
            raise UnknownReferenceError(f"nothing to show for {ref!r}")
    return 0


def _kind_of(ref: str) -> str:
    """What a reference or file holds: catalogue, mapping, scale or assessment."""
    if is_path_like(ref):
        data = read_document(Path(ref)).data
        if not isinstance(data, dict):
            raise DataError([Problem(message="expected a mapping at the top", source=ref)])
        for key, kind in (
            ("relations", "mapping"),
            ("themes", "catalogue"),
            ("levels", "scale"),
            ("scores", "assessment"),
        ):
            if key in data:
                return kind
        raise DataError(
            [
                Problem(
                    message="cannot tell what this file is (no themes, relations, levels or "
                    "scores key)",
                    source=ref,
                )
            ]
        )
    for folder, kind in (
        ("catalogues", "catalogue"),
        ("mappings", "mapping"),
        ("scales", "scale"),
        ("assessments", "assessment"),
    ):
        if find_bundled(folder, ref) is not None:
            return kind
    known = [
        r for f in ("catalogues", "mappings", "scales", "assessments") for r in bundled_refs(f)
    ]
    raise UnknownReferenceError(f"no bundled data or file {ref!r}", suggestions=known[:6])


def run_diff(args: argparse.Namespace) -> int:
    source = load_catalogue(args.source)
    target = load_catalogue(args.target)
    mapping: Mapping
    if args.mapping:
        mapping = load_mapping(args.mapping, source=source, target=target)
    else:
        mapping = find_mapping(source.key, target.key).with_catalogues(source, target)
    if args.format == "json":
        print(diff_json(mapping, items=args.items))
    else:
        print(diff_text(mapping, items=args.items))
    return 0


def validate_one(path: str) -> str:
    """Check one file fully; return a one-line description, or raise DataError."""
    kind = _kind_of(path)
    if kind == "catalogue":
        cat = load_catalogue(path)
        return f"catalogue {cat.key}: {cat.completeness_line()}"
    if kind == "mapping":
        mapping = load_mapping(path)
        checked = (
            "checked against its catalogues"
            if mapping.source_catalogue and mapping.target_catalogue
            else "checked on its own (catalogues not found)"
        )
        return f"mapping {mapping.key}: {len(mapping.relations)} relations, {checked}"
    for check in _EXTRA_VALIDATORS:
        described = check(kind, path)
        if described is not None:
            return described
    raise UnknownReferenceError(f"cannot validate {path!r}")


def run_validate(args: argparse.Namespace) -> int:
    failed = False
    for path in args.paths:
        try:
            print(f"ok: {path}: {validate_one(path)}")
        except DataError as exc:
            failed = True
            for problem in exc.problems:
                print(f"bvframework: error: {problem}", file=sys.stderr)
        except BvFrameworkError as exc:
            failed = True
            print(f"bvframework: error: {path}: {exc}", file=sys.stderr)
    return 2 if failed else 0
