"""Cohorts end to end: manifests in every command that takes several assessments, councils
named after their files, higher/lower between councils and improved/declined within one,
defaults that do not depend on the order of the files, and the benchmark command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

import bvframework as bv

from .conftest import STATUTORY
from .conftest import cli as run

DATA = Path(__file__).parent / "data"
COHORT = DATA / "cohort"
MANIFEST = COHORT / "manifest.csv"
FICTIONAL = str(DATA / "fictional-draft-gfp.yaml")


def write(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("item,score\n" + "".join(f"{a},{b}\n" for a, b in rows), encoding="utf-8")
    return path


# Two councils' files, neither naming its council: A-1 2 vs 4 (higher), A-2 5 vs 3
# (lower), A-3 3 vs 3 (same); the rest not assessed by either.
EREWASH = [("CI-01", "2"), ("CI-02", "5"), ("CI-03", "3")]
BROXTOWE = [("CI-01", "4"), ("CI-02", "3"), ("CI-03", "3")]


def test_two_unnamed_councils_are_higher_and_lower(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write(tmp_path / "erewash.csv", EREWASH)
    second = write(tmp_path / "broxtowe.csv", BROXTOWE)
    code, out, _ = run(
        capsys, "compare", str(first), str(second), "--catalogue", STATUTORY, "--format", "csv"
    )
    assert code == 0
    rows = {r["item"]: r for r in csv.DictReader(io.StringIO(out))}
    assert [rows[i]["change"] for i in ("CI-01", "CI-02", "CI-03")] == ["higher", "lower", "same"]
    a = bv.load_assessment(first, catalogue=STATUTORY)
    assert a.council == "erewash"  # named after the file, never "unknown"


def test_one_councils_two_years_are_improved_and_declined(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "erewash-2023.csv", EREWASH)
    write(tmp_path / "erewash-2025.csv", BROXTOWE)
    manifest = tmp_path / "erewash.csv"
    manifest.write_text(
        "file,council,date,catalogue\n"
        f"erewash-2025.csv,Erewash Borough Council,2025-03,{STATUTORY}\n"
        f"erewash-2023.csv,Erewash Borough Council,2023-03,{STATUTORY}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "compare", str(manifest), "--format", "csv")
    assert code == 0
    rows = {r["item"]: r for r in csv.DictReader(io.StringIO(out))}
    # the same council: in date order whatever the manifest's, year on year
    assert list(rows["CI-01"])[4:6] == ["erewash-2023", "erewash-2025"]
    changes = [rows[i]["change"] for i in ("CI-01", "CI-02", "CI-03")]
    assert changes == ["improved", "declined", "same"]


def test_defaults_do_not_depend_on_the_order(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for files in (["best-value/blaby-2025", FICTIONAL], [FICTIONAL, "best-value/blaby-2025"]):
        code, out, err = run(capsys, "compare", *files, "--format", "json")
        assert code == 0, err
        data = json.loads(out)
        assert (data["version"], data["scale"]) == (STATUTORY, "numeric-1-5")
        assert data["chosen"] == [
            f"version {STATUTORY}: the latest version every assessment routes to "
            f"(from best-value/draft-2023-07, {STATUTORY})",
            "scale numeric-1-5: the one with the most levels (5) of good-fair-poor, numeric-1-5",
        ]
        outputs.append({(r["assessment"], r["item"]): r["label"] for r in data["items"]})
    assert outputs[0] == outputs[1]
    # the API says the same, whatever the order
    blaby, fictional = bv.load_assessment("best-value/blaby-2025"), bv.load_assessment(FICTIONAL)
    one, other = bv.compare(blaby, fictional), bv.compare(fictional, blaby)
    assert (one.catalogue.key, one.scale.id) == (other.catalogue.key, other.scale.id)
    assert one.chosen == other.chosen


def test_reasons_name_what_happened(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "compare", "best-value/blaby-2025", FICTIONAL, "--on", "good-fair-poor",
        "--format", "json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    reasons = {r["item"]: r["reason"] for r in data["items"]}
    # Blaby's statutory items have no counterpart in the draft: unmapped, not "unpublished"
    assert reasons["CI-01"] == "not comparable: not in best-value/draft-2023-07: unmapped"
    ledger = [line for line in data["ledger"] if line["assessment"] == "fictional-2024"]
    assert ledger == [
        {
            "assessment": "fictional-2024",
            "item": "L-all-out-elections",
            "code": "L-all-out-elections",
            "outcome": "not carried over",
            "detail": f"removed in best-value/draft-2023-07 -> {STATUTORY}",
        }
    ]
    code, out, _ = run(
        capsys, "compare", "best-value/blaby-2025", FICTIONAL, "--on", "good-fair-poor"
    )
    assert "between councils" in out


def test_benchmark_command_prints_and_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "benchmark", str(MANIFEST), "--format", "json")
    assert code == 0
    data = json.loads(out)
    api = bv.benchmark(MANIFEST)
    assert data == json.loads(json.dumps(api.to_dict()))  # the same keys as the Python API
    assert [c["council"] for c in data["councils"]] == [
        "Blaby District Council",
        "Northmere Borough Council",
        "Runnymede Borough Council",
        "Southby District Council",
        "Westford Borough Council",
        "eastwick-2024",  # its row names no council: named after its file
    ]
    blaby = data["councils"][0]
    # Blaby's published figures, per theme (its real file in the cohort)
    assert [(t["assessed"], t["at_or_above_low"]) for t in blaby["themes"]] == [
        (9, 8),
        (10, 8),
        (9, 5),
        (11, 10),
        (11, 8),
        (10, 3),
        (6, 3),
    ]
    northmere = data["councils"][1]
    assert northmere["previous"]["date"] == "2023-06"
    code, out, _ = run(capsys, "benchmark", str(MANIFEST), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 7 * 70
    southby = next(r for r in rows if r["council"] == "Southby District Council")
    assert (southby["original_scale"], southby["translated"], southby["policy"]) == (
        "good-fair-poor",
        "true",
        "range",
    )
    for suffix in (".html", ".xlsx", ".csv", ".json", ".svg"):
        target = tmp_path / f"cohort{suffix}"
        code, _, err = run(
            capsys,
            "benchmark",
            str(MANIFEST),
            "--council",
            "Blaby District Council",
            "--title",
            "Six councils",
            "-o",
            str(target),
        )
        assert code == 0, err
        assert target.stat().st_size > 500
    assert "<title>Six councils</title>" in (tmp_path / "cohort.html").read_text()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-o", "x.pdf"], "-o x.pdf: a benchmark is written as .html, .htm, .xlsx, .csv"),
        (["-o", "x.png"], "-o x.png: a profile is one council's: give --council NAME"),
        (["--council", "Nowhere"], "council 'Nowhere' is not in the cohort"),
        (["--at-or-above", "Purple"], "'Purple' is not a level or state of scale 'numeric-1-5'"),
        (["--format", "json", "-o", "x.html"], "--format json prints; -o x.html writes"),
    ],
)
def test_benchmark_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "benchmark", str(MANIFEST), *argv)
    assert code == 2
    assert err.startswith(f"bvframework: error: {message}"), err


def test_a_manifest_reports_every_problem_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "good.csv", EREWASH)
    write(tmp_path / "bad.csv", [("CI-01", "Purple"), ("ZZ-99", "3")])
    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        "assessments:\n"
        f"  - {{file: good.csv, catalogue: {STATUTORY}}}\n"
        f"  - {{file: bad.csv, catalogue: {STATUTORY}, scale: numeric-1-5}}\n"
        "  - {file: missing.csv}\n"
        f"  - {{file: {FICTIONAL}, numbering: blaby}}\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "benchmark", str(manifest))
    assert code == 2
    # the manifest's own problem first (a missing file), then nothing else is read
    assert err.splitlines() == [f"bvframework: error: {manifest}:4: missing.csv: no such file"]
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("  - {file: missing.csv}\n", ""),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "benchmark", str(manifest))
    assert code == 2
    lines = err.splitlines()
    assert any("bad.csv" in line and "'Purple'" in line for line in lines), lines
    assert any("bad.csv" in line and "ZZ-99" in line for line in lines), lines
    assert any(
        f"{manifest}:4: {FICTIONAL}: numbering applies to table files" in line for line in lines
    ), lines


def test_a_manifest_overrides_a_yaml_assessments_council_and_date(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "file,council,date\nbest-value/blaby-2025,Blaby DC,2025-10\n", encoding="utf-8"
    )
    (blaby,) = bv.load_cohort(manifest)
    assert (blaby.council, blaby.date, blaby.id) == ("Blaby DC", "2025-10", "blaby-2025")


def test_report_and_heatmap_take_manifests(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "erewash-2023.csv", EREWASH)
    write(tmp_path / "erewash-2025.csv", BROXTOWE)
    manifest = tmp_path / "pair.csv"
    manifest.write_text(
        "file,council,date,catalogue\n"
        f"erewash-2023.csv,Erewash,2023-03,{STATUTORY}\n"
        f"erewash-2025.csv,Erewash,2025-03,{STATUTORY}\n",
        encoding="utf-8",
    )
    page = tmp_path / "report.html"
    code, _, err = run(capsys, "report", str(manifest), "--title", "Erewash", "-o", str(page))
    assert code == 0, err
    text = page.read_text(encoding="utf-8")
    assert "<title>Erewash</title>" in text
    assert "(year on year)" in text
    change = tmp_path / "change.html"
    code, _, err = run(capsys, "heatmap", str(manifest), "-o", str(change))
    assert code == 0, err
    assert "1 improved, 1 declined, 1 same" in change.read_text(encoding="utf-8")
    code, _, err = run(capsys, "heatmap", str(MANIFEST), "-o", str(change))
    assert code == 2
    assert "this manifest lists 7" in err


def test_render_benchmark_and_load_cohort(tmp_path: Path) -> None:
    cohort = bv.load_cohort(MANIFEST)
    assert len(cohort) == 7
    result = bv.benchmark(cohort, council="Westford Borough Council")
    assert result.focus == "Westford Borough Council"
    bv.render_benchmark(result, tmp_path / "westford.svg")
    assert "Westford Borough Council: items at or above 4" in (tmp_path / "westford.svg").read_text(
        encoding="utf-8"
    )
    with pytest.raises(bv.UsageError):
        bv.render_benchmark(result, tmp_path / "x.pdf")
    options: dict[str, Any] = {"catalogue": STATUTORY}
    write(tmp_path / "a.csv", EREWASH)
    assert bv.load_cohort([tmp_path / "a.csv"], **options)[0].council == "a"


def test_heatmap_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "blaby.svg"
    code, _, _ = run(
        capsys, "heatmap", "best-value/blaby-2025", "--title", "Blaby 2025", "-o", str(out)
    )
    assert code == 0
    assert "<title>Blaby 2025</title>" in out.read_text(encoding="utf-8")
    assert bv.heatmap(bv.load_assessment("best-value/blaby-2025"), title="B").title == "B"


def test_a_mapping_on_no_route_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    toy = str(DATA / "toy" / "mappings" / "toy" / "v1--v2.yaml")
    code, _, err = run(capsys, "benchmark", str(MANIFEST), "--mapping", toy)
    assert code == 2
    assert err.startswith(f"bvframework: error: --mapping {toy}: toy/v1 -> toy/v2 is on no way")


def test_text_with_a_council_shows_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "benchmark", str(MANIFEST), "--council", "Westford Borough Council")
    assert code == 0
    assert "Westford Borough Council (2024-09):" in out
    assert "Blaby District Council (2025-09):" not in out
    assert "(5 other councils: without --council, or --format csv, for every one)" in out
