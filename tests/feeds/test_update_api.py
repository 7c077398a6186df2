"""update_feeds as the app will drive it: callbacks for progress, new articles and
failures, and a cancel event that stops the run and keeps what was stored."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from feed_builder import Item, prose, rss
from feed_server import Route, TestServer

from reader.feeds.subscribe import articles_by_feed, subscribe
from reader.feeds.update import FeedFailure, UpdateSettings, update_feeds
from reader.store import Library


def items(prefix: str, count: int = 3) -> list[Item]:
    return [
        Item(f"{prefix} {n}", f"http://example.org/{prefix}/{n}", f"{prefix}{n}",
             content=f"<p>{prose(f'{prefix} {n}')}</p>")
        for n in range(count)
    ]  # fmt: skip


def test_callbacks_report_progress_new_articles_and_failures(
    web: TestServer, tmp_path: Path
) -> None:
    library = Library.open(tmp_path / "library")
    for name in ("a", "b"):
        web.routes[f"/{name}"] = Route(rss(name, items(name)), content_type="application/rss+xml")
    web.routes["/c"] = Route(rss("c", items("c")), content_type="application/rss+xml")
    assert not subscribe(library, [web.url("/a"), web.url("/b"), web.url("/c")]).failures
    del web.routes["/c"]
    progress: list[tuple[int, int]] = []
    new: list[str] = []
    failures: list[FeedFailure] = []
    report = update_feeds(
        library,
        on_progress=lambda done, total: progress.append((done, total)),
        on_new=new.extend,
        on_failure=failures.append,
    )
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert sorted(new) == sorted(article.id for article in library.articles())
    assert len(new) == 6 and report.new == 6
    assert [str(failure) for failure in failures] == [f"{web.url('/c')}: HTTP 404 Not Found"]
    by_feed = articles_by_feed(library)  # what a view of one feed lists
    titles = {
        feed_id: sorted(library.get(article_id).title for article_id in ids)
        for feed_id, ids in by_feed.items()
    }
    assert sorted(titles.values()) == [["a 0", "a 1", "a 2"], ["b 0", "b 1", "b 2"]]


def test_cancel_stops_the_run_and_keeps_the_library_good(web: TestServer, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "library")
    web.routes["/quick"] = Route(rss("q", items("q")), content_type="application/rss+xml")
    web.routes["/slow"] = Route(rss("s", items("s")), content_type="application/rss+xml")
    subscribe(library, [web.url("/quick"), web.url("/slow")])
    web.routes["/slow"] = Route(rss("s", items("s")), drip_body=0.01)
    cancel = threading.Event()
    threading.Timer(1.0, cancel.set).start()
    start = time.monotonic()
    report = update_feeds(library, settings=UpdateSettings(deadline=20), cancel=cancel)
    assert time.monotonic() - start < 5
    assert report.cancelled and report.summary().endswith("(stopped early)")
    assert {article.title for article in library.articles()} == {"q 0", "q 1", "q 2"}
    assert library.check() == []


def test_feeds_on_a_few_sites_reuse_their_connections(web: TestServer, tmp_path: Path) -> None:
    """More sites than requests allowed at once: finishing with one site must not close the
    connection its next feed would reuse."""
    sites = [web, TestServer("127.0.0.2"), TestServer("127.0.0.3")]
    try:
        urls = []
        for n in range(12):
            site = sites[n % 3]
            site.routes[f"/f{n}"] = Route(rss(f"f{n}", items(f"f{n}", 1)), etag=f'"{n}"')
            urls.append(site.url(f"/f{n}"))
        library = Library.open(tmp_path / "library")
        assert not subscribe(library, urls).failures
        for site in sites:
            site.hits.clear()
            for n in range(12):  # changed, so each feed is downloaded again in full
                if f"/f{n}" in site.routes:
                    site.routes[f"/f{n}"].etag = f'"{n}-2"'
        report = update_feeds(library, settings=UpdateSettings(connections=2, per_host=1))
        assert report.feeds == 12 and not report.failures
        assert [site.connections() for site in sites] == [1, 1, 1]
        assert all(len(site.hits) == 4 for site in sites)
    finally:
        for site in sites[1:]:
            site.close()


def test_an_article_deleted_by_the_reader_stays_deleted_when_its_feed_is_updated(
    web: TestServer, tmp_path: Path
) -> None:
    library = Library.open(tmp_path / "library")
    web.routes["/news"] = Route(rss("news", items("n")), content_type="application/rss+xml")
    subscribe(library, [web.url("/news")])
    update_feeds(library)
    gone = next(article for article in library.articles() if article.title == "n 1")
    library.delete([gone.id])
    # The feed changes (a new entry on top), so the update reads every entry again.
    web.routes["/news"] = Route(
        rss("news", [*items("fresh", 1), *items("n")]), content_type="application/rss+xml"
    )
    report = update_feeds(library)
    assert report.new == 1
    assert sorted(article.title for article in library.articles()) == ["fresh 0", "n 0", "n 2"]
    assert [article.id for article in library.articles(deleted=True)] == [gone.id]
