"""A benchmark in words and plain data: the shared wording of every benchmark output
(intervals, ranks, cells, the key), and JSON, the long CSV analysts pivot and text.

Nothing hides a translation: a translated score is marked ``†`` wherever it is shown and
the key names the policy.
"""

from __future__ import annotations

import csv
import io
import json

from .._assessments.peers import RANGE_POLICY, Benchmark, ItemPosition, ThemePosition
from .._core.cells import neutralise_cell

__all__ = [
    "CSV_COLUMNS",
    "TRANSLATED_MARK",
    "benchmark_csv",
    "benchmark_json",
    "benchmark_text",
    "cell_text",
    "interval_text",
    "rank_text",
]

from .._assessments.comparison import TRANSLATED_MARK

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


def _csv_cell(value: str | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def position_row(p: ItemPosition) -> list[str | bool]:
    """One row of the long table, in :data:`CSV_COLUMNS` order (flags as booleans)."""
    return [
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
    ]


def benchmark_csv(bench: Benchmark) -> str:
    """The long table, one row per council and item (earlier years too, ``in_cohort``
    false); text a spreadsheet would run as a formula is written with a leading ``'``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in bench.positions:
        row = position_row(p)
        writer.writerow([neutralise_cell(_csv_cell(c)) for c in row])
    return out.getvalue()


PEER_COUNT_HEADERS = [
    "assessed",
    "certainly at or above",
    "possibly at or above",
    "peers certainly above",
    "peers certainly below",
    "peers overlapping",
]
"""The columns of a theme's counts in full (the HTML peers table and the workbook)."""


def peer_counts(t: ThemePosition) -> list[object]:
    """A theme's counts, in the order of :data:`PEER_COUNT_HEADERS`."""
    return [
        t.assessed,
        t.at_or_above_low,
        t.at_or_above_high,
        t.peers_certainly_above,
        t.peers_certainly_below,
        t.peers_overlapping,
    ]


THEME_HEADERS = ["theme", "at or above", "peers above", "below", "overlap", "rank"]
"""The columns of a council's table of themes (text and HTML)."""


def theme_row(t: ThemePosition) -> list[object]:
    """A theme of a council's table: its interval, peer counts and rank."""
    return [
        t.theme,
        interval_text(t),
        t.peers_certainly_above,
        t.peers_certainly_below,
        t.peers_overlapping,
        rank_text(t),
    ]


def benchmark_text(bench: Benchmark) -> str:
    """What was chosen, each council's interval, peers and rank per theme (only the
    focus council's when one is named: a national cohort is hundreds of tables), its change
    since its previous assessment, and the characteristics most often below the threshold."""
    from .text import table

    out = [
        f"Benchmark of {len(bench.councils)} councils on {bench.scale.id}, version "
        f"{bench.version}: items at or above {_threshold_label(bench)}",
        *(f"  ({line})" for line in _chosen(bench)),
    ]
    shown = [c for c in bench.councils if bench.focus is None or c.council == bench.focus]
    for council in shown:
        when = f" ({council.date})" if council.date else ""
        out += ["", f"{council.council}{when}:"]
        out.append(table(THEME_HEADERS, [theme_row(t) for t in council.themes], indent="  "))
        if council.previous is not None:
            counts = ", ".join(f"{n} {k}" for k, n in council.changes)
            out.append(f"  since {council.previous_date or council.previous}: {counts}")
    if len(shown) < len(bench.councils):
        others = len(bench.councils) - len(shown)
        out.append(
            f"  ({others} other councils: without --council, or --format csv, for every one)"
        )
    bottom = bench.bottom(5)
    if bottom:
        out += ["", f"Characteristics most often below {_threshold_label(bench)}:"]
        out += [
            f"  {d.item}: {_span(d.below_certain, d.below_possible)} of {d.assessed} councils"
            for d in bottom
        ]
    return "\n".join(out)
