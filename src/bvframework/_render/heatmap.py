"""Heat maps: themes as rows, item codes in cells, coloured by level, with text in every cell.

Colour is never the only signal (WCAG 2.2, 1.4.1): each cell carries the item code and its
score as text, and a comparison cell carries the change as a word and an arrow. Cells are
separated by black edges, which contrast at least 3:1 with every built-in fill (1.4.11).
"""

from __future__ import annotations

import html

from attrs import frozen

from .._assessments.compare import Comparison
from .._assessments.comparison import TRANSLATED_MARK, is_translated
from .._assessments.model import Assessment, Score
from .._assessments.summary import AssessmentSummary
from .._core import display
from .._core.errors import CompositionError
from .._core.text import printable
from .._core.vocab import Change
from .._scales.model import Scale
from .colour import BORDER, text_colour

__all__ = ["HeatMap", "build", "build_change", "render", "to_html", "to_png", "to_svg"]

UNKNOWN_FILL = "#D9D9D9"
# An unchanged cell of a change map: pale blue, so that it is never taken for "not
# assessed" (#F2F2F2) or "not published" (#D9D9D9).
MUTED_FILL = "#DDEBF7"
MUTED_INK = "#333333"  # 10:1 on MUTED_FILL (WCAG AA for text)
RANGE_FILL = "#FFFFFF"  # a score that could be several levels: no one level's colour


def _esc(text: str) -> str:
    """Text escaped for HTML and SVG, control characters (which XML cannot hold, and a
    browser would not show) written as escapes by the one rule for output text."""
    return html.escape(printable(text, keep="\n\t"))


DASH = "\u2013"  # en dash: ranges (3-4) and "not assessed"
ARROWS: dict[Change, str] = {
    "improved": "▲",
    "declined": "▼",
    "higher": "▲",
    "lower": "▼",
    "same": "=",
    "not comparable": "?",
}


@frozen(kw_only=True)
class Cell:
    code: str
    text: str
    fill: str
    ink: str
    title: str
    change: Change | None = None


@frozen(kw_only=True)
class HeatMap:
    """A heat map's content: rows of cells per theme, a legend and the summary counts."""

    title: str
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]
    legend: tuple[tuple[str, str, str], ...]  # (label, fill, count text)
    summary: str
    meanings: tuple[str | None, ...] = ()
    """What each legend entry means (the scale's wording), beside :attr:`legend`."""

    def key(self) -> tuple[tuple[str, str, str, str | None], ...]:
        """(label, fill, count text, meaning) for each legend entry."""
        meanings = self.meanings or (None,) * len(self.legend)
        return tuple(
            (*entry, meaning) for entry, meaning in zip(self.legend, meanings, strict=True)
        )

    def to_html(self, *, standalone: bool = True) -> str:
        return to_html(self, standalone=standalone)

    def to_svg(self) -> str:
        return to_svg(self)

    def to_png(self) -> bytes:
        """The heat map as PNG bytes (needs the ``plot`` extra: matplotlib)."""
        return to_png(self)

    def _repr_html_(self) -> str:
        return display.html(self)


def _short(scale: Scale, value: str | None) -> str:
    if value is None:
        return "?"
    if value == "excluded":
        return "Exc"
    if value == "not-assessed":
        return DASH
    return scale.label_of(value)


def _fill(scale: Scale, score: Score) -> str:
    if score.value is None:
        return UNKNOWN_FILL
    if score.is_range:  # the legend counts it as a range, so no one level's colour
        return RANGE_FILL
    return scale.colour_of(score.value) or UNKNOWN_FILL


def _cell(
    scale: Scale, score: Score, code: str, before: Score | None, change: Change | None
) -> Cell:
    text = _short(scale, score.value)
    if score.is_range:
        text = f"{text}{DASH}{_short(scale, score.upper)}"
    text += TRANSLATED_MARK if is_translated(scale, score) else ""
    title = f"{code}: {text}" + (f" ({score.history})" if score.history else "")
    fill = _fill(scale, score)
    if before is not None and change is not None:
        earlier = _short(scale, before.value) + (
            f"{DASH}{_short(scale, before.upper)}" if before.is_range else ""
        )
        earlier += TRANSLATED_MARK if is_translated(scale, before) else ""
        if is_translated(scale, before):
            title += f"; before: {earlier} ({before.history})"
        title += f"; {change}"
        if change == "same":  # muted, so that the changes stand out
            text, fill = f"{text} {ARROWS[change]}", MUTED_FILL
            return Cell(code=code, text=text, fill=fill, ink=MUTED_INK, title=title, change=change)
        text = f"{earlier}→{text} {ARROWS[change]}"
    return Cell(code=code, text=text, fill=fill, ink=text_colour(fill), title=title, change=change)


