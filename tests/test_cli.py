from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bvframework import load_assessment
from bvframework._cli.main import main

from .conftest import DATA, TOY, Write, bvframework_process
from .conftest import cli as run

TOY_A = TOY / "assessments/toy"
TOY_M = TOY / "mappings/toy"


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert ["best-value/statutory-2024-05", "statutory", "70", "70", "yes"] in rows
    assert ["best-value/draft-2023-07", "draft", "1", "unknown", "no"] in rows
    assert "best-value/draft-2023-07--statutory-2024-05  no" in out


def test_diff_text_marks_published_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "best-value/draft-2023-07", "best-value/statutory-2024-05")
    assert code == 0
    assert "Published comparison (a published figure, not computed)" in out
    assert "  unchanged         41              0            41" in out
    assert "INCOMPLETE" in out


def test_diff_json_has_summary_keys(capsys: pytest.CaptureFixture[str], toy: Path) -> None:
    code, out, _ = run(
        capsys,
        "diff",
        str(toy / "catalogues/toy/v1.yaml"),
        str(toy / "catalogues/toy/v2.yaml"),
        "--mapping",
        str(toy / "mappings/toy/v1--v2.yaml"),
        "--format",
        "json",
        "--items",
    )
    assert code == 0
    data = json.loads(out)
    assert {"relations", "sources", "targets", "links", "moved"} <= data.keys()
    assert data["sources"]["split"] == 2
    assert data["moved"] == 1
    assert data["items"]["sources"]["B-4"] == "removed"


def test_diff_same_version_is_identity(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "diff",
        "best-value/statutory-2024-05",
        "best-value/statutory-2024-05",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)["sources"]["unchanged"] == 70


def test_show_catalogue_and_item(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "best-value/statutory-2024-05")
    assert code == 0
    assert "G-08" in out
    assert "numbering scheme blaby: 70 codes" in out
    code, out, _ = run(capsys, "show", "best-value/statutory-2024-05", "--item", "CI002")
    assert code == 0
    assert out.startswith("CI002 -> best-value/statutory-2024-05/CI-02 (theme CI, position 2)")


def test_show_mapping(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "best-value/draft-2023-07--statutory-2024-05")
    assert code == 0
    assert "removed  L-all-out-elections" in out


def test_validate_ok(capsys: pytest.CaptureFixture[str], toy: Path) -> None:
    files = sorted(str(p) for p in toy.rglob("*.yaml"))
    code, out, err = run(capsys, "validate", *files)
    assert code == 0, err
    assert out.count("ok: ") == len(files)


def test_validate_reports_every_problem_one_line_each(
    capsys: pytest.CaptureFixture[str],
    write: Write,
    toy: Path,
) -> None:
    import shutil

    shutil.copytree(toy / "catalogues", write("x", "").parent / "catalogues")
    bad = write(
        "mappings/toy/bad.yaml",
        "framework: toy\nfrom: v1\nto: v2\ncomplete: false\nrelations:\n"
        "  - {kind: unchanged, from: [A-1], to: [nope]}\n  - {kind: added, from: [A-2]}\n",
    )
    good = toy / "catalogues/toy/v1.yaml"
    code, out, err = run(capsys, "validate", str(bad), str(good))
    assert code == 1  # problems in the data; 2 is for usage and unreadable inputs
    lines = err.splitlines()
    assert lines[0].startswith(f"bvframework: error: {bad}:6: relations[0].to[0]: ")
    assert lines[1].startswith(f"bvframework: error: {bad}:7: relations[1]: an 'added'")
    assert len(lines) == 2
    assert f"ok: {good}" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "best-value/nothing"], "bvframework: error: no bundled data or file"),
        (
            ["diff", "best-value/draft-2023-07", "best-value/statutory-2024"],
            "bvframework: error: no bundled catalogue 'best-value/statutory-2024' and no such "
            "file; did you mean 'best-value/statutory-2024-05'",
        ),
        (
            ["show", "best-value/statutory-2024-05", "--item", "ZZ9"],
            "bvframework: error: best-value/statutory-2024-05 has no item 'ZZ9'",
        ),
        (
            ["diff", "best-value/statutory-2024-05", "best-value/draft-2023-07"],
            "bvframework: error: no bundled mapping or chain of mappings leads from "
            "best-value/statutory-2024-05 to best-value/draft-2023-07; "
            "give one with --mapping",
        ),
        (["validate", "missing.yaml"], "bvframework: error: missing.yaml: no such file"),
        (["frobnicate"], "bvframework: error: argument COMMAND: invalid choice"),
        (["diff", "x"], "bvframework: error: the following arguments are required: TO"),
    ],
)
def test_errors_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    error_lines = [line for line in err.splitlines() if line.startswith("bvframework: error")]
    assert len(error_lines) == 1
    assert error_lines[0].startswith(message)
    assert "Traceback" not in err


