"""Omnivore's export: ``metadata_*.json`` lists plus each article's files by slug.

The content is Markdown (``content/<slug>.md``) or HTML (``content/<slug>.html``); the
highlights are Markdown quotes (``highlights/<slug>.md``). An item whose content is
missing is a link to download. A metadata list imported alone gives links only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reader.ingest.formats import fields
from reader.ingest.formats.document import with_state
from reader.ingest.formats.highlights import highlight, kept
from reader.ingest.formats.items import Failure, Highlight, Item
from reader.ingest.formats.links import page_link
from reader.sanitize import one_line
from reader.store.records import NewArticle

#: Reads one content file: (display name, bytes, url) to an item.
ReadContent = Callable[[str, bytes, str | None], Item]
#: An export's files by (folder, slug): ``("content", slug)`` or ``("highlights", slug)``,
#: each as (display name, bytes).
Files = dict[tuple[str, str], tuple[str, bytes]]
FOLDERS = {"content": ("md", "html", "htm"), "highlights": ("md",)}

#: A label line under a highlight: ``#label #other``.
_LABELS = re.compile(r"#\S+(?:[ \t]+#\S+)*")


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
    name: str, entries: list[Any], files: Files, read_content: ReadContent
) -> list[Item]:
    """Articles from Omnivore metadata, with the content and highlights ``files`` hold."""
    items: list[Item] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            items.append(Failure(f"{name}: entry {number}", "not an Omnivore item"))
            continue
        label = f'{name}: entry {number} ("{(_title(entry) or "untitled")[:60]}")'
        try:
            items.append(_item(name, label, entry, files, read_content))
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
    name: str, label: str, entry: dict[str, Any], files: Files, read_content: ReadContent
) -> Item:
    """One Omnivore item: its content file read as an article, else its link; ``BadField``."""
    title = one_line(fields.text(entry, "title") or "") or None
    url = one_line(fields.text(entry, "url") or "") or None  # no escapes into the store
    slug = fields.optional_text(entry, "slug") or ""
    read = (fields.optional_text(entry, "state") or "").lower() == "archived"
    tags = fields.unique(one_line(tag) for tag in fields.names(entry, "labels", "name"))
    saved = fields.saved_time(entry, "savedAt")
    author = one_line(fields.optional_text(entry, "author") or "") or None
    published = fields.date(entry, "publishedAt")
    marks = _highlights(files.get(("highlights", slug)))
    found = files.get(("content", slug))
    if found is None:
        if not url:
            return Failure(label, "no content and no URL")
        return page_link(
            name,
            label,
            url,
            title=title,
            date=published,
            read=read,
            tags=tags,
            saved=saved,
            author=author,
            summary=fields.optional_text(entry, "description"),
            highlights=marks,
        )
    item = read_content(found[0], found[1], url)
    if isinstance(item, NewArticle):
        item.title = title or item.title
        item.url = url or item.url
        item.author = author or item.author
        item.date = published or item.date
        item.source = item.source or fields.site_name(item.url)
        position = _position(entry.get("readingProgress"), item.body)
        item = with_state(
            item, read=read, tags=tags, saved=saved, highlights=marks, position=position
        )
    return item


def _position(progress: object, body: str) -> dict[str, Any] | None:
    """Omnivore's reading progress (a percentage) as the paragraph reached, if begun."""
    if not isinstance(progress, int | float) or isinstance(progress, bool):
        return None
    if not 0 < progress < 100:
        return None
    paragraphs = sum(1 for block in body.split("\n\n") if block.strip())
    block = int(paragraphs * progress / 100)
    return {"block": block} if block > 0 else None


def _highlights(found: tuple[str, bytes] | None) -> tuple[Highlight, ...]:
    """The highlights file: each a ``> quote``, then optional ``#label`` and note paragraphs."""
    if found is None:
        return ()
    text = found[1].decode("utf-8", errors="replace").replace("\r\n", "\n")
    marks: list[tuple[list[str], list[str]]] = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith(">"):
            lines = [line.removeprefix(">").removeprefix(" ") for line in paragraph.split("\n")]
            marks.append((lines, []))
        elif marks and paragraph.strip() and not _LABELS.fullmatch(paragraph.strip()):
            marks[-1][1].append(paragraph)
    return kept(highlight("\n".join(quote), "\n\n".join(note)) for quote, note in marks)


def omnivore_file(path: str) -> tuple[str, str] | None:
    """``("content", slug)`` for ``content/<slug>.md`` (or ``.html``), ``("highlights",
    slug)`` for ``highlights/<slug>.md``; None for other files."""
    parts = path.rsplit("/", 2)
    if len(parts) < 2 or parts[-2] not in FOLDERS:
        return None
    stem, dot, ext = parts[-1].rpartition(".")
    if not dot or ext.lower() not in FOLDERS[parts[-2]]:
        return None
    return parts[-2], stem
