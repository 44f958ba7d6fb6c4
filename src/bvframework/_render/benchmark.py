"""A benchmark as JSON, CSV (the long table analysts pivot), text, one self-contained
accessible HTML page, a workbook (the ``excel`` extra), and a council's profile as SVG or
PNG (the ``plot`` extra). Renderers: a :class:`Benchmark` in, text or bytes out.

Nothing hides a translation: a translated score is marked ``†`` wherever it is shown (and
hatched in a corner on the page), the key names the policy, and every cell says in words
what colour says. Text on a fill is black or white, whichever contrasts more: at least
4.5:1 on any fill (WCAG 2.2, 1.4.3).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from .._assessments.benchmark import RANGE_POLICY, Benchmark, ItemPosition, ThemePosition
from .._core import display
from .._core.cells import neutralise_cell
from .._core.errors import MissingDependencyError, UnknownReferenceError
from .._scales.model import Level, State
from .colour import BORDER, text_colour
from .heatmap import _esc

__all__ = [
    "CSV_COLUMNS",
    "TRANSLATED_MARK",
    "benchmark_csv",
    "benchmark_html",
    "benchmark_json",
    "benchmark_text",
    "benchmark_workbook",
    "cell_text",
    "profile_png",
    "profile_svg",
]

TRANSLATED_MARK = "\u2020"  # dagger: a score translated from another scale
DASH = "\u2013"
UNKNOWN_FILL = "#D9D9D9"
RANGE_FILL = "#FFFFFF"
CSV_COLUMNS = (
    "council",
    "date",
    "item",
    "code",
    "theme",
    "original_scale",
    "original_label",
    "low",
    "high",
    "translated",
    "policy",
    "comparable",
    "reason",
    "assessment",
    "in_cohort",
)


# -- shared wording -----------------------------------------------------------------------------
def _pct(count: int, of: int) -> str:
    return f"{count / of:.0%}" if of else "-"


def interval_text(theme: ThemePosition) -> str:
    """``2 to 3 of 4`` (``2 of 4`` when certain), or ``none assessed``."""
    if not theme.assessed:
        return "none assessed"
    if theme.at_or_above_low == theme.at_or_above_high:
        return f"{theme.at_or_above_low} of {theme.assessed}"
    return f"{theme.at_or_above_low} to {theme.at_or_above_high} of {theme.assessed}"


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low} to {high}"


def rank_text(theme: ThemePosition) -> str:
    if theme.rank_best is None or theme.rank_worst is None:
        return "not ranked"
    of = theme.peers_compared + 1
    if theme.rank_best == theme.rank_worst:
        return f"{theme.rank_best} of {of}"
    return f"{theme.rank_best}{DASH}{theme.rank_worst} of {of}"


def cell_text(bench: Benchmark, position: ItemPosition) -> str:
    """A score on the common scale as a cell shows it: ``4``, ``3-4`` (an en dash), ``Exc``,
    ``Grey``,
    ``?`` (no score: not published or not carried over), ``†`` after a translated one."""
    scale = bench.scale
    if position.low is not None and position.high is not None:
        text = scale.label_of(position.low)
        if position.high != position.low:
            text += f"{DASH}{scale.label_of(position.high)}"
    elif position.state == "excluded":
        text = "Exc"
    elif position.state == "not-assessed":
        text = DASH
    elif position.state is not None:
        text = scale.label_of(position.state)
    else:
        text = "?"
    return text + (TRANSLATED_MARK if position.translated else "")


def _fill_colour(bench: Benchmark, position: ItemPosition) -> str:
    scale = bench.scale
    if position.low is not None:
        if position.high != position.low:
            return RANGE_FILL
        return scale.colour_of(position.low) or RANGE_FILL
    if position.state is not None:
        return scale.colour_of(position.state) or UNKNOWN_FILL
    return UNKNOWN_FILL


def _title(bench: Benchmark, position: ItemPosition) -> str:
    parts = [f"{position.council}, {position.item}"]
    if position.code and position.code != position.item:
        parts[0] += f" (their {position.code})"
    if position.label is not None:
        parts.append(f"scored {position.label} on {position.scale}")
    if position.translated:
        parts.append(f"translated to {bench.scale.id} ({position.policy})")
    if position.reason:
        parts.append(position.reason)
    return "; ".join(parts)


def _threshold_label(bench: Benchmark) -> str:
    return bench.scale.label_of(bench.threshold)


def _key_lines(bench: Benchmark) -> list[str]:
    scale = bench.scale
    return [
        f"{TRANSLATED_MARK} translated from the council's own scale to {scale.id} under the "
        f"{RANGE_POLICY} policy: every {scale.id} level its band overlaps is kept",
        f"3{DASH}4: the score could be any level from the first to the second",
        "Exc: excluded by the council; "
        f"{DASH}: not assessed; ?: no score (not published, or not in this version)",
        f"at or above {_threshold_label(bench)}: certainly (every possible level) to possibly "
        "(some possible level); peers certainly above or below do not overlap",
    ]


def _chosen(bench: Benchmark) -> list[str]:
    return list(bench.chosen) or [
        f"version {bench.version}, scale {bench.scale.id}, threshold {_threshold_label(bench)}"
    ]


# -- JSON, CSV, text ----------------------------------------------------------------------------
def benchmark_json(bench: Benchmark) -> str:
    return json.dumps(bench.to_dict(), indent=2, ensure_ascii=False) + "\n"


def benchmark_csv(bench: Benchmark) -> str:
    """The long table, one row per council and item (earlier years too, ``in_cohort``
    false); text a spreadsheet would run as a formula is written with a leading ``'``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in bench.positions:
        row = [
            p.council,
            p.date or "",
            p.item,
            p.code,
            p.theme,
            p.scale,
            p.label or "",
            p.low or "",
            p.high or "",
            "true" if p.translated else "false",
            p.policy or "",
            "true" if p.comparable else "false",
            p.reason,
            p.assessment,
            "true" if p.cohort else "false",
        ]
        writer.writerow([neutralise_cell(str(c)) for c in row])
    return out.getvalue()


