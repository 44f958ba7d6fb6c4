"""A seeded mutation fuzzer over every input kind and the commands that read it.

Seeds are the bundled data, the fixtures in tests/data and small files of every other kind
made here (CSV, XLSX, gov.uk HTML, OSCAL, ASVS, OSCAL mapping collections, SSSOM); each
case mutates one seed (bytes, lines, YAML/CSV/XML-aware edits and the known hostile
shapes: alias bombs, deep nesting, huge numbers, impossible dates, NaN, NUL, Windows-1252,
long fields, ragged rows) and runs one command on it. A case passes when the command ends
with status 0, 1 or 2, prints no traceback, every error line is one ``bvframework: error:``
line, and it ends in time.

Used by tests/test_fuzz.py (a few hundred cases in CI) and benchmarks/fuzz.py (thousands,
each in its own process with time and memory measured).
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import shutil
import signal
import time
import traceback
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .hostile import HostileServer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
STATUTORY = "best-value/statutory-2024-05"


@dataclass(frozen=True)
class Seed:
    kind: str
    name: str  # file name the mutated copy is written as
    data: bytes
    commands: tuple[tuple[str, ...], ...]  # "{F}" is the file, "{OUT}" an output path


@dataclass
class Outcome:
    argv: list[str]
    status: int | None
    stderr: str
    seconds: float
    crash: str | None = None
    problems: list[str] = field(default_factory=list)


def _read(path: Path) -> bytes:
    return path.read_bytes()


def _xlsx(rows: list[list[object]]) -> bytes:
    """A workbook of ``rows``; text starting with ``=`` stays text (openpyxl would save a
    formula with no value, which reading refuses)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _govuk() -> bytes:
    parts = ["<html><body><div class='govspeak'><h2>The best value themes</h2>"]
    for theme in ("Continuous improvement", "Leadership", "Governance"):
        parts.append(f"<h3>{theme}</h3><p>Placeholder description.</p>")
        parts.append("<h4>Characteristics of a well-functioning authority</h4><ul>")
        parts += [f"<li>Placeholder characteristic {k}.</li>" for k in range(1, 4)]
        parts.append("</ul><p><strong>Examples of indicators of potential failure</strong></p>")
        parts.append("<ul><li>Placeholder indicator<ul><li>detail</li></ul></li></ul>")
    parts.append("</div></body></html>")
    return "\n".join(parts).encode()


def _oscal() -> bytes:
    control = {
        "id": "ac-1",
        "title": "Policy",
        "parts": [{"name": "statement", "prose": "Review the policy {{ insert: param, p1 }}."}],
        "params": [{"id": "p1", "label": "yearly"}],
        "controls": [
            {
                "id": "ac-1.1",
                "title": "Old",
                "props": [{"name": "status", "value": "withdrawn"}],
                "links": [{"href": "#ac-1_smt.b", "rel": "incorporated-into"}],
            }
        ],
    }
    catalog = {
        "catalog": {
            "metadata": {"title": "Demo", "version": "2"},
            "groups": [{"id": "ac", "title": "Access", "controls": [control]}],
        }
    }
    return json.dumps(catalog, indent=1).encode()


def _asvs() -> bytes:
    rows = [
        {
            "chapter_id": "V1",
            "chapter_name": "Chapter one",
            "req_id": f"V1.1.{n}",
            "req_description": f"Verify thing {n}.",
        }
        for n in range(1, 5)
    ]
    return json.dumps({"requirements": rows}, indent=1).encode()


def _exported(fmt: str) -> bytes:
    """The bundled Runnymede mapping as another tool's file (OSCAL mapping or SSSOM)."""
    import bvframework as bv

    mapping = bv.load_mapping("best-value/runnymede-2024--draft-2023-07")
    text = bv.export_mapping(mapping, fmt, date="2026-11-25")
    assert text is not None
    return text.encode()