def _summary_text(scale: Scale, summary: AssessmentSummary) -> str:
    parts = [f"{scale.label_of(lv)}: {n}" for lv, n in reversed(list(summary.levels.items()))]
    states = [f"{scale.label_of(st)}: {n}" for st, n in summary.states.items() if n]
    if summary.ranges:
        states.append(f"could be several levels: {summary.ranges}")
    if summary.unknown:
        states.append(f"not published or not mapped: {summary.unknown}")
    tail = f"; {', '.join(states)}" if states else ""
    return f"{summary.assessed} assessed ({', '.join(parts)}){tail}"


def build(assessment: Assessment) -> HeatMap:
    """The cells, legend and summary of one assessment's heat map."""
    return _draw(
        assessment,
        scale=assessment.scale,
        befores={},
        changes={},
        title=f"{assessment.council}: {assessment.id}",
    )


def build_change(comparison: Comparison) -> HeatMap:
    """A change map of a two-assessment comparison: each cell shows the first score, the
    second and the change (▲ ▼ = ?), on the comparison's scale and version."""
    if len(comparison.assessments) != 2:
        raise CompositionError(
            f"a change map needs a comparison of two assessments, not {len(comparison.ids)}"
        )
    first, second = comparison.assessments
    counts = comparison.changes()
    return _draw(
        second,
        scale=comparison.scale,
        befores={s.item: s for s in first.scores},
        changes={row.item: row.change for row in comparison.rows},
        title=f"{comparison.ids[0]} → {comparison.ids[1]}: "
        + ", ".join(f"{n} {k}" for k, n in counts.items()),
    )


def _draw(
    shown: Assessment,
    *,
    scale: Scale,
    befores: dict[str, Score],
    changes: dict[str, Change | None],
    title: str,
) -> HeatMap:
    catalogue = shown.catalogue
    by_item = {s.item: s for s in shown.scores}
    rows = []
    for theme in catalogue.themes:
        cells = tuple(
            _cell(
                scale,
                by_item[item.id],
                by_item[item.id].code,
                befores.get(item.id),
                changes.get(item.id),
            )
            for item in theme.items
        )
        rows.append((theme.title, cells))
    summary = shown.summary(basis="items")

    def items(n: int) -> str:
        return f"{n} item" if n == 1 else f"{n} items"

    legend = [
        (lv.label, lv.colour or UNKNOWN_FILL, items(summary.levels[lv.id]), lv.meaning)
        for lv in reversed(scale.levels)
    ]
    legend += [
        (
            st.label
            + (
                " (Exc)" if st.id == "excluded" else f" ({DASH})" if st.id == "not-assessed" else ""
            ),
            st.colour or UNKNOWN_FILL,
            items(summary.states[st.id]),
            st.meaning,
        )
        for st in scale.states
    ]
    if summary.ranges:  # translated or merged scores that could be several levels
        legend.append(
            (
                f"Could be several levels (3{DASH}4)",
                RANGE_FILL,
                items(summary.ranges),
                "A score that could be any level from the first shown to the second.",
            )
        )
    if summary.unknown:
        legend.append(
            ("Not published or not mapped (?)", UNKNOWN_FILL, items(summary.unknown), None)
        )
    marked = [s for s in shown.scores if is_translated(scale, s)]
    marked += [s for s in befores.values() if is_translated(scale, s)]
    if marked:  # translated scores are marked, and the key says from what and how
        sources = sorted(
            {f"{s.translated.scale} ({s.translated.policy})" for s in marked if s.translated}
        )
        legend.append(
            (
                f"{TRANSLATED_MARK} translated",
                "#FFFFFF",
                f"{len(marked)} score" + ("" if len(marked) == 1 else "s"),
                f"Translated to {scale.id} from {', '.join(sources)}.",
            )
        )
    if changes:  # the key to the arrows, with how many cells each
        counted = {c: sum(1 for v in changes.values() if v == c) for c in ARROWS}
        for change, arrow in ARROWS.items():
            if counted[change]:
                fill = MUTED_FILL if change == "same" else "#FFFFFF"
                legend.append((f"{arrow} {change}", fill, items(counted[change]), None))
    return HeatMap(
        title=title,
        rows=tuple(rows),
        legend=tuple(entry[:3] for entry in legend),
        meanings=tuple(entry[3] for entry in legend),
        summary=_summary_text(scale, summary),
    )


_PAGE_CSS = "body { font-family: system-ui, sans-serif; margin: 1.5em; color: #111; }\n"
_CSS = f"""
table.bv {{ font-family: system-ui, sans-serif; color: #111; }}
table.bv {{ border-collapse: separate; border-spacing: 0; }}
table.bv caption {{ text-align: left; font-weight: 600; font-size: 1.1em; padding-bottom: 0.5em;
  white-space: nowrap; }}
table.bv th {{ text-align: left; padding: 0.3em 0.8em 0.3em 0; font-weight: 600;
  vertical-align: middle; }}
table.bv td {{ border: 2px solid {BORDER}; padding: 0.25em 0.4em; min-width: 4.5em;
  text-align: center; font-size: 0.85em; line-height: 1.2; }}
table.bv td .code {{ display: block; font-weight: 600; }}
table.bv td.empty {{ border: none; }}
.legend {{ margin-top: 1em; display: flex; flex-wrap: wrap; gap: 0.6em; }}
.legend span.swatch {{ display: inline-block; width: 1.2em; height: 1.2em;
  border: 2px solid {BORDER}; vertical-align: middle; margin-right: 0.3em; }}
"""


