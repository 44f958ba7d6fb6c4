"""Rich display in notebooks: small HTML summaries whose styles stay inside their own
output (every rule is scoped to ``.bv-nb``), never the page's."""

from __future__ import annotations

from .._assessments.compare import Comparison
from .._catalogues.model import Catalogue
from .._core import display
from .._mappings.model import Mapping
from .heatmap import _esc

__all__ = ["catalogue_html", "comparison_html", "mapping_html"]

_STYLE = (
    "<style>.bv-nb table{border-collapse:collapse;font-size:0.85em}"
    ".bv-nb th,.bv-nb td{border:1px solid #888;padding:0.15em 0.5em;text-align:left}"
    ".bv-nb td.n{text-align:right}.bv-nb caption{text-align:left;font-weight:600}</style>"
)
_ROWS = 20


def _table(caption: str, headers: list[str], rows: list[list[object]]) -> str:
    out = [f"<table><caption>{_esc(caption)}</caption><tr>"]
    out += [f"<th>{_esc(h)}</th>" for h in headers]
    out.append("</tr>")
    for row in rows:
        cells = "".join(
            f'<td class="n">{c}</td>' if isinstance(c, int | float) else f"<td>{_esc(str(c))}</td>"
            for c in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "".join(out)


def _wrap(*parts: str) -> str:
    return f'{_STYLE}<div class="bv-nb">{"".join(parts)}</div>'


def catalogue_html(catalogue: Catalogue) -> str:
    rows: list[list[object]] = [
        [t.id, t.title, len(t.items), "unknown" if t.expected_items is None else t.expected_items]
        for t in catalogue.themes
    ]
    caption = f"{catalogue.key}: {catalogue.title} ({catalogue.completeness_line()})"
    return _wrap(_table(caption, ["theme", "title", "items", "expected"], rows))


def mapping_html(mapping: Mapping) -> str:
    summary = mapping.summary()
    counts = _table(
        f"{mapping.key} ({'complete' if mapping.complete else 'incomplete'})",
        ["kind", "relations"],
        [[k, n] for k, n in summary.relations.items()],
    )
    relations = _table(
        f"first {min(_ROWS, len(mapping.relations))} of {len(mapping.relations)} relations",
        ["kind", "from", "to", "method", "confidence"],
        [
            [
                r.kind,
                ", ".join(r.sources),
                ", ".join(r.targets),
                r.method or "",
                "" if r.confidence is None else f"{r.confidence:.2f}",
            ]
            for r in mapping.relations[:_ROWS]
        ],
    )
    return _wrap(counts, relations)


def comparison_html(comparison: Comparison) -> str:
    parts = []
    if len(comparison.ids) == 2:
        parts.append(
            _table(
                f"{comparison.ids[1]} against {comparison.ids[0]} on {comparison.scale.id}",
                ["change", "items"],
                [[k, n] for k, n in comparison.changes().items()],
            )
        )
    counts = comparison.ledger_counts()
    outcomes = sorted({o for c in counts.values() for o in c})
    parts.append(
        _table(
            "ledger: every input item accounted for",
            ["assessment", *outcomes],
            [[i, *(counts[i].get(o, 0) for o in outcomes)] for i in comparison.ids],
        )
    )
    return _wrap(*parts)


display.register(Catalogue, catalogue_html)
display.register(Mapping, mapping_html)
display.register(Comparison, comparison_html)
