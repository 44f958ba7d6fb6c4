"""A benchmark as one self-contained, accessible HTML page (no scripts, no external files:
it opens anywhere and prints), and in a notebook.

Headings are nested in order, every table has a caption and header cells with a scope,
every cell says in words what its colour says, a translated score is marked ``†`` and
hatched in a corner, and the page declares its language.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._assessments.peers import Benchmark, ItemPosition
from .._core import display
from .colour import BORDER, text_colour
from .heatmap import _esc
from .profile import profile_svg
from .standing import (
    DASH,
    PEER_COUNT_HEADERS,
    RANGE_FILL,
    THEME_HEADERS,
    TRANSLATED_MARK,
    UNKNOWN_FILL,
    _chosen,
    _fill_colour,
    _key_lines,
    _threshold_label,
    _title,
    cell_text,
    interval_text,
    peer_counts,
    rank_text,
    theme_row,
)

__all__ = ["benchmark_html"]

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
            rows.append([council.council, t.theme, *peer_counts(t), rank_text(t)])
    return _data_table(
        "Peer counts per council and theme",
        ["council", "theme", *PEER_COUNT_HEADERS, "rank"],
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
                THEME_HEADERS,
                [theme_row(t) for t in focus.themes],
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
