"""Assessments, migrations and comparisons as plain text for the terminal. Renderers take a
result and read only its public attributes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .._assessments.comparison import TRANSLATED_MARK, is_translated
from .text import table

if TYPE_CHECKING:
    from .._assessments.compare import Comparison
    from .._assessments.migrate import Migration
    from .._assessments.model import Assessment

__all__ = ["comparison_text", "migration_data", "migration_text", "summary_text"]


def summary_text(a: Assessment, *, basis: Any, threshold: str | None, states: Sequence[str]) -> str:
    s = a.summary(basis=basis)
    scale = a.scale
    out = [f"{a.council}: {a.id} ({a.date or 'undated'}) on {a.catalogue.key}, scale {scale.id}"]
    if s.basis == "published":
        out.append(
            "  No per-item scores for every item: these are the PUBLISHED totals "
            f"({a.published[0].source})."
        )
        listed = sum(1 for x in a.scores if x.listed)
        out.append(f"  Item scores published for {listed} of {len(a.scores)} items.")
    rows: list[list[object]] = [
        [scale.label_of(lv), n] for lv, n in reversed(list(s.levels.items()))
    ]
    rows += [[scale.label_of(st) + " (state)", n] for st, n in s.states.items()]
    if s.unknown:
        rows.append(["score not published", s.unknown])
    out.append(table(["score", "items"], rows, indent="  "))
    out.append(f"  assessed (with a level): {s.assessed}")
    if threshold:
        level = scale.parse(threshold)
        counted = [scale.parse(st) for st in states]
        share = s.share_at_or_above(level, include_states=counted)
        with_states = f" (counting {', '.join(counted)})" if counted else ""
        out.append(f"  at or above {scale.label_of(level)}{with_states}: {share}")
    if s.themes:
        header = [
            "theme",
            *(scale.label_of(lv) for lv in reversed(scale.level_ids)),
            *(scale.label_of(st) for st in scale.state_ids),
        ]
        theme_rows = []
        for theme in a.catalogue.themes:
            t = s.themes[theme.id]
            theme_rows.append(
                [
                    theme.title,
                    *(t.levels[lv] for lv in reversed(scale.level_ids)),
                    *(t.states[st] for st in scale.state_ids),
                ]
            )
        out += ["", table(header, theme_rows, indent="  ")]
    return "\n".join(out)


def migration_text(result: Migration, *, ledger: bool = False) -> str:
    """The counts of a migration's input items by outcome, and the items not carried over
    that had a score (``ledger``: every item)."""
    a = result.source
    counts = result.counts()
    out = [
        f"{a.id}: {a.catalogue.key} -> {result.assessment.catalogue.key} through "
        f"{result.mapping} (merge policy {result.merge_policy})",
        table(["input items", "count"], list(counts.items()), indent="  "),
    ]
    lost = [e for e in result.ledger if not e.carried_over]
    shown = result.ledger if ledger else [e for e in lost if e.value is not None]
    for entry in shown:
        value = "?" if entry.value is None else a.scale.label_of(entry.value)
        where = f" -> {', '.join(entry.targets)}" if entry.targets else ""
        out.append(f"  {entry.code} ({value}): {entry.outcome}{where}")
    if not ledger and len(shown) < len(lost):
        out.append(
            f"  ({len(lost) - len(shown)} more not carried over had no published score; "
            "--ledger lists every item)"
        )
    return "\n".join(out)


def migration_data(result: Migration) -> dict[str, Any]:
    """A migration as JSON-ready data: the two versions, counts and the whole ledger."""
    return {
        "assessment": result.source.id,
        "from": result.source.catalogue.key,
        "to": result.assessment.catalogue.key,
        "mapping": result.mapping,
        "merge_policy": result.merge_policy,
        "counts": result.counts(),
        "ledger": [entry.to_dict() for entry in result.ledger],
    }


def comparison_text(result: Comparison) -> str:
    """Per assessment, each theme's items by level; with two, the change per item; then
    the ledger."""
    scale = result.scale
    out = [
        f"Compared on {scale.id} ({result.policy}), version {result.catalogue.key}"
        + (" - year on year" if result.year_on_year else " - between councils")
    ]
    out += [f"  ({line})" for line in result.chosen]
    themes = result.themes()
    levels = list(reversed(scale.level_ids))
    for n, name in enumerate(result.ids):
        rows = [
            [theme.title, *(themes[theme.id][n].levels[lv] for lv in levels)]
            for theme in result.catalogue.themes
        ]
        sources = sorted(
            {
                (s.translated.scale, s.translated.policy)
                for s in result.assessments[n].scores
                if s.translated is not None and is_translated(scale, s)
            }
        )
        how = ", ".join(f"from {source} ({policy})" for source, policy in sources)
        out += [
            "",
            f"{name}:" + (f" translated {how}" if how else ""),
            table(["theme", *(scale.label_of(lv) for lv in levels)], rows, indent="  "),
        ]
    if len(result.ids) == 2:
        counts = result.changes()
        out.append(
            "\n  change per item (second against first): "
            + ", ".join(f"{n} {k}" for k, n in counts.items())
        )
        changed = [row for row in result.rows if row.change not in (None, "same", "not comparable")]
        for row in changed[:40]:
            before, after = (result.shown(s) for s in row.scores)
            out.append(f"    {row.item}: {before} -> {after} ({row.change})")
        if len(changed) > 40:
            out.append(f"    ... and {len(changed) - 40} more (--format csv lists every item)")
        if any(s.translated for row in changed[:40] for s in row.scores):
            out.append(
                f"    ({TRANSLATED_MARK} translated from another scale: --format csv says how)"
            )
    out.append("\nLedger (every input item accounted for):")
    counts_by = result.ledger_counts()
    outcomes = sorted({o for c in counts_by.values() for o in c})
    out.append(
        table(
            ["assessment", *outcomes, "total"],
            [
                [i, *(counts_by[i].get(o, 0) for o in outcomes), sum(counts_by[i].values())]
                for i in result.ids
            ],
            indent="  ",
        )
    )
    return "\n".join(out)