def benchmark_text(bench: Benchmark) -> str:
    from .text import table

    out = [
        f"Benchmark of {len(bench.councils)} councils on {bench.scale.id}, version "
        f"{bench.version}: items at or above {_threshold_label(bench)}",
        *(f"  ({line})" for line in _chosen(bench)),
    ]
    for council in bench.councils:
        when = f" ({council.date})" if council.date else ""
        out += ["", f"{council.council}{when}:"]
        rows = [
            [
                t.theme,
                interval_text(t),
                t.peers_certainly_above,
                t.peers_certainly_below,
                t.peers_overlapping,
                rank_text(t),
            ]
            for t in council.themes
        ]
        out.append(
            table(
                ["theme", "at or above", "peers above", "below", "overlap", "rank"],
                rows,
                indent="  ",
            )
        )
        if council.previous is not None:
            counts = ", ".join(f"{n} {k}" for k, n in council.changes)
            out.append(f"  since {council.previous_date or council.previous}: {counts}")
    bottom = bench.bottom(5)
    if bottom:
        out += ["", f"Characteristics most often below {_threshold_label(bench)}:"]
        out += [
            f"  {d.item}: {_span(d.below_certain, d.below_possible)} of {d.assessed} councils"
            for d in bottom
        ]
    return "\n".join(out)


