"""Long run of the download guarantees against misbehaving servers on 127.0.0.1.

    python tests/bench/reliability_fetch.py [--rounds 20] [--deadline 2]

Each round downloads from every kind of bad server: status line and headers sent a byte
at a time, a body sent a byte at a time (with and without Content-Length), a gzip bomb,
an oversized body, redirects to the metadata address, to another loopback name and in a
loop, an image, a server that accepts and says nothing. Every download must end with its
one-line reason within the deadline (plus a little slack), never a traceback or a hang.
Prints the count, failures and the slowest time of each kind.
"""

from __future__ import annotations

import argparse
import re
import socket
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "feeds"))

from feed_server import Route, TestServer

from reader.ingest.fetch import FetchError, fetch

PAGE = b"<html><body><p>" + b"The harbour walk reopened. " * 200 + b"</p></body></html>"


def silent_server() -> tuple[socket.socket, int]:
    """A server that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    return listener, listener.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--deadline", type=float, default=2.0)
    args = parser.parse_args()
    web = TestServer()
    listener, silent_port = silent_server()
    port = web.base.rsplit(":", 1)[1]
    web.routes.update(
        {
            "/drip-head": Route(PAGE, drip_headers=0.05),
            "/drip-body": Route(PAGE, drip_body=0.01),
            "/drip-body-nolength": Route(PAGE, drip_body=0.01, content_length=False),
            "/bomb": Route(b"<p>" + b" " * 60_000_000, gzip=True),
            "/big": Route(b"<p>" + b"x" * 25_000_000),
            "/to-metadata": Route(status=302, headers={"Location": "http://169.254.169.254/"}),
            "/to-localhost": Route(status=302, headers={"Location": f"http://localhost:{port}/ok"}),
            "/loop": Route(status=302, headers={"Location": "/loop"}),
            "/png": Route(b"\x89PNG....", content_type="image/png"),
        }
    )
    expected = {
        "/drip-head": r"no answer within",
        "/drip-body": r"download took longer than",
        "/drip-body-nolength": r"download took longer than",
        "/bomb": r"larger than 20 MB",
        "/big": r"larger than 20 MB",
        "/to-metadata": r"169\.254\.169\.254 is a private",
        "/to-localhost": r"localhost is a private",
        "/loop": r"more than 5 redirects",
        "/png": r"not a web page or feed \(image/png\)",
        "silent": r"no answer within",
    }
    slowest = dict.fromkeys(expected, 0.0)
    failures: list[str] = []
    for _ in range(args.rounds):
        for kind, pattern in expected.items():
            url = f"http://127.0.0.1:{silent_port}/" if kind == "silent" else web.url(kind)
            start = time.monotonic()
            try:
                fetch(url, timeout=args.deadline)
                failures.append(f"{kind}: downloaded, should have been refused")
            except FetchError as error:
                if not re.search(pattern, str(error)):
                    failures.append(f"{kind}: {error}")
            except Exception as error:  # any other exception is a failure of the guarantee
                failures.append(f"{kind}: {type(error).__name__}: {error}")
            took = time.monotonic() - start
            slowest[kind] = max(slowest[kind], took)
            if took > args.deadline + 1.0:
                failures.append(f"{kind}: took {took:.1f} s with a {args.deadline:g} s deadline")
    web.close()
    listener.close()
    total = args.rounds * len(expected)
    print(
        f"{total} downloads from {len(expected)} kinds of bad server, deadline {args.deadline:g} s"
    )
    for kind, took in slowest.items():
        print(f"  {kind:<20} slowest {took:.2f} s")
    print(f"failed checks: {len(failures)}")
    for failure in failures[:20]:
        print("  " + failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
