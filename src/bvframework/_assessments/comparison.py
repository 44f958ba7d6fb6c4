"""The result of a comparison: assessments brought to one scale and version, per item and
per theme, with a ledger of every input item."""

from __future__ import annotations

import csv
import io
from typing import Any

from attrs import frozen

from .._catalogues.model import Catalogue
from .._core import display
from .._core.cells import neutralise_cell
from .._core.convert import Data
from .._core.vocab import Change, ComparePolicy, LedgerOutcome
from .._scales.model import Scale
from .model import Assessment, Score
from .summary import AssessmentSummary

__all__ = [
    "TRANSLATED_MARK",
    "Comparison",
    "ComparisonRow",
    "LedgerLine",
    "is_translated",
    "score_kind",
]

TRANSLATED_MARK = "\u2020"  # dagger: a score translated from another scale
_YEAR_ON_YEAR: tuple[Change, ...] = ("improved", "declined", "same", "not comparable")
_BETWEEN: tuple[Change, ...] = ("higher", "lower", "same", "not comparable")


@frozen(kw_only=True)
class LedgerLine(Data):
    """What became of one input item of one assessment in the comparison."""

    __data__ = ("assessment", "item", "code", "outcome", "detail")

    assessment: str
    item: str
    code: str
    outcome: LedgerOutcome
    detail: str = ""


@frozen(kw_only=True)
class ComparisonRow:
    """One item of the common version, with each assessment's score on the common scale."""

    item: str
    theme: str
    scores: tuple[Score, ...]
    change: Change | None = None
    reason: str = ""
    """Why a change is ``not comparable`` (empty otherwise)."""


