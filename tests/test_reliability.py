"""Every malformed input is one clean error; no input exhausts the machine; no write loses
data (issue 11). One named test per root cause the fuzzer found, then the bombs, then the
writers."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import signal
import time
import zipfile
from pathlib import Path

import pytest

import bvframework as bv
from bvframework import DataError, Store, UsageError
from bvframework._store.write import write_output

from . import fuzzing
from .conftest import BLABY_OPTIONS, TOY, Write
from .conftest import cli_stderr as run


def one_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, lines = run(capsys, *argv)
    errors = [ln for ln in lines if ln.startswith("bvframework: error:")]
    assert code == 2, lines
    assert len(errors) == 1, lines
    return errors[0]


# -- root causes ------------------------------------------------------------------------------
class TestReaders:
    def test_windows_1252_csv_is_read_with_a_notice(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        path = write("x.csv", "")
        path.write_bytes("item,score,note\r\nCI001,3,council\x92s \xa3 plan\r\n".encode("latin-1"))
        code, lines = run(capsys, "summarise", str(path), *BLABY_OPTIONS, "--format", "json")
        assert code == 0
        assert any("read as Windows-1252" in ln for ln in lines)

    def test_utf16_csv(self, capsys: pytest.CaptureFixture[str], write: Write) -> None:
        path = write("x.csv", "")
        path.write_bytes("item\tscore\r\nCI001\t3\r\n".encode("utf-16"))
        assert run(capsys, "summarise", str(path), *BLABY_OPTIONS)[0] == 0

    def test_yaml_that_is_not_utf8(self, capsys: pytest.CaptureFixture[str], write: Write) -> None:
        path = write("c.yaml", "")
        path.write_bytes(b"framework: caf\xe9\n")
        assert "not UTF-8 text (byte 14); save it as UTF-8" in one_error(
            capsys, "validate", str(path)
        )

    def test_field_longer_than_the_csv_limit(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        path = write("x.csv", 'item,score\nCI001,"' + "x" * 140_000 + '"\n')
        assert "cannot read this row as CSV (field larger than field limit" in one_error(
            capsys, "summarise", str(path), *BLABY_OPTIONS
        )

    def test_row_with_more_cells_than_the_header(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        path = write("x.csv", "item,score\nCI001,3,,extra,\nCI002,4\n")
        assert run(capsys, "summarise", str(path), *BLABY_OPTIONS)[0] == 0

    def test_no_header_names_the_columns_expected_and_found(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        path = write("x.csv", "Characteristic wording,Our view\nfoo,bar\n")
        line = one_error(capsys, "summarise", str(path), *BLABY_OPTIONS)
        assert line.endswith(
            "no header row: expected columns item, score; found 'Characteristic wording', "
            "'Our view'"
        )

    def test_the_same_problem_on_many_rows_is_one_line(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        rows = "".join(f",{n % 5 + 1}\n" for n in range(60))
        path = write("x.csv", "item,score\nCI001,3\n" + rows)
        line = one_error(capsys, "summarise", str(path), *BLABY_OPTIONS)
        assert line.endswith("a row has no item code (60 rows: 3, 4, 5, 6, 7 ...)")

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"PK\x03\x04 not really", "not an XLSX workbook (not a readable zip archive)"),
            (b"", "not an XLSX workbook (not a readable zip archive)"),
        ],
    )
    def test_damaged_xlsx(
        self, capsys: pytest.CaptureFixture[str], write: Write, content: bytes, message: str
    ) -> None:
        pytest.importorskip("openpyxl")
        path = write("x.xlsx", "")
        path.write_bytes(content)
        assert message in one_error(capsys, "summarise", str(path), *BLABY_OPTIONS)

    def test_xlsx_with_a_broken_sheet(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        pytest.importorskip("openpyxl")
        path = write("x.xlsx", "")
        path.write_bytes(_xlsx_with_sheet(b"<worksheet><sheetData><row><c r="))
        assert "cannot read" in one_error(capsys, "summarise", str(path), *BLABY_OPTIONS)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("framework: x\ndate: 2025-02-30\n", "cannot read the value (day is out of range"),
            ("n: " + "9" * 5000 + "\n", "cannot read the value (Exceeds the limit"),
            ("x: " + "[" * 600 + "]" * 600 + "\n", "nested more than 64 levels deep; refused"),
            ("r: &r [*r]\n", "nested more than 64 levels deep; refused"),
            ("1: x\n", "key '1' is read by YAML as the number 1; quote it: '1'"),
            ("? [a]\n: b\n", "a key must be a plain string"),
            ("a: 1\na: 2\n", "duplicate key 'a' (first on line 1)"),
            ("a: !!python/object:os.system x\n", "could not determine a constructor"),
        ],
    )
    def test_yaml_values_python_cannot_hold(
        self, capsys: pytest.CaptureFixture[str], write: Write, text: str, message: str
    ) -> None:
        path = write("c.yaml", text)
        code, lines = run(capsys, "validate", str(path))
        assert code in (1, 2)
        assert any(message in ln for ln in lines), lines
        assert all(ln.startswith("bvframework: error:") for ln in lines)

    def test_nan_band(self, capsys: pytest.CaptureFixture[str], write: Write) -> None:
        path = write(
            "s.yaml",
            "id: s\ntitle: S\nlevels:\n  - {id: a, band: [0, .nan]}\n  - {id: b, band: [0.5, 1]}\n",
        )
        code, lines = run(capsys, "validate", str(path))
        assert code == 1
        assert "levels[0].band[1]: expected a finite number, got the number nan" in lines[0]

    def test_oscal_of_the_wrong_shape(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        data = {"catalog": {"groups": [{"id": "ac", "controls": [{"id": 7, "parts": "x"}]}]}}
        path = write("c.json", json.dumps(data))
        code, lines = run(capsys, "import", "oscal", str(path), "-o", str(path.with_suffix(".y")))
        assert code == 2
        assert lines == [
            f"bvframework: error: {path}: catalog.groups[0].controls[0].id: expected a str, got 7",
            f"bvframework: error: {path}: catalog.groups[0].controls[0].parts: expected a list",
        ]

    def test_asvs_mapping_with_an_empty_tag(self, write: Write) -> None:
        from bvframework import Catalogue

        def cat(version: str) -> Catalogue:
            items = [{"id": "1.1.1", "text": "Verify.", "evidence": ["x"]}]
            return Catalogue.from_dict(
                {
                    "framework": "owasp-asvs",
                    "version": version,
                    "title": "t",
                    "themes": [{"id": "V1", "title": "V1", "items": items}],
                }
            )

        path = write("mapping_v1.0.0_to_v2.0.0.yml", "v1.0.0-1.1.1: {}\n")
        with pytest.raises(DataError, match=r"'v1\.0\.0-1\.1\.1': expected one tag, got 0"):
            bv.import_revision("asvs", cat("1.0.0"), cat("2.0.0"), path)

    def test_lone_surrogate_in_json_is_refused_at_the_door(self, write: Write) -> None:
        rows = [
            {
                "chapter_id": "V1",
                "chapter_name": "C",
                "req_id": "V1.1.1",
                "req_description": "Verify \\ud800 this.",
            }
        ]
        path = write("asvs-1.0.0-en.flat.json", "")
        path.write_text(
            '{"requirements": ' + json.dumps(rows).replace("\\\\ud800", "\\ud800") + "}"
        )
        with pytest.raises(DataError, match="holds an unpaired surrogate"):
            bv.import_catalogue("asvs", path)

    @pytest.mark.parametrize("ref", ["cat\x00.yaml", "cat\n.yaml", "best-value/x\x1b[2J"])
    def test_names_with_nul_or_control_characters(self, ref: str) -> None:
        with pytest.raises(DataError, match="cannot contain control characters"):
            Store().catalogue(ref)


class TestMessages:
    def test_a_file_named_as_a_catalogue_is_never_echoed(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        secret = write("secret.txt", "root:x:0:0:" + "s3cr3t " * 500 + "\n")
        path = write(
            "a.yaml", f"id: a\ncouncil: c\ncatalogue: {secret}\nscale: rag\nscores: {{}}\n"
        )
        code, lines = run(capsys, "validate", str(path))
        assert code in (1, 2)
        assert all(len(ln) < 300 for ln in lines), lines
        assert sum(ln.count("s3cr3t") for ln in lines) <= 8

    def test_control_characters_and_newlines_stay_on_one_line(
        self, capsys: pytest.CaptureFixture[str], write: Write
    ) -> None:
        path = write(
            "c.yaml",
            'framework: x\nversion: "1"\ntitle: t\nthemes: [{id: A, title: A, items: [{id: A-1}]}]'
            '\n"bad\\nkey\\x1b": 1\n',
        )
        code, lines = run(capsys, "validate", str(path))
        assert code == 1
        assert len(lines) == 1
        assert "unknown key 'bad\\nkey\\x1b'" in lines[0]

    def test_a_newline_does_not_pass_a_pattern(
        self, capsys: pytest.CaptureFixture[str], toy: Path
    ) -> None:
        code, _ = run(
            capsys,
            "import",
            "table",
            str(toy.parent / "blaby-2025-scores.csv"),
            "--framework",
            "nist\n",
            "--version",
            "1",
            "-o",
            "/tmp/never-written.yaml",
        )
        assert code == 2
        assert not Path("/tmp/never-written.yaml").exists()

    def test_svg_of_a_theme_title_with_control_characters_is_well_formed(self) -> None:
        import xml.dom.minidom

        from attrs import evolve

        import bvframework as bv

        blaby = bv.load_assessment("best-value/blaby-2025")
        themes = tuple(evolve(t, title=t.title + "\x07\x1b") for t in blaby.catalogue.themes)
        odd = evolve(blaby, catalogue=evolve(blaby.catalogue, themes=themes))
        xml.dom.minidom.parseString(bv.heatmap(odd).to_svg())


# -- bombs ------------------------------------------------------------------------------------
def _xlsx_with_sheet(sheet_xml: bytes, *, dimension: str | None = None) -> bytes:
    """A minimal workbook whose one sheet is ``sheet_xml``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType="applic'
            'ation/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedo'
            'cument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/pac'
            'kage/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlfor'
            'mats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.'
            'xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsh'
            'eetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workb'
            "ook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/pac'
            'kage/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlfor'
            'mats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.'
            'xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return out.getvalue()


