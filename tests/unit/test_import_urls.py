"""Importing from URLs, served by a local HTTP server on 127.0.0.1 (no test leaves the machine)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.ingest.fetch import FetchError, fetch
from reader.ingest.run import import_files
from reader.store import Library

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
PAGE = (FIXTURES / "page.html").read_bytes()
# The page as some sites send it: a byte-order mark, an XML declaration, then a head
# that opens with kilobytes of script (no tag the content check counts in its first 4 KB).
SCRIPTED_PAGE = b'\xef\xbb\xbf<?xml version="1.0"?>\n' + PAGE.replace(
    b"<head>", b"<head><script>" + b"var settings = {};" * 400 + b"</script>", 1
)


def article_page(title: str) -> bytes:
    words = " ".join(f"{title.lower()} detail number {n} about the harbour walk" for n in range(40))
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{words}.</p><p>{words}, told again.</p></article></body></html>"
    ).encode()


class Site(BaseHTTPRequestHandler):
    """Pages, feeds and misbehaviour, by path."""

    routes: dict[str, tuple[int, str, bytes]] = {}
    agents: list[str] = []

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/hostname")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop-again" if self.path == "/loop" else "/loop")
            self.end_headers()
            return
        if self.path == "/loop-again":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/garden")
            self.end_headers()
            return
        status, kind, body = self.routes.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in (
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    feed = (FIXTURES / "harbour.rss").read_bytes()
    opml = (FIXTURES / "subscriptions.opml").read_text()
    opml = opml.replace("http://gazette.example.org/feed.rss", f"{base}/feed.rss")
    opml = opml.replace("http://orchard.example.net/feed.atom", f"{base}/feed.atom")
    Site.routes = {
        "/garden": (200, "text/html; charset=utf-8", PAGE),
        "/scripted/garden": (200, "text/html", SCRIPTED_PAGE),
        "/feed.rss": (200, "application/rss+xml", feed),
        "/feed.atom": (200, "application/atom+xml", (FIXTURES / "orchard.atom").read_bytes()),
        "/stew": (200, "text/html", article_page("Bean stew")),
        "/clock": (200, "text/html", article_page("Clockmaker")),
        "/keys": (200, "text/html", article_page("Keyboards")),
        "/big": (200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>"),
        "/subscriptions.opml": (200, "text/x-opml", opml.encode()),
    }
    Site.agents = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.setenv("READER_LIBRARY", str(tmp_path / "default-library"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return Library.open(tmp_path / "library")


def pocket_list(base: str, target: Path) -> Path:
    text = (FIXTURES / "pocket.html").read_text()
    text = text.replace("http://slowcooking.example.com/bean-stew", f"{base}/stew")
    text = text.replace("http://longreads.example.net/the-clockmaker", f"{base}/clock")
    text = text.replace("http://techpage.example.org/keyboards", f"{base}/keys")
    target.write_text(text)
    return target


def test_web_page_url_is_downloaded_cleaned_and_stored(site: str, library: Library) -> None:
    report = import_files(library, [f"{site}/garden"])
    assert not report.failures
    (article,) = library.articles()
    assert article.title == "Community garden opens on the old car park"
    assert article.url == f"{site}/garden"
    assert "raised beds" in library.content(article.id).body
    assert Site.agents and all(agent.startswith("reader/") for agent in Site.agents)


def test_a_page_served_as_html_from_an_address_without_extension_is_read_as_html(
    site: str, library: Library
) -> None:
    report = import_files(library, [f"{site}/scripted/garden"])
    assert not report.failures
    (article,) = library.articles()
    assert article.title == "Community garden opens on the old car park"
    assert library.content(article.id).body.startswith("The tarmac is gone.")


def test_same_url_again_is_a_duplicate(site: str, library: Library) -> None:
    import_files(library, [f"{site}/garden"])
    report = import_files(library, [f"{site}/garden"])
    assert len(report.duplicates) == 1 and len(library.articles()) == 1


def test_redirect_within_http_is_followed(site: str, library: Library) -> None:
    report = import_files(library, [f"{site}/moved"])
    assert len(report.added) == 1


def test_feed_url_imports_every_entry(site: str, library: Library) -> None:
    report = import_files(library, [f"{site}/feed.rss"])
    assert len(report.added) == 3
    assert {a.source for a in library.articles()} == {"Harbour Town Gazette"}


def test_http_error_is_one_line_and_the_rest_go_on(site: str, library: Library) -> None:
    report = import_files(library, [f"{site}/missing", f"{site}/garden"])
    assert len(report.added) == 1
    assert [str(f) for f in report.failures] == [f"{site}/missing: HTTP 404 Not Found"]


def test_pocket_fetch_downloads_each_link_and_keeps_its_state(
    site: str, library: Library, tmp_path: Path
) -> None:
    export = pocket_list(site, tmp_path / "pocket.html")
    report = import_files(library, [str(export)], fetch=True)
    assert len(report.added) == 3 and not report.failures
    keys = next(a for a in library.articles() if a.url == f"{site}/keys")
    assert keys.read and keys.title == "Why mechanical keyboards came back"
    assert "keyboards detail number 3" in library.content(keys.id).body


def test_fetch_later_fills_in_link_only_articles_and_keeps_state(
    site: str, library: Library, tmp_path: Path
) -> None:
    export = pocket_list(site, tmp_path / "pocket.html")
    import_files(library, [str(export)])
    stew = next(a for a in library.articles() if a.url == f"{site}/stew")
    library.set_bookmarked([stew.id])
    report = import_files(library, [str(export)], fetch=True)
    # their text is imported now: counted as imported, not as duplicates of themselves
    assert len(report.added) == 3 and not report.duplicates
    assert report.summary() == "imported 3, duplicates 0, failed 0"
    assert len(library.articles()) == 3
    report = import_files(library, [str(export)], fetch=True)
    assert len(report.duplicates) == 3, "downloaded again: the same articles"
    again = library.get(stew.id)
    assert again.bookmarked
    assert "bean stew detail number 3" in library.content(stew.id).body


def test_opml_fetch_imports_the_listed_feeds(site: str, library: Library) -> None:
    report = import_files(library, [f"{site}/subscriptions.opml"], fetch=True)
    assert [str(f) for f in report.failures] == [
        f'{site}/subscriptions.opml: feed "Harbour Town Gazette": entry 4 ("untitled"): '
        "entry has no content, summary or link"
    ]
    assert {a.source for a in library.articles()} == {"Harbour Town Gazette", "Orchard Notes"}


def test_cli_imports_a_url_and_prints_the_summary(
    site: str, library: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["import", "--library", str(library.root), f"{site}/garden", f"{site}/nope"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.strip() == "imported 1, duplicates 0, failed 1"
    assert err.strip() == f"{site}/nope: HTTP 404 Not Found"


def test_download_size_is_capped(site: str) -> None:
    with pytest.raises(FetchError, match="larger than"):
        fetch(f"{site}/big", max_bytes=100_000)


def test_download_times_out(site: str) -> None:
    with pytest.raises(FetchError, match="no answer within"):
        fetch(f"{site}/slow", timeout=0.3)


def test_redirect_to_a_file_url_is_refused(site: str) -> None:
    with pytest.raises(FetchError, match=r"redirect not followed .*file:"):
        fetch(f"{site}/to-file")


def test_redirect_loops_stop(site: str) -> None:
    with pytest.raises(FetchError, match="redirect not followed"):
        fetch(f"{site}/loop")


@pytest.mark.parametrize("url", ["file:///etc/hostname", "ftp://127.0.0.1/x", "data:text/plain,hi"])
def test_only_http_and_https_are_fetched(url: str, library: Library) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url)
