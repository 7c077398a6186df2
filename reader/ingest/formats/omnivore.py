"""Omnivore's export: ``metadata_*.json`` lists plus each article's content by slug.

The content is Markdown (``content/<slug>.md``) or HTML (``content/<slug>.html``); an item
whose content is missing is a link to download.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.dates import normalize_date
from reader.ingest.formats.document import with_state
from reader.ingest.formats.items import Failure, Item, Link
from reader.sanitize import one_line
from reader.store.records import NewArticle

#: Reads one content file: (display name, bytes, url) to an item.
ReadContent = Callable[[str, bytes, str | None], Item]


def is_omnivore(data: object) -> bool:
    """A list of objects with Omnivore's ``slug`` and ``savedAt`` fields."""
    return (
        isinstance(data, list)
        and bool(data)
        and isinstance(data[0], dict)
        and "slug" in data[0]
        and ("savedAt" in data[0] or "readingProgress" in data[0])
    )


def read_omnivore(
    name: str,
    entries: list[Any],
    contents: dict[str, tuple[str, bytes]],
    read_content: ReadContent,
) -> list[Item]:
    """Articles from Omnivore metadata; ``contents`` maps a slug to (name, bytes) of its content."""
    items: list[Item] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            items.append(Failure(f"{name}: entry {number}", "not an Omnivore item"))
            continue
        title = one_line(str(entry.get("title") or "")) or None
        label = f'{name}: entry {number} ("{(title or "untitled")[:60]}")'
        url = one_line(str(entry.get("url") or "")) or None  # no escapes into the store
        slug = str(entry.get("slug") or "")
        read = str(entry.get("state") or "").lower() == "archived"
        tags = tuple(
            one_line(str(t.get("name") if isinstance(t, dict) else t))
            for t in entry.get("labels") or []
            if t
        )
        saved = normalize_date(entry.get("savedAt"))
        found = contents.get(slug)
        if found is None:
            if url:
                items.append(
                    Link(
                        url=url,
                        kind="page",
                        container=name,
                        name=label,
                        title=title,
                        read=read,
                        tags=tags,
                        saved=saved,
                    )
                )
            else:
                items.append(Failure(label, "no content and no URL"))
            continue
        item = read_content(found[0], found[1], url)
        if isinstance(item, NewArticle):
            item.title = title or item.title
            item.url = url or item.url
            item.author = one_line(str(entry.get("author") or "")) or item.author
            item.date = normalize_date(entry.get("publishedAt")) or item.date
            item = with_state(item, read=read, tags=tags, saved=saved)
        items.append(item)
    return items or [Failure(name, "Omnivore export holds no items")]


def content_slug(path: str) -> str | None:
    """The slug a ``content/<slug>.md`` or ``.html`` file belongs to."""
    parts = path.rsplit("/", 2)
    if len(parts) < 2 or parts[-2] != "content":
        return None
    stem, dot, ext = parts[-1].rpartition(".")
    return stem if dot and ext.lower() in ("md", "html", "htm") else None
