"""A feed's bytes to its entries: RSS 2.0, RSS 1.0 and Atom read with lxml, the rest with
feedparser.

feedparser reads almost anything, but at ~50 ms for a 50-entry feed (three times that
with its HTML sanitiser) it would take most of an update of a few hundred feeds. Well-formed
RSS and Atom, nearly every feed there is, are read here with lxml's XML parser in a few
milliseconds; a feed it refuses (malformed XML, an older format) goes to feedparser, which
is lenient. Either way the entries come out in one shape, their HTML untouched: turning it
into safe Markdown is ``entry_markdown``'s job.

Both are handed bytes, never a string (feedparser would open a string as a URL or file),
and neither loads external entities or DTDs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from reader.dates import normalize_date
from reader.net.address import is_web_address

_ATOM = "{http://www.w3.org/2005/Atom}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC = "{http://purl.org/dc/elements/1.1/}"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


class NotAFeed(Exception):
    """The bytes are not a feed any parser could read; the message says why."""


@dataclass
class Entry:
    """One entry as the feed gives it. ``content`` and ``summary`` are HTML (or text)."""

    guid: str | None = None
    title: str | None = None
    link: str | None = None
    content: str = ""
    summary: str = ""
    date: str | None = None
    author: str | None = None
    #: The address relative links in the entry's HTML are resolved against.
    base: str | None = None


@dataclass
class FeedDocument:
    """A parsed feed: its title, the site it belongs to, its entries."""

    title: str | None = None
    site: str | None = None
    entries: list[Entry] = field(default_factory=list)


def parse_feed(data: bytes, url: str | None = None) -> FeedDocument:
    """The feed in ``data`` (fetched from ``url``, which relative links resolve against)."""
    try:
        return _parse_with_lxml(data, url)
    except _Unsupported:
        return _parse_with_feedparser(data, url)


class _Unsupported(Exception):
    """Not something the fast path reads: feedparser gets it."""


def _parse_with_lxml(data: bytes, url: str | None) -> FeedDocument:
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser, base_url=url)
    except (etree.XMLSyntaxError, ValueError):
        raise _Unsupported from None
    if root is None:
        raise _Unsupported
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise _Unsupported
        return _rss(channel, channel.findall("item"), "", url)
    if tag == f"{_RDF}RDF":
        channel = root.find(f"{_RSS1}channel")
        items = root.findall(f"{_RSS1}item")
        if channel is None:
            raise _Unsupported
        return _rss(channel, items, _RSS1, url)
    if tag == f"{_ATOM}feed":
        return _atom(root, url)
    raise _Unsupported


def _text(element: Any) -> str | None:
    """An element's text content (all of it, CDATA included), or None."""
    if element is None:
        return None
    text = element.text or "" if len(element) == 0 else "".join(element.itertext())
    return text.strip() or None


def _children(element: Any) -> dict[str, Any]:
    """The first child element of each tag: one pass, where a ``find`` per field would
    go through lxml's path parser each time (a fifth of reading a feed)."""
    found: dict[str, Any] = {}
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in found:
            found[tag] = child
    return found


def _link(value: str | None, base: str | None) -> str | None:
    """An entry or site link made absolute, kept only if it is a web address."""
    if not value:
        return None
    value = value.strip()
    try:
        absolute = urljoin(base, value) if base else value
    except ValueError:
        return None
    return absolute if is_web_address(absolute) else None


def _rss(channel: Any, items: list[Any], ns: str, url: str | None) -> FeedDocument:
    base = channel.base or url
    document = FeedDocument(
        title=_text(channel.find(f"{ns}title")), site=_link(_text(channel.find(f"{ns}link")), base)
    )
    for item in items:
        item_base = item.base or base
        fields = _children(item)
        guid = _text(fields.get("guid")) or item.get(f"{_RDF}about")
        date = _text(fields.get("pubDate")) or _text(fields.get(f"{_DC}date"))
        author = _text(fields.get(f"{_DC}creator")) or _text(fields.get("author"))
        document.entries.append(
            Entry(
                guid=guid,
                title=_text(fields.get(f"{ns}title")),
                link=_link(_text(fields.get(f"{ns}link")), item_base),
                content=_text(fields.get(_CONTENT)) or "",
                summary=_text(fields.get(f"{ns}description")) or "",
                date=normalize_date(date) if date else None,
                author=author,
                base=item_base,
            )
        )
    return document


