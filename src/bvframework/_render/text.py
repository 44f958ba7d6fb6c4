"""Plain-text tables for terminal output."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._scales.crosswalk import Crosswalk
    from .._scales.model import Scale

__all__ = ["crosswalk_text", "scale_text", "table"]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, indent: str = "") -> str:
    """Columns padded to width; numbers right-aligned, text left-aligned."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    numeric = [
        all(isinstance(row[i], int | float) for row in rows) if rows else False
        for i in range(len(headers))
    ]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        parts = [
            c.rjust(w) if numeric[i] and n else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append(indent + "  ".join(parts).rstrip())
    return "\n".join(lines)


def crosswalk_text(walk: Crosswalk, source: Scale, target: Scale) -> str:
    """A crosswalk as a text table: each level, its band, where it lands and the loss."""
    out = []
    for row in walk.rows:
        if row.state is not None:
            out.append([source.label_of(row.value), "state", row.state, "", "state kept"])
            continue
        band = source.level(row.value).band
        shown = ", ".join(
            f"{target.label_of(lv)} {w:.0%}" if len(row.levels) > 1 else target.label_of(lv)
            for lv, w in zip(row.levels, row.weights, strict=True)
        )
        out.append(
            [
                source.label_of(row.value),
                f"{band[0]:g}-{band[1]:g}",
                shown,
                ", ".join(row.candidates) if row.loss == "chosen" else "",
                row.loss,
            ]
        )
    return table([source.id, "band", target.id, "candidates", "loss"], out)


def scale_text(scale: Scale) -> str:
    """A scale as text: its levels (worst first, with bands) and its states."""
    out = [f"{scale.id}: {scale.title}"]
    if scale.source:
        out.append(f"  source: {scale.source}")
    if scale.note:
        out.append(f"  note: {scale.note}")
    rows: list[list[object]] = [
        [
            lv.id,
            lv.label,
            f"{lv.band[0]:g}-{lv.band[1]:g}",
            lv.colour or "",
            ", ".join(lv.aliases),
            lv.meaning or "",
        ]
        for lv in scale.levels
    ]
    out += ["", "Levels, worst first (band on the 0-1 delivery axis):"]
    out.append(table(["id", "label", "band", "colour", "aliases", "meaning"], rows, indent="  "))
    rows = [
        [
            st.id,
            st.label,
            "-",
            st.colour or "",
            ", ".join(repr(a) for a in st.aliases),
            st.meaning or "",
        ]
        for st in scale.states
    ]
    out += ["", "States (not positions: never ordered, averaged or translated):"]
    out.append(table(["id", "label", "band", "colour", "aliases", "meaning"], rows, indent="  "))
    return "\n".join(out)
