"""`bvframework fetch` against a real HTTP server on 127.0.0.1 serving fixture pages in the
shape of gov.uk's (placeholder sentences only); no test touches the internet."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import bvframework as bv
from bvframework import UnknownReferenceError
from bvframework._store import fetch
from bvframework._store.sources import SOURCES

from . import govuk_pages
from .conftest import STATUTORY
from .conftest import cli as run

DRAFT = "best-value/draft-2023-07"


class _Quiet(ThreadingHTTPServer):
    """Handlers finish before the server closes, and a client that gave up (the timeout
    test) is not an error worth a traceback on stderr."""

    daemon_threads = False
    block_on_close = True

    def handle_error(self, request: object, client_address: object) -> None:
        return None


class Server:
    """Serves the fixture pages; ``mode`` picks how the Content API and pages answer."""

    def __init__(self) -> None:
        draft, statutory = govuk_pages.pages()
        self.html = {SOURCES[DRAFT]: draft, SOURCES[STATUTORY]: statutory}
        self.mode = "ok"
        self.hits: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return None

            def do_GET(self) -> None:
                server.hits[self.path] += 1
                api = self.path.startswith("/api/content/")
                path = self.path.removeprefix("/api/content")
                html = server.html.get(path)
                if self.headers.get("User-Agent", "").split("/")[0] != "bvframework":
                    self._send(403, "text/plain", "no user agent")
                elif html is None:
                    self._send(404, "text/plain", "not found")
                elif server.mode == "500":
                    self._send(500, "text/plain", "oops")
                elif server.mode == "slow":
                    time.sleep(1.5)
                    self._send(200, "text/html", html)
                elif server.mode == "api-down" and api:
                    self._send(503, "text/plain", "down")
                elif server.mode == "changed":
                    self._send(200, "text/html", "<h2>A redesigned page</h2><p>No lists.</p>")
                elif api:
                    body = govuk_pages.content_api(html, base_path=path, title="Best value")
                    self._send(200, "application/json", body)
                else:
                    self._send(200, "text/html", html)

            def _send(self, status: int, kind: str, body: str) -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = _Quiet(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_fetch_then_diff_itemises_and_reconciles(
    server: Server, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "fetch", "best-value")
    assert code == 0, err
    assert "downloading " + server.url + "/api/content/government/" in err
    lines = out.splitlines()
    assert lines[0].startswith(
        f"{DRAFT}: 59 characteristics in 7 themes (all 59 items listed), 21 indicators"
    )
    assert lines[1].startswith(f"{STATUTORY}: 70 characteristics in 7 themes")
    assert "(gov.uk Content API, " in lines[1]
    folder = tmp_path / "cache" / "best-value" / "statutory-2024-05"
    meta = json.loads((folder / "source.json").read_text())
    assert meta["url"] == server.url + "/api/content" + SOURCES[STATUTORY]
    assert meta["licence"] == "Open Government Licence v3.0 (Crown copyright)"

    code, out, _ = run(capsys, "diff", DRAFT, STATUTORY)
    assert code == 0
    assert "SUGGESTED: relations with method 'suggested'" in out
    rows = [line.split() for line in out.splitlines()]
    # the fixture's built-in truth: 41 unchanged, 16 reworded, 2 removed, 13 added
    for row in (["unchanged", "41"], ["reworded", "16"], ["removed", "2"], ["added", "13"]):
        assert row in rows
    assert ["unchanged", "41", "41", "0"] in rows  # reconciled: published, itemised, not
    assert ["removed", "2", "2", "0"] in rows
    assert ["added", "13", "13", "0"] in rows
    assert "status: fully itemised" in out

    code, out, _ = run(capsys, "diff", DRAFT, STATUTORY, "--items")
    assert "Both texts, relation by relation:" in out
    assert "old L-all-out-elections: Placeholder on moving from multiple to all-out" in out


def test_a_second_fetch_does_not_download_refresh_does(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "fetch", "best-value", "--version", "statutory-2024-05")[0] == 0
    assert sum(server.hits.values()) == 1
    code, out, _ = run(capsys, "fetch", "best-value", "--version", "statutory-2024-05")
    assert code == 0
    assert "already in the cache" in out
    assert sum(server.hits.values()) == 1
    run(capsys, "fetch", "best-value", "--version", "statutory-2024-05", "--refresh")
    assert sum(server.hits.values()) == 2


def test_a_damaged_cache_is_detected_and_fetched_again(
    server: Server, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "fetch", "best-value", "--version", "statutory-2024-05")
    page = tmp_path / "cache" / "best-value" / "statutory-2024-05" / "page.bin"
    page.write_bytes(page.read_bytes().replace(b"Placeholder", b"Tampered", 1))
    with pytest.raises(bv.DataError, match="does not match the SHA-256 recorded"):
        bv.load_catalogue(STATUTORY, text="cached")
    code, _, err = run(capsys, "fetch", "best-value", "--version", "statutory-2024-05")
    assert code == 0
    assert "does not match the SHA-256 recorded" in err
    assert "downloading it again" in err
    assert sum(server.hits.values()) == 2
    assert bv.load_catalogue(STATUTORY, text="cached").item("CI-01").text


def test_the_html_page_when_the_content_api_fails(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    server.mode = "api-down"
    code, out, err = run(capsys, "fetch", "best-value", "--version", "draft-2023-07")
    assert code == 0, err
    assert "the Content API did not give the page (HTTP 503" in err
    assert "(gov.uk page, " in out


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("500", "/government/publications/best-value-standards-and-intervention-a-statutory-"),
        ("changed", "theme 'Continuous improvement' not found as a heading"),
    ],
)
def test_errors_are_one_line(
    server: Server, capsys: pytest.CaptureFixture[str], tmp_path: Path, mode: str, message: str
) -> None:
    server.mode = mode
    code, _, err = run(capsys, "fetch", "best-value", "--version", "statutory-2024-05")
    errors = [ln for ln in err.splitlines() if ln.startswith("bvframework: error:")]
    assert code == 2
    assert message in errors[0]
    assert not (tmp_path / "cache" / "best-value" / "statutory-2024-05").exists()


def test_no_answer_within_the_timeout(
    server: Server, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server.mode = "slow"
    monkeypatch.setattr(fetch, "TIMEOUT", 0.3)
    code, _, err = run(capsys, "fetch", "best-value", "--version", "statutory-2024-05")
    assert code == 2
    assert "no answer within 0 s" in err or "no answer within" in err


def test_no_network(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BVFRAMEWORK_GOVUK_URL", "http://127.0.0.1:9")  # nothing listens
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path))
    code, _, err = run(capsys, "fetch", "best-value", "--version", "draft-2023-07")
    assert code == 2
    assert "cannot reach it (ConnectionRefusedError); no network?" in err


def test_from_a_saved_copy(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("BVFRAMEWORK_GOVUK_URL", "http://127.0.0.1:9")  # never used
    draft, statutory = govuk_pages.pages()
    saved_html = tmp_path / "statutory.html"
    saved_html.write_text(statutory)
    saved_json = tmp_path / "draft.json"
    saved_json.write_text(govuk_pages.content_api(draft, base_path="/x", title="Draft"))
    assert (
        run(
            capsys,
            "fetch",
            "best-value",
            "--from",
            str(saved_html),
            "--version",
            "statutory-2024-05",
        )[0]
        == 0
    )
    code, out, _ = run(
        capsys,
        "fetch",
        "best-value",
        "--from",
        str(saved_json),
        "--version",
        "draft-2023-07",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)[0]["via"] == "file"
    assert json.loads(out)[0]["characteristics"] == 59
    catalogue = bv.load_catalogue(DRAFT, text="cached")
    assert catalogue.expected_items == 59
    assert (catalogue.item("L-all-out-elections").text or "").startswith("Placeholder on moving")


def test_from_needs_a_version(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "fetch", "best-value", "--from", str(tmp_path / "x.html"))
    assert code == 2
    assert "--from FILE is one version's page: name it with --version" in err


def test_without_a_cache_the_main_job_says_how(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path))
    code, out, _ = run(capsys, "diff", DRAFT, STATUTORY)
    assert code == 0
    assert "  removed: L-all-out-elections (Moving from multiple to all-out elections)" in out
    assert "`bvframework fetch best-value` downloads both official texts" in out
    with pytest.raises(UnknownReferenceError, match="get it with: bvframework fetch best-value"):
        bv.load_catalogue(STATUTORY, text="cached")


def test_nothing_is_fetched_unless_asked(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["diff", DRAFT, STATUTORY], ["list"], ["show", STATUTORY]):
        assert run(capsys, *argv)[0] == 0
    assert sum(server.hits.values()) == 0


def test_the_user_agent_names_the_library() -> None:
    assert fetch.USER_AGENT.startswith(f"bvframework/{bv.__version__} ")


def test_differences_from_a_published_count_name_their_candidates() -> None:
    """Where the suggested counts differ from the published ones, the items most likely to
    explain it are named: reworded items closest to unchanged when unchanged is short."""
    items = [{"id": f"A-{n}"} for n in range(1, 5)]
    cat = {"framework": "f", "title": "t", "themes": [{"id": "A", "title": "A", "items": items}]}
    old = bv.Catalogue.from_dict(cat | {"version": "1"})
    new = bv.Catalogue.from_dict(cat | {"version": "2"})
    mapping = bv.Mapping.from_dict(
        {
            "framework": "f",
            "from": "1",
            "to": "2",
            "complete": True,
            "published": [{"source": "a report", "counts": {"unchanged": 4}}],
            "relations": [
                {
                    "kind": "unchanged",
                    "from": ["A-1"],
                    "to": ["A-1"],
                    "method": "suggested",
                    "confidence": 1.0,
                },
                {
                    "kind": "reworded",
                    "from": ["A-2"],
                    "to": ["A-2"],
                    "method": "suggested",
                    "confidence": 0.97,
                },
                {
                    "kind": "reworded",
                    "from": ["A-3"],
                    "to": ["A-3"],
                    "method": "suggested",
                    "confidence": 0.7,
                },
                {
                    "kind": "reworded",
                    "from": ["A-4"],
                    "to": ["A-4"],
                    "method": "suggested",
                    "confidence": 0.9,
                },
            ],
        },
        source=old,
        target=new,
    )
    (count,) = mapping.reconcile()[0].counts
    assert (count.published, count.itemised) == (4, 1)
    assert count.candidates == ("A-2", "A-4", "A-3")
    assert count.why == "3 fewer unchanged than published: the reworded items closest to unchanged"
    from bvframework._render.diff import diff_text

    assert (
        "  unchanged: 3 fewer unchanged than published: the reworded items closest to unchanged "
        "(review these first): A-2, A-4, A-3" in diff_text(mapping)
    )


def test_a_fetched_content_api_answer_confirms_its_outline(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The Content API's ``details.headers`` outline is kept with a fetched page: a theme
    heading of the body that the outline lacks is refused before anything is cached, and
    the cached text is checked against it again when read back."""
    monkeypatch.setenv("BVFRAMEWORK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("BVFRAMEWORK_GOVUK_URL", "http://127.0.0.1:9")  # never used
    draft, _ = govuk_pages.pages()
    answer = json.loads(govuk_pages.content_api(draft, base_path="/x", title="Draft"))
    themes = answer["details"]["headers"][0]["headers"]  # "5. The best value themes" > 5.x
    assert "5.2 Leadership" in [h["text"] for h in themes]  # the fixture's outline has it
    saved = tmp_path / "draft.json"
    saved.write_text(json.dumps(answer))
    assert (
        run(capsys, "fetch", "best-value", "--from", str(saved), "--version", "draft-2023-07")[0]
        == 0
    )
    assert bv.load_catalogue(DRAFT, text="cached").expected_items == 59
    # the same answer whose outline lost the Leadership heading: refused, nothing cached
    answer["details"]["headers"][0]["headers"] = [
        h for h in themes if h["text"] != "5.2 Leadership"
    ]
    saved.write_text(json.dumps(answer))
    code, _, err = run(
        capsys, "fetch", "best-value", "--from", str(saved), "--version", "draft-2023-07"
    )
    assert code == 2
    assert "heading of the page's body but not of its outline" in err
    assert len(err.strip().splitlines()) == 1