def _atom_link(element: Any, base: str | None) -> str | None:
    fallback = None
    for link in element.findall(f"{_ATOM}link"):
        rel = (link.get("rel") or "alternate").strip().lower()
        href = _link(link.get("href"), link.base or base)
        if rel == "alternate" and href:
            return href
        fallback = fallback or (href if rel not in ("self", "edit", "enclosure") else None)
    return fallback


def _atom_text(element: Any) -> str:
    """Atom text constructs: ``html`` and ``text`` as given, ``xhtml`` serialised."""
    if element is None:
        return ""
    kind = (element.get("type") or "text").lower()
    if kind == "xhtml":
        from lxml import etree

        parts = [element.text or ""]
        parts += [etree.tostring(child, encoding="unicode") for child in element]
        return "".join(parts).strip()
    text = "".join(element.itertext()).strip()
    if kind == "text":
        import html

        return html.escape(text)
    return text


def _atom(root: Any, url: str | None) -> FeedDocument:
    base = root.base or url
    document = FeedDocument(title=_text(root.find(f"{_ATOM}title")), site=_atom_link(root, base))
    feed_author = _text(root.find(f"{_ATOM}author/{_ATOM}name"))
    for entry in root.findall(f"{_ATOM}entry"):
        entry_base = entry.base or base
        fields = _children(entry)
        content = fields.get(f"{_ATOM}content")
        date = _text(fields.get(f"{_ATOM}published")) or _text(fields.get(f"{_ATOM}updated"))
        document.entries.append(
            Entry(
                guid=_text(fields.get(f"{_ATOM}id")),
                title=_text(fields.get(f"{_ATOM}title")),
                link=_atom_link(entry, entry_base),
                content=_atom_text(content)
                if content is not None and not content.get("src")
                else "",
                summary=_atom_text(fields.get(f"{_ATOM}summary")),
                date=normalize_date(date) if date else None,
                author=_text(entry.find(f"{_ATOM}author/{_ATOM}name")) or feed_author,
                base=(content.base if content is not None else None) or entry_base,
            )
        )
    return document


def _parse_with_feedparser(data: bytes, url: str | None) -> FeedDocument:
    import feedparser

    headers = {"content-location": url} if url else {}
    try:
        parsed = feedparser.parse(
            data, sanitize_html=False, resolve_relative_uris=False, response_headers=headers
        )
    except Exception as error:  # feedparser is lenient; anything it raises is a broken feed
        raise NotAFeed(f"could not be read as a feed ({type(error).__name__})") from None
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    if not entries and not version:
        problem = parsed.get("bozo_exception")
        raise NotAFeed(f"not a readable feed ({problem})" if problem else "not a feed")
    feed = parsed.get("feed") or {}
    document = FeedDocument(title=feed.get("title") or None, site=_link(feed.get("link"), url))
    for entry in entries:
        contents = entry.get("content") or []
        best = max(contents, key=lambda part: len(part.get("value") or ""), default=None)
        base = (best.get("base") if best else None) or url
        document.entries.append(
            Entry(
                guid=entry.get("id") or None,
                title=entry.get("title") or None,
                link=_link(entry.get("link"), base),
                content=(best.get("value") or "") if best else "",
                summary=entry.get("summary") or "",
                date=_feedparser_date(entry),
                author=entry.get("author") or None,
                base=base,
            )
        )
    return document


def _feedparser_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = entry.get(key)
        if moment:
            return time.strftime("%Y-%m-%dT%H:%M:%S", moment)
    return None
