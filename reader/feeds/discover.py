"""From what the user gave to the feeds to follow: a feed URL, a web page naming its feed
in ``<link rel="alternate">``, or an OPML subscription list (a file, or at a URL)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from reader.ingest.formats.feed import refused_feed
from reader.ingest.formats.feed_xml import NotAFeed, parse_feed
from reader.ingest.formats.items import Failure, Link
from reader.ingest.formats.opml import read_opml
from reader.net.address import is_web_address
from reader.net.http import DEADLINE, Downloader, FetchError
from reader.sanitize import one_line

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+xml",
    "application/xml",
    "text/xml",
)


@dataclass(frozen=True)
class Found:
    """A feed to subscribe to (``title`` may be None), or why ``given`` gave none."""

    given: str
    url: str | None = None
    title: str | None = None
    problem: str | None = None


def feed_links(html: bytes, base: str) -> list[str]:
    """The feeds a web page names in ``<link rel="alternate" type="...">``, in page order."""
    from lxml import etree  # type: ignore[import-untyped]
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";", 1)[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            url = urljoin(base, href)
            if is_web_address(url) and url not in found:
                found.append(url)
    return found


def opml_feeds(name: str, data: bytes) -> list[Found]:
    """Every feed an OPML list names (each one, or why the list is unreadable)."""
    found: list[Found] = []
    for item in read_opml(name, data):
        if isinstance(item, Link):
            if is_web_address(item.url):
                found.append(Found(name, url=item.url, title=item.title))
            else:
                found.append(Found(item.name, problem="not an http(s) address"))
        elif isinstance(item, Failure):
            found.append(Found(item.path, problem=item.reason))
    return found


def _feed_title(data: bytes, url: str) -> tuple[bool, str | None]:
    """Whether ``data`` is a readable feed, and its title."""
    if refused_feed(data):
        return False, None
    try:
        document = parse_feed(data, url)
    except (NotAFeed, RecursionError):
        return False, None
    return True, one_line(document.title or "") or None


async def _discover(url: str, deadline: float) -> list[Found]:
    async with Downloader(deadline=deadline) as downloader:
        try:
            fetched = await downloader.get(url)
        except FetchError as error:
            return [Found(url, problem=str(error))]
        if b"<opml" in fetched.data[:2048].lower():
            return opml_feeds(url, fetched.data)
        is_feed, title = _feed_title(fetched.data, fetched.url)
        if is_feed:
            return [Found(url, url=fetched.moved_to or url, title=title)]
        candidates = feed_links(fetched.data, fetched.url)
        if not candidates:
            return [Found(url, problem="neither a feed nor a page that names one")]
        # The page is untrusted: the feed it names may be on a private address only if
        # that is the host the user named.
        named = {urlsplit(url).hostname or ""}
        reason = "not a readable feed"
        for candidate in candidates:
            try:
                feed = await downloader.get(candidate, named_hosts=named)
            except FetchError as error:
                reason = str(error)
                continue
            is_feed, title = _feed_title(feed.data, feed.url)
            if is_feed:
                return [Found(url, url=feed.moved_to or candidate, title=title)]
        problem = f"the feed the page names could not be read ({candidates[-1]}: {reason})"
        return [Found(url, problem=problem)]


def discover(url: str, *, deadline: float = DEADLINE) -> list[Found]:
    """The feeds at ``url``: itself, the feed its page names, or an OPML list's feeds."""
    return asyncio.run(_discover(url, deadline))
