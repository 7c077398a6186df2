"""Subscriptions written as OPML 2.0, the list every feed reader imports."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime

from reader.store.subscriptions import Subscription


def opml_document(feeds: Sequence[Subscription]) -> bytes:
    """The OPML document listing ``feeds``."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "reader subscriptions"
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = ElementTree.SubElement(root, "body")
    for feed in feeds:
        title = feed.title or feed.url
        attributes = {"type": "rss", "text": title, "title": title, "xmlUrl": feed.url}
        if feed.site:
            attributes["htmlUrl"] = feed.site
        ElementTree.SubElement(body, "outline", attributes)
    ElementTree.indent(root)
    document: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
