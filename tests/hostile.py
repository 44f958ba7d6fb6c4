"""A hostile HTTP server on 127.0.0.1: it answers every request with bytes scripted by the
test (a malformed status line, a flood of headers, a body cut short, a byte every so often),
exactly as written, with no HTTP library in between.

Every loop is bounded: the server accepts at most ``max_connections`` connections, reads
at most 64 KB of a request for at most 5 s, and a scripted pause never exceeds 5 s.
Used by tests/test_hostile.py and by the fuzzer's fetch cases (tests/fuzzing.py).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

Step = tuple[bytes, float]
"""Bytes to send, then seconds to wait before the next step."""

Script = Callable[[str], Sequence[Step]]
"""The steps answering a request for a path."""


def response(
    status: bytes = b"HTTP/1.1 200 OK",
    body: bytes = b"",
    *,
    headers: Sequence[bytes] = (b"Content-Type: text/html",),
    length: int | None = None,
) -> list[Step]:
    """One whole answer: status line, headers, Content-Length (``length``, else the body's
    true length), body."""
    declared = len(body) if length is None else length
    head = [status, *headers, b"Content-Length: %d" % declared, b"Connection: close"]
    return [(b"\r\n".join(head) + b"\r\n\r\n" + body, 0.0)]


class HostileServer:
    def __init__(self, script: Script, *, max_connections: int = 20) -> None:
        self.script = script
        self.paths: list[str] = []
        self.root: Path | None = None  # what the fuzzer's server serves from
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stop = threading.Event()
        self._left = max_connections
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set() and self._left > 0:
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._left -= 1
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with contextlib.closing(conn):
            conn.settimeout(5.0)
            request = b""
            end = time.monotonic() + 5.0
            try:
                while b"\r\n\r\n" not in request and len(request) < 65_536:
                    if time.monotonic() > end:
                        return
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    request += chunk
                line = request.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
                path = line[1] if len(line) > 1 else "/"
                self.paths.append(path)
                for data, pause in self.script(path):
                    if self._stop.is_set():
                        return
                    if data:
                        conn.sendall(data)
                    if pause:
                        self._stop.wait(min(pause, 5.0))
            except OSError:  # the client gave up: what a hostile server expects
                return

    def close(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        self._thread.join(timeout=2)

    def __enter__(self) -> HostileServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
