"""Reading mappings, finding their catalogues, and chaining bundled mappings."""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from pathlib import Path

import networkx as nx

from .._catalogues.load import load_catalogue
from .._catalogues.model import Catalogue
from .._core.bundled import bundled_refs, find_bundled, is_path_like, read_bundled
from .._core.errors import UnknownReferenceError
from .._core.schema import require
from .._core.yamlio import Document, read_document
from .compose import compose
from .model import Mapping

__all__ = ["find_mapping", "load_mapping"]

CatalogueArg = Catalogue | str | os.PathLike[str] | None


def _catalogue_for(
    given: CatalogueArg, framework: str, version: str, mapping_file: Path | None
) -> Catalogue | None:
    if isinstance(given, Catalogue):
        return given
    if given is not None:
        return load_catalogue(given)
    if mapping_file is not None:
        # A project laid out like this repository: <root>/mappings/<fw>/x.yaml and
        # <root>/catalogues/<fw>/<version>.yaml.
        root = mapping_file.resolve().parent.parent.parent
        for suffix in (".yaml", ".yml"):
            sibling = root / "catalogues" / framework / f"{version}{suffix}"
            if sibling.is_file():
                return load_catalogue(sibling)
    if find_bundled("catalogues", f"{framework}/{version}") is not None:
        return load_catalogue(f"{framework}/{version}")
    return None


def load_mapping(
    ref: str | os.PathLike[str],
    *,
    source: CatalogueArg = None,
    target: CatalogueArg = None,
) -> Mapping:
    """A mapping from a file path or a bundled reference, checked against its catalogues.

    ``source``/``target`` (a :class:`Catalogue`, a path or a bundled reference) default to
    the catalogues beside the mapping file (``../../catalogues/<framework>/<version>.yaml``)
    or, failing that, the bundled ones; when neither exists the mapping is checked on its
    own.

    >>> m = load_mapping("best-value/draft-2023-07--statutory-2024-05")
    >>> m.complete
    False
    """
    mapping_file: Path | None = None
    if isinstance(ref, os.PathLike) or is_path_like(ref):
        mapping_file = Path(ref)
        doc: Document = read_document(mapping_file)
    else:
        doc = read_bundled("mappings", ref, what="mapping")
    require(doc, "mapping")
    framework = doc.data["framework"]
    source_cat = _catalogue_for(source, framework, doc.data["from"], mapping_file)
    target_cat = _catalogue_for(target, framework, doc.data["to"], mapping_file)
    return Mapping.from_dict(doc, source=source_cat, target=target_cat)


def _graph(extra: Sequence[Mapping]) -> nx.DiGraph:
    graph = nx.DiGraph()
    for ref in bundled_refs("mappings"):
        data = read_bundled("mappings", ref, what="mapping").data
        graph.add_edge(
            f"{data['framework']}/{data['from']}", f"{data['framework']}/{data['to']}", step=ref
        )
    for mapping in extra:  # given mappings take precedence over bundled ones
        graph.add_edge(
            f"{mapping.framework}/{mapping.source_version}",
            f"{mapping.framework}/{mapping.target_version}",
            step=mapping,
        )
    return graph


def find_mapping(source: str, target: str, *, mappings: Sequence[Mapping] = ()) -> Mapping:
    """The mapping between two catalogues (``framework/version``), composing a chain if
    needed, from the ``mappings`` given and the bundled ones.

    The shortest chain is composed; with none, :class:`UnknownReferenceError`. From a
    version to itself it is the identity.
    """
    if source == target:
        from .compose import identity

        for mapping in mappings:
            for catalogue in (mapping.source_catalogue, mapping.target_catalogue):
                if catalogue is not None and catalogue.key == source:
                    return identity(catalogue)
        return identity(load_catalogue(source))
    graph = _graph(mappings)
    try:
        path = nx.shortest_path(graph, source, target)
    except (nx.NodeNotFound, nx.NetworkXNoPath):
        raise UnknownReferenceError(
            f"no bundled mapping or chain of mappings leads from {source} to {target}; "
            "give one with --mapping FILE"
        ) from None
    steps = []
    for a, b in itertools.pairwise(path):
        step = graph.edges[a, b]["step"]
        steps.append(step if isinstance(step, Mapping) else load_mapping(step))
    if len(steps) == 1:
        return steps[0]
    return compose(*steps)
