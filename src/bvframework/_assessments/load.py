"""Reading and writing assessments: YAML, CSV and (with the ``excel`` extra) XLSX."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .._catalogues.load import load_catalogue
from .._catalogues.model import Catalogue
from .._core.bundled import bundled_refs, is_path_like, read_bundled
from .._core.errors import (
    DataError,
    Problem,
    UnknownLabelError,
    UnknownReferenceError,
)
from .._core.errors import Path as ErrorPath
from .._core.schema import require
from .._core.tabular import read_rows
from .._core.yamlio import Document, Mark, dump_yaml, read_document
from .._scales.load import bundled_scales, load_scale
from .._scales.model import Scale
from .model import Assessment

__all__ = [
    "assessment_from_rows",
    "bundled_assessments",
    "dump_assessment",
    "load_assessment",
    "read_table",
    "write_csv",
]

CSV_COLUMNS = ("item", "score", "note", "evidence", "action")


def _near(ref: str, base: Path | None) -> str:
    """A path-like reference inside a file is relative to that file's folder."""
    if base is not None and is_path_like(ref) and not Path(ref).is_absolute():
        return str(base / ref)
    return ref


def load_assessment(ref: str | os.PathLike[str], **options: Any) -> Assessment:
    """An assessment from a YAML, CSV or XLSX file, or a bundled reference such as
    ``"best-value/blaby-2025"``.

    CSV and XLSX take ``catalogue=`` (required), ``numbering=``, ``scale=`` (inferred from
    the labels when not given), ``council=``, ``id=`` and ``date=`` as keyword options.

    >>> load_assessment("best-value/blaby-2025").summary().levels["5"]
    24
    """
    if isinstance(ref, os.PathLike) or is_path_like(ref):
        path = Path(ref)
        if path.suffix.lower() in (".csv", ".xlsx"):
            return read_table(path, **options)
        doc: Document = read_document(path)
        base: Path | None = path.parent
    else:
        doc = read_bundled("assessments", ref, what="assessment")
        base = None
    require(doc, "assessment")
    # Relative references inside a file are relative to that file; the data keeps them as
    # written, so the assessment is written back the way it was read.
    problems: list[Problem] = []
    catalogue: Catalogue | None = None
    scale: Scale | None = None
    try:
        catalogue = load_catalogue(_near(doc.data["catalogue"], base))
    except UnknownReferenceError as exc:
        problems.append(doc.problem(str(exc), ("catalogue",)))
    try:
        scale = load_scale(_near(doc.data["scale"], base))
    except UnknownReferenceError as exc:
        problems.append(doc.problem(str(exc), ("scale",)))
    if problems or catalogue is None or scale is None:
        raise DataError(problems)
    return Assessment.from_dict(doc, catalogue=catalogue, scale=scale)


def bundled_assessments() -> tuple[str, ...]:
    return bundled_refs("assessments")


def dump_assessment(assessment: Assessment) -> str:
    """YAML that :func:`load_assessment` reads back to an equal assessment."""
    return dump_yaml(assessment.to_dict())


def write_csv(assessment: Assessment) -> str:
    """CSV as councils keep it: item code, score, note, evidence, action (one row per item
    listed in the source; evidence entries joined by ``; ``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for score in assessment.scores:
        if score.listed:
            writer.writerow(
                [
                    score.code,
                    score.written(assessment.scale) or "",
                    score.note or "",
                    "; ".join(score.evidence),
                    score.action or "",
                ]
            )
    return out.getvalue()


def _infer_scale(labels: Iterable[str], source: str) -> str:
    """The one built-in scale every label is on; or an error naming the mix."""
    labels = [label for label in labels if label.strip()]
    fits: dict[str, list[str]] = {}
    for ref in bundled_scales():
        scale = load_scale(ref)
        ok = []
        for label in labels:
            try:
                if not scale.is_state(scale.parse(label)):
                    ok.append(label)
            except UnknownLabelError:
                continue
        fits[ref] = ok
    scored = [lab for lab in labels if any(lab in ok for ok in fits.values())]
    whole = [ref for ref, ok in fits.items() if len(ok) == len(scored) and scored]
    if len(whole) == 1:
        return whole[0]
    if len(whole) > 1:
        raise DataError(
            [
                Problem(
                    message=f"the scores fit several scales ({', '.join(whole)}); "
                    "name one with scale=",
                    source=source,
                )
            ]
        )
    parts = [f"{ref}: {', '.join(sorted(set(ok))[:4])}" for ref, ok in fits.items() if ok]
    raise DataError(
        [
            Problem(
                message="the scores mix two or more scales ("
                + "; ".join(parts)
                + "); one file, one "
                "scale",
                source=source,
            )
        ]
    )


def assessment_from_rows(
    rows: Sequence[dict[str, str]],
    *,
    catalogue: Catalogue | str,
    source: str,
    numbering: str | None = None,
    scale: Scale | str | None = None,
    council: str = "unknown",
    id: str | None = None,
    date: str | None = None,
    items_published: str = "all",
) -> Assessment:
    """An assessment from table rows (dicts with ``item``/``code`` and ``score`` columns)."""
    if not isinstance(catalogue, Catalogue):
        catalogue = load_catalogue(catalogue)
    problems: list[Problem] = []
    scores: dict[str, Any] = {}
    marks: dict[ErrorPath, Mark] = {}
    for n, row in enumerate(rows, start=2):
        normal = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        code = normal.get("item") or normal.get("code") or normal.get("id") or ""
        if not code:
            problems.append(Problem(message="a row has no item code", source=source, line=n))
            continue
        if code in scores:
            problems.append(
                Problem(
                    message=f"item {code!r} appears twice",
                    source=source,
                    line=n,
                    path=("scores", code),
                )
            )
            continue
        entry: dict[str, Any] = {"score": normal.get("score", "")}
        for key in ("note", "action"):
            if normal.get(key):
                entry[key] = normal[key]
        if normal.get("evidence"):
            entry["evidence"] = [e.strip() for e in normal["evidence"].split(";") if e.strip()]
        scores[code] = entry if len(entry) > 1 else entry["score"]
        marks[("scores", code)] = Mark(line=n)
    if problems:
        raise DataError(problems)
    if scale is None:
        written = [(e["score"] if isinstance(e, dict) else e) for e in scores.values()]
        scale = _infer_scale(written, source)
    scale_obj = scale if isinstance(scale, Scale) else load_scale(scale)
    data: dict[str, Any] = {
        "id": id or Path(source).stem.replace(" ", "-"),
        "council": council,
        "catalogue": catalogue.ref_for_files,
        "scale": scale_obj.id,
        "items_published": items_published,
        "scores": scores,
    }
    if date:
        data["date"] = date
    if numbering:
        data["numbering"] = numbering
    doc = Document(data=data, source=source, marks=marks)
    return Assessment.from_dict(doc, catalogue=catalogue, scale=scale_obj)


def read_table(path: str | os.PathLike[str], **options: Any) -> Assessment:
    """An assessment from a CSV or XLSX table (columns: item, score, note, evidence, action)."""
    path = Path(path)
    if "catalogue" not in options:
        raise DataError(
            [
                Problem(
                    message="a CSV or XLSX assessment needs the catalogue it scores "
                    "(catalogue=...)",
                    source=str(path),
                )
            ]
        )
    rows = read_rows(path)
    return assessment_from_rows(rows, source=str(path), **options)
