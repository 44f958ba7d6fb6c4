"""Score, PublishedTotals and Assessment."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from attrs import evolve, field, frozen

from .._catalogues.model import Catalogue
from .._core import display
from .._core.convert import as_document, compact, raise_if, strings
from .._core.document import Document
from .._core.errors import Problem, UnknownLabelError, UnknownReferenceError
from .._core.vocab import ITEMS_PUBLISHED, ItemsPublished, Policy, SummaryBasis
from .._scales.model import Scale

if TYPE_CHECKING:
    from .summary import AssessmentSummary

__all__ = ["ITEMS_PUBLISHED", "Assessment", "PublishedTotals", "Score", "Translated"]

UNKNOWN = None  # a score that exists but was not published


@frozen(kw_only=True)
class Translated:
    """Where a score shown on another scale came from: the scale it was written on, the
    label as that scale names it, and the translation policy that placed it."""

    scale: str
    """The ID of the scale the score was written on."""
    label: str
    """The score as that scale names it (a range as ``low-high``)."""
    policy: Policy

    def __str__(self) -> str:
        return f"from {self.scale} {self.label} ({self.policy})"


@frozen(kw_only=True)
class Score:
    """The score of one item.

    ``value`` is a level or state ID of the assessment's scale, or None when the item was
    scored but its score is not published. ``code`` and ``label`` are as written in the
    source, so files are written back as they were read. After a migration ``upper`` may
    hold the top of a range (``value`` is then its bottom), ``inferred`` marks a score
    carried by assumption (split) and ``provenance`` says where it came from. A score
    translated from another scale says so in ``translated``.
    """

    item: str
    value: str | None
    code: str
    label: str | None = None
    note: str | None = None
    evidence: tuple[str, ...] = ()
    action: str | None = None
    listed: bool = True
    upper: str | None = None
    inferred: bool = False
    provenance: str | None = None
    translated: Translated | None = None

    @property
    def history(self) -> str | None:
        """Where the score came from, in words: its provenance, then its translation."""
        if self.translated is None:
            return self.provenance
        return f"{self.provenance}; {self.translated}" if self.provenance else str(self.translated)

    @property
    def is_range(self) -> bool:
        return self.upper is not None and self.upper != self.value

    def written(self, scale: Scale) -> str | None:
        """The score as it is to be written out."""
        if self.label is not None:
            return self.label
        if self.value is None:
            return None
        return scale.label_of(self.value)

    def to_entry(self, scale: Scale) -> Any:
        extra = compact(
            {
                "note": self.note,
                "evidence": list(self.evidence) or None,
                "action": self.action,
                "upper": None if self.upper is None else scale.label_of(self.upper),
                "inferred": self.inferred or None,
                "provenance": self.history,
            }
        )
        written = self.written(scale)
        return {"score": written} | extra if extra else written


@frozen(kw_only=True)
class PublishedTotals:
    """Counts the council published, by level or state ID; reconciled, never used as results."""

    source: str
    counts: tuple[tuple[str, int], ...]
    quote: str | None = None

    def to_dict(self, scale: Scale) -> dict[str, Any]:
        return compact({"source": self.source, "quote": self.quote}) | {
            "counts": {
                (scale.level(k).id if not scale.is_state(k) else k): v for k, v in self.counts
            }
        }


@frozen(kw_only=True)
class Assessment:
    """One council's scores against one catalogue, on one scale.

    ``scores`` has one entry for every item of the catalogue, in catalogue order: items the
    source does not list are ``not-assessed`` (when ``items_published`` is ``all``) or of
    unknown score (``some``/``none``: the council scored them but did not publish the score).
    """

    id: str
    council: str
    catalogue: Catalogue = field(repr=False)
    scale: Scale = field(repr=False)
    scores: tuple[Score, ...] = field(repr=False)
    catalogue_ref: str
    scale_ref: str
    date: str | None = None
    numbering: str | None = None
    source: str | None = None
    notes: str | None = None
    items_published: ItemsPublished = "all"
    published: tuple[PublishedTotals, ...] = ()

    @cached_property
    def _by_item(self) -> Mapping[str, Score]:
        return {score.item: score for score in self.scores}

    def score(self, ref: str) -> Score:
        """The score of an item by ID, council code or qualified reference."""
        return self._by_item[self.catalogue.resolve(ref, scheme=self.numbering)]

    @property
    def version(self) -> str:
        return self.catalogue.version

    @property
    def has_item_scores(self) -> bool:
        return any(s.listed and s.value is not None for s in self.scores)

    def summary(self, *, basis: SummaryBasis | None = None) -> AssessmentSummary:
        """Counts by level and state (see :class:`AssessmentSummary`).

        ``basis`` is ``items`` (count the item scores) or ``published`` (the first published
        totals); by default ``items`` when every item's score is published, else
        ``published``: an assessment that publishes only totals says so in the result.
        """
        from .summary import summarise

        return summarise(self, basis=basis)

    def records(self) -> list[dict[str, Any]]:
        """One record per item of the catalogue, in its order: the council's code, the
        catalogue ID, the theme and its title, the score (level label or None), its rank
        (1 = worst level), the state, the label as written, note, evidence, action."""
        titles = {t.id: t.title for t in self.catalogue.themes}
        out = []
        for score in self.scores:
            theme = self.catalogue.item(score.item).theme
            level = score.value if score.value and not self.scale.is_state(score.value) else None
            out.append(
                {
                    "code": score.code,
                    "item": score.item,
                    "theme": theme,
                    "theme_title": titles[theme],
                    "score": None if level is None else self.scale.label_of(level),
                    "rank": None if level is None else self.scale.rank(level) + 1,
                    "state": score.value
                    if score.value and self.scale.is_state(score.value)
                    else None,
                    "label": score.written(self.scale),
                    "note": score.note,
                    "evidence": "; ".join(score.evidence) or None,
                    "action": score.action,
                    "listed": score.listed,
                }
            )
        return out

    def to_frame(self) -> Any:
        """:meth:`records` as a pandas DataFrame indexed by catalogue ID (the ``pandas``
        extra): ``score`` an ordered categorical of the scale's levels, worst first;
        ``rank`` a nullable integer; ``state`` a categorical of the scale's states."""
        from .._core.frames import frame

        return frame(
            self.records(),
            feature="Assessment.to_frame()",
            ordered={"score": [self.scale.label_of(lv) for lv in self.scale.level_ids]},
            categories={"state": list(self.scale.state_ids)},
            integers=["rank"],
            index="item",
        )

    def _repr_html_(self) -> str:
        """The heat map, in a notebook (drawn by the renderer registered for it)."""
        return display.html(self)

    def replace_scores(self, scores: tuple[Score, ...], **changes: Any) -> Assessment:
        return evolve(self, scores=scores, **changes)

    # -- conversion ----------------------------------------------------------------------
    @classmethod
    def from_dict(
        cls,
        data: Mapping[str, Any] | Document,
        *,
        catalogue: Catalogue,
        scale: Scale,
        filename: str | None = None,
    ) -> Assessment:
        """Build and check an assessment against the ``catalogue`` and ``scale`` it names
        (already loaded: reading the files they name is the input layer's work); every
        problem is reported in one DataError.
        """
        doc = as_document(data, "assessment", filename)
        raw = doc.data
        problems: list[Problem] = []
        numbering = raw.get("numbering")
        if numbering is not None:
            try:
                catalogue.scheme(numbering)
            except UnknownReferenceError as exc:
                problems.append(doc.problem(str(exc), ("numbering",)))
                numbering = None
        items_published = raw.get("items_published", "all")
        listed: dict[str, Score] = {}
        for code, entry in raw["scores"].items():
            path = ("scores", code)
            try:
                item = catalogue.resolve(code, scheme=numbering)
            except UnknownReferenceError as exc:
                problems.append(doc.problem(str(exc), path))
                continue
            if item in listed:
                problems.append(
                    doc.problem(
                        f"{code!r} is item {item}, already scored as {listed[item].code!r}", path
                    )
                )
                continue
            written = entry.get("score") if isinstance(entry, dict) else entry
            details = entry if isinstance(entry, dict) else {}
            try:
                value = scale.parse(written)
                upper = None if details.get("upper") is None else scale.parse(details["upper"])
            except UnknownLabelError as exc:
                problems.append(doc.problem(str(exc), path))
                continue
            listed[item] = Score(
                item=item,
                value=value,
                code=code,
                label=None if written is None else str(written),
                note=details.get("note"),
                evidence=strings(details.get("evidence")),
                action=details.get("action"),
                upper=upper,
                inferred=bool(details.get("inferred", False)),
                provenance=details.get("provenance"),
            )
        published = []
        for p, totals in enumerate(raw.get("published", ())):
            counts = []
            for key, count in totals["counts"].items():
                try:
                    counts.append((scale.parse(key), count))
                except UnknownLabelError as exc:
                    problems.append(doc.problem(str(exc), ("published", p, "counts", key)))
            published.append(
                PublishedTotals(
                    source=totals["source"], quote=totals.get("quote"), counts=tuple(counts)
                )
            )
        raise_if(problems)
        absent = "not-assessed" if items_published == "all" else UNKNOWN
        scores = tuple(
            listed.get(item.id)
            or Score(item=item.id, value=absent, code=item.id, label=None, listed=False)
            for item in catalogue.items
        )
        return cls(
            id=raw["id"],
            council=raw["council"],
            date=raw.get("date"),
            catalogue=catalogue,
            catalogue_ref=raw["catalogue"],
            numbering=numbering,
            scale=scale,
            scale_ref=raw["scale"],
            source=raw.get("source"),
            notes=raw.get("notes"),
            items_published=items_published,
            published=tuple(published),
            scores=scores,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "council": self.council}
        out |= compact(
            {
                "date": self.date,
                "catalogue": self.catalogue_ref,
                "numbering": self.numbering,
                "scale": self.scale_ref,
                "source": self.source,
                "notes": self.notes,
            }
        )
        out["items_published"] = self.items_published
        if self.published:
            out["published"] = [p.to_dict(self.scale) for p in self.published]
        out["scores"] = {s.code: s.to_entry(self.scale) for s in self.scores if s.listed}
        return out