# -- HTML ----------------------------------------------------------------------------------------
_CSS = f"""
body {{ font-family: system-ui, sans-serif; margin: 1.5em; color: #111; }}
main {{ max-width: 100%; }}
section {{ margin-bottom: 2.5em; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1.5em; }}
caption {{ text-align: left; font-weight: 600; padding-bottom: 0.3em; }}
th, td {{ border: 1px solid #666; padding: 0.2em 0.5em; text-align: left; }}
td.n {{ text-align: right; }}
.scroll {{ overflow-x: auto; }}
table.matrix td {{ border: 2px solid {BORDER}; text-align: center; min-width: 2.6em;
  font-size: 0.85em; position: relative; }}
table.matrix th {{ font-size: 0.85em; }}
table.matrix td.translated {{ background-image:
  linear-gradient(135deg, #000 0, #000 5px, transparent 5px); }}
.key li {{ margin: 0.2em 0; }}
.swatch {{ display: inline-block; width: 1.1em; height: 1.1em; border: 2px solid {BORDER};
  vertical-align: middle; margin-right: 0.3em; }}
@media print {{ .scroll {{ overflow: visible; }} }}
"""


def _data_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = [f"<table><caption>{_esc(caption)}</caption><thead><tr>"]
    out += [f'<th scope="col">{_esc(h)}</th>' for h in headers]
    out.append("</tr></thead><tbody>")
    for first, *rest in rows:
        out.append(f'<tr><th scope="row">{_esc(str(first))}</th>')
        out += [
            f'<td class="n">{c}</td>' if isinstance(c, int) else f"<td>{_esc(str(c))}</td>"
            for c in rest
        ]
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _themes_table(bench: Benchmark) -> str:
    headers = ["council", "date"]
    for theme in bench.catalogue.themes:
        headers += [f"{theme.title}: at or above {_threshold_label(bench)}", "rank"]
    rows = []
    for council in bench.councils:
        row: list[object] = [council.council, council.date or ""]
        for t in council.themes:
            row += [interval_text(t), rank_text(t)]
        rows.append(row)
    table = _data_table(
        f"Items at or above {_threshold_label(bench)} per theme (certainly to possibly), "
        "and rank among the councils assessed on the theme (best to worst possible)",
        headers,
        rows,
    )
    return f'<div class="scroll">{table}</div>'


def _peers_table(bench: Benchmark) -> str:
    rows: list[list[object]] = []
    for council in bench.councils:
        for t in council.themes:
            rows.append(
                [
                    council.council,
                    t.theme,
                    t.assessed,
                    t.at_or_above_low,
                    t.at_or_above_high,
                    t.peers_certainly_above,
                    t.peers_certainly_below,
                    t.peers_overlapping,
                    rank_text(t),
                ]
            )
    return _data_table(
        "Peer counts per council and theme",
        [
            "council",
            "theme",
            "assessed",
            "certainly at or above",
            "possibly at or above",
            "peers certainly above",
            "peers certainly below",
            "peers overlapping",
            "rank",
        ],
        rows,
    )


def _matrix(bench: Benchmark) -> str:
    cohort = [p for p in bench.positions if p.cohort]
    by_council: dict[str, dict[str, ItemPosition]] = {}
    for p in cohort:
        by_council.setdefault(p.council, {})[p.item] = p
    themes = bench.catalogue.themes
    out = [
        '<div class="scroll"><table class="matrix"><caption>Every council\'s score of every '
        f"characteristic on {_esc(bench.scale.title)} ({TRANSLATED_MARK} translated)</caption>"
        '<thead><tr><td rowspan="2"></td>'
    ]
    out += [
        f'<th scope="colgroup" colspan="{len(t.items)}">{_esc(t.title)}</th>'
        for t in themes
        if t.items
    ]
    out.append("</tr><tr>")
    out += [f'<th scope="col">{_esc(i.id)}</th>' for t in themes for i in t.items]
    out.append("</tr></thead><tbody>")
    for council in bench.councils:
        out.append(f'<tr><th scope="row">{_esc(council.council)}</th>')
        scores = by_council.get(council.council, {})
        for theme in themes:
            for item in theme.items:
                p = scores[item.id]
                fill = _fill_colour(bench, p)
                css = ' class="translated"' if p.translated else ""
                out.append(
                    f'<td{css} style="background-color:{fill};color:{text_colour(fill)}" '
                    f'title="{_esc(_title(bench, p))}">{_esc(cell_text(bench, p))}</td>'
                )
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _key(bench: Benchmark) -> str:
    scale = bench.scale
    out = ['<section><h2>Key</h2><ul class="key">']
    for level in reversed(scale.levels):
        meaning = f": {level.meaning}" if level.meaning else ""
        out.append(
            f'<li><span class="swatch" style="background:{level.colour or RANGE_FILL}"></span>'
            f"{_esc(level.label)}{_esc(meaning)}</li>"
        )
    for state in scale.states:
        meaning = f": {state.meaning}" if state.meaning else ""
        out.append(
            f'<li><span class="swatch" style="background:{state.colour or UNKNOWN_FILL}">'
            f"</span>{_esc(state.label)}{_esc(meaning)}</li>"
        )
    out += [f"<li>{_esc(line)}</li>" for line in _key_lines(bench)]
    out.append("</ul></section>")
    return "".join(out)


