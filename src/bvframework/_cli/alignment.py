"""Import, align and export commands: catalogues and mappings in and out."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._core.errors import UsageError
from .._core.vocab import EXPORT_FORMATS, IMPORTERS, MAPPING_FORMATS, SIMILARITIES
from .options import Run, add_output, command

if TYPE_CHECKING:
    from pathlib import Path

    from .._catalogues.model import Catalogue
    from .._mappings.model import Mapping

__all__ = ["register"]

SCORERS = ("tfidf", "token_sort", "token_set", "ratio", "wratio")


def register(commands: Any) -> None:
    p = command(
        commands,
        "import",
        summary="a catalogue from an official file, or a mapping from another tool's",
        example="bvframework import govuk statutory.html --onto "
        "best-value/statutory-2024-05 -o statutory-text.yaml",
        description="Kinds: govuk (a saved gov.uk page), oscal (an OSCAL catalog; two "
        "catalogs give the mapping the newer states), asvs (OWASP ASVS flat JSON; two "
        "with --mapping give its transition mapping), table (CSV/XLSX: theme, id, text); "
        "mappings: oscal-mapping (an OSCAL mapping collection), sssom (SSSOM TSV).",
    )
    p.add_argument("kind", choices=(*IMPORTERS, *MAPPING_FORMATS), help="the kind of file")
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
        "--source",
        metavar="FRAMEWORK/VERSION",
        help="oscal-mapping, sssom: the source side, where the file does not name it",
    )
    p.add_argument(
        "--target",
        metavar="FRAMEWORK/VERSION",
        help="oscal-mapping, sssom: the target side, where the file does not name it",
    )
    p.add_argument(
        "--index",
        type=int,
        metavar="N",
        help="oscal-mapping: which mapping of a collection that holds several (from 0)",
    )
    add_output(
        p,
        required=True,
        what="catalogue .yaml; with two FILEs a folder for catalogues/ and mappings/",
    )
    p.set_defaults(run=run_import)

    p = command(
        commands,
        "align",
        summary="suggest a complete mapping between two catalogues from their text",
        example="bvframework align old.yaml new.yaml -o suggested.yaml",
    )
    p.add_argument("old", metavar="OLD", help="catalogue: bundled ref or file")
    p.add_argument("new", metavar="NEW", help="catalogue: bundled ref or file")
    p.add_argument(
        "--curated", metavar="FILE", help="relations reviewed by a person: kept as they are"
    )
    p.add_argument(
        "--similarity",
        choices=SIMILARITIES,
        default=None,
        help="how texts are compared: tfidf (default: cosine of word and word-pair TF-IDF, "
        "linear in the catalogues' size), lexical (rapidfuzz, see --scorer), semantic "
        "(WordLlama embeddings: pip install 'bvframework[semantic]'), hybrid (the mean of "
        "tfidf and semantic)",
    )
    p.add_argument(
        "--scorer",
        choices=SCORERS,
        default=None,
        help="lexical: rapidfuzz's token_sort (default), token_set, ratio or wratio "
        "(given alone, it means --similarity lexical)",
    )
    p.add_argument(
        "--threshold",
        type=float,
        default=None,
        help="lowest similarity for a 1:1 pair (0-1; defaults: tfidf 0.12, lexical 0.6, "
        "semantic 0.6, hybrid 0.35)",
    )
    p.add_argument(
        "--merge-threshold",
        type=float,
        default=0.75,
        help="lowest containment for a merge or split (0-1; default 0.75)",
    )
    p.add_argument(
        "--merge-similarity",
        type=float,
        default=None,
        help="a left-over item at least this similar to a paired one joins it as a merge or "
        "split (0-1; defaults: tfidf 0.5, semantic 0.7, hybrid 0.55; lexical: off)",
    )
    add_output(p, required=True, what="the suggested mapping (.yaml)")
    p.set_defaults(run=run_align)
    _register_export(commands)


def _one(
    run: Run, kind: str, path: str, args: argparse.Namespace, version: str | None
) -> Catalogue:
    options: dict[str, Any]
    if kind == "govuk":
        options = {
            "onto": args.onto,
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
    for name, flag in (("onto", "--onto"), ("themes", "--themes")):
        if kind != "govuk" and getattr(args, name):
            raise UsageError(f"{flag} applies to import govuk")
    return run.store.import_catalogue(kind, path, **options)


def _layout(root: Path, catalogues: list[Catalogue], mapping: Mapping) -> list[tuple[Path, Any]]:
    out: list[tuple[Path, Any]] = [
        (root / "catalogues" / cat.framework / f"{cat.version}.yaml", cat.to_dict())
        for cat in catalogues
    ]
    name = f"{mapping.source_version}--{mapping.target_version}.yaml"
    out.append((root / "mappings" / mapping.framework / name, mapping.to_dict()))
    return out


def _safe_name(text: str, what: str) -> str:
    from .._store.bundled import is_bundled_ref

    if not is_bundled_ref(text) or "/" in text:
        raise UsageError(f"{what} {text!r} is not a safe file name (letters, digits, . _ -)")
    return text


def _import_mapping(run: Run, args: argparse.Namespace) -> int:
    from .._core.yamlio import dump_yaml
    from .._render.diff import diff_text

    for name in ("onto", "themes", "framework", "mapping"):
        if getattr(args, name):
            raise UsageError(f"--{name} applies to catalogue imports, not {args.kind}")
    if args.versions:
        raise UsageError("--version applies to catalogue imports; use --source/--target")
    if len(args.files) != 1:
        raise UsageError(f"import {args.kind} takes one FILE")
    mapping = run.store.import_mapping(
        args.kind, args.files[0], source=args.source, target=args.target, index=args.index
    )
    run.write(args.output, dump_yaml(mapping.to_dict()))
    run.emit(diff_text(mapping))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from .._core.yamlio import dump_yaml
    from .._render.diff import diff_text

    if args.kind in MAPPING_FORMATS:
        return _import_mapping(Run(args), args)
    for name, flag in (("source", "--source"), ("target", "--target"), ("index", "--index")):
        if getattr(args, name) is not None:
            raise UsageError(f"{flag} applies to import oscal-mapping and sssom")
    files: list[str] = args.files
    versions: list[str | None] = list(args.versions) + [None] * (len(files) - len(args.versions))
    if len(args.versions) > len(files):
        raise UsageError("give --version at most once per FILE")
    if len(files) > 2 or (len(files) == 2 and args.kind not in ("asvs", "oscal")):
        raise UsageError("give one FILE (two only for asvs with --mapping, or oscal)")
    run = Run(args)
    if len(files) == 1:
        if args.mapping:
            raise UsageError("--mapping needs two FILEs: OLD NEW")
        catalogue = _one(run, args.kind, files[0], args, versions[0])
        run.write(args.output, dump_yaml(catalogue.to_dict()))
        run.emit(f"{catalogue.key}: {catalogue.completeness_line()}")
        return 0
    old = _one(run, args.kind, files[0], args, versions[0])
    new = _one(run, args.kind, files[1], args, versions[1])
    if args.kind == "asvs":
        if not args.mapping:
            raise UsageError("import asvs OLD NEW needs --mapping FILE")
        mapping = run.store.asvs_mapping(args.mapping, source=old, target=new)
    else:
        if args.mapping:
            raise UsageError("--mapping applies to import asvs")
        mapping = run.store.oscal_mapping(old, files[1], new=new)
    for cat in (old, new):
        _safe_name(cat.framework, "framework")
        _safe_name(cat.version, "version")
    from pathlib import Path

    root = Path(args.output)
    for path, data in _layout(root, [old, new], mapping):
        path.parent.mkdir(parents=True, exist_ok=True)
        run.write(str(path), dump_yaml(data))
    run.emit(diff_text(mapping))
    return 0


def _review_notes(mapping: Mapping) -> Mapping:
    """Suggested relations with the two texts beside each other, for the reviewer."""
    from .._mappings.model import Mapping as MappingType

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
        note = " | ".join([*(f"old: {t}" for t in olds if t), *(f"new: {t}" for t in news if t)])
        if note:
            relation["note"] = note
    return MappingType.from_dict(data, source=old, target=new)


def run_align(args: argparse.Namespace) -> int:
    from .._align.align import align
    from .._core.yamlio import dump_yaml
    from .._render.diff import diff_text

    for name in ("threshold", "merge_threshold", "merge_similarity"):
        value = getattr(args, name)
        if value is not None and not 0 <= value <= 1:
            raise UsageError(f"--{name.replace('_', '-')} takes a number from 0 to 1")
    run = Run(args)
    old, new = run.store.catalogue(args.old), run.store.catalogue(args.new)
    curated = run.store.mapping(args.curated, source=old, target=new) if args.curated else None
    mapping = align(
        old,
        new,
        similarity=args.similarity,
        scorer=args.scorer,
        threshold=args.threshold,
        merge_threshold=args.merge_threshold,
        merge_similarity=args.merge_similarity,
        curated=curated,
    )
    mapping = _review_notes(mapping)
    run.write(
        args.output,
        "# Suggested by `bvframework align`: review every relation before relying on it.\n"
        + dump_yaml(mapping.to_dict()),
    )
    run.emit(diff_text(mapping))
    return 0


def _register_export(commands: Any) -> None:
    p = command(
        commands,
        "export",
        summary="a mapping in another tool's format: OSCAL, SSSOM or CISO Assistant",
        example="bvframework export sssom best-value/runnymede-2024--draft-2023-07 "
        "-o runnymede.sssom.tsv",
        description="Formats: oscal (an OSCAL 1.2.1 mapping-collection, JSON; removed and "
        "added items in its gap summaries), sssom (SSSOM TSV; removed and added items as "
        "sssom:NoTermFound rows), ciso (a CISO Assistant library, YAML; it cannot say "
        "removed or added). Each link carries its set relationship. The same mapping and "
        "--date give the same bytes. See docs/interchange.md.",
    )
    p.add_argument("format", choices=EXPORT_FORMATS, help="the format to write")
    p.add_argument("mapping", metavar="MAPPING", help="mapping: bundled ref or file")
    p.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the date the file states (default: the mapping's provenance date, else "
        "SOURCE_DATE_EPOCH, else today)",
    )
    for side in ("source", "target"):
        for key, what in (
            ("prefix", "CURIE prefix (sssom)"),
            ("iri", "IRI template ending in {id} (sssom)"),
            ("urn", "URN template with {id} (ciso)"),
        ):
            p.add_argument(
                f"--{side}-{key}",
                metavar="TEMPLATE" if key != "prefix" else "PREFIX",
                help=f"the {side} items' {what}, where its catalogue declares none",
            )
    add_output(p, required=True, what="the exported file")
    p.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    from .._interchange.export import export_text

    run = Run(args)
    mapping = run.store.mapping(args.mapping)
    ids = [
        {k: v for k in ("prefix", "iri", "urn") if (v := getattr(args, f"{side}_{k}"))}
        for side in ("source", "target")
    ]
    text = export_text(mapping, args.format, date=args.date, source_ids=ids[0], target_ids=ids[1])
    run.write(args.output, text)
    links = len(mapping.links)
    removed, added = (
        sum(1 for v in found.values() if v == word)
        for found, word in ((mapping.dispositions(), "removed"), (mapping.origins(), "added"))
    )
    run.emit(
        f"{mapping.key}: {links} link{'s' if links != 1 else ''}, {removed} removed, "
        f"{added} added, written as {args.format}"
    )
    return 0
