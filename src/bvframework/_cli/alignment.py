"""Import and align commands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .._align.align import SCORERS, align
from .._catalogues.load import load_catalogue
from .._catalogues.model import Catalogue
from .._core.yamlio import dump_yaml
from .._importers.api import IMPORTERS, import_catalogue
from .._mappings.load import load_mapping
from .._mappings.model import Mapping
from . import UsageError
from .diff import diff_text

__all__ = ["register"]


def register(commands: Any) -> None:
    p = commands.add_parser("import", help="a catalogue (or mapping) from an official file")
    p.add_argument("kind", choices=IMPORTERS)
    p.add_argument(
        "files",
        metavar="FILE",
        nargs="+",
        help="one file, or OLD NEW with --mapping (asvs) or two catalogs (oscal)",
    )
    p.add_argument("--onto", metavar="REF", help="govuk: overlay the text onto this catalogue")
    p.add_argument("--themes", nargs="+", metavar="TITLE", help="govuk: theme headings")
    p.add_argument("--framework", help="framework name (oscal, table, govuk)")
    p.add_argument(
        "--version",
        dest="versions",
        action="append",
        default=[],
        metavar="VERSION",
        help="version name (once per FILE)",
    )
    p.add_argument("--mapping", metavar="FILE", help="asvs: the transition mapping file")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        help="catalogue .yaml; with two FILEs a folder for catalogues/ and mappings/",
    )
    p.set_defaults(run=run_import)

    p = commands.add_parser("align", help="suggest a mapping between two catalogues")
    p.add_argument("old", metavar="OLD", help="catalogue: bundled ref or file")
    p.add_argument("new", metavar="NEW", help="catalogue: bundled ref or file")
    p.add_argument("--curated", metavar="FILE", help="relations to keep as they are")
    p.add_argument("--scorer", choices=sorted(SCORERS), default="token_sort")
    p.add_argument("--threshold", type=float, default=0.6)
    p.add_argument("--merge-threshold", type=float, default=0.75)
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(run=run_align)


def _one(kind: str, path: str, args: argparse.Namespace, version: str | None) -> Catalogue:
    options: dict[str, Any] = {}
    if kind == "govuk":
        options = {
            "onto": load_catalogue(args.onto) if args.onto else None,
            "themes": args.themes,
            "framework": args.framework,
            "version": version,
        }
    elif kind == "oscal":
        options = {"framework": args.framework, "version": version}
    elif kind == "asvs":
        options = {"version": version}
    else:
        if not (args.framework and version):
            raise UsageError("import table needs --framework and --version")
        options = {"framework": args.framework, "version": version}
    return import_catalogue(kind, path, **options)


def _write_layout(root: Path, catalogues: list[Catalogue], mapping: Mapping) -> list[Path]:
    written = []
    for cat in catalogues:
        path = root / "catalogues" / cat.framework / f"{cat.version}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_yaml(cat.to_dict()), encoding="utf-8")
        written.append(path)
    path = (
        root
        / "mappings"
        / mapping.framework
        / (f"{mapping.source_version}--{mapping.target_version}.yaml")
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_yaml(mapping.to_dict()), encoding="utf-8")
    written.append(path)
    return written


def run_import(args: argparse.Namespace) -> int:
    files: list[str] = args.files
    versions: list[str | None] = list(args.versions) + [None] * (len(files) - len(args.versions))
    if len(files) > 2 or (len(files) == 2 and args.kind not in ("asvs", "oscal")):
        raise UsageError("give one FILE (two only for asvs with --mapping, or oscal)")
    if len(files) == 1:
        if args.mapping:
            raise UsageError("--mapping needs two FILEs: OLD NEW")
        catalogue = _one(args.kind, files[0], args, versions[0])
        Path(args.output).write_text(dump_yaml(catalogue.to_dict()), encoding="utf-8")
        print(f"wrote {args.output}: {catalogue.key}, {catalogue.completeness_line()}")
        return 0
    old = _one(args.kind, files[0], args, versions[0])
    new = _one(args.kind, files[1], args, versions[1])
    if args.kind == "asvs":
        if not args.mapping:
            raise UsageError("import asvs OLD NEW needs --mapping FILE")
        from .._importers.asvs import asvs_mapping

        mapping = asvs_mapping(args.mapping, source=old, target=new)
    else:
        from .._importers.oscal import oscal_mapping

        mapping = oscal_mapping(old, files[1], new=new)
    for path in _write_layout(Path(args.output), [old, new], mapping):
        print(f"wrote {path}")
    print(diff_text(mapping))
    return 0


def _review_notes(mapping: Mapping) -> Mapping:
    """Suggested relations with the two texts beside each other, for the reviewer."""
    old, new = mapping.source_catalogue, mapping.target_catalogue
    if old is None or new is None:
        return mapping

    def short(text: str | None) -> str:
        text = " ".join((text or "").split())
        return text if len(text) <= 90 else text[:87] + "..."

    data = mapping.to_dict()
    for relation in data["relations"]:
        if relation.get("method") != "suggested" or "note" in relation:
            continue
        olds = [short(old.item(i).text or old.item(i).label) for i in relation.get("from", [])]
        news = [short(new.item(i).text or new.item(i).label) for i in relation.get("to", [])]
        relation["note"] = (
            " | ".join([*(f"old: {t}" for t in olds if t), *(f"new: {t}" for t in news if t)])
            or None
        )
        if relation["note"] is None:
            del relation["note"]
    return Mapping.from_dict(data, source=old, target=new)


def run_align(args: argparse.Namespace) -> int:
    old, new = load_catalogue(args.old), load_catalogue(args.new)
    curated = load_mapping(args.curated, source=old, target=new) if args.curated else None
    mapping = align(
        old,
        new,
        scorer=args.scorer,
        threshold=args.threshold,
        merge_threshold=args.merge_threshold,
        curated=curated,
    )
    mapping = _review_notes(mapping)
    Path(args.output).write_text(
        "# Suggested by `bvframework align`: review every relation before relying on it.\n"
        + dump_yaml(mapping.to_dict()),
        encoding="utf-8",
    )
    print(f"wrote {args.output}")
    print(diff_text(mapping))
    return 0
