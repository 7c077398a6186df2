"""Omnivore's export: ``metadata_*.json`` lists plus each article's content by slug.

The content is Markdown (``content/<slug>.md``) or HTML (``content/<slug>.html``); an item
whose content is missing is a link to download.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.ingest.formats import fields
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
        label = f'{name}: entry {number} ("{(_title(entry) or "untitled")[:60]}")'
        try:
            items.append(_item(name, label, entry, contents, read_content))
        except fields.BadField as error:
            items.append(Failure(label, str(error)))
    return items or [Failure(name, "Omnivore export holds no items")]


def _title(entry: dict[str, Any]) -> str | None:
    """The item's title for labels, or None when it has none that is text."""
    try:
        return one_line(fields.text(entry, "title") or "") or None
    except fields.BadField:
        return None


def _item(
    name: str,
    label: str,
    entry: dict[str, Any],
    contents: dict[str, tuple[str, bytes]],
    read_content: ReadContent,
) -> Item:
    """One Omnivore item: its content file read as an article, else its link; ``BadField``."""
    title = one_line(fields.text(entry, "title") or "") or None
    url = one_line(fields.text(entry, "url") or "") or None  # no escapes into the store
    slug = fields.optional_text(entry, "slug") or ""
    read = (fields.optional_text(entry, "state") or "").lower() == "archived"
    tags = tuple(one_line(tag) for tag in fields.names(entry, "labels", "name"))
    saved = fields.date(entry, "savedAt")
    author = one_line(fields.optional_text(entry, "author") or "")
    published = fields.date(entry, "publishedAt")
    found = contents.get(slug)
    if found is None:
        if not url:
            return Failure(label, "no content and no URL")
        return Link(
            url=url,
            kind="page",
            container=name,
            name=label,
            title=title,
            read=read,
            tags=tags,
            saved=saved,
        )
    item = read_content(found[0], found[1], url)
    if isinstance(item, NewArticle):
        item.title = title or item.title
        item.url = url or item.url
        item.author = author or item.author
        item.date = published or item.date
        item = with_state(item, read=read, tags=tags, saved=saved)
    return item


def content_slug(path: str) -> str | None:
    """The slug a ``content/<slug>.md`` or ``.html`` file belongs to."""
    parts = path.rsplit("/", 2)
    if len(parts) < 2 or parts[-2] != "content":
        return None
    stem, dot, ext = parts[-1].rpartition(".")
    return stem if dot and ext.lower() in ("md", "html", "htm") else None
