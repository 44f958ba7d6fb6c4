"""The Store: one run's access to data files and bundled data.

It is the only code that decides what a reference names (a bundled entry, a file path, a
path relative to the file that mentions it, a project laid out like this repository) and
the only code that reads files. Each file is read and parsed at most once per Store, and
each catalogue, scale and mapping is built once; a mapping's header (framework, from, to)
is read without building the mapping when only routing needs it.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import evolve, frozen

from .._core.document import Document
from .._core.errors import (
    BvFrameworkError,
    DataError,
    Problem,
    UnknownReferenceError,
    UsageError,
)
from .._core.schema import require
from .._core.vocab import DataKind
from .bundled import FOLDERS, bundled_refs, find_bundled, is_bundled_ref
from .files import STDIN, Limits, decode, read_source_bytes

if TYPE_CHECKING:
    from pathlib import PurePath

    from .._assessments.model import Assessment
    from .._catalogues.model import Catalogue
    from .._core.table import Columns, Table
    from .._mappings.model import Mapping
    from .._scales.model import Scale
    from .fetch import CachedText
    from .options import TableOptions

__all__ = ["MappingHeader", "Source", "Store", "api_spelling", "cli_spelling"]

T = TypeVar("T")

TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".xlsx")
_DATA_SUFFIXES = (".yaml", ".yml", ".json", ".html", ".htm", *TABLE_SUFFIXES)


def api_spelling(option: str) -> str:
    """How the Python API names an option: ``catalogue=``."""
    return {"mapping": "mappings=[...]"}.get(option, f"{option}=")


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


@frozen(kw_only=True)
class MappingHeader:
    """A mapping's two sides (``framework``, ``from`` and ``to``), read without building it."""

    source_key: str
    target_key: str
    ref: str


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
            if source.suffix in TABLE_SUFFIXES:
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
        """The file parsed strictly (YAML; JSON by its suffix), once per Store."""
        cached = self._docs.get(source.key)
        if cached is not None:
            return cached
        text = self.read_text(source)
        if source.bundled is not None:
            doc = _parse_bundled(text, source)
        elif source.suffix == ".json":
            doc = _parse_json(text, source.name)
        else:
            from .._core.yamlio import parse_yaml

            doc = parse_yaml(text, source=source.name)
        self._docs[source.key] = doc
        return doc

    def _once(self, kind: str, key: str, build: Callable[[], T]) -> T:
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
            return evolve(Catalogue.from_dict(doc), origin=origin)

        return self._once("catalogue", source.key, build)

    def scale(self, ref: str | os.PathLike[str] | Scale, *, near: str | None = None) -> Scale:
        """A scale by built-in ID (``six-colour``) or path."""
        from .._scales.model import Scale

        if isinstance(ref, Scale):
            return ref
        source = self.locate("scale", ref, near=near)
        return self._once("scale", source.key, lambda: Scale.from_dict(self.document(source)))

    def scales(self) -> list[Scale]:
        """Every built-in scale (for telling a table's scale from its labels)."""
        return [self.scale(ref) for ref in bundled_refs("scale")]

    # -- official texts (fetched on request, kept in the user's cache) --------------------
    def official(self, key: str) -> Catalogue:
        """The bundled catalogue ``key`` with the wording of its official text, from the
        cache that ``bvframework fetch`` fills (SHA-256 checked).

        :raises UnknownReferenceError: nothing cached for it (the message says how to get
            it), or no official source is known for it.
        :raises DataError: the cached text is damaged or its structure is not the guide's.
        """
        from .fetch import cache_root, check_key, read_cached

        check_key(key)

        def build() -> Catalogue:
            cached = read_cached(key, limits=self.limits)
            if cached is None:
                raise UnknownReferenceError(
                    f"the official text of {key} is not in the cache ({cache_root()}); get it "
                    f"with: bvframework fetch {key.split('/', maxsplit=1)[0]}"
                )
            return self.overlay(key, cached)

        return self._once("official", key, build)

    def has_official(self, key: str) -> bool:
        """Whether the cache holds ``key``'s official text (not checked here)."""
        from .sources import SOURCES, cache_root

        folder = os.path.join(cache_root(), *key.split("/"))
        return key in SOURCES and os.path.isfile(os.path.join(folder, "source.json"))

    def overlay(self, key: str, text: CachedText) -> Catalogue:
        """The bundled catalogue ``key`` with ``text``'s wording, every count checked."""
        from pathlib import PurePath

        from .._importers.govuk import govuk_catalogue

        bundled = self.catalogue(key)
        day = text.fetched[:10]
        provenance = (
            f"{text.url} (fetched {day}, sha256 {text.sha256[:12]}; Open Government Licence v3.0)"
        )
        source = Source(kind="catalogue", name=text.url)
        with self._importing("gov.uk page", source):
            catalogue = govuk_catalogue(
                text.body,
                path=PurePath(f"{bundled.version}.html"),
                onto=bundled,
                provenance=provenance,
            )
        return evolve(catalogue, origin=key)

    # -- mappings ------------------------------------------------------------------------
    def header(self, source: Source) -> MappingHeader:
        """``framework``/``from``/``to`` of a mapping file, without building the mapping."""
        from .._mappings.model import Mapping, split_sides

        doc = self._docs.get(source.key)
        values = (
            {k: doc.data.get(k) for k in ("framework", "from", "to")}
            if doc is not None and isinstance(doc.data, dict)
            else _top_scalars(self.read_text(source), ("framework", "from", "to"))
        )
        framework = values.get("framework")
        try:
            if not (isinstance(values.get("from"), str) and isinstance(values.get("to"), str)):
                raise ValueError
            if framework is not None and not isinstance(framework, str):
                raise ValueError
            sides = split_sides(framework, str(values["from"]), str(values["to"]))
        except ValueError:
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
        return self._once(
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

    def routes_to(
        self, target: Catalogue, sources: Sequence[Catalogue], *, mappings: Sequence[Mapping] = ()
    ) -> list[Mapping]:
        """For each of ``sources`` that is not ``target``, the mapping onto ``target``
        (:meth:`find_mapping` over ``mappings`` and the bundled ones), checked against
        both catalogues: what ``compare`` routes over.

        :raises UnknownReferenceError: no chain leads from one of them to ``target``.
        """
        return [
            self.find_mapping(c.key, target.key, mappings=mappings).with_catalogues(c, target)
            for c in dict.fromkeys(sources)
            if c.key != target.key
        ]

    def find_mapping(
        self, source: str, target: str, *, mappings: Sequence[Mapping] = ()
    ) -> Mapping:
        """The mapping from catalogue ``source`` to ``target`` (``framework/version``): the
        shortest chain of the ``mappings`` given and the bundled ones, composed; the
        identity from a version to itself. Only the mappings on the chain are built.

        :raises UnknownReferenceError: no chain leads there.
        """
        from .._mappings.route import mapping_steps, shortest_route

        if source == target:
            from .._mappings.compose import identity

            for mapping in mappings:
                for cat in (mapping.source_catalogue, mapping.target_catalogue):
                    if cat is not None and cat.key == source:
                        return identity(cat)
            return identity(self.catalogue(source))
        steps: list[tuple[str, str, Mapping | MappingHeader]] = [*mapping_steps(mappings)]
        for ref in bundled_refs("mapping"):
            head = self.header(self.locate("mapping", ref))
            steps.append((head.source_key, head.target_key, head))
        route = shortest_route(source, target, steps)
        if route is None:
            raise UnknownReferenceError(
                f"no bundled mapping or chain of mappings leads from {source} to {target}; "
                f"give one with {self.spell('mapping')}"
            )
        built = [s if not isinstance(s, MappingHeader) else self.mapping(s.ref) for s in route]
        self.used_mappings += [s for s in route if not isinstance(s, MappingHeader)]
        if len(built) == 1:
            return built[0]
        from .._mappings.compose import compose

        return compose(*built)

    # -- assessments ---------------------------------------------------------------------
    def assessment(
        self, ref: str | os.PathLike[str], options: TableOptions | None = None
    ) -> Assessment:
        """An assessment from a bundled reference, a YAML file, or a table file (CSV, TSV,
        XLSX) read with ``options``."""
        source = self.locate("assessment", ref)
        if source.suffix in TABLE_SUFFIXES:
            if options is None:
                from .options import TableOptions

                options = TableOptions()
            return self.table_assessment(source, options)
        return self._once("assessment", source.key, lambda: self._yaml_assessment(source))

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
        from .tables import csv_grid, xlsx_grids

        columns = columns or CATALOGUE_COLUMNS
        source = ref if isinstance(ref, Source) else self.locate("catalogue", ref)
        data = self.read_bytes(source)
        if sheet is not None and source.suffix != ".xlsx":
            raise UsageError(f"{self.spell('sheet')} applies to XLSX files, not {source.name}")
        if source.suffix == ".xlsx":
            first_error: DataError | None = None
            for name, read in xlsx_grids(data, source=source.name, limits=self.limits, sheet=sheet):
                try:
                    return table_from_grid(read(), spec=columns, source=f"{source.name}[{name}]")
                except DataError as exc:
                    if sheet is not None or not str(exc).count("no header row"):
                        raise
                    first_error = first_error or exc
            raise first_error or DataError(
                [Problem(message="the workbook has no sheets", source=source.name)]
            )
        delimiter = "\t" if source.suffix in (".tsv", ".tab") else None
        grid, notice = csv_grid(data, source=source.name, limits=self.limits, delimiter=delimiter)
        if notice and notice not in self.notices:
            self.notices.append(notice)
        return table_from_grid(grid, spec=columns, source=source.name)

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
            council=options.council or "unknown",
            id=options.id,
            date=options.date,
            option=self.spell("scale"),
        )

    # -- importers -----------------------------------------------------------------------
    @staticmethod
    @contextmanager
    def _importing(kind: str, source: Source) -> Iterator[None]:
        """The boundary around an importer: a file of an unexpected shape that slips past
        its checks ends as one located error, never as a traceback."""
        try:
            yield
        except BvFrameworkError:
            raise
        except (
            TypeError,
            AttributeError,
            KeyError,
            IndexError,
            ValueError,
            StopIteration,
            RecursionError,
        ) as exc:
            raise DataError(
                [
                    Problem(
                        message=f"cannot be read as {kind} (unexpected structure: "
                        f"{type(exc).__name__})",
                        source=source.name,
                    )
                ]
            ) from None

    def import_catalogue(self, kind: str, ref: str | os.PathLike[str], **options: Any) -> Catalogue:
        """A catalogue from an official document (``govuk``, ``oscal``, ``asvs``) or a
        ``table``; options as :func:`bvframework.import_catalogue`."""
        from .._core.suggest import check_choice
        from .._core.vocab import IMPORTERS

        check_choice(kind, IMPORTERS, what="importer", plural="importers")
        source = self.locate("catalogue", ref)
        with self._importing(kind, source):
            return self._import(kind, source, **options)

    def _import(self, kind: str, source: Source, **options: Any) -> Catalogue:
        where = source.pure_path()
        if kind == "govuk":
            from .._importers.govuk import govuk_catalogue

            onto = options.pop("onto", None)
            return govuk_catalogue(
                self.read_text(source),
                path=where,
                onto=self.catalogue(onto) if onto is not None else None,
                **options,
            )
        if kind == "table":
            from .._importers.table import table_catalogue

            return table_catalogue(self.table(source), path=where, **options)
        data = self.document(source).data
        if kind == "oscal":
            from .._importers.oscal import oscal_catalogue

            return oscal_catalogue(data, path=where, **options)
        from .._importers.asvs import asvs_catalogue

        return asvs_catalogue(data, path=where, **options)

    def asvs_mapping(
        self, ref: str | os.PathLike[str], *, source: Catalogue, target: Catalogue
    ) -> Mapping:
        """A mapping from an OWASP ASVS transition file between two imported catalogues."""
        from .._importers.asvs import asvs_mapping

        found = self.locate("mapping", ref)
        with self._importing("ASVS mapping", found):
            return asvs_mapping(
                self.document(found).data,
                path=found.pure_path(),
                source=source,
                target=target,
            )

    def oscal_mapping(
        self, old: Catalogue, new_ref: str | os.PathLike[str], *, new: Catalogue
    ) -> Mapping:
        """The mapping an OSCAL catalog states through its withdrawn controls' links."""
        from .._importers.oscal import oscal_mapping

        found = self.locate("catalogue", new_ref)
        with self._importing("OSCAL", found):
            return oscal_mapping(old, self.document(found).data, path=found.pure_path(), new=new)

    def import_mapping(
        self,
        kind: str,
        ref: str | os.PathLike[str],
        *,
        source: str | None = None,
        target: str | None = None,
        index: int | None = None,
    ) -> Mapping:
        """A mapping from another tool's file: ``oscal-mapping`` (an OSCAL mapping
        collection, JSON or YAML) or ``sssom`` (SSSOM TSV). ``source``/``target``
        (``framework/version``) name the sides where the file does not.

        :raises UnknownReferenceError: an unknown kind.
        :raises UsageError: ``source``/``target`` not ``framework/version``; ``index`` with SSSOM.
        :raises DataError: the file is not of that kind, or has problems (all listed).
        """
        from .._core.suggest import check_choice
        from .._core.vocab import MAPPING_FORMATS

        check_choice(kind, MAPPING_FORMATS, what="mapping format", plural="mapping formats")
        sides = [
            self._side(value, name) for value, name in ((source, "source"), (target, "target"))
        ]
        found = self.locate("mapping", ref)
        with self._importing(kind, found):
            if kind == "oscal-mapping":
                from .._interchange.oscal import from_oscal

                return from_oscal(
                    self.document(found).data,
                    source_name=found.name,
                    source=sides[0],
                    target=sides[1],
                    index=index,
                )
            if index is not None:
                raise UsageError(f"{self.spell('index')} applies to OSCAL mapping collections")
            from .._interchange.sssom import from_sssom

            meta, rows = self._sssom_table(found)
            return from_sssom(meta, rows, source_name=found.name, source=sides[0], target=sides[1])

    def _side(self, value: str | None, name: str) -> tuple[str, str] | None:
        if value is None:
            return None
        framework, slash, version = value.partition("/")
        if not (slash and is_bundled_ref(value) and "/" not in version):
            raise UsageError(f"{self.spell(name)} {value!r} is not framework/version")
        return framework, version

    def _sssom_table(self, source: Source) -> tuple[dict[str, Any], list[dict[str, str]]]:
        """An SSSOM TSV file: its ``#`` YAML metadata block and its rows (column -> cell),
        read within the Store's limits."""
        from .._core.yamlio import parse_yaml
        from .tables import csv_grid

        text = self.read_text(source)
        lines = text.splitlines()
        header = [ln for ln in lines if ln.startswith("#")]
        meta_text = "\n".join(ln[2:] if ln.startswith("# ") else ln[1:] for ln in header)
        meta = (
            parse_yaml(meta_text, source=f"{source.name} (metadata)").data
            if meta_text.strip()
            else {}
        )
        if not isinstance(meta, dict):
            raise DataError(
                [Problem(message="the # metadata block is not a YAML mapping", source=source.name)]
            )
        body = "\n".join(ln for ln in lines if not ln.startswith("#"))
        grid, _ = csv_grid(
            body.encode("utf-8"), source=source.name, limits=self.limits, delimiter="\t"
        )
        if not grid:
            raise DataError(
                [
                    Problem(
                        message="has no header row (subject_id, predicate_id, object_id, ...)",
                        source=source.name,
                    )
                ]
            )
        columns = [c.strip() for c in grid[0][1]]
        missing = [c for c in ("subject_id", "predicate_id", "object_id") if c not in columns]
        if missing:
            raise DataError(
                [
                    Problem(
                        message=f"the header row lacks {', '.join(missing)}",
                        source=source.name,
                        line=len(header) + 1,
                    )
                ]
            )
        rows = [
            dict(zip(columns, cells, strict=False))
            for _, cells in grid[1:]
            if any(c.strip() for c in cells)
        ]
        return meta, rows

    def withdrawal_links(self, ref: str | os.PathLike[str]) -> dict[str, tuple[str, list[str]]]:
        from .._importers.oscal import withdrawal_links

        found = self.locate("catalogue", ref)
        with self._importing("OSCAL", found):
            return withdrawal_links(self.document(found).data, path=found.pure_path())


