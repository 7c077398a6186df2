"""A small web server on 127.0.0.1 for the tests: routes the tests write, and misbehaviour.

Each route answers with a status, headers and a body, and can drip it a byte at a time
(in the headers or the body), gzip it, answer conditional requests with 304, or redirect.
Every request is counted and its headers kept, so a test can see what reader sent.
"""

from __future__ import annotations

import contextlib
import gzip
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    #: Seconds between bytes: in the status line and headers, or in the body.
    drip_headers: float = 0.0
    drip_body: float = 0.0
    content_length: bool = True
    #: Computes the route afresh for each request (a feed that changes between updates).
    dynamic: Callable[[], Route] | None = None


@dataclass
class Hit:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    #: The client's (address, port): one per connection it opened.
    client: tuple[str, int] = ("", 0)


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-answer (a deadline passed, an idle connection closed) is
    not the server's error: http.server would print it on the stderr of the command under
    test, which the tests read. Other errors are kept for a test to see."""

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self.errors: list[BaseException] = []

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if error is not None and not isinstance(error, ConnectionError | TimeoutError):
            self.errors.append(error)


class TestServer:
    """Serves ``routes`` on a loopback address until closed; ``base`` is its address."""

    __test__ = False

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        server = self
        self._httpd = _QuietServer((host, 0), _handler_for(server))
        self._httpd.daemon_threads = True
        self.base = f"http://{host}:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        """The full address of ``path``."""
        return self.base + path

    def count(self, path: str) -> int:
        """How many requests ``path`` has had."""
        with self._lock:
            return sum(1 for hit in self.hits if hit.path == path)

    def connections(self) -> int:
        """How many connections the requests so far came on."""
        with self._lock:
            return len({hit.client for hit in self.hits})

    def record(self, hit: Hit) -> None:
        with self._lock:
            self.hits.append(hit)

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def _handler_for(server: TestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.record(Hit(self.path, headers, self.client_address[:2]))
            route = server.routes.get(self.path)
            if route is None:
                route = Route(b"not here", status=404, content_type="text/plain")
            if route.dynamic is not None:
                route = route.dynamic()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(route)

        def _answer(self, route: Route) -> None:
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._head(304, [("ETag", route.etag)], route.drip_headers)
                return
            if route.last_modified and self.headers.get("If-Modified-Since") == (
                route.last_modified
            ):
                self._head(304, [("Last-Modified", route.last_modified)], route.drip_headers)
                return
            body = gzip.compress(route.body) if route.gzip else route.body
            headers = [("Content-Type", route.content_type), *route.headers.items()]
            if route.gzip:
                headers.append(("Content-Encoding", "gzip"))
            if route.etag:
                headers.append(("ETag", route.etag))
            if route.last_modified:
                headers.append(("Last-Modified", route.last_modified))
            if route.content_length:
                headers.append(("Content-Length", str(len(body))))
            else:
                headers.append(("Connection", "close"))
            self._head(route.status, headers, route.drip_headers)
            if route.drip_body:
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(route.drip_body)
            else:
                self.wfile.write(body)
            if not route.content_length:
                self.close_connection = True

        def _head(self, status: int, headers: list[tuple[str, str]], drip: float) -> None:
            lines = [f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}"]
            lines += [f"{name}: {value}" for name, value in headers]
            if status == 304:
                lines.append("Content-Length: 0")
            raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
            if drip:
                for byte in raw:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(drip)
            else:
                self.wfile.write(raw)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    return Handler


@contextlib.contextmanager
def serving() -> Iterator[TestServer]:
    """A server for the length of a ``with`` block."""
    server = TestServer()
    try:
        yield server
    finally:
        server.close()
