"""Assessments from tables and back to text (pure: tables in, objects and strings out)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .._catalogues.model import Catalogue
from .._core.cells import neutralise_cell
from .._core.document import Document
from .._core.errors import DataError, KeyPath, Problem, UnknownLabelError, group_problems
from .._core.marks import Mark
from .._core.table import Row, Table
from .._core.vocab import ItemsPublished
from .._scales.model import Scale
from .model import Assessment

__all__ = [
    "CSV_COLUMNS",
    "assessment_from_table",
    "dump_assessment",
    "group_problems",
    "infer_scale",
    "write_csv",
]

CSV_COLUMNS = ("item", "score", "note", "evidence", "action")


def dump_assessment(assessment: Assessment) -> str:
    """YAML that ``load_assessment`` reads back to an equal assessment."""
    from .._core.yamlio import dump_yaml

    return dump_yaml(assessment.to_dict())


def write_csv(assessment: Assessment) -> str:
    """CSV as councils keep it: item code, score, note, evidence, action (one row per item
    listed in the source; evidence entries joined by ``; ``). Text cells that a spreadsheet
    would run as a formula are written with a leading ``'``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for score in assessment.scores:
        if score.listed:
            cells = [
                score.code,
                score.written(assessment.scale) or "",
                score.note or "",
                "; ".join(score.evidence),
                score.action or "",
            ]
            writer.writerow([neutralise_cell(c) for c in cells])
    return out.getvalue()


def infer_scale(
    labels: Iterable[str], scales: Sequence[Scale], *, source: str, option: str
) -> Scale:
    """The one scale of ``scales`` every label is a level of; states (Exc, grey) fit any.

    :raises DataError: no scale fits every label, or several do (name one with ``option``).
    """
    labels = [label for label in labels if label.strip()]
    fits: dict[str, list[str]] = {}
    for scale in scales:
        ok = []
        for label in labels:
            try:
                if not scale.is_state(scale.parse(label)):
                    ok.append(label)
            except UnknownLabelError:
                continue
        fits[scale.id] = ok
    scored = [lab for lab in labels if any(lab in ok for ok in fits.values())]
    whole = [s for s in scales if scored and len(fits[s.id]) == len(scored)]
    if len(whole) == 1:
        return whole[0]
    if len(whole) > 1:
        message = (
            f"the scores fit several scales ({', '.join(s.id for s in whole)}); "
            f"name one with {option}"
        )
    elif not scored:
        message = f"no score is a level of a known scale; name the scale with {option}"
    else:
        parts = [f"{ref}: {', '.join(sorted(set(ok))[:4])}" for ref, ok in fits.items() if ok]
        message = f"the scores mix two or more scales ({'; '.join(parts)}); one file, one scale"
    raise DataError([Problem(message=message, source=source)])


def _entry(row: Row) -> dict[str, Any]:
    entry: dict[str, Any] = {"score": row.get("score")}
    notes = [row.get("note")] if row.get("note") else []
    for name, value in row.cells.items():
        if name not in ("item", "score", "theme", "note", "evidence", "action") and value:
            notes.append(f"{name}: {value}")
    if notes:
        entry["note"] = "; ".join(notes)
    if row.get("action"):
        entry["action"] = row.get("action")
    if row.get("evidence"):
        entry["evidence"] = [e.strip() for e in row.get("evidence").split(";") if e.strip()]
    return entry


def assessment_from_table(
    table: Table,
    *,
    catalogue: Catalogue,
    scale: Scale | None = None,
    scales: Sequence[Scale] = (),
    catalogue_ref: str | None = None,
    numbering: str | None = None,
    council: str | None = None,
    id: str | None = None,
    date: str | None = None,
    items_published: ItemsPublished = "all",
    option: str = "scale=",
) -> Assessment:
    """An assessment from a table with ``item`` and ``score`` columns (``note``,
    ``evidence``, ``action`` optional; other columns are kept in the note).

    ``scale`` is inferred from the labels among ``scales`` when not given; ``council``
    defaults to the file's stem (never a shared placeholder: two files of no named council
    are two councils).

    :raises DataError: every problem, the same problem on many rows once with a count.
    """
    problems: list[Problem] = []
    scores: dict[str, Any] = {}
    marks: dict[KeyPath, Mark] = {}
    for row in table.rows:
        code = row.get("item")
        if not code:
            problems.append(
                Problem(message="a row has no item code", source=table.source, line=row.line)
            )
            continue
        if code in scores:
            problems.append(
                Problem(
                    message=f"item {code!r} appears twice (first on line "
                    f"{marks[('scores', code)].line})",
                    source=table.source,
                    line=row.line,
                )
            )
            continue
        entry = _entry(row)
        scores[code] = entry if len(entry) > 1 else entry["score"]
        marks[("scores", code)] = Mark(line=row.line)
    if not table.rows:
        problems.append(Problem(message="the table has a header but no rows", source=table.source))
    # every problem of the file in one pass: rows, then the scale, then the scores
    if scale is None and scores:
        written = [(e["score"] if isinstance(e, dict) else e) for e in scores.values()]
        try:
            scale = infer_scale(written, scales, source=table.source, option=option)
        except DataError as exc:
            problems.extend(exc.problems)
    if scale is None:
        raise DataError(group_problems(problems))
    stem = table.source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    data: dict[str, Any] = {
        "id": id or re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "assessment",
        "council": council or stem or "assessment",
        "catalogue": catalogue_ref or catalogue.ref_for_files,
        "scale": scale.id,
        "items_published": items_published,
        "scores": scores,
    }
    if date:
        data["date"] = date
    if numbering:
        data["numbering"] = numbering
    doc = Document(data=data, source=table.source, marks=marks)
    try:
        assessment = Assessment.from_dict(doc, catalogue=catalogue, scale=scale)
    except DataError as exc:
        problems.extend(exc.problems)
    if problems:
        raise DataError(group_problems(problems))
    return assessment
