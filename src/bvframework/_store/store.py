"""The Store: one run's access to data files and bundled data.

It is the only code that decides what a reference names (a bundled entry, a file path, a
path relative to the file that mentions it, a project laid out like this repository) and
the only code that reads files. Each file is read and parsed at most once per Store (a
catalogue file of a megabyte or more is let go once built), and each catalogue, scale and
mapping is built once; a mapping's header is read without building it for routing.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import evolve, frozen

from .._core.document import LARGE, Document
from .._core.errors import DataError, Problem, UnknownReferenceError, UsageError
from .._core.schema import require
from .._core.vocab import DataKind
from .._mappings.route import MappingHeader
from .bundled import FOLDERS, bundled_refs, compiled_data, find_bundled, is_bundled_ref
from .files import STDIN, Limits, decode, read_source_bytes
from .parse import parse_bundled, parse_json, top_scalars

if TYPE_CHECKING:
    from pathlib import PurePath

    from .._assessments.model import Assessment
    from .._catalogues.model import Catalogue
    from .._core.table import Columns, Table
    from .._mappings.model import Mapping
    from .._scales.model import Scale
    from .options import TableOptions

__all__ = ["Source", "Store", "api_spelling", "cli_spelling"]

T = TypeVar("T")

TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".xlsx")
_DATA_SUFFIXES = (".yaml", ".yml", ".json", ".html", ".htm", *TABLE_SUFFIXES)


def api_spelling(option: str) -> str:
    """How the Python API names an option: ``catalogue=``."""
    return {"mapping": "mappings=[...]", "from": "source="}.get(option, f"{option}=")


def cli_spelling(option: str) -> str:
    """How the command line names an option: ``--catalogue``."""
    return "--" + option.replace("_", "-")


@frozen(kw_only=True)
class Source:
    """What a reference resolved to: a bundled entry, a file, or standard input."""

    kind: DataKind
    name: str
    """How messages name it: the path as given, or ``bvframework:<folder>/<ref>``."""
    path: str | None = None
    """The file to read (None: standard input)."""
    bundled: str | None = None

    @property
    def key(self) -> str:
        """Identity for caching: one file reached by two spellings of its path is one."""
        if self.bundled is not None:
            return f"bundled:{self.kind}:{self.bundled}"
        return os.path.realpath(self.path) if self.path is not None else self.name

    @property
    def suffix(self) -> str:
        return os.path.splitext(self.path)[1].lower() if self.path is not None else ""

    @property
    def folder(self) -> str | None:
        """The folder of a user's file (references inside it are relative to it)."""
        if self.path is None or self.bundled is not None:
            return None
        return os.path.dirname(self.path) or "."

    def pure_path(self) -> PurePath:
        """The file's name as a path, for importers that name it (they never read it)."""
        from pathlib import PurePath

        return PurePath(self.path or self.name)


