"""Level, State and Scale: an ordered scale on the common 0-1 delivery axis.

Each level of a scale owns a band of the delivery axis; bands are contiguous, ordered worst
first and cover 0-1 exactly. States (excluded, grey, not assessed) are not positions on the
axis: they are never ordered, averaged or translated into levels.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from attrs import frozen

from .._core.convert import Data, as_document, compact, raise_if, strings
from .._core.document import Document
from .._core.errors import KeyPath, Problem, UnknownLabelError, UnknownReferenceError
from .._core.suggest import suggest

if TYPE_CHECKING:
    from .._core.vocab import Policy
    from .crosswalk import Crosswalk

__all__ = ["COMMON_STATES", "Level", "Scale", "State", "normalise_label"]


@lru_cache(maxsize=8192)
def normalise_label(text: str) -> str:
    """Forgiving form of a label: case, spacing, hyphens, underscores and a trailing '*'
    (a footnote marker, as in Blaby's ``Exc*``) do not matter.

    >>> normalise_label("  Light-green* "), normalise_label("NOT_ASSESSED")
    ('light green', 'not assessed')
    """
    text = text.strip().rstrip("*").casefold()
    return re.sub(r"[\s_\-]+", " ", text).strip()


@lru_cache(maxsize=4096)
def exact(value: float) -> Fraction:
    """A band edge as the decimal it was written as (0.2 is 1/5, not 0.2000000000000000111);
    computed once per distinct edge (a comparison of 300 councils asks a million times)."""
    return Fraction(repr(value))


@frozen(kw_only=True)
class Level(Data):
    """A position on the scale, owning ``band`` of the 0-1 delivery axis."""

    __data__ = ("id", "label", "aliases?", "colour?", "band", "meaning?")

    id: str
    label: str
    band: tuple[float, float]
    aliases: tuple[str, ...] = ()
    colour: str | None = None
    meaning: str | None = None

    @property
    def low(self) -> Fraction:
        return exact(self.band[0])

    @property
    def high(self) -> Fraction:
        return exact(self.band[1])


@frozen(kw_only=True)
class State(Data):
    """A value that is not a position: excluded, grey, not assessed, ..."""

    __data__ = ("id", "label", "aliases?", "colour?", "meaning?")

    id: str
    label: str
    aliases: tuple[str, ...] = ()
    colour: str | None = None
    meaning: str | None = None


COMMON_STATES = (
    State(
        id="excluded",
        label="Excluded",
        aliases=("Exc", "N/A", "NA", "not relevant", "not applicable"),
        colour="#FFFFFF",
        meaning="Excluded from the assessment (for example as not relevant to the council).",
    ),
    State(
        id="not-assessed",
        label="Not assessed",
        aliases=("", "-", "not scored", "blank"),
        colour="#F2F2F2",
        meaning="No score was given (a blank cell).",
    ),
)


@frozen(kw_only=True)
class Scale:
    """An ordered scale: ``levels`` worst first, and ``states`` that are not positions.

    >>> s = Scale.from_dict({"id": "demo", "title": "Demo", "levels": [
    ...     {"id": "low", "band": [0, 0.5]}, {"id": "high", "band": [0.5, 1]}]})
    >>> s.parse("HIGH"), s.parse("Exc*"), s.parse(""), s.is_state("excluded")
    ('high', 'excluded', 'not-assessed', True)
    """

    id: str
    title: str
    levels: tuple[Level, ...]
    states: tuple[State, ...] = COMMON_STATES
    source: str | None = None
    note: str | None = None

    @property
    def entries(self) -> tuple[Level | State, ...]:
        """Levels (worst first), then states."""
        return (*self.levels, *self.states)

    @cached_property
    def _lookup(self) -> Mapping[str, str]:
        table: dict[str, str] = {}
        for entry in self.entries:
            for name in (entry.id, entry.label, *entry.aliases):
                table.setdefault(normalise_label(name), entry.id)
        return table

    @cached_property
    def _position(self) -> Mapping[str, int]:
        return {level.id: i for i, level in enumerate(self.levels)}

    @cached_property
    def level_ids(self) -> tuple[str, ...]:
        return tuple(level.id for level in self.levels)

    @cached_property
    def state_ids(self) -> tuple[str, ...]:
        return tuple(state.id for state in self.states)

    @cached_property
    def _states(self) -> frozenset[str]:
        return frozenset(state.id for state in self.states)

    def level(self, level_id: str) -> Level:
        return self.levels[self.rank(level_id)]

    def state(self, state_id: str) -> State:
        for state in self.states:
            if state.id == state_id:
                return state
        raise UnknownReferenceError(f"scale {self.id!r} has no state {state_id!r}")

    def rank(self, level_id: str) -> int:
        """Position of a level, 0 = worst."""
        try:
            return self._position[level_id]
        except KeyError:
            raise UnknownReferenceError(
                f"scale {self.id!r} has no level {level_id!r}",
                suggestions=suggest(level_id, self.level_ids),
            ) from None

    def is_state(self, value_id: str) -> bool:
        return value_id in self._states

    def label_of(self, value_id: str) -> str:
        if self.is_state(value_id):
            return self.state(value_id).label
        return self.level(value_id).label

    def colour_of(self, value_id: str) -> str | None:
        if self.is_state(value_id):
            return self.state(value_id).colour
        return self.level(value_id).colour

    def parse(self, value: object) -> str:
        """The level or state ID a written score means, forgivingly.

        Accepts IDs, labels and aliases in any case and spacing, integers for numeric
        levels, and None or a blank for not assessed.
        """
        if value is None:
            text = ""
        elif isinstance(value, bool):
            text = str(value)
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = str(value)
        hit = self._lookup.get(normalise_label(text))
        if hit is not None:
            return hit
        options = [entry.label for entry in self.entries]
        options += [alias for entry in self.entries for alias in entry.aliases if alias]
        raise UnknownLabelError(
            f"{text!r} is not a level or state of scale {self.id!r} "
            f"(levels: {', '.join(level.label for level in self.levels)}; "
            f"states: {', '.join(state.label for state in self.states)})",
            suggestions=suggest(text, options),
        )

    def with_bands(self, bands: Mapping[str, tuple[float, float]]) -> Scale:
        """A copy with some levels' bands replaced (and checked again)."""
        unknown = [key for key in bands if key not in self._position]
        if unknown:
            raise UnknownReferenceError(
                f"scale {self.id!r} has no level {unknown[0]!r}",
                suggestions=suggest(unknown[0], self.level_ids),
            )
        data = self.to_dict()
        for level in data["levels"]:
            if level["id"] in bands:
                level["band"] = list(bands[level["id"]])
        return Scale.from_dict(data, filename=f"scale {self.id} with bands overridden")

    def crosswalk(self, other: Scale, *, policy: Policy = "range") -> Crosswalk:
        """Every level and state of this scale translated to ``other``."""
        from .crosswalk import crosswalk

        return crosswalk(self, other, policy=policy)

    # -- conversion ----------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | Document, *, filename: str | None = None) -> Scale:
        """Build and check a scale; every problem is reported in one :class:`DataError`."""
        doc = as_document(data, "scale", filename)
        raw = doc.data
        problems: list[Problem] = []
        levels = tuple(
            Level(
                id=lv["id"],
                label=lv.get("label", lv["id"]),
                band=(float(lv["band"][0]), float(lv["band"][1])),
                aliases=strings(lv.get("aliases")),
                colour=lv.get("colour"),
                meaning=lv.get("meaning"),
            )
            for lv in raw["levels"]
        )
        own_states = [
            State(
                id=st["id"],
                label=st.get("label", st["id"]),
                aliases=strings(st.get("aliases")),
                colour=st.get("colour"),
                meaning=st.get("meaning"),
            )
            for st in raw.get("states", ())
        ]
        states = _with_common_states(own_states)
        problems += _band_problems(doc, levels)
        problems += _name_problems(doc, levels, own_states, states)
        raise_if(problems)
        return cls(
            id=raw["id"],
            title=raw["title"],
            source=raw.get("source"),
            note=raw.get("note"),
            levels=levels,
            states=states,
        )

    def to_dict(self) -> dict[str, Any]:
        """The scale as written; the common states are left implicit unless redefined."""
        common = {s.id: s for s in COMMON_STATES}
        own = [s.to_dict() for s in self.states if common.get(s.id) != s]
        out = compact({"id": self.id, "title": self.title, "source": self.source})
        out |= compact({"note": self.note})
        out["levels"] = [level.to_dict() for level in self.levels]
        if own:
            out["states"] = own
        return out


def _with_common_states(own: list[State]) -> tuple[State, ...]:
    """A scale's own states plus the common ones it does not redefine (common ones last)."""
    defined = {s.id for s in own}
    return (*own, *(s for s in COMMON_STATES if s.id not in defined))


def _band_problems(doc: Document, levels: tuple[Level, ...]) -> list[Problem]:
    problems: list[Problem] = []
    previous: Level | None = None
    for i, level in enumerate(levels):
        path: KeyPath = ("levels", i, "band")
        if level.low >= level.high:
            problems.append(
                doc.problem(
                    f"band of {level.id!r} must rise: {level.band[0]:g} to {level.band[1]:g}", path
                )
            )
        if previous is None:
            if level.low != 0:
                problems.append(
                    doc.problem(
                        f"the worst level's band must start at 0, not {level.band[0]:g}", path
                    )
                )
        elif level.low > previous.high:
            problems.append(
                doc.problem(
                    f"gap between {previous.id!r} (ends {previous.band[1]:g}) and {level.id!r} "
                    f"(starts {level.band[0]:g}): bands must be contiguous",
                    path,
                )
            )
        elif level.low < previous.high:
            problems.append(
                doc.problem(
                    f"{level.id!r} (starts {level.band[0]:g}) overlaps {previous.id!r} (ends "
                    f"{previous.band[1]:g}): bands must be ordered worst first and not overlap",
                    path,
                )
            )
        previous = level
    if previous is not None and previous.high != 1:
        problems.append(
            doc.problem(
                f"the best level's band must end at 1, not {previous.band[1]:g}",
                ("levels", len(levels) - 1, "band"),
            )
        )
    return problems


def _name_problems(
    doc: Document, levels: tuple[Level, ...], own: list[State], states: tuple[State, ...]
) -> list[Problem]:
    """IDs, labels and aliases must name one entry each, after normalisation."""
    problems: list[Problem] = []
    seen: dict[str, tuple[str, str, str]] = {}  # normalised -> (entry id, field, text)
    entries: list[tuple[KeyPath, Level | State]] = [
        (("levels", i), lv) for i, lv in enumerate(levels)
    ]
    entries += [(("states", i), st) for i, st in enumerate(own)]
    own_ids = {s.id for s in own}
    entries += [((), st) for st in states if st.id not in own_ids]
    ids: set[str] = set()
    for path, entry in entries:
        if entry.id in ids:
            problems.append(doc.problem(f"duplicate id {entry.id!r}", (*path, "id")))
            continue
        ids.add(entry.id)
        names = [("id", entry.id), ("label", entry.label)] + [("alias", a) for a in entry.aliases]
        for what, text in names:
            key = normalise_label(text)
            other = seen.get(key)
            if other is None:
                seen[key] = (entry.id, what, text)
            elif other[0] != entry.id:
                owner = f"{other[1]} {other[2]!r} of {other[0]!r}"
                problems.append(
                    doc.problem(
                        f"{what} {text!r} of {entry.id!r} reads the same as the {owner}",
                        path,
                    )
                )
    return problems
