"""The export command: a mapping in another tool's format."""

from __future__ import annotations

import argparse
from typing import Any

from .._core.vocab import EXPORT_FORMATS
from .options import Run, add_output, command

__all__ = ["register"]


def register(commands: Any) -> None:
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