SHEET = (
    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    b'2006/main">'
)


def _bomb_cell() -> bytes:
    """4-5 KB: one cell at XFD1048576 and a sheet that declares the whole grid."""
    return _xlsx_with_sheet(
        SHEET + b'<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr">'
        b'<is><t>item</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr">'
        b"<is><t>x</t></is></c></row></sheetData></worksheet>"
    )


def _bomb_rows(rows: int) -> bytes:
    """A highly compressible sheet of ``rows`` rows."""
    body = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, rows))
    return _xlsx_with_sheet(SHEET + b"<sheetData>" + body + b"</sheetData></worksheet>")


def _yaml_bomb() -> bytes:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def _bounded(argv: list[str], folder: Path) -> tuple[int | None, str, float, float]:
    """Run the command line in a child process: (status, stderr, seconds, its peak MB)."""
    return fuzzing.run_bounded(argv, folder)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("cell.xlsx", _bomb_cell, "no header row"),
        ("rows.xlsx", lambda: _bomb_rows(2_000_000), "sheet1.xml: more than 50,000 rows"),
        ("bomb.yaml", _yaml_bomb, "aliases expand to more than 10,000 values"),
    ],
)
def test_bombs_end_quickly_small_and_with_one_line(
    write: Write, name: str, make: object, message: str
) -> None:
    if name.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    path = write(name, "")
    path.write_bytes(make())  # type: ignore[operator]
    argv = ["validate" if name.endswith(".yaml") else "summarise", str(path)]
    if name.endswith(".xlsx"):
        argv += list(BLABY_OPTIONS)
    status, err, seconds, peak = _bounded(argv, path.parent)
    lines = err.strip().splitlines()
    assert status in (1, 2), err
    assert len(lines) == 1, err
    assert message in lines[0], err
    assert seconds < 5, seconds
    assert peak < 300, peak


