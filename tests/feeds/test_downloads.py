"""Every download's guarantees: one deadline, a size cap, checked redirects, only text."""

from __future__ import annotations

import asyncio
import gzip
import time
from pathlib import Path

import pytest
from feed_server import Route, TestServer

from reader.cli.main import main
from reader.ingest.fetch import FetchError, fetch
from reader.store import Library

PAGE = (
    b"<html><head><title>Harbour walk</title></head><body><article><h1>Harbour walk</h1>"
    + b"<p>" + b"The harbour walk reopened on Monday after a long repair. " * 30 + b"</p>"
    + b"</article></body></html>"
)  # fmt: skip


def timed_failure(url: str, timeout: float) -> tuple[str, float]:
    start = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(url, timeout=timeout)
    return str(caught.value), time.monotonic() - start


def test_headers_sent_a_byte_at_a_time_hit_the_deadline(web: TestServer) -> None:
    web.routes["/drip"] = Route(PAGE, drip_headers=0.05)
    reason, took = timed_failure(web.url("/drip"), 1.0)
    assert reason == "no answer within 1 s"
    assert took < 2.5


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "no-length"])
def test_body_sent_a_byte_at_a_time_hits_the_deadline(web: TestServer, length: bool) -> None:
    web.routes["/drip"] = Route(PAGE, drip_body=0.02, content_length=length)
    reason, took = timed_failure(web.url("/drip"), 1.0)
    assert reason == "download took longer than 1 s; stopped"
    assert took < 2.5


def test_redirect_to_the_metadata_address_is_refused(web: TestServer) -> None:
    web.routes["/r"] = Route(status=302, headers={"Location": "http://169.254.169.254/latest/"})
    with pytest.raises(
        FetchError, match=r"169\.254\.169\.254 is a private, loopback or link-local"
    ):
        fetch(web.url("/r"), timeout=2)


def test_redirect_to_another_loopback_name_is_refused(web: TestServer) -> None:
    port = web.base.rsplit(":", 1)[1]
    web.routes["/r"] = Route(status=302, headers={"Location": f"http://localhost:{port}/page"})
    web.routes["/page"] = Route(PAGE)
    with pytest.raises(FetchError, match="localhost is a private, loopback"):
        fetch(web.url("/r"), timeout=2)
    assert web.count("/page") == 0


def test_redirect_on_the_host_the_user_named_is_followed(web: TestServer) -> None:
    web.routes["/r"] = Route(status=308, headers={"Location": "/page"})
    web.routes["/page"] = Route(PAGE)
    fetched = fetch(web.url("/r"), timeout=2)
    assert fetched.url == web.url("/page") and fetched.data == PAGE
    assert fetched.moved_to == web.url("/page")


def test_gzip_is_asked_for_and_unpacked(web: TestServer) -> None:
    web.routes["/page"] = Route(PAGE, gzip=True)
    assert fetch(web.url("/page"), timeout=2).data == PAGE
    assert "gzip" in web.hits[-1].headers["accept-encoding"]


def test_a_gzip_bomb_stops_at_the_cap(web: TestServer) -> None:
    web.routes["/bomb"] = Route(b"<p>" + b" " * 50_000_000, gzip=True)
    with pytest.raises(FetchError, match="larger than 1 MB; refused"):
        fetch(web.url("/bomb"), timeout=5, max_bytes=1024 * 1024)


def test_too_many_requests_says_how_long_to_wait(web: TestServer) -> None:
    web.routes["/busy"] = Route(b"slow down", status=429, headers={"Retry-After": "120"})
    with pytest.raises(FetchError) as caught:
        fetch(web.url("/busy"), timeout=2)
    assert str(caught.value) == "HTTP 429 Too Many Requests; the server asks to wait 2 min"
    assert caught.value.retry_after == 120


@pytest.mark.parametrize(
    "kind", ["image/png", "application/zip", "application/pdf", "application/octet-stream"]
)
def test_import_takes_only_pages_text_and_feeds(
    web: TestServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    body = b"\x89PNG\r\n\x1a\n" + b"The harbour walk. " * 200
    web.routes["/picture"] = Route(body, content_type=kind)
    status = main(["import", "--library", str(tmp_path / "lib"), web.url("/picture")])
    _out, err = capsys.readouterr()
    assert status == 1
    assert (
        err.splitlines()[-1] == f"{web.url('/picture')}: not a web page or feed ({kind}); refused"
    )
    assert Library.open(tmp_path / "lib").articles() == []


def test_a_feed_served_as_octet_stream_is_still_read(web: TestServer) -> None:
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    web.routes["/feed"] = Route(gzip.compress(feed), content_type="application/octet-stream")
    with pytest.raises(FetchError, match="not a web page or feed"):
        fetch(web.url("/feed"), timeout=2)  # compressed bytes, not markup
    web.routes["/feed"] = Route(feed, content_type="application/octet-stream")
    assert fetch(web.url("/feed"), timeout=2).data == feed


class _ImportSearches:
    """A meta path finder that only counts which modules Python goes looking for."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        self.names.append(name)


def test_each_download_costs_no_search_for_a_missing_module(web: TestServer) -> None:
    # httpcore imports sniffio at every request and falls back to asyncio when it is
    # missing; Python does not remember a failed import, so each request searched every
    # import path again (a fifth of a feed download's CPU). reader declares sniffio.
    import sys

    from reader.net.http import Downloader

    web.routes["/feed"] = Route(PAGE)
    searches = _ImportSearches()

    async def download(times: int) -> None:
        async with Downloader() as downloader:
            for _ in range(times):
                await downloader.get(web.url("/feed"))

    asyncio.run(download(2))  # the first requests import what they need once
    sys.meta_path.insert(0, searches)
    try:
        asyncio.run(download(10))
    finally:
        sys.meta_path.remove(searches)
    assert searches.names == []