def _http_response() -> bytes:
    """A gov.uk Content API answer, whole, as the server sends it."""
    from . import govuk_pages

    _, statutory = govuk_pages.pages()
    body = govuk_pages.content_api(statutory, base_path="/x", title="Best value").encode()
    head = [
        b"HTTP/1.1 200 OK",
        b"Content-Type: application/json",
        b"Content-Length: %d" % len(body),
        b"Connection: close",
    ]
    return b"\r\n".join(head) + b"\r\n\r\n" + body


def seeds() -> list[Seed]:
    """Every input kind, with the commands that read it."""
    bundled = ROOT / "catalogues" / "best-value"
    blaby_csv = _read(DATA / "blaby-2025-scores.csv")
    table = ["theme,id,text", "A,A-1,First", "A,A-2,Second", "B,B-1,Third"]
    grid: list[list[object]] = [["Scores"], [], ["Item Code", "Score", "Comments"]]
    grid.append(["CI001", 3, None])
    grid += [["CI002", "Exc*", "n/a"], ["CI003", 4.0, "=1+1"]]
    opts = ("--catalogue", STATUTORY, "--numbering", "blaby")
    return [
        Seed(
            kind="catalogue",
            name="catalogue.yaml",
            data=_read(bundled / "statutory-2024-05.yaml"),
            commands=(("validate", "{F}"), ("show", "{F}"), ("diff", "{F}", "{F}")),
        ),
        Seed(
            kind="catalogue",
            name="v1.yaml",
            data=_read(DATA / "toy/catalogues/toy/v1.yaml"),
            commands=(("validate", "{F}"), ("align", "{F}", "{F}", "-o", "{OUT}.yaml")),
        ),
        Seed(
            kind="mapping",
            name="mapping.yaml",
            data=_read(DATA / "toy/mappings/toy/v1--v2.yaml"),
            commands=(
                ("validate", "{F}"),
                ("show", "{F}"),
                ("export", "oscal", "{F}", "-o", "{OUT}.json"),
                ("export", "sssom", "{F}", "-o", "{OUT}.tsv"),
                ("export", "ciso", "{F}", "-o", "{OUT}.yaml"),
            ),
        ),
        Seed(
            kind="oscal mapping collection",
            name="collection.json",
            data=_exported("oscal"),
            commands=(("import", "oscal-mapping", "{F}", "-o", "{OUT}.yaml"),),
        ),
        Seed(
            kind="sssom",
            name="mapping.sssom.tsv",
            data=_exported("sssom"),
            commands=(("import", "sssom", "{F}", "-o", "{OUT}.yaml"),),
        ),
        Seed(
            kind="scale",
            name="scale.yaml",
            data=_read(ROOT / "scales" / "six-colour.yaml"),
            commands=(
                ("validate", "{F}"),
                ("translate", "3", "--from", "{F}", "--to", "rag"),
                ("crosswalk", "{F}", "numeric-1-5"),
            ),
        ),
        Seed(
            kind="assessment",
            name="assessment.yaml",
            data=_read(ROOT / "assessments" / "best-value" / "blaby-2025.yaml"),
            commands=(
                ("validate", "{F}"),
                ("summarise", "{F}"),
                ("heatmap", "{F}", "-o", "{OUT}.svg"),
                ("heatmap", "{F}", "-o", "{OUT}.xlsx"),
                ("heatmap", "{F}", "-o", "{OUT}.png"),
                ("compare", "{F}", "best-value/blaby-2025"),
                ("show", "{F}"),
            ),
        ),
        Seed(
            kind="csv assessment",
            name="scores.csv",
            data=blaby_csv,
            commands=(
                ("summarise", "{F}", *opts),
                ("compare", "{F}", "best-value/blaby-2025", *opts),
                ("validate", "{F}", *opts),
                ("validate", "{F}", *opts, "--date", "{DATE}"),
                ("heatmap", "{F}", *opts, "--date", "{DATE}", "-o", "{OUT}.xlsx"),
            ),
        ),
        Seed(
            kind="xlsx assessment",
            name="scores.xlsx",
            data=_xlsx(grid),
            commands=(("summarise", "{F}", *opts), ("heatmap", "{F}", *opts, "-o", "{OUT}.html")),
        ),
        Seed(
            kind="table catalogue",
            name="table.csv",
            data="\n".join(table).encode(),
            commands=(
                (
                    "import",
                    "table",
                    "{F}",
                    "--framework",
                    "x",
                    "--version",
                    "1",
                    "-o",
                    "{OUT}.yaml",
                ),
            ),
        ),
        Seed(
            kind="gov.uk html",
            name="page.html",
            data=_govuk(),
            commands=(
                (
                    "import",
                    "govuk",
                    "{F}",
                    "--themes",
                    "Continuous improvement",
                    "Leadership",
                    "-o",
                    "{OUT}.yaml",
                ),
                ("import", "govuk", "{F}", "--onto", STATUTORY, "-o", "{OUT}.yaml"),
            ),
        ),
        Seed(
            kind="oscal",
            name="catalog.json",
            data=_oscal(),
            commands=(
                ("import", "oscal", "{F}", "-o", "{OUT}.yaml"),
                ("import", "oscal", "{F}", "{F}", "-o", "{OUT}"),
            ),
        ),
        Seed(
            kind="fetch response",
            name=RESPONSE,
            data=_http_response(),
            commands=(("fetch", "best-value", "--version", "statutory-2024-05"),),
        ),
        Seed(
            kind="asvs",
            name="asvs-1.0.0-en.flat.json",
            data=_asvs(),
            commands=(("import", "asvs", "{F}", "-o", "{OUT}.yaml"),),
        ),
        Seed(
            kind="manifest",
            name="manifest.csv",
            data=b"file,council,date\nbest-value/blaby-2025,Blaby,2025-09\n"
            b"best-value/runnymede-2024,,\n",
            commands=(
                ("benchmark", "{F}"),
                ("benchmark", "{F}", "--format", "csv"),
                ("benchmark", "{F}", "--council", "Blaby", "-o", "{OUT}.svg"),
                ("compare", "{F}"),
            ),
        ),
        Seed(
            kind="yaml manifest",
            name="cohort.yaml",
            data=b"assessments:\n  - {file: best-value/blaby-2025, council: Blaby}\n"
            b"  - best-value/runnymede-2024\n",
            commands=(
                ("benchmark", "{F}", "--format", "json"),
                ("report", "{F}", "-o", "{OUT}.html"),
            ),
        ),
    ]