# -- writers ----------------------------------------------------------------------------------
def _writer(target: str, n: int) -> None:
    write_output(target, (f"writer {n}\n" * 200_000))


def test_parallel_writers_never_splice(tmp_path: Path) -> None:
    target = str(tmp_path / "out.txt")
    context = multiprocessing.get_context("fork")
    for _ in range(3):
        workers = [context.Process(target=_writer, args=(target, n)) for n in range(8)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        text = Path(target).read_text()
        first = text.split("\n", 1)[0]
        assert text == f"{first}\n" * 200_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def _slow_writer(target: str) -> None:
    write_output(target, "new\n" * 50_000_000)  # 200 MB: killed long before it is renamed


def test_a_killed_writer_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old and whole\n")
    context = multiprocessing.get_context("fork")
    for sig in (signal.SIGKILL, signal.SIGTERM):
        worker = context.Process(target=_slow_writer, args=(str(target),))
        worker.start()
        time.sleep(0.3)
        os.kill(worker.pid or 0, sig)
        worker.join()
        assert target.read_text() == "old and whole\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "table", "{table}", "--framework", "d", "--version", "1", "-o", "{table}"],
        ["import", "govuk", "{page}", "--themes", "Leadership", "-o", "{page}"],
        ["import", "asvs", "{asvs}", "-o", "{asvs}"],
        ["align", "{v1}", "{v2}", "-o", "{v1}"],
        ["migrate", "{a}", "--to", "v2", "--mapping", "{m}", "-o", "{m}"],
        ["heatmap", "{a}", "-o", "{a}"],
    ],
)
def test_output_naming_an_input_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    import shutil

    shutil.copytree(TOY, tmp_path / "toy")
    files = {
        "table": tmp_path / "t.csv",
        "page": tmp_path / "p.html",
        "asvs": tmp_path / "asvs-1.0.0-en.flat.json",
        "v1": tmp_path / "toy/catalogues/toy/v1.yaml",
        "v2": tmp_path / "toy/catalogues/toy/v2.yaml",
        "a": tmp_path / "toy/assessments/toy/toyshire-2023.yaml",
        "m": tmp_path / "toy/mappings/toy/v1--v2.yaml",
    }
    files["table"].write_text("theme,id,text\nA,A-1,x\n")
    files["page"].write_text(
        "<h3>Leadership</h3><h4>Characteristics of a well-functioning "
        "authority</h4><ul><li>x</li></ul>"
    )
    files["asvs"].write_text(
        '{"requirements": [{"chapter_id": "V1", "chapter_name": "C", '
        '"req_id": "V1.1.1", "req_description": "Verify."}]}'
    )
    before = {name: path.read_bytes() for name, path in files.items()}
    argv = [a.format(**{k: str(v) for k, v in files.items()}) for a in argv]
    if argv[0] == "heatmap":
        argv[-1] = str(files["a"].with_suffix(".svg"))
        files["a"].with_suffix(".svg").write_text("x")
        argv[1] = str(files["a"])
    code, lines = run(capsys, *argv)
    if argv[0] == "heatmap":  # the .svg is not an input: allowed
        assert code == 0
        return
    assert code == 2, lines
    assert "that is an input of this command; refused" in lines[-1]
    assert {name: path.read_bytes() for name, path in files.items()} == before


def test_write_output_refuses_a_control_character_in_the_name(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="control characters"):
        write_output(str(tmp_path / "a\nb.yaml"), "x")