def test_validate_unrecognised_file(capsys: pytest.CaptureFixture[str], write: Write) -> None:
    path = write("x.yaml", "hello: world\n")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 1
    assert err.strip() == (
        f"bvframework: error: {path}: cannot tell what this file is (no themes, relations, "
        "levels or scores key)"
    )


def test_console_script_runs_as_module() -> None:
    done = bvframework_process("show", "nothing/here")
    assert done.returncode == 2
    assert done.stderr.startswith("bvframework: error: no bundled data or file 'nothing/here'")
    assert "Traceback" not in done.stderr


class TestScaleCommands:
    def test_scales_list_and_show(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "scales")
        assert code == 0
        assert "six-colour      Red, Amber, Yellow, Light green, Dark green  grey, excluded" in out
        code, out, _ = run(capsys, "scales", "show", "numeric-1-5")
        assert code == 0
        assert "  5   5      0.8-1    #00803C  five, Fully delivering best value" in out

    def test_translate(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys,
            "translate",
            "Fair",
            "--from",
            "good-fair-poor",
            "--to",
            "numeric-1-5",
            "--format",
            "json",
        )
        assert code == 0
        data = json.loads(out)
        assert (data["levels"], data["weights"], data["loss"]) == (
            ["3", "4"],
            [0.5, 0.5],
            "ambiguous",
        )
        code, out, _ = run(
            capsys,
            "translate",
            "5",
            "--from",
            "numeric-1-5",
            "--to",
            "six-colour",
            "--policy",
            "strict",
        )
        assert out.strip() == "5 -> dark-green (exact)"

    def test_crosswalk(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "crosswalk", "numeric-1-5", "good-fair-poor")
        assert code == 0
        assert out.splitlines()[4].split() == ["4", "0.6-0.8", "Fair", "coarser"]

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                [
                    "translate",
                    "Fair",
                    "--from",
                    "good-fair-poor",
                    "--to",
                    "numeric-1-5",
                    "--policy",
                    "strict",
                ],
                "bvframework: error: good-fair-poor 'fair' could be any of 3, 4 on numeric-1-5",
            ),
            (
                ["translate", "Purple", "--from", "six-colour", "--to", "rag"],
                "bvframework: error: 'Purple' is not a level or state of scale 'six-colour'",
            ),
            (
                ["translate", "1", "--from", "five", "--to", "rag"],
                "bvframework: error: no bundled scale 'five'",
            ),
            (["scales", "show"], "bvframework: error: scales show needs a scale ID"),
            (["crosswalk", "rag"], "bvframework: error: the following arguments are required: B"),
        ],
    )
    def test_errors(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert err.splitlines()[-1].startswith(message)
        assert "Traceback" not in err

    def test_validate_scale_file_problems(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        path = write(
            "s.yaml",
            "id: s\ntitle: S\nlevels:\n  - {id: a, band: [0, 0.4]}\n"
            "  - {id: b, band: [0.5, 1]}\n  - {id: c, band: [0.9, 1]}\n",
        )
        code, _, err = run(capsys, "validate", str(path))
        assert code == 1
        assert err.splitlines() == [
            f"bvframework: error: {path}:5: levels[1].band: gap between 'a' (ends 0.4) and 'b' "
            "(starts 0.5): bands must be contiguous",
            f"bvframework: error: {path}:6: levels[2].band: 'c' (starts 0.9) overlaps 'b' "
            "(ends 1): bands must be ordered worst first and not overlap",
        ]


class TestAssessmentCommands:
    def test_summarise_blaby(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "summarise", "best-value/blaby-2025", "--at-or-above", "4")
        assert code == 0
        assert "  at or above 4: 45 of 66 (68%)" in out
        assert "  Service delivery                       1  2  7  0  0" in out

    def test_summarise_runnymede_says_it_is_published(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = run(
            capsys,
            "summarise",
            "best-value/runnymede-2024",
            "--at-or-above",
            "Light green",
            "--count-states",
            "grey",
        )
        assert code == 0
        assert "these are the PUBLISHED totals" in out
        assert "Item scores published for 4 of 73 items." in out
        assert "at or above Light green (counting grey): 55 of 73 (75%)" in out

    def test_summarise_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(
            capsys, "summarise", "best-value/blaby-2025", "--format", "json", "--at-or-above", "4"
        )
        data = json.loads(out)
        assert data["levels"] == {"1": 0, "2": 1, "3": 20, "4": 21, "5": 24}
        assert data["at_or_above"] == {"level": "4", "count": 45, "of": 66}

    def test_summarise_csv_needs_catalogue(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        path = write("a.csv", "item,score\nCI001,5\nCI002,Exc*\n")
        code, _, err = run(capsys, "summarise", str(path))
        assert code == 2
        assert (
            err.strip() == f"bvframework: error: {path}: a CSV or XLSX assessment needs the "
            "catalogue it scores; name it with --catalogue"
        )
        code, out, _ = run(
            capsys,
            "summarise",
            str(path),
            "--catalogue",
            "best-value/statutory-2024-05",
            "--numbering",
            "blaby",
        )
        assert code == 0
        assert "scale numeric-1-5" in out
        assert "Not assessed (state)     68" in out

    def test_migrate_and_write(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        out_file = tmp_path / "m.yaml"
        code, out, _ = run(
            capsys,
            "migrate",
            str(TOY_A / "toyshire-2023.yaml"),
            "--to",
            "v2",
            "--mapping",
            str(TOY_M / "v1--v2.yaml"),
            "-o",
            str(out_file),
        )
        assert code == 0
        assert "  B004 (Fair): removed" in out
        again = load_assessment(out_file)
        assert again.score("M-1").provenance == "merged from A-4 (Poor), B-2 (Good) by worst"

    def test_compare_end_to_end(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys,
            "compare",
            "best-value/blaby-2025",
            str(DATA / "fictional-draft-gfp.yaml"),
            "--on",
            "good-fair-poor",
        )
        assert code == 0
        rows = [line.split() for line in out.splitlines()]
        assert [
            "assessment",
            "excluded",
            "not",
            "carried",
            "over",
            "only",
            "in",
            "one",
            "total",
        ] in rows
        assert ["blaby-2025", "4", "0", "66", "70"] in rows
        assert ["fictional-2024", "0", "1", "0", "1"] in rows

    def test_compare_csv_and_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        argv = [
            "compare",
            str(TOY_A / "toyshire-2025.yaml"),
            str(TOY_A / "toyshire-2023.yaml"),
            "--on",
            "numeric-1-5",
            "--mapping",
            str(TOY_M / "v1--v2.yaml"),
        ]
        code, out, _ = run(capsys, *argv, "--format", "csv")
        assert code == 0
        assert out.splitlines()[2] == (
            "A-2,A-2,A,Alpha,1†,3,toyshire-2023: from good-fair-poor Poor (nearest),improved,"
        )
        code, out, _ = run(capsys, *argv, "--format", "json")
        data = json.loads(out)
        assert data["changes"] == {"improved": 2, "declined": 1, "same": 2, "not comparable": 5}
        assert len(data["ledger"]) == 9 + 10

    def test_heatmap(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        out_file = tmp_path / "b.svg"
        code, _, _ = run(capsys, "heatmap", "best-value/blaby-2025", "-o", str(out_file))
        assert code == 0
        assert "PC005" in out_file.read_text()
        out_file = tmp_path / "change.html"
        code, _, _ = run(
            capsys,
            "heatmap",
            str(TOY_A / "toyshire-2025.yaml"),
            "--against",
            str(TOY_A / "toyshire-2023.yaml"),
            "--mapping",
            str(TOY_M / "v1--v2.yaml"),
            "-o",
            str(out_file),
        )
        assert code == 0
        assert "1†→3 ▲" in out_file.read_text()  # the 2023 Poor, translated to 1-5

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["heatmap", "best-value/blaby-2025", "-o", "x.pdf"],
                "bvframework: error: -o x.pdf: a heat map is written as .html, .svg, .png or .xlsx",
            ),
            (
                ["compare", "best-value/blaby-2025", "--scale", "rag"],
                "bvframework: error: compare needs two or more assessments",
            ),
            (
                ["migrate", "best-value/blaby-2025", "--to", "draft-2023-07"],
                "bvframework: error: no bundled mapping or chain of mappings leads from "
                "best-value/statutory-2024-05 to best-value/draft-2023-07",
            ),
            (
                ["summarise", "best-value/blaby-2024"],
                "bvframework: error: no bundled assessment 'best-value/blaby-2024'",
            ),
            (
                ["summarise", "best-value/blaby-2025", "--at-or-above", "6"],
                "bvframework: error: '6' is not a level or state of scale 'numeric-1-5'",
            ),
        ],
    )
    def test_errors(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert err.splitlines()[-1].startswith(message)
        assert "Traceback" not in err


class TestImportAlign:
    def test_import_table_and_align(
        self, capsys: pytest.CaptureFixture[str], write: Write, tmp_path: Path
    ) -> None:
        v1 = write(
            "v1.csv",
            "theme,id,text\nA,A1,encrypt data at rest with strong keys\n"
            "A,A2,print the policy on paper\n",
        )
        v2 = write(
            "v2.csv",
            "theme,id,text\nA,B1,encrypt all data at rest with strong keys\n"
            "A,B2,scan dependencies for known vulnerabilities\n",
        )
        for src, version in ((v1, "v1"), (v2, "v2")):
            code, out, _ = run(
                capsys,
                "import",
                "table",
                str(src),
                "--framework",
                "demo",
                "--version",
                version,
                "-o",
                str(tmp_path / f"{version}.yaml"),
            )
            assert code == 0, out
        out_file = tmp_path / "suggested.yaml"
        code, out, _ = run(
            capsys,
            "align",
            str(tmp_path / "v1.yaml"),
            str(tmp_path / "v2.yaml"),
            "-o",
            str(out_file),
        )
        assert code == 0
        text = out_file.read_text()
        assert text.startswith("# Suggested by `bvframework align`: review every relation")
        assert "old: encrypt data at rest with strong keys | new: encrypt all data" in text
        from bvframework import load_mapping

        mapping = load_mapping(out_file, source=tmp_path / "v1.yaml", target=tmp_path / "v2.yaml")
        assert mapping.dispositions() == {"A1": "reworded", "A2": "removed"}

    def test_import_govuk_onto(
        self, capsys: pytest.CaptureFixture[str], write: Write, tmp_path: Path
    ) -> None:
        from .test_importers import govuk_page

        page = write("guide.html", govuk_page())
        code, out, _ = run(
            capsys,
            "import",
            "govuk",
            str(page),
            "--onto",
            "best-value/statutory-2024-05",
            "-o",
            str(tmp_path / "s.yaml"),
        )
        assert code == 0
        assert "all 70 items listed" in out

    def test_import_oscal_pair_writes_a_layout(
        self, capsys: pytest.CaptureFixture[str], write: Write, tmp_path: Path
    ) -> None:
        from .test_importers import OSCAL_NEW, OSCAL_OLD

        old = write("old.json", json.dumps(OSCAL_OLD))
        new = write("new.json", json.dumps(OSCAL_NEW))
        code, _, _ = run(
            capsys,
            "import",
            "oscal",
            str(old),
            str(new),
            "--framework",
            "demo",
            "--version",
            "v1",
            "--version",
            "v2",
            "-o",
            str(tmp_path / "out"),
        )
        assert code == 0
        assert (tmp_path / "out/mappings/demo/v1--v2.yaml").is_file()
        code, _, err = run(capsys, "validate", str(tmp_path / "out/mappings/demo/v1--v2.yaml"))
        assert code == 0, err

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["import", "table", "x.csv", "-o", "o.yaml"],
                "bvframework: error: import table needs --framework and --version",
            ),
            (
                ["import", "govuk", "a.html", "b.html", "-o", "o"],
                "bvframework: error: give one FILE",
            ),
            (
                ["import", "asvs", "a.json", "--mapping", "m.yml", "-o", "o"],
                "bvframework: error: --mapping needs two FILEs: OLD NEW",
            ),
            (
                ["import", "table", "missing.csv", "--framework", "d", "--version", "1", "-o", "o"],
                "bvframework: error: missing.csv: no such file",
            ),
            (
                [
                    "align",
                    "best-value/draft-2023-07",
                    "best-value/statutory-2024-05",
                    "--scorer",
                    "nope",
                    "-o",
                    "x",
                ],
                "bvframework: error: argument --scorer: invalid choice",
            ),
        ],
    )
    def test_errors(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert err.splitlines()[-1].startswith(message)


class TestConventions:
    """What users expect of a command line (issue 9)."""

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        import bvframework

        code, out, _ = run(capsys, "--version")
        assert (code, out.strip()) == (0, f"bvframework {bvframework.__version__}")

    def test_dash_reads_standard_input(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import io

        text = (TOY / "catalogues/toy/v1.yaml").read_bytes()
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
        code, out, _ = run(capsys, "validate", "-")
        assert code == 0
        assert out.startswith("ok: -: catalogue toy/v1")

    def test_dash_o_writes_standard_output_never_a_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(tmp_path)
        code = main(
            [
                "compare",
                str(TOY_A / "toyshire-2025.yaml"),
                str(TOY_A / "toyshire-2023.yaml"),
                "--on",
                "numeric-1-5",
                "--mapping",
                str(TOY_M / "v1--v2.yaml"),
                "--format",
                "csv",
                "-o",
                "-",
            ]
        )
        out = capsys.readouterr().out  # written to the real stdout buffer: not captured here
        assert code == 0
        assert not (tmp_path / "-").exists()
        assert out == "" or out.startswith("item,code,theme,theme_title")

    @pytest.mark.parametrize(
        ("argv", "expected"),
        [
            (["translate", "Fair", "--from", "good-fair-poor", "--to", "numeric-1-5"], "translate"),
            (["crosswalk", "rag", "numeric-1-5"], "crosswalk"),
            (["show", "rag"], "scale"),
            (["show", "best-value/statutory-2024-05"], "catalogue"),
            (["show", "best-value/blaby-2025"], "assessment"),
            (["scales", "show", "six-colour"], "scale-six"),
        ],
    )
    def test_json_has_the_keys_of_the_python_api(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
    ) -> None:
        import bvframework as bv

        code, out, _ = run(capsys, *argv, "--format", "json")
        assert code == 0
        gfp, five = bv.load_scale("good-fair-poor"), bv.load_scale("numeric-1-5")
        python = {
            "translate": lambda: bv.translate("Fair", gfp, five).to_dict(),
            "crosswalk": lambda: bv.load_scale("rag").crosswalk(five).to_dict(),
            "scale": lambda: bv.load_scale("rag").to_dict(),
            "scale-six": lambda: bv.load_scale("six-colour").to_dict(),
            "catalogue": lambda: bv.load_catalogue("best-value/statutory-2024-05").to_dict(),
            "assessment": lambda: bv.load_assessment("best-value/blaby-2025").to_dict(),
        }[expected]()
        assert json.loads(out) == json.loads(json.dumps(python))

    @pytest.mark.parametrize(
        "argv",
        [
            ["list"],
            ["scales"],
            ["validate", "scales/rag.yaml"],
            ["migrate", "best-value/runnymede-2024", "--to", "statutory-2024-05"],
            ["summarise", "best-value/blaby-2025"],
            ["diff", "best-value/draft-2023-07", "best-value/statutory-2024-05"],
        ],
    )
    def test_every_printing_command_speaks_json(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        root = Path(__file__).resolve().parents[1]
        argv = [str(root / a) if a.endswith(".yaml") else a for a in argv]
        code, out, _ = run(capsys, *argv, "--format", "json")
        assert code == 0
        assert json.loads(out)

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["compare", "best-value/blaby-2025", "best-value/blaby-2025", "--catalogue", "x"],
                "--catalogue apply to CSV, TSV and XLSX inputs (or a manifest listing them), "
                "and none was given",
            ),
            (
                ["heatmap", "best-value/blaby-2025", "--on", "rag", "-o", "x.html"],
                "--on apply only with --against OTHER",
            ),
            (
                [
                    "compare",
                    "best-value/blaby-2025",
                    "best-value/blaby-2025",
                    "--mapping",
                    str(TOY_M / "v1--v2.yaml"),
                ],
                "is on no way between the versions involved (best-value/statutory-2024-05)",
            ),
            (
                ["summarise", "best-value/blaby-2025", "--count-states", "excluded"],
                "--count-states applies to the share --at-or-above LEVEL",
            ),
            (
                ["show", "rag", "--item", "CI001"],
                "--item applies to catalogues; rag is a scale",
            ),
            (
                ["migrate", "best-value/blaby-2025", "--to", "draft-2023-07", "-o", "x.xlsx"],
                "a migrated assessment is written as .yaml or .csv",
            ),
        ],
    )
    def test_an_option_given_but_not_used_is_an_error(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert message in err
        assert len(err.strip().splitlines()) == 1


def _blaby_table(tmp_path: Path, kind: str) -> Path:
    """Blaby's 2025 scores as a council keeps them: its own codes, a title row above the
    header, header names of its own, a blank row, Windows line ends."""
    blaby = load_assessment("best-value/blaby-2025")
    rows = [
        ["Best Value self-assessment 2025", "", ""],
        ["", "", ""],
        ["Item Code", "Score", "Comments"],
    ]
    rows += [[s.code, s.written(blaby.scale) or "", ""] for s in blaby.scores if s.listed]
    rows.insert(10, ["", "", ""])
    path = tmp_path / f"blaby.{kind}"
    if kind == "csv":
        import csv

        with path.open("w", newline="", encoding="utf-8-sig") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(rows)
    else:
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        cover = book.active
        cover.title = "Cover"
        cover.append(["About this workbook"])
        sheet = book.create_sheet("Scores")
        for row in rows:
            sheet.append([int(c) if c.isdigit() else (c or None) for c in row])
        book.save(path)
    return path


class TestTablesEverywhere:
    """compare and heatmap read councils' CSV and XLSX with the shared input options."""

    OPTIONS = ("--catalogue", "best-value/statutory-2024-05", "--numbering", "blaby")

    @pytest.mark.parametrize("kind", ["csv", "xlsx"])
    def test_summarise_reproduces_the_published_figures(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
    ) -> None:
        path = _blaby_table(tmp_path, kind)
        code, out, _ = run(
            capsys, "summarise", str(path), *self.OPTIONS, "--at-or-above", "4", "--format", "json"
        )
        assert code == 0
        data = json.loads(out)
        assert data["levels"] == {"1": 0, "2": 1, "3": 20, "4": 21, "5": 24}
        assert data["states"]["excluded"] == 4
        assert data["at_or_above"] == {"level": "4", "count": 45, "of": 66}

    def test_compare_csv_with_xlsx(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        pytest.importorskip("openpyxl")
        csv_path, xlsx_path = _blaby_table(tmp_path, "csv"), _blaby_table(tmp_path, "xlsx")
        code, out, err = run(
            capsys,
            "compare",
            str(csv_path),
            str(xlsx_path),
            *self.OPTIONS,
            "--council",
            "Blaby District Council",
            "--format",
            "json",
        )
        assert code == 0, err
        data = json.loads(out)
        assert data["changes"] == {"improved": 0, "declined": 0, "same": 66, "not comparable": 4}

    @pytest.mark.parametrize("kind", ["csv", "xlsx"])
    def test_heatmap_from_a_table(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
    ) -> None:
        path = _blaby_table(tmp_path, kind)
        out_file = tmp_path / "map.html"
        code, _, err = run(capsys, "heatmap", str(path), *self.OPTIONS, "-o", str(out_file))
        assert code == 0, err
        page = out_file.read_text(encoding="utf-8")
        assert "CI001" in page
        assert "5: 24 items" in page

    def test_sheet_option(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        pytest.importorskip("openpyxl")
        path = _blaby_table(tmp_path, "xlsx")
        code, _, err = run(capsys, "summarise", str(path), *self.OPTIONS, "--sheet", "Cover")
        assert code == 2
        assert "no header row: expected columns item, score; found 'About this workbook'" in err
        code, _, err = run(capsys, "summarise", str(path), *self.OPTIONS, "--sheet", "Scroes")
        assert code == 2
        assert "no sheet 'Scroes' (sheets: Cover, Scores); did you mean 'Scores'?" in err
