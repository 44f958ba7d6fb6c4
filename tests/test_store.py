"""The input layer: references resolved in one place, each file read once, writes safe."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import bvframework as bv
from bvframework import DataError, Store, UnknownReferenceError, UsageError
from bvframework._cli.main import main
from bvframework._core.schema import check
from bvframework._core.yamlio import parse_yaml
from bvframework._store import store as store_module
from bvframework._store.bundled import FOLDERS, bundled_refs, find_bundled
from bvframework._store.write import write_output

from .conftest import DATA, TOY, Write

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = [(kind, ref) for kind in FOLDERS for ref in bundled_refs(kind)]


@pytest.mark.parametrize(("kind", "ref"), BUNDLED, ids=[f"{k}:{r}" for k, r in BUNDLED])
def test_bundled_files_read_the_same_through_the_strict_loader(kind: str, ref: str) -> None:
    """The fast path for the package's own data is safe only because of this test: every
    bundled file parses to the same data strictly, and conforms to its schema."""
    path = find_bundled(kind, ref)
    assert path is not None
    text = Path(path).read_text(encoding="utf-8")
    strict = parse_yaml(text, source=path)
    store = Store()
    fast = store.document(store.locate(kind, ref))  # type: ignore[arg-type]
    assert fast.data == strict.data
    assert check(strict, kind) == []


def test_the_wheels_compiled_data_is_the_strict_parse_of_every_bundled_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hatch_build.py parses the bundled data at build time; a wheel's Store reads that
    instead of the YAML. Every file is there, each the same data the strict loader reads,
    and a Store given the compiled data reads it without opening any bundled file."""
    import importlib.util
    import marshal

    from bvframework._store import bundled

    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None
    assert spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    compiled = marshal.loads(hook.compile_bundled(str(bundled.data_root())))
    assert compiled["marshal"] == marshal.version
    expected = {
        f"{FOLDERS[kind]}/{ref}.yaml": parse_yaml(
            Path(find_bundled(kind, ref) or "").read_text(encoding="utf-8"), source=ref
        ).data
        for kind, ref in BUNDLED
    }
    assert compiled["files"] == expected
    # a wheel's data folder: the compiled file alone, no YAML
    (tmp_path / "bundled.marshal").write_bytes(hook.compile_bundled(str(bundled.data_root())))
    monkeypatch.setattr(bundled, "data_root", lambda: str(tmp_path))
    bundled.compiled.cache_clear()
    bundled.bundled_refs.cache_clear()
    try:
        store = Store()
        catalogue = store.catalogue("best-value/statutory-2024-05")
        assert len(catalogue) == 70
        assert bundled.bundled_refs("mapping") == tuple(
            ref for kind, ref in BUNDLED if kind == "mapping"
        )
        assert sum(store.reads.values()) == 0
    finally:
        bundled.compiled.cache_clear()
        bundled.bundled_refs.cache_clear()


class TestLocate:
    def test_bundled_and_file(self, toy: Path) -> None:
        store = Store()
        bundled = store.locate("catalogue", "best-value/statutory-2024-05")
        assert bundled.bundled == "best-value/statutory-2024-05"
        assert bundled.name == "bvframework:catalogues/best-value/statutory-2024-05"
        path = toy / "catalogues/toy/v1.yaml"
        assert store.locate("catalogue", path).path == str(path)
        assert store.locate("catalogue", str(path)).path == str(path)

    def test_relative_to_the_file_that_names_it(self, toy: Path) -> None:
        near = str(toy / "assessments/toy")
        found = Store().locate("catalogue", "../../catalogues/toy/v1.yaml", near=near)
        assert found.path == os.path.join(near, "../../catalogues/toy/v1.yaml")

    @pytest.mark.parametrize("ref", ["../catalogues/x", "best-value/../../etc/passwd", "a//b"])
    def test_traversal_is_never_a_bundled_reference(self, ref: str) -> None:
        with pytest.raises(UnknownReferenceError, match="no bundled catalogue"):
            Store().locate("catalogue", ref)

    def test_control_characters_refused(self) -> None:
        with pytest.raises(DataError, match="cannot contain control characters"):
            Store().locate("catalogue", "best-value/statutory-2024-05\n")

    def test_stdin(self) -> None:
        source = Store().locate("assessment", "-")
        assert (source.path, source.name) == (None, "<stdin>")

    def test_suggestions(self) -> None:
        with pytest.raises(UnknownReferenceError, match="did you mean 'best-value/blaby-2025'"):
            Store().locate("assessment", "best-value/blaby-2052")


