"""Catalogues as plain text for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._catalogues.model import Catalogue

__all__ = ["catalogue_show"]


def catalogue_show(cat: Catalogue, item: str | None = None) -> tuple[str, Any]:
    """A catalogue (or one of its items) as text, and the same as JSON-ready data."""
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
