"""Feeds and pages the tests write: RSS with chosen entries, article pages of real length."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass
class Item:
    """One RSS item; None leaves an element out."""

    title: str | None
    link: str | None = None
    guid: str | None = None
    description: str | None = None
    content: str | None = None
    date: str | None = "Tue, 10 Jun 2025 04:00:00 GMT"


def prose(topic: str, sentences: int = 40) -> str:
    """Sentences about ``topic``, different for each topic."""
    return " ".join(
        f"The {topic} story went on in its {n}th sentence about the harbour."
        for n in range(sentences)
    )


def rss(title: str, items: list[Item], site: str = "http://example.org/") -> bytes:
    """An RSS 2.0 document."""
    parts = []
    for item in items:
        fields = []
        if item.title is not None:
            fields.append(f"<title>{escape(item.title)}</title>")
        if item.link is not None:
            fields.append(f"<link>{escape(item.link)}</link>")
        if item.guid is not None:
            fields.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.date is not None:
            fields.append(f"<pubDate>{item.date}</pubDate>")
        if item.description is not None:
            fields.append(f"<description>{escape(item.description)}</description>")
        if item.content is not None:
            fields.append(f"<content:encoded><![CDATA[{item.content}]]></content:encoded>")
        parts.append("<item>" + "".join(fields) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>{escape(site)}</link>"
        + "".join(parts)
        + "</channel></rss>"
    ).encode()


def page(title: str, topic: str) -> bytes:
    """An article page with menus around it, as a site serves it."""
    return (
        f"<html><head><title>{escape(title)} | The Site</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{escape(title)}</h1><p>{prose(topic, 30)}</p><p>{prose(topic + ' again', 30)}</p>"
        "</article><footer>Subscribe to our newsletter</footer></body></html>"
    ).encode()