def _parse_bundled(text: str, source: Source) -> Document:
    """The package's own data, parsed by libyaml alone: the test suite checks that every
    bundled file reads the same through the strict loader and conforms to its schema
    (tests/test_store.py), so neither is repeated on every run."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    return Document(data=data, source=source.name, conforms=frozenset({source.kind}))


_SURROGATE_ESCAPE = r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}"


def _parse_json(text: str, name: str) -> Document:
    import json

    try:
        data = json.loads(text)
        if re.search(_SURROGATE_ESCAPE, text):  # "\\ud800" decodes to text no file can hold
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        return Document.from_data(data, source=name)
    except UnicodeEncodeError:
        problem = Problem(message="holds an unpaired surrogate (\\ud800-\\udfff)", source=name)
        raise DataError([problem]) from None
    except json.JSONDecodeError as exc:
        problem = Problem(message=f"invalid JSON: {exc.msg}", source=name, line=exc.lineno)
        raise DataError([problem]) from None
    except (RecursionError, ValueError) as exc:
        message = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:80]
        raise DataError([Problem(message=f"cannot read: {message}", source=name)]) from None


def _top_scalars(text: str, keys: tuple[str, ...]) -> dict[str, Any]:
    """Top-level ``key: scalar`` pairs of a YAML mapping, read from the event stream and
    stopped as soon as every key is found (a mapping's header sits above its relations)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[str, Any] = {}
    depth = 0
    expecting_key = True
    pending: str | None = None
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if depth == 1 and not expecting_key:
                    pending, expecting_key = None, True
                depth += 1
                if depth == 1:
                    expecting_key = True
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
                continue
            if depth == 1 and isinstance(event, yaml.ScalarEvent):
                if expecting_key:
                    pending, expecting_key = event.value, False
                else:
                    if pending in keys:
                        found[pending] = event.value
                        if len(found) == len(keys):
                            break
                    pending, expecting_key = None, True
            elif depth == 1 and isinstance(event, yaml.AliasEvent) and not expecting_key:
                pending, expecting_key = None, True
    except yaml.YAMLError:
        return found  # the full parse then reports it with its line
    return found