# -- mutations --------------------------------------------------------------------------------
HOSTILE_LINES = [
    b"a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
    b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e]\n",
    b"r: &r [*r]\n",
    b"deep: " + b"[" * 700 + b"]" * 700 + b"\n",
    b"date: 2025-02-30\n",
    b"big: " + b"9" * 5000 + b"\n",
    b"band: [.nan, .inf]\n",
    b"? [a, b]\n: c\n",
    b"1: one\n",
    b"<<: {x: 1}\n",
    b"!!python/object:os.system x: 1\n",
    b"\x00\x00\x00\n",
    b"caf\xe9 \x92quoted\x92 \x96 \xa3\n",
    b'"' + b"x" * 140_000 + b'"\n',
    b",,,,,,,,\n",
    b"Item Code;Score\nCI001;3\n",
    b"\xff\xfe\x00",
    b"- \n- - - -\n",
    b"{" * 50 + b"\n",
    b"id: \x1b[31mred\x07\n",
    b"\xed\xa0\x80\n",  # an encoded lone surrogate
    b"date: '2024-02-30'\n",
    b"date: '0000-00-00'\n",
    b'date: "2024-01-01\\n"\n',
    b"HTTP/1.1 TWO HUNDRED\r\n",
    b"\r\n".join(b"X-Flood-%d: y" % n for n in range(120)),
    b"X-Long: " + b"a" * 70_000,
    b"HTTP/1.1 404 \x1b[2J\x1b[31mGone\x07\r\n",
    b"Content-Length: 99999999\r\n",
    b"Transfer-Encoding: chunked\r\n",
]