def _bottom_table(bench: Benchmark) -> str:
    rows: list[list[object]] = []
    for d in bench.bottom(10):
        spread = [f"{bench.scale.label_of(lv)}: {n}" for lv, n in d.levels if n]
        spread += [
            f"{bench.scale.label_of(lo)}{DASH}{bench.scale.label_of(hi)}: {n}"
            for (lo, hi), n in d.ranges
        ]
        spread += [f"{bench.scale.label_of(s)}: {n}" for s, n in d.states]
        if d.unknown:
            spread.append(f"no score: {d.unknown}")
        rows.append([d.item, d.below_certain, d.below_possible, d.assessed, ", ".join(spread)])
    return _data_table(
        f"Characteristics most often below {_threshold_label(bench)}",
        ["item", "certainly below", "possibly below", "councils assessed", "distribution"],
        rows,
    )


def benchmark_html(bench: Benchmark, *, title: str | None = None) -> str:
    """One self-contained, accessible page: what was chosen, each council's interval and
    rank per theme, the profile of ``bench.focus`` (inline SVG with a table of the same
    figures), the matrix of every score, the characteristics most often below the
    threshold, and the key. No scripts, no external files."""
    title = title or f"Benchmark of {len(bench.councils)} councils"
    body = [f"<header><h1>{_esc(title)}</h1>"]
    body.append(
        f"<p>On {_esc(bench.scale.title)} ({_esc(bench.scale.id)}), version "
        f"{_esc(bench.version)}; translated scores are marked {TRANSLATED_MARK} and kept as "
        "every level they could be, never one chosen for them.</p><ul>"
    )
    body += [f"<li>{_esc(line)}</li>" for line in _chosen(bench)]
    body.append("</ul></header><main>")
    if bench.focus is not None:
        focus = bench.council(bench.focus)
        body.append(f"<section><h2>Profile: {_esc(focus.council)}</h2>")
        body.append(f"<figure>{profile_svg(bench, focus.council, standalone=False)}<figcaption>")
        body.append(
            f"Share of items at or above {_esc(_threshold_label(bench))} per theme: "
            f"{_esc(focus.council)} as a black bar (certainly to possibly), each peer as a "
            "grey line.</figcaption></figure>"
        )
        body.append(
            _data_table(
                f"{focus.council}: each theme",
                ["theme", "at or above", "peers above", "below", "overlap", "rank"],
                [
                    [
                        t.theme,
                        interval_text(t),
                        t.peers_certainly_above,
                        t.peers_certainly_below,
                        t.peers_overlapping,
                        rank_text(t),
                    ]
                    for t in focus.themes
                ],
            )
        )
        body.append("</section>")
    body.append(f"<section><h2>Per theme</h2>{_themes_table(bench)}</section>")
    body.append(f"<section><h2>Scores</h2>{_matrix(bench)}</section>")
    body.append(f"<section><h2>Characteristics</h2>{_bottom_table(bench)}</section>")
    body.append(f"<section><h2>Peer counts</h2>{_peers_table(bench)}</section>")
    body.append(_key(bench))
    body.append("</main>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


# -- the profile: a council's interval against its peers, per theme ------------------------------
def _profile_rows(
    bench: Benchmark, council: str
) -> list[tuple[ThemePosition, list[tuple[float, float]]]]:
    focus = bench.council(council)
    rows = []
    for n, theme in enumerate(focus.themes):
        peers = []
        for other in bench.councils:
            if other.council == focus.council:
                continue
            t = other.themes[n]
            if t.assessed:
                peers.append((t.at_or_above_low / t.assessed, t.at_or_above_high / t.assessed))
        rows.append((theme, sorted(peers)))
    return rows


def profile_svg(bench: Benchmark, council: str | None = None, *, standalone: bool = True) -> str:
    """``council``'s profile (default: the benchmark's focus) as SVG: per theme, the share
    of items at or above the threshold, the council's interval as a black bar with its
    figures written beside it, each peer's interval as a thin grey line."""
    name = council or bench.focus
    if name is None:
        raise UnknownReferenceError("name the council whose profile to draw (council=)")
    rows = _profile_rows(bench, name)
    label_w, plot_w, row_h, pad, text_w = 250, 420, 46, 14, 230
    width = label_w + plot_w + text_w + 2 * pad
    height = pad * 2 + 40 + row_h * len(rows) + 30
    n_peers = len(bench.councils) - 1
    title = f"{name}: items at or above {_threshold_label(bench)}, against {n_peers} peers"
    out = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>')
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" role="img" '
        'aria-labelledby="profile-title">'
    )
    out.append(f'<title id="profile-title">{_esc(title)}</title>')
    out.append(f'<rect width="{width}" height="{height}" fill="#FFFFFF"/>')
    out.append(
        f'<text x="{pad}" y="{pad + 14}" font-size="14" font-weight="bold">{_esc(title)}</text>'
    )
    x0 = pad + label_w
    top = pad + 40
    for tick in range(0, 101, 25):
        x = x0 + plot_w * tick / 100
        out.append(
            f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{top + row_h * len(rows)}" '
            'stroke="#BBBBBB" stroke-width="1"/>'
            f'<text x="{x}" y="{top - 10}" text-anchor="middle" fill="#333333">{tick}%</text>'
        )
    for r, (theme, peers) in enumerate(rows):
        y = top + r * row_h
        mid = y + row_h / 2
        out.append(f'<text x="{pad}" y="{mid + 4}">{_esc(theme.theme)}</text>')
        for k, (low, high) in enumerate(peers):
            py = y + 6 + (row_h - 12) * (k + 0.5) / max(len(peers), 1)
            x1, x2 = x0 + plot_w * low, x0 + plot_w * high
            out.append(
                f'<line x1="{x1:.1f}" y1="{py:.1f}" x2="{x2:.1f}" y2="{py:.1f}" '
                'stroke="#767676" stroke-width="1.5"/>'
                f'<circle cx="{x1:.1f}" cy="{py:.1f}" r="3" fill="#767676"/>'
            )
            if x2 > x1:
                out.append(f'<circle cx="{x2:.1f}" cy="{py:.1f}" r="3" fill="#767676"/>')
        if theme.assessed:
            low = theme.at_or_above_low / theme.assessed
            high = theme.at_or_above_high / theme.assessed
            x1, x2 = x0 + plot_w * low, x0 + plot_w * high
            out.append(
                f'<rect x="{x1 - 3:.1f}" y="{mid - 6:.1f}" width="{x2 - x1 + 6:.1f}" height="12" '
                'fill="#000000"/>'
            )
        summary = f"{interval_text(theme)}; rank {rank_text(theme)}"
        out.append(f'<text x="{x0 + plot_w + 12}" y="{mid + 4}">{_esc(summary)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def profile_png(bench: Benchmark, council: str | None = None) -> bytes:
    """The profile as PNG bytes (the ``plot`` extra: matplotlib)."""
    name = council or bench.focus
    if name is None:
        raise UnknownReferenceError("name the council whose profile to draw (council=)")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingDependencyError.for_extra(
            module="matplotlib", extra="plot", feature="PNG profiles"
        ) from None
    rows = _profile_rows(bench, name)
    fig, ax = plt.subplots(figsize=(10, 0.7 * len(rows) + 1.4))
    try:
        for r, (theme, peers) in enumerate(rows):
            y = len(rows) - 1 - r
            for k, (low, high) in enumerate(peers):
                py = y - 0.35 + 0.7 * (k + 0.5) / max(len(peers), 1)
                ax.plot([low * 100, high * 100], [py, py], color="#767676", lw=1, marker="o", ms=3)
            if theme.assessed:
                low = 100 * theme.at_or_above_low / theme.assessed
                high = 100 * theme.at_or_above_high / theme.assessed
                ax.plot(
                    [low, max(high, low + 0.6)],
                    [y, y],
                    color="#000000",
                    lw=7,
                    solid_capstyle="butt",
                )
            ax.text(
                102, y, f"{interval_text(theme)}; rank {rank_text(theme)}", va="center", fontsize=8
            )
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([t.theme for t, _ in reversed(rows)], fontsize=8)
        ax.set_xlim(-2, 100)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xticklabels(["0%", "25%", "50%", "75%", "100%"])
        ax.grid(axis="x", color="#BBBBBB", lw=0.6)
        ax.set_title(
            f"{name}: items at or above {_threshold_label(bench)} (black), "
            f"{len(bench.councils) - 1} peers (grey)",
            loc="left",
            fontsize=10,
        )
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=150, bbox_inches="tight", pad_inches=0.15)
    finally:
        plt.close(fig)
    return out.getvalue()


