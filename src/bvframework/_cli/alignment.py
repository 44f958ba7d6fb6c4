"""Import, align and export commands: catalogues and mappings in and out."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .._api.formats import (
    EXPORT_FORMATS,
    IMPORTERS,
    LIBRARY_FORMATS,
    MAPPING_FORMATS,
    REVISION_FORMATS,
    options_of,
    separate_mapping,
)
from .._core.errors import UsageError
from .._core.vocab import SIMILARITIES
from .options import Run, add_output, command

if TYPE_CHECKING:
    from .._catalogues.model import Catalogue

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
        "mappings: oscal-mapping (an OSCAL mapping collection), sssom (SSSOM TSV); "
        "libraries: ciso (a CISO Assistant library: a framework gives a catalogue, and its "
        "scores a scale file beside it; a mapping set gives a mapping between the "
        "framework libraries named by --source and --target).",
    )
    p.add_argument(
        "kind", choices=(*IMPORTERS, *MAPPING_FORMATS, *LIBRARY_FORMATS), help="the kind of file"
    )
    p.add_argument(
        "files",
        metavar="FILE",
        nargs="+",
        help="one file, or OLD NEW with --mapping (asvs) or two catalogs (oscal)",
    )
    p.add_argument("--onto", metavar="REF", help="govuk: overlay the text onto this catalogue")
    p.add_argument("--themes", nargs="+", metavar="TITLE", help="govuk: theme headings")
    p.add_argument(
        "--max-items",
        type=int,
        metavar="N",
        help="govuk: refuse a page of more than N list items (default 20,000)",
    )
    p.add_argument("--framework", help="framework name (oscal, table, govuk, ciso)")
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
        metavar="REF",
        help="oscal-mapping, sssom: the source side (FRAMEWORK/VERSION), where the file does "
        "not name it; ciso: the source framework's library (or a catalogue)",
    )
    p.add_argument(
        "--target",
        metavar="REF",
        help="oscal-mapping, sssom: the target side (FRAMEWORK/VERSION), where the file does "
        "not name it; ciso: the target framework's library (or a catalogue)",
    )
    p.add_argument(
        "--index",
        type=int,
        metavar="N",
        help="oscal-mapping, ciso: which mapping (or framework) of a file that holds several "
        "(from 0)",
    )
    p.add_argument(
        "--metadata",
        metavar="FILE",
        help="sssom: the mapping set's metadata in a file of its own (SSSOM's external "
        "variant; default: FILE.yml beside the table, where there is one)",
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
        help="how texts are compared: tfidf (cosine of word and word-pair TF-IDF, linear in "
        "the catalogues' size), lexical (rapidfuzz, see --scorer), semantic (WordLlama "
        "embeddings: pip install 'bvframework[semantic]'), hybrid (the mean of tfidf and "
        "semantic); default: chosen for the texts (hybrid for short titles where the "
        "semantic extra is installed, else tfidf; the mapping's notes say which)",
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
        help="an old item left over at least this similar to a paired one (whole text or "
        "one clause) joins it as a merge (0-1; defaults: tfidf 0.25, semantic 0.7, hybrid "
        "0.65; lexical: off)",
    )
    p.add_argument(
        "--intersects",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="link items that divide their meaning between each other, a clause of each "
        "at home in the other (intersects-with): frameworks regrouped rather than revised "
        "(default: on)",
    )
    p.add_argument(
        "--structure",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="pair items again with where the other pairs' themes went as votes: between "
        "look-alike candidates, the one in the theme its siblings went to (default: on)",
    )
    add_output(p, required=True, what="the suggested mapping (.yaml)")
    p.set_defaults(run=run_align)
    _register_export(commands)


def _one(
    run: Run, kind: str, path: str, args: argparse.Namespace, version: str | None
) -> Catalogue:
    """One catalogue import, with the options its format takes (from the format table)."""
    from .._api.interchange import import_catalogue

    takes = options_of(kind)
    given = {
        "onto": args.onto,
        "themes": args.themes,
        "framework": args.framework,
        "max_items": args.max_items,
    }
    for name, value in given.items():
        if value and name not in takes:
            raise UsageError(f"--{name.replace('_', '-')} does not apply to import {kind}")
    options = {k: v for k, v in given.items() if k in takes and v is not None}
    options["version"] = version
    return import_catalogue(kind, path, store=run.store, **options)


def _import_mapping(run: Run, args: argparse.Namespace) -> int:
    from .._render.diff import diff_text
    from .._render.outputs import data_text

    for name in ("onto", "themes", "framework", "mapping", "max_items"):
        if getattr(args, name):
            flag = name.replace("_", "-")
            raise UsageError(f"--{flag} applies to catalogue imports, not {args.kind}")
    if args.versions:
        raise UsageError("--version applies to catalogue imports; use --source/--target")
    if len(args.files) != 1:
        raise UsageError(f"import {args.kind} takes one FILE")
    from .._api.interchange import import_mapping

    if args.metadata is not None and "metadata" not in options_of(args.kind):
        raise UsageError(f"--metadata applies to import sssom, not {args.kind}")
    mapping = import_mapping(
        args.files[0],
        args.kind,
        source=args.source,
        target=args.target,
        index=args.index,
        metadata=args.metadata,
        store=run.store,
    )
    run.write(args.output, data_text(mapping.to_dict(), args.output))
    run.emit(diff_text(mapping))
    return 0


def _import_library(run: Run, args: argparse.Namespace) -> int:
    """A library of another tool: a framework's catalogue to OUT (its scale, where it
    states scores, beside OUT as ``<scale id>.yaml``); a crosswalk's mapping to OUT, or, with
    the framework libraries given (``--source``/``--target``), the folder OUT holding their
    catalogues and the mapping in the repository layout (``catalogues/``, ``mappings/``)."""
    from pathlib import Path

    from .._api.interchange import import_library
    from .._render.diff import diff_text
    from .._render.outputs import data_text

    for name in ("onto", "themes", "mapping", "metadata", "max_items"):
        if getattr(args, name):
            flag = name.replace("_", "-")
            raise UsageError(f"--{flag} does not apply to import {args.kind}")
    if len(args.files) != 1:
        raise UsageError(f"import {args.kind} takes one FILE")
    if len(args.versions) > 1:
        raise UsageError("give --version at most once")
    library = import_library(
        args.files[0],
        args.kind,
        framework=args.framework,
        version=args.versions[0] if args.versions else None,
        index=args.index,
        source=args.source,
        target=args.target,
        store=run.store,
    )
    mapping = library.mapping
    if mapping is not None:
        old, new = mapping.source_catalogue, mapping.target_catalogue
        if old is None or new is None:
            if old is not None or new is not None:
                raise UsageError(
                    f"import {args.kind}: give both --source and --target (the framework "
                    "libraries), or neither"
                )
            run.write(args.output, data_text(mapping.to_dict(), args.output))
        else:  # the catalogues beside it, so exports name items by the libraries' URNs
            from .._api.interchange import write_layout

            for path in write_layout(args.output, old, new, mapping, store=run.store):
                print(f"wrote {path}", file=sys.stderr)
        run.emit(diff_text(mapping))
        return 0
    catalogue = library.catalogue
    assert catalogue is not None
    run.write(args.output, data_text(catalogue.to_dict(), args.output))
    line = f"{catalogue.key}: {catalogue.completeness_line()}"
    scale = library.scale
    if scale is not None:
        levels = f"scale {scale.id}, {len(scale.levels)} levels"
        if args.output == "-":
            line += f"; {levels} not written (the catalogue went to standard output)"
        else:
            beside = str(Path(args.output).with_name(f"{scale.id}.yaml"))  # a slug: safe
            run.write(beside, data_text(scale.to_dict(), beside))
            line += f"; {levels}: {beside}"
    run.emit(line)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from .._render.diff import diff_text
    from .._render.outputs import data_text

    if args.kind in MAPPING_FORMATS:
        return _import_mapping(Run(args), args)
    if args.kind in LIBRARY_FORMATS:
        return _import_library(Run(args), args)
    if args.metadata is not None:
        raise UsageError("--metadata applies to import sssom")
    for name, flag in (("source", "--source"), ("target", "--target"), ("index", "--index")):
        if getattr(args, name) is not None:
            raise UsageError(f"{flag} applies to import oscal-mapping and sssom")
    files: list[str] = args.files
    versions: list[str | None] = list(args.versions) + [None] * (len(files) - len(args.versions))
    if len(args.versions) > len(files):
        raise UsageError("give --version at most once per FILE")
    if len(files) > 2 or (len(files) == 2 and args.kind not in REVISION_FORMATS):
        raise UsageError("give one FILE (two only for asvs with --mapping, or oscal)")
    run = Run(args)
    if len(files) == 1:
        if args.mapping:
            raise UsageError("--mapping needs two FILEs: OLD NEW")
        catalogue = _one(run, args.kind, files[0], args, versions[0])
        run.write(args.output, data_text(catalogue.to_dict(), args.output))
        run.emit(f"{catalogue.key}: {catalogue.completeness_line()}")
        return 0
    old = _one(run, args.kind, files[0], args, versions[0])
    new = _one(run, args.kind, files[1], args, versions[1])
    from .._api.interchange import import_revision

    if separate_mapping(args.kind) and not args.mapping:
        raise UsageError(f"import {args.kind} OLD NEW needs --mapping FILE")
    if args.mapping and not separate_mapping(args.kind):
        raise UsageError("--mapping applies to import asvs")
    # the mapping between them: a transition file (--mapping), or stated by the newer file
    mapping = import_revision(args.kind, old, new, args.mapping or files[1], store=run.store)
    from .._api.interchange import write_layout

    for path in write_layout(args.output, old, new, mapping, store=run.store):
        print(f"wrote {path}", file=sys.stderr)
    run.emit(diff_text(mapping))
    return 0


def run_align(args: argparse.Namespace) -> int:
    from .._api.frameworks import suggest
    from .._render.diff import diff_text
    from .._render.outputs import data_text

    for name in ("threshold", "merge_threshold", "merge_similarity"):
        value = getattr(args, name)
        if value is not None and not 0 <= value <= 1:
            raise UsageError(f"--{name.replace('_', '-')} takes a number from 0 to 1")
    run = Run(args)
    mapping = suggest(
        args.old,
        args.new,
        curated=args.curated,
        store=run.store,
        similarity=args.similarity,
        scorer=args.scorer,
        threshold=args.threshold,
        merge_threshold=args.merge_threshold,
        merge_similarity=args.merge_similarity,
        intersects=args.intersects,
        structure=args.structure,
    )
    text = data_text(mapping.to_dict(), args.output)
    if not text.startswith("{"):  # YAML: a comment for the reviewer (JSON has none)
        text = (
            "# Suggested by `bvframework align`: review every relation before relying on it.\n"
            + text
        )
    run.write(args.output, text)
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
            ("urn", "URN template with {id}, or {nist_id} to write ac-2.1 as ac-2(1) (ciso)"),
        ):
            p.add_argument(
                f"--{side}-{key}",
                metavar="TEMPLATE" if key != "prefix" else "PREFIX",
                help=f"the {side} items' {what}, where its catalogue declares none",
            )
    p.add_argument(
        "--library-version",
        type=int,
        metavar="N",
        help="ciso: the library's version (default 1; raise it for a revised library: CISO "
        "Assistant updates a loaded library only from a higher version)",
    )
    add_output(p, required=True, what="the exported file")
    p.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    from .._api.interchange import export_mapping
    from .._api.load import load_mapping

    run = Run(args)
    mapping = load_mapping(args.mapping, store=run.store)
    ids = [
        {k: v for k in ("prefix", "iri", "urn") if (v := getattr(args, f"{side}_{k}"))}
        for side in ("source", "target")
    ]
    text = export_mapping(
        mapping,
        args.format,
        date=args.date,
        source_identifiers=ids[0],
        target_identifiers=ids[1],
        version=args.library_version,
    )
    assert text is not None
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