class TestOnce:
    def test_objects_are_built_once(self) -> None:
        store = Store()
        first = store.catalogue("best-value/statutory-2024-05")
        assert store.catalogue("best-value/statutory-2024-05") is first
        assert store.assessment("best-value/blaby-2025").catalogue is first
        assert store.reads["bvframework:catalogues/best-value/statutory-2024-05"] == 1

    def test_routing_builds_only_the_mappings_on_the_route(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        built: list[str] = []
        real = bv.Mapping.from_dict.__func__  # type: ignore[attr-defined]

        def counting(cls: type, /, data: Any, **options: Any) -> Any:
            built.append(f"{data.data['from']}->{data.data['to']}")
            return real(cls, data, **options)

        monkeypatch.setattr(bv.Mapping, "from_dict", classmethod(counting))
        store = Store()
        mapping = bv.find_mapping(
            "best-value/runnymede-2024", "best-value/draft-2023-07", store=store
        )
        assert mapping.key == "best-value/runnymede-2024--draft-2023-07"
        assert built == ["runnymede-2024->draft-2023-07"]  # the other was routed by header
        assert store.reads["bvframework:mappings/best-value/draft-2023-07--statutory-2024-05"] == 1

    def test_chains_compose(self) -> None:
        mapping = bv.find_mapping("best-value/runnymede-2024", "best-value/statutory-2024-05")
        assert mapping.key == "best-value/runnymede-2024--statutory-2024-05"

    def test_no_route_names_the_option_the_python_way(self) -> None:
        with pytest.raises(UnknownReferenceError, match=r"give one with mappings=\[\.\.\.\]"):
            bv.find_mapping("best-value/statutory-2024-05", "best-value/draft-2023-07")


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    reads: Counter[str] = Counter()
    from bvframework._store.files import read_source_bytes as real

    def counting(path: Any, **options: Any) -> bytes:
        reads[os.path.realpath(os.fspath(path))] += 1
        return real(path, **options)

    monkeypatch.setattr(store_module, "read_source_bytes", counting)
    return reads


@pytest.mark.parametrize(
    "argv",
    [
        ["diff", "best-value/draft-2023-07", "best-value/statutory-2024-05"],
        ["compare", "best-value/blaby-2025", str(DATA / "fictional-draft-gfp.yaml")],
        [
            "compare",
            str(TOY / "assessments/toy/toyshire-2025.yaml"),
            str(TOY / "assessments/toy/toyshire-2023.yaml"),
            "--mapping",
            str(TOY / "mappings/toy/v1--v2.yaml"),
            "--format",
            "json",
        ],
        ["list"],
    ],
    ids=["diff", "compare-bundled", "compare-files", "list"],
)
def test_each_data_file_is_read_at_most_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    reads = _count_reads(monkeypatch)
    assert main(argv) == 0
    capsys.readouterr()
    assert reads, "the command read nothing?"
    assert max(reads.values()) == 1, reads


class TestWrites:
    def test_atomic_replace_and_no_temporary_left(self, tmp_path: Path) -> None:
        target = tmp_path / "out.yaml"
        target.write_text("old\n")
        write_output(str(target), "new\n")
        assert target.read_text() == "new\n"
        assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]

    def test_unencodable_text_leaves_the_old_file(self, tmp_path: Path) -> None:
        target = tmp_path / "out.yaml"
        target.write_text("old\n")
        with pytest.raises(DataError, match="unpaired surrogate"):
            write_output(str(target), "bad \udc80\n")
        assert target.read_text() == "old\n"
        assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]

    def test_missing_folder(self, tmp_path: Path) -> None:
        with pytest.raises(DataError, match="no folder"):
            write_output(str(tmp_path / "nope" / "out.yaml"), "x")

    def test_output_naming_an_input_is_refused(
        self, capsys: pytest.CaptureFixture[str], write: Write, toy: Path
    ) -> None:
        import shutil

        folder = write("x", "").parent
        shutil.copytree(toy, folder / "toy")
        source = folder / "toy/assessments/toy/toyshire-2023.yaml"
        before = source.read_bytes()
        code = main(
            [
                "migrate",
                str(source),
                "--to",
                "v2",
                "--mapping",
                str(folder / "toy/mappings/toy/v1--v2.yaml"),
                "-o",
                str(folder / "toy/assessments/toy/../toy/toyshire-2023.yaml"),
            ]
        )
        err = capsys.readouterr().err
        assert code == 2
        assert "that is an input of this command; refused" in err
        assert source.read_bytes() == before


class TestInterfaceSpelling:
    def test_python_is_told_catalogue_equals(self, write: Write) -> None:
        with pytest.raises(UsageError, match="name it with catalogue="):
            bv.load_assessment(write("a.csv", "item,score\nCI001,5\n"))

    def test_command_line_is_told_dash_dash_catalogue(
        self, write: Write, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = write("a.csv", "item,score\nCI001,5\n")
        assert main(["summarise", str(path)]) == 2
        assert "name it with --catalogue" in capsys.readouterr().err
