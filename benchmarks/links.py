"""Alignment scored link by link against published truth: every backend, the scikit-learn
TF-IDF + Hungarian baseline, and the calibration of confidence, on the same texts.

Corpora (read from ../shared/external, never copied):

- NIST SP 800-53 rev4 -> rev5: every control active in both keeps its ID; a control
  withdrawn in rev5 links where rev5 says (``incorporated-into``/``moved-to``). IDs hidden
  from ``align`` (``id_weight=0``).
- OWASP ASVS 4.0.3 -> 5.0.0: the project's curated mapping file.
- ISO/IEC 27001 2013 -> 2022 (CISO Assistant libraries): assessable requirements with
  their short titles (``name``), the mapping library's ``requirement_mappings`` as truth.
- NIST titles: the NIST pair again with each control's title alone (its text before the
  first ". "), the same truth: a short-title corpus made from an imported framework.
- regrouped: a synthetic framework regrouped rather than revised (400 items of two
  clauses; 60% of them give their clauses to two new items: many-to-many links).

    python benchmarks/links.py            # every backend on every corpus
    python benchmarks/links.py --quick    # tfidf, the default (with and without
                                          # intersects-with, themes) and the baseline
    python benchmarks/links.py --fit      # the calibration of _align/calibrate.py, again
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

import bvframework as bv
from bvframework import Catalogue, Mapping
from bvframework._align.align import align, normalise_text
from bvframework._align.synthetic import restructure
from bvframework._importers.common import build_catalogue
from bvframework._store.readers.oscal import withdrawal_links
from bvframework._store.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = Path(os.environ.get("BVFRAMEWORK_EXTERNAL", ROOT.parent / "shared" / "external"))
Link = tuple[str, str]


@attrs.frozen(kw_only=True)
class Corpus:
    """Two catalogues and the links that are right between them."""

    name: str
    old: Catalogue
    new: Catalogue
    truth: frozenset[Link]
    hide_ids: bool = True
    withdrawn: frozenset[Link] = frozenset()  # NIST: the withdrawn controls' links


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def scores(got: set[Link], truth: frozenset[Link]) -> tuple[float, float, float]:
    tp = len(got & truth)
    p = tp / len(got) if got else 0.0
    r = tp / len(truth) if truth else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- corpora -------------------------------------------------------------------------


def nist(store: Store) -> Corpus | None:
    folder = EXTERNAL / "nist-800-53"
    if not folder.is_dir():
        return None
    old = bv.import_catalogue(
        "oscal",
        store=store,
        path=folder / "NIST_SP-800-53_rev4_catalog.yaml",
        framework="nist-800-53",
        version="rev4",
    )
    new_path = folder / "NIST_SP-800-53_rev5.0.1_catalog.json"
    new = bv.import_catalogue(
        "oscal", store=store, path=new_path, framework="nist-800-53", version="rev5"
    )
    old_ids, new_ids = {i.id for i in old.items}, {i.id for i in new.items}
    stated = withdrawal_links(store, store.locate("catalogue", new_path))
    moved = {k: v for k, v in stated.items() if k in old_ids}
    withdrawn = frozenset((k, t) for k, (_, ts) in moved.items() for t in ts if t in new_ids)
    kept = frozenset((k, k) for k in old_ids & new_ids)
    return Corpus(name="NIST", old=old, new=new, truth=kept | withdrawn, withdrawn=withdrawn)


def titles(corpus: Corpus) -> Corpus:
    """The same pair and truth with each item's title alone (OSCAL items' text is the
    title, ". ", then the statement)."""

    def only_titles(catalogue: Catalogue) -> Catalogue:
        themes = [
            {
                "id": theme.id,
                "title": theme.title,
                "items": [
                    {
                        "id": item.id,
                        "text": (item.text or "").split(". ")[0] or item.id,
                        "evidence": ["title"],
                    }
                    for item in theme.items
                ],
            }
            for theme in catalogue.themes
        ]
        return build_catalogue(
            framework=catalogue.framework,
            version=catalogue.version,
            title=f"{catalogue.title} (titles)",
            themes=themes,
            source="control titles of the imported catalogue",
        )

    return attrs.evolve(
        corpus, name="NIST titles", old=only_titles(corpus.old), new=only_titles(corpus.new)
    )


def asvs(store: Store) -> Corpus | None:
    folder = EXTERNAL / "asvs"
    if not folder.is_dir():
        return None
    a4 = bv.import_catalogue("asvs", store=store, path=folder / "asvs-4.0.3-en.flat.json")
    a5 = bv.import_catalogue("asvs", store=store, path=folder / "asvs-5.0.0-en.flat.json")
    truth = bv.import_revision("asvs", a4, a5, folder / "mapping_v4.0.3_to_v5.0.0.yml", store=store)
    return Corpus(name="ASVS", old=a4, new=a5, truth=frozenset(truth.links), hide_ids=False)


def _ciso_requirements(path: Path) -> tuple[str, list[dict[str, str]]]:
    """A small private reader of a CISO Assistant framework library: its assessable
    requirement nodes as (urn, ref_id, name). The product's importer is another issue's."""
    import yaml

    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    framework = data["objects"]["framework"]
    nodes = [
        {"urn": str(n["urn"]), "id": str(n["ref_id"]), "text": str(n["name"]).strip()}
        for n in framework["requirement_nodes"]
        if n.get("assessable") and n.get("ref_id") and n.get("name")
    ]
    return str(framework.get("ref_id", path.stem)), nodes


def iso27001() -> Corpus | None:
    folder = EXTERNAL / "ciso"
    files = [folder / f"iso27001-{y}.yaml" for y in (2013, 2022)]
    mapping_file = folder / "mapping-iso27001-2013-to-iso27001-2022.yaml"
    if not all(p.is_file() for p in [*files, mapping_file]):
        return None
    import yaml

    catalogues = []
    by_urn: dict[str, str] = {}
    for path, version in zip(files, ("2013", "2022"), strict=True):
        title, nodes = _ciso_requirements(path)
        by_urn.update({n["urn"]: n["id"] for n in nodes})
        items = [{"id": n["id"], "text": n["text"], "evidence": [path.name]} for n in nodes]
        catalogues.append(
            build_catalogue(
                framework="iso27001",
                version=version,
                title=title,
                themes=[{"id": "all", "title": "Requirements", "items": items}],
                source=str(path),
            )
        )
    data = yaml.load(mapping_file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    objects = data["objects"]
    sets = objects.get("requirement_mapping_sets") or [objects.get("requirement_mapping_set")]
    truth = frozenset(
        (by_urn[m["source_requirement_urn"]], by_urn[m["target_requirement_urn"]])
        for s in sets
        for m in s["requirement_mappings"]
        if m["source_requirement_urn"] in by_urn and m["target_requirement_urn"] in by_urn
    )
    return Corpus(name="ISO 27001", old=catalogues[0], new=catalogues[1], truth=truth)


# -- methods -------------------------------------------------------------------------


def sklearn_baseline(
    corpus: Corpus, *, threshold: float = 0.15, leftovers: bool = False
) -> set[Link] | None:
    """scikit-learn's TF-IDF (words and word pairs, sublinear tf) cosine, then the optimal
    1:1 assignment (scipy's Hungarian ``linear_sum_assignment``), pairs at ``threshold``
    or above; with ``leftovers``, every item left over also links to its best match at
    ``threshold`` or above. None when scikit-learn is not installed."""
    try:
        from scipy.optimize import linear_sum_assignment
        from sklearn.feature_extraction.text import TfidfVectorizer
    except ImportError:
        return None
    olds = [(i.id, normalise_text(i.text or "")) for i in corpus.old.items]
    news = [(i.id, normalise_text(i.text or "")) for i in corpus.new.items]
    vectoriser = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    matrix = vectoriser.fit_transform([t for _, t in olds] + [t for _, t in news])
    sims = (matrix[: len(olds)] @ matrix[len(olds) :].T).toarray()
    rows, cols = linear_sum_assignment(-sims)
    links = {
        (olds[r][0], news[c][0]) for r, c in zip(rows, cols, strict=True) if sims[r, c] >= threshold
    }
    if leftovers:
        linked_old, linked_new = {a for a, _ in links}, {b for _, b in links}
        for r, (a, _) in enumerate(olds):
            c = int(sims[r].argmax())
            if a not in linked_old and sims[r, c] >= threshold:
                links.add((a, news[c][0]))
        for c, (b, _) in enumerate(news):
            r = int(sims[:, c].argmax())
            if b not in linked_new and sims[r, c] >= threshold:
                links.add((olds[r][0], b))
    return links


@attrs.frozen(kw_only=True)
class Method:
    name: str
    run: Callable[[Corpus], Mapping | set[Link] | None]


def methods(*, quick: bool) -> list[Method]:
    def aligned(**options: Any) -> Callable[[Corpus], Mapping]:
        def run(corpus: Corpus) -> Mapping:
            return align(
                corpus.old, corpus.new, id_weight=0 if corpus.hide_ids else 0.01, **options
            )

        return run

    found: list[Method] = [
        Method(name="align default (backend chosen for the texts)", run=aligned()),
        Method(name="tfidf", run=aligned(similarity="tfidf")),
        Method(name="default without intersects-with", run=aligned(intersects=False)),
        Method(name="default without themes as votes", run=aligned(structure=False)),
    ]
    if not quick:
        found += [
            Method(
                name="tfidf, no clause matching", run=aligned(similarity="tfidf", by_clause=None)
            ),
            Method(name="lexical (token_sort)", run=aligned(similarity="lexical")),
            Method(
                name="lexical (token_set, 0.7)",
                run=aligned(similarity="lexical", scorer="token_set", threshold=0.7),
            ),
        ]
        if importlib.util.find_spec("wordllama") is not None:
            found += [
                Method(name="semantic (WordLlama)", run=aligned(similarity="semantic")),
                Method(name="hybrid (tfidf + WordLlama)", run=aligned(similarity="hybrid")),
            ]
    found += [
        Method(name="scikit-learn TF-IDF + Hungarian", run=sklearn_baseline),
        Method(
            name="same + leftovers to their best match",
            run=lambda c: sklearn_baseline(c, leftovers=True),
        ),
    ]
    return found


# -- the tables ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Result:
    method: str
    corpus: str
    links: frozenset[Link]
    cpu: float
    mapping: Mapping | None
    backend: str = ""


def run_all(corpora: Sequence[Corpus], *, quick: bool) -> tuple[list[Result], list[str]]:
    results, skipped = [], []
    try:  # imported before the clock starts, as align's own modules are
        import scipy.optimize  # noqa: F401
        import sklearn.feature_extraction.text  # noqa: F401
    except ImportError:
        pass
    for method in methods(quick=quick):
        for corpus in corpora:
            start = time.process_time()
            got = method.run(corpus)
            cpu = time.process_time() - start
            if got is None:
                skipped.append(method.name)
                break
            mapping = got if isinstance(got, Mapping) else None
            links = frozenset(got.links if isinstance(got, Mapping) else got)
            backend = (mapping.notes or "").split("(")[1].split(",")[0] if mapping else "-"
            results.append(
                Result(
                    method=method.name,
                    corpus=corpus.name,
                    links=links,
                    cpu=cpu,
                    mapping=mapping,
                    backend=backend,
                )
            )
    return results, skipped


def quality_table(corpora: Sequence[Corpus], results: Sequence[Result]) -> str:
    by = {(r.method, r.corpus): r for r in results}
    names = list(dict.fromkeys(r.method for r in results))
    headers = ["method"]
    for corpus in corpora:
        headers.append(f"{corpus.name} P / R / F1")
        if corpus.withdrawn:
            headers += [f"{corpus.name} own-ID", f"{corpus.name} withdrawn links"]
        headers.append(f"{corpus.name} CPU s")
    rows = []
    for name in names:
        row: list[object] = [name]
        for corpus in corpora:
            result = by.get((name, corpus.name))
            if result is None:
                row += ["-"] * (4 if corpus.withdrawn else 2)
                continue
            p, r, f = scores(set(result.links), corpus.truth)
            used = f" ({result.backend})" if name.startswith("align default") else ""
            row.append(f"{p:.3f} / {r:.3f} / {f:.3f}{used}")
            if corpus.withdrawn:
                kept = {(a, b) for a, b in corpus.truth if a == b} - corpus.withdrawn
                own = len(kept & result.links)
                row.append(f"{own} of {len(kept)} ({own / len(kept):.1%})")
                hit = len(corpus.withdrawn & result.links)
                row.append(f"{hit} of {len(corpus.withdrawn)}")
            row.append(f"{result.cpu:.2f}")
        rows.append(row)
    return table(headers, rows)


BANDS = (0.0, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)


def calibration_table(corpora: Sequence[Corpus], results: Sequence[Result], method: str) -> str:
    """Per confidence band of ``method``'s links, the share that are right, per corpus
    (a relation's confidence applies to each of its links)."""
    headers = ["confidence"] + [f"{c.name}: links, right" for c in corpora]
    counts: dict[tuple[str, int], list[bool]] = {}
    for result in results:
        if result.method != method or result.mapping is None:
            continue
        truth = next(c.truth for c in corpora if c.name == result.corpus)
        for relation in result.mapping.relations:
            if relation.confidence is None:
                continue
            band = next(k for k in range(len(BANDS) - 1) if relation.confidence < BANDS[k + 1])
            for s in relation.sources:
                for t in relation.targets:
                    counts.setdefault((result.corpus, band), []).append((s, t) in truth)
    rows = []
    for k in range(len(BANDS) - 1):
        row: list[object] = [f"{BANDS[k]:.2f}-{min(BANDS[k + 1], 1.0):.2f}"]
        for corpus in corpora:
            hits = counts.get((corpus.name, k), [])
            row.append(f"{len(hits)}, {sum(hits) / len(hits):.0%}" if hits else "0")
        rows.append(row)
    return table(headers, rows)


FIT_ON = {"NIST": False, "NIST titles": True, "regrouped": False}  # the curves are read here


def fitted(corpora: Sequence[Corpus]) -> str:
    """The calibration constants of ``_align/calibrate.py`` read again off NIST (long texts)
    and its titles (short): each backend's pair curve, and the share right of joins, late
    pairs, pairs the themes chose and intersects-with links (all backends pooled), with how
    many links each rests on. The curves are read off pairs chosen on text alone (without
    themes as votes): what a pair's similarity says where the themes say nothing (one theme
    a side, as ISO 27001 here); the shares off the default, themes counted.
    """
    from bvframework._align.align import AlignOptions, suggest
    from bvframework._align.calibrate import fit, position

    backends = ["tfidf", "lexical"]
    if importlib.util.find_spec("wordllama") is not None:
        backends += ["hybrid", "semantic"]
    pairs: dict[tuple[str, bool], list[tuple[float, bool]]] = {}
    shares: dict[tuple[str, bool], list[bool]] = {}
    for corpus in corpora:
        if corpus.name not in FIT_ON:
            continue
        for backend in backends:
            for intersects, structure in ((False, False), (False, True), (True, True)):
                options = AlignOptions(
                    similarity=backend,
                    id_weight=0 if corpus.hide_ids else 0.01,
                    intersects=intersects,
                    structure=structure,
                )
                found = suggest(corpus.old, corpus.new, options)
                for link, (stage, value) in found.how.items():
                    if stage == "same" or intersects != (stage == "intersects"):
                        continue  # a run with intersects counts only those links
                    if structure == (stage == "pair") and not intersects:
                        continue  # pairs from the run on text alone, the rest with themes
                    synthetic = corpus.name == "regrouped"
                    if synthetic and stage != "intersects":
                        continue  # the synthetic regrouping counts for intersects only
                    right = link in corpus.truth
                    if stage == "pair":
                        at = position(value, found.threshold)
                        pairs.setdefault((backend, found.short), []).append((at, right))
                    else:
                        name = f"{stage} (synthetic)" if synthetic else stage
                        shares.setdefault((name, found.short), []).append(right)
    out = ["CURVES = {"]
    for curve, found_pairs in sorted(pairs.items()):
        out.append(f"    {curve!r}: {fit(found_pairs)!r},  # {len(found_pairs)} pairs")
    out.append("}\nSHARES = {")
    for share, rights in sorted(shares.items()):
        out.append(
            f"    {share!r}: {sum(rights) / len(rights):.2f},  # {sum(rights)} of {len(rights)}"
        )
    out.append("}")
    return "\n".join(out)


def corpora(store: Store) -> tuple[list[Corpus], list[str]]:
    found: list[Corpus] = []
    missing: list[str] = []
    n = nist(store)
    for name, corpus in (("NIST", n), ("ASVS", asvs(store)), ("ISO 27001", iso27001())):
        if corpus is None:
            missing.append(name)
        else:
            found.append(corpus)
    if n is not None:
        found.append(titles(n))
    regrouped = restructure(400, seed=3)
    found.append(
        Corpus(name="regrouped", old=regrouped.old, new=regrouped.new, truth=regrouped.links)
    )
    return found, missing


def report(store: Store, *, quick: bool) -> str:
    found, missing = corpora(store)
    out = []
    if missing:
        out.append(f"SKIPPED corpora (not found under {EXTERNAL}): {', '.join(missing)}\n")
    if not found:
        return "\n".join(out)
    results, skipped = run_all(found, quick=quick)
    for name in dict.fromkeys(skipped):
        out.append(f"SKIPPED {name!r}: scikit-learn is not installed (pip install -e '.[bench]')\n")
    out.append(
        "Links scored one by one (precision, recall, F1); NIST: every control active in both "
        "keeps its ID and withdrawn controls link where rev5 says, IDs hidden from align; "
        "CPU is process time of one run.\n"
    )
    out.append(quality_table(found, results))
    for method in dict.fromkeys(r.method for r in results if r.mapping is not None):
        if quick and method != "align default (backend chosen for the texts)":
            continue
        out.append(f"\nCalibration of {method}: links per confidence band, share right\n")
        out.append(calibration_table(found, results, method))
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--fit", action="store_true", help="print the calibration read off NIST and its titles"
    )
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores.\n")
    if args.fit:
        print(fitted(corpora(Store())[0]))
        return 0
    print(report(Store(), quick=args.quick))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
