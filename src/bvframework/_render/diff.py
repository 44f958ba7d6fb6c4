"""``bvframework diff``: what changed between two versions, as a table or JSON."""

from __future__ import annotations

from typing import Any

from .._catalogues.model import Catalogue
from .._mappings.model import Mapping
from .text import table

__all__ = ["diff_json", "diff_text", "verdict"]


def _coverage(mapping: Mapping) -> str:
    if mapping.complete:
        return "complete: every item of both versions is in a relation"
    disp, orig = mapping.dispositions(), mapping.origins()
    src = sum(1 for v in disp.values() if v != "unmapped")
    tgt = sum(1 for v in orig.values() if v != "unmapped")
    sides = (
        (mapping.source_key, mapping.target_key)
        if mapping.is_crosswalk
        else (mapping.source_version, mapping.target_version)
    )
    return (
        f"INCOMPLETE: {src} of {len(disp)} listed {sides[0]} items and {tgt} of {len(orig)} "
        f"listed {sides[1]} items are in a relation; 'unmapped' items are not known, not "
        "unchanged"
    )


def _counted(counts: dict[str, int]) -> str:
    """``41 unchanged, 2 removed``: the kinds that occur, in their order."""
    return ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)


def verdict(mapping: Mapping, *, hint: str | None = None) -> str:
    """What the diff comes to, in a sentence: the changes itemised and how much of each
    version they cover, what a published comparison says beside them, and how to itemise
    the rest (``hint``) where items are not known."""
    summary = mapping.summary()
    what = (
        f"{mapping.source_key} -> {mapping.target_key}"
        if mapping.is_crosswalk
        else f"{mapping.framework} {mapping.source_version} -> {mapping.target_version}"
    )
    counts = _counted(dict(summary.relations)) or "no relations"
    if mapping.complete:
        sentence = f"{what}: every item of both versions is accounted for: {counts}."
    else:
        disp, orig = mapping.dispositions(), mapping.origins()
        src = sum(1 for v in disp.values() if v != "unmapped")
        tgt = sum(1 for v in orig.values() if v != "unmapped")
        sentence = (
            f"{what}: not fully known: {src} of {len(disp)} source items and {tgt} of "
            f"{len(orig)} target items are itemised ({counts}); the rest are unmapped, which "
            "means not known, not unchanged."
        )
    if _suggested(mapping):
        sentence = "Suggested from the texts, to be reviewed: " + sentence
    for rec in mapping.reconcile():
        published = _counted({c.kind: c.published for c in rec.counts})
        if rec.contradicted:
            sentence += f" A published comparison ({published}) is CONTRADICTED by them."
        elif rec.fully_itemised:
            sentence += f" A published comparison ({published}) is fully itemised."
        else:
            done = sum(c.itemised for c in rec.counts)
            total = sum(c.published for c in rec.counts)
            sentence += (
                f" A published comparison says {published}; {done} of those {total} changes "
                f"{'is' if done == 1 else 'are'} itemised here."
            )
    unmapped = summary.sources.get("unmapped", 0) + summary.targets.get("unmapped", 0)
    if unmapped and hint:
        sentence += f" To itemise the rest: {hint.rstrip('.')}."
    return sentence


def _catalogue_line(label: str, catalogue: Catalogue | None) -> str:
    if catalogue is None:
        return f"{label}: no catalogue (only items named in relations are counted)"
    return f"{label}: {catalogue.key}: {catalogue.completeness_line()}"


_KNOWN_SHOWN = 12  # relations named in the default output when there are no more than this
_TEXT = 96  # characters of an item's text shown with --items


def _words(catalogue: Catalogue | None, item: str, *, text_first: bool = False) -> str:
    """What is known of an item: its label, else the start of its text, else nothing (with
    ``text_first``, the text before the label)."""
    if catalogue is None or item not in catalogue:
        return ""
    found = catalogue.item(item)
    wording = " ".join((found.text or "").split())
    text = (wording or found.label or "") if text_first else (found.label or wording)
    return text if len(text) <= _TEXT else text[: _TEXT - 3] + "..."


def _known(mapping: Mapping) -> list[str]:
    """The itemised relations, named, when they are few (the main job's known changes)."""

    def named(catalogue: Catalogue | None, items: tuple[str, ...]) -> str:
        words = [(item, _words(catalogue, item)) for item in items]
        return ", ".join(f"{item} ({text})" if text else item for item, text in words)

    out = []
    for relation in mapping.relations:
        olds = named(mapping.source_catalogue, relation.sources)
        news = named(mapping.target_catalogue, relation.targets)
        arrow = " -> ".join(filter(None, (olds, news)))
        out.append(f"  {relation.kind}: {arrow}")
        for line in relation.evidence[:1]:
            out.append(f"    evidence: {line}")
    return out


