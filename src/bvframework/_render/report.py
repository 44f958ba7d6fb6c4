"""One self-contained, accessible HTML page: each assessment's summary and heat map, and for
two or more the comparison, the changed items and the ledger.

No scripts, no external files: the page opens anywhere and prints. Headings are nested in
order, every table has a caption and header cells with a scope, colour is never the only
signal (every cell carries its score as text), and the page declares its language.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from .._assessments.comparison import TRANSLATED_MARK, Comparison, is_translated
from .._assessments.model import Assessment
from .heatmap import _CSS, _PAGE_CSS, HeatMap, _esc
from .heatmap import to_html as heatmap_html

__all__ = ["headline", "report_html"]

_REPORT_CSS = """
main { max-width: 75em; }
table.data { border-collapse: collapse; margin: 0.5em 0 1.5em; }
table.data caption { text-align: left; font-weight: 600; padding-bottom: 0.3em;
  white-space: nowrap; }
table.data th, table.data td { border: 1px solid #666; padding: 0.2em 0.6em; text-align: left; }
table.data td.n { text-align: right; }
section { margin-bottom: 2.5em; }
p.headline { font-size: 1.4em; font-weight: 600; }
"""


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = [f'<table class="data"><caption>{_esc(caption)}</caption><thead><tr>']
    out += [f'<th scope="col">{_esc(h)}</th>' for h in headers]
    out.append("</tr></thead><tbody>")
    for row in rows:
        first, *rest = row
        cells = [f'<th scope="row">{_esc(str(first))}</th>']
        cells += [
            f'<td class="n">{c}</td>' if isinstance(c, int) else f"<td>{_esc(str(c))}</td>"
            for c in rest
        ]
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _levels_text(labels: Sequence[str]) -> str:
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def headline(assessment: Assessment) -> str | None:
    """``45 of 66 (68%) at 4 or 5``: items at the scale's two highest levels, of those with
    a level (states such as excluded are left out, as Blaby publishes it), from the
    published totals when the council did not publish every item's score; None when no
    item has a level."""
    scale = assessment.scale
    summary = assessment.summary()
    if not summary.assessed or not scale.levels:
        return None
    top = scale.level_ids[-2:] if len(scale.levels) > 1 else scale.level_ids
    share = summary.share_at_or_above(top[0])
    basis = " (published totals)" if summary.basis == "published" else ""
    return f"{share} at {_levels_text([scale.label_of(lv) for lv in top])}{basis}"


def _summary(assessment: Assessment) -> str:
    scale = assessment.scale
    summary = assessment.summary(basis="items")
    rows: list[list[object]] = [
        [scale.label_of(lv), summary.levels[lv]] for lv in reversed(scale.level_ids)
    ]
    rows += [[scale.label_of(st), summary.states[st]] for st in scale.state_ids]
    if summary.ranges:
        rows.append(["could be several levels", summary.ranges])
    if summary.unknown:
        rows.append(["score not published", summary.unknown])
    return _table(f"{assessment.id}: items by score ({scale.title})", ["score", "items"], rows)


def _theme_table(assessment: Assessment) -> str:
    """Per theme: the count at each level and state, and the share at the top two levels."""
    scale = assessment.scale
    summary = assessment.summary(basis="items")
    levels = list(reversed(scale.level_ids))
    states = [st for st in scale.state_ids if summary.states[st]]
    top = scale.level_ids[-2] if len(scale.levels) > 1 else scale.level_ids[-1]
    top_text = _levels_text([scale.label_of(lv) for lv in scale.level_ids[scale.rank(top) :]])
    rows: list[list[object]] = []
    for theme in assessment.catalogue.themes:
        counts = summary.themes[theme.id]
        rows.append(
            [
                theme.title,
                *(counts.levels[lv] for lv in levels),
                *(counts.states[st] for st in states),
                *([counts.unknown] if summary.unknown else []),
                str(counts.share_at_or_above(top)) if counts.assessed else "none assessed",
            ]
        )
    return _table(
        f"{assessment.id}: items by score, per theme",
        [
            "theme",
            *(scale.label_of(lv) for lv in levels),
            *(scale.label_of(st) for st in states),
            *(["score not published"] if summary.unknown else []),
            f"at {top_text}",
        ],
        rows,
    )


def report_html(
    assessments: Sequence[Assessment],
    heatmaps: Sequence[HeatMap],
    *,
    comparison: Comparison | None = None,
    change: HeatMap | None = None,
    title: str | None = None,
) -> str:
    """The report page. ``heatmaps`` has one map per assessment; ``comparison`` (two or
    more assessments) adds per-theme counts on the common scale, the changed items and the
    ledger; ``change`` (two assessments) the change map."""
    title = title or " and ".join(f"{a.council} {a.date or ''}".strip() for a in assessments)
    body = [f"<header><h1>{_esc(title)}</h1>"]
    body.append(
        "<p>Self-assessment report made by bvframework: summary and heat map of each "
        "assessment"
        + (", then the comparison and its ledger" if comparison is not None else "")
        + ".</p></header><main>"
    )
    for assessment, heatmap in zip(assessments, heatmaps, strict=True):
        body.append(f"<section><h2>{_esc(assessment.council)}: {_esc(assessment.id)}</h2>")
        body.append(
            f"<p>Version {_esc(assessment.catalogue.key)}, scale {_esc(assessment.scale.id)}"
            + (f", dated {_esc(assessment.date)}" if assessment.date else "")
            + ".</p>"
        )
        said = headline(assessment)
        if said is not None:
            body.append(f'<p class="headline">{_esc(said)}</p>')
        body.append(_summary(assessment))
        body.append(_theme_table(assessment))
        body.append(f"<h3>Heat map</h3>{heatmap_html(heatmap, standalone=False, css=False)}")
        body.append("</section>")
    if comparison is not None:
        scale = comparison.scale
        body.append("<section><h2>Comparison</h2>")
        body.append(
            f"<p>On {_esc(scale.title)}, version {_esc(comparison.catalogue.key)}, policy "
            f"{_esc(comparison.policy)}"
            + (" (year on year)." if comparison.year_on_year else " (between councils).")
            + "</p>"
        )
        if comparison.chosen:
            body.append(
                "<ul>" + "".join(f"<li>{_esc(line)}</li>" for line in comparison.chosen) + "</ul>"
            )
        translated = sorted(
            {
                f"{s.translated.scale} ({s.translated.policy})"
                for a in comparison.assessments
                for s in a.scores
                if s.translated is not None and is_translated(scale, s)
            }
        )
        if translated:
            body.append(
                f"<p>{TRANSLATED_MARK} translated to {_esc(scale.id)} from "
                f"{_esc(', '.join(translated))}; the counts below include translated scores, "
                "and changes are judged on every level a translated score could be.</p>"
            )
        levels = list(reversed(scale.level_ids))
        themes = comparison.themes()
        rows = [
            [theme.title, comparison.headers[n], *(themes[theme.id][n].levels[lv] for lv in levels)]
            for theme in comparison.catalogue.themes
            for n in range(len(comparison.ids))
        ]
        body.append(
            _table(
                "Items by score, per theme",
                ["theme", "assessment", *(scale.label_of(lv) for lv in levels)],
                rows,
            )
        )
        if len(comparison.ids) == 2:
            counts = comparison.changes()
            body.append(
                _table("Change per item", ["change", "items"], [[k, n] for k, n in counts.items()])
            )
            changed = [
                [
                    row.item,
                    comparison.code(row),
                    *(comparison.shown(s) for s in row.scores),
                    row.change or "",
                ]
                for row in comparison.rows
                if row.change not in (None, "same", "not comparable")
            ]
            if changed:
                body.append(
                    _table(
                        "Items that changed",
                        ["item", "code", *comparison.headers, "change"],
                        changed,
                    )
                )
            if change is not None:
                body.append(
                    f"<h3>Change map</h3>{heatmap_html(change, standalone=False, css=False)}"
                )
        ledger = comparison.ledger_counts()
        outcomes = sorted({o for c in ledger.values() for o in c})
        body.append(
            _table(
                "Ledger: every input item accounted for",
                ["assessment", *outcomes, "total"],
                [
                    [i, *(ledger[i].get(o, 0) for o in outcomes), sum(ledger[i].values())]
                    for i in comparison.ids
                ],
            )
        )
        body.append("</section>")
    body.append("</main>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_PAGE_CSS}{_CSS}{_REPORT_CSS}</style>"
        "</head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