def to_html(heatmap: HeatMap, *, standalone: bool = True, css: bool = True) -> str:
    """The heat map as HTML (no JavaScript); a full page when ``standalone``; without
    ``css`` the fragment leaves its styles to the page that holds it."""
    width = max((len(cells) for _, cells in heatmap.rows), default=0)
    out = [f'<table class="bv"><caption>{_esc(heatmap.title)}</caption>']
    for theme, cells in heatmap.rows:
        out.append(f'<tr><th scope="row">{_esc(theme)}</th>')
        for cell in cells:
            out.append(
                f'<td style="background:{cell.fill};color:{cell.ink}" '
                f'title="{_esc(cell.title)}"><span class="code">'
                f"{_esc(cell.code)}</span>{_esc(cell.text)}</td>"
            )
        out.append('<td class="empty"></td>' * (width - len(cells)) + "</tr>")
    out.append("</table>")
    out.append('<div class="legend">')
    for label, fill, count, meaning in heatmap.key():
        said = f" \u2014 {_esc(meaning)}" if meaning else ""
        out.append(
            f'<span><span class="swatch" style="background:{fill}"></span>'
            f"{_esc(label)}: {count}{said}</span>"
        )
    out.append(f"</div><p>{_esc(heatmap.summary)}</p>")
    body = "\n".join(out)
    if not standalone:
        return f"<style>{_CSS}</style>\n{body}" if css else body
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_esc(heatmap.title)}</title><style>{_PAGE_CSS}{_CSS}</style></head>"
        f"<body>\n{body}\n</body></html>\n"
    )


def to_svg(heatmap: HeatMap) -> str:
    """The heat map as a standalone SVG document."""
    label_w, cell_w, cell_h, pad = 260, 96, 44, 12
    width = max((len(cells) for _, cells in heatmap.rows), default=0)
    total_w = label_w + width * cell_w + 2 * pad
    legend_y = pad + 30 + len(heatmap.rows) * cell_h + 20
    total_h = legend_y + 26 * len(heatmap.legend) + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" '
        f'font-family="sans-serif" font-size="12" role="img">',
        f"<title>{_esc(heatmap.title)}</title>",
        f'<rect width="{total_w}" height="{total_h}" fill="#FFFFFF"/>',
        f'<text x="{pad}" y="{pad + 14}" font-size="15" font-weight="bold">'
        f"{_esc(heatmap.title)}</text>",
    ]
    for r, (theme, cells) in enumerate(heatmap.rows):
        y = pad + 30 + r * cell_h
        out.append(f'<text x="{pad}" y="{y + cell_h / 2 + 4}">{_esc(theme)}</text>')
        for c, cell in enumerate(cells):
            x = pad + label_w + c * cell_w
            out.append(
                f'<g><title>{_esc(cell.title)}</title><rect x="{x}" y="{y}" '
                f'width="{cell_w}" height="{cell_h}" fill="{cell.fill}" stroke="{BORDER}" '
                f'stroke-width="2"/><text x="{x + cell_w / 2}" y="{y + 18}" fill="{cell.ink}" '
                f'text-anchor="middle" font-weight="bold">{_esc(cell.code)}</text>'
                f'<text x="{x + cell_w / 2}" y="{y + 34}" fill="{cell.ink}" '
                f'text-anchor="middle">{_esc(cell.text)}</text></g>'
            )
    for i, (label, fill, count, meaning) in enumerate(heatmap.key()):
        x = pad
        y = legend_y + i * 26
        said = f" \u2014 {meaning}" if meaning else ""
        out.append(
            f'<rect x="{x}" y="{y}" width="18" height="18" fill="{fill}" stroke="{BORDER}" '
            f'stroke-width="2"/><text x="{x + 26}" y="{y + 14}">{_esc(label)}: '
            f"{count}{_esc(said)}</text>"
        )
    y = legend_y + 26 * len(heatmap.legend) + 16
    out.append(f'<text x="{pad}" y="{y}">{_esc(heatmap.summary)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def to_png(heatmap: HeatMap) -> bytes:
    """The heat map drawn as PNG bytes (needs the ``plot`` extra), in memory that does not
    grow with the picture (see :mod:`bvframework._render.raster`)."""
    from .raster import heatmap_png

    return heatmap_png(heatmap)


def render(heatmap: HeatMap, suffix: str) -> str | bytes:
    """The heat map in the format a file suffix names: ``.html``, ``.svg`` or ``.png``."""
    if suffix == ".png":
        return to_png(heatmap)
    return to_svg(heatmap) if suffix == ".svg" else to_html(heatmap)


def _notebook(assessment: Assessment) -> str:
    return to_html(build(assessment), standalone=False)


display.register(Assessment, _notebook)
display.register(HeatMap, lambda heatmap: to_html(heatmap, standalone=False))