# -- XLSX ----------------------------------------------------------------------------------------
def benchmark_workbook(bench: Benchmark, *, title: str | None = None) -> bytes:
    """Sheets "Themes" (each council's interval and rank per theme), "Scores" (councils x
    characteristics on the common scale, translated cells marked † and italic), "Long"
    (the CSV's rows), "Characteristics" (the bottom of the cohort) and "Key". Every sheet
    prints landscape, fitted to the page width, its header rows repeated; text on a fill
    is black or white, whichever contrasts more (>= 4.5:1)."""
    from .workbook import _border, _fill, _header, _openpyxl, _save, _value, _widths, print_setup

    openpyxl = _openpyxl("XLSX benchmarks")
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = openpyxl.Workbook()
    themes = book.active
    themes.title = "Themes"
    header = [
        "council",
        "date",
        "theme",
        "assessed",
        "certainly at or above",
        "possibly at or above",
        "peers certainly above",
        "peers certainly below",
        "peers overlapping",
        "rank best",
        "rank worst",
    ]
    _header(themes, header)
    for council in bench.councils:
        for t in council.themes:
            themes.append(
                [
                    neutralise_cell(council.council),
                    neutralise_cell(council.date or ""),
                    neutralise_cell(t.theme),
                    t.assessed,
                    t.at_or_above_low,
                    t.at_or_above_high,
                    t.peers_certainly_above,
                    t.peers_certainly_below,
                    t.peers_overlapping,
                    t.rank_best,
                    t.rank_worst,
                ]
            )
    _widths(themes, {"A": 30, "B": 10, "C": 34} | {get_column_letter(n): 12 for n in range(4, 12)})
    print_setup(themes, header_rows=1)

    scores = book.create_sheet("Scores")
    items = [i for t in bench.catalogue.themes for i in t.items]
    theme_titles = {t.id: t.title for t in bench.catalogue.themes}
    scores.append(["", *(neutralise_cell(theme_titles[i.theme]) for i in items)])
    scores.append(["council", *(neutralise_cell(i.id) for i in items)])
    for cell in (*scores[1], *scores[2]):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    by_council: dict[str, dict[str, ItemPosition]] = {}
    for p in bench.positions:
        if p.cohort:
            by_council.setdefault(p.council, {})[p.item] = p
    border = _border()
    for council in bench.councils:
        row = by_council[council.council]
        scores.append(
            [
                neutralise_cell(council.council),
                *(_value(cell_text(bench, row[i.id])) for i in items),
            ]
        )
        r = scores.max_row
        for n, item in enumerate(items, start=2):
            p = row[item.id]
            fill = _fill_colour(bench, p)
            cell = scores.cell(row=r, column=n)
            cell.fill = _fill(fill)
            cell.font = Font(
                color=text_colour(fill).lstrip("#"), italic=p.translated, bold=p.translated
            )
            cell.alignment = Alignment(horizontal="center")
            cell.border = border
    scores.freeze_panes = "B3"
    _widths(scores, {"A": 30} | {get_column_letter(n): 7 for n in range(2, len(items) + 2)})
    print_setup(scores, header_rows=2, columns="A")

    long = book.create_sheet("Long")
    _header(long, list(CSV_COLUMNS))
    for p in bench.positions:
        long.append(
            [
                neutralise_cell(v) if isinstance(v, str) else v
                for v in (
                    p.council,
                    p.date or "",
                    p.item,
                    p.code,
                    p.theme,
                    p.scale,
                    p.label or "",
                    p.low or "",
                    p.high or "",
                    p.translated,
                    p.policy or "",
                    p.comparable,
                    p.reason,
                    p.assessment,
                    p.cohort,
                )
            ]
        )
    _widths(long, {"A": 28, "B": 10, "C": 10, "D": 12, "E": 8, "F": 16, "G": 14, "M": 50})
    print_setup(long, header_rows=1)

    bottom = book.create_sheet("Characteristics")
    _header(
        bottom,
        ["item", "theme", "certainly below", "possibly below", "councils assessed", "no score"],
    )
    for d in sorted(bench.items, key=lambda d: (-d.below_certain, -d.below_possible)):
        bottom.append(
            [
                neutralise_cell(d.item),
                neutralise_cell(theme_titles[d.theme]),
                d.below_certain,
                d.below_possible,
                d.assessed,
                d.unknown,
            ]
        )
    _widths(bottom, {"A": 12, "B": 34, "C": 14, "D": 14, "E": 16, "F": 10})
    print_setup(bottom, header_rows=1)

    key = book.create_sheet("Key")
    key.append([neutralise_cell(title or f"Benchmark of {len(bench.councils)} councils")])
    key["A1"].font = Font(bold=True, size=13)
    for line in _chosen(bench):
        key.append([neutralise_cell(line)])
    key.append([])
    key.append(["Key", "Meaning"])
    key.cell(row=key.max_row, column=1).font = Font(bold=True)
    entries: list[Level | State] = [*reversed(bench.scale.levels), *bench.scale.states]
    for entry in entries:
        key.append([neutralise_cell(entry.label), neutralise_cell(entry.meaning or "")])
        fill = entry.colour or RANGE_FILL
        cell = key.cell(row=key.max_row, column=1)
        cell.fill = _fill(fill)
        cell.font = Font(color=text_colour(fill).lstrip("#"))
        cell.border = border
    for line in _key_lines(bench):
        key.append([neutralise_cell(line)])
    _widths(key, {"A": 24, "B": 90})
    print_setup(key, header_rows=0)
    return _save(book)


def _notebook(bench: Benchmark) -> str:
    from .notebook import _table, _wrap

    rows: list[list[object]] = [
        [c.council, *(f"{interval_text(t)} ({rank_text(t)})" for t in c.themes)]
        for c in bench.councils[:30]
    ]
    caption = (
        f"{len(bench.councils)} councils on {bench.scale.id}, {bench.version}: items at or above "
        f"{_threshold_label(bench)} per theme (rank)"
    )
    return _wrap(_table(caption, ["council", *(t.title for t in bench.catalogue.themes)], rows))


display.register(Benchmark, _notebook)
