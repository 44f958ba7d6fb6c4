from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bvframework import (
    Catalogue,
    CompositionError,
    Mapping,
    UnknownReferenceError,
    align,
    revise,
    synthetic_catalogue,
)
from bvframework._align.joins import containment


def cat(version: str, texts: list[str], framework: str = "demo") -> Catalogue:
    items = [{"id": f"R{i}", "text": t, "evidence": ["test"]} for i, t in enumerate(texts)]
    return Catalogue.from_dict(
        {
            "framework": framework,
            "version": version,
            "title": version,
            "themes": [{"id": "T", "title": "T", "items": items}],
        }
    )


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 60), st.integers(0, 10_000))
def test_aligning_a_catalogue_with_itself_is_the_identity(size: int, seed: int) -> None:
    catalogue = synthetic_catalogue(size, seed=seed)
    mapping = align(catalogue, catalogue)
    assert mapping.dispositions() == {item.id: "unchanged" for item in catalogue.items}
    assert set(mapping.links) == {(i.id, i.id) for i in catalogue.items}


@settings(max_examples=15, deadline=None)
@given(st.integers(50, 300), st.integers(0, 10_000))
def test_random_edit_scripts_are_recovered(size: int, seed: int) -> None:
    """1:1 pairs (unchanged or reworded by a third of their words) at F1 >= 0.9 on every
    random script; the benchmark reports the averages (about 0.99)."""
    rev = revise(synthetic_catalogue(size, seed=seed), seed=seed + 1)
    mapping = align(rev.old, rev.new)
    dispositions = mapping.dispositions()
    got = {link for link in mapping.links if dispositions[link[0]] in ("unchanged", "reworded")}
    tp = len(got & rev.pairs)
    precision, recall = tp / max(len(got), 1), tp / max(len(rev.pairs), 1)
    assert 2 * precision * recall / max(precision + recall, 1e-9) >= 0.9
    assert mapping.complete
    assert all(r.method == "suggested" for r in mapping.relations)


def test_merge_split_move_remove_add() -> None:
    old = cat(
        "v1",
        [
            "encrypt data at rest with strong keys",
            "rotate keys every year",
            "log every failed login attempt with a timestamp and source address",
            "keep an inventory of all software assets and their owners",
            "print the policy on paper",
        ],
    )
    new = cat(
        "v2",
        [
            "encrypt data at rest with strong keys and rotate keys every year",
            "log every failed login attempt with a timestamp",
            "log the source address of every failed login attempt",
            "keep an inventory of all software assets and their owners",
            "scan dependencies for known vulnerabilities",
        ],
    )
    m = align(old, new)
    assert m.dispositions() == {
        "R0": "merged",
        "R1": "merged",
        "R2": "split",
        "R3": "unchanged",
        "R4": "removed",
    }
    assert m.origins()["R4"] == "added"
    merged = next(r for r in m.relations if r.kind == "merged")
    assert merged.confidence is not None
    assert 0.6 <= merged.confidence <= 1  # the lowest of its links: pair 0.74, containment 1


def test_curated_relations_are_kept() -> None:
    old = cat("v1", ["alpha beta gamma", "delta epsilon"])
    new = cat("v2", ["alpha beta gamma", "delta epsilon"])
    curated = Mapping.from_dict(
        {
            "framework": "demo",
            "from": "v1",
            "to": "v2",
            "complete": False,
            "relations": [{"kind": "reworded", "from": ["R0"], "to": ["R1"], "note": "by hand"}],
        },
        source=old,
        target=new,
    )
    m = align(old, new, curated=curated)
    kept = [r for r in m.relations if r.method == "curated"]
    assert [(r.sources, r.targets, r.note) for r in kept] == [(("R0",), ("R1",), "by hand")]
    assert m.dispositions()["R1"] == "removed"  # its only match was curated away
    assert m.origins()["R0"] == "added"


def test_containment() -> None:
    assert containment("a b", "a b c") == 1.0
    assert containment("a a b", "a b") == pytest.approx(2 / 3)
    assert containment("", "a") == 0.0