class Store:
    """Resolves references and reads files for one run (a command, or one API call).

    ``spell`` names options in messages the way the caller's interface does
    (``catalogue=`` for Python, ``--catalogue`` for the command line).

    >>> store = Store()
    >>> store.catalogue("best-value/statutory-2024-05") is store.catalogue(
    ...     "best-value/statutory-2024-05")
    True
    """

    def __init__(
        self, *, spell: Callable[[str], str] = api_spelling, limits: Limits | None = None
    ) -> None:
        self.spell = spell
        self.limits = limits or Limits()
        self.reads: Counter[str] = Counter()
        """Times each source was read from disk (at most once each)."""
        self.notices: list[str] = []
        """One-line notices for the user (an encoding guessed, a sheet chosen)."""
        self.used_mappings: list[Mapping] = []
        """The mappings given to :meth:`find_mapping` that a route went through."""
        self._bytes: dict[str, bytes] = {}
        self._docs: dict[str, Document] = {}
        self._built: dict[tuple[str, str], Any] = {}
        self._inputs: set[str] = set()

    # -- references ------------------------------------------------------------------
    @property
    def inputs(self) -> frozenset[str]:
        """The resolved paths of every file read so far (outputs may not name them)."""
        return frozenset(self._inputs)

    def bundled(self, kind: DataKind) -> tuple[str, ...]:
        return bundled_refs(kind)

    def locate(
        self, kind: DataKind, ref: str | os.PathLike[str], *, near: str | None = None
    ) -> Source:
        """What ``ref`` names, as data of ``kind``; ``near`` is the folder of the file that
        mentions it (references inside a file are relative to that file).

        :raises UnknownReferenceError: not a bundled reference and no such file.
        :raises DataError: a reference with control characters.
        """
        if isinstance(ref, os.PathLike):
            return self._file(kind, os.fspath(ref))
        if not isinstance(ref, str):
            raise UnknownReferenceError(f"a {kind} reference must be a string, not {ref!r}")
        if any(ord(c) < 32 or ord(c) == 127 for c in ref):
            raise DataError(
                [
                    Problem(
                        message=f"a {kind} reference cannot contain control characters",
                        source=repr(ref),
                    )
                ]
            )
        if ref == STDIN:
            return Source(kind=kind, name="<stdin>")
        if near is not None and not os.path.isabs(ref):
            relative = os.path.join(near, ref)
            if ref.lower().endswith(_DATA_SUFFIXES) or os.path.isfile(relative):
                return self._file(kind, relative)
        if ref.lower().endswith(_DATA_SUFFIXES) or (os.sep in ref and os.path.exists(ref)):
            return self._file(kind, ref)
        found = find_bundled(kind, ref)
        if found is not None:
            return Source(
                kind=kind,
                name=f"bvframework:{FOLDERS[kind]}/{ref}",
                path=found,
                bundled=ref,
            )
        if os.path.isfile(ref):
            return self._file(kind, ref)
        from .._core.suggest import suggest

        raise UnknownReferenceError(
            f"no bundled {kind} {ref!r} and no such file",
            suggestions=suggest(ref, bundled_refs(kind)) if is_bundled_ref(ref) else (),
        )

    def _file(self, kind: DataKind, path: str) -> Source:
        return Source(kind=kind, name=path, path=path)

    def kind_of(self, ref: str) -> DataKind:
        """What a reference or file holds: catalogue, mapping, scale or assessment.

        :raises UnknownReferenceError: nothing bundled or on disk by that name.
        :raises DataError: a file that is none of the four.
        """
        if ref == STDIN or (
            ref.lower().endswith(_DATA_SUFFIXES) or not is_bundled_ref(ref) or os.path.isfile(ref)
        ):
            source = self.locate("catalogue", ref)
            if self.is_table(source):
                return "assessment"
            data = self.document(source).data
            if not isinstance(data, dict):
                raise DataError([Problem(message="expected a mapping at the top", source=ref)])
            for key, kind in (
                ("relations", "mapping"),
                ("themes", "catalogue"),
                ("levels", "scale"),
                ("scores", "assessment"),
            ):
                if key in data:
                    return kind  # type: ignore[return-value]
            raise DataError(
                [
                    Problem(
                        message="cannot tell what this file is (no themes, relations, levels "
                        "or scores key)",
                        source=ref,
                    )
                ]
            )
        for kind in FOLDERS:
            if find_bundled(kind, ref) is not None:
                return kind  # type: ignore[return-value]
        from .._core.suggest import suggest

        known = [r for k in FOLDERS for r in bundled_refs(k)]
        raise UnknownReferenceError(
            f"no bundled data or file {ref!r}", suggestions=suggest(ref, known)
        )

    # -- reading -----------------------------------------------------------------------
    def read_bytes(self, source: Source) -> bytes:
        """The bytes of ``source``, read from disk once per Store."""
        cached = self._bytes.get(source.key)
        if cached is not None:
            return cached
        data = read_source_bytes(STDIN if source.path is None else source.path, limits=self.limits)
        self.reads[source.name] += 1
        if source.path is not None and source.bundled is None:
            self._inputs.add(os.path.realpath(source.path))
        self._bytes[source.key] = data
        return data

    def read_text(self, source: Source) -> str:
        text, _ = decode(self.read_bytes(source), source.name)
        return text

    def document(self, source: Source) -> Document:
        """The file parsed strictly (YAML; JSON by its suffix), once per Store. Bundled files
        come parsed from the wheel's compiled data where it has them."""
        cached = self._docs.get(source.key)
        if cached is not None:
            return cached
        if source.bundled is not None:
            found, data = compiled_data(source.path or "")
            doc = (
                Document(data=data, source=source.name, conforms=frozenset({source.kind}))
                if found
                else parse_bundled(self.read_text(source), source.name, source.kind)
            )
        else:
            text = self.read_text(source)
            if source.suffix == ".json":
                doc = parse_json(text, source.name)
            else:  # a large file's strict parse may come from the cache (checked)
                from .parsecache import parse_yaml_file

                doc = parse_yaml_file(self.read_bytes(source), text, source.name)
        self._docs[source.key] = doc
        return doc

    def once(self, kind: str, key: str, build: Callable[[], T]) -> T:
        """``build()`` once per Store for ``(kind, key)``; later calls return the same object."""
        found = self._built.get((kind, key))
        if found is None:
            found = build()
            self._built[(kind, key)] = found
        return found

    # -- catalogues and scales -----------------------------------------------------------
    def catalogue(
        self, ref: str | os.PathLike[str] | Catalogue, *, near: str | None = None
    ) -> Catalogue:
        """A catalogue by bundled reference (``best-value/statutory-2024-05``) or path."""
        from .._catalogues.model import Catalogue

        if isinstance(ref, Catalogue):
            return ref
        source = self.locate("catalogue", ref, near=near)

        def build() -> Catalogue:
            doc = self.document(source)
            origin = source.bundled or (
                os.path.realpath(source.path) if source.path else source.name
            )
            built = evolve(Catalogue.from_dict(doc), origin=origin)
            if len(self._bytes.get(source.key, b"")) >= LARGE:  # a large file: its bytes
                del self._bytes[source.key], self._docs[source.key]  # and parse go
            return built

        return self.once("catalogue", source.key, build)

    def is_table(self, source: Source) -> bool:
        """A CSV, TSV or XLSX file by its suffix; standard input by its first line."""
        if source.suffix in TABLE_SUFFIXES or source.path is not None or source.bundled:
            return source.suffix in TABLE_SUFFIXES
        from .tables import is_table_text  # only for standard input

        return is_table_text(decode(self.read_bytes(source), source.name, guess=True)[0])

    def read_catalogue(self, key: str) -> Catalogue | None:
        """A catalogue read in this run (a file's too) whose key is ``key``, or None."""
        built = self._built.items()
        return next((c for (kind, _), c in built if kind == "catalogue" and c.key == key), None)

    def scale(self, ref: str | os.PathLike[str] | Scale, *, near: str | None = None) -> Scale:
        """A scale by built-in ID (``six-colour``) or path."""
        from .._scales.model import Scale

        if isinstance(ref, Scale):
            return ref
        source = self.locate("scale", ref, near=near)
        return self.once("scale", source.key, lambda: Scale.from_dict(self.document(source)))

    def scales(self) -> list[Scale]:
        """Every built-in scale (for telling a table's scale from its labels)."""
        return [self.scale(ref) for ref in bundled_refs("scale")]

    # -- mappings ------------------------------------------------------------------------
    def bundled_headers(self) -> list[MappingHeader]:
        """The header of every bundled mapping (what routing needs), none of them built."""
        return [self.header(self.locate("mapping", ref)) for ref in bundled_refs("mapping")]

    def header(self, source: Source) -> MappingHeader:
        """``framework``/``from``/``to`` of a mapping file, without building the mapping."""
        from .._mappings.relation import split_sides

        doc = self._docs.get(source.key)
        if doc is None and source.bundled is not None and compiled_data(source.path or "")[0]:
            doc = self.document(source)
        values = (
            {k: doc.data.get(k) for k in ("framework", "from", "to")}
            if doc is not None and isinstance(doc.data, dict)
            else top_scalars(self.read_text(source), ("framework", "from", "to"))
        )
        framework = values.get("framework")
        try:
            if not (isinstance(values.get("from"), str) and isinstance(values.get("to"), str)):
                raise ValueError
            if framework is not None and not isinstance(framework, str):
                raise ValueError
            sides = split_sides(framework, str(values["from"]), str(values["to"]))
        except ValueError:
            from .._mappings.model import Mapping

            full = self.document(source)
            require(full, "mapping")  # says exactly what is wrong
            Mapping.from_dict(full)  # or the mapping's own header check does
            raise  # pragma: no cover - one of the two above has raised
        return MappingHeader(
            source_key=f"{sides[0]}/{sides[1]}",
            target_key=f"{sides[2]}/{sides[3]}",
            ref=source.bundled or source.name,
        )

    def mapping(
        self,
        ref: str | os.PathLike[str],
        *,
        source: Catalogue | str | os.PathLike[str] | None = None,
        target: Catalogue | str | os.PathLike[str] | None = None,
    ) -> Mapping:
        """A mapping, checked against its catalogues: those given, else those beside the
        file in this repository's layout (``<root>/catalogues/<framework>/<version>.yaml``
        for ``<root>/mappings/<framework>/<name>.yaml``), else the bundled ones, else
        checked on its own."""
        from .._mappings.model import Mapping, split_sides

        found = self.locate("mapping", ref)
        doc = self.document(found)
        require(doc, "mapping")
        try:
            sides = split_sides(doc.data.get("framework"), doc.data["from"], doc.data["to"])
        except ValueError:  # the mapping's own checks say so, with the file and key
            return Mapping.from_dict(doc)
        cats = [
            self._catalogue_for(given, framework, version, found)
            for given, framework, version in (
                (source, sides[0], sides[1]),
                (target, sides[2], sides[3]),
            )
        ]
        key = f"{found.key}|{id(cats[0])}|{id(cats[1])}"
        return self.once(
            "mapping", key, lambda: Mapping.from_dict(doc, source=cats[0], target=cats[1])
        )

    def _catalogue_for(
        self,
        given: Catalogue | str | os.PathLike[str] | None,
        framework: str,
        version: str,
        mapping: Source,
    ) -> Catalogue | None:
        if given is not None:
            return self.catalogue(given)
        if mapping.bundled is None and mapping.path is not None:
            root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(mapping.path))))
            for suffix in (".yaml", ".yml"):
                sibling = os.path.join(root, "catalogues", framework, f"{version}{suffix}")
                if is_bundled_ref(f"{framework}/{version}") and os.path.isfile(sibling):
                    return self.catalogue(sibling)
        if find_bundled("catalogue", f"{framework}/{version}") is not None:
            return self.catalogue(f"{framework}/{version}")
        return None

    # -- assessments ---------------------------------------------------------------------
    def assessment(
        self, ref: str | os.PathLike[str], options: TableOptions | None = None
    ) -> Assessment:
        """An assessment from a bundled reference, a YAML file, or a table file (CSV, TSV,
        XLSX) read with ``options``."""
        source = self.locate("assessment", ref)
        if self.is_table(source):
            if options is None:
                from .options import TableOptions

                options = TableOptions()
            return self.table_assessment(source, options)
        return self.once("assessment", source.key, lambda: self._yaml_assessment(source))

    def _yaml_assessment(self, source: Source) -> Assessment:
        from .._assessments.model import Assessment

        doc = self.document(source)
        require(doc, "assessment")
        near = source.folder
        problems: list[Problem] = []
        built: dict[str, Any] = {}
        for key, load in (("catalogue", self.catalogue), ("scale", self.scale)):
            try:
                built[key] = load(doc.data[key], near=near)
            except UnknownReferenceError as exc:
                problems.append(doc.problem(str(exc), (key,)))
            except DataError as exc:
                # the file it names is broken: say where it is named, then what is wrong
                problems.append(doc.problem(f"the {key} it names cannot be read", (key,)))
                problems.extend(exc.problems)
        if problems:
            raise DataError(problems)
        return Assessment.from_dict(doc, catalogue=built["catalogue"], scale=built["scale"])

    def table(
        self,
        ref: str | os.PathLike[str] | Source,
        *,
        columns: Columns | None = None,
        sheet: str | None = None,
    ) -> Table:
        """The table in a CSV, TSV or XLSX file: header found, columns named (by default
        those of a catalogue table: theme, id, text)."""
        from .._core.table import CATALOGUE_COLUMNS, table_from_grid
        from .tables import csv_grid, xlsx_table

        columns = columns or CATALOGUE_COLUMNS
        source = ref if isinstance(ref, Source) else self.locate("catalogue", ref)
        data = self.read_bytes(source)
        # a workbook on standard input is known by its zip signature
        xlsx = source.suffix == ".xlsx" or (source.path is None and data[:4] == b"PK\x03\x04")
        if sheet is not None and not xlsx:
            raise UsageError(f"{self.spell('sheet')} applies to XLSX files, not {source.name}")
        name, limits, notice = source.name, self.limits, None
        if xlsx:
            table = xlsx_table(data, spec=columns, source=name, limits=limits, sheet=sheet)
        else:
            tab = "\t" if source.suffix in (".tsv", ".tab") else None
            grid, notice = csv_grid(data, source=name, limits=limits, delimiter=tab)
            table = table_from_grid(grid, spec=columns, source=name)
        # an encoding guessed, rows under the table passed over: said once per run
        self.notices += [n for n in (notice, *table.notices) if n and n not in self.notices]
        return table

    def table_assessment(self, source: Source, options: TableOptions) -> Assessment:
        """An assessment from a table file (CSV, TSV, XLSX) read with ``options``.

        :raises UsageError: no catalogue was named.
        """
        from .._assessments.tables import assessment_from_table
        from .._core.table import ASSESSMENT_COLUMNS

        if options.catalogue is None:
            raise UsageError(
                f"{source.name}: a CSV or XLSX assessment needs the catalogue it scores; "
                f"name it with {self.spell('catalogue')}"
            )
        catalogue = self.catalogue(options.catalogue)
        table = self.table(source, columns=ASSESSMENT_COLUMNS, sheet=options.sheet)
        return assessment_from_table(
            table,
            catalogue=catalogue,
            scale=self.scale(options.scale) if options.scale is not None else None,
            scales=self.scales(),
            numbering=options.numbering,
            council=options.council,
            id=options.id,
            date=options.date,
            option=self.spell("scale"),
        )
