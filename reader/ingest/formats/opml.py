"""OPML subscription lists: the feeds they name, downloaded only when the user asks."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from reader.ingest.formats.items import Failure, Item, Link
from reader.sanitize import one_line


def read_opml(name: str, data: bytes) -> list[Item]:
    """A Link for every feed outline (``xmlUrl``), or why the list cannot be read."""
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return [Failure(name, "OPML file has a DOCTYPE; refused (entity expansion is unsafe)")]
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return [Failure(name, f"not readable OPML ({error})")]
    links: list[Item] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        title = one_line(outline.get("title") or outline.get("text") or "") or None
        label = f'{name}: feed "{title}"' if title else f"{name}: {url}"
        links.append(Link(url=url, kind="feed", container=name, name=label, title=title))
    return links or [Failure(name, "OPML file lists no feeds")]