DATES = [
    "2024-02-30",
    "2024-13-01",
    "0000-00-00",
    "2024-01-01\n",
    "2023-02-29",
    "2024-02-29",
    "2024",
    "2024-1-1",
    "\x1b[31m2024",
    "9999-12-31",
    "",
]
"""What ``--date`` is given: impossible days, other shapes, a real one or two."""

CONTROL = [b"\x1b[31m", b"\x07", b"\x00", b"\xc2\x9b", b"\\e", b"\\0", b"\\x1b", b"\r"]
"""Control characters as raw bytes (ESC, BEL, NUL, C1 CSI, CR) and as YAML escapes."""


def _flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return b"\xff"
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _lines(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    if len(lines) < 2:
        return data + data
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    choice = rng.randrange(4)
    if choice == 0:
        del lines[i]
    elif choice == 1:
        lines.insert(i, lines[j])
    elif choice == 2:
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = b" " * rng.randrange(8) + lines[i]
    return b"\n".join(lines)


def _hostile(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(HOSTILE_LINES).rstrip(b"\n"))
    return b"\n".join(lines)


def _replace_value(rng: random.Random, data: bytes) -> bytes:
    """A YAML/JSON/CSV value swapped for another type or a hostile scalar."""
    tokens = [
        b"{}",
        b"[]",
        b"123",
        b"-1",
        b"null",
        b"true",
        b"1.10",
        b"''",
        b"~",
        b'"x"',
        b"9" * 400,
        b".nan",
        b"2025-13-01",
        b"=cmd|' /C calc'!A0",
        b'"\\ud800"',
    ]
    text = data
    for sep in (b": ", b","):
        positions = [i for i in range(len(text)) if text.startswith(sep, i)]
        if positions:
            at = rng.choice(positions) + len(sep)
            end = text.find(b"\n", at)
            end = len(text) if end < 0 else end
            if sep == b",":
                nxt = text.find(b",", at)
                end = min(end, nxt) if nxt >= 0 else end
            return text[:at] + rng.choice(tokens) + text[end:]
    return data + rng.choice(tokens)


def _tree(rng: random.Random, data: bytes) -> bytes:
    """Structure-aware: one node of a JSON or YAML tree swapped for a value of another type."""
    import yaml

    try:
        tree = json.loads(data)
        dump: Callable[[object], bytes] = lambda t: json.dumps(t).encode()  # noqa: E731
    except ValueError:
        try:
            tree = yaml.safe_load(data)
        except Exception:
            return _flip(rng, data)
        dump = lambda t: yaml.safe_dump(t, allow_unicode=True).encode()  # noqa: E731
    nodes: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                nodes.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                nodes.append((node, index))
                walk(value)

    try:
        walk(tree)
    except RecursionError:  # a self-referencing alias (&r [*r]): leave it as it is
        return data
    if not nodes:
        return _flip(rng, data)
    parent, key = rng.choice(nodes)
    replacement: object = rng.choice(
        [None, 0, 1.5, -7, True, "", "x", [], {}, [1, "a"], {"k": []}, "9" * 50, {"1": 2}]
    )
    parent[key] = replacement  # type: ignore[index]
    try:
        return dump(tree)
    except Exception:
        return data


def _control(rng: random.Random, data: bytes) -> bytes:
    """A control character inside a text field (after a ``: ``, a ``,`` or a ``>``)."""
    positions = [
        i + len(sep)
        for sep in (b": ", b",", b">", b'"')
        for i in range(len(data))
        if data.startswith(sep, i)
    ]
    at = rng.choice(positions) if positions else rng.randrange(len(data) + 1)
    at = min(len(data), at + rng.randrange(4))
    return data[:at] + rng.choice(CONTROL) + data[at:]


def _encoding(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    return rng.choice(
        [text.encode("utf-16"), text.encode("cp1252", "replace"), b"\xef\xbb\xbf" + data]
    )


def _zip_member(rng: random.Random, data: bytes) -> bytes:
    """An XLSX (zip) with one member's XML mutated, or dimensions blown up."""
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        members = [(info, source.read(info)) for info in source.infolist()]
    except Exception:  # zipfile raises many kinds on a damaged archive
        return _flip(rng, data)
    out = io.BytesIO()
    pick = rng.randrange(len(members))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for n, (info, original) in enumerate(members):
            content = original
            if n == pick:
                choice = rng.randrange(4)
                if choice == 0:
                    content = _flip(rng, original)
                elif choice == 1:
                    content = _truncate(rng, original)
                elif choice == 2 and b"<dimension" in original:
                    content = original.replace(b'ref="A1', b'ref="A1:XFD1048576"  x="', 1)
                else:
                    content = original.replace(b'<c r="A', b'<c r="XFD1048576" q="', 1)
            target.writestr(info.filename, content)
    return out.getvalue()


MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    _flip,
    _truncate,
    _lines,
    _hostile,
    _hostile,
    _replace_value,
    _replace_value,
    _encoding,
    _tree,
    _tree,
    _control,
    _control,
]


def mutate(rng: random.Random, seed: Seed) -> bytes:
    data = seed.data
    for _ in range(rng.choice((1, 1, 2, 3))):
        if seed.name.endswith(".xlsx") and rng.random() < 0.7:
            data = _zip_member(rng, data)
        else:
            data = rng.choice(MUTATIONS)(rng, data)
    return data


# -- running ----------------------------------------------------------------------------------
class _TimeoutError(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _TimeoutError


def check(outcome: Outcome, *, max_lines: int = 51) -> list[str]:
    """What is wrong with how a command ended (empty when it ended cleanly)."""
    problems = []
    if outcome.crash is not None:
        problems.append(f"escaped: {outcome.crash}")
        return problems
    if outcome.status not in (0, 1, 2):
        problems.append(f"exit status {outcome.status}")
    if "Traceback" in outcome.stderr:
        problems.append("traceback on stderr")
    lines = [ln for ln in outcome.stderr.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("bvframework: error:")]
    others = [
        ln
        for ln in lines
        if not ln.startswith(("bvframework: error:", "bvframework: notice:", "wrote ", "usage:"))
    ]
    if others:
        problems.append(f"a stderr line that is not one error line: {others[0][:120]!r}")
    if outcome.status == 2 and not errors:
        problems.append("exit 2 without an error line")
    if len(errors) > max_lines:
        problems.append(f"{len(errors)} error lines")
    return problems


def run_in_process(
    argv: list[str], *, seconds: float = 15.0, env: dict[str, str] | None = None
) -> Outcome:
    """Run one command in this process, with a wall-clock alarm and ``env`` set."""
    import os

    from bvframework._cli.main import main

    saved = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    start = time.perf_counter()
    status: int | None = None
    crash = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)
    except _TimeoutError:
        crash = f"no end within {seconds:.0f} s"
    except BaseException as exc:  # the fuzzer's job is to find these
        crash = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:300]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    outcome = Outcome(argv, status, err.getvalue(), time.perf_counter() - start, crash)
    outcome.problems = check(outcome)
    return outcome


