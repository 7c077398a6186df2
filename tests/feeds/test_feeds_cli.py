"""reader feeds and reader update, end to end against feeds served on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from feed_builder import Item, page, prose, rss
from feed_server import Route, TestServer

from reader.cli.main import main

RSS = "application/rss+xml"


class Reader:
    """Runs reader commands on one library and reads their output."""

    def __init__(self, library: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.library = library
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        status = main(["--library", str(self.library), *args])
        out, err = self.capsys.readouterr()
        return status, out, err

    def feeds(self) -> list[dict[str, Any]]:
        status, out, _ = self("feeds", "--json")
        assert status == 0
        return [json.loads(line) for line in out.splitlines()]

    def articles(self) -> dict[str, dict[str, Any]]:
        status, out, _ = self("list", "--json")
        assert status == 0
        return {row["title"]: row for row in map(json.loads, out.splitlines())}

    def body(self, article_id: str) -> str:
        return self("show", article_id)[1]


@pytest.fixture
def reader(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Reader:
    return Reader(tmp_path / "library", capsys)


def full_items(web: TestServer, count: int = 3, prefix: str = "Story") -> list[Item]:
    return [
        Item(
            f"{prefix} {n}",
            web.url(f"/a/{prefix.lower()}-{n}"),
            f"g{n}",
            content=f"<p>{prose(f'{prefix} {n}')}</p>",
        )
        for n in range(count)
    ]


def test_add_a_feed_url_subscribes_and_updates(web: TestServer, reader: Reader) -> None:
    web.routes["/feed"] = Route(rss("Harbour Gazette", full_items(web)), content_type=RSS)
    status, out, err = reader("feeds", "add", web.url("/feed"))
    assert status == 0, err
    assert out.splitlines()[0].startswith("subscribed: Harbour Gazette (")
    assert out.splitlines()[-1] == "updated 1 feed: 3 new articles, 0 unchanged, 0 failed"
    (feed,) = reader.feeds()
    assert set(feed) == {
        "id",
        "title",
        "url",
        "site",
        "articles",
        "unread",
        "checked",
        "status",
        "error",
    }
    assert feed["url"] == web.url("/feed") and feed["title"] == "Harbour Gazette"
    assert (feed["articles"], feed["unread"], feed["status"], feed["error"]) == (3, 3, "ok", None)
    articles = reader.articles()
    assert articles["Story 1"]["source"] == "Harbour Gazette"
    assert articles["Story 1"]["date"] == "2025-06-10T04:00:00"
    assert "Story 1 story went on" in reader.body(articles["Story 1"]["id"])


def test_add_a_page_finds_its_feed(web: TestServer, reader: Reader) -> None:
    web.routes["/feed.xml"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    web.routes["/"] = Route(
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        b"</head><body><p>Welcome</p></body></html>"
    )
    status, _, err = reader("feeds", "add", web.url("/"))
    assert status == 0, err
    assert [feed["url"] for feed in reader.feeds()] == [web.url("/feed.xml")]


def test_add_an_opml_file_subscribes_to_every_feed(
    web: TestServer, reader: Reader, tmp_path: Path
) -> None:
    web.routes["/one"] = Route(rss("One", full_items(web, 2, "One")), content_type=RSS)
    web.routes["/two"] = Route(rss("Two", full_items(web, 2, "Two")), content_type=RSS)
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body>'
        f'<outline text="One" xmlUrl="{web.url("/one")}"/>'
        f'<outline text="Folder"><outline text="Two" xmlUrl="{web.url("/two")}"/></outline>'
        "</body></opml>"
    )
    status, out, _ = reader("feeds", "add", str(opml))
    assert status == 0
    assert out.splitlines()[-1] == "updated 2 feeds: 4 new articles, 0 unchanged, 0 failed"
    assert sorted(feed["title"] for feed in reader.feeds()) == ["One", "Two"]


def test_adding_a_feed_again_says_so(web: TestServer, reader: Reader) -> None:
    web.routes["/feed"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    reader("feeds", "add", "--no-update", web.url("/feed"))
    status, out, _ = reader("feeds", "add", web.url("/feed"))
    assert status == 0
    assert out.startswith("already subscribed: Gazette (")
    assert len(reader.feeds()) == 1


def test_unchanged_feed_costs_a_304(web: TestServer, reader: Reader) -> None:
    web.routes["/feed"] = Route(
        rss("Gazette", full_items(web)),
        content_type=RSS,
        etag='"v1"',
        last_modified="Tue, 10 Jun 2025 04:00:00 GMT",
    )
    reader("feeds", "add", web.url("/feed"))
    status, out, _ = reader("update")
    assert status == 0
    assert out.strip() == "updated 1 feed: 0 new articles, 1 unchanged, 0 failed"
    last = web.hits[-1].headers
    assert last["if-none-match"] == '"v1"'
    assert last["if-modified-since"] == "Tue, 10 Jun 2025 04:00:00 GMT"
    assert "gzip" in last["accept-encoding"]


def test_a_gzipped_feed_is_read(web: TestServer, reader: Reader) -> None:
    web.routes["/feed"] = Route(rss("Gazette", full_items(web)), content_type=RSS, gzip=True)
    status, _, err = reader("feeds", "add", web.url("/feed"))
    assert status == 0, err
    assert len(reader.articles()) == 3


def test_permanent_redirect_updates_the_stored_address(web: TestServer, reader: Reader) -> None:
    web.routes["/old"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    reader("feeds", "add", web.url("/old"))
    web.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    web.routes["/new"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    assert reader("update")[0] == 0
    assert reader.feeds()[0]["url"] == web.url("/new")


@pytest.mark.parametrize("status", [302, 307])
def test_temporary_redirect_keeps_the_address(web: TestServer, reader: Reader, status: int) -> None:
    web.routes["/feed"] = Route(status=status, headers={"Location": "/today"})
    web.routes["/today"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    assert reader("feeds", "add", web.url("/feed"))[0] == 0
    assert reader("update")[0] == 0
    assert reader.feeds()[0]["url"] == web.url("/feed")


def test_a_failing_feed_is_reported_and_the_others_go_on(web: TestServer, reader: Reader) -> None:
    web.routes["/good"] = Route(rss("Good", full_items(web)), content_type=RSS)
    web.routes["/bad"] = Route(rss("Bad", full_items(web, 1, "Bad")), content_type=RSS)
    reader("feeds", "add", "--no-update", web.url("/good"), web.url("/bad"))
    del web.routes["/bad"]
    status, out, err = reader("update")
    assert status == 1
    assert out.strip() == "updated 2 feeds: 3 new articles, 0 unchanged, 1 failed"
    assert err.strip() == f"{web.url('/bad')}: HTTP 404 Not Found"
    bad = next(feed for feed in reader.feeds() if feed["url"] == web.url("/bad"))
    assert (bad["status"], bad["error"]) == ("error", "HTTP 404 Not Found")


def test_repeated_failures_back_off(web: TestServer, reader: Reader) -> None:
    web.routes["/gone-missing"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    reader("feeds", "add", "--no-update", web.url("/gone-missing"))
    del web.routes["/gone-missing"]
    for _ in range(3):
        assert reader("update")[0] == 1
    assert web.count("/gone-missing") == 4  # the add, then three updates
    status, out, _ = reader("update")
    assert (status, out.strip()) == (0, "updated 0 feeds: 0 new articles, 0 unchanged, 0 failed")
    assert web.count("/gone-missing") == 4
    assert "(3 times in a row)" in reader("feeds")[1]
    assert reader("update", web.url("/gone-missing"))[0] == 1  # named: asked all the same
    assert web.count("/gone-missing") == 5


def test_gone_feed_is_marked_and_no_longer_asked(web: TestServer, reader: Reader) -> None:
    web.routes["/feed"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    reader("feeds", "add", web.url("/feed"))
    web.routes["/feed"] = Route(b"gone", status=410, content_type="text/plain")
    status, _, err = reader("update")
    assert status == 1 and "HTTP 410 Gone: the feed is gone, no longer updated" in err
    asked = web.count("/feed")
    assert reader("update")[0] == 0
    assert web.count("/feed") == asked
    assert reader.feeds()[0]["status"] == "error"
    assert len(reader.articles()) == 3  # its articles stay


def test_retry_after_is_respected(web: TestServer, reader: Reader) -> None:
    web.routes["/feed"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    reader("feeds", "add", "--no-update", web.url("/feed"))
    web.routes["/feed"] = Route(b"busy", status=429, headers={"Retry-After": "3600"})
    status, _, err = reader("update")
    assert status == 1
    assert err.strip().endswith("HTTP 429 Too Many Requests; the server asks to wait 60 min")
    asked = web.count("/feed")
    assert reader("update")[0] == 0
    assert web.count("/feed") == asked


def test_a_dripping_feed_times_out_without_holding_up_the_others(
    web: TestServer, reader: Reader
) -> None:
    web.routes["/quick"] = Route(rss("Quick", full_items(web)), content_type=RSS)
    web.routes["/drip"] = Route(rss("Drip", full_items(web, 1, "Drip")), content_type=RSS)
    reader("feeds", "add", "--no-update", web.url("/quick"), web.url("/drip"))
    web.routes["/drip"] = Route(rss("Drip", []), content_type=RSS, drip_body=0.05)
    status, out, err = reader("update", "--timeout", "1")
    assert status == 1
    assert out.strip() == "updated 2 feeds: 3 new articles, 0 unchanged, 1 failed"
    assert err.strip() == f"{web.url('/drip')}: download took longer than 1 s; stopped"


def test_an_oversized_feed_is_refused(web: TestServer, reader: Reader) -> None:
    web.routes["/feed"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    reader("feeds", "add", "--no-update", web.url("/feed"))
    web.routes["/feed"] = Route(b"<rss>" + b" " * (25 * 1024 * 1024), content_type=RSS, gzip=True)
    status, _, err = reader("update")
    assert status == 1 and err.strip().endswith("larger than 20 MB; refused")


def test_malformed_feed_that_feedparser_reads_is_taken(web: TestServer, reader: Reader) -> None:
    broken = rss("Gazette", full_items(web)).replace(b"</channel></rss>", b"<item><title>Cut")
    web.routes["/feed"] = Route(broken, content_type=RSS)
    status, _, err = reader("feeds", "add", web.url("/feed"))
    assert status == 0, err
    assert {"Story 0", "Story 1", "Story 2"} <= set(reader.articles())


def test_short_entries_and_entries_without_link_are_kept(web: TestServer, reader: Reader) -> None:
    items = [
        Item("One line", None, "a", description="Ferry delayed by fog this morning."),
        Item("Link post", web.url("/elsewhere"), "b"),
        Item(None, None, "c", description="A note without a title or link, still news."),
    ]
    web.routes["/feed"] = Route(rss("Notes", items), content_type=RSS)
    status, _, err = reader("feeds", "add", "--full-text", "never", web.url("/feed"))
    assert status == 0, err
    articles = reader.articles()
    assert "Ferry delayed by fog" in reader.body(articles["One line"]["id"])
    assert articles["Link post"]["url"] == web.url("/elsewhere")
    assert "A note without a title or link, still news." in articles


def test_odd_entry_html_keeps_its_text_and_never_fails_the_feed(
    web: TestServer, reader: Reader
) -> None:
    items = [
        # Comments and processing instructions are no text.
        Item("Commented", web.url("/a/c"), "c", content=(
            f"<p>{prose('commented')}<!-- draft: cut this --></p><?php echo 'x' ?>"
        )),
        # A control character in the text before the first tag (dropped, text kept).
        Item("Leading text", web.url("/a/l"), "l", content=f"\x07{prose('leading')}<p>More.</p>"),
        # A whole document without a body: no text, but the entry and the feed stay.
        Item("No body", web.url("/a/n"), "n", content="<html><head><title>x</title></head></html>"),
    ]  # fmt: skip
    web.routes["/feed"] = Route(rss("Odd", items), content_type=RSS)
    status, _, err = reader("feeds", "add", "--full-text", "never", web.url("/feed"))
    assert status == 0, err
    articles = reader.articles()
    assert sorted(articles) == ["Commented", "Leading text", "No body"]
    commented = reader.body(articles["Commented"]["id"])
    assert "commented story went on" in commented
    assert "draft" not in commented and "php" not in commented
    assert "The leading story went on" in reader.body(articles["Leading text"]["id"])
    assert "no text in the feed" in reader.body(articles["No body"]["id"])


def test_relative_links_are_resolved_against_the_feed(web: TestServer, reader: Reader) -> None:
    content = f'<p>{prose("relative")} See <a href="../more/page">the follow-up</a>.</p>'
    web.routes["/news/feed"] = Route(
        rss("Gazette", [Item("Relative", "/news/relative", "r", content=content)]),
        content_type=RSS,
    )
    assert reader("feeds", "add", web.url("/news/feed"))[0] == 0
    article = reader.articles()["Relative"]
    assert article["url"] == web.url("/news/relative")
    assert f"[the follow-up]: <{web.url('/more/page')}>" in reader.body(article["id"])


def test_a_feed_whose_entries_are_all_stored_already_counts_as_unchanged(
    web: TestServer, reader: Reader
) -> None:
    """The summary adds up: a feed read well that brings nothing new is unchanged, whether
    it answered 304 or repeated articles the library has (another feed's, an import's)."""
    items = full_items(web)
    web.routes["/feed"] = Route(rss("Gazette", items), content_type=RSS, etag='"v1"')
    web.routes["/mirror"] = Route(rss("Gazette mirror", items), content_type=RSS)
    reader("feeds", "add", web.url("/feed"))
    reader("feeds", "add", "--no-update", web.url("/mirror"))
    status, out, _ = reader("update")
    assert status == 0
    assert out.strip() == "updated 2 feeds: 0 new articles, 2 unchanged, 0 failed"


def test_duplicate_guids_do_not_lose_entries(web: TestServer, reader: Reader) -> None:
    items = [
        Item(f"Same guid {n}", web.url(f"/s/{n}"), "same", content=f"<p>{prose(f'dup {n}')}</p>")
        for n in range(3)
    ]
    items.append(Item("Same guid 0", web.url("/s/0"), "same", content=f"<p>{prose('dup 0')}</p>"))
    web.routes["/feed"] = Route(rss("Dups", items), content_type=RSS)
    assert reader("feeds", "add", web.url("/feed"))[0] == 0
    assert sorted(reader.articles()) == ["Same guid 0", "Same guid 1", "Same guid 2"]
    _, out, _ = reader("update")
    assert out.strip() == "updated 1 feed: 0 new articles, 1 unchanged, 0 failed"


def test_a_changed_entry_updates_its_article_in_place(web: TestServer, reader: Reader) -> None:
    items = full_items(web)
    web.routes["/feed"] = Route(rss("Gazette", items), content_type=RSS)
    reader("feeds", "add", web.url("/feed"))
    first = reader.articles()["Story 1"]
    reader("mark", first["id"])
    reader("bookmark", first["id"])
    items[1] = Item(
        "Story 1 (corrected)", web.url("/a/1-corrected"), "g1", content=f"<p>{prose('fixed')}</p>"
    )
    web.routes["/feed"] = Route(rss("Gazette", items[1:]), content_type=RSS)  # Story 0 left
    status, out, _ = reader("update")
    assert status == 0
    assert out.strip() == "updated 1 feed: 0 new articles, 0 unchanged, 0 failed"
    articles = reader.articles()
    changed = articles["Story 1 (corrected)"]
    assert changed["id"] == first["id"]
    assert changed["read"] and changed["bookmarked"]
    assert changed["url"] == web.url("/a/1-corrected")
    assert "fixed story went on" in reader.body(changed["id"])
    assert "Story 0" in articles and len(articles) == 3  # an entry that left stays


def test_teaser_entries_get_the_whole_article(web: TestServer, reader: Reader) -> None:
    teaser = (
        '<p>The ferry timetable changes next week.</p><p><a href="/story">Continue reading</a></p>'
    )
    web.routes["/feed"] = Route(
        rss("Gazette", [Item("Ferry timetable", web.url("/story"), "t", description=teaser)]),
        content_type=RSS,
    )
    web.routes["/story"] = Route(page("Timetable changes | Gazette", "timetable"))
    assert reader("feeds", "add", web.url("/feed"))[0] == 0
    article = reader.articles()["Ferry timetable"]
    body = reader.body(article["id"])
    assert "timetable again story went on in its 29th sentence" in body
    assert "newsletter" not in body and "Home" not in body
    assert article["source"] == "Gazette" and article["date"] == "2025-06-10T04:00:00"
    assert web.count("/story") == 1


def test_full_text_never_keeps_the_teaser(web: TestServer, reader: Reader) -> None:
    teaser = "<p>The ferry timetable changes next week.</p>"
    web.routes["/feed"] = Route(
        rss("Gazette", [Item("Ferry timetable", web.url("/story"), "t", description=teaser)]),
        content_type=RSS,
    )
    assert reader("feeds", "add", "--full-text", "never", web.url("/feed"))[0] == 0
    assert web.count("/story") == 0
    assert "changes next week" in reader.body(reader.articles()["Ferry timetable"]["id"])


def test_a_failed_page_keeps_the_teaser_and_is_retried(web: TestServer, reader: Reader) -> None:
    teaser = "<p>The ferry timetable changes next week.</p>"
    web.routes["/feed"] = Route(
        rss("Gazette", [Item("Ferry timetable", web.url("/story"), "t", description=teaser)]),
        content_type=RSS,
        etag='"same"',
    )
    web.routes["/story"] = Route(b"down", status=503, content_type="text/plain")
    assert reader("feeds", "add", web.url("/feed"))[0] == 0
    article = reader.articles()["Ferry timetable"]
    body = reader.body(article["id"])
    assert "changes next week" in body
    assert "The full article could not be downloaded (HTTP 503 Service Unavailable)" in body
    reader("bookmark", article["id"])
    web.routes["/story"] = Route(page("Timetable", "timetable"))
    status, _, _ = reader("update")  # the feed answers 304; the page is tried again
    assert status == 0
    again = reader.articles()["Ferry timetable"]
    assert again["id"] == article["id"] and again["bookmarked"]
    body = reader.body(article["id"])
    assert "timetable again story went on" in body and "could not be downloaded" not in body


def test_an_entry_linking_to_a_private_address_is_not_downloaded(
    web: TestServer, reader: Reader
) -> None:
    web.routes["/feed"] = Route(
        rss("Gazette", [Item("Metadata", "http://169.254.169.254/latest/meta-data/", "m")]),
        content_type=RSS,
    )
    assert reader("feeds", "add", web.url("/feed"))[0] == 0
    body = reader.body(reader.articles()["Metadata"]["id"])
    assert "169.254.169.254 is a private, loopback or link-local address" in body


def test_remove_keeps_the_articles_and_their_state(web: TestServer, reader: Reader) -> None:
    web.routes["/feed"] = Route(rss("Harbour Gazette", full_items(web)), content_type=RSS)
    reader("feeds", "add", web.url("/feed"))
    story = reader.articles()["Story 0"]
    reader("bookmark", story["id"])
    status, out, _ = reader("feeds", "remove", "harbour")
    assert status == 0 and out.startswith("removed: Harbour Gazette")
    assert reader.feeds() == []
    articles = reader.articles()
    assert len(articles) == 3 and articles["Story 0"]["bookmarked"]
    assert reader("feeds", "remove", "nothing-like-it")[0] == 1


def test_export_writes_opml_that_adds_back(
    web: TestServer, reader: Reader, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    web.routes["/feed"] = Route(rss("Harbour & Sons", full_items(web)), content_type=RSS)
    reader("feeds", "add", "--no-update", web.url("/feed"))
    target = tmp_path / "feeds.opml"
    status, out, _ = reader("feeds", "export", str(target))
    assert (status, out.strip()) == (0, f"exported 1 feeds to {target}")
    other = Reader(tmp_path / "other", capsys)
    assert other("feeds", "add", "--no-update", str(target))[0] == 0
    assert [(f["url"], f["title"]) for f in other.feeds()] == [(web.url("/feed"), "Harbour & Sons")]


def test_check_reports_a_damaged_subscriptions_file(web: TestServer, reader: Reader) -> None:
    web.routes["/feed"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    reader("feeds", "add", web.url("/feed"))
    (reader.library / "feeds.json").write_bytes(b'{"feeds": {"1": ')
    status, _, err = reader("check")
    assert status == 1 and "feeds.json: not valid JSON" in err
    status, _, err = reader("feeds")
    assert status == 0 and "restored its previous copy" in err


def test_gzip_bytes_are_never_stored_as_text(web: TestServer, reader: Reader) -> None:
    data = gzip.compress(rss("Gazette", full_items(web)))
    web.routes["/feed"] = Route(data, content_type="application/octet-stream")
    status, _, err = reader("feeds", "add", web.url("/feed"))
    assert status == 1 and "not a web page or feed" in err


def test_add_says_why_when_there_is_no_feed(
    web: TestServer, reader: Reader, tmp_path: Path
) -> None:
    web.routes["/plain"] = Route(b"<html><body><p>No feed named here.</p></body></html>")
    notes = tmp_path / "notes.txt"
    notes.write_text("just some notes")
    status, _, err = reader("feeds", "add", web.url("/plain"), str(notes))
    assert status == 1
    assert err.splitlines()[-2:] == [
        f"reader: {web.url('/plain')}: neither a feed nor a page that names one",
        f"reader: {notes}: not a URL or an OPML file",
    ]
    assert reader.feeds() == []


def test_escape_sequences_in_a_feed_title_never_reach_the_output(
    web: TestServer, reader: Reader
) -> None:
    web.routes["/feed"] = Route(
        rss("Gazette\x1b]0;owned\x07 \x1b[31mred", full_items(web)), content_type=RSS
    )
    status, out, err = reader("feeds", "add", web.url("/feed"))
    assert status == 0, err
    for text in (out, reader("feeds")[1], reader("list")[1]):
        assert "\x1b" not in text and "\x07" not in text
    assert reader.feeds()[0]["title"] == "Gazette red"


def test_a_page_naming_a_feed_on_a_private_address_is_refused(
    web: TestServer, reader: Reader
) -> None:
    web.routes["/"] = Route(
        b'<html><head><link rel="alternate" type="application/rss+xml" '
        b'href="http://169.254.169.254/feed"></head><body><p>Hi</p></body></html>'
    )
    status, _, err = reader("feeds", "add", web.url("/"))
    assert status == 1 and "the feed the page names could not be read" in err
    assert "169.254.169.254 is a private, loopback or link-local address" in err
    assert reader.feeds() == []


def test_feeds_on_a_terminal_name_their_columns_and_scripts_get_lines_only(
    web: TestServer, reader: Reader, monkeypatch: pytest.MonkeyPatch
) -> None:
    web.routes["/feed"] = Route(rss("Gazette", full_items(web)), content_type=RSS)
    reader("feeds", "add", web.url("/feed"))
    [line] = reader("feeds")[1].splitlines()
    assert "3/3" in line and line.endswith("Gazette  [ok]")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    header, row = reader("feeds")[1].splitlines()
    assert header.split() == ["ID", "UNREAD/ALL", "CHECKED", "FEED", "[STATUS]"]
    assert header.index("/") == row.index("/"), "the counts stand under their heading"