def test_errors() -> None:
    a, b = cat("v1", ["x"]), cat("v2", ["x"])
    with pytest.raises(UnknownReferenceError, match=r"unknown scorer 'token'"):
        align(a, b, scorer="token")
    crosswalk = align(a, cat("v2", ["x"], framework="other"))
    assert crosswalk.key == "demo/v1--other/v2"
    assert crosswalk.links == {("R0", "R0"): True}
    wrong = Mapping.from_dict(
        {"framework": "demo", "from": "v2", "to": "v1", "complete": False, "relations": []}
    )
    with pytest.raises(
        CompositionError, match="curated mapping demo/v2--v1 is not demo/v1 -> demo/v2"
    ):
        align(a, b, curated=wrong)


def test_items_without_text_are_left_to_curation() -> None:
    old = Catalogue.from_dict(
        {
            "framework": "demo",
            "version": "v1",
            "title": "v1",
            "themes": [{"id": "T", "title": "T", "items": [{"id": "A"}]}],
        }
    )
    new = Catalogue.from_dict(
        {
            "framework": "demo",
            "version": "v2",
            "title": "v2",
            "themes": [{"id": "T", "title": "T", "items": [{"id": "A"}]}],
        }
    )
    m = align(old, new)
    assert (m.dispositions(), m.origins()) == ({"A": "removed"}, {"A": "added"})


def test_every_item_is_in_at_most_one_edit_of_a_revision() -> None:
    """revise() once let a merge take a partner already reworded or split (about 102 of
    5,000 items): the synthetic truth must be consistent for the scores built on it."""
    from collections import Counter

    from bvframework import revise, synthetic_catalogue

    revision = revise(synthetic_catalogue(5000, seed=0), seed=1)
    uses: Counter[str] = Counter()
    for source, _ in revision.pairs | revision.merges:
        uses[source] += 1
    uses.update({source for source, _ in revision.splits})
    uses.update(revision.removed)
    assert max(uses.values()) == 1
    assert len(uses) == len(revision.old)  # and every item is in one


# -- backends, the streaming path, clauses (issue 14) ----------------------------------


def one_to_one_f1(mapping: Mapping, truth: frozenset[tuple[str, str]]) -> float:
    d = mapping.dispositions()
    got = {(a, b) for a, b in mapping.links if d[a] in ("unchanged", "reworded")}
    tp = len(got & truth)
    p, r = tp / max(len(got), 1), tp / max(len(truth), 1)
    return 2 * p * r / (p + r) if p + r else 0.0