# The child reports its own peak resident memory (VmHWM: per process image, unlike
# ru_maxrss, which Linux carries over exec from the forking process).
_CHILD = """
import sys
from bvframework._cli.main import main
try:
    code = main(sys.argv[2:])
finally:
    with open("/proc/self/status") as status, open(sys.argv[1], "w") as out:
        out.write(next(ln.split()[1] for ln in status if ln.startswith("VmHWM")))
sys.exit(code)
"""


def run_bounded(
    argv: list[str], folder: Path, *, seconds: float = 60.0, env: dict[str, str] | None = None
) -> tuple[int | None, str, float, float]:
    """The command line in a fresh interpreter (with ``env`` added to the environment):
    (status or None on timeout, stderr, seconds, peak resident MB of that process alone)."""
    import os
    import subprocess
    import sys

    hwm = folder / "hwm.txt"
    start = time.perf_counter()
    try:
        child = subprocess.run(
            [sys.executable, "-c", _CHILD, str(hwm), *argv],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=seconds,
            check=False,
            env={**os.environ, **(env or {})},
        )
    except subprocess.TimeoutExpired:
        return None, "", seconds, 0.0
    peak = int(hwm.read_text()) / 1024 if hwm.exists() else 0.0
    return child.returncode, child.stderr, time.perf_counter() - start, peak