@frozen(kw_only=True)
class Comparison:
    """Assessments brought to one scale and version, per item and per theme, with a ledger."""

    scale: Scale
    catalogue: Catalogue
    policy: ComparePolicy
    ids: tuple[str, ...]
    assessments: tuple[Assessment, ...]
    rows: tuple[ComparisonRow, ...]
    ledger: tuple[LedgerLine, ...]
    year_on_year: bool
    mappings: tuple[str, ...] = ()
    """The mappings the assessments were carried through (keys), in the order given."""
    chosen: tuple[str, ...] = ()
    """What was chosen by default and why (the common version and scale), in words."""

    def themes(self) -> dict[str, tuple[AssessmentSummary, ...]]:
        """Per theme, each assessment's summary on the common scale."""
        summaries = [a.summary(basis="items") for a in self.assessments]
        return {t.id: tuple(s.themes[t.id] for s in summaries) for t in self.catalogue.themes}

    def ledger_counts(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {i: {} for i in self.ids}
        for line in self.ledger:
            counts = out[line.assessment]
            counts[line.outcome] = counts.get(line.outcome, 0) + 1
        return out

    def changes(self) -> dict[Change, int]:
        """How many items changed which way: improved/declined year on year (one council),
        higher/lower between councils; same; not comparable."""
        counts = dict.fromkeys(_YEAR_ON_YEAR if self.year_on_year else _BETWEEN, 0)
        for row in self.rows:
            if row.change is not None:
                counts[row.change] += 1
        return counts

    def records(self) -> list[dict[str, Any]]:
        """Long format: one record per item and assessment (plain dicts, no pandas)."""
        out = []
        for row in self.rows:
            for name, assessment, score in zip(self.ids, self.assessments, row.scores, strict=True):
                out.append(
                    {
                        "assessment": name,
                        "council": assessment.council,
                        "date": assessment.date,
                        "item": row.item,
                        "theme": row.theme,
                        "value": score.value,
                        "upper": score.upper,
                        "label": self.label(score),
                        "translated": is_translated(self.scale, score),
                        "policy": score.translated.policy
                        if score.translated is not None and is_translated(self.scale, score)
                        else None,
                        "kind": score_kind(self.scale, score),
                        "code": score.code,
                        "change": row.change,
                        "reason": row.reason,
                        "provenance": score.history,
                    }
                )
        return out

    def to_frame(self, *, long: bool = False) -> Any:
        """A pandas DataFrame (the ``pandas`` extra): :meth:`wide` by default, indexed by
        item in catalogue order, each assessment's column an ordered categorical of the
        common scale's levels (worst first; a state or a range is missing there and kept in
        the ``... label`` column beside it); with ``long``, :meth:`records`."""
        from .._core.frames import frame

        levels = [self.scale.label_of(lv) for lv in self.scale.level_ids]
        if long:
            return frame(
                self.records(),
                feature="Comparison.to_frame()",
                categories={"kind": ["level", "range", "state", "unknown"]},
            )
        records = []
        for record, compared in zip(self.wide(), self.rows, strict=True):
            row = dict(record)
            for header, score in zip(self.headers, compared.scores, strict=True):
                row[f"{header} label"] = record[header]
                plain = self.label(score)
                row[header] = plain if plain in levels else None
            records.append(row)
        changes = list(dict.fromkeys(r.change for r in self.rows if r.change is not None))
        return frame(
            records,
            feature="Comparison.to_frame()",
            ordered=dict.fromkeys(self.headers, levels),
            categories={"change": changes} if changes else None,
            index="item",
        )

    def label(self, score: Score) -> str:
        """A score as the common scale names it: ``?`` when unknown, a range as ``low-high``."""
        if score.value is None:
            return "?"
        text = self.scale.label_of(score.value)
        if score.upper is not None and score.is_range:
            return f"{text}-{self.scale.label_of(score.upper)}"
        return text

    def shown(self, score: Score) -> str:
        """:meth:`label`, marked ``†`` when the score was translated from another scale
        (:meth:`translated` says from what, under which policy)."""
        text = self.label(score)
        return text + TRANSLATED_MARK if is_translated(self.scale, score) else text

    def translated(self, row: ComparisonRow) -> str:
        """Which of the row's scores were translated, from what and under which policy:
        ``toyshire-2023: from good-fair-poor Fair (nearest)``; empty when none was."""
        return "; ".join(
            f"{header}: {score.translated}"
            for header, score in zip(self.headers, row.scores, strict=True)
            if is_translated(self.scale, score)
        )

    def _repr_html_(self) -> str:
        return display.html(self)

    @property
    def headers(self) -> tuple[str, ...]:
        """One column name per assessment: its ID, numbered where two share one (a file
        compared with itself)."""
        seen: dict[str, int] = {}
        out = []
        for name in self.ids:
            seen[name] = seen.get(name, 0) + 1
            out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
        return tuple(out)

    def code(self, row: ComparisonRow) -> str:
        """The council's code for the row's item: the first assessment's own code on the
        common version, else the catalogue ID."""
        for score in row.scores:
            if score.code != row.item:
                return score.code
        return row.item

    def wide(self) -> list[dict[str, Any]]:
        """One record per item in catalogue order: item, council code, theme and its title,
        one label per assessment (see :attr:`headers`; a translated score marked
        ``†``), which were translated and how, and with two the change and why."""
        titles = {t.id: t.title for t in self.catalogue.themes}
        pair = len(self.ids) == 2
        out = []
        for row in self.rows:
            record: dict[str, Any] = {
                "item": row.item,
                "code": self.code(row),
                "theme": row.theme,
                "theme_title": titles[row.theme],
            }
            record |= {h: self.shown(s) for h, s in zip(self.headers, row.scores, strict=True)}
            record["translated"] = self.translated(row)
            if pair:
                record |= {"change": row.change or "", "reason": row.reason}
            out.append(record)
        return out

    def to_csv(self) -> str:
        """:meth:`wide` as CSV; text that a spreadsheet would run as a formula is written
        with a leading ``'``."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        records = self.wide()
        header = ["item", "code", "theme", "theme_title", *self.headers, "translated"]
        header += ["change", "reason"] if len(self.ids) == 2 else []
        writer.writerow(header)
        writer.writerows([[neutralise_cell(str(r[h])) for h in header] for r in records])
        return out.getvalue()

    def to_dict(self) -> dict[str, Any]:
        return {
            "scale": self.scale.id,
            "version": self.catalogue.key,
            "policy": self.policy,
            "chosen": list(self.chosen),
            "assessments": list(self.ids),
            "year_on_year": self.year_on_year,
            "changes": self.changes() if len(self.ids) == 2 else None,
            "themes": {t: [s.to_dict() for s in sums] for t, sums in self.themes().items()},
            "ledger_counts": self.ledger_counts(),
            "ledger": [line.to_dict() for line in self.ledger],
            "items": self.records(),
        }


def is_translated(scale: Scale, score: Score) -> bool:
    """Whether ``score`` is a level (or range) translated from another scale: a state or
    an unknown score passes through untranslated, whatever it carries."""
    return score.translated is not None and score_kind(scale, score) in ("level", "range")


def score_kind(scale: Scale, score: Score) -> str:
    """``level``, ``range``, ``state`` or ``unknown``: what a score is on ``scale``."""
    if score.value is None:
        return "unknown"
    if scale.is_state(score.value):
        return "state"
    return "range" if score.is_range else "level"