def test_the_streaming_path_recovers_what_the_exhaustive_one_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above ``_EXHAUSTIVE`` new items tfidf streams (rare-term candidates, exact rescoring,
    bounded heaps); forced on a small revision, it finds the known edits as well."""
    import bvframework._align.similarity as engine

    rev = revise(synthetic_catalogue(600, seed=7), seed=8)
    exhaustive = align(rev.old, rev.new)
    monkeypatch.setattr(engine, "_EXHAUSTIVE", 50)
    streamed = align(rev.old, rev.new)
    assert one_to_one_f1(exhaustive, rev.pairs) >= 0.985
    assert one_to_one_f1(streamed, rev.pairs) >= 0.985
    same = set(exhaustive.links) & set(streamed.links)
    assert len(same) >= 0.98 * len(exhaustive.links)


def test_streaming_candidates_are_bounded_per_row_and_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bvframework._align.similarity as engine

    texts = [f"alpha beta gamma delta word{i} word{i + 1}" for i in range(200)]
    edges = engine._tfidf_streaming(texts, texts, limit=3, cutoff=0.0)
    rows: dict[int, int] = {}
    cols: dict[int, int] = {}
    for i, j in edges:
        rows[i] = rows.get(i, 0) + 1
        cols[j] = cols.get(j, 0) + 1
    # each edge is in the top 3 of its row or of its column, so no row or column holds
    # more than 3 of its own plus 3 per column (row) it tops: bounded, never n
    assert max(rows.values()) <= 6
    assert max(cols.values()) <= 6
    assert all(edges[(i, i)] == pytest.approx(1.0) for i in range(200))


def test_backend_choice_and_errors() -> None:
    a, b = cat("v1", ["use tls for all traffic"]), cat("v2", ["use tls for all traffic"])
    lexical = align(a, b, similarity="lexical", scorer="token_set")
    assert lexical.links == {("R0", "R0"): True}
    assert "token_set" in (lexical.notes or "")
    long_a = cat("v1", ["use tls 1.2 or later for all traffic between the services"])
    assert "(tfidf," in (align(long_a, long_a).notes or "")
    assert "(token_sort," in (align(a, b, scorer="token_sort").notes or "")  # lexical implied
    with pytest.raises(UnknownReferenceError, match="unknown similarity 'semantik'"):
        align(a, b, similarity="semantik")
    with pytest.raises(UnknownReferenceError, match="scorer 'token_set' is a lexical scorer"):
        align(a, b, similarity="semantic", scorer="token_set")


def test_semantic_without_wordllama_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import bvframework._align.similarity as engine
    from bvframework import MissingDependencyError

    monkeypatch.setitem(sys.modules, "wordllama", None)  # import fails as if not installed
    engine._model.cache_clear()  # an earlier test may have loaded it
    a = cat("v1", ["use tls for all traffic"])
    with pytest.raises(MissingDependencyError, match=r"pip install 'bvframework\[semantic\]'"):
        align(a, a, similarity="semantic")
    # short titles would use hybrid: without the extra, tfidf, and the notes say what to do
    notes = align(a, a).notes or ""
    assert "(tfidf," in notes
    assert "short texts (median 5 words) align better with 'hybrid'" in notes
    assert "pip install 'bvframework[semantic]'" in notes


@pytest.mark.parametrize("similarity", ["semantic", "hybrid"])
def test_semantic_backends_align_by_meaning(similarity: str) -> None:
    pytest.importorskip("wordllama", reason="the semantic extra (wordllama) is not installed")
    old = cat(
        "v1",
        ["Encrypt all network traffic with TLS", "Keep an audit log of administrator logins"],
    )
    new = cat(
        "v2",
        [
            "Record every sign-in by an administrator in the audit trail",
            "All traffic on the network is protected by TLS encryption",
        ],
    )
    mapping = align(old, new, similarity=similarity)
    assert set(mapping.links) == {("R0", "R1"), ("R1", "R0")}
    assert all(r.confidence is not None for r in mapping.relations)


def test_an_item_inside_one_clause_of_a_longer_one_is_found_there() -> None:
    from bvframework._align.align import normalise_text
    from bvframework._align.similarity import clause_similarity, clauses

    long = (
        "The organization: a. identifies the types of accounts allowed; b. assigns account "
        "managers; c. requires approvals for requests to create accounts; d. monitors the "
        "use of accounts; e. notifies account managers when users are terminated"
    )
    parts = clauses(long, normalise_text)
    assert len(parts) >= 5
    short = normalise_text("The organization monitors the use of information system accounts.")
    corpus = [normalise_text(long), short, "unrelated words about fire suppression"]
    (best,) = clause_similarity([(short, parts)], corpus)
    whole = clause_similarity([(short, [normalise_text(long)])], corpus)[0]
    assert best > whole  # the clause is not diluted by the other four
    assert best >= 0.4


def test_cli_similarity_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bvframework._cli.main import main

    for version, texts in (("v1", ["use tls for all traffic"]), ("v2", ["use tls for traffic"])):
        (tmp_path / f"{version}.yaml").write_text(
            yaml.safe_dump(cat(version, texts).to_dict()), encoding="utf-8"
        )
    old, new, out = (str(tmp_path / n) for n in ("v1.yaml", "v2.yaml", "out.yaml"))
    assert main(["align", old, new, "--similarity", "lexical", "-o", out]) == 0
    written = Mapping.from_dict(yaml.safe_load(Path(out).read_text(encoding="utf-8")))
    assert "token_sort" in (written.notes or "")
    capsys.readouterr()
    assert main(["align", old, new, "--similarity", "tfidf", "--scorer", "ratio", "-o", out]) == 2
    assert "scorer 'ratio' is a lexical scorer; similarity 'tfidf' has none" in (
        capsys.readouterr().err
    )