RESPONSE = "response.http"
DRIP = "drip"  # a file beside a response: send it a byte every 0.4 s
_SERVERS: dict[str, HostileServer] = {}  # the one fuzz server of this process


def _script(root: Path) -> Callable[[str], list[tuple[bytes, float]]]:
    """What the fuzz server answers: ``/<case>/...`` gets that case's response file, as it
    is, at once or dripped."""

    def answer(path: str) -> list[tuple[bytes, float]]:
        case = root / path.lstrip("/").split("/", 1)[0]
        try:
            data = (case / RESPONSE).read_bytes()
        except OSError:
            return []
        if (case / DRIP).exists():
            return [(data[:40], 0.0)] + [(data[n : n + 1], 0.4) for n in range(40, 80)]
        return [(data, 0.0)]

    return answer


def fetch_server(root: Path) -> str:
    """The URL of the one server (per process) answering every fetch case under ``root``."""
    running = _SERVERS.get("server")
    if running is None or running.root != root:
        if running is not None:
            running.close()
        running = HostileServer(_script(root), max_connections=1_000_000)
        running.root = root
        _SERVERS["server"] = running
    return running.url


TARGETS = ("fifo", "folder", "read-only", "link to a fifo", "dangling link", "link to a file")


def _target(rng: random.Random, out: Path) -> None:
    """Make ``out`` an output target a careless user or an attacker would give."""
    import os

    kind = rng.choice(TARGETS)
    if kind == "fifo":
        os.mkfifo(out)
    elif kind == "folder":
        out.mkdir()
    elif kind == "read-only":
        out.write_text("keep me\n")
        out.chmod(0o444)
    elif kind == "link to a fifo":
        os.mkfifo(out.with_name("pipe"))
        out.symlink_to(out.with_name("pipe"))
    elif kind == "dangling link":
        out.symlink_to(out.with_name("nowhere") / "x")
    else:
        out.with_name("real").write_text("old\n")
        out.symlink_to(out.with_name("real"))


def cases(
    count: int, *, seed: int, folder: Path
) -> Iterator[tuple[str, list[str], dict[str, str]]]:
    """(input kind, argv, environment) for ``count`` cases; each writes its mutated file
    into ``folder``. One case in ten that writes a file writes it to a hostile target
    (a FIFO, a folder, a read-only file, links); fetch cases are answered by a local
    server on 127.0.0.1 with the mutated response, one in ten dripped past the deadline."""
    rng = random.Random(seed)
    pool = seeds()
    for n in range(count):
        chosen = pool[n % len(pool)]
        case = folder / f"case{n:05d}"
        if case.exists():
            shutil.rmtree(case)
        case.mkdir(parents=True)
        path = case / chosen.name
        path.write_bytes(mutate(rng, chosen))
        command = rng.choice(chosen.commands)
        day = rng.choice(DATES)
        argv = [
            part.replace("{F}", str(path))
            .replace("{OUT}", str(case / "out"))
            .replace("{DATE}", day)
            for part in command
        ]
        env: dict[str, str] = {}
        if "-o" in argv and rng.random() < 0.1:
            _target(rng, Path(argv[argv.index("-o") + 1]))
        if chosen.name == RESPONSE:
            if rng.random() < 0.1:
                (case / DRIP).touch()
            env = {
                "BVFRAMEWORK_GOVUK_URL": f"{fetch_server(folder)}/{case.name}",
                "BVFRAMEWORK_CACHE": str(case / "cache"),
                "BVFRAMEWORK_FETCH_SECONDS": "1",
            }
        yield chosen.kind, argv, env
