"""``bvframework diff``: what changed between two versions, as a table or JSON."""

from __future__ import annotations

from typing import Any

from .._catalogues.model import Catalogue
from .._mappings.model import Mapping
from .text import table

__all__ = ["diff_json", "diff_text"]


def _coverage(mapping: Mapping) -> str:
    if mapping.complete:
        return "complete: every item of both versions is in a relation"
    disp, orig = mapping.dispositions(), mapping.origins()
    src = sum(1 for v in disp.values() if v != "unmapped")
    tgt = sum(1 for v in orig.values() if v != "unmapped")
    return (
        f"INCOMPLETE: {src} of {len(disp)} listed {mapping.source_version} items and "
        f"{tgt} of {len(orig)} listed {mapping.target_version} items are in a relation; "
        "'unmapped' items are not known, not unchanged"
    )


def _catalogue_line(label: str, catalogue: Catalogue | None) -> str:
    if catalogue is None:
        return f"{label}: no catalogue (only items named in relations are counted)"
    return f"{label}: {catalogue.key}: {catalogue.completeness_line()}"


def diff_text(mapping: Mapping, *, items: bool = False) -> str:
    summary = mapping.summary()
    out = [
        f"{mapping.framework}: {mapping.source_version} -> {mapping.target_version}",
        _catalogue_line("from", mapping.source_catalogue),
        _catalogue_line("to", mapping.target_catalogue),
        f"mapping {_coverage(mapping)}",
        "",
        "Computed from the itemised relations:",
        table(["relations", "count"], list(summary.relations.items()), indent="  "),
        "",
        table(
            [f"{mapping.source_version} items", "count"],
            list(summary.sources.items()),
            indent="  ",
        ),
        "",
        table(
            [f"{mapping.target_version} items", "count"],
            list(summary.targets.items()),
            indent="  ",
        ),
        "",
        f"  links: {summary.links}   moved between themes: {summary.moved}",
    ]
    for rec in mapping.reconcile():
        out += ["", f"Published comparison (a published figure, not computed): {rec.source}"]
        if rec.quote:
            out.append(f'  "{rec.quote}"')
        out.append(
            table(
                ["kind", "published", "itemised here", "not itemised"],
                [[c.kind, c.published, c.itemised, c.not_itemised] for c in rec.counts],
                indent="  ",
            )
        )
        status = (
            "fully itemised"
            if rec.fully_itemised
            else "CONTRADICTED by the itemised relations"
            if rec.contradicted
            else f"{sum(c.itemised for c in rec.counts)} of "
            f"{sum(c.published for c in rec.counts)} published changes itemised"
        )
        out.append(f"  status: {status}")
        out += [f"  check: {line}" for line in rec.checks]
        if rec.note:
            out.append(f"  note: {rec.note}")
    if items:
        out += ["", "Relations:"]
        rows = [
            [r.kind, ", ".join(r.sources) or "-", ", ".join(r.targets) or "-", r.method or ""]
            for r in mapping.relations
        ]
        out.append(table(["kind", "from", "to", "method"], rows, indent="  "))
    return "\n".join(out)


def diff_data(mapping: Mapping, *, items: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "framework": mapping.framework,
        "from": mapping.source_version,
        "to": mapping.target_version,
        "complete": mapping.complete,
    }
    data |= mapping.summary().to_dict()
    data["published"] = [rec.to_dict() for rec in mapping.reconcile()]
    if items:
        data["items"] = {
            "sources": mapping.dispositions(),
            "targets": mapping.origins(),
        }
    return data


def diff_json(mapping: Mapping, *, items: bool = False) -> str:
    import json

    return json.dumps(diff_data(mapping, items=items), indent=2)