def _suggested(mapping: Mapping) -> bool:
    return any(r.method == "suggested" for r in mapping.relations)


def diff_text(mapping: Mapping, *, items: bool = False, hint: str | None = None) -> str:
    """The diff as text: its :func:`verdict` first, then coverage, counts computed from the
    itemised relations, the named
    relations when few (all with ``items``, with both texts), and each published comparison
    beside them. ``hint`` says how unmapped items could be itemised."""
    summary = mapping.summary()
    suggested = _suggested(mapping)
    out = [
        verdict(mapping, hint=hint),
        "",
        f"{mapping.source_key} -> {mapping.target_key}"
        if mapping.is_crosswalk
        else f"{mapping.framework}: {mapping.source_version} -> {mapping.target_version}",
        _catalogue_line("from", mapping.source_catalogue),
        _catalogue_line("to", mapping.target_catalogue),
        f"mapping {_coverage(mapping)}",
    ]
    if suggested:
        out.append(
            "SUGGESTED: relations with method 'suggested' come from aligning the two texts "
            "(confidence per relation); review them before relying on them"
        )
    out += [
        "",
        "Computed from the itemised relations"
        + (" (suggested ones included):" if suggested else ":"),
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
    unmapped = summary.sources.get("unmapped", 0) + summary.targets.get("unmapped", 0)
    if unmapped and hint:
        out.append(f"  unmapped items: not known, not unchanged. {hint}")
    if not items and 0 < len(mapping.relations) <= _KNOWN_SHOWN:
        out += ["", "Itemised relations (known from the sources cited):", *_known(mapping)]
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
        for count in rec.counts:
            if count.candidates:
                shown = ", ".join(count.candidates)
                out.append(f"  {count.kind}: {count.why} (review these first): {shown}")
        out += [f"  check: {line}" for line in rec.checks]
        if rec.note:
            out.append(f"  note: {rec.note}")
    if items:
        out += ["", "Relations:"]
        rows = [
            [
                r.kind,
                ", ".join(r.sources) or "-",
                ", ".join(r.targets) or "-",
                r.method or "",
                "" if r.confidence is None else f"{r.confidence:.2f}",
            ]
            for r in mapping.relations
        ]
        out.append(table(["kind", "from", "to", "method", "confidence"], rows, indent="  "))
        texts = _texts(mapping)
        if texts:
            out += ["", "Both texts, relation by relation:", *texts]
    return "\n".join(out)


def _texts(mapping: Mapping) -> list[str]:
    out = []
    for relation in mapping.relations:
        lines = [f"  - {relation.kind}"]
        lines += [
            f"      old {i}: {_words(mapping.source_catalogue, i, text_first=True) or '(no text)'}"
            for i in relation.sources
        ]
        lines += [
            f"      new {i}: {_words(mapping.target_catalogue, i, text_first=True) or '(no text)'}"
            for i in relation.targets
        ]
        if len(lines) > 1 and any("(no text)" not in ln for ln in lines[1:]):
            out += lines
    return out


def diff_data(mapping: Mapping, *, items: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "framework": mapping.framework,
        "from": mapping.source_version,
        "to": mapping.target_version,
        "target_framework": mapping.target_framework,
        "complete": mapping.complete,
    }
    data |= mapping.summary().to_dict()
    data["published"] = [rec.to_dict() for rec in mapping.reconcile()]
    data["suggested"] = _suggested(mapping)
    data["itemised"] = (
        [
            r.to_dict()
            | {
                "from_text": [_full(mapping.source_catalogue, i) for i in r.sources],
                "to_text": [_full(mapping.target_catalogue, i) for i in r.targets],
            }
            for r in mapping.relations
        ]
        if items or len(mapping.relations) <= _KNOWN_SHOWN
        else []
    )
    if items:
        data["items"] = {
            "sources": mapping.dispositions(),
            "targets": mapping.origins(),
        }
    return data


def _full(catalogue: Catalogue | None, item: str) -> str | None:
    if catalogue is None or item not in catalogue:
        return None
    found = catalogue.item(item)
    return found.text or found.label


def diff_json(mapping: Mapping, *, items: bool = False) -> str:
    import json

    return json.dumps(diff_data(mapping, items=items), indent=2)
